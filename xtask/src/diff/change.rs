//! One change between two revisions of a spec, and how it is classified.

use std::collections::BTreeSet;

/// What changed. The order is the order of the report's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A whole spec is gone.
    ApiRemoved,
    /// A new spec.
    ApiAdded,
    /// An operation is gone.
    OperationRemoved,
    /// A new operation.
    OperationAdded,
    /// Same method and path, another Rust call (`x-rust-method` or `operationId`).
    CallRenamed,
    /// A parameter is gone.
    ParameterRemoved,
    /// A new parameter.
    ParameterAdded,
    /// An optional parameter became required (setter -> argument).
    ParameterNowRequired,
    /// A required parameter became optional (argument -> setter).
    ParameterNowOptional,
    /// The request body is gone.
    BodyRemoved,
    /// A new request body.
    BodyAdded,
    /// An optional body became required.
    BodyNowRequired,
    /// A required body became optional.
    BodyNowOptional,
    /// A response status, content or body appeared, went or changed kind.
    ResponseChanged,
    /// A property is gone.
    FieldRemoved,
    /// A new property.
    FieldAdded,
    /// A property became required (or non-nullable).
    FieldNowRequired,
    /// A property became optional (or nullable).
    FieldNowOptional,
    /// A schema's Rust type changed.
    TypeChanged,
    /// An enum value is gone.
    EnumValueRemoved,
    /// A new enum value.
    EnumValueAdded,
    /// A `oneOf`/`anyOf` variant is gone.
    VariantRemoved,
    /// A new `oneOf`/`anyOf` variant.
    VariantAdded,
}

impl Kind {
    /// How the report names it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::ApiRemoved => "API removed",
            Kind::ApiAdded => "API added",
            Kind::OperationRemoved => "operation removed",
            Kind::OperationAdded => "operation added",
            Kind::CallRenamed => "Rust call renamed",
            Kind::ParameterRemoved => "parameter removed",
            Kind::ParameterAdded => "parameter added",
            Kind::ParameterNowRequired => "parameter now required",
            Kind::ParameterNowOptional => "parameter now optional",
            Kind::BodyRemoved => "request body removed",
            Kind::BodyAdded => "request body added",
            Kind::BodyNowRequired => "request body now required",
            Kind::BodyNowOptional => "request body now optional",
            Kind::ResponseChanged => "response changed",
            Kind::FieldRemoved => "field removed",
            Kind::FieldAdded => "field added",
            Kind::FieldNowRequired => "field now required",
            Kind::FieldNowOptional => "field now optional",
            Kind::TypeChanged => "type changed",
            Kind::EnumValueRemoved => "enum value removed",
            Kind::EnumValueAdded => "enum value added",
            Kind::VariantRemoved => "union variant removed",
            Kind::VariantAdded => "union variant added",
        }
    }
}

/// One classified change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Breaks code written against the generated crates.
    pub breaking: bool,
    /// What changed.
    pub kind: Kind,
    /// Where, as Markdown: `` `GET /a` ``, `` `Token.status` ``.
    pub subject: String,
    /// Old -> new, or the value added or removed, as Markdown (may be empty).
    pub detail: String,
    /// The Rust calls it touches.
    pub calls: BTreeSet<String>,
}
