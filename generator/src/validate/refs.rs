//! Every `$ref` must lead somewhere in the document. One that does not (a typo, another file, a
//! value that is not a string) is repaired by where it stands: a parameter is dropped, a
//! response keeps only its description, a request body is any JSON value, a schema is any value
//! (`serde_json::Value`), another component (header, example, link, callback, path item) is
//! dropped.

use super::repair::{Fix, Repairs};
use super::{resolve_pointer, METHODS};
use crate::diag::{escape_segment, pointer, Diagnostics};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::HashSet;

/// Checks every `$ref` and returns the repairs for those that lead nowhere.
pub(super) fn check(doc: &Value, diags: &mut Diagnostics) -> Repairs {
    let mut repairs = Repairs::default();
    walk(doc, doc, &mut Vec::new(), &mut HashSet::new(), diags, &mut repairs);
    repairs
}

fn walk<'a>(
    doc: &Value,
    node: &'a Value,
    path: &mut Vec<Cow<'a, str>>,
    resolved: &mut HashSet<&'a str>,
    diags: &mut Diagnostics,
    repairs: &mut Repairs,
) {
    match node {
        Value::Object(map) => {
            // Under `properties`, keys are property names (a property may be called `$ref`).
            let names_level = path.last().is_some_and(|p| p == "properties");
            if let Some(r) = map.get("$ref").filter(|_| !names_level) {
                let problem = match r.as_str() {
                    Some(target) if !target.starts_with('#') => Some((
                        format!("external reference `{target}` is not supported"),
                        "bundle the spec into one file so every `$ref` starts with `#/`".to_string(),
                    )),
                    Some(target) if resolved.contains(target) => None,
                    Some(target) if resolve_pointer(doc, target).is_some() => {
                        resolved.insert(target);
                        None
                    }
                    Some(target) => Some((format!("unresolvable reference `{target}`"), suggest(doc, target))),
                    None => Some(("`$ref` must be a string".to_string(), "write the reference as a string such as `#/components/schemas/Name`".to_string())),
                };
                if let Some((problem, help)) = problem {
                    let (fallback, fix, at) = fallback(map, path);
                    let mut here: Vec<&str> = path.iter().map(|s| s.as_ref()).collect();
                    here.push("$ref");
                    diags.recover(pointer(&here), problem, fallback, Some(help));
                    repairs.push(&at, fix);
                }
            }
            for (k, v) in map {
                // A property called `example` is a schema; an `example` keyword's value is data.
                if !names_level && (k == "$ref" || k == "example") {
                    continue;
                }
                path.push(Cow::Borrowed(k));
                walk(doc, v, path, resolved, diags, repairs);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Cow::Owned(i.to_string()));
                walk(doc, v, path, resolved, diags, repairs);
                path.pop();
            }
        }
        _ => {}
    }
}

/// What stands in for a reference that leads nowhere, by where it is: what was done (for the
/// warning), the fix, and the path it applies to.
fn fallback(map: &serde_json::Map<String, Value>, path: &[Cow<'_, str>]) -> (&'static str, Fix, Vec<String>) {
    let p: Vec<&str> = path.iter().map(|s| s.as_ref()).collect();
    let owned = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let n = p.len();
    let parent = |back: usize| if n >= back { p[n - back] } else { "" };
    let component = parent(3) == "components";
    let in_operation = METHODS.contains(&parent(3));
    let description = map.get("description").cloned().unwrap_or_else(|| json!(""));
    match (parent(2), parent(1)) {
        ("parameters", i) if component || i.parse::<usize>().is_ok() => ("the parameter is left out", Fix::Remove, owned(&p)),
        ("responses", _) if component || in_operation => {
            ("the response has no body", Fix::Replace(json!({ "description": description })), owned(&p))
        }
        ("requestBodies", _) if component => body(&p),
        (m, "requestBody") if METHODS.contains(&m) => body(&p),
        ("headers" | "examples" | "links" | "callbacks" | "securitySchemes" | "pathItems", _) if component => {
            ("it is left out", Fix::Remove, owned(&p))
        }
        ("headers", _) if parent(4) == "responses" || parent(4) == "components" => ("the header is left out", Fix::Remove, owned(&p)),
        ("paths" | "webhooks" | "x-webhooks", _) if n == 2 => ("the path is left out", Fix::Remove, owned(&p)),
        _ => {
            let mut at = owned(&p);
            at.push("$ref".to_string());
            ("the schema is read as any value (`serde_json::Value`)", Fix::Remove, at)
        }
    }
}

fn body(p: &[&str]) -> (&'static str, Fix, Vec<String>) {
    let any = json!({ "content": { "application/json": { "schema": {} } } });
    ("the request body is any JSON value (`serde_json::Value`)", Fix::Replace(any), p.iter().map(|s| s.to_string()).collect())
}

fn suggest(doc: &Value, target: &str) -> String {
    let Some((parent, name)) = target.rsplit_once('/') else {
        return "point `$ref` at an existing component".to_string();
    };
    if let Some(Value::Object(siblings)) = resolve_pointer(doc, parent) {
        let lower = name.to_ascii_lowercase();
        if let Some(close) = siblings.keys().find(|k| k.to_ascii_lowercase() == lower || k.to_ascii_lowercase().replace(['-', '_'], "") == lower.replace(['-', '_'], "")) {
            return format!("did you mean `{parent}/{}`?", escape_segment(close));
        }
        return format!("define `{name}` under `{}` or fix the name", parent.trim_start_matches('#'));
    }
    format!("`{parent}` does not exist; define it or fix the reference")
}
