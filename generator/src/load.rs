//! Step 1, load: text -> `openapiv3::OpenAPI`, accepting YAML or JSON, OpenAPI 3.0.x and 3.1.x.
//!
//! A 3.1 document is first rewritten on its raw tree into the 3.0 shape `openapiv3` reads
//! (`v31`), and numbers `openapiv3` cannot hold are fixed in any document (`numbers`); the
//! moves are kept so diagnostics point into the original document.

mod anchors;
mod defs;
mod numbers;
mod pieces;
mod shape;
pub mod v31;
mod walk;
mod yaml;

use crate::diag::{Diagnostics, Location, Remap, Severity};
use crate::validate::repair::Fix;
use openapiv3::OpenAPI;
use serde_json::Value;

/// Parses a spec into its raw JSON value and the typed document. Syntax errors carry a line and
/// column; shape errors carry a JSON pointer.
pub fn load(text: &str, diags: &mut Diagnostics) -> Option<(Value, OpenAPI)> {
    let value = raw(text, diags)?;
    let api = typed(&value, diags)?;
    Some((value, api))
}

/// The spec as a raw JSON value (YAML is read into the same tree), with its `openapi` version
/// checked, rewritten into the shape `openapiv3` reads (see [`normalize`]). From then on,
/// `diags` reports pointers in the original document.
pub fn raw(text: &str, diags: &mut Diagnostics) -> Option<Value> {
    let mut value = parse_value(text, diags)?;
    if !check_version(&value, diags) {
        return None;
    }
    let remap = normalize(&mut value, diags);
    diags.set_remap(remap);
    Some(value)
}

/// Whether an `openapi` version is 3.1.x.
pub fn is_31(version: &str) -> bool {
    version.starts_with("3.1.") || version == "3.1"
}

/// Rewrites a document in place into the 3.0 shape `openapiv3` reads: a 3.1 document's
/// constructs (`v31`), and, in any document, numbers `openapiv3` cannot hold. Returns where
/// nodes moved.
pub fn normalize(doc: &mut Value, diags: &mut Diagnostics) -> Remap {
    let mut remap = Remap::default();
    // JSON Schema's own references and `$defs`, in any document (vendors' 3.0 specs use them too).
    anchors::resolve(doc, diags);
    defs::hoist(doc, &mut remap, diags);
    let upgrade = doc.get("openapi").and_then(Value::as_str).is_some_and(is_31);
    if upgrade {
        v31::document(doc, diags, &mut remap);
    }
    walk::schemas(doc, &mut |node, at| {
        if upgrade {
            v31::schema(node, at, diags, &mut remap);
        }
        if let Value::Object(map) = node {
            numbers::fix(map, at, diags);
        }
    });
    if upgrade {
        v31::const_tags(doc);
    }
    shape::repair(doc, diags);
    remap
}

/// Whether JSON text uses JSON Schema's own references or `$defs` (`$anchor`, `$dynamicAnchor`,
/// `$recursiveRef`, `$dynamicRef`, `$defs`), which the load step resolves on the raw tree
/// before the document is typed.
pub fn has_schema_references(text: &str) -> bool {
    ["\"$anchor\"", "\"$dynamicAnchor\"", "\"$recursiveAnchor\"", "\"$recursiveRef\"", "\"$dynamicRef\"", "\"$defs\"", "\"definitions\""]
        .iter()
        .any(|k| text.contains(k))
}

/// The typed document straight from JSON text (its `paths` and `components` read at once, see
/// `pieces`), or `None` when the text is not JSON or not a valid document. It runs beside
/// [`raw`] on large specs; on `None`, [`typed`] (from the raw value) finds and reports the
/// problem.
pub fn typed_from_json(text: &str) -> Option<OpenAPI> {
    if !looks_like_json(text) || has_schema_references(text) {
        return None;
    }
    pieces::typed(text)
}

/// The typed document from the raw value; a shape error is reported with its JSON pointer. A part
/// that does not read is repaired with a warning and the rest is read again: an operation (else
/// its path item) is left out, a component schema is any value, a component response has no body,
/// another component is left out. A shape error in the document's own fields is an error.
pub fn typed(value: &Value, diags: &mut Diagnostics) -> Option<OpenAPI> {
    let mut repaired: Option<Value> = None;
    loop {
        let current = repaired.as_ref().unwrap_or(value);
        let err = match serde_path_to_error::deserialize::<_, OpenAPI>(current) {
            Ok(api) => return Some(api),
            Err(err) => err,
        };
        let (pointer, message) =
            locate_shape_error(current).unwrap_or_else(|| (path_to_pointer(&err.path().to_string()), err.inner().to_string()));
        let problem = format!("not a valid OpenAPI document: {message}");
        let help = Some("compare this node with the OpenAPI 3.0.3 specification".to_string());
        // Strict (the lint) makes the same repairs, as errors, so that every part is reported.
        let place = unreadable_part(&pointer);
        let Some((segments, what, fix)) = place.filter(|(segments, _, _)| removable(current, segments)) else {
            diags.error(pointer, problem, help);
            return None;
        };
        diags.recover(pointer, problem, what, help);
        let mut next = repaired.take().unwrap_or_else(|| value.clone());
        let mut repairs = crate::validate::repair::Repairs::default();
        repairs.push(&segments, fix);
        repairs.apply(&mut next);
        repaired = Some(next);
    }
}

/// The part of the document a shape error at `pointer` costs, as unescaped segments, what is
/// done with it and how: the operation it is in (else its path item) is left out; a component
/// schema is any value, a component response has no body, another component is left out (the
/// references to it are then followed nowhere, with a warning). `None` for the document's own
/// fields: without them there is no way to tell what the document means.
fn unreadable_part(pointer: &str) -> Option<(Vec<String>, &'static str, Fix)> {
    let segs: Vec<String> = pointer.strip_prefix("#/")?.split('/').map(crate::pointer::unescape).collect();
    match (segs.first().map(String::as_str), segs.get(1).map(String::as_str), segs.get(2)) {
        (Some("paths" | "x-webhooks"), Some(_), Some(m)) if walk::METHODS.contains(&m.as_str()) => {
            Some((segs[..3].to_vec(), "the operation is left out", Fix::Remove))
        }
        (Some("paths" | "x-webhooks"), Some(_), _) => Some((segs[..2].to_vec(), "the path item is left out", Fix::Remove)),
        (Some("components"), Some("schemas"), Some(_)) => {
            Some((segs[..3].to_vec(), "the schema is read as any value (`serde_json::Value`)", Fix::Replace(Value::Object(Default::default()))))
        }
        (Some("components"), Some("responses"), Some(_)) => {
            Some((segs[..3].to_vec(), "the response has no body", Fix::Replace(serde_json::json!({"description": ""}))))
        }
        (Some("components"), Some(_), Some(_)) => Some((segs[..3].to_vec(), "the component is left out", Fix::Remove)),
        _ => None,
    }
}

/// Whether the node at `segments` exists, so taking it out changes the document.
fn removable(doc: &Value, segments: &[String]) -> bool {
    segments.iter().try_fold(doc, |node, seg| node.get(seg)).is_some()
}

/// Whether the text is JSON (rather than YAML).
pub(crate) fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

pub(crate) fn parse_value(text: &str, diags: &mut Diagnostics) -> Option<Value> {
    if looks_like_json(text) {
        return match serde_json::from_str::<Value>(text) {
            Ok(v) => Some(v),
            Err(e) => {
                diags.push(
                    Severity::Error,
                    Location::LineColumn(e.line(), e.column()),
                    format!("JSON syntax error: {e}"),
                    Some("fix the JSON syntax at this position".into()),
                );
                None
            }
        };
    }
    match yaml::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let location = e
                .location()
                .map(|l| Location::LineColumn(l.line(), l.column()))
                .unwrap_or(Location::Document);
            diags.push(
                Severity::Error,
                location,
                format!("YAML syntax error: {e}"),
                Some("fix the YAML syntax at this position (check indentation and quoting)".into()),
            );
            None
        }
    }
}

/// Whether an `openapi` version is one the generator reads: 3.0.x or 3.1.x.
pub(crate) fn is_supported_version(v: &str) -> bool {
    v.starts_with("3.0.") || v == "3.0" || is_31(v)
}

fn check_version(value: &Value, diags: &mut Diagnostics) -> bool {
    let Some(map) = value.as_object() else {
        diags.error("#", "the document is not a mapping", Some("an OpenAPI document starts with `openapi: 3.0.3`".to_string()));
        return false;
    };
    match map.get("openapi") {
        Some(Value::String(v)) if is_supported_version(v) => true,
        Some(other) => {
            let shown = match other {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            diags.error(
                "#/openapi",
                format!("unsupported OpenAPI version `{shown}`: only 3.0.x and 3.1.x are supported"),
                Some("set `openapi: 3.1.0` (or `3.0.3`)".to_string()),
            );
            false
        }
        None => {
            let help = if map.contains_key("swagger") {
                "Swagger 2.0 is not supported: convert the spec to OpenAPI 3.0.3 first"
            } else {
                "add `openapi: 3.0.3` at the top of the document"
            };
            diags.error("#/openapi", "missing `openapi` version field", Some(help.to_string()));
            false
        }
    }
}

/// `openapiv3` flattens paths and extensions, which hides where a shape error is. Deserializing the
/// path items and components one by one finds the node.
fn locate_shape_error(doc: &Value) -> Option<(String, String)> {
    use openapiv3::{Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme};
    fn check<T: serde::de::DeserializeOwned>(v: &Value, base: &[&str]) -> Option<(String, String)> {
        let err = serde_path_to_error::deserialize::<_, T>(v).err()?;
        let inner = path_to_pointer(&err.path().to_string());
        let mut pointer = crate::diag::pointer(base);
        pointer.push_str(inner.trim_start_matches('#'));
        Some((pointer, err.inner().to_string()))
    }
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            if path.starts_with("x-") {
                continue;
            }
            if check::<ReferenceOr<PathItem>>(item, &["paths", path]).is_none() {
                continue;
            }
            // Descend: the path item's operations, then their parts.
            for (method, op) in item.as_object().into_iter().flatten() {
                let at = ["paths", path.as_str(), method.as_str()];
                if method == "parameters" {
                    for (i, p) in op.as_array().into_iter().flatten().enumerate() {
                        let idx = i.to_string();
                        if let Some(found) = check::<ReferenceOr<Parameter>>(p, &["paths", path, "parameters", &idx]) {
                            return Some(found);
                        }
                    }
                    continue;
                }
                if check::<openapiv3::Operation>(op, &at).is_none() {
                    continue;
                }
                for (i, p) in op.get("parameters").and_then(Value::as_array).into_iter().flatten().enumerate() {
                    let idx = i.to_string();
                    if let Some(found) = check::<ReferenceOr<Parameter>>(p, &[at[0], at[1], at[2], "parameters", &idx]) {
                        return Some(found);
                    }
                }
                if let Some(body) = op.get("requestBody") {
                    if let Some(found) = check::<ReferenceOr<RequestBody>>(body, &[at[0], at[1], at[2], "requestBody"]) {
                        return Some(found);
                    }
                }
                match op.get("responses") {
                    Some(Value::Object(responses)) => {
                        for (code, r) in responses {
                            if let Some(found) = check::<ReferenceOr<Response>>(r, &[at[0], at[1], at[2], "responses", code]) {
                                return Some(found);
                            }
                        }
                    }
                    Some(other) => {
                        let pointer = crate::diag::pointer(&[at[0], at[1], at[2], "responses"]);
                        return Some((pointer, format!("`responses` must be a mapping from status codes to responses, found `{other}`")));
                    }
                    None => {}
                }
                return check::<openapiv3::Operation>(op, &at);
            }
            return check::<ReferenceOr<PathItem>>(item, &["paths", path]);
        }
    }
    let components = doc.get("components").and_then(Value::as_object)?;
    for (kind, entries) in components {
        for (name, node) in entries.as_object().into_iter().flatten() {
            let at = ["components", kind.as_str(), name.as_str()];
            let found = match kind.as_str() {
                "schemas" => check::<ReferenceOr<Schema>>(node, &at),
                "parameters" => check::<ReferenceOr<Parameter>>(node, &at),
                "responses" => check::<ReferenceOr<Response>>(node, &at),
                "requestBodies" => check::<ReferenceOr<RequestBody>>(node, &at),
                "securitySchemes" => check::<ReferenceOr<SecurityScheme>>(node, &at),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

/// serde_path_to_error prints `paths./a.get.responses`; turn that into a JSON pointer.
fn path_to_pointer(path: &str) -> String {
    if path == "." || path.is_empty() {
        return "#".into();
    }
    let mut segments = Vec::new();
    for seg in path.split('.') {
        // sequence indices print as `[3]`
        let mut rest = seg;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                segments.push(rest[..i].to_string());
            }
            rest = &rest[i..];
            while let Some(end) = rest.find(']') {
                segments.push(rest[1..end].to_string());
                rest = &rest[end + 1..];
                if !rest.starts_with('[') {
                    break;
                }
            }
        } else {
            segments.push(rest.to_string());
        }
    }
    crate::diag::pointer(&segments)
}
