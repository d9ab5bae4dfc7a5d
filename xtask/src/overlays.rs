//! Specs as the commands see them: with their overlays applied (`generator::overlay`). A spec
//! names its own in `x-rust-client.overlays` (paths relative to the spec's directory, applied
//! first); `gen --spec FILE --overlay O` adds more, in order. `gen`, `gen --check`, `lint` and
//! `diff` all read specs through here. Warnings (a target that selects nothing) go to stderr.

use std::path::{Path, PathBuf};

/// `text`, the spec shown as `label`, with the overlays it names (read with `read`, given each
/// path as written relative to the spec's directory) and then `extra` applied; `text` itself
/// when there are none. Errors name the overlay file and the place in it.
pub fn apply(label: &str, text: String, read: impl Fn(&str) -> Result<String, String>, extra: &[PathBuf]) -> Result<String, String> {
    let named = generator::overlay::named(&text);
    if named.is_empty() && extra.is_empty() {
        return Ok(text);
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for name in &named {
        files.push((name.clone(), read(name)?));
    }
    for path in extra {
        let shown = path.display().to_string();
        let body = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
        files.push((shown, body));
    }
    let overlays: Vec<generator::overlay::Overlay<'_>> = files.iter().map(|(path, text)| generator::overlay::Overlay { path, text }).collect();
    match generator::overlay::apply(label, &text, &overlays) {
        Ok((overlaid, warnings)) => {
            for w in warnings {
                eprintln!("{w}");
            }
            Ok(overlaid)
        }
        Err(errors) => Err(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
    }
}

/// A spec file on disk with its overlays applied (those it names are read beside it).
pub fn read_file(path: &Path, label: &str, extra: &[PathBuf]) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{label}: {e}"))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    apply(label, text, |name| std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{name} (named by {label}): {e}")), extra)
}
