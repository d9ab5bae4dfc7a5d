//! Lowering a `multipart/form-data` body to a struct of the client crate: binary fields become
//! files (`FilePart`), the others keep their models types, and the `encoding` object gives
//! parts their content types.

use super::schema::Types;
use crate::diag::escape_segment;
use crate::ir::*;
use crate::names::Namespace;
use openapiv3::{MediaType, ReferenceOr};

/// The typed body of a multipart media type, and the type its schema has in the models crate
/// (`Ty::Bytes` for an inline schema, which gets no models type); `None` (a raw form) when the
/// schema is missing or not an object with properties.
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
            let def = match types.resolve_alias(&ty) {
                Ty::Named(id) => types.types.get(*id),
                _ => None,
            };
            let (kind, doc, origin) =
                def.map_or((TypeKind::Alias(Ty::Json), None, ptr.clone()), |d| (d.kind.clone(), d.doc.clone(), d.origin.clone()));
            (ty, kind, doc, origin)
        }
        // An inline schema's type would be unused in the models crate: only its fields are lowered.
        ReferenceOr::Item(s) => (Ty::Bytes, types.kind_of(s, &hint, &ptr), s.schema_data.description.clone(), ptr.clone()),
    };
    let shape = match shape {
        TypeKind::Struct(s) if !s.fields.is_empty() => s,
        _ => {
            types.diags.warn(ptr, "a multipart body whose schema is not an object with properties is sent as a raw `reqwest::multipart::Form`");
            return None;
        }
    };
    if shape.extra.is_some() {
        types.diags.warn(&ptr, "`additionalProperties` of a multipart body are not sent: only the declared properties are fields");
    }
    let fields = shape
        .fields
        .iter()
        // Read-only properties are never sent.
        .filter(|f| !f.read_only)
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
            let content_type = encoding(media, &f.wire);
            PartField {
                ident: f.ident.clone(),
                wire: f.wire.clone(),
                ty: f.ty.clone(),
                required: f.required,
                nullable: f.nullable,
                doc: f.doc.clone(),
                sensitive: f.sensitive,
                kind,
                content_type,
            }
        })
        .collect();
    let name = client_names.claim(&hint, &hint);
    Some((ty, MultipartBody { name, doc, fields }))
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
