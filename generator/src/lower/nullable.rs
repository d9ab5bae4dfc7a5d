//! Whether a schema allows `null`: 3.0's `nullable: true`, and what the 3.1 rewrite makes of
//! `type: [T, "null"]` and of a `{type: "null"}` branch (see `load::v31`); an `enum` listing
//! `null`; a `$ref` to any of them; an `allOf` of one part (3.0's way to put `nullable` or a
//! description on a reference) that does, or of parts one of which says `nullable: true` itself
//! (`allOf: [{$ref: Row}, {nullable: true, properties: ..}]`, read as "a `Row` with more, or
//! `null`", as the conformance check reads it); a `oneOf`/`anyOf` with a branch that does.
//!
//! A nullable schema used as an array item, a map value or a success body is an `Option` of its
//! type there ([`Types::value_ty`]); as a property it is a nullable field (`Option` or
//! `Nullable`). Its named type itself stays the plain type, so that every use says it once.

use super::pointer::SchemaRef;
use super::schema::Types;
use crate::ir::Ty;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

/// How far `$ref`s and one-part compositions are followed.
const DEPTH: usize = 16;

impl Types<'_> {
    /// Whether `schema` (or what its `$ref` leads to) allows `null`.
    pub fn is_nullable<S: SchemaRef + ?Sized>(&self, schema: &S) -> bool {
        self.nullable_at(schema, 0)
    }

    /// The type of a value of `schema` where `null` may stand for it: [`Types::ty_of`], in an
    /// `Option` when the schema is nullable.
    pub fn value_ty<S: SchemaRef + ?Sized>(&mut self, schema: &S, hint: &str, ptr: &str) -> Ty {
        let ty = self.ty_of(schema, hint, ptr);
        or_null(ty, self.is_nullable(schema))
    }

    fn nullable_at<S: SchemaRef + ?Sized>(&self, schema: &S, depth: usize) -> bool {
        depth < DEPTH && self.resolve(schema).is_some_and(|s| self.schema_nullable(s, depth + 1))
    }

    fn schema_nullable(&self, s: &Schema, depth: usize) -> bool {
        if s.schema_data.nullable {
            return true;
        }
        let any_branch = |parts: &[ReferenceOr<Schema>]| parts.iter().any(|p| self.nullable_at(p, depth));
        match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => t.enumeration.iter().any(Option::is_none),
            SchemaKind::Type(Type::Integer(t)) => t.enumeration.iter().any(Option::is_none),
            SchemaKind::Type(Type::Number(t)) => t.enumeration.iter().any(Option::is_none),
            SchemaKind::Type(Type::Boolean(t)) => t.enumeration.iter().any(Option::is_none),
            SchemaKind::Type(_) | SchemaKind::Not { .. } => false,
            SchemaKind::AllOf { all_of } => (all_of.len() == 1 && any_branch(all_of)) || self.a_part_says_nullable(all_of),
            SchemaKind::OneOf { one_of: parts } | SchemaKind::AnyOf { any_of: parts } => any_branch(parts),
            SchemaKind::Any(any) => {
                let only_all_of = any.all_of.len() == 1 && any.properties.is_empty();
                any.enumeration.iter().any(serde_json::Value::is_null)
                    || (only_all_of && any_branch(&any.all_of))
                    || (any.properties.is_empty() && any.typ.is_none() && self.a_part_says_nullable(&any.all_of))
                    || any_branch(&any.one_of)
                    || any_branch(&any.any_of)
            }
        }
    }
}

impl Types<'_> {
    /// Whether one of an `allOf`'s parts (or the schema its `$ref` names) says `nullable: true`
    /// itself.
    fn a_part_says_nullable(&self, parts: &[ReferenceOr<Schema>]) -> bool {
        parts.iter().any(|p| self.resolve(p).is_some_and(|s| s.schema_data.nullable))
    }
}

/// `ty` in an `Option` when `nullable` (never twice).
fn or_null(ty: Ty, nullable: bool) -> Ty {
    match ty {
        Ty::Option(_) => ty,
        ty if nullable => Ty::Option(Box::new(ty)),
        ty => ty,
    }
}
