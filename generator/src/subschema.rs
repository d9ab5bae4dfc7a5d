//! The subschemas of a typed `openapiv3::Schema`, by keyword. `openapiv3` keeps them in
//! different places depending on the schema's kind (an `object`'s properties, or those of a
//! schema without `type`); walking a JSON pointer through a schema needs them by keyword.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

fn any(s: &Schema) -> Option<&openapiv3::AnySchema> {
    match &s.schema_kind {
        SchemaKind::Any(any) => Some(any),
        _ => None,
    }
}

/// `properties`.
pub fn properties(s: &Schema) -> Option<&IndexMap<String, ReferenceOr<Box<Schema>>>> {
    match &s.schema_kind {
        SchemaKind::Type(Type::Object(o)) => Some(&o.properties),
        _ => any(s).map(|a| &a.properties),
    }
}

/// `items`.
pub fn items(s: &Schema) -> Option<&ReferenceOr<Box<Schema>>> {
    match &s.schema_kind {
        SchemaKind::Type(Type::Array(a)) => a.items.as_ref(),
        _ => any(s)?.items.as_ref(),
    }
}

/// `additionalProperties`.
pub fn additional(s: &Schema) -> Option<&AdditionalProperties> {
    match &s.schema_kind {
        SchemaKind::Type(Type::Object(o)) => o.additional_properties.as_ref(),
        _ => any(s)?.additional_properties.as_ref(),
    }
}

/// `not`.
pub fn not(s: &Schema) -> Option<&ReferenceOr<Schema>> {
    match &s.schema_kind {
        SchemaKind::Not { not } => Some(not),
        _ => any(s)?.not.as_deref(),
    }
}

/// The parts of `allOf`, `oneOf` or `anyOf` (`keyword`).
pub fn parts<'s>(s: &'s Schema, keyword: &str) -> Option<&'s [ReferenceOr<Schema>]> {
    Some(match (&s.schema_kind, keyword) {
        (SchemaKind::AllOf { all_of }, "allOf") => all_of,
        (SchemaKind::OneOf { one_of }, "oneOf") => one_of,
        (SchemaKind::AnyOf { any_of }, "anyOf") => any_of,
        (SchemaKind::Any(any), "allOf") => &any.all_of,
        (SchemaKind::Any(any), "oneOf") => &any.one_of,
        (SchemaKind::Any(any), "anyOf") => &any.any_of,
        _ => return None,
    })
}
