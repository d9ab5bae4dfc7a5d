//! `$defs` (and the older `definitions`) inside schemas: each entry becomes a schema component
//! of its own, named after the component that holds it and its key (`Account` `$defs/Limit`
//! becomes `Account_Limit`, the type `AccountLimit`), and every `$ref` into it
//! (`#/components/schemas/Account/$defs/Limit`) is pointed at the new place. The moves are
//! recorded, so diagnostics name the place in the document as written.

use super::walk;
use crate::diag::{escape_segment, Diagnostics, Remap};
use crate::pointer::Pointer;
use serde_json::{Map, Value};
use std::collections::HashSet;

const KEYWORDS: &[&str] = &["$defs", "definitions"];

/// Moves every `$defs` entry to `components.schemas`; a `$defs` that is not a map of schemas,
/// or entries with no `components.schemas` map to go to, are left out with a warning.
pub fn hoist(doc: &mut Value, remap: &mut Remap, diags: &mut Diagnostics) {
    let mut found: Vec<(String, String, Value)> = Vec::new();
    walk::schemas(doc, &mut |node, at| {
        let Some(map) = node.as_object_mut() else { return };
        for key in KEYWORDS {
            let entries = match map.remove(*key) {
                Some(Value::Object(entries)) => entries,
                Some(_) => {
                    diags.warn(format!("{at}/{key}"), format!("`{key}` is not a map of schemas and is left out"));
                    continue;
                }
                None => continue,
            };
            let owner = owner(at);
            for (name, schema) in entries {
                found.push((format!("{at}/{key}/{}", escape_segment(&name)), format!("{owner}_{name}"), schema));
            }
        }
    });
    if found.is_empty() {
        return;
    }
    let Some(schemas) = schemas_map(doc) else {
        for (was, ..) in &found {
            diags.warn(was.as_str(), "`components.schemas` is not a map, so this `$defs` entry has nowhere to go and is left out");
        }
        return;
    };
    let mut taken: HashSet<String> = schemas.keys().cloned().collect();
    let mut moves = Vec::new();
    for (was, name, schema) in found {
        let name = (1..).map(|n| if n == 1 { name.clone() } else { format!("{name}{n}") }).find(|n| !taken.contains(n)).unwrap_or(name);
        taken.insert(name.clone());
        let now = String::from(Pointer::component("schemas", &name));
        remap.add(&now, &was);
        moves.push((was, now));
        schemas.insert(name, schema);
    }
    // Longest first, so that a nested entry's own pointer wins over its parent's.
    moves.sort_by_key(|(was, _)| std::cmp::Reverse(was.len()));
    retarget(doc, &moves);
}

/// `components.schemas`, made when missing; `None` when the document has another shape there.
fn schemas_map(doc: &mut Value) -> Option<&mut Map<String, Value>> {
    let components = doc.as_object_mut()?.entry("components").or_insert_with(|| Value::Object(Map::new()));
    components.as_object_mut()?.entry("schemas").or_insert_with(|| Value::Object(Map::new())).as_object_mut()
}

/// The name a `$defs` entry's component starts with: the component that holds it, else `Defs`.
fn owner(at: &str) -> String {
    match Pointer::parse(at).map(|p| p.segments()).as_deref() {
        Some([components, schemas, name, ..]) if components == "components" && schemas == "schemas" => name.clone(),
        _ => "Defs".to_string(),
    }
}

/// Points every `$ref` into a moved entry at its new place.
fn retarget(node: &mut Value, moves: &[(String, String)]) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref") {
                if let Some((was, now)) = moves.iter().find(|(was, _)| r.strip_prefix(was.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))) {
                    *r = format!("{now}{}", &r[was.len()..]);
                }
            }
            map.values_mut().for_each(|v| retarget(v, moves));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| retarget(v, moves)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn entries_become_components_and_references_follow() {
        let mut doc = json!({"components": {"schemas": {
            "Account": {"type": "object", "properties": {"limit": {"$ref": "#/components/schemas/Account/$defs/Limit"}},
                        "$defs": {"Limit": {"type": "object", "properties": {"max": {"$ref": "#/components/schemas/Account/$defs/Limit/properties/n"}, "n": {"type": "integer"}}}}},
            "Account_Limit": {"type": "string"}
        }}});
        let mut remap = Remap::default();
        let mut diags = Diagnostics::new("spec.json");
        hoist(&mut doc, &mut remap, &mut diags);
        assert!(diags.items().is_empty());
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Account"]["properties"]["limit"], json!({"$ref": "#/components/schemas/Account_Limit2"}));
        assert_eq!(schemas["Account_Limit2"]["properties"]["max"], json!({"$ref": "#/components/schemas/Account_Limit2/properties/n"}));
        assert_eq!(schemas["Account"].get("$defs"), None);
        assert_eq!(remap.original("#/components/schemas/Account_Limit2/properties/n"), "#/components/schemas/Account/$defs/Limit/properties/n");
    }

    #[test]
    fn defs_that_cannot_be_hoisted_are_warned_about() {
        let mut doc = json!({"components": {"schemas": {"Account": {"type": "object", "$defs": ["not", "a", "map"]}}}});
        let mut diags = Diagnostics::new("spec.json");
        hoist(&mut doc, &mut Remap::default(), &mut diags);
        let shown: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].contains("#/components/schemas/Account/$defs") && shown[0].contains("not a map"), "{shown:?}");

        let mut doc = json!({"paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
            "$defs": {"Limit": {"type": "integer"}}}}}}}}}}, "components": {"schemas": []}});
        let mut diags = Diagnostics::new("spec.json");
        hoist(&mut doc, &mut Remap::default(), &mut diags);
        let shown: Vec<String> = diags.items().iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].contains("/schema/$defs/Limit") && shown[0].contains("nowhere to go"), "{shown:?}");
    }
}
