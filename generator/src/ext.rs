//! The `x-` extensions the generator understands, and their validation.
//!
//! The README's "Spec extensions" section documents each of them.

use crate::diag::{pointer, Diagnostics};
use crate::validate::repair::{Fix, Repairs};
use serde_json::Value;
use std::borrow::Cow;

/// Keys allowed inside the document-level `x-rust-client` object.
pub const CLIENT_KEYS: &[&str] =
    &["name", "version", "token-env", "auth-env", "base-url-env", "request-id-header", "envelope", "error-code"];

/// Every `x-rust-*` (and related) extension, and what its value must be.
const KNOWN: &[(&str, Kind)] = &[
    ("x-rust-client", Kind::Object),
    ("x-rust-method", Kind::CallPath),
    ("x-rust-name", Kind::Ident),
    ("x-rust-auth", Kind::OneOf(&["aws-sigv4", "bearer"])),
    ("x-aws-signing-name", Kind::String),
    ("x-sensitive", Kind::Bool),
    ("x-rust-error-code", Kind::String),
    ("x-rust-retryable", Kind::Bool),
    ("x-rust-header", Kind::String),
    ("x-idempotency-token", Kind::Bool),
    ("x-rust-stream-item", Kind::Object),
    ("x-rust-pagination", Kind::Pagination),
];

#[derive(Clone, Copy)]
enum Kind {
    Object,
    String,
    Bool,
    Ident,
    CallPath,
    OneOf(&'static [&'static str]),
    Pagination,
}

/// What generation does with an extension it cannot use.
const IGNORED: &str = "the extension is ignored";

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn check_value(kind: Kind, key: &str, value: &Value, at: &str, diags: &mut Diagnostics) {
    let bad = |diags: &mut Diagnostics, expected: &str| {
        diags.recover(at, format!("`{key}` must be {expected}, found `{value}`"), IGNORED, Some(format!("write `{key}` as {expected}")));
    };
    match kind {
        Kind::Object => {
            if !value.is_object() {
                bad(diags, "a mapping")
            }
        }
        Kind::String => {
            if value.as_str().is_none_or(str::is_empty) {
                bad(diags, "a non-empty string")
            }
        }
        Kind::Bool => {
            if !value.is_boolean() {
                bad(diags, "`true` or `false`")
            }
        }
        Kind::Ident => {
            if !value.as_str().is_some_and(|s| is_ident(s) && !crate::names::is_keyword(s) && s != "_") {
                bad(diags, "a Rust identifier (not a keyword) such as `TokenStatus`")
            }
        }
        Kind::CallPath => {
            if !value.as_str().is_some_and(|s| s.split('.').all(|seg| is_ident(seg) && seg == seg.to_ascii_lowercase())) {
                bad(diags, "a dotted snake_case call path such as `accounts.tokens.get`")
            }
        }
        Kind::Pagination => {
            if let Err((problem, fix)) = check_pagination(value) {
                diags.recover(at, format!("`{key}` {problem}"), IGNORED, Some(fix));
            }
        }
        Kind::OneOf(options) => {
            if !value.as_str().is_some_and(|s| options.contains(&s)) {
                bad(diags, &format!("one of {}", options.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ")))
            }
        }
    }
}

/// `x-rust-pagination`: `false`, or a mapping with a `style`, the `param` the style needs, and
/// JSON pointers (`/a/b`) for the places it reads.
fn check_pagination(value: &Value) -> Result<(), (String, String)> {
    const STYLES: [&str; 5] = ["cursor", "starting-after", "page", "offset", "link"];
    const POINTERS: [&str; 6] = ["items", "next", "has-more", "id", "total-pages", "total"];
    let example = "write `x-rust-pagination: {style: cursor, param: cursor, next: /next_cursor}`, or `false` to turn it off";
    let Some(map) = value.as_object() else {
        return match value {
            Value::Bool(false) => Ok(()),
            _ => Err((format!("must be `false` or a mapping, found `{value}`"), example.to_string())),
        };
    };
    let style = map.get("style").and_then(Value::as_str).unwrap_or_default();
    if !STYLES.contains(&style) {
        return Err((
            format!("needs `style`, one of {}", STYLES.map(|s| format!("`{s}`")).join(", ")),
            example.to_string(),
        ));
    }
    let needed: &[&str] = match style {
        "cursor" => &["param", "next"],
        "starting-after" => &["param", "has-more"],
        "page" | "offset" => &["param"],
        _ => &[],
    };
    for key in needed {
        if !map.contains_key(*key) {
            return Err((format!("with `style: {style}` needs `{key}`"), format!("add `{key}:` to `x-rust-pagination`")));
        }
    }
    for (key, v) in map {
        let Some(text) = v.as_str() else {
            return Err((format!("`{key}` must be a string, found `{v}`"), format!("write `{key}` as a string")));
        };
        if POINTERS.contains(&key.as_str()) {
            if !(text.is_empty() || text.starts_with('/')) {
                return Err((format!("`{key}` must be a JSON pointer such as `/data`, found `{text}`"), format!("start `{key}` with `/`")));
            }
        } else if !["style", "param"].contains(&key.as_str()) {
            let keys = ["style", "param"].iter().chain(POINTERS.iter()).map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            return Err((format!("has an unknown key `{key}`"), format!("use only {keys}")));
        }
    }
    Ok(())
}

/// Whether an `x-` key and its value pass [`validate`]'s check: `None` for another vendor's
/// extension (not checked), `Some(false)` for an unknown `x-rust-` key or a bad value.
pub(crate) fn extension_ok(key: &str, value: &Value) -> Option<bool> {
    match KNOWN.iter().find(|(name, _)| *name == key) {
        Some((_, kind)) => {
            let mut found = Diagnostics::strict("");
            check_value(*kind, key, value, "", &mut found);
            Some(!found.has_errors())
        }
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
    if let Some(client) = doc.get("x-rust-client") {
        for key in validate_client(client, diags) {
            repairs.push(&["x-rust-client", key.as_str()], Fix::Remove);
        }
    }
    repairs
}

/// Checks the document-level `x-rust-client` object's keys and values; returns the keys found bad.
pub(crate) fn validate_client(client: &Value, diags: &mut Diagnostics) -> Vec<String> {
    let mut bad = Vec::new();
    if let Some(client) = client.as_object() {
        let at = pointer(&["x-rust-client"]);
        for (k, v) in client {
            let here = format!("{at}/{}", crate::diag::escape_segment(k));
            let before = diags.items().len();
            match k.as_str() {
                "name" => {
                    if !v.as_str().is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')) {
                        diags.recover(here, format!("`name` must be a lower-case crate prefix such as `my-api`, found `{v}`"), IGNORED, None);
                    }
                }
                "version" => {
                    let ok = v.as_str().is_some_and(|s| {
                        let parts: Vec<_> = s.split('.').collect();
                        parts.len() == 3 && parts.iter().all(|p| p.parse::<u64>().is_ok())
                    });
                    if !ok {
                        diags.recover(here, format!("`version` must be a semver version such as `0.1.0`, found `{v}`"), IGNORED, None);
                    }
                }
                "token-env" | "request-id-header" => check_value(Kind::String, k, v, &here, diags),
                "base-url-env" => {
                    let ok = v.as_str().is_some()
                        || v.as_array().is_some_and(|a| a.iter().all(|x| x.as_str().is_some_and(|s| !s.is_empty())));
                    if !ok {
                        diags.recover(here, format!("`base-url-env` must be an env var name or a list of them, found `{v}`"), IGNORED, None);
                    }
                }
                "error-code" => check_value(Kind::OneOf(&["status", "aws"]), k, v, &here, diags),
                "envelope" => {
                    let ok = v.as_object().is_some_and(|m| {
                        m.get("result").and_then(Value::as_str).is_some()
                            && m.iter().all(|(ek, ev)| matches!(ek.as_str(), "result" | "success") && ev.is_string())
                    });
                    if !ok {
                        diags.recover(
                            here,
                            format!("`envelope` must be a mapping with `result` (and optionally `success`) property names, found `{v}`"),
                            IGNORED,
                            Some("for example `envelope: {result: result, success: success}`".to_string()),
                        );
                    }
                }
                _ => diags.recover(
                    here,
                    format!("unknown key `{k}` in `x-rust-client`"),
                    IGNORED,
                    Some(format!("known keys: {}", CLIENT_KEYS.join(", "))),
                ),
            }
            if diags.items().len() > before {
                bad.push(k.clone());
            }
        }
    }
    bad
}

fn walk<'a>(node: &'a Value, path: &mut Vec<Cow<'a, str>>, diags: &mut Diagnostics, repairs: &mut Repairs) {
    match node {
        Value::Object(map) => {
            // Property names inside `properties` are data, not extensions.
            let is_property_name = path.last().is_some_and(|p| p == "properties");
            for (k, v) in map {
                if !is_property_name && k.starts_with("x-") {
                    let before = diags.items().len();
                    path.push(Cow::Borrowed(k));
                    if let Some((_, kind)) = KNOWN.iter().find(|(name, _)| name == k) {
                        check_value(*kind, k, v, &pointer(path), diags);
                    } else if k.starts_with("x-rust-") {
                        let known: Vec<_> = KNOWN.iter().map(|(n, _)| *n).collect();
                        diags.recover(pointer(path), format!("unknown extension `{k}`"), IGNORED, Some(format!("known extensions: {}", known.join(", "))));
                    }
                    if diags.items().len() > before {
                        repairs.push(path, Fix::Remove);
                    }
                    path.pop();
                    // Other vendors' extensions are not ours to judge.
                    continue;
                }
                path.push(Cow::Borrowed(k));
                walk(v, path, diags, repairs);
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

/// Reads a string extension.
pub fn str_ext<'a>(ext: &'a indexmap::IndexMap<String, Value>, key: &str) -> Option<&'a str> {
    ext.get(key).and_then(Value::as_str)
}

/// Reads a boolean extension (false when absent).
pub fn bool_ext(ext: &indexmap::IndexMap<String, Value>, key: &str) -> bool {
    ext.get(key).and_then(Value::as_bool).unwrap_or(false)
}
