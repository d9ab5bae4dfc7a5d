//! Every fixture's generated crates compile and pass clippy with `-D warnings`, like
//! progenitor's trybuild pass: a snapshot of code that does not build proves nothing.
//!
//! The crates are written to a scratch workspace under cargo's target directory and checked with a
//! target directory of their own (the first run builds the dependencies once).

use generator::{generate, Settings};
use std::path::Path;
use std::process::Command;
use workspace_tests::root;

#[test]
fn fixture_crates_pass_clippy() {
    let root = root();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();

    let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    fixtures.sort();
    let mut members = Vec::new();
    for path in &fixtures {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut settings = Settings::for_spec(&format!("tests/fixtures/{name}"));
        settings.runtime_path = xtask::paths::relative(&scratch.join("crate"), &root.join("runtime"));
        let out = generate(&std::fs::read_to_string(path).unwrap(), &settings)
            .unwrap_or_else(|d| panic!("{name}: {d:?}"));
        for f in &out.files {
            let dest = scratch.join(&f.path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, &f.contents).unwrap();
        }
        members.push(format!("\"{}-models\", \"{}-client\"", out.name, out.name));
    }
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    // Same dependency versions as the workspace.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["clippy", "--quiet", "--workspace", "--all-targets", "--", "-D", "warnings"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "generated fixture crates do not pass clippy:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{} fixture specs generated and passed clippy", fixtures.len());
}
