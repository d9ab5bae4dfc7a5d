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

/// The fixtures with defects the generator works around (`tests/fixtures/recover_*.yaml`): each
/// file's name, text, and the pointers its `# warns: <pointer>` header lines list.
pub fn recover_fixtures() -> Vec<(String, String, Vec<String>)> {
    let dir = root().join("tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if !name.starts_with("recover_") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let pointers = text.lines().filter_map(|l| l.strip_prefix("# warns: ")).map(|p| p.trim().to_string()).collect();
        out.push((name, text, pointers));
    }
    out.sort();
    out
}

/// The arguments of `cargo xtask gen --spec <spec> --out <out>` for a spec under the workspace
/// root, with `out` emptied first.
pub fn gen_spec_args(spec: &str, out: &Path) -> Vec<String> {
    let _ = std::fs::remove_dir_all(out);
    let spec = root().join(spec);
    vec!["--spec".into(), spec.to_string_lossy().into_owned(), "--out".into(), out.to_string_lossy().into_owned()]
}
