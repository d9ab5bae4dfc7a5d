//! Every parameter and every schema property has a `description`. A property that is only a
//! reference (`$ref`, or `allOf` of one `$ref`) may take its description from the schema it
//! names.

use super::walk::{at, operations, resolve, schemas, text, Path};
use super::Raw;
use serde_json::{Map, Value};

/// Checks every parameter and property.
pub fn check(doc: &Value, out: &mut Vec<Raw>) {
    for op in operations(doc) {
        params(op.item.get("parameters"), &at(&[], &["paths", op.path, "parameters"]), out);
        params(op.op.get("parameters"), &at(&op.at, &["parameters"]), out);
    }
    for (name, p) in doc.pointer("/components/parameters").and_then(Value::as_object).into_iter().flatten() {
        param(p, at(&[], &["components", "parameters", name]), out);
    }
    for (schema, path, _) in schemas(doc) {
        for (name, prop) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
            property(doc, name, prop, at(&path, &["properties", name]), out);
        }
    }
}

fn params(list: Option<&Value>, base: &Path, out: &mut Vec<Raw>) {
    for (i, p) in list.and_then(Value::as_array).into_iter().flatten().enumerate() {
        param(p, at(base, &[&i.to_string()]), out);
    }
}

fn param(p: &Value, path: Path, out: &mut Vec<Raw>) {
    let Some(map) = p.as_object() else { return };
    if map.contains_key("$ref") || text(map, "description").is_some() {
        return; // a reference is checked where its target is written
    }
    let name = map.get("name").and_then(Value::as_str).unwrap_or("?");
    let place = map.get("in").and_then(Value::as_str).unwrap_or("?");
    out.push(Raw::error(
        "description",
        path,
        format!("parameter `{name}` ({place}) has no `description`"),
        "add `description:`: it becomes the argument's or setter's docs",
    ));
}

fn property(doc: &Value, name: &str, prop: &Value, path: Path, out: &mut Vec<Raw>) {
    let Some(map) = prop.as_object() else { return };
    if text(map, "description").is_some() {
        return;
    }
    let Some(reference) = only_reference(map) else {
        out.push(Raw::error(
            "description",
            path,
            format!("property `{name}` has no `description`"),
            "add `description:`: it becomes the field's docs",
        ));
        return;
    };
    let target = generator::validate::resolve_pointer(doc, &reference)
        .and_then(|t| resolve(doc, t, Vec::new()))
        .and_then(|(t, _)| t.as_object());
    if target.is_some_and(|t| text(t, "description").is_some()) {
        return;
    }
    // An unresolvable reference is reported by the generator's checks.
    if target.is_some() {
        out.push(Raw::error(
            "description",
            path,
            format!("property `{name}` refers to `{reference}`, and neither has a `description`"),
            "describe the property (`allOf: [{$ref: ...}]` with a `description`) or the schema it refers to",
        ));
    }
}

/// The reference of a property that is only a reference: `$ref`, or `allOf` with one `$ref`.
fn only_reference(map: &Map<String, Value>) -> Option<String> {
    if let Some(r) = map.get("$ref").and_then(Value::as_str) {
        return Some(r.to_string());
    }
    match map.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
        Some([one]) => one.get("$ref").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}
