//! The value types of the extensions: each checks its value as serde reads it, and its error
//! says what the value must be.

use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// What a value must be: the error of a value type's parse, shown as "must be …".
#[derive(Debug)]
pub struct Expected(pub &'static str);

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "must be {}", self.0)
    }
}

/// `true` or `false`.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub struct Flag(pub bool);

impl TryFrom<Value> for Flag {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        value.as_bool().map(Flag).ok_or(Expected("`true` or `false`"))
    }
}

/// A non-empty string.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub struct Text(pub String);

impl TryFrom<Value> for Text {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        match value {
            Value::String(s) if !s.is_empty() => Ok(Text(s)),
            _ => Err(Expected("a non-empty string")),
        }
    }
}

/// A Rust identifier that is not a keyword: a type name.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub struct Ident(pub String);

impl TryFrom<Value> for Ident {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        match value {
            Value::String(s) if is_ident(&s) && !crate::names::is_keyword(&s) && s != "_" => Ok(Ident(s)),
            _ => Err(Expected("a Rust identifier (not a keyword) such as `TokenStatus`")),
        }
    }
}

/// A dotted snake_case call path: `accounts.tokens.get`, as its segments.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub struct CallPath(pub Vec<String>);

impl TryFrom<Value> for CallPath {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        let segments = |s: &str| s.split('.').all(|seg| is_ident(seg) && seg == seg.to_ascii_lowercase());
        match value.as_str() {
            Some(s) if segments(s) => Ok(CallPath(s.split('.').map(str::to_string).collect())),
            _ => Err(Expected("a dotted snake_case call path such as `accounts.tokens.get`")),
        }
    }
}

/// A security scheme that `x-rust-auth` turns into another kind.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub enum Auth {
    /// AWS Signature V4, with the service name of `x-aws-signing-name`.
    AwsSigV4,
}

impl TryFrom<Value> for Auth {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        match value.as_str() {
            Some("aws-sigv4") => Ok(Auth::AwsSigV4),
            // A bearer token needs no extension: `type: http, scheme: bearer` says it.
            _ => Err(Expected("`aws-sigv4` (a bearer token is `type: http, scheme: bearer`, without `x-rust-auth`)")),
        }
    }
}

/// A JSON pointer into a response body (`/result_info/total_pages`), or empty: the whole body.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub struct BodyPointer(pub String);

impl TryFrom<Value> for BodyPointer {
    type Error = String;
    fn try_from(value: Value) -> Result<Self, String> {
        match value {
            Value::String(s) if s.is_empty() || s.starts_with('/') => Ok(BodyPointer(s)),
            Value::String(s) => Err(format!("must be a JSON pointer such as `/data`, found `{s}`")),
            other => Err(format!("must be a JSON pointer such as `/data`, found `{other}`")),
        }
    }
}

/// One name, or a list of them: `FOO` or `[FOO, BAR]`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub struct Names(pub Vec<String>);

impl TryFrom<Value> for Names {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        const EXPECTED: Expected = Expected("an env var name or a list of them");
        match value {
            Value::String(s) if !s.is_empty() => Ok(Names(vec![s])),
            Value::Array(items) => {
                items.into_iter().map(|v| v.as_str().filter(|s| !s.is_empty()).map(str::to_string)).collect::<Option<_>>().map(Names).ok_or(EXPECTED)
            }
            _ => Err(EXPECTED),
        }
    }
}

pub(crate) fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
