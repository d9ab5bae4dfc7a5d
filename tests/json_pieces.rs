//! The generator reads a JSON spec's `paths` and `components` apart, on two threads
//! (`generator::load::typed_from_json`). On every spec at hand, the result is exactly what
//! `serde_json` reads into `openapiv3::OpenAPI` in one go. (`tests/fuzz.rs` checks the same on
//! mutated specs.)

use workspace_tests::{root, shared_dir};

fn same_as_serde(name: &str, json: &str) {
    let usual: openapiv3::OpenAPI = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    let pieces = generator::load::typed_from_json(json).unwrap_or_else(|| panic!("{name}: the piecewise parse declined"));
    assert!(pieces == usual, "{name}: the piecewise parse differs from serde_json's");
}

#[test]
fn the_workspace_specs_read_the_same_in_pieces() {
    let mut count = 0;
    for dir in ["specs", "tests/fixtures", "tests/specs"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(value) = serde_yaml::from_str::<serde_json::Value>(&text) else { continue };
            if serde_json::from_value::<openapiv3::OpenAPI>(value.clone()).is_err() {
                continue;
            }
            let json = value.to_string();
            if value["openapi"].as_str().is_some_and(generator::load::is_31) || generator::load::has_schema_references(&json) {
                // A 3.1 document, or one with JSON Schema's anchors and dynamic references, is
                // rewritten on its raw tree first: the piecewise parse declines it.
                assert!(generator::load::typed_from_json(&json).is_none(), "{}", path.display());
                continue;
            }
            same_as_serde(&path.display().to_string(), &value.to_string());
            count += 1;
        }
    }
    assert!(count >= 10, "only {count} specs were compared");
}

#[test]
fn cloudflare_reads_the_same_in_pieces() {
    let Some(shared) = shared_dir("the Cloudflare piecewise-parse check") else { return };
    let path = shared.join("real-specs").join("cloudflare-openapi.json");
    let text = std::fs::read_to_string(&path).unwrap();
    same_as_serde("cloudflare-openapi.json", &text);
}
