//! The checks of [`validate`](super::validate), answered "all pass" or "not sure" without
//! building the raw tree: one streaming pass over the JSON text (every `$ref` and every `x-`
//! key, with `validate`'s rules on where they count), and the typed document for the rest
//! (where references lead, operation ids, path parameters).
//!
//! It never reports anything itself. `true` means `validate` would find nothing, and the
//! generator skips reading the raw tree (on a large spec, as long as lowering it); `false`
//! means the generator reads the tree and runs `validate`, which says what is wrong. Anything
//! unusual (a reference that is not `#/components/<kind>/<name>`, escapes in a reference, keys
//! under `paths` that are not paths) also answers `false`.

use super::template_params;
use crate::ext::{extension_ok, validate_client};
use openapiv3::{OpenAPI, Parameter, ReferenceOr};
use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::fmt;

/// Whether `validate` would find no problem in this JSON spec, whose typed document is `doc`.
pub fn passes(text: &str, doc: &OpenAPI) -> bool {
    let mut found = Found::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let walked = Node { found: &mut found, at: At::Root, refs: true }.deserialize(&mut de).is_ok();
    walked
        && de.end().is_ok()
        && !found.doubt
        && crate::load::is_supported_version(&doc.openapi)
        && found.refs.iter().all(|r| resolves(doc, r))
        && operations_ok(doc)
        && doc.extensions.get(crate::ext::Key::Client.name()).is_none_or(|client| {
            validate_client(client, &mut crate::diag::Diagnostics::strict("")).is_empty()
        })
}

/// What the streaming pass saw.
#[derive(Default)]
struct Found {
    /// Every `$ref` target, once.
    refs: HashSet<String>,
    /// Something `validate` would report, or that this pass cannot judge.
    doubt: bool,
}

/// `#/components/<kind>/<name>` that names an existing component.
fn resolves(doc: &OpenAPI, target: &str) -> bool {
    let Some(rest) = target.strip_prefix(crate::pointer::COMPONENTS) else { return false };
    let Some((kind, name)) = rest.split_once('/') else { return false };
    if name.contains(['/', '~', '%']) {
        return false;
    }
    let Some(c) = &doc.components else { return false };
    match kind {
        "schemas" => c.schemas.contains_key(name),
        "responses" => c.responses.contains_key(name),
        "parameters" => c.parameters.contains_key(name),
        "examples" => c.examples.contains_key(name),
        "requestBodies" => c.request_bodies.contains_key(name),
        "headers" => c.headers.contains_key(name),
        "securitySchemes" => c.security_schemes.contains_key(name),
        "links" => c.links.contains_key(name),
        "callbacks" => c.callbacks.contains_key(name),
        _ => false,
    }
}

/// Unique operation ids, and no path parameter declared that the template does not use.
fn operations_ok(doc: &OpenAPI) -> bool {
    let mut ids = HashSet::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else { continue };
        for (_, op) in item.iter() {
            if op.operation_id.as_ref().is_some_and(|id| !ids.insert(id.as_str())) {
                return false;
            }
            let used: BTreeSet<String> = template_params(path).into_iter().collect();
            let mut declared = BTreeSet::new();
            for p in item.parameters.iter().chain(&op.parameters) {
                match path_param(doc, p) {
                    Some(Some(name)) => {
                        declared.insert(name);
                    }
                    Some(None) => {}
                    None => return false,
                }
            }
            // Undeclared ones are taken as strings (lowering warns); unused ones are errors.
            if !declared.is_subset(&used) {
                return false;
            }
        }
    }
    true
}

/// The name of a path parameter; `Some(None)` for another kind; `None` when unsure.
fn path_param(doc: &OpenAPI, p: &ReferenceOr<Parameter>) -> Option<Option<String>> {
    let p = match p {
        ReferenceOr::Item(p) => p,
        ReferenceOr::Reference { reference } => {
            let name = crate::pointer::component_name(reference, "parameters").filter(|n| !n.contains(['/', '~', '%']))?;
            match doc.components.as_ref()?.parameters.get(&name)? {
                ReferenceOr::Item(p) => p,
                // A reference to a reference: `validate` reads no `in` there.
                ReferenceOr::Reference { .. } => return Some(None),
            }
        }
    };
    Some(match p {
        Parameter::Path { parameter_data, .. } => Some(parameter_data.name.clone()),
        _ => None,
    })
}

/// Where a JSON value is, as far as the rules care.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// The document.
    Root,
    /// The `paths` object: every key must be a path.
    Paths,
    /// The value of a `properties` key: its keys are property names, not `$ref` or `x-` keys.
    Names,
    /// Anywhere else.
    Other,
}

/// One JSON value, walked with `validate`'s rules; `refs` is off inside `example` values.
struct Node<'f> {
    found: &'f mut Found,
    at: At,
    refs: bool,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        let names = self.at == At::Names;
        while let Some(Key(key)) = map.next_key()? {
            let key = key.as_ref();
            if self.at == At::Paths && !key.starts_with('/') {
                self.found.doubt = true;
            }
            if key == "$ref" && !names {
                let value: Value = map.next_value()?;
                match value.as_str() {
                    Some(target) if self.refs => {
                        if !target.starts_with('#') {
                            self.found.doubt = true;
                        }
                        if !self.found.refs.contains(target) {
                            self.found.refs.insert(target.to_string());
                        }
                    }
                    Some(_) => {}
                    None => self.found.doubt = true,
                }
                continue;
            }
            if key.starts_with("x-") && !names {
                let value: Value = map.next_value()?;
                // Another vendor's extension (`None`) is not checked, but `$ref`s in it count.
                let ok = extension_ok(key, &value).unwrap_or(true);
                self.found.doubt |= !ok || has_ref(&value);
                continue;
            }
            let at = match (self.at, key) {
                (At::Root, "paths") => At::Paths,
                (_, "properties") => At::Names,
                _ => At::Other,
            };
            // A property called `example` is a schema; an `example` keyword's value is data.
            map.next_value_seed(Node { found: self.found, at, refs: self.refs && (names || key != "example") })?;
        }
        Ok(())
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while seq.next_element_seed(Node { found: self.found, at: At::Other, refs: self.refs })?.is_some() {}
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// An object key, borrowed from the text unless it has escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Whether a value holds a `$ref` key anywhere: references this pass did not follow.
fn has_ref(value: &Value) -> bool {
    match value {
        Value::Object(m) => m.iter().any(|(k, v)| k == "$ref" || has_ref(v)),
        Value::Array(a) => a.iter().any(has_ref),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::passes;

    /// Whether the full validation finds nothing.
    fn clean(text: &str) -> bool {
        let mut diags = crate::diag::Diagnostics::new("t.json");
        let mut value = crate::load::raw(text, &mut diags).expect("test specs are JSON with a version");
        super::super::validate(&mut value, &mut diags);
        diags.into_vec().is_empty()
    }

    fn spec(paths: &str, components: &str) -> String {
        format!(r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{{paths}}},"components":{{{components}}}}}"#)
    }

    #[test]
    fn agrees_with_validate_on_each_check() {
        let op = |id: &str, params: &str| format!(r#"{{"operationId":"{id}","parameters":[{params}],"responses":{{"200":{{"description":"ok"}}}}}}"#);
        let path_param = r#"{"name":"id","in":"path","required":true,"schema":{"type":"string"}}"#;
        let schemas = r##""schemas":{"A":{"type":"object","properties":{"$ref":{"type":"string"},"x-y":{"$ref":"#/components/schemas/B"}}},"B":{"type":"string","example":{"$ref":"nowhere"}}}"##;
        let cases = [
            // Valid: property names `$ref` and `x-y` are names; references under `example` do not count.
            (spec(&format!(r#""/a/{{id}}":{{"get":{}}}"#, op("a", path_param)), schemas), true),
            // An unresolvable reference.
            (spec(&format!(r#""/a":{{"get":{}}}"#, op("a", "")), r##""schemas":{"A":{"$ref":"#/components/schemas/Missing"}}"##), false),
            // An external reference.
            (spec(&format!(r#""/a":{{"get":{}}}"#, op("a", "")), r#""schemas":{"A":{"$ref":"other.json#/A"}}"#), false),
            // An unresolvable reference in a property called `example` (a schema, not an example).
            (spec(&format!(r#""/a":{{"get":{}}}"#, op("a", "")), r##""schemas":{"A":{"type":"object","properties":{"example":{"$ref":"#/components/schemas/Missing"}}}}"##), false),
            // Duplicate operation ids.
            (spec(&format!(r#""/a":{{"get":{}}},"/b":{{"get":{}}}"#, op("a", ""), op("a", "")), ""), false),
            // A path parameter used but not declared (lowering takes it as a string, with a
            // warning), and one declared but not used.
            (spec(&format!(r#""/a/{{id}}":{{"get":{}}}"#, op("a", "")), ""), true),
            (spec(&format!(r#""/a":{{"get":{}}}"#, op("a", path_param)), ""), false),
            // A bad value of one of our extensions, and an unknown one.
            (spec(&format!(r#""/a":{{"get":{}}}"#, op("a", "")), r#""schemas":{"A":{"type":"string","x-rust-name":"fn"}}"#), false),
            (spec(&format!(r#""/a":{{"get":{}}}"#, op("a", "")), r#""schemas":{"A":{"type":"string","x-rust-nope":1}}"#), false),
        ];
        for (text, valid) in &cases {
            assert_eq!(clean(text), *valid, "validate on {text}");
            let doc: openapiv3::OpenAPI = serde_json::from_str(text).unwrap();
            assert_eq!(passes(text, &doc), *valid, "passes on {text}");
        }
    }
}
