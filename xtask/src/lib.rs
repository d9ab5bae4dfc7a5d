//! The workspace's tasks as a library, so tests run exactly what `cargo xtask` runs.

pub mod bench;
pub mod check_cloudflare;
pub mod compare;
pub mod conformance;
pub mod corpus;
pub mod diff;
pub mod gen;
pub mod lint;
pub mod overlays;
pub mod paths;
pub mod rusage;
pub mod surface;
pub mod vendor;
