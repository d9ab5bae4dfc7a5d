//! `$ref`s to any JSON pointer inside the document (`#/components/parameters/Limit/schema`,
//! `#/components/schemas/A/properties/b`, `#/paths/~1x/get/responses/200/content/application~1json/schema`):
//! the pointer is walked on the typed document, so the target is the very schema the rest of the
//! lowering sees (one type for both, keyed by the place a pointer names), and each target gets a readable name
//! from the way there.

use crate::names::{camel, camel_repeated, type_name};
use crate::subschema;
use crate::pointer::unescape;
use openapiv3::{
    AdditionalProperties, MediaType, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody,
    Response, Schema,
};

/// What a pointer leads to.
pub enum Target<'a> {
    /// A schema component, by name (`#/components/schemas/A~1B` is `A/B`).
    Component(&'a str),
    /// Another `$ref`: the pointer leads to a `{$ref: ...}` node.
    Ref(&'a str),
    /// A schema inside the document.
    Schema(&'a Schema),
}

/// A pointer's target and the name for its type: `component` (a schema component the way runs
/// through, whose Rust name goes first) then `suffix`.
pub struct Found<'a> {
    pub target: Target<'a>,
    pub component: Option<&'a str>,
    pub suffix: String,
}

/// Walks `reference` through the document. `None` when it leads nowhere, or to something that is
/// not a schema (a pointer does not pass through another `$ref`).
pub fn find<'a>(doc: &'a OpenAPI, reference: &str) -> Option<Found<'a>> {
    let rest = reference.strip_prefix("#/")?;
    let segs: Vec<String> = rest.split('/').map(unescape).collect();
    let mut w = Walk { segs: &segs, at: 0, name: String::new() };
    let mut component = None;
    let target = match w.next()? {
        "components" => {
            let components = doc.components.as_ref()?;
            let kind = w.next()?;
            let key = w.next()?;
            match kind {
                "schemas" => {
                    let (name, schema) = components.schemas.get_key_value(key)?;
                    if w.done() {
                        return Some(Found { target: Target::Component(name), component: None, suffix: String::new() });
                    }
                    component = Some(name.as_str());
                    w.schema(Node::of(schema))
                }
                "parameters" => {
                    w.name.push_str(&type_name(key));
                    w.parameter(item(components.parameters.get(key)?)?, false)
                }
                "headers" => {
                    w.name.push_str(&type_name(key));
                    w.schema_or_content(&item(components.headers.get(key)?)?.format)
                }
                "responses" => {
                    w.name.push_str(&type_name(key));
                    w.response(item(components.responses.get(key)?)?)
                }
                "requestBodies" => {
                    w.name.push_str(&type_name(key));
                    w.body(item(components.request_bodies.get(key)?)?)
                }
                _ => None,
            }
        }
        "paths" => {
            let path = w.next()?;
            let path_item = item(doc.paths.paths.get(path)?)?;
            w.path_item(path, path_item)
        }
        _ => None,
    }?;
    Some(Found { target, component, suffix: w.name })
}

fn item<T>(r: &ReferenceOr<T>) -> Option<&T> {
    match r {
        ReferenceOr::Item(t) => Some(t),
        ReferenceOr::Reference { .. } => None,
    }
}

struct Walk<'p> {
    segs: &'p [String],
    at: usize,
    name: String,
}

impl<'p> Walk<'p> {
    fn next(&mut self) -> Option<&'p str> {
        let seg = self.segs.get(self.at)?;
        self.at += 1;
        Some(seg)
    }

    fn done(&self) -> bool {
        self.at == self.segs.len()
    }

    fn index<'a, T>(&mut self, list: &'a [T]) -> Option<&'a T> {
        list.get(self.next()?.parse::<usize>().ok()?)
    }

    fn path_item<'a>(&mut self, path: &str, path_item: &'a PathItem) -> Option<Target<'a>> {
        let method = self.next()?;
        if method == "parameters" {
            let p = item(self.index(&path_item.parameters)?)?;
            return self.parameter(p, true);
        }
        let op = path_item.iter().find(|(m, _)| *m == method).map(|(_, op)| op)?;
        self.operation(path, method, op)
    }

    fn operation<'a>(&mut self, path: &str, method: &str, op: &'a Operation) -> Option<Target<'a>> {
        let id = op.operation_id.clone().unwrap_or_else(|| format!("{method}{}", path.replace(['{', '}'], "")));
        self.name.push_str(&camel(&id));
        match self.next()? {
            "parameters" => {
                let p = item(self.index(&op.parameters)?)?;
                self.parameter(p, true)
            }
            "requestBody" => {
                self.name.push_str("Body");
                self.body(item(op.request_body.as_ref()?)?)
            }
            "responses" => {
                let code = self.next()?;
                let response = match code {
                    "default" => op.responses.default.as_ref(),
                    _ => op.responses.responses.iter().find(|(c, _)| c.to_string().eq_ignore_ascii_case(code)).map(|(_, r)| r),
                }?;
                self.name.push_str("Response");
                if code.starts_with(|c: char| c.is_ascii_digit() && c != '2') {
                    self.name.push_str(&code.to_ascii_uppercase());
                } else if code == "default" {
                    self.name.push_str("Default");
                }
                self.response(item(response)?)
            }
            _ => None,
        }
    }

    /// A parameter; one in an operation is named after it, a component after its key.
    fn parameter<'a>(&mut self, p: &'a Parameter, named: bool) -> Option<Target<'a>> {
        let data = p.parameter_data_ref();
        if named {
            self.name.push_str(&camel_repeated(&data.name));
        }
        self.schema_or_content(&data.format)
    }

    fn schema_or_content<'a>(&mut self, format: &'a ParameterSchemaOrContent) -> Option<Target<'a>> {
        match (self.next()?, format) {
            ("schema", ParameterSchemaOrContent::Schema(s)) => self.schema(Node::of(s)),
            ("content", ParameterSchemaOrContent::Content(c)) => {
                let m = c.get(self.next()?)?;
                self.media(m)
            }
            _ => None,
        }
    }

    fn response<'a>(&mut self, r: &'a Response) -> Option<Target<'a>> {
        match self.next()? {
            "content" => {
                let m = r.content.get(self.next()?)?;
                self.media(m)
            }
            "headers" => {
                let key = self.next()?;
                self.name.push_str(&camel_repeated(key));
                self.schema_or_content(&item(r.headers.get(key)?)?.format)
            }
            _ => None,
        }
    }

    fn body<'a>(&mut self, b: &'a RequestBody) -> Option<Target<'a>> {
        match self.next()? {
            "content" => {
                let m = b.content.get(self.next()?)?;
                self.media(m)
            }
            _ => None,
        }
    }

    fn media<'a>(&mut self, m: &'a MediaType) -> Option<Target<'a>> {
        match self.next()? {
            "schema" => self.schema(Node::of(m.schema.as_ref()?)),
            _ => None,
        }
    }

    /// The rest of the pointer inside a schema.
    fn schema<'a>(&mut self, s: Node<'a>) -> Option<Target<'a>> {
        let s = match s {
            Node::Ref(_) if !self.done() => return None,
            Node::Ref(reference) => return Some(Target::Ref(reference)),
            Node::Schema(s) => s,
        };
        if self.done() {
            return Some(Target::Schema(s));
        }
        match self.next()? {
            "properties" => {
                let key = self.next()?;
                let props = subschema::properties(s)?;
                self.name.push_str(&camel_repeated(key));
                self.schema(Node::of(props.get(key)?))
            }
            "items" => {
                let items = subschema::items(s);
                self.name.push_str("Item");
                self.schema(Node::of(items?))
            }
            "additionalProperties" => {
                let Some(AdditionalProperties::Schema(extra)) = subschema::additional(s) else { return None };
                self.name.push_str("Value");
                self.schema(Node::of(extra))
            }
            "not" => {
                let not = subschema::not(s)?;
                self.name.push_str("Not");
                self.schema(Node::of(not))
            }
            keyword @ ("allOf" | "oneOf" | "anyOf") => {
                let parts = subschema::parts(s, keyword)?;
                let i = self.segs.get(self.at).map(String::as_str);
                // An allOf part's properties are the merged struct's: they take no name of their own.
                if keyword != "allOf" {
                    self.name.push_str(&format!("Variant{}", i.unwrap_or("")));
                }
                let part = self.index(parts)?;
                self.schema(Node::of(part))
            }
            _ => None,
        }
    }
}

/// A schema position: a `$ref` or a schema.
pub enum Node<'a> {
    Ref(&'a str),
    Schema(&'a Schema),
}

impl<'a> Node<'a> {
    pub fn of<S: SchemaRef + ?Sized>(s: &'a S) -> Self {
        s.node()
    }
}

/// A schema position as `openapiv3` holds it: `ReferenceOr<Schema>` (parts, `additionalProperties`)
/// or `ReferenceOr<Box<Schema>>` (properties, `items`), read through one interface.
pub trait SchemaRef {
    fn node(&self) -> Node<'_>;
}

impl SchemaRef for ReferenceOr<Schema> {
    fn node(&self) -> Node<'_> {
        match self {
            ReferenceOr::Item(s) => Node::Schema(s),
            ReferenceOr::Reference { reference } => Node::Ref(reference),
        }
    }
}

/// `Box<ReferenceOr<Schema>>` (`additionalProperties`, `not`) and references to positions.
impl<T: SchemaRef + ?Sized> SchemaRef for Box<T> {
    fn node(&self) -> Node<'_> {
        (**self).node()
    }
}

impl<T: SchemaRef + ?Sized> SchemaRef for &T {
    fn node(&self) -> Node<'_> {
        (**self).node()
    }
}

impl SchemaRef for ReferenceOr<Box<Schema>> {
    fn node(&self) -> Node<'_> {
        match self {
            ReferenceOr::Item(s) => Node::Schema(s),
            ReferenceOr::Reference { reference } => Node::Ref(reference),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}
        "404": {description: no, content: {application/json: {schema: {$ref: "#/components/schemas/A"}}}}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
  responses:
    R: {description: r, content: {application/json: {schema: {type: object, properties: {x: {type: string}}}}}}
  schemas:
    A:
      allOf:
        - {type: object, properties: {x: {type: string}}}
        - {type: object, properties: {b: {type: array, items: {type: object, properties: {c: {type: string}}}}}}
    A/B: {type: string}
"##;

    /// The name a pointer gets (component's name, then the rest) and what it leads to.
    fn found(doc: &OpenAPI, reference: &str) -> Option<(String, &'static str)> {
        let f = find(doc, reference)?;
        let kind = match f.target {
            Target::Component(_) => "component",
            Target::Ref(_) => "ref",
            Target::Schema(_) => "schema",
        };
        Some((format!("{}{}", f.component.unwrap_or(""), f.suffix), kind))
    }

    #[test]
    fn pointers_lead_to_schemas_with_readable_names() {
        let doc: OpenAPI = serde_yaml::from_str(SPEC).unwrap();
        let cases = [
            ("#/components/parameters/Limit/schema", "Limit", "schema"),
            ("#/components/schemas/A/allOf/1/properties/b", "AB", "schema"),
            ("#/components/schemas/A/allOf/1/properties/b/items", "ABItem", "schema"),
            ("#/components/responses/R/content/application~1json/schema", "R", "schema"),
            ("#/paths/~1pets~1%7Bid%7D/get/responses/200/content/application~1json/schema", "GetPetResponse", "schema"),
            ("#/paths/~1pets~1{id}/get/responses/404/content/application~1json/schema", "GetPetResponse404", "ref"),
            ("#/paths/~1pets~1{id}/get/parameters/0/schema", "GetPetId", "schema"),
            ("#/components/schemas/A~1B", "", "component"),
        ];
        for (pointer, name, kind) in cases {
            assert_eq!(found(&doc, pointer), Some((name.to_string(), kind)), "{pointer}");
        }
    }

    #[test]
    fn other_pointers_lead_nowhere() {
        let doc: OpenAPI = serde_yaml::from_str(SPEC).unwrap();
        for pointer in [
            "#/info",
            "#/components/schemas/Missing/properties/a",
            "#/components/schemas/A/allOf/7",
            "#/components/schemas/A/allOf/x",
            "#/components/responses/R/content/application~1json/schema/properties/x/items",
            // A pointer does not pass through a `$ref`.
            "#/paths/~1pets~1{id}/get/responses/404/content/application~1json/schema/properties/x",
            "#/components/parameters/Limit",
            "components/schemas/A",
            "#/",
        ] {
            assert!(find(&doc, pointer).is_none(), "{pointer}");
        }
    }
}
