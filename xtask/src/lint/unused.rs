//! No component is unused: every schema, parameter, response, request body, header, example,
//! link and callback in `components` is reachable through `$ref`s from the paths (references
//! from unused components do not count), and every security scheme is named by a security
//! requirement.

use super::walk::{at, operations, ref_path, Path};
use super::Raw;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

const KINDS: &[&str] = &["schemas", "parameters", "responses", "requestBodies", "headers", "examples", "links", "callbacks"];

/// A component: (kind, name).
type Component = (String, String);

/// Checks every component.
pub fn check(doc: &Value, out: &mut Vec<Raw>) {
    // References from outside `components` are the roots; each component's own references are edges.
    let mut roots: BTreeSet<Component> = BTreeSet::new();
    let mut edges: BTreeMap<Component, BTreeSet<Component>> = BTreeMap::new();
    if let Some(map) = doc.as_object() {
        for (key, node) in map {
            if key != "components" {
                refs(node, false, &mut roots);
            }
        }
    }
    let components = doc.get("components").and_then(Value::as_object);
    for kind in KINDS {
        for (name, node) in components.and_then(|c| c.get(*kind)).and_then(Value::as_object).into_iter().flatten() {
            let mut found = BTreeSet::new();
            refs(node, false, &mut found);
            edges.insert((kind.to_string(), name.clone()), found);
        }
    }
    let mut reached: BTreeSet<Component> = BTreeSet::new();
    let mut queue: VecDeque<Component> = roots.into_iter().collect();
    while let Some(c) = queue.pop_front() {
        if reached.insert(c.clone()) {
            queue.extend(edges.get(&c).into_iter().flatten().cloned());
        }
    }
    let referenced: BTreeSet<&Component> = edges.values().flatten().collect();
    for component in edges.keys() {
        if reached.contains(component) {
            continue;
        }
        let (kind, name) = component;
        let how = if referenced.contains(component) { "is referenced only by unused components" } else { "is never referenced" };
        out.push(Raw::error(
            "unused-component",
            at(&[], &["components", kind, name]),
            format!("`#/components/{kind}/{name}` {how}"),
            "remove it, or use it with a `$ref` from an operation",
        ));
    }
    security_schemes(doc, out);
}

fn security_schemes(doc: &Value, out: &mut Vec<Raw>) {
    let mut named: BTreeSet<&str> = BTreeSet::new();
    let lists = std::iter::once(doc.get("security")).chain(operations(doc).into_iter().map(|op| op.op.get("security")));
    for reqs in lists {
        for req in reqs.and_then(Value::as_array).into_iter().flatten() {
            named.extend(req.as_object().into_iter().flatten().map(|(k, _)| k.as_str()));
        }
    }
    for (name, _) in doc.pointer("/components/securitySchemes").and_then(Value::as_object).into_iter().flatten() {
        if !named.contains(name.as_str()) {
            out.push(Raw::error(
                "unused-component",
                at(&[], &["components", "securitySchemes", name]),
                format!("security scheme `{name}` is not named by any security requirement"),
                "remove it, or require it with `security: [{<name>: []}]` on the document or an operation",
            ));
        }
    }
}

/// Collects the components that `$ref`s under `node` name. Example values are data, and keys
/// under `properties` are property names, so neither is searched for references.
fn refs(node: &Value, property_names: bool, out: &mut BTreeSet<Component>) {
    match node {
        Value::Object(map) => {
            if !property_names {
                if let Some(component) = map.get("$ref").and_then(Value::as_str).and_then(component_of) {
                    out.insert(component);
                }
            }
            for (k, v) in map {
                if property_names {
                    refs(v, false, out);
                    continue;
                }
                match k.as_str() {
                    "example" | "value" | "default" | "enum" | "$ref" => {}
                    "properties" => refs(v, true, out),
                    _ => refs(v, false, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, false, out)),
        _ => {}
    }
}

fn component_of(reference: &str) -> Option<Component> {
    let path: Path = ref_path(reference)?;
    match path.as_slice() {
        [c, kind, name, ..] if c == "components" => Some((kind.clone(), name.clone())),
        _ => None,
    }
}
