//! Step 2, validate: collect every problem with its JSON pointer before lowering anything.

mod quick;

pub use quick::passes;

use crate::diag::{escape_segment, pointer, Diagnostics};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Runs every check on the raw document.
pub fn validate(doc: &Value, diags: &mut Diagnostics) {
    let mut path = Vec::new();
    check_refs(doc, doc, &mut path, &mut HashSet::new(), diags);
    check_operation_ids(doc, diags);
    check_path_params(doc, diags);
    crate::ext::validate(doc, diags);
}

/// Resolves a local `$ref` (`#/components/schemas/X`) in the document.
pub fn resolve_pointer<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let rest = reference.strip_prefix('#')?;
    if rest.is_empty() {
        return Some(doc);
    }
    let mut node = doc;
    for raw in rest.strip_prefix('/')?.split('/') {
        let seg = decode_segment(raw);
        node = match node {
            Value::Object(m) => m.get(&seg)?,
            Value::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// One segment of a `$ref` fragment as a key: JSON-pointer escapes (`~1`, `~0`) and URI
/// percent-encoding undone.
pub(crate) fn decode_segment(raw: &str) -> String {
    percent_decode(&raw.replace("~1", "/").replace("~0", "~"))
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn check_refs<'a>(doc: &Value, node: &'a Value, path: &mut Vec<Cow<'a, str>>, resolved: &mut HashSet<&'a str>, diags: &mut Diagnostics) {
    match node {
        Value::Object(map) => {
            // Under `properties`, keys are property names (a property may be called `$ref`).
            let names_level = path.last().is_some_and(|p| p == "properties");
            if let Some(r) = map.get("$ref").filter(|_| !names_level) {
                path.push(Cow::Borrowed("$ref"));
                match r.as_str() {
                    Some(target) if !target.starts_with('#') => diags.error(
                        pointer(path),
                        format!("external reference `{target}` is not supported"),
                        Some("bundle the spec into one file so every `$ref` starts with `#/`".to_string()),
                    ),
                    Some(target) if resolved.contains(target) => {}
                    Some(target) => {
                        if resolve_pointer(doc, target).is_some() {
                            resolved.insert(target);
                        } else {
                            diags.error(
                                pointer(path),
                                format!("unresolvable reference `{target}`"),
                                Some(suggest(doc, target)),
                            );
                        }
                    }
                    None => diags.error(pointer(path), "`$ref` must be a string", None),
                }
                path.pop();
            }
            for (k, v) in map {
                if (k == "$ref" && !names_level) || k == "example" {
                    continue;
                }
                path.push(Cow::Borrowed(k));
                check_refs(doc, v, path, resolved, diags);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Cow::Owned(i.to_string()));
                check_refs(doc, v, path, resolved, diags);
                path.pop();
            }
        }
        _ => {}
    }
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

fn operations(doc: &Value) -> impl Iterator<Item = (&str, &str, &serde_json::Map<String, Value>, &Value)> {
    doc.get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.iter())
        .flat_map(|(path, item)| {
            METHODS.iter().filter_map(move |m| {
                item.get(*m).and_then(Value::as_object).map(|op| (path.as_str(), *m, op, item))
            })
        })
}

fn check_operation_ids(doc: &Value, diags: &mut Diagnostics) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for (path, method, op, _) in operations(doc) {
        let Some(id) = op.get("operationId").and_then(Value::as_str) else { continue };
        let here = pointer(&["paths", path, method, "operationId"]);
        if let Some(first) = seen.get(id) {
            diags.error(
                here,
                format!("duplicate operationId `{id}` (first used at {first})"),
                Some("give every operation a unique operationId".to_string()),
            );
        } else {
            seen.insert(id.to_string(), here);
        }
    }
}

/// Names in `{braces}` in a path template.
pub fn template_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        out.push(rest[start + 1..start + len].to_string());
        rest = &rest[start + len + 1..];
    }
    out
}

fn declared_path_params(doc: &Value, params: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    for p in params.and_then(Value::as_array).into_iter().flatten() {
        let p = match p.get("$ref").and_then(Value::as_str) {
            Some(r) => match resolve_pointer(doc, r) {
                Some(v) => v,
                None => continue,
            },
            None => p,
        };
        if p.get("in").and_then(Value::as_str) == Some("path") {
            if let Some(name) = p.get("name").and_then(Value::as_str) {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// Every operation's path parameters that its template uses and its declared ones, as sets.
fn path_params(doc: &Value) -> impl Iterator<Item = (&str, &str, BTreeSet<String>, BTreeSet<String>)> {
    operations(doc).map(|(path, method, op, item)| {
        let used: BTreeSet<String> = template_params(path).into_iter().collect();
        let mut declared: BTreeSet<String> = declared_path_params(doc, item.get("parameters")).into_iter().collect();
        declared.extend(declared_path_params(doc, op.get("parameters")));
        (path, method, used, declared)
    })
}

/// Errors for path parameters that a template uses but the operation does not declare: not run
/// by [`validate`], since generation takes each as a required string with a warning (see
/// lowering), but run by `cargo xtask lint`, which holds the workspace's own specs to it.
pub fn check_undeclared_path_params(doc: &Value, diags: &mut Diagnostics) {
    for (path, method, used, declared) in path_params(doc) {
        for name in used.difference(&declared) {
            diags.error(
                pointer(&["paths", path, method]),
                format!("path parameter `{name}` is used in `{path}` but not declared"),
                Some(format!("add `{{name: {name}, in: path, required: true, schema: {{type: string}}}}` to the operation's parameters")),
            );
        }
    }
}

/// Declared path parameters that the template does not use: the value would have nowhere to go.
fn check_path_params(doc: &Value, diags: &mut Diagnostics) {
    for (path, method, used, declared) in path_params(doc) {
        for name in declared.difference(&used) {
            diags.error(
                pointer(&["paths", path, method, "parameters"]),
                format!("path parameter `{name}` is declared but `{path}` has no `{{{name}}}`"),
                Some(format!("remove the parameter or add `{{{name}}}` to the path")),
            );
        }
    }
}
