//! `x-idempotency-token: true` on a string property of a JSON request body: the client fills
//! it with a fresh UUID when the caller leaves it empty, and sends the same value on every
//! attempt (`api_runtime::Call::json_body_with_token`), as the AWS SDKs do.

use super::schema::Types;
use crate::diag::escape_segment;
use crate::ext::{Key, SchemaExt};
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

/// The wire name of the body's idempotency token property, if it has one. `at` is the body
/// schema's pointer; a token on a property that is not a string, or a second one, is a warning.
pub(super) fn token(types: &mut Types, schema: &ReferenceOr<Schema>, at: &str) -> Option<String> {
    let base = match schema {
        ReferenceOr::Reference { reference } => reference.clone(),
        ReferenceOr::Item(_) => at.to_string(),
    };
    let SchemaKind::Type(Type::Object(object)) = &types.resolve(schema)?.schema_kind else { return None };
    let mut found: Option<String> = None;
    for (wire, property) in &object.properties {
        let marked = match property {
            ReferenceOr::Item(s) => SchemaExt::of(&s.schema_data.extensions).idempotency_token,
            ReferenceOr::Reference { .. } => types.resolve(property).is_some_and(|s| SchemaExt::of(&s.schema_data.extensions).idempotency_token),
        };
        if !marked {
            continue;
        }
        let here = format!("{base}/properties/{}/{}", escape_segment(wire), Key::IdempotencyToken.name());
        let text = types.resolve(property).is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(Type::String(_))));
        let problem = match (&found, text) {
            (_, false) => "is on a property that is not a string",
            (Some(_), true) => "is on a second property of the body",
            (None, true) => {
                found = Some(wire.clone());
                continue;
            }
        };
        types.diags.recover(
            here,
            format!("`{}` {problem}", Key::IdempotencyToken.name()),
            "the client does not fill this property",
            Some("mark one string property of the request body".to_string()),
        );
    }
    found
}
