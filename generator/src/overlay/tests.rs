use super::*;

const SPEC: &str = r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"},
  "paths": {"/a": {"get": {"operationId": "getA", "tags": ["x"]}, "delete": {"operationId": "delA"}},
            "/b": {"get": {"operationId": "getB", "tags": ["x", "y"]}}}}"#;

fn run(overlay: &str) -> Result<(Value, Vec<Diagnostic>), Vec<Diagnostic>> {
    apply("spec.json", SPEC, &[Overlay { path: "o.yaml", text: overlay }]).map(|(text, warnings)| (serde_json::from_str(&text).unwrap(), warnings))
}

#[test]
fn update_merges_and_remove_removes() {
    let (doc, warnings) = run(
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n\
         - target: $.paths['/a'].get\n  update: {x-rust-method: things.get, tags: [z]}\n\
         - target: $.paths['/a'].delete\n  remove: true\n\
         - target: $.info\n  update: {description: D}\n",
    )
    .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(doc["paths"]["/a"]["get"]["x-rust-method"], "things.get");
    // A property's value is replaced, an object's merged.
    assert_eq!(doc["paths"]["/a"]["get"]["tags"], serde_json::json!(["z"]));
    assert!(doc["paths"]["/a"].get("delete").is_none());
    assert_eq!(doc["info"]["description"], "D");
    assert_eq!(doc["info"]["title"], "T");
}

#[test]
fn a_targeted_array_gets_the_update_appended() {
    let (doc, _) = run("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.paths['/b'].get.tags\n  update: z\n").unwrap();
    assert_eq!(doc["paths"]["/b"]["get"]["tags"], serde_json::json!(["x", "y", "z"]));
}

#[test]
fn removes_array_items_from_the_end() {
    let (doc, _) = run("overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.paths.*.get.tags[*]\n  remove: true\n").unwrap();
    assert_eq!(doc["paths"]["/b"]["get"]["tags"], serde_json::json!([]));
}

#[test]
fn a_target_that_selects_nothing_is_a_warning_naming_it() {
    let (_, warnings) = run("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.paths['/nope'].get\n  remove: true\n").unwrap();
    assert_eq!(warnings.len(), 1);
    let text = warnings[0].to_string();
    assert!(text.contains("o.yaml") && text.contains("#/actions/0/target") && text.contains("$.paths['/nope'].get"), "{text}");
}

#[test]
fn copy_merges_one_node() {
    let (doc, _) = run("overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $.paths['/b'].get\n  copy: $.info\n").unwrap();
    assert_eq!(doc["paths"]["/b"]["get"]["title"], "T");
}

#[test]
fn malformed_overlays_are_errors() {
    let errors = run("overlay: 2.0.0\nactions: []\n").unwrap_err();
    assert!(errors[0].to_string().contains("1.0.x or 1.1.x"), "{}", errors[0]);
    let errors = run("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n- target: $[\n  remove: true\n- update: {}\n").unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn named_overlays_are_read_from_x_rust_client() {
    assert_eq!(named("openapi: 3.0.3\nx-rust-client:\n  overlays: [a.yaml, b.yaml]\n"), ["a.yaml", "b.yaml"]);
    assert!(named(SPEC).is_empty());
}
