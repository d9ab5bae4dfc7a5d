//! The workspace's tasks as a library, so tests run exactly what `cargo xtask` runs.

pub mod gen;
pub mod paths;
