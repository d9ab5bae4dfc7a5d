//! `type` lists (`[T, "null"]`, `[A, B]`) and `type: "null"`, in 3.0's shape: one type plus
//! `nullable`, or a `oneOf` with one branch per type, each keeping its own keywords.

use crate::diag::{escape_segment, Diagnostics, Remap};
use serde_json::{json, Map, Value};

const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object", "null"];

/// Keywords that belong to one JSON type, for splitting `type: [A, B]`.
fn belongs_to(keyword: &str, ty: &str) -> bool {
    match keyword {
        "pattern" | "minLength" | "maxLength" | "contentEncoding" | "contentMediaType" => ty == "string",
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => matches!(ty, "number" | "integer"),
        "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems" | "contains" => ty == "array",
        "properties" | "required" | "additionalProperties" | "patternProperties" | "minProperties" | "maxProperties"
        | "propertyNames" => ty == "object",
        _ => false,
    }
}

/// The JSON type of a `const` value.
pub fn json_type(value: &Value) -> Option<&'static str> {
    Some(match value {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => return None,
    })
}

/// `type` lists and `type: "null"`.
pub fn rewrite(map: &mut Map<String, Value>, at: &str, diags: &mut Diagnostics, remap: &mut Remap) {
    let listed: Vec<String> = match map.get("type") {
        Some(Value::Array(list)) => {
            let mut out: Vec<String> = Vec::new();
            for (i, t) in list.iter().enumerate() {
                match t.as_str() {
                    Some(t) if TYPES.contains(&t) => {
                        if !out.iter().any(|o| o == t) {
                            out.push(t.to_string());
                        }
                    }
                    _ => unknown_type(format!("{at}/type/{i}"), format!("`type` lists {t}, which is not a JSON Schema type"), "it is left out of the list", diags),
                }
            }
            if out.is_empty() {
                map.remove("type");
                return;
            }
            out
        }
        Some(Value::String(t)) if t == "null" => vec![t.clone()],
        Some(Value::String(t)) if !TYPES.contains(&t.as_str()) => {
            let message = format!("`type: {t}` is not a JSON Schema type");
            unknown_type(format!("{at}/type"), message, "the schema is read as any value (`serde_json::Value`)", diags);
            map.remove("type");
            return;
        }
        _ => return,
    };
    let nullable = listed.iter().any(|t| t == "null");
    let mut rest: Vec<String> = listed.into_iter().filter(|t| t != "null").collect();
    if rest.iter().any(|t| t == "number") {
        rest.retain(|t| t != "integer"); // every integer is a number
    }
    if nullable {
        map.insert("nullable".into(), Value::Bool(true));
    }
    match rest.as_slice() {
        [] => {
            map.remove("type");
            map.insert("enum".into(), json!([null]));
            map.insert("nullable".into(), Value::Bool(true));
        }
        [one] => {
            map.insert("type".into(), Value::String(one.clone()));
        }
        _ if ["allOf", "anyOf", "oneOf"].iter().any(|k| map.contains_key(*k)) => {
            // The composition says more than the list of types.
            map.remove("type");
        }
        many => {
            map.remove("type");
            let values = map.remove("enum");
            let format = map.remove("format");
            let mut branches = Vec::new();
            for (i, ty) in many.iter().enumerate() {
                let mut branch = Map::new();
                branch.insert("type".into(), Value::String(ty.clone()));
                let keys: Vec<String> = map.keys().filter(|k| belongs_to(k, ty)).cloned().collect();
                for k in keys {
                    if let Some(v) = map.get(&k) {
                        remap.add(&format!("{at}/oneOf/{i}/{}", escape_segment(&k)), &format!("{at}/{}", escape_segment(&k)));
                        branch.insert(k, v.clone());
                    }
                }
                if let Some(f) = format.as_ref().filter(|f| format_fits(f, ty)) {
                    branch.insert("format".into(), f.clone());
                }
                if let Some(Value::Array(values)) = &values {
                    let mine: Vec<Value> = values.iter().filter(|v| json_type(v).is_some_and(|t| t == ty || (t == "integer" && ty == "number"))).cloned().collect();
                    if !mine.is_empty() {
                        branch.insert("enum".into(), Value::Array(mine));
                    }
                }
                branches.push(Value::Object(branch));
            }
            map.retain(|k, _| !many.iter().any(|ty| belongs_to(k, ty)));
            map.insert("oneOf".into(), Value::Array(branches));
        }
    }
}

/// Reports a `type` that names no JSON type; the caller leaves it out.
fn unknown_type(at: String, message: String, fallback: &str, diags: &mut Diagnostics) {
    let known: Vec<String> = TYPES.iter().map(|t| format!("`{t}`")).collect();
    diags.recover(at, message, fallback, Some(format!("use one of {}", known.join(", "))));
}

fn format_fits(format: &Value, ty: &str) -> bool {
    let numeric = matches!(format.as_str(), Some("int32" | "int64" | "float" | "double" | "decimal"));
    if numeric {
        matches!(ty, "number" | "integer")
    } else {
        ty == "string"
    }
}

