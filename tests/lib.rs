//! Shared helpers for the workspace's tests.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// The shared material (seeds and real specs): `$SHARED_DIR`, by default `../shared` next to the
/// workspace. `None`, with a visible message, when it is absent (a user's clone has none).
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("SHARED_DIR") {
        Some(d) => PathBuf::from(d),
        None => root().join("..").join("shared"),
    };
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped {what}: shared material not found at {} (set SHARED_DIR)", dir.display());
        None
    }
}

/// A spec from `specs/` as JSON.
pub fn spec(name: &str) -> Value {
    let path = root().join("specs").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The node at a JSON pointer (`/paths/~1user~1tokens~1verify/get`).
pub fn at<'a>(doc: &'a Value, pointer: &str) -> &'a Value {
    doc.pointer(pointer).unwrap_or_else(|| panic!("no node at {pointer}"))
}

/// The `example` of an operation's response media type.
pub fn response_example(doc: &Value, path: &str, method: &str, status: &str) -> Value {
    let escaped = path.replace('~', "~0").replace('/', "~1");
    at(doc, &format!("/paths/{escaped}/{method}/responses/{status}/content/application~1json/example")).clone()
}
