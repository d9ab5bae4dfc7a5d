//! Every fixture's generated crates compile and pass clippy with `-D warnings`, like
//! progenitor's trybuild pass: a snapshot of code that does not build proves nothing.
//!
//! The crates are written to a scratch workspace under cargo's target directory and checked with a
//! target directory of their own (the first run builds the dependencies once).
//!
//! Crates with per-tag features (`tests/fixtures/tag_features.yaml`) are also checked with
//! `--no-default-features` (everything gated off) and with `--no-default-features --features TAG`
//! for each tag alone, so that no `cfg` leaves a dangling reference or an unused item, and their
//! crate-doc example is run as a doctest with the default features.

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
    // (client crate, models crate, the client's tag features) of the fixtures that have features.
    let mut featured: Vec<(String, String, Vec<String>)> = Vec::new();
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
        let client_toml = out.files.iter().find(|f| f.path == format!("{}-client/Cargo.toml", out.name)).unwrap();
        let features = tag_features(&client_toml.contents);
        if !features.is_empty() {
            featured.push((format!("{}-client", out.name), format!("{}-models", out.name), features));
        }
    }
    assert!(!featured.is_empty(), "no fixture has per-tag features (tests/fixtures/tag_features.yaml should)");
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    // Same dependency versions as the workspace.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();

    let cargo = |command: &str, args: &[&str], rest: &[&str]| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args([command, "--quiet"])
            .args(args)
            .args(rest)
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-target"))
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "generated fixture crates do not pass `cargo {command} {}`:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    };
    let clippy = |args: &[&str]| cargo("clippy", args, &["--", "-D", "warnings"]);
    clippy(&["--workspace", "--all-targets"]);
    eprintln!("{} fixture specs generated and passed clippy", fixtures.len());

    for (client, models, features) in &featured {
        let both = ["-p", client.as_str(), "-p", models.as_str(), "--all-targets", "--no-default-features"];
        clippy(&both);
        for feature in features {
            let only = format!("{client}/{feature}");
            clippy(&[&both[..], &["--features", &only]].concat());
        }
        // The crate docs' example uses calls from any tag: it compiles with the default features.
        cargo("test", &["--doc", "-p", client], &[]);
        eprintln!(
            "{client}: passed clippy with no features and with each of {} alone; its doctest passes",
            features.join(", ")
        );
    }
}

/// The tag features of a generated client manifest: every feature but `default` and `full`.
fn tag_features(manifest: &str) -> Vec<String> {
    let Some((_, table)) = manifest.split_once("\n[features]\n") else { return Vec::new() };
    table
        .lines()
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split_once(" = ").map(|(name, _)| name.trim()))
        .filter(|name| !name.starts_with('#') && !name.is_empty() && *name != "default" && *name != "full")
        .map(str::to_string)
        .collect()
}
