//! JSON text -> `openapiv3::OpenAPI`, its parts read on every thread.
//!
//! `openapiv3` flattens the extensions of the document, of `paths` and of `components` into
//! their structs. For a flattened struct, serde first copies the whole object into a buffer,
//! and then reads each field from that copy, so deserializing the document the usual way copies
//! the whole spec twice before reading it. Here the top two levels are split by hand (keeping
//! each value as borrowed raw JSON), and each value is read once, with the same `Deserialize`
//! impls, spread over the threads: `components` as one job, the path items in runs.
//!
//! The result equals `serde_json::from_str::<OpenAPI>(text)`. Any document this does not
//! handle in exactly the same way (a duplicated field, a missing one, a value of the wrong
//! shape) gives `None`, and the caller goes the usual way, which reports the problem.

use openapiv3::{Components, OpenAPI, PathItem, ReferenceOr};
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// The typed document, read from JSON text in pieces; `None` when the text is not a JSON
/// object whose pieces all read.
pub fn typed(text: &str) -> Option<OpenAPI> {
    let top: Entries = serde_json::from_str(text).ok()?;
    // serde's derive rejects a duplicated field and requires these three.
    if top.has_duplicate(DOC_FIELDS) || !["openapi", "info", "paths"].iter().all(|f| top.has(f)) {
        return None;
    }
    let mut paths = None;
    let mut components = None;
    let mut doc = OpenAPI::default();
    for (key, raw) in &top.0 {
        match key.as_str() {
            "paths" => paths = Some(*raw),
            "components" => components = Some(*raw),
            "openapi" => doc.openapi = read(raw)?,
            "info" => doc.info = read(raw)?,
            "servers" => doc.servers = read(raw)?,
            "security" => doc.security = read(raw)?,
            "tags" => doc.tags = read(raw)?,
            "externalDocs" => doc.external_docs = read(raw)?,
            k if k.starts_with("x-") => {
                doc.extensions.insert(key.clone(), read(raw)?);
            }
            _ => {}
        }
    }
    // A 3.1 document is rewritten on its raw tree first (`load::normalize`).
    if crate::load::is_31(&doc.openapi) {
        return None;
    }
    // `components` is one job, the path items are split in runs: they are most of the text.
    let path_entries = Entries::read(paths?)?.0;
    let runs: Vec<&[(String, &RawValue)]> = path_entries.chunks(PATHS_PER_JOB).collect();
    let mut pieces = crate::parallel::map(runs.len() + 1, |i| match i {
        0 => Piece::Components(components.map_or(Some(None), read_components).map(|c| c.map(Box::new))),
        _ => Piece::Paths(read_paths(runs[i - 1])),
    })
    .into_iter();
    let Some(Piece::Components(components)) = pieces.next() else { return None };
    doc.components = components?.map(|c| *c);
    for piece in pieces {
        let Piece::Paths(Some(paths)) = piece else { return None };
        for (key, value) in paths {
            match value {
                PathValue::Item(item) => {
                    doc.paths.paths.insert(key, *item);
                }
                PathValue::Extension(value) => {
                    doc.paths.extensions.insert(key, value);
                }
            }
        }
    }
    Some(doc)
}

/// Path items read per job: Cloudflare's 965 paths make a few dozen jobs.
const PATHS_PER_JOB: usize = 32;

/// What one job read.
enum Piece {
    Components(Option<Option<Box<Components>>>),
    Paths(Option<Vec<(String, PathValue)>>),
}

/// A value under `paths`.
enum PathValue {
    Item(Box<ReferenceOr<PathItem>>),
    Extension(Value),
}

/// The document's own fields (the rest are extensions or ignored).
const DOC_FIELDS: &[&str] = &["openapi", "info", "servers", "paths", "components", "security", "tags", "externalDocs"];

/// The fields of `components`.
const COMPONENT_FIELDS: &[&str] =
    &["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks"];

fn read<T: DeserializeOwned>(raw: &RawValue) -> Option<T> {
    serde_json::from_str(raw.get()).ok()
}

/// A run of `paths` entries: every key starting with `/` is a path item, `x-` keys are
/// extensions, the rest is ignored (as `openapiv3`'s own `deserialize_with` functions do).
fn read_paths(entries: &[(String, &RawValue)]) -> Option<Vec<(String, PathValue)>> {
    let mut out = Vec::with_capacity(entries.len());
    for (key, raw) in entries {
        if key.starts_with('/') {
            out.push((key.clone(), PathValue::Item(Box::new(read(raw)?))));
        } else if key.starts_with("x-") {
            out.push((key.clone(), PathValue::Extension(read(raw)?)));
        }
    }
    Some(out)
}

/// `components` (`null` is no components), read field by field like serde's derive.
fn read_components(raw: &RawValue) -> Option<Option<Components>> {
    if raw.get().trim() == "null" {
        return Some(None);
    }
    let entries = Entries::read(raw)?;
    if entries.has_duplicate(COMPONENT_FIELDS) {
        return None;
    }
    let mut c = Components::default();
    for (key, raw) in entries.0 {
        match key.as_str() {
            "schemas" => c.schemas = read(raw)?,
            "responses" => c.responses = read(raw)?,
            "parameters" => c.parameters = read(raw)?,
            "examples" => c.examples = read(raw)?,
            "requestBodies" => c.request_bodies = read(raw)?,
            "headers" => c.headers = read(raw)?,
            "securitySchemes" => c.security_schemes = read(raw)?,
            "links" => c.links = read(raw)?,
            "callbacks" => c.callbacks = read(raw)?,
            k if k.starts_with("x-") => {
                c.extensions.insert(key, read::<Value>(raw)?);
            }
            _ => {}
        }
    }
    Some(Some(c))
}

/// A JSON object's entries in order, duplicates kept, each value as borrowed raw JSON.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'a> Entries<'a> {
    /// The entries of a raw value; `None` when it is not an object.
    fn read(raw: &'a RawValue) -> Option<Self> {
        serde_json::from_str(raw.get()).ok()
    }

    fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(k, _)| k == field)
    }

    /// Whether one of `fields` appears twice.
    fn has_duplicate(&self, fields: &[&str]) -> bool {
        fields.iter().any(|f| self.0.iter().filter(|(k, _)| k == f).count() > 1)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for EntriesVisitor<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entries<'a>, M::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        let usual: Option<OpenAPI> = serde_json::from_str(text).ok();
        let pieces = typed(text);
        if let Some(pieces) = &pieces {
            assert_eq!(Some(pieces), usual.as_ref(), "{text}");
        }
    }

    #[test]
    fn matches_the_usual_parse_or_declines() {
        let base = r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}},"x-p":1,"other":2},"components":{"schemas":{"A":{"type":"string"}},"x-c":[1],"unknown":3},"x-top":{"a":1},"servers":[{"url":"http://x"}]}"#;
        same(base);
        assert!(typed(base).is_some());
        same(r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":null}"#);
        // Declined: missing or duplicated fields, wrong shapes, not an object.
        for text in [
            r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"}}"#,
            r#"{"openapi":"3.0.3","openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}"#,
            r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{},"schemas":{}}}"#,
            r#"{"openapi":"3.0.3","info":{"title":"t"},"paths":{}}"#,
            r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":[]}"#,
            "[]",
            "{",
        ] {
            assert!(typed(text).is_none(), "{text}");
            same(text);
        }
    }
}
