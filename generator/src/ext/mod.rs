//! The `x-` extensions the generator understands: one typed model, read by serde. The same
//! parse is `validate`'s check (a bad value is a warning naming its pointer, and the extension
//! is taken out) and `lower`'s read, which so only ever sees values that parse.
//!
//! The README's "Spec extensions" section documents each of them.

mod client;
mod pagination;
#[cfg(test)]
mod tests;
mod values;
mod walk;

pub use client::{ClientExt, CratePrefix, EnvelopeExt, ErrorCode, Version};
pub use pagination::{PageSpec, PaginationExt};
pub use values::{Auth, BodyPointer, CallPath, Expected, Flag, Ident, Names, Text};
pub use walk::validate;
pub(crate) use walk::{extension_ok, validate_client};

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The extensions of one spec object, as `openapiv3` keeps them.
pub type Extensions = IndexMap<String, Value>;

/// Every extension this generator reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// `x-rust-client` (document): [`ClientExt`].
    Client,
    /// `x-rust-method` (operation): [`CallPath`].
    Method,
    /// `x-rust-name` (schema): [`Ident`].
    Name,
    /// `x-rust-auth` (security scheme): [`Auth`].
    Auth,
    /// `x-aws-signing-name` (security scheme): [`Text`].
    SigningName,
    /// `x-sensitive` (property): [`Flag`].
    Sensitive,
    /// `x-rust-error-code` (error schema): [`Text`].
    ErrorCode,
    /// `x-rust-retryable` (error schema): [`Flag`].
    Retryable,
    /// `x-rust-header` (error schema property): [`Text`].
    Header,
    /// `x-idempotency-token` (request body property): [`Flag`].
    IdempotencyToken,
    /// `x-rust-stream-item` (operation): a schema, read where it is used.
    StreamItem,
    /// `x-rust-pagination` (operation): [`PaginationExt`].
    Pagination,
}

impl Key {
    /// Every key, in the order the help lists them.
    pub const ALL: [Key; 12] = [
        Key::Client,
        Key::Method,
        Key::Name,
        Key::Auth,
        Key::SigningName,
        Key::Sensitive,
        Key::ErrorCode,
        Key::Retryable,
        Key::Header,
        Key::IdempotencyToken,
        Key::StreamItem,
        Key::Pagination,
    ];

    /// The key as the spec writes it.
    pub const fn name(self) -> &'static str {
        match self {
            Key::Client => "x-rust-client",
            Key::Method => "x-rust-method",
            Key::Name => "x-rust-name",
            Key::Auth => "x-rust-auth",
            Key::SigningName => "x-aws-signing-name",
            Key::Sensitive => "x-sensitive",
            Key::ErrorCode => "x-rust-error-code",
            Key::Retryable => "x-rust-retryable",
            Key::Header => "x-rust-header",
            Key::IdempotencyToken => "x-idempotency-token",
            Key::StreamItem => "x-rust-stream-item",
            Key::Pagination => "x-rust-pagination",
        }
    }

    /// The key named `name`.
    pub fn find(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Parses `value` as this key's type, discarding it: what is wrong, and the fix.
    pub(crate) fn check(self, value: &Value) -> Result<(), (String, Option<String>)> {
        let key = self.name();
        let parsed = match self {
            Key::Client => value.as_object().map(drop).ok_or_else(|| "must be a mapping".to_string()),
            Key::Method => parse::<CallPath>(value),
            Key::Name => parse::<Ident>(value),
            Key::Auth => parse::<Auth>(value),
            Key::SigningName | Key::ErrorCode | Key::Header => parse::<Text>(value),
            Key::Sensitive | Key::Retryable | Key::IdempotencyToken => parse::<Flag>(value),
            Key::StreamItem => value.as_object().map(drop).ok_or_else(|| "must be a mapping".to_string()),
            Key::Pagination => {
                return pagination::parse(value).map(drop).map_err(|(problem, fix)| (format!("`{key}` {problem}"), Some(fix)));
            }
        };
        parsed.map_err(|e| describe(key, value, &e))
    }

    /// This key's value in `ext`, read as `T` (see the module's note: only values that parse
    /// reach `lower`).
    pub fn read<T: DeserializeOwned>(self, ext: &Extensions) -> Option<T> {
        ext.get(self.name()).and_then(|v| T::deserialize(v).ok())
    }

    /// Whether `ext` has this key.
    pub fn is_in(self, ext: &Extensions) -> bool {
        ext.contains_key(self.name())
    }
}

fn parse<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    T::deserialize(value).map(drop).map_err(|e| e.to_string())
}

/// The message and fix for a value of `key` whose parse said `error`: "`key` must be …, found
/// `value`" with "write `key` as …", else "`key`: error".
fn describe(key: &str, value: &Value, error: &str) -> (String, Option<String>) {
    match error.strip_prefix("must be ") {
        Some(expected) => (format!("`{key}` {error}, found `{value}`"), Some(format!("write `{key}` as {expected}"))),
        None => (format!("`{key}`: {error}"), None),
    }
}

/// A schema's extensions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemaExt {
    /// `x-rust-name`: the Rust type name.
    pub name: Option<String>,
    /// `x-sensitive`: `Debug` redacts it.
    pub sensitive: bool,
    /// `x-rust-error-code`: the error code that selects this variant.
    pub error_code: Option<String>,
    /// `x-rust-retryable`: the runtime retries this error.
    pub retryable: bool,
    /// `x-rust-header`: the field is filled from this response header.
    pub header: Option<String>,
    /// `x-idempotency-token`: a request property filled with a fresh UUID when left empty.
    pub idempotency_token: bool,
}

impl SchemaExt {
    /// Reads a schema's extensions.
    pub fn of(ext: &Extensions) -> Self {
        if ext.is_empty() {
            return Self::default();
        }
        let flag = |key: Key| key.read::<Flag>(ext).is_some_and(|f| f.0);
        let text = |key: Key| key.read::<Text>(ext).map(|t| t.0);
        Self {
            name: Key::Name.read::<Ident>(ext).map(|i| i.0),
            sensitive: flag(Key::Sensitive),
            error_code: text(Key::ErrorCode),
            retryable: flag(Key::Retryable),
            header: text(Key::Header),
            idempotency_token: flag(Key::IdempotencyToken),
        }
    }
}

/// An operation's extensions (`x-rust-stream-item` is read where it is used, as a schema).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OperationExt {
    /// `x-rust-method`: the call path's segments.
    pub method: Option<CallPath>,
    /// `x-rust-pagination`.
    pub pagination: Option<PaginationExt>,
}

impl OperationExt {
    /// Reads an operation's extensions.
    pub fn of(ext: &Extensions) -> Self {
        Self { method: Key::Method.read(ext), pagination: Key::Pagination.read(ext) }
    }
}

/// A security scheme's extensions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemeExt {
    /// `x-rust-auth`.
    pub auth: Option<Auth>,
    /// `x-aws-signing-name`.
    pub signing_name: Option<String>,
}

impl SchemeExt {
    /// Reads a security scheme's extensions.
    pub fn of(ext: &Extensions) -> Self {
        Self { auth: Key::Auth.read(ext), signing_name: Key::SigningName.read::<Text>(ext).map(|t| t.0) }
    }
}

/// Reads `x-rust-client` from the document's extensions.
pub fn client(ext: &Extensions) -> ClientExt {
    ClientExt::of(ext.get(Key::Client.name()))
}
