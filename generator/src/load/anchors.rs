//! JSON Schema's own references, resolved the way JSON Schema 2019-09 and 2020-12 define them for
//! a document without `$id`, into plain `$ref`s the rest of the generator follows:
//!
//! | keyword | read as |
//! |---|---|
//! | `$ref: "#name"` | `$ref` to the schema with `$anchor: name` (or `$dynamicAnchor: name`), in the same schema resource first |
//! | `$recursiveRef: "#"` | `$ref` to the enclosing schema resource: the component that contains it (for an inline schema, its outermost schema), with a warning |
//! | `$dynamicRef: "#name"` | `$ref` to the `$dynamicAnchor: name` of the same resource, else the only one in the document, with a warning; none found: any value (`serde_json::Value`), with a warning |
//! | `$recursiveRef`/`$dynamicRef` with a pointer (`#/...`) | `$ref` to it, with a warning |
//!
//! A Rust type cannot follow the dynamic scope (where a schema is used from), so the static
//! target is the one taken. Any document, 3.0 or 3.1: vendors' 3.0 specs carry these too.

use super::walk;
use crate::diag::{escape_segment, Diagnostics};
use serde_json::{Map, Value};

/// Keywords that name an anchor; they are taken out once every reference is resolved.
const ANCHORS: &[&str] = &["$anchor", "$dynamicAnchor", "$recursiveAnchor"];

/// One anchor: its name, whether it is dynamic, and the pointer of its schema.
struct Anchor {
    name: String,
    dynamic: bool,
    at: String,
}

/// Resolves every anchor reference, `$recursiveRef` and `$dynamicRef` in the document.
pub fn resolve(doc: &mut Value, diags: &mut Diagnostics) {
    let mut anchors = Vec::new();
    walk::schemas(doc, &mut |node, at| {
        for (key, dynamic) in [("$anchor", false), ("$dynamicAnchor", true)] {
            if let Some(name) = node.get(key).and_then(Value::as_str) {
                anchors.push(Anchor { name: name.to_string(), dynamic, at: at.to_string() });
            }
        }
    });
    walk::schemas(doc, &mut |node, at| {
        let Some(map) = node.as_object_mut() else { return };
        if let Some(target) = map.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')).filter(|r| is_anchor(r)) {
            if let Some(found) = find(&anchors, target, at, false) {
                map.insert("$ref".into(), Value::String(found));
            }
        }
        for key in ["$recursiveRef", "$dynamicRef"] {
            if let Some(reference) = map.remove(key) {
                dynamic(map, key, &reference, at, &anchors, diags);
            }
        }
        for key in ANCHORS {
            map.remove(*key);
        }
    });
}

/// Whether text after `#` is an anchor name rather than a JSON pointer.
fn is_anchor(fragment: &str) -> bool {
    !fragment.is_empty() && !fragment.starts_with('/')
}

/// `$recursiveRef` or `$dynamicRef` at `at`: a `$ref` to its static target, or nothing.
fn dynamic(map: &mut Map<String, Value>, key: &str, reference: &Value, at: &str, anchors: &[Anchor], diags: &mut Diagnostics) {
    let here = format!("{at}/{}", escape_segment(key));
    let text = reference.as_str().unwrap_or_default();
    let target = match text.strip_prefix('#') {
        Some("") => Some((resource(at), "the schema resource that contains it")),
        Some(fragment) if fragment.starts_with('/') => Some((text.to_string(), "the schema it points at")),
        Some(name) => find(anchors, name, at, true).map(|t| (t, "the schema with that anchor")),
        None => None,
    };
    let problem = format!("`{key}: {reference}` resolves by where the schema is used, which a Rust type cannot follow");
    let help = Some("replace it with a `$ref` to the schema it resolves to".to_string());
    match target {
        Some((target, what)) if !map.contains_key("$ref") => {
            diags.recover(here, problem, format!("it is read as `$ref: {target}`, {what}"), help);
            map.insert("$ref".into(), Value::String(target));
        }
        _ => diags.recover(here, problem, "its target is not known here, so it is any value (`serde_json::Value`)", help),
    }
}

/// The pointer of the anchor `name` seen from `at`: one in the same schema resource first (a
/// dynamic one first when `dynamic`), else the only one of that name in the document.
fn find(anchors: &[Anchor], name: &str, at: &str, dynamic: bool) -> Option<String> {
    let home = resource(at);
    let named: Vec<&Anchor> = anchors.iter().filter(|a| a.name == name).collect();
    let mut local: Vec<&&Anchor> = named.iter().filter(|a| resource(&a.at) == home).collect();
    local.sort_by_key(|a| a.dynamic != dynamic);
    match (local.first(), named.as_slice()) {
        (Some(a), _) => Some(a.at.clone()),
        (None, [only]) => Some(only.at.clone()),
        _ => None,
    }
}

/// The schema resource that contains the schema at `at`, in a document without `$id`: the
/// component schema (`#/components/schemas/X`), else the outermost schema (a parameter's, a
/// header's or a media type's `schema`).
fn resource(at: &str) -> String {
    let segs: Vec<&str> = at.split('/').collect();
    if segs.len() >= 4 && segs[1] == "components" && segs[2] == "schemas" {
        return segs[..4].join("/");
    }
    match segs.iter().position(|s| *s == "schema") {
        Some(i) => segs[..=i].join("/"),
        None => at.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn resolved(mut doc: Value) -> (Value, Vec<String>) {
        let mut diags = Diagnostics::new("t.yaml");
        resolve(&mut doc, &mut diags);
        (doc, diags.into_vec().iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn recursive_and_dynamic_references_become_plain_ones() {
        let (doc, warnings) = resolved(json!({"components": {"schemas": {
            "Tree": {"$dynamicAnchor": "node", "properties": {"kids": {"items": {"$dynamicRef": "#node"}}}},
            "Filter": {"properties": {"and": {"items": {"$recursiveRef": "#"}}, "other": {"$dynamicRef": "#missing"}}},
            "Named": {"$anchor": "named", "type": "string"},
            "User": {"properties": {"name": {"$ref": "#named"}}}
        }}}));
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Tree"]["properties"]["kids"]["items"], json!({"$ref": "#/components/schemas/Tree"}));
        assert_eq!(schemas["Tree"].get("$dynamicAnchor"), None);
        assert_eq!(schemas["Filter"]["properties"]["and"]["items"], json!({"$ref": "#/components/schemas/Filter"}));
        assert_eq!(schemas["Filter"]["properties"]["other"], json!({}));
        assert_eq!(schemas["User"]["properties"]["name"], json!({"$ref": "#/components/schemas/Named"}));
        assert_eq!(warnings.len(), 3, "{warnings:#?}");
        assert!(warnings[0].contains("#/components/schemas/Tree/properties/kids/items/$dynamicRef"), "{warnings:#?}");
        assert!(warnings.iter().any(|w| w.contains("Filter/properties/other/$dynamicRef") && w.contains("`serde_json::Value`")));
    }

    #[test]
    fn an_inline_schema_is_its_own_resource() {
        assert_eq!(resource("#/paths/~1a/get/responses/200/content/application~1json/schema/items"), "#/paths/~1a/get/responses/200/content/application~1json/schema");
        assert_eq!(resource("#/components/schemas/A/properties/schema"), "#/components/schemas/A");
    }
}
