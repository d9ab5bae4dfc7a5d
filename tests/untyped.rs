//! `cargo xtask gen --report-untyped`: every place of `tests/fixtures/untyped.yaml` that is
//! `serde_json::Value` or bytes, with its pointer and reason, and the count on the summary line.

use generator::{generate, untyped, Reason, Settings};

fn output() -> generator::Output {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("fixtures/untyped.yaml")).unwrap();
    generate(&text, &Settings::for_spec("tests/fixtures/untyped.yaml")).unwrap()
}

#[test]
fn every_untyped_place_with_its_pointer_and_reason() {
    let out = output();
    let found: Vec<(Reason, &str, &str)> = out.untyped.iter().map(|u| (u.reason, u.pointer.as_str(), u.place.as_str())).collect();
    use Reason::*;
    assert_eq!(
        found,
        [
            (Unsupported, "#/components/schemas/Base/properties/meta", "field `Base.meta`"),
            (Unsupported, "#/components/schemas/NotAString", "type `NotAString`"),
            (Unsupported, "#/paths/~1records~1{filter}/get/parameters/0", "parameter `filter` of `get_records`"),
            (FreeForm, "#/components/schemas/Base/properties/labels/additionalProperties", "values of field `Base.labels`"),
            (FreeForm, "#/components/schemas/Record/allOf/1/properties/payload", "field `Record.payload`"),
            (FreeForm, "#/components/schemas/Record/allOf/1/properties/tags/items", "items of field `Record.tags`"),
            (FreeForm, "#/paths/~1records~1{filter}/get/responses/200/content/application~1json/schema", "response of `get_records`"),
            (Binary, "#/components/schemas/Record/allOf/1/properties/attachment", "field `Record.attachment`"),
            (Binary, "#/paths/~1records~1{id}~1file/put/requestBody/content/application~1pdf", "request body of `put_file`"),
        ]
    );
    // Each unsupported place carries the warning given at its pointer.
    for u in &out.untyped {
        assert_eq!(u.warning.is_some(), u.reason == Unsupported, "{u:?}");
        if let Some(w) = &u.warning {
            assert!(out.warnings.iter().any(|d| d.message == *w && d.to_string().contains(&u.pointer)), "{u:?}");
        }
    }
}

#[test]
fn the_report_groups_by_reason_and_the_summary_counts() {
    let out = output();
    assert_eq!(untyped::summary(&out.untyped), "9 untyped (3 unsupported, 4 free-form, 2 binary)");
    let report = untyped::report("tests/fixtures/untyped.yaml", &out.untyped);
    let heads: Vec<&str> = report.lines().filter(|l| !l.starts_with("    ")).collect();
    assert_eq!(
        heads,
        [
            "tests/fixtures/untyped.yaml: 9 untyped (3 unsupported, 4 free-form, 2 binary)",
            "  unsupported (3): a construct the generator cannot express (serde_json::Value)",
            "  free-form (4): the spec allows any JSON (serde_json::Value)",
            "  binary (2): binary data (bytes; inside JSON, the string as sent)",
        ]
    );
    assert!(report.contains(
        "    #/components/schemas/NotAString  type `NotAString`: `not` cannot be expressed in Rust types; using `serde_json::Value`\n"
    ));
}

#[test]
fn a_typed_spec_has_no_untyped_places() {
    let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      \
                responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              \
                schema: {type: object, properties: {n: {type: integer}}}\n";
    let out = generate(text, &Settings::for_spec("a.yaml")).unwrap();
    assert!(out.untyped.is_empty(), "{:?}", out.untyped);
    assert_eq!(untyped::summary(&out.untyped), "0 untyped");
}
