//! Lowering a `multipart/form-data` body to a struct of the client crate: binary fields become
//! files (`FilePart`), the others keep their models types, and the `encoding` object gives
//! parts their content types. A `oneOf`/`anyOf` of objects is an enum of such structs.

use super::schema::Types;
use crate::diag::escape_segment;
use crate::ir::*;
use crate::names::{camel, type_name, Namespace};
use openapiv3::{MediaType, ReferenceOr, Schema, SchemaKind};

/// The typed body of a multipart media type, and the type its schema has in the models crate
/// (`Ty::Bytes` for an inline schema, which gets no models type); `None` (a raw form) when the
/// schema is missing or neither an object with properties nor a `oneOf`/`anyOf` of them.
pub fn lower(
    types: &mut Types<'_>,
    client_names: &mut Namespace,
    media: &MediaType,
    media_ptr: &str,
    prefix: &str,
) -> Option<(Ty, MultipartBody)> {
    let schema = media.schema.as_ref()?;
    let ptr = format!("{media_ptr}/schema");
    let hint = format!("{prefix}Body");
    let (ty, shape, doc, origin) = match schema {
        ReferenceOr::Reference { .. } => {
            let ty = types.ty_of(schema, &hint, &ptr);
            let (shape, doc, origin) = named(types, &ty).unwrap_or((TypeKind::Alias(Ty::Json), None, ptr.clone()));
            (ty, shape, doc, origin)
        }
        // An inline union: each branch is lowered by itself, the union gets no models type.
        ReferenceOr::Item(s) if union_parts(s).is_some() => {
            let (parts, at) = union_parts(s)?;
            let body = inline_union(types, client_names, media, parts, &format!("{ptr}/{at}"), &hint);
            if body.is_none() {
                warn_raw(types, &ptr);
            }
            return body.map(|b| (Ty::Bytes, b.with_doc(s.schema_data.description.clone())));
        }
        // An inline schema's type would be unused in the models crate: only its fields are lowered.
        ReferenceOr::Item(s) => (Ty::Bytes, types.kind_of(s, &hint, &ptr), s.schema_data.description.clone(), ptr.clone()),
    };
    let inline_at = (ty == Ty::Bytes).then(|| ptr.clone());
    let body = match shape {
        TypeKind::Struct(s) if !s.fields.is_empty() => {
            let name = client_names.claim(&hint, &hint);
            Some(MultipartBody::Struct(structure(types, media, &s, name, doc, &origin, inline_at)))
        }
        // A `$ref` to a union of objects: a branch per variant of its models type.
        TypeKind::Untagged(variants) => {
            let found: Vec<Found> = variants
                .iter()
                .map_while(|v| named(types, &v.ty).map(|(shape, doc, origin)| Found { base: v.ident.clone(), shape, doc, origin, inline_at: None }))
                .collect();
            let found = (found.len() == variants.len()).then_some(found);
            found.and_then(|f| branches(types, client_names, media, &hint, f)).map(|b| b.with_doc(doc))
        }
        _ => None,
    };
    if body.is_none() {
        warn_raw(types, &ptr);
    }
    Some((ty, body?))
}

fn warn_raw(types: &mut Types<'_>, ptr: &str) {
    let msg = "a multipart body whose schema is neither an object with properties nor a `oneOf`/`anyOf` of them is sent as a raw `reqwest::multipart::Form`";
    types.diags.warn(ptr, msg);
}

/// A branch of a union body, lowered: its variant's base name, shape, doc and where its
/// properties are (`inline_at` when it has no models type).
struct Found {
    base: String,
    shape: TypeKind,
    doc: Option<String>,
    origin: String,
    inline_at: Option<String>,
}

/// The enum of a union body, when every branch is an object with properties: named `hint`, its
/// branch structs `hint` and the variant.
fn branches(types: &mut Types<'_>, client_names: &mut Namespace, media: &MediaType, hint: &str, found: Vec<Found>) -> Option<MultipartBody> {
    if !found.iter().all(|f| matches!(&f.shape, TypeKind::Struct(s) if !s.fields.is_empty())) {
        return None;
    }
    let name = client_names.claim(hint, hint);
    let mut variants = Namespace::new();
    let mut branches = Vec::with_capacity(found.len());
    for f in found {
        let TypeKind::Struct(s) = &f.shape else { return None };
        let variant = variants.claim(&f.base, &f.base);
        let bname = client_names.claim(&format!("{hint}{variant}"), &variant);
        let body = structure(types, media, s, bname, f.doc, &f.origin, f.inline_at);
        branches.push(MultipartBranch { variant, body });
    }
    Some(match branches.is_empty() {
        // A union of no branches: a struct of no fields.
        true => MultipartBody::Struct(PartStruct { name, doc: None, fields: Vec::new(), inline_at: None }),
        false => MultipartBody::Union { name, doc: None, branches },
    })
}

/// The kind, doc and origin of the named type `ty` is (through aliases).
fn named(types: &Types<'_>, ty: &Ty) -> Option<(TypeKind, Option<String>, String)> {
    match types.resolve_alias(ty) {
        Ty::Named(id) => types.types.get(*id).map(|d| (d.kind.clone(), d.doc.clone(), d.origin.clone())),
        _ => None,
    }
}

/// The branches of a union schema of at least two, and the keyword they are under.
fn union_parts(s: &Schema) -> Option<(&[ReferenceOr<Schema>], &'static str)> {
    let (parts, at) = match &s.schema_kind {
        SchemaKind::OneOf { one_of } => (one_of, "oneOf"),
        SchemaKind::AnyOf { any_of } => (any_of, "anyOf"),
        SchemaKind::Any(any) if any.properties.is_empty() && any.all_of.is_empty() && !any.one_of.is_empty() => (&any.one_of, "oneOf"),
        SchemaKind::Any(any) if any.properties.is_empty() && any.all_of.is_empty() && !any.any_of.is_empty() => (&any.any_of, "anyOf"),
        _ => return None,
    };
    (parts.len() > 1).then_some((&parts[..], at))
}

/// An inline `oneOf`/`anyOf` body: an enum whose variants hold each branch's struct, named
/// after the branch's `title`, its `$ref`'s type, or its position (`Variant0`). `None` when a
/// branch is not an object with properties.
fn inline_union(
    types: &mut Types<'_>,
    client_names: &mut Namespace,
    media: &MediaType,
    parts: &[ReferenceOr<Schema>],
    at: &str,
    hint: &str,
) -> Option<MultipartBody> {
    let mut found = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let here = format!("{at}/{i}");
        let title = types.resolve(part).and_then(|s| s.schema_data.title.as_deref()).map(camel).filter(|t| !t.is_empty() && t.len() <= 40);
        let positional = format!("Variant{i}");
        found.push(match part {
            ReferenceOr::Reference { reference } => {
                let ty = types.ty_of(part, hint, &here);
                let (shape, doc, origin) = named(types, &ty)?;
                let base = title.or_else(|| types.component(reference).as_deref().map(type_name)).unwrap_or(positional);
                Found { base, shape, doc, origin, inline_at: None }
            }
            ReferenceOr::Item(s) => {
                let base = title.unwrap_or(positional);
                let shape = types.kind_of(s, &format!("{hint}{base}"), &here);
                Found { base, shape, doc: s.schema_data.description.clone(), origin: here.clone(), inline_at: Some(here) }
            }
        });
    }
    branches(types, client_names, media, hint, found)
}

/// The struct of an object schema `shape`, whose properties are at `origin`.
fn structure(
    types: &mut Types<'_>,
    media: &MediaType,
    shape: &Struct,
    name: String,
    doc: Option<String>,
    origin: &str,
    inline_at: Option<String>,
) -> PartStruct {
    if shape.extra.is_some() {
        types.diags.warn(origin, "`additionalProperties` of a multipart body are not sent: only the declared properties are fields");
    }
    let fields = shape
        .fields
        .iter()
        // Read-only properties are never sent; a flattened union is not a part of its own.
        .filter(|f| f.access.sent() && !f.flatten)
        .map(|f| {
            let (kind, union) = match types.resolve_alias(&f.ty) {
                Ty::Vec(item) if holds_file(types, item) => (PartKind::Files, *types.resolve_alias(item) != Ty::Bytes),
                ty if holds_file(types, ty) => (PartKind::File, *ty != Ty::Bytes),
                _ => (PartKind::Value, false),
            };
            if union {
                let at = format!("{origin}/properties/{}", escape_segment(&f.wire));
                types.diags.warn(at, "a union of a file and other types is sent as a file (`FilePart`): its other branches have no part of their own");
            }
            PartField {
                ident: f.ident.clone(),
                wire: f.wire.clone(),
                ty: f.ty.clone(),
                required: f.required,
                nullable: f.nullable,
                doc: f.doc.clone(),
                sensitive: f.sensitive,
                kind,
                content_type: encoding(media, &f.wire),
            }
        })
        .collect();
    PartStruct { name, doc, fields, inline_at }
}

/// The content type `encoding` gives a property: one media type, else the first of a list
/// (`image/png, image/jpeg`); a range (`image/*`) names no type to send, so the part is sent by
/// its value's shape (a file: as the `FilePart` says).
fn encoding(media: &MediaType, wire: &str) -> Option<String> {
    let declared = media.encoding.get(wire)?.content_type.as_deref()?;
    let first = declared.split(',').next().unwrap_or("").trim();
    (!first.is_empty() && !first.contains('*')).then(|| first.to_string())
}

/// Whether a value of `ty` is a file: binary, or a union with a binary branch (`oneOf: [binary,
/// uri]`), whose bytes would otherwise be sent as a JSON list of numbers.
fn holds_file(types: &Types<'_>, ty: &Ty) -> bool {
    match types.resolve_alias(ty) {
        Ty::Bytes => true,
        Ty::Named(id) => match types.types.get(*id).map(|t| &t.kind) {
            Some(TypeKind::Untagged(vs)) => vs.iter().any(|v| *types.resolve_alias(&v.ty) == Ty::Bytes),
            _ => false,
        },
        _ => false,
    }
}
