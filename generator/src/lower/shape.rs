//! Normalisation: what a schema is, read once from either form `openapiv3` gives it (a typed
//! `SchemaKind::Type(..)`, or `SchemaKind::Any` for what it could not type: a `type` beside an
//! `allOf`, a typeless `enum`, keywords without `type`...), so that [`Types::kind_of`] maps
//! each kind of value to a Rust type in one place.
//!
//! The spec defects lowering recovers from are recognised here too, each a [`Defect`] with its
//! warning, reported by the caller (once per lowering, not per look).
//!
//! [`Types::kind_of`]: super::schema::Types::kind_of

use super::implied;
use crate::diag::Diagnostics;
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

/// The kind of value a schema describes.
pub enum Shape<'s> {
    /// A JSON scalar type (`string`, `integer`, `number`, `boolean`) and its `format`.
    Scalar(&'static str, Option<&'s str>),
    StringEnum(Vec<String>),
    IntEnum(Vec<i64>),
    /// A list of `items` (of any value when there are none).
    List(Option<&'s ReferenceOr<Box<Schema>>>),
    /// A map whose values are `additionalProperties`.
    Map(&'s ReferenceOr<Schema>),
    /// `{type: object, additionalProperties: false}`: always `{}`.
    Empty,
    Object(Object<'s>),
    AllOf(&'s [ReferenceOr<Schema>]),
    /// `oneOf` or `anyOf` (the keyword).
    Union(&'s [ReferenceOr<Schema>], &'static str),
    Not,
    /// Any JSON value.
    Any,
}

/// An object: properties, and the `allOf` parts merged into them.
pub struct Object<'s> {
    pub all_of: &'s [ReferenceOr<Schema>],
    pub properties: &'s IndexMap<String, ReferenceOr<Box<Schema>>>,
    pub required: &'s [String],
    pub additional: Option<&'s AdditionalProperties>,
    /// The `oneOf` (else `anyOf`) beside the properties, and its keyword.
    pub union: Option<(&'s [ReferenceOr<Schema>], &'static str)>,
}

/// A defect of the spec that lowering reads past.
pub enum Defect {
    /// `properties` beside a `type` that is not `object`: the type wins.
    PropertiesBesideType(String),
    /// `oneOf`/`anyOf` beside `type: array` and `items` (Cloudflare's Zone Lockdown
    /// `configurations`: the item's branches repeated on the list): the list of `items`.
    BranchesBesideList,
}

impl Defect {
    pub fn report(&self, ptr: &str, diags: &mut Diagnostics) {
        match self {
            Defect::PropertiesBesideType(t) => {
                let help = "remove `properties`, or make the schema `type: object`".to_string();
                diags.reinterpret(ptr, format!("`properties` beside `type: {t}` apply only to objects"), "ignored", help);
            }
            Defect::BranchesBesideList => {
                let help = "keep the branches in `items` only".to_string();
                diags.reinterpret(ptr, "`oneOf`/`anyOf` beside `type: array` and `items`", "read as the list of `items`", help);
            }
        }
    }
}

impl<'s> Shape<'s> {
    /// The shape of `s`, and the defects read past to get it.
    pub fn of(s: &'s Schema) -> (Shape<'s>, Vec<Defect>) {
        match &s.schema_kind {
            SchemaKind::Type(t) => (typed(t), Vec::new()),
            SchemaKind::AllOf { all_of } => (Shape::AllOf(all_of), Vec::new()),
            SchemaKind::OneOf { one_of } => (Shape::Union(one_of, "oneOf"), Vec::new()),
            SchemaKind::AnyOf { any_of } => (Shape::Union(any_of, "anyOf"), Vec::new()),
            SchemaKind::Not { .. } => (Shape::Not, Vec::new()),
            SchemaKind::Any(any) => {
                let mut defects = Vec::new();
                let shape = untyped(s, any, &mut defects);
                (shape, defects)
            }
        }
    }
}

fn typed(t: &Type) -> Shape<'_> {
    match t {
        Type::String(st) => {
            let values: Vec<String> = st.enumeration.iter().flatten().cloned().collect();
            if !values.is_empty() {
                return Shape::StringEnum(values);
            }
            let format = match &st.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
                VariantOrUnknownOrEmpty::Unknown(other) => Some(other.as_str()),
                _ => None,
            };
            Shape::Scalar("string", format)
        }
        Type::Integer(it) => {
            let values: Vec<i64> = it.enumeration.iter().flatten().copied().collect();
            if !values.is_empty() {
                return Shape::IntEnum(values);
            }
            let format = match &it.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32"),
                VariantOrUnknownOrEmpty::Unknown(other) => Some(other.as_str()),
                _ => None,
            };
            Shape::Scalar("integer", format)
        }
        Type::Number(_) => Shape::Scalar("number", None),
        Type::Boolean(_) => Shape::Scalar("boolean", None),
        Type::Array(at) => Shape::List(at.items.as_ref()),
        Type::Object(ot) if ot.properties.is_empty() => match &ot.additional_properties {
            Some(AdditionalProperties::Any(false)) => Shape::Empty,
            Some(AdditionalProperties::Schema(ap)) => Shape::Map(ap),
            _ => Shape::Any,
        },
        Type::Object(ot) => Shape::Object(Object {
            all_of: &[],
            properties: &ot.properties,
            required: &ot.required,
            additional: ot.additional_properties.as_ref(),
            union: None,
        }),
    }
}

/// A schema `openapiv3` could not type, with the rules for what it means.
fn untyped<'s>(s: &'s Schema, any: &'s AnySchema, defects: &mut Vec<Defect>) -> Shape<'s> {
    // `allOf` beside a keyword `openapiv3` has no place for in an `allOf` schema
    // (`{allOf: [$ref: Messages], minLength: 1}`): the same as a plain `allOf`.
    if !any.all_of.is_empty() && any.properties.is_empty() && any.additional_properties.is_none() {
        return Shape::AllOf(&any.all_of);
    }
    let branches = match (any.one_of.is_empty(), any.any_of.is_empty()) {
        (false, _) => Some((any.one_of.as_slice(), "oneOf")),
        (true, false) => Some((any.any_of.as_slice(), "anyOf")),
        (true, true) => None,
    };
    let not_object = any.typ.as_deref().filter(|t| *t != "object" && any.all_of.is_empty());
    if let Some(t) = not_object.filter(|_| !any.properties.is_empty()) {
        defects.push(Defect::PropertiesBesideType(t.to_string()));
    }
    if not_object.is_none() && (!any.all_of.is_empty() || !any.properties.is_empty()) {
        let (properties, required, additional) = (&any.properties, &any.required, any.additional_properties.as_ref());
        return Shape::Object(Object { all_of: &any.all_of, properties, required, additional, union: branches });
    }
    if let (Some("array"), Some(items), Some(_)) = (not_object, &any.items, branches) {
        defects.push(Defect::BranchesBesideList);
        return Shape::List(Some(items));
    }
    if let Some((parts, keyword)) = branches {
        return Shape::Union(parts, keyword);
    }
    enumerated(any).unwrap_or_else(|| plain(s, any))
}

/// A typeless `enum` of strings or of integers (`null` aside).
fn enumerated(any: &AnySchema) -> Option<Shape<'_>> {
    let non_null = any.enumeration.iter().filter(|v| !v.is_null()).count();
    let strings: Vec<String> = any.enumeration.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
    if !strings.is_empty() && strings.len() == non_null {
        return Some(Shape::StringEnum(strings));
    }
    let ints: Vec<i64> = any.enumeration.iter().filter_map(serde_json::Value::as_i64).collect();
    (!ints.is_empty() && ints.len() == non_null).then_some(Shape::IntEnum(ints))
}

/// A schema of one type, said or implied: `enum: [true]` is a boolean, `items` a list,
/// `additionalProperties` a map, and keywords of one type that type (see [`implied`]).
fn plain<'s>(s: &'s Schema, any: &'s AnySchema) -> Shape<'s> {
    let booleans = any.enumeration.iter().any(|v| v.is_boolean()) && any.enumeration.iter().all(|v| v.is_boolean() || v.is_null());
    let typ = any
        .typ
        .as_deref()
        .or(booleans.then_some("boolean"))
        .or(any.items.as_ref().map(|_| "array"))
        .or(any.additional_properties.as_ref().map(|_| "object"))
        .or_else(|| implied::of_any(s, any));
    match typ {
        Some("string") => Shape::Scalar("string", any.format.as_deref()),
        Some("integer") => Shape::Scalar("integer", any.format.as_deref()),
        Some("number") => Shape::Scalar("number", any.format.as_deref()),
        Some("boolean") => Shape::Scalar("boolean", any.format.as_deref()),
        Some("array") => Shape::List(any.items.as_ref()),
        Some("object") => match &any.additional_properties {
            Some(AdditionalProperties::Schema(ap)) => Shape::Map(ap),
            _ => Shape::Any,
        },
        _ => Shape::Any,
    }
}
