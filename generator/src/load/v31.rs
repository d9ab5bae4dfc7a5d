//! OpenAPI 3.1 -> the 3.0 shape that `openapiv3` reads, on the raw tree.
//!
//! OpenAPI 3.1 schemas are JSON Schema 2020-12. The rewrite keeps the document's structure,
//! so most JSON pointers stay what they were; where a node moves (a `$ref` with siblings
//! wrapped in `allOf`, a `null` branch taken out of a `oneOf`, webhooks kept as `x-webhooks`, a
//! path item copied from `components.pathItems`), the move is recorded in a [`Remap`], and
//! every diagnostic is reported at its pointer in the original document.
//!
//! | 3.1 | 3.0 shape |
//! |---|---|
//! | `type: [T, "null"]` | `type: T, nullable: true` |
//! | `type: [A, B]` | `oneOf` of one schema per type, each with its own keywords |
//! | `type: "null"` | `enum: [null], nullable: true` |
//! | `anyOf`/`oneOf` with a `{type: "null"}` branch | the other branches, `nullable: true` |
//! | `const: v` | `enum: [v]` |
//! | `examples: [..]` in a schema | `example:` the first (the list stays, for the lint) |
//! | `$ref` beside other keywords | `allOf: [{$ref}, {structural siblings}]` plus the annotations |
//! | `contentEncoding: base64` / `contentMediaType` | `format: byte` / `format: binary` |
//! | `prefixItems` | `items` (the one type when all agree; else any value, with a warning) |
//! | `true` / `false` schemas | `{}` / `{not: {}}` |
//! | `webhooks` | `x-webhooks` (their payloads are generated as models) |
//! | `$ref` to `components.pathItems` | the path item itself |

mod tags;
mod types;

pub use tags::const_tags;

use crate::diag::{escape_segment, Diagnostics, Remap};
use crate::pointer::{component_name, Pointer};
use serde_json::{json, Map, Value};
use types::json_type;

/// The dialect OpenAPI 3.1 documents use unless they say otherwise.
pub const OAS_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";


/// Keywords that change the shape of a value; beside a `$ref` they are merged with `allOf`.
const STRUCTURAL: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "items",
    "allOf",
    "anyOf",
    "oneOf",
    "enum",
    "discriminator",
    "patternProperties",
];

/// Document-level rewrites: `paths` may be missing, `webhooks`, `components.pathItems`,
/// `info.summary`, `jsonSchemaDialect`, and security schemes 3.0 does not have.
pub fn document(doc: &mut Value, diags: &mut Diagnostics, remap: &mut Remap) {
    let Some(map) = doc.as_object_mut() else { return };
    map.entry("paths").or_insert_with(|| json!({}));
    if let Some(dialect) = map.get("jsonSchemaDialect").and_then(Value::as_str) {
        if dialect != OAS_DIALECT {
            diags.warn(
                "#/jsonSchemaDialect",
                format!("schemas are read as OpenAPI 3.1's own dialect (`{OAS_DIALECT}`), not `{dialect}`"),
            );
        }
    }
    if let Some(Value::Object(info)) = map.get_mut("info") {
        if let Some(summary) = info.get("summary").cloned() {
            info.entry("description").or_insert(summary);
        }
    }
    if let Some(webhooks) = map.remove("webhooks") {
        // Some 3.1 specs repeat their webhooks as Redoc's `x-webhooks`: the standard key wins.
        map.insert("x-webhooks".into(), webhooks);
        remap.add("#/x-webhooks", "#/webhooks");
    }
    inline_path_items(map, remap);
    if let Some(Value::Object(schemes)) = map.get_mut("components").and_then(|c| c.get_mut("securitySchemes")) {
        for scheme in schemes.values_mut() {
            // `openapiv3` has no `mutualTLS`: it is read as a marked `apiKey` (see `lower::security`).
            if scheme.get("type").and_then(Value::as_str) == Some("mutualTLS") {
                let description = scheme.get("description").cloned();
                *scheme = json!({"type": "apiKey", "in": "header", "name": "mutualTLS", crate::lower::security::MUTUAL_TLS_MARK: true});
                if let Some(d) = description {
                    scheme["description"] = d;
                }
            }
        }
        schemes.retain(|name, scheme| {
            let ty = scheme.get("type").and_then(Value::as_str).unwrap_or_default();
            let known = matches!(ty, "apiKey" | "http" | "oauth2" | "openIdConnect") || scheme.get("$ref").is_some();
            if !known {
                diags.warn(
                    Pointer::component("securitySchemes", name),
                    format!("security scheme type `{ty}` has no client support; the client does not send it"),
                );
            }
            known
        });
    }
    for_each_operation(map, |op| {
        // 3.1 made `responses` optional.
        op.entry("responses").or_insert_with(|| json!({}));
    });
}

/// Replaces each `$ref` to `#/components/pathItems/X` under `paths`, `x-webhooks` and callbacks
/// with a copy of X.
fn inline_path_items(map: &mut Map<String, Value>, remap: &mut Remap) {
    let Some(items) = map.get("components").and_then(|c| c.get("pathItems")).and_then(Value::as_object).cloned() else {
        return;
    };
    for key in ["paths", "x-webhooks"] {
        let Some(Value::Object(paths)) = map.get_mut(key) else { continue };
        for (name, item) in paths.iter_mut() {
            let Some(target) = item.get("$ref").and_then(Value::as_str) else { continue };
            let Some(component) = component_name(target, "pathItems") else { continue };
            if let Some(found) = items.get(&component) {
                remap.add(&format!("#/{key}/{}", escape_segment(name)), target);
                *item = found.clone();
            }
        }
    }
}

fn for_each_operation(map: &mut Map<String, Value>, mut f: impl FnMut(&mut Map<String, Value>)) {
    for key in ["paths", "x-webhooks"] {
        let Some(Value::Object(paths)) = map.get_mut(key) else { continue };
        for item in paths.values_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for (method, op) in item.iter_mut() {
                if super::walk::METHODS.contains(&method.as_str()) {
                    if let Some(op) = op.as_object_mut() {
                        f(op);
                    }
                }
            }
        }
    }
}

/// Rewrites one schema whose subschemas are already rewritten.
pub fn schema(node: &mut Value, at: &str, diags: &mut Diagnostics, remap: &mut Remap) {
    if let Value::Bool(b) = node {
        *node = if *b { json!({}) } else { json!({"not": {}}) };
        return;
    }
    let Some(map) = node.as_object_mut() else { return };
    // Anchors, `$dynamicRef`, `$recursiveRef` and `$defs` were resolved first (`anchors`, `defs`).
    for key in ["$schema", "$id", "$comment"] {
        map.remove(key);
    }
    // 3.0 has one `example`; the list stays too, for the lint to check every entry.
    if let Some(first) = map.get("examples").and_then(Value::as_array).and_then(|e| e.first()).cloned() {
        map.entry("example").or_insert(first);
    }
    if let Some(value) = map.remove("const") {
        if !map.contains_key("enum") {
            if !map.contains_key("type") {
                if let Some(ty) = json_type(&value) {
                    map.insert("type".into(), Value::String(ty.into()));
                }
            }
            map.insert("enum".into(), Value::Array(vec![value]));
        }
    }
    types::rewrite(map, at, diags, remap);
    content(map);
    prefix_items(map, at, diags);
    pattern_properties(map, at, diags);
    if let Some(rest) = map.remove("unevaluatedProperties") {
        // Beside no `additionalProperties`, it says the same thing about the keys left over.
        if !map.contains_key("additionalProperties") && rest.is_object() {
            remap.add(&format!("{at}/additionalProperties"), &format!("{at}/unevaluatedProperties"));
            map.insert("additionalProperties".into(), rest);
        }
    }
    for key in ["if", "then", "else", "dependentSchemas"] {
        if map.remove(key).is_some() {
            diags.warn(format!("{at}/{key}"), format!("`{key}` (a conditional schema) cannot be expressed in Rust types and is left out"));
        }
    }
    for key in ["unevaluatedProperties", "unevaluatedItems", "propertyNames", "contains", "minContains", "maxContains", "dependentRequired", "contentSchema"] {
        map.remove(key);
    }
    null_branches(map, at, remap);
    ref_siblings(map, at, remap);
}

/// `contentEncoding`/`contentMediaType`: the value is bytes.
fn content(map: &mut Map<String, Value>) {
    let encoding = map.remove("contentEncoding");
    let media = map.remove("contentMediaType");
    if map.contains_key("format") || map.get("type").and_then(Value::as_str).is_some_and(|t| t != "string") {
        return;
    }
    let format = match (encoding.as_ref().and_then(Value::as_str), media.as_ref().and_then(Value::as_str)) {
        (Some("base64" | "base64url"), _) => "byte",
        (Some(_), _) => return,
        (None, Some(m)) if is_text(m) => return,
        (None, Some(_)) => "binary",
        (None, None) => return,
    };
    map.insert("type".into(), Value::String("string".into()));
    map.insert("format".into(), Value::String(format.into()));
}

fn is_text(media: &str) -> bool {
    media.starts_with("text/") || media.contains("json") || media.contains("xml")
}

/// `prefixItems` (a tuple): a list of the one type when every position agrees, else a list of
/// any values, with a warning.
fn prefix_items(map: &mut Map<String, Value>, at: &str, diags: &mut Diagnostics) {
    let Some(Value::Array(positions)) = map.remove("prefixItems") else { return };
    if map.contains_key("items") && map.get("items") != Some(&Value::Bool(false)) && map.get("items") != Some(&json!({"not": {}})) {
        // `items` then describes the positions after the prefix; keep it only when they agree.
        if positions.iter().all(|p| Some(p) == map.get("items")) {
            return;
        }
    }
    match positions.first() {
        Some(first) if positions.iter().all(|p| p == first) => {
            map.insert("items".into(), first.clone());
        }
        _ => {
            diags.warn(format!("{at}/prefixItems"), "`prefixItems` (a tuple of different types) is read as a list of `serde_json::Value`");
            map.insert("items".into(), json!({}));
        }
    }
    map.entry("type").or_insert_with(|| Value::String("array".into()));
}

/// `patternProperties` without `additionalProperties` (or with `additionalProperties: false`):
/// the values of a map, typed when every pattern has the same schema, else any values, with a
/// warning.
fn pattern_properties(map: &mut Map<String, Value>, at: &str, diags: &mut Diagnostics) {
    let Some(Value::Object(patterns)) = map.remove("patternProperties") else { return };
    let closed = matches!(map.get("additionalProperties"), Some(Value::Bool(false))) || map.get("additionalProperties") == Some(&json!({"not": {}}));
    if map.contains_key("additionalProperties") && !closed {
        return;
    }
    let mut values = patterns.into_iter().map(|(_, s)| s);
    let first = values.next();
    let value = match first {
        Some(first) if values.all(|s| s == first) => first,
        Some(_) => {
            diags.warn(
                format!("{at}/patternProperties"),
                "`patternProperties` with different schemas per pattern is read as a map of `serde_json::Value`",
            );
            json!({})
        }
        None => return,
    };
    map.insert("additionalProperties".into(), value);
}

/// Whether a (rewritten) schema only allows `null`.
fn is_null_schema(s: &Value) -> bool {
    let Some(m) = s.as_object() else { return false };
    let null_enum = m.get("enum").is_some_and(|e| e == &json!([null]));
    let null_type = m.get("type").is_some_and(|t| t == "null");
    (null_enum || null_type)
        && m.keys().all(|k| matches!(k.as_str(), "type" | "enum" | "nullable" | "description" | "title" | "example" | "default"))
}

/// `anyOf`/`oneOf` with `{type: "null"}` branches: the other branches, nullable.
fn null_branches(map: &mut Map<String, Value>, at: &str, remap: &mut Remap) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = map.get_mut(key) else { continue };
        if !branches.iter().any(is_null_schema) || branches.iter().all(is_null_schema) {
            continue;
        }
        let mut kept = Vec::new();
        for (i, branch) in std::mem::take(branches).into_iter().enumerate() {
            if !is_null_schema(&branch) {
                if kept.len() != i {
                    remap.add(&format!("{at}/{key}/{}", kept.len()), &format!("{at}/{key}/{i}"));
                }
                kept.push((i, branch));
            }
        }
        map.insert("nullable".into(), Value::Bool(true));
        if kept.len() > 1 {
            map.insert(key.into(), Value::Array(kept.into_iter().map(|(_, b)| b).collect()));
            continue;
        }
        map.remove(key);
        let Some((i, branch)) = kept.pop() else { continue };
        let from = format!("{at}/{key}/{i}");
        match branch {
            Value::Object(b) if b.contains_key("$ref") || map.contains_key("allOf") => {
                // `allOf: [$ref]` is how a 3.0 schema puts `nullable` (and a description) on a reference.
                remap.add(&format!("{at}/allOf/0"), &from);
                let parts = map.entry("allOf").or_insert_with(|| json!([]));
                if let Value::Array(parts) = parts {
                    parts.insert(0, Value::Object(b));
                }
            }
            Value::Object(b) => {
                for (k, v) in b {
                    if k == "nullable" {
                        continue;
                    }
                    if !map.contains_key(&k) {
                        remap.add(&format!("{at}/{}", escape_segment(&k)), &format!("{from}/{}", escape_segment(&k)));
                        map.insert(k, v);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `$ref` beside other keywords: annotations stay on the schema (a `description` becomes the
/// field's doc), keywords that shape the value are merged with `allOf`.
fn ref_siblings(map: &mut Map<String, Value>, at: &str, remap: &mut Remap) {
    if map.len() < 2 || !map.get("$ref").is_some_and(Value::is_string) {
        return;
    }
    let Some(reference) = map.remove("$ref") else { return };
    // The reference says what type the value is; beside `allOf`, a `type` would hide it.
    map.remove("type");
    let mut parts = vec![json!({ "$ref": reference })];
    remap.add(&format!("{at}/allOf/0"), at);
    let structural: Map<String, Value> = STRUCTURAL
        .iter()
        .filter_map(|k| map.remove(*k).map(|v| (k.to_string(), v)))
        .collect();
    if !structural.is_empty() {
        for k in structural.keys() {
            remap.add(&format!("{at}/allOf/1/{}", escape_segment(k)), &format!("{at}/{}", escape_segment(k)));
        }
        parts.push(Value::Object(structural));
    }
    map.insert("allOf".into(), Value::Array(parts));
}

