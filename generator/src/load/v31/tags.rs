//! Unions tagged by a `const` property: a 3.1 spec's way of writing a discriminator.

use serde_json::{json, Map, Value};

/// A `oneOf` (or `anyOf`) without a `discriminator` whose branches each fix the same string
/// property to a different single value (`const`, or a one-value `enum`) gets that property as
/// its discriminator, so it becomes a tagged union. Branches are `$ref`s to component schemas
/// or inline objects; the property may come through an `allOf` part.
pub fn const_tags(doc: &mut Value) {
    let components = doc.get("components").and_then(|c| c.get("schemas")).cloned().unwrap_or(Value::Null);
    crate::load::walk::schemas(doc, &mut |node, _| {
        let Some(map) = node.as_object_mut() else { return };
        if map.contains_key("discriminator") {
            return;
        }
        for key in ["oneOf", "anyOf"] {
            let Some(Value::Array(branches)) = map.get(key) else { continue };
            if let Some(discriminator) = discriminator(branches, &components) {
                map.insert("discriminator".into(), discriminator);
                return;
            }
        }
    });
}

fn discriminator(branches: &[Value], components: &Value) -> Option<Value> {
    if branches.len() < 2 {
        return None;
    }
    let fixed: Vec<Vec<(String, String)>> = branches.iter().map(|b| fixed_properties(b, components, 0)).collect::<Option<_>>()?;
    // The first property every branch fixes, to values that differ.
    let candidates = fixed.first()?.iter().map(|(p, _)| p.clone());
    for property in candidates {
        let values: Option<Vec<&String>> = fixed.iter().map(|f| f.iter().find(|(p, _)| *p == property).map(|(_, v)| v)).collect();
        let Some(values) = values else { continue };
        let distinct: std::collections::BTreeSet<&String> = values.iter().copied().collect();
        if distinct.len() != values.len() {
            continue;
        }
        let mut mapping = Map::new();
        for (b, v) in branches.iter().zip(&values) {
            if let Some(r) = b.get("$ref") {
                mapping.insert((*v).clone(), r.clone());
            }
        }
        return Some(json!({ "propertyName": property, "mapping": mapping }));
    }
    None
}

/// The string properties a schema fixes to one value, with those values; `None` when the schema
/// is not an object that could carry a tag.
fn fixed_properties(schema: &Value, components: &Value, depth: usize) -> Option<Vec<(String, String)>> {
    if depth > 8 {
        return None;
    }
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = crate::pointer::component_name(r, "schemas")?;
            components.get(&name)?
        }
        None => schema,
    };
    let mut out = Vec::new();
    if let Some(Value::Object(props)) = schema.get("properties") {
        for (name, p) in props {
            if let Some(Value::Array(values)) = p.get("enum") {
                if let [Value::String(v)] = values.as_slice() {
                    out.push((name.clone(), v.clone()));
                }
            }
        }
    }
    for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        out.extend(fixed_properties(part, components, depth + 1).unwrap_or_default());
    }
    Some(out)
}
