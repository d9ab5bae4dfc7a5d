//! `cargo xtask lint`: a corpus of deliberately broken specs (`tests/lint-specs/`), each with its
//! findings pinned as a snapshot; the real specs lint clean with their examples validated; the
//! command's exit status; and no panic on any input.

use workspace_tests::root;
use xtask::lint::{lint_file, lint_text, Severity};

#[test]
fn broken_specs_report_every_finding_with_line_and_pointer() {
    insta::glob!("lint-specs/*", |path| {
        let name = path.file_name().unwrap().to_string_lossy();
        let report = lint_file(path, &format!("tests/lint-specs/{name}"));
        assert!(report.errors() + report.warnings() > 0, "{name}: no finding");
        insta::assert_snapshot!(report.render());
    });
}

/// The warnings the real specs are known to have, and why each is accepted:
/// (spec, rule, pointer).
const ACCEPTED_WARNINGS: &[(&str, &str, &str)] = &[
    // The API documents `Published`, `Preview`, `published` and `preview` as distinct values;
    // the generator names the lower-case ones `PublishedLower` and `PreviewLower`.
    ("specs/sitecore-tokens.yaml", "enum-names", "#/components/schemas/PublishState/enum/2"),
    ("specs/sitecore-tokens.yaml", "enum-names", "#/components/schemas/PublishState/enum/3"),
    // The AWS model's pattern for `name` uses a look-ahead, which Rust's regex cannot compile.
    ("specs/route53-global-resolver.yaml", "example", "#/components/schemas/GetAccessTokenOutput/properties/name"),
];

#[test]
fn the_real_specs_lint_clean_and_their_examples_validate() {
    let specs = xtask::lint::default_specs(&root());
    assert_eq!(specs.len(), 3, "expected the three specs in specs/");
    let mut unexpected = Vec::new();
    for (path, shown) in &specs {
        let report = lint_file(path, shown);
        eprint!("{}", report.render());
        assert_eq!(report.errors(), 0, "{shown} has lint errors:\n{}", report.render());
        assert!(report.examples_checked > 0, "{shown}: no documented example was validated");
        for f in report.findings.iter().filter(|f| f.severity == Severity::Warning) {
            let pointer = f.pointer.as_deref().unwrap_or("");
            if !ACCEPTED_WARNINGS.contains(&(shown.as_str(), f.rule, pointer)) {
                unexpected.push(f.to_string());
            }
        }
    }
    assert!(unexpected.is_empty(), "new warnings on specs/ (fix them, or accept them in ACCEPTED_WARNINGS with a reason):\n{}", unexpected.join("\n"));
}

/// Every defect `gen --spec` works around with a warning (the `recover_*` fixtures) is an error
/// to the lint, at the same pointer, and fails the command: the lint is for the team's own specs.
/// (`recover_v31_schema_keywords.yaml` holds only JSON Schema keywords that are warnings to both.)
#[test]
fn the_lint_calls_each_recoverable_defect_an_error() {
    for (name, text, pointers) in workspace_tests::recover_fixtures() {
        let report = lint_text(&text, &format!("tests/fixtures/{name}"));
        let warnings_only = name == "recover_v31_schema_keywords.yaml";
        for pointer in &pointers {
            let found = report.findings.iter().find(|f| f.pointer.as_deref() == Some(pointer.as_str()) && f.rule == "generator");
            let Some(found) = found else { panic!("{name}: the lint says nothing at {pointer}:\n{}", report.render()) };
            let want = if warnings_only { Severity::Warning } else { Severity::Error };
            assert_eq!(found.severity, want, "{name}: {found}");
        }
        if !warnings_only {
            let path = root().join("tests/fixtures").join(&name);
            assert!(!xtask::lint::run(&[path.to_string_lossy().into_owned()]).unwrap(), "{name}: the lint must exit 1");
        }
    }
}

#[test]
fn the_command_fails_on_errors_only() {
    let arg = |p: &str| vec![root().join(p).to_string_lossy().into_owned()];
    assert!(!xtask::lint::run(&arg("tests/lint-specs/operations.yaml")).unwrap(), "errors must fail the command");
    assert!(xtask::lint::run(&arg("specs/sitecore-tokens.yaml")).unwrap(), "warnings alone must not fail it");
    assert!(!xtask::lint::run(&arg("tests/lint-specs/no-such-spec.yaml")).unwrap(), "an unreadable spec is an error");
    assert!(xtask::lint::run(&["--strict".to_string()]).is_err(), "unknown flags are usage errors");
}

#[test]
fn every_prefix_of_every_spec_lints_without_panicking() {
    let mut inputs: Vec<String> = ["", "{", "[]", "null", "openapi: 3.0.3", "paths: [1, 2]", "- a\n- b", "openapi: 3.0.3\npaths:\n  /a:\n    get: 7\n"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for (path, _) in xtask::lint::default_specs(&root()) {
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for n in (0..lines.len()).step_by(7) {
            inputs.push(lines[..n].join("\n"));
        }
    }
    for (i, text) in inputs.iter().enumerate() {
        let report = lint_text(text, "prefix.yaml");
        for f in &report.findings {
            assert!(f.line >= 1 && f.line <= text.lines().count().max(1) + 1, "input {i}: line {} out of range in {f}", f.line);
        }
    }
}
