//! Enum values: each has the schema's type and appears once, and string values keep distinct,
//! meaningful Rust names.
//!
//! Variant names come from `generator::names::camel`, claimed in one `Namespace` per enum with
//! `Unknown` (the fallback variant) reserved, exactly as the generator does. When two values
//! convert to the same name the generator still gives each its own variant, so the clash is a
//! **warning** that names the variants users will see: `Lower`/`Upper` for values that differ
//! only by case (`Published`, `published` -> `Published`, `PublishedLower`), a number otherwise
//! (`a-b`, `a_b` -> `AB`, `AB2`, whose names follow the values' order). What cannot be
//! disambiguated is an **error**: the same value twice, or a value of the wrong type.

use super::validator::show;
use super::walk::{at, schemas, Path};
use super::Raw;
use generator::names::{camel, Namespace};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Checks every enum in the document.
pub fn check(doc: &Value, out: &mut Vec<Raw>) {
    for (schema, path, _) in schemas(doc) {
        let Some(map) = schema.as_object() else { continue };
        let Some(values) = map.get("enum").and_then(Value::as_array) else { continue };
        types_and_duplicates(map, values, &path, out);
        let strings: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        if !strings.is_empty() && strings.len() == values.iter().filter(|v| !v.is_null()).count() {
            names(&strings, &path, out);
        }
    }
}

fn types_and_duplicates(map: &Map<String, Value>, values: &[Value], path: &Path, out: &mut Vec<Raw>) {
    let ty = map.get("type").and_then(Value::as_str);
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    for (i, v) in values.iter().enumerate() {
        let here = at(path, &["enum", &i.to_string()]);
        let fits = match (ty, v) {
            (_, Value::Null) => nullable,
            (Some("string"), v) => v.is_string(),
            (Some("integer"), v) => v.is_i64() || v.is_u64(),
            (Some("number"), v) => v.is_number(),
            (Some("boolean"), v) => v.is_boolean(),
            _ => true,
        };
        if !fits {
            let (message, help) = if v.is_null() {
                ("enum value `null` needs `nullable: true` on the schema".to_string(), "add `nullable: true`, or remove the `null`")
            } else {
                (format!("enum value {} does not fit the schema's `type: {}`", show(v), ty.unwrap_or("?")), "fix the value, or the schema's type")
            };
            out.push(Raw::error("enum-values", here.clone(), message, help));
        }
        if values[..i].contains(v) {
            out.push(Raw::error(
                "enum-values",
                here,
                format!("enum value {} is listed twice", show(v)),
                "remove the repeated value",
            ));
        }
    }
}

fn names(values: &[&str], path: &Path, out: &mut Vec<Raw>) {
    let mut ns = Namespace::new();
    ns.reserve("Unknown");
    // base name -> the (value, variant, index) pairs that share it
    let mut groups: BTreeMap<String, Vec<(&str, String, usize)>> = BTreeMap::new();
    let mut seen = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if seen.contains(v) {
            continue;
        }
        seen.push(*v);
        let base = camel(v);
        let variant = ns.claim(&base, v);
        groups.entry(base).or_default().push((v, variant, i));
    }
    for (base, members) in groups {
        let renamed: Vec<&(&str, String, usize)> = members.iter().filter(|(_, variant, _)| *variant != base).collect();
        let Some(first_renamed) = renamed.first() else { continue };
        let here = at(path, &["enum", &first_renamed.2.to_string()]);
        let shown: Vec<String> = members.iter().map(|(v, variant, _)| format!("{} -> `{variant}`", show(&Value::String(v.to_string())))).collect();
        let numbered = renamed.iter().any(|(_, variant, _)| variant.ends_with(|c: char| c.is_ascii_digit()));
        let mut message = match members.as_slice() {
            [(v, variant, _)] if base == "Unknown" => format!(
                "enum value {} converts to `Unknown`, the name of the fallback variant; the generator names it `{variant}`",
                show(&Value::String(v.to_string()))
            ),
            [(v, variant, _)] => format!(
                "enum value {} converts to `{base}`, a name another value's variant already has; the generator names it `{variant}`",
                show(&Value::String(v.to_string()))
            ),
            _ => format!("enum values convert to the same Rust name `{base}`; the generator names them {}", shown.join(", ")),
        };
        if numbered {
            message.push_str(" (numbered in the order the values are listed: reordering them renames the variants)");
        }
        out.push(Raw::warning("enum-names", here, message));
    }
}
