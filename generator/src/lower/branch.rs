//! What a branch of an untagged union holds, read from its schema, so that
//! [`names::union_variant`](crate::names::union_variant) can name the variant after it.

use crate::names::{Branch, type_name};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

/// The names of an object schema's properties, in spec order (none for other schemas).
pub fn properties(s: &Schema) -> Vec<&str> {
    match &s.schema_kind {
        SchemaKind::Type(Type::Object(o)) => o.properties.keys().map(String::as_str).collect(),
        SchemaKind::Any(any) => any.properties.keys().map(String::as_str).collect(),
        _ => Vec::new(),
    }
}

/// What branch `index` of a union holds; `siblings` are the property names of every branch
/// (its own included, at `index`), so that a property only this branch has can name it.
/// `named` gives the Rust name of a component a `$ref` leads to.
pub fn branch<'s>(
    s: &'s Schema,
    index: usize,
    siblings: &[Vec<&'s str>],
    named: &dyn Fn(&str) -> Option<String>,
) -> Branch<'s> {
    let object = |props: Vec<&'s str>, required: &'s [String], additional: Option<&AdditionalProperties>| {
        if props.is_empty() {
            return match additional {
                Some(AdditionalProperties::Schema(_)) => Branch::Map,
                _ => Branch::Object,
            };
        }
        let distinct = props
            .iter()
            .copied()
            .filter(|p| siblings.iter().enumerate().all(|(j, other)| j == index || !other.contains(p)))
            .collect();
        let required = required.iter().map(String::as_str).filter(|r| props.contains(r)).collect();
        Branch::Properties { all: props, required, distinct }
    };
    match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) if !st.enumeration.is_empty() => {
            Branch::Values(st.enumeration.iter().flatten().cloned().collect())
        }
        SchemaKind::Type(Type::String(_)) => Branch::String,
        SchemaKind::Type(Type::Integer(_)) => Branch::Integer,
        SchemaKind::Type(Type::Number(_)) => Branch::Number,
        SchemaKind::Type(Type::Boolean(_)) => Branch::Boolean,
        SchemaKind::Type(Type::Array(at)) => Branch::List(at.items.as_ref().and_then(|i| item_name(i, named))),
        SchemaKind::Type(Type::Object(o)) => object(properties(s), &o.required, o.additional_properties.as_ref()),
        SchemaKind::Any(any) if !any.properties.is_empty() => {
            object(properties(s), &any.required, any.additional_properties.as_ref())
        }
        SchemaKind::AllOf { all_of } => only_component(all_of, named),
        SchemaKind::Any(any) if !any.all_of.is_empty() => only_component(&any.all_of, named),
        SchemaKind::Any(any) if !any.enumeration.is_empty() => {
            let strings: Vec<String> = any.enumeration.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
            if strings.is_empty() {
                Branch::Other
            } else {
                Branch::Values(strings)
            }
        }
        SchemaKind::Any(any) if any.all_of.is_empty() && any.one_of.is_empty() && any.any_of.is_empty() => {
            match any.typ.as_deref().or_else(|| super::implied::of_any(s, any)) {
                Some("string") => Branch::String,
                Some("integer") => Branch::Integer,
                Some("number") => Branch::Number,
                Some("boolean") => Branch::Boolean,
                Some("array") => Branch::List(any.items.as_ref().and_then(|i| item_name(i, named))),
                Some("object") | None if any.additional_properties.is_some() => {
                    object(Vec::new(), &any.required, any.additional_properties.as_ref())
                }
                None if any.items.is_none() && any.format.is_none() => match s.schema_data.nullable {
                    true => Branch::Null,
                    false => Branch::Any,
                },
                _ => Branch::Other,
            }
        }
        _ => Branch::Other,
    }
}

/// An `allOf` that names one component (`[{description: ..}, $ref: Uuid]`, or that component
/// with more properties) is named after it.
fn only_component<'s>(parts: &[ReferenceOr<Schema>], named: &dyn Fn(&str) -> Option<String>) -> Branch<'s> {
    let mut names = parts.iter().filter_map(|p| match p {
        ReferenceOr::Reference { reference } => named(reference),
        ReferenceOr::Item(_) => None,
    });
    match (names.next(), names.next()) {
        (Some(one), None) => Branch::Named(one),
        _ => Branch::Other,
    }
}

/// The name of a list's item, when it is a component (`Tag`) or a plain scalar (`String`).
fn item_name(items: &ReferenceOr<Box<Schema>>, named: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    match items {
        ReferenceOr::Reference { reference } => named(reference),
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::String(st)) if st.enumeration.is_empty() => Some("String".into()),
            SchemaKind::Type(Type::Integer(it)) if it.enumeration.is_empty() => Some("Integer".into()),
            SchemaKind::Type(Type::Number(_)) => Some("Number".into()),
            SchemaKind::Type(Type::Boolean(_)) => Some("Boolean".into()),
            _ => s.schema_data.title.as_deref().map(type_name),
        },
    }
}
