//! OpenAPI Overlay 1.0 and 1.1: changes to a spec kept outside it, applied to the raw document
//! before anything else reads it, so everything an `x-rust-*` key can say about a vendor's spec
//! can be said without editing (or forking) that spec.
//!
//! An overlay has `overlay: 1.0.x` or `1.1.x`, `info` and a list of `actions`; each action has a
//! `target`, a JSONPath (RFC 9535, read by `serde_json_path`), and either `remove: true` (every
//! node it selects is removed) or `update` (merged into every node it selects: an object key by
//! key, objects within it deeply and other values replaced; a selected array gets the value
//! appended, or its items when it is an array). 1.1's
//! `copy` (a JSONPath selecting one node) merges that node instead of `update`. Actions apply in
//! order, overlays in the order given. A target that selects nothing is a warning naming the
//! overlay file and the action; a malformed overlay is an error, and nothing is generated.

use crate::diag::{Diagnostic, Diagnostics, Location, Severity};
use serde_json::Value;
use serde_json_path::JsonPath;

/// One overlay document: its path as printed in messages, and its text (YAML or JSON).
#[derive(Clone, Copy, Debug)]
pub struct Overlay<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// The spec with every overlay applied, as JSON text, and the warnings (targets that selected
/// nothing). On error, every problem found.
pub fn apply(spec_path: &str, spec: &str, overlays: &[Overlay<'_>]) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Diagnostics::new(spec_path);
    let Some(mut doc) = crate::load::parse_value(spec, &mut diags) else { return Err(diags.into_vec()) };
    let mut found = Vec::new();
    for overlay in overlays {
        let mut d = Diagnostics::new(overlay.path);
        if let Some(value) = crate::load::parse_value(overlay.text, &mut d) {
            apply_one(&mut doc, &value, &mut d);
        }
        found.extend(d.into_vec());
    }
    if found.iter().any(|d| d.severity == Severity::Error) {
        return Err(found);
    }
    serde_json::to_string(&doc).map(|text| (text, found)).map_err(|e| {
        vec![Diagnostic { severity: Severity::Error, file: spec_path.to_string(), location: Location::Document, message: format!("the overlaid spec cannot be written as JSON: {e}"), help: None }]
    })
}

fn apply_one(doc: &mut Value, overlay: &Value, diags: &mut Diagnostics) {
    let version = overlay.get("overlay").and_then(Value::as_str).unwrap_or("");
    if !(version.starts_with("1.0.") || version.starts_with("1.1.")) {
        diags.error("#/overlay", format!("`overlay` must be a version 1.0.x or 1.1.x, found `{version}`"), Some("write `overlay: 1.0.0`".to_string()));
        return;
    }
    let Some(actions) = overlay.get("actions").and_then(Value::as_array) else {
        diags.error("#/actions", "an overlay needs a list of `actions`", Some("add `actions:` with a `target` and an `update` or `remove` each".to_string()));
        return;
    };
    for (i, action) in actions.iter().enumerate() {
        let at = format!("#/actions/{i}");
        let Some(target) = action.get("target").and_then(Value::as_str) else {
            diags.error(format!("{at}/target"), "an action needs a `target` (a JSONPath)", None);
            continue;
        };
        let path = match JsonPath::parse(target) {
            Ok(path) => path,
            Err(e) => {
                diags.error(format!("{at}/target"), format!("`{target}` is not a JSONPath: {e}"), Some("write an RFC 9535 JSONPath such as `$.paths['/users'].get`".to_string()));
                continue;
            }
        };
        let pointers: Vec<String> = path.query_located(doc).locations().map(|l| l.to_json_pointer()).collect();
        if pointers.is_empty() {
            diags.warn(format!("{at}/target"), format!("the target `{target}` selects nothing in the spec; the action does nothing"));
            continue;
        }
        if action.get("remove").and_then(Value::as_bool) == Some(true) {
            remove(doc, pointers);
            continue;
        }
        let Some(update) = update_value(doc, action, &at, diags) else { continue };
        for pointer in &pointers {
            if let Some(node) = doc.pointer_mut(pointer) {
                merge(node, &update);
            }
        }
    }
}

/// The value an action merges: its `update`, or the one node its `copy` selects (1.1).
fn update_value(doc: &Value, action: &Value, at: &str, diags: &mut Diagnostics) -> Option<Value> {
    if let Some(update) = action.get("update") {
        return Some(update.clone());
    }
    let Some(copy) = action.get("copy").and_then(Value::as_str) else {
        diags.error(at.to_string(), "an action needs `update`, `copy` or `remove: true`", None);
        return None;
    };
    let from = JsonPath::parse(copy).ok().and_then(|p| p.query(doc).exactly_one().ok().cloned());
    if from.is_none() {
        diags.error(format!("{at}/copy"), format!("`{copy}` must be a JSONPath selecting exactly one node"), None);
    }
    from
}

/// Removes the nodes at `pointers`, the last array items first so that indices stay right.
fn remove(doc: &mut Value, mut pointers: Vec<String>) {
    pointers.sort_by_key(|p| std::cmp::Reverse(index_key(p)));
    for pointer in pointers {
        let Some((parent, last)) = pointer.rsplit_once('/') else {
            *doc = Value::Null;
            continue;
        };
        let key = crate::pointer::unescape_plain(last);
        match doc.pointer_mut(parent) {
            Some(Value::Object(map)) => {
                map.shift_remove(&key);
            }
            Some(Value::Array(items)) => {
                if let Some(i) = key.parse::<usize>().ok().filter(|i| *i < items.len()) {
                    items.remove(i);
                }
            }
            _ => {}
        }
    }
}

/// Sorts pointers so that, under one parent, higher array indices go first.
fn index_key(pointer: &str) -> (String, usize) {
    match pointer.rsplit_once('/') {
        Some((parent, last)) => (parent.to_string(), last.parse().unwrap_or(0)),
        None => (String::new(), 0),
    }
}

/// Merges `update` into `node`: objects key by key (deeply), an array gets it appended (its
/// items, when it is an array), anything else is replaced.
fn merge(node: &mut Value, update: &Value) {
    match (node, update) {
        (Value::Object(target), Value::Object(update)) => {
            for (k, v) in update {
                match target.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        target.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (Value::Array(items), Value::Array(more)) => items.extend(more.iter().cloned()),
        (Value::Array(items), value) => items.push(value.clone()),
        (node, value) => *node = value.clone(),
    }
}

#[cfg(test)]
mod tests;

/// The overlays a spec names itself, in `x-rust-client.overlays` (paths relative to the spec).
pub fn named(spec: &str) -> Vec<String> {
    if !spec.contains("overlays") {
        return Vec::new();
    }
    let mut diags = Diagnostics::new("");
    let doc = crate::load::parse_value(spec, &mut diags).unwrap_or_default();
    let list = doc.get(crate::ext::Key::Client.name()).and_then(|c| c.get("overlays")).and_then(Value::as_array);
    list.into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect()
}
