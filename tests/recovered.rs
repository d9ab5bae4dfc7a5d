//! A spec with defects the generator can work around still generates: each defect is a warning
//! (a fallback) or a note (a contradictory schema read in the one typed way it allows) naming its
//! JSON pointer and what was done instead, never a refusal of the whole spec. The
//! fixtures `tests/fixtures/recover_*.yaml` hold one class of defect each and list, in `# warns:`
//! header lines, every pointer they must be warned at; their output is pinned by
//! `tests/snapshots.rs` and compiled by `tests/fixtures_compile.rs`. `cargo xtask lint` reports
//! the same defects as errors (`tests/lint.rs`).

use generator::{generate, Location, Settings, Severity};
use workspace_tests::recover_fixtures;

#[test]
fn every_recoverable_defect_is_a_warning_naming_its_pointer() {
    let fixtures = recover_fixtures();
    assert!(fixtures.len() >= 12, "only {} recover_* fixtures", fixtures.len());
    for (name, text, expected) in fixtures {
        assert!(!expected.is_empty(), "{name}: no `# warns:` line");
        let out = generate(&text, &Settings::for_spec(&format!("tests/fixtures/{name}")))
            .unwrap_or_else(|d| panic!("{name} does not generate:\n{}", d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")));
        assert!(out.warnings.iter().all(|w| w.severity != Severity::Error), "{name}: an error in the warnings");
        let mut warned: Vec<String> = out
            .warnings
            .iter()
            .filter_map(|w| match &w.location {
                Location::Pointer(p) => Some(p.clone()),
                _ => None,
            })
            .collect();
        warned.sort();
        warned.dedup();
        let mut want = expected.clone();
        want.sort();
        let shown: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(warned, want, "{name}: the warnings' pointers differ from its `# warns:` lines:\n{}", shown.join("\n"));
        // Each warning says what was done instead.
        for w in &out.warnings {
            assert!(w.message.contains(';') || w.message.contains("left out") || w.message.contains("read as"), "{name}: no fallback said in `{w}`");
        }
    }
}

/// The command writes the crates and succeeds on a spec with defects, saying each.
#[test]
fn the_command_generates_a_spec_with_defects() {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("recovered-spec-out");
    let args = workspace_tests::gen_spec_args("tests/fixtures/recover_many_problems.yaml", &out);
    assert!(xtask::gen::run(&args).expect("the command runs"), "the command must succeed");
    assert!(out.join("recover-many-problems-client/src/lib.rs").is_file(), "the client crate is written");
}

/// The same defects in JSON (read by the quicker pass first) give the same warnings.
#[test]
fn recovered_specs_as_json_warn_the_same() {
    for (name, text, _) in recover_fixtures() {
        let value: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        let settings = Settings::for_spec("spec");
        let warnings = |text: &str| match generate(text, &settings) {
            Ok(out) => out.warnings.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            Err(d) => panic!("{name} does not generate: {d:?}"),
        };
        assert_eq!(warnings(&value.to_string()), warnings(&text), "{name}");
    }
}
