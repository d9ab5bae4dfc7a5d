//! `validate`'s pass over the extensions: every `x-` key this generator owns, wherever it is,
//! parsed as its type (see [`Key::check`]); a bad one is reported and taken out.

use super::{client, Key};
use crate::diag::{pointer, Diagnostics};
use crate::validate::repair::{Fix, Repairs};
use serde_json::Value;
use std::borrow::Cow;

/// What generation does with an extension it cannot use.
const IGNORED: &str = "the extension is ignored";

/// Whether an `x-` key and its value pass [`validate`]'s check: `None` for another vendor's
/// extension (not checked), `Some(false)` for an unknown `x-rust-` key or a bad value.
pub(crate) fn extension_ok(key: &str, value: &Value) -> Option<bool> {
    match Key::find(key) {
        Some(k) => Some(k.check(value).is_ok()),
        None if key.starts_with("x-rust-") => Some(false),
        None => None,
    }
}

/// Walks the whole document and checks every extension this generator owns; each bad one is
/// to be taken out (the repairs returned).
pub fn validate(doc: &Value, diags: &mut Diagnostics) -> Repairs {
    let mut path = Vec::new();
    let mut repairs = Repairs::default();
    walk(doc, &mut path, diags, &mut repairs);
    if let Some(client) = doc.get(Key::Client.name()) {
        for key in validate_client(client, diags) {
            repairs.push(&[Key::Client.name(), key.as_str()], Fix::Remove);
        }
    }
    repairs
}

/// Checks the document-level `x-rust-client` object's keys and values; returns the keys found bad.
pub(crate) fn validate_client(client: &Value, diags: &mut Diagnostics) -> Vec<String> {
    let Some(client) = client.as_object() else { return Vec::new() };
    let mut bad = Vec::new();
    for (key, message, help) in client::problems(client) {
        diags.recover(pointer(&[Key::Client.name(), key.as_str()]), message, IGNORED, help);
        bad.push(key);
    }
    bad
}

/// Checks one `x-` key at `path`: a known key's value, or an unknown `x-rust-` key.
fn check(key: &str, value: &Value, path: &[Cow<str>], diags: &mut Diagnostics) {
    match Key::find(key) {
        Some(k) => {
            if let Err((message, help)) = k.check(value) {
                diags.recover(pointer(path), message, IGNORED, help);
            }
        }
        None if key.starts_with("x-rust-") => {
            let known: Vec<_> = Key::ALL.iter().map(|k| k.name()).collect();
            diags.recover(pointer(path), format!("unknown extension `{key}`"), IGNORED, Some(format!("known extensions: {}", known.join(", "))));
        }
        // Other vendors' extensions are not ours to judge.
        None => {}
    }
}

fn walk<'a>(node: &'a Value, path: &mut Vec<Cow<'a, str>>, diags: &mut Diagnostics, repairs: &mut Repairs) {
    match node {
        Value::Object(map) => {
            // Property names inside `properties` are data, not extensions.
            let is_property_name = path.last().is_some_and(|p| p == "properties");
            for (k, v) in map {
                path.push(Cow::Borrowed(k));
                if !is_property_name && k.starts_with("x-") {
                    let before = diags.items().len();
                    check(k, v, path, diags);
                    if diags.items().len() > before {
                        repairs.push(path, Fix::Remove);
                    }
                } else {
                    walk(v, path, diags, repairs);
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Cow::Owned(i.to_string()));
                walk(v, path, diags, repairs);
                path.pop();
            }
        }
        _ => {}
    }
}
