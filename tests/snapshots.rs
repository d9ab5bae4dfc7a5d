//! The generator's output on small fixture specs, one per construct, pinned with insta.
//! Review changes with `cargo insta review`; in CI (`CI=true`) snapshots are only asserted.

use generator::{generate, Settings};

/// The Rust files of both crates, plus any warnings, as one reviewable text.
fn render(path: &std::path::Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    let text = std::fs::read_to_string(path).unwrap();
    let out = generate(&text, &Settings::for_spec(&format!("tests/fixtures/{name}")))
        .unwrap_or_else(|diags| panic!("{name} does not generate:\n{}", diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")));
    let mut snap = String::new();
    for w in &out.warnings {
        snap.push_str(&format!("// {w}\n"));
    }
    for f in out.files.iter().filter(|f| f.path.ends_with(".rs")) {
        snap.push_str(&format!("// ===== {} =====\n{}\n", f.path, f.contents));
    }
    snap
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.yaml", |path| {
        insta::assert_snapshot!(render(path));
    });
}

/// The client's API listing of the event-stream fixture: its streaming calls and their types.
#[test]
fn event_streams_api_md() {
    let text = std::fs::read_to_string("fixtures/event_streams.yaml").unwrap();
    let out = generate(&text, &Settings::for_spec("tests/fixtures/event_streams.yaml")).unwrap();
    let api_md = out.files.iter().find(|f| f.path.ends_with("API.md")).unwrap();
    insta::assert_snapshot!(api_md.contents);
}

/// The API listing of the WebSocket fixture: the upgrade is marked.
#[test]
fn websocket_upgrade_api_md() {
    let text = std::fs::read_to_string("fixtures/websocket_upgrade.yaml").unwrap();
    let out = generate(&text, &Settings::for_spec("tests/fixtures/websocket_upgrade.yaml")).unwrap();
    let api_md = out.files.iter().find(|f| f.path.ends_with("API.md")).unwrap();
    insta::assert_snapshot!(api_md.contents);
}
