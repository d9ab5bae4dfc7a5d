//! Pieces a document must have and a vendor's spec sometimes lacks, filled in before `openapiv3`
//! reads it, each with a warning saying what was done: a response without a `description` gets
//! an empty one, a parameter with neither `schema` nor `content` is a string, a parameter
//! without a `name` or a known `in` is left out (no way to tell where it goes), `info` gets the
//! title and version it lacks. Whatever still does not read drops its operation (see
//! [`typed`](super::typed)).

use super::walk::METHODS;
use crate::diag::{escape_segment, Diagnostics};
use crate::pointer::Pointer;
use serde_json::{json, Map, Value};

const LOCATIONS: &[&str] = &["query", "header", "path", "cookie"];

/// Fills in or takes out what the document lacks.
pub fn repair(doc: &mut Value, diags: &mut Diagnostics) {
    let Some(map) = doc.as_object_mut() else { return };
    info(map, diags);
    for key in ["paths", "x-webhooks"] {
        let Some(Value::Object(items)) = map.get_mut(key) else { continue };
        for (path, item) in items.iter_mut().filter(|(path, _)| !path.starts_with("x-")) {
            let Some(item) = item.as_object_mut() else { continue };
            let at = format!("#/{key}/{}", escape_segment(path));
            parameters(item, &at, diags);
            for (method, op) in item.iter_mut().filter(|(m, _)| METHODS.contains(&m.as_str())) {
                let Some(op) = op.as_object_mut() else { continue };
                let at = format!("{at}/{method}");
                parameters(op, &at, diags);
                if let Some(Value::Object(responses)) = op.get_mut("responses") {
                    for (code, r) in responses.iter_mut().filter(|(code, _)| is_status(code)) {
                        response(r, &format!("{at}/responses/{}", escape_segment(code)), diags);
                    }
                }
            }
        }
    }
    let Some(Value::Object(components)) = map.get_mut("components") else { return };
    if let Some(Value::Object(responses)) = components.get_mut("responses") {
        for (name, r) in responses.iter_mut() {
            response(r, Pointer::component("responses", name).as_str(), diags);
        }
    }
    if let Some(Value::Object(params)) = components.get_mut("parameters") {
        params.retain(|name, p| parameter(p, Pointer::component("parameters", name).as_str(), diags));
    }
}

fn info(map: &mut Map<String, Value>, diags: &mut Diagnostics) {
    let info = map.entry("info").or_insert_with(|| json!({}));
    let Some(info) = info.as_object_mut() else { return };
    for (key, default) in [("title", "API"), ("version", "0.0.0")] {
        if !info.get(key).is_some_and(Value::is_string) {
            diags.recover(
                format!("#/info/{key}"),
                format!("`info` has no `{key}`"),
                format!("`{default}` is used"),
                Some(format!("add `{key}:` to `info`")),
            );
            info.insert(key.into(), Value::String(default.into()));
        }
    }
}

/// A path item's or operation's `parameters`.
fn parameters(owner: &mut Map<String, Value>, at: &str, diags: &mut Diagnostics) {
    let Some(Value::Array(list)) = owner.get_mut("parameters") else { return };
    let mut i = 0;
    list.retain_mut(|p| {
        i += 1;
        parameter(p, &format!("{at}/parameters/{}", i - 1), diags)
    });
}

/// Repairs one parameter; `false` when it is to be left out.
fn parameter(p: &mut Value, at: &str, diags: &mut Diagnostics) -> bool {
    let Some(p) = p.as_object_mut().filter(|p| !p.contains_key("$ref")) else { return true };
    let name = p.get("name").and_then(Value::as_str).map(str::to_string);
    let place = p.get("in").and_then(Value::as_str).filter(|l| LOCATIONS.contains(l));
    let (Some(name), Some(_)) = (name, place) else {
        diags.recover(
            at,
            "a parameter needs a `name` and `in` (one of `query`, `header`, `path`, `cookie`)",
            "the parameter is left out",
            Some("add the missing `name` or `in`".to_string()),
        );
        return false;
    };
    if !p.contains_key("schema") && !p.contains_key("content") {
        diags.recover(
            at,
            format!("parameter `{name}` has neither `schema` nor `content`"),
            "it is read as a string",
            Some("add `schema: {type: string}` (or the parameter's type)".to_string()),
        );
        p.insert("schema".into(), json!({"type": "string"}));
    }
    true
}

/// Whether a key of `responses` is a status code (`200`, `4XX`) or `default`: `openapiv3` reads
/// only those.
fn is_status(code: &str) -> bool {
    let b = code.as_bytes();
    match code.parse::<i64>() {
        _ if code == "default" => true,
        _ if b.len() != 3 => false,
        Ok(n) => (100..=999).contains(&n),
        Err(_) => b[0].is_ascii_digit() && b[1].eq_ignore_ascii_case(&b'X') && b[2].eq_ignore_ascii_case(&b'X'),
    }
}

fn response(r: &mut Value, at: &str, diags: &mut Diagnostics) {
    let Some(r) = r.as_object_mut().filter(|r| !r.contains_key("$ref")) else { return };
    if !r.get("description").is_some_and(Value::is_string) {
        diags.recover(
            at,
            "the response has no `description`",
            "it is read with an empty one",
            Some("add `description:` to the response".to_string()),
        );
        r.insert("description".into(), Value::String(String::new()));
    }
}
