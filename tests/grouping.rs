//! Resource groups derived from specs without `x-rust-method` (`generator::lower::grouping`),
//! one fixture per rule in `tests/grouping-specs/`, and an OpenAPI Overlay applied to a vendor's
//! spec (`tests/overlays/`): each pinned as the client's `API.md` (the call surface, one row per
//! call) with the warnings above it.

use generator::overlay::{apply, Overlay};
use generator::{generate, Settings};
use workspace_tests::root;

fn surface(spec_path: &str, text: &str) -> String {
    let out = generate(text, &Settings::for_spec(spec_path)).unwrap_or_else(|d| panic!("{spec_path}: {d:?}"));
    let api_md = out.files.iter().find(|f| f.path.ends_with("API.md")).unwrap();
    let mut snap: String = out.warnings.iter().map(|w| format!("<!-- {w} -->\n")).collect();
    snap.push_str(&format!("<!-- surface: {} -->\n", out.surface));
    snap.push_str(&api_md.contents);
    snap
}

#[test]
fn each_grouping_rule() {
    insta::glob!("grouping-specs/*.yaml", |path| {
        let name = path.file_name().unwrap().to_string_lossy();
        let text = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(surface(&format!("tests/grouping-specs/{name}"), &text));
    });
}

#[test]
fn an_overlay_renames_paginates_and_removes() {
    let dir = root().join("tests/overlays");
    let spec = std::fs::read_to_string(dir.join("vendor.yaml")).unwrap();
    let overlay = std::fs::read_to_string(dir.join("overlay.yaml")).unwrap();
    let (text, warnings) = apply("tests/overlays/vendor.yaml", &spec, &[Overlay { path: "tests/overlays/overlay.yaml", text: &overlay }]).unwrap();
    let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, ["warning: tests/overlays/overlay.yaml: #/actions/3/target: the target `$.paths['/things/{id}'].patch` selects nothing in the spec; the action does nothing"]);
    let mut snap = format!("<!-- {} -->\n", warnings[0]);
    snap.push_str(&surface("tests/overlays/vendor.yaml", &text));
    insta::assert_snapshot!(snap);
}

/// `gen --spec FILE --overlay O` writes the overlaid spec's crates; a spec that names its
/// overlay in `x-rust-client.overlays` is read with it applied (as `gen`, `lint` and `diff` read it).
#[test]
fn gen_applies_overlays_given_and_named() {
    let dir = root().join("tests/overlays");
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("overlay-gen");
    let _ = std::fs::remove_dir_all(&out);
    let arg = |p: &std::path::Path| p.to_string_lossy().into_owned();
    let args = ["--spec".to_string(), arg(&dir.join("vendor.yaml")), "--out".into(), arg(&out), "--overlay".into(), arg(&dir.join("overlay.yaml")), "--quiet-warnings".into()];
    assert!(xtask::gen::run(&args).unwrap());
    let api_md = std::fs::read_to_string(out.join("vendor-client/API.md")).unwrap();
    assert!(api_md.contains("`client.things().list()`") && !api_md.contains("/internal/debug"), "{api_md}");

    let named = out.join("named.yaml");
    let spec = std::fs::read_to_string(dir.join("vendor.yaml")).unwrap();
    std::fs::write(&named, spec.replace("openapi: 3.0.3", "openapi: 3.0.3\nx-rust-client: {overlays: [overlay.yaml]}")).unwrap();
    std::fs::copy(dir.join("overlay.yaml"), out.join("overlay.yaml")).unwrap();
    let text = xtask::overlays::read_file(&named, "named.yaml", &[]).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["paths"]["/things"]["get"]["x-rust-method"], "things.list");
    assert!(doc["paths"].get("/internal/debug").is_none());
}
