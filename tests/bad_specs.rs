//! Unreadable specs (text that does not parse, a document that is not OpenAPI 3.x, a document
//! whose own fields do not read) get every problem at once, each naming the file, where (JSON
//! pointer, or line and column for syntax errors) and the fix; nothing is written. The messages
//! are snapshots. Every other defect is a warning and generation goes on: the
//! `tests/fixtures/recover_*.yaml` fixtures, checked by `tests/recovered.rs`.

use generator::{generate, Settings, Severity};

#[test]
fn bad_specs_report_every_problem() {
    insta::glob!("bad-specs/*", |path| {
        let name = path.file_name().unwrap().to_string_lossy();
        let text = std::fs::read_to_string(path).unwrap();
        let diags = match generate(&text, &Settings::for_spec(&format!("tests/bad-specs/{name}"))) {
            Ok(_) => panic!("{name} generated, but it is broken"),
            Err(diags) => diags,
        };
        assert!(diags.iter().any(|d| d.severity == Severity::Error), "{name}: no error reported");
        let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        insta::assert_snapshot!(messages.join("\n"));
    });
}

#[test]
fn the_command_writes_nothing_for_a_bad_spec() {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-spec-out");
    let args = workspace_tests::gen_spec_args("tests/bad-specs/wrong_shape_document.yaml", &out);
    let ok = xtask::gen::run(&args).expect("the command runs");
    assert!(!ok, "the command must fail");
    assert!(!out.exists(), "nothing may be written for a bad spec");
}

/// JSON specs are checked by a quicker pass first (`generator::validate::passes`), which hands
/// anything doubtful to the full validation: the same problems in JSON give the same messages.
#[test]
fn bad_specs_as_json_report_the_same_problems() {
    let mut compared = 0;
    for entry in std::fs::read_dir(workspace_tests::root().join("tests/bad-specs")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if path.extension().is_some_and(|e| e == "json") {
            continue;
        }
        let Ok(value) = serde_yaml::from_str::<serde_json::Value>(&text) else { continue };
        let settings = Settings::for_spec("bad.yaml");
        let messages = |text: &str| match generate(text, &settings) {
            Ok(_) => panic!("{} generated, but it is broken", path.display()),
            Err(diags) => diags.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        };
        assert_eq!(messages(&value.to_string()), messages(&text), "{}", path.display());
        compared += 1;
    }
    assert!(compared >= 5, "only {compared} bad specs compared");
}
