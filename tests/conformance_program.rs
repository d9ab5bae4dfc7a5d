//! The conformance program (`generator::sample`'s template, `runner.rs`, and the calls written
//! for each operation) is otherwise compiled only by `cargo xtask conformance`, which needs the
//! mock server: here it is type-checked for fixture specs that cover its branches (typed and
//! untyped multipart bodies, form bodies, query styles, cookies, an envelope, optional bodies),
//! with no operation set aside, so that a broken template fails `cargo test` without Prism.

use generator::sample::prepare;
use generator::{generate, Settings};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use workspace_tests::root;

/// Fixtures whose every operation the program must call.
const FIXTURES: &[&str] = &["multipart.yaml", "form_bodies.yaml", "query_styles.yaml", "cookie_params.yaml", "envelope.yaml", "request_bodies.yaml"];

#[test]
fn the_conformance_program_type_checks() {
    let root = root();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-program");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut members = Vec::new();
    for fixture in FIXTURES {
        let text = std::fs::read_to_string(root.join("tests/fixtures").join(fixture)).unwrap();
        let mut settings = Settings::for_spec(&format!("tests/fixtures/{fixture}"));
        settings.runtime_path = xtask::paths::relative(&scratch.join("crate"), &root.join("runtime"));
        let out = generate(&text, &settings).unwrap_or_else(|d| panic!("{fixture}: {d:?}"));
        for f in &out.files {
            let dest = scratch.join(&f.path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, &f.contents).unwrap();
        }
        let prepared = prepare(&text, &settings).unwrap_or_else(|d| panic!("{fixture}: {d:?}"));
        assert!(!prepared.operations().is_empty(), "{fixture} has operations");
        let program = scratch.join(format!("{}-conformance", out.name));
        std::fs::create_dir_all(program.join("src")).unwrap();
        let main = prepared.main_rs(&BTreeSet::new()).unwrap_or_else(|e| panic!("{fixture}: {e}"));
        std::fs::write(program.join("src/main.rs"), main).unwrap();
        let runtime = xtask::paths::relative(&program, &root.join("runtime"));
        // The manifest names the client crate as `../<name>-client`.
        std::fs::write(program.join("Cargo.toml"), prepared.manifest(&runtime)).unwrap();
        members.push(format!("\"{0}-models\", \"{0}-client\", \"{0}-conformance\"", out.name));
    }
    std::fs::write(scratch.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "))).unwrap();
    // Same dependency versions as the workspace.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--workspace", "--message-format", "short"])
        .current_dir(&scratch)
        // The fixture crates' target directory: their dependencies are built there already.
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "the conformance programs do not type-check:\n{}", String::from_utf8_lossy(&output.stderr));
}
