//! Lowering a `multipart/form-data` body to a struct of the client crate: binary fields become
//! files (`FilePart`), the others keep their models types, and the `encoding` object gives
//! parts their content types.

use super::schema::Types;
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
    let (ty, shape, doc) = match schema {
        ReferenceOr::Reference { .. } => {
            let ty = types.ty_of(schema, &hint, &ptr);
            let def = match types.resolve_alias(&ty) {
                Ty::Named(id) => types.types.get(*id),
                _ => None,
            };
            let (kind, doc) = def.map_or((TypeKind::Alias(Ty::Json), None), |d| (d.kind.clone(), d.doc.clone()));
            (ty, kind, doc)
        }
        // An inline schema's type would be unused in the models crate: only its fields are lowered.
        ReferenceOr::Item(s) => (Ty::Bytes, types.kind_of(s, &hint, &ptr), s.schema_data.description.clone()),
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
            let kind = match types.resolve_alias(&f.ty) {
                Ty::Bytes => PartKind::File,
                Ty::Vec(item) if *types.resolve_alias(item) == Ty::Bytes => PartKind::Files,
                _ => PartKind::Value,
            };
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
