//! JSON pointers into the document (RFC 6901, as a URI fragment: `#/paths/~1a/get`), and the one
//! resolver of `$ref`s to components, for every component kind.
//!
//! Everything that builds, splits or follows a pointer goes through here: the `#/components/`
//! prefix is written once ([`COMPONENTS`]), a segment is escaped once ([`escape`]) and unescaped
//! once ([`unescape`], which also undoes URI percent-encoding, as a `$ref` is a URI).

use openapiv3::{
    Callback, Components, Example, Header, Link, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema,
    SecurityScheme,
};
use indexmap::IndexMap;
use std::fmt;

/// The prefix of every local component reference.
pub const COMPONENTS: &str = "#/components/";

/// A JSON pointer as a URI fragment: `#` then `/`-separated, escaped segments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// `#`, the whole document.
    pub fn root() -> Pointer {
        Pointer("#".to_string())
    }

    /// The pointer made of these (unescaped) segments: `["paths", "/a"]` is `#/paths/~1a`.
    pub fn from_segments<S: AsRef<str>>(segments: &[S]) -> Pointer {
        segments.iter().fold(Pointer::root(), |p, s| p.join(s.as_ref()))
    }

    /// A pointer as written in a `$ref`; `None` unless it is local (starts with `#`).
    pub fn parse(text: &str) -> Option<Pointer> {
        (text == "#" || text.starts_with("#/")).then(|| Pointer(text.to_string()))
    }

    /// `#/components/{kind}/{name}`.
    pub fn component(kind: &str, name: &str) -> Pointer {
        Pointer::from_segments(&["components", kind, name])
    }

    /// This pointer with one more segment, escaped.
    pub fn join(&self, segment: &str) -> Pointer {
        let mut text = String::with_capacity(self.0.len() + segment.len() + 1);
        text.push_str(&self.0);
        text.push('/');
        text.push_str(&escape(segment));
        Pointer(text)
    }

    /// The segments, unescaped.
    pub fn segments(&self) -> Vec<String> {
        match self.0.strip_prefix("#/") {
            Some(rest) => rest.split('/').map(unescape).collect(),
            None => Vec::new(),
        }
    }

    /// The text, e.g. `#/components/schemas/A`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> String {
        p.0
    }
}

/// Escapes one segment (`~` -> `~0`, `/` -> `~1`).
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// One segment of a plain JSON pointer (RFC 6901, as `serde_json::Value::pointer` takes) as a
/// key: `~1` -> `/`, `~0` -> `~`.
pub fn unescape_plain(raw: &str) -> String {
    raw.replace("~1", "/").replace("~0", "~")
}

/// One segment of a `$ref` fragment as a key: the JSON-pointer escapes (`~1`, `~0`) and URI
/// percent-encoding undone.
pub fn unescape(raw: &str) -> String {
    let unescaped = unescape_plain(raw);
    if !unescaped.contains('%') {
        return unescaped;
    }
    percent_encoding::percent_decode_str(&unescaped).decode_utf8_lossy().into_owned()
}

/// The name of the component `reference` points at, when it is exactly
/// `#/components/{kind}/{name}` (unescaped: `#/components/schemas/A~1B` is `A/B`).
pub fn component_name(reference: &str, kind: &str) -> Option<String> {
    let rest = reference.strip_prefix(COMPONENTS)?.strip_prefix(kind)?.strip_prefix('/')?;
    (!rest.contains('/')).then(|| unescape(rest))
}

/// A kind of component: where its map is, and what a message calls it.
pub trait Component: Sized {
    /// The key under `components`, e.g. `requestBodies`.
    const KIND: &'static str;
    /// Its map in the document's components.
    fn map(components: &Components) -> &IndexMap<String, ReferenceOr<Self>>;
}

macro_rules! component {
    ($($t:ty => $kind:literal, $field:ident;)*) => {$(
        impl Component for $t {
            const KIND: &'static str = $kind;
            fn map(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
                &components.$field
            }
        }
    )*};
}

component! {
    Schema => "schemas", schemas;
    Response => "responses", responses;
    Parameter => "parameters", parameters;
    Example => "examples", examples;
    RequestBody => "requestBodies", request_bodies;
    Header => "headers", headers;
    SecurityScheme => "securitySchemes", security_schemes;
    Link => "links", links;
    Callback => "callbacks", callbacks;
}

/// Why a reference could not be followed; its `Display` names the whole chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefError {
    /// The references followed, the failing one last.
    pub chain: Vec<String>,
    /// What went wrong at the last one.
    pub reason: RefProblem,
}

/// What went wrong at the end of a reference chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefProblem {
    /// Not `#/components/{kind}/{name}` for the kind expected here.
    NotThisKind(&'static str),
    /// No component of that name.
    Missing,
    /// The chain comes back to a reference it already followed.
    Cycle,
}

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chain = self.chain.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(" -> ");
        match self.reason {
            RefProblem::NotThisKind(kind) => write!(f, "{chain} is not a reference to `{COMPONENTS}{kind}/...`"),
            RefProblem::Missing => write!(f, "{chain} leads to no component"),
            RefProblem::Cycle => write!(f, "{chain} is a cycle of references"),
        }
    }
}

/// The component an item is, or refers to, following chains of references
/// (`#/components/parameters/A` whose value is `{$ref: "#/components/parameters/B"}`).
pub fn resolve<'d, T: Component>(doc: &'d OpenAPI, item: &'d ReferenceOr<T>) -> Result<&'d T, RefError> {
    match item {
        ReferenceOr::Item(t) => Ok(t),
        ReferenceOr::Reference { reference } => follow(doc, reference),
    }
}

/// A schema, boxed (a property, an item) or not, as [`resolve`] does.
pub fn resolve_schema<'d, S: std::borrow::Borrow<Schema>>(doc: &'d OpenAPI, item: &'d ReferenceOr<S>) -> Result<&'d Schema, RefError> {
    match item {
        ReferenceOr::Item(schema) => Ok(schema.borrow()),
        ReferenceOr::Reference { reference } => follow(doc, reference),
    }
}

/// The component `reference` leads to, through any chain of references.
pub fn follow<'d, T: Component>(doc: &'d OpenAPI, reference: &str) -> Result<&'d T, RefError> {
    follow_named(doc, reference).map(|(_, t)| t)
}

/// [`follow`], with the name of the component the chain ends at.
pub fn follow_named<'d, T: Component>(doc: &'d OpenAPI, reference: &str) -> Result<(&'d str, &'d T), RefError> {
    let mut chain: Vec<String> = Vec::new();
    let mut reference = reference;
    loop {
        let fail = |mut chain: Vec<String>, reason| {
            chain.push(reference.to_string());
            Err(RefError { chain, reason })
        };
        if chain.iter().any(|r| r == reference) {
            return fail(chain, RefProblem::Cycle);
        }
        let Some(name) = component_name(reference, T::KIND) else {
            return fail(chain, RefProblem::NotThisKind(T::KIND));
        };
        let Some((name, next)) = doc.components.as_ref().and_then(|c| T::map(c).get_key_value(&name)) else {
            return fail(chain, RefProblem::Missing);
        };
        chain.push(reference.to_string());
        match next {
            ReferenceOr::Item(t) => return Ok((name, t)),
            ReferenceOr::Reference { reference: r } => reference = r,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(components: serde_json::Value) -> OpenAPI {
        serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "components": components
        }))
        .unwrap()
    }

    #[test]
    fn pointers_escape_and_unescape_once() {
        let p = Pointer::from_segments(&["paths", "/a/{id}", "get"]);
        assert_eq!(p.as_str(), "#/paths/~1a~1{id}/get");
        assert_eq!(p.segments(), ["paths", "/a/{id}", "get"]);
        assert_eq!(Pointer::component("schemas", "A/B~C").as_str(), "#/components/schemas/A~1B~0C");
        assert_eq!(unescape("a%20b~1c"), "a b/c");
        assert_eq!(component_name("#/components/schemas/A~1B", "schemas").as_deref(), Some("A/B"));
        assert_eq!(component_name("#/components/schemas/A/properties/b", "schemas"), None);
        assert_eq!(component_name("#/components/parameters/A", "schemas"), None);
        assert_eq!(Pointer::parse("other.yaml#/a"), None);
    }

    #[test]
    fn chains_are_followed_for_every_kind() {
        let doc = doc(serde_json::json!({
            "parameters": {
                "A": {"$ref": "#/components/parameters/B"},
                "B": {"$ref": "#/components/parameters/C~1D"},
                "C/D": {"name": "limit", "in": "query", "schema": {"type": "integer"}}
            },
            "responses": {"R": {"$ref": "#/components/responses/S"}, "S": {"description": "ok"}}
        }));
        let p = follow::<Parameter>(&doc, "#/components/parameters/A").unwrap();
        assert_eq!(p.parameter_data_ref().name, "limit");
        let r = follow::<Response>(&doc, "#/components/responses/R").unwrap();
        assert_eq!(r.description, "ok");
    }

    #[test]
    fn errors_name_the_chain() {
        let doc = doc(serde_json::json!({
            "parameters": {
                "A": {"$ref": "#/components/parameters/B"},
                "B": {"$ref": "#/components/parameters/A"},
                "C": {"$ref": "#/components/parameters/Nowhere"},
                "D": {"$ref": "#/components/schemas/A"}
            }
        }));
        let cycle = follow::<Parameter>(&doc, "#/components/parameters/A").unwrap_err();
        assert_eq!(cycle.reason, RefProblem::Cycle);
        assert_eq!(
            cycle.to_string(),
            "`#/components/parameters/A` -> `#/components/parameters/B` -> `#/components/parameters/A` is a cycle of references"
        );
        let missing = follow::<Parameter>(&doc, "#/components/parameters/C").unwrap_err();
        assert_eq!(missing.to_string(), "`#/components/parameters/C` -> `#/components/parameters/Nowhere` leads to no component");
        let wrong = follow::<Parameter>(&doc, "#/components/parameters/D").unwrap_err();
        assert_eq!(wrong.reason, RefProblem::NotThisKind("parameters"));
        assert!(wrong.to_string().contains("-> `#/components/schemas/A` is not a reference to `#/components/parameters/...`"));
    }
}
