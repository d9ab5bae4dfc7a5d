//! Finding schemas, properties, parameters and response bodies in the typed document by the
//! JSON pointers lowering gives them, so each untyped place is reported where it is in the spec.
//! The pointers follow lowering's: a `$ref`'d parameter, body or response is entered through the
//! place that references it.

use crate::diag::escape_segment;
use crate::pointer::Pointer;
use crate::ir::ParamLocation;
use crate::lower::is_json;
use crate::subschema;
use openapiv3::{
    AdditionalProperties, MediaType, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr,
    RequestBody, Response, Schema, SchemaKind, StatusCode, Type,
};

/// How far chains of `allOf`s are followed.
const DEPTH: usize = 32;

/// The segments of `#/a/b~1c`: `["a", "b/c"]`.
fn segments(pointer: &str) -> Option<Vec<String>> {
    Some(Pointer::parse(pointer)?.segments())
}

fn resolve<'d>(doc: &'d OpenAPI, s: &'d ReferenceOr<Schema>) -> Option<&'d Schema> {
    crate::pointer::resolve(doc, s).ok()
}

fn resolve_schema<'d>(doc: &'d OpenAPI, s: &'d ReferenceOr<Box<Schema>>) -> Option<&'d Schema> {
    crate::pointer::resolve_schema(doc, s).ok()
}

fn operation<'d>(item: &'d PathItem, method: &str) -> Option<&'d Operation> {
    item.iter().find(|(m, _)| *m == method).map(|(_, op)| op)
}

fn parameter<'d>(doc: &'d OpenAPI, p: &'d ReferenceOr<Parameter>) -> Option<&'d Parameter> {
    crate::pointer::resolve(doc, p).ok()
}

fn request_body<'d>(doc: &'d OpenAPI, b: &'d ReferenceOr<RequestBody>) -> Option<&'d RequestBody> {
    crate::pointer::resolve(doc, b).ok()
}

fn response<'d>(doc: &'d OpenAPI, r: &'d ReferenceOr<Response>) -> Option<&'d Response> {
    crate::pointer::resolve(doc, r).ok()
}

/// The schema at a pointer lowering used as a type's origin.
pub fn schema_at<'d>(doc: &'d OpenAPI, pointer: &str) -> Option<&'d Schema> {
    let segs = segments(pointer)?;
    let (mut schema, rest) = match segs.first()?.as_str() {
        "components" if segs.get(1)? == "schemas" => {
            (crate::pointer::follow(doc, Pointer::component("schemas", segs.get(2)?).as_str()).ok()?, &segs[3..])
        }
        "paths" => {
            let item = doc.paths.paths.get(segs.get(1)?)?.as_item()?;
            let (params, rest) = match segs.get(2)?.as_str() {
                "parameters" => (&item.parameters, &segs[3..]),
                method => {
                    let op = operation(item, method)?;
                    match segs.get(3)?.as_str() {
                        "parameters" => (&op.parameters, &segs[4..]),
                        "requestBody" => {
                            let body = request_body(doc, op.request_body.as_ref()?)?;
                            return media_schema(doc, &body.content, &segs[4..]);
                        }
                        "responses" => {
                            let code = segs.get(4)?;
                            let r = match code.as_str() {
                                "default" => op.responses.default.as_ref()?,
                                _ => op.responses.responses.iter().find(|(c, _)| c.to_string() == *code)?.1,
                            };
                            return media_schema(doc, &response(doc, r)?.content, &segs[5..]);
                        }
                        _ => return None,
                    }
                }
            };
            let p = parameter(doc, params.get(rest.first()?.parse::<usize>().ok()?)?)?;
            let rest = &rest[1..];
            match (&p.parameter_data_ref().format, rest.first()?.as_str()) {
                (ParameterSchemaOrContent::Schema(s), "schema") => (resolve(doc, s)?, &rest[1..]),
                (ParameterSchemaOrContent::Content(c), "content") => {
                    (resolve(doc, c.values().next()?.schema.as_ref()?)?, &rest[1..])
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    descend(doc, &mut schema, rest)?;
    Some(schema)
}

/// `content/{type}/schema/...` under a body or response.
fn media_schema<'d>(doc: &'d OpenAPI, content: &'d indexmap::IndexMap<String, MediaType>, rest: &[String]) -> Option<&'d Schema> {
    let [content_key, ct, schema_key, rest @ ..] = rest else { return None };
    if content_key != "content" || schema_key != "schema" {
        return None;
    }
    let mut schema = resolve(doc, content.get(ct)?.schema.as_ref()?)?;
    descend(doc, &mut schema, rest)?;
    Some(schema)
}

/// Walks `properties/x`, `items`, `additionalProperties`, `allOf/i`, `oneOf/i`, `anyOf/i`, `not`.
fn descend<'d>(doc: &'d OpenAPI, schema: &mut &'d Schema, mut rest: &[String]) -> Option<()> {
    while let Some(first) = rest.first() {
        let (next, used) = match first.as_str() {
            "properties" => (resolve_schema(doc, subschema::properties(schema)?.get(rest.get(1)?)?)?, 2),
            "items" => (resolve_schema(doc, subschema::items(schema)?)?, 1),
            "additionalProperties" => match subschema::additional(schema)? {
                AdditionalProperties::Schema(s) => (resolve(doc, s)?, 1),
                AdditionalProperties::Any(_) => return None,
            },
            keyword @ ("allOf" | "oneOf" | "anyOf") => {
                let parts = subschema::parts(schema, keyword)?;
                (resolve(doc, parts.get(rest.get(1)?.parse::<usize>().ok()?)?)?, 2)
            }
            "not" => (resolve(doc, subschema::not(schema)?)?, 1),
            _ => return None,
        };
        *schema = next;
        rest = &rest[used..];
    }
    Some(())
}

/// Where the property `wire` of the struct made from the schema at `origin` is declared: its
/// own `properties`, or an `allOf` part's (a later part wins, as when lowering merges them).
pub fn property(doc: &OpenAPI, origin: &str, wire: &str) -> Option<String> {
    property_in(doc, schema_at(doc, origin)?, origin, wire, 0)
}

fn property_in(doc: &OpenAPI, s: &Schema, ptr: &str, wire: &str, depth: usize) -> Option<String> {
    if depth > DEPTH {
        return None;
    }
    let (all_of, props) = match &s.schema_kind {
        SchemaKind::Type(Type::Object(o)) => (None, Some(&o.properties)),
        SchemaKind::AllOf { all_of } => (Some(all_of), None),
        SchemaKind::Any(any) => (Some(&any.all_of), Some(&any.properties)),
        _ => (None, None),
    };
    let mut found = None;
    for (i, part) in all_of.into_iter().flatten().enumerate() {
        let here = match part {
            ReferenceOr::Item(_) => format!("{ptr}/allOf/{i}"),
            ReferenceOr::Reference { reference } => reference.clone(),
        };
        if let Some(part) = resolve(doc, part) {
            found = property_in(doc, part, &here, wire, depth + 1).or(found);
        }
    }
    if props.is_some_and(|p| p.contains_key(wire)) {
        found = Some(format!("{ptr}/properties/{}", escape_segment(wire)));
    }
    found
}

/// The pointer of the parameter `wire` in `location` of the operation at `op_ptr`
/// (`#/paths/~1a/get`): the operation's own, else the path item's.
pub fn parameter_pointer(doc: &OpenAPI, path: &str, method: &str, wire: &str, location: ParamLocation) -> Option<String> {
    let item = doc.paths.paths.get(path)?.as_item()?;
    let op = operation(item, method)?;
    let matches = |p: &ReferenceOr<Parameter>| {
        parameter(doc, p).is_some_and(|p| {
            let at = match p {
                Parameter::Query { .. } => ParamLocation::Query,
                Parameter::Header { .. } => ParamLocation::Header,
                Parameter::Path { .. } => ParamLocation::Path,
                Parameter::Cookie { .. } => ParamLocation::Cookie,
            };
            at == location && p.parameter_data_ref().name == wire
        })
    };
    let op_ptr = crate::diag::pointer(&["paths", path, method]);
    if let Some(i) = op.parameters.iter().position(matches) {
        return Some(format!("{op_ptr}/parameters/{i}"));
    }
    let i = item.parameters.iter().position(matches)?;
    Some(format!("{}/parameters/{i}", crate::diag::pointer(&["paths", path])))
}

/// The pointer of a success (or error) response's body schema, as lowering names it: the
/// response, then the media type it reads (JSON first) and its schema when there is one.
pub fn response_pointer(doc: &OpenAPI, path: &str, method: &str, code: Option<&StatusCode>) -> Option<String> {
    let op = operation(doc.paths.paths.get(path)?.as_item()?, method)?;
    let (key, r) = match code {
        Some(code) => (code.to_string(), op.responses.responses.get(code)?),
        None => ("default".to_string(), op.responses.default.as_ref()?),
    };
    let at = format!("{}/responses/{key}", crate::diag::pointer(&["paths", path, method]));
    let content = &response(doc, r).map(|r| &r.content);
    let Some((ct, media)) = content.and_then(|c| c.iter().find(|(ct, _)| is_json(&ct.to_ascii_lowercase())).or_else(|| c.iter().next()))
    else {
        return Some(at);
    };
    let media_ptr = format!("{at}/content/{}", escape_segment(ct));
    Some(if media.schema.is_some() { format!("{media_ptr}/schema") } else { media_ptr })
}

/// The first success status of an operation, in lowering's order (ranges after their codes).
pub fn first_success(doc: &OpenAPI, path: &str, method: &str) -> Option<StatusCode> {
    let op = operation(doc.paths.paths.get(path)?.as_item()?, method)?;
    op.responses
        .responses
        .keys()
        .filter(|c| matches!(c, StatusCode::Code(200..=299) | StatusCode::Range(2)))
        .min_by_key(|c| match c {
            StatusCode::Code(c) => *c,
            StatusCode::Range(r) => r * 100 + 99,
        })
        .cloned()
}

/// Whether the schema at `pointer` allows any JSON: no type or `type: object`, with no
/// properties, items, composition or schema for extra properties. A pointer with no schema (a
/// media type without one) allows any JSON too.
pub fn is_free_form(doc: &OpenAPI, pointer: &str) -> bool {
    let Some(s) = schema_at(doc, pointer) else { return true };
    let open = |ap: &Option<AdditionalProperties>| !matches!(ap, Some(AdditionalProperties::Schema(_)) | Some(AdditionalProperties::Any(false)));
    match &s.schema_kind {
        SchemaKind::Type(Type::Object(o)) => o.properties.is_empty() && open(&o.additional_properties),
        SchemaKind::Any(any) => {
            any.typ.as_deref().is_none_or(|t| t == "object")
                && any.properties.is_empty()
                && any.items.is_none()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none()
                && open(&any.additional_properties)
        }
        _ => false,
    }
}

/// `pointer` as it is in the document: a parameter, request body or response that an operation
/// takes by `$ref` is given at its component (`#/components/responses/R/...`), where lowering names
/// it through the operation.
pub fn canonical(doc: &OpenAPI, pointer: &str) -> String {
    let swap = || -> Option<String> {
        let segs = segments(pointer)?;
        if segs.first()? != "paths" {
            return None;
        }
        let item = doc.paths.paths.get(segs.get(1)?)?.as_item()?;
        let (reference, used) = match segs.get(2)?.as_str() {
            "parameters" => (reference_of(item.parameters.get(segs.get(3)?.parse::<usize>().ok()?)?)?, 4),
            method => {
                let op = operation(item, method)?;
                match segs.get(3)?.as_str() {
                    "parameters" => (reference_of(op.parameters.get(segs.get(4)?.parse::<usize>().ok()?)?)?, 5),
                    "requestBody" => (reference_of(op.request_body.as_ref()?)?, 4),
                    "responses" => {
                        let code = segs.get(4)?;
                        let r = match code.as_str() {
                            "default" => op.responses.default.as_ref()?,
                            _ => op.responses.responses.iter().find(|(c, _)| c.to_string() == *code)?.1,
                        };
                        (reference_of(r)?, 5)
                    }
                    _ => return None,
                }
            }
        };
        let rest: String = segs[used..].iter().map(|s| format!("/{}", escape_segment(s))).collect();
        Some(format!("{reference}{rest}"))
    };
    swap().unwrap_or_else(|| pointer.to_string())
}

fn reference_of<T>(r: &ReferenceOr<T>) -> Option<&str> {
    match r {
        ReferenceOr::Reference { reference } => Some(reference),
        ReferenceOr::Item(_) => None,
    }
}
