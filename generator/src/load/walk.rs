//! Finds every schema of a raw document, so the load step can rewrite schemas before `openapiv3`
//! reads them: the document is walked by its structure (paths, operations, parameters, bodies,
//! responses, components, webhooks, callbacks), and each schema's subschemas after it, so that
//! property *names* and `example` values are never mistaken for schemas.
//!
//! The visitor sees subschemas before their parent (post-order), so a parent's rewrite sees its
//! children already rewritten.

use crate::diag::escape_segment;
use serde_json::Value;

/// Keywords whose value is one subschema.
const ONE: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "contains",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contentSchema",
    "additionalItems",
];
/// Keywords whose value is a list of subschemas.
const LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to subschemas.
const MAP: &[&str] = &["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];

pub(super) const METHODS: &[&str] = crate::ir::HttpMethod::KEYS;

/// A JSON pointer being built while walking (`#/paths/~1a/get`).
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Self(String::from("#"))
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn push(&mut self, segment: &str) -> usize {
        let len = self.0.len();
        self.0.push('/');
        if segment.contains(['~', '/']) {
            self.0.push_str(&escape_segment(segment));
        } else {
            self.0.push_str(segment);
        }
        len
    }

    fn pop(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// Runs `f` with `segment` appended, then takes it off again.
    pub fn with<R>(&mut self, segment: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.push(segment);
        let out = f(self);
        self.pop(len);
        out
    }
}

/// Calls `visit` on every schema in the document, subschemas first.
pub fn schemas(doc: &mut Value, visit: &mut dyn FnMut(&mut Value, &str)) {
    let mut at = Pointer::root();
    let Some(map) = doc.as_object_mut() else { return };
    for key in ["paths", "webhooks", "x-webhooks"] {
        if let Some(Value::Object(items)) = map.get_mut(key) {
            at.with(key, |at| {
                for (name, item) in items.iter_mut() {
                    at.with(name, |at| path_item(item, at, visit));
                }
            });
        }
    }
    let Some(Value::Object(components)) = map.get_mut("components") else { return };
    at.with("components", |at| {
        for (kind, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else { continue };
            at.with(kind, |at| {
                for (name, node) in entries.iter_mut() {
                    at.with(name, |at| match kind.as_str() {
                        "schemas" => schema(node, at, visit),
                        "parameters" | "headers" => parameter(node, at, visit),
                        "responses" | "requestBodies" => with_content(node, at, visit),
                        "pathItems" => path_item(node, at, visit),
                        "callbacks" => callback(node, at, visit),
                        _ => {}
                    });
                }
            });
        }
    });
}

fn path_item(item: &mut Value, at: &mut Pointer, visit: &mut dyn FnMut(&mut Value, &str)) {
    let Some(map) = item.as_object_mut() else { return };
    for (key, node) in map.iter_mut() {
        at.with(key, |at| {
            if key == "parameters" {
                each(node, at, |p, at| parameter(p, at, visit));
            } else if METHODS.contains(&key.as_str()) {
                operation(node, at, visit);
            }
        });
    }
}

fn operation(op: &mut Value, at: &mut Pointer, visit: &mut dyn FnMut(&mut Value, &str)) {
    let Some(map) = op.as_object_mut() else { return };
    for (key, node) in map.iter_mut() {
        at.with(key, |at| match key.as_str() {
            "parameters" => each(node, at, |p, at| parameter(p, at, visit)),
            "requestBody" => with_content(node, at, visit),
            "responses" => {
                if let Some(responses) = node.as_object_mut() {
                    for (code, r) in responses.iter_mut() {
                        at.with(code, |at| with_content(r, at, visit));
                    }
                }
            }
            "callbacks" => {
                if let Some(callbacks) = node.as_object_mut() {
                    for (name, c) in callbacks.iter_mut() {
                        at.with(name, |at| callback(c, at, visit));
                    }
                }
            }
            _ => {}
        });
    }
}

fn callback(node: &mut Value, at: &mut Pointer, visit: &mut dyn FnMut(&mut Value, &str)) {
    if let Some(items) = node.as_object_mut() {
        for (expr, item) in items.iter_mut() {
            at.with(expr, |at| path_item(item, at, visit));
        }
    }
}

/// A parameter or header: a `schema`, or `content`.
fn parameter(node: &mut Value, at: &mut Pointer, visit: &mut dyn FnMut(&mut Value, &str)) {
    if let Some(s) = node.get_mut("schema") {
        at.with("schema", |at| schema(s, at, visit));
    }
    content(node, at, visit);
}

/// A request body or response: `content`, and a response's `headers`.
fn with_content(node: &mut Value, at: &mut Pointer, visit: &mut dyn FnMut(&mut Value, &str)) {
    content(node, at, visit);
    if let Some(Value::Object(headers)) = node.get_mut("headers") {
        at.with("headers", |at| {
            for (name, h) in headers.iter_mut() {
                at.with(name, |at| parameter(h, at, visit));
            }
        });
    }
}

fn content(node: &mut Value, at: &mut Pointer, visit: &mut dyn FnMut(&mut Value, &str)) {
    let Some(Value::Object(media)) = node.get_mut("content") else { return };
    at.with("content", |at| {
        for (mt, m) in media.iter_mut() {
            at.with(mt, |at| {
                if let Some(s) = m.get_mut("schema") {
                    at.with("schema", |at| schema(s, at, visit));
                }
            });
        }
    });
}

/// One schema: its subschemas first, then itself.
pub fn schema(node: &mut Value, at: &mut Pointer, visit: &mut dyn FnMut(&mut Value, &str)) {
    if let Value::Object(map) = node {
        for (key, child) in map.iter_mut() {
            let key = key.as_str();
            if key == "additionalProperties" && child.is_boolean() {
                // `additionalProperties: false` is 3.0 too: not a boolean schema to rewrite.
                continue;
            }
            if ONE.contains(&key) {
                at.with(key, |at| match child {
                    // Draft 4's tuple form `items: [A, B]`.
                    Value::Array(_) => each(child, at, |s, at| schema(s, at, visit)),
                    _ => schema(child, at, visit),
                });
            } else if LIST.contains(&key) {
                at.with(key, |at| each(child, at, |s, at| schema(s, at, visit)));
            } else if MAP.contains(&key) {
                if let Value::Object(children) = child {
                    at.with(key, |at| {
                        for (name, s) in children.iter_mut() {
                            at.with(name, |at| schema(s, at, visit));
                        }
                    });
                }
            }
        }
    }
    visit(node, at.as_str());
}

fn each(node: &mut Value, at: &mut Pointer, mut f: impl FnMut(&mut Value, &mut Pointer)) {
    if let Value::Array(items) = node {
        for (i, item) in items.iter_mut().enumerate() {
            at.with(&i.to_string(), |at| f(item, at));
        }
    }
}
