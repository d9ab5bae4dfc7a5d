//! The document-level `x-rust-client` object: its keys and what each must be.

use super::values::{Expected, Names, Text};
use crate::ir::ErrorCodeStyle;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// `x-rust-client`, as serde reads it: an unknown key or a bad value is an error naming it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ClientExt {
    /// The crate prefix: `<name>-models`, `<name>-client`.
    pub name: Option<CratePrefix>,
    /// The generated crates' version.
    pub version: Option<Version>,
    /// The variable of the first bearer-like scheme's token.
    pub token_env: Option<Text>,
    /// Variables by scheme key: one name per credential part.
    pub auth_env: Option<IndexMap<String, Names>>,
    /// Variables overriding the server URL, the first set wins.
    pub base_url_env: Option<Names>,
    /// The response header holding the request id.
    pub request_id_header: Option<Text>,
    /// Success bodies are wrapped in this envelope.
    pub envelope: Option<EnvelopeExt>,
    /// How error variants are chosen.
    pub error_code: Option<ErrorCode>,
    /// Overlays applied to the spec first (read before anything else, see `overlay::named`).
    pub overlays: Option<Vec<String>>,
}

impl ClientExt {
    /// Reads a checked `x-rust-client` (absent: every key at its default). `validate` took out
    /// every key it found bad, so only a value it never saw could fail here, and that is read
    /// as absent.
    pub fn of(value: Option<&Value>) -> Self {
        value.and_then(|v| Self::deserialize(v).ok()).unwrap_or_default()
    }
}

/// A lower-case crate prefix such as `my-api`.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "Value")]
pub struct CratePrefix(pub String);

impl TryFrom<Value> for CratePrefix {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        match value {
            Value::String(s) if ok(&s) => Ok(CratePrefix(s)),
            _ => Err(Expected("a lower-case crate prefix such as `my-api`")),
        }
    }
}

/// A semver version such as `0.1.0`.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "Value")]
pub struct Version(pub String);

impl TryFrom<Value> for Version {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        let ok = |s: &str| {
            let parts: Vec<_> = s.split('.').collect();
            parts.len() == 3 && parts.iter().all(|p| p.parse::<u64>().is_ok())
        };
        match value {
            Value::String(s) if ok(&s) => Ok(Version(s)),
            _ => Err(Expected("a semver version such as `0.1.0`")),
        }
    }
}

/// `envelope: {result: result, success: success}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "Value")]
pub struct EnvelopeExt {
    /// The property holding the payload.
    pub result: String,
    /// The boolean property whose `false` makes the call an error.
    pub success: Option<String>,
}

impl TryFrom<Value> for EnvelopeExt {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            result: String,
            success: Option<String>,
        }
        let expected = Expected("a mapping with `result` (and optionally `success`) property names");
        let raw = Raw::deserialize(value).map_err(|_| expected)?;
        Ok(EnvelopeExt { result: raw.result, success: raw.success })
    }
}

/// `error-code: status` or `aws`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub struct ErrorCode(pub ErrorCodeStyle);

impl TryFrom<Value> for ErrorCode {
    type Error = Expected;
    fn try_from(value: Value) -> Result<Self, Expected> {
        match value.as_str() {
            Some("status") => Ok(ErrorCode(ErrorCodeStyle::Status)),
            Some("aws") => Ok(ErrorCode(ErrorCodeStyle::Aws)),
            _ => Err(Expected("one of `status`, `aws`")),
        }
    }
}

/// Checks each key of `x-rust-client` on its own (so that one bad key leaves the others):
/// the problems, by key.
pub(super) fn problems(client: &serde_json::Map<String, Value>) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    for (key, value) in client {
        let one = serde_json::Map::from_iter([(key.clone(), value.clone())]);
        let Err(e) = ClientExt::deserialize(&Value::Object(one)) else { continue };
        let e = e.to_string();
        let (message, help) = match e.strip_prefix("unknown field ") {
            Some(rest) => (format!("unknown key `{key}` in `x-rust-client`"), Some(format!("known keys: {}", known_keys(rest)))),
            None => super::describe(key, value, &e),
        };
        out.push((key.clone(), message, help));
    }
    out
}

/// serde's "`retries`, expected one of `name`, `version`, …" as `name, version, …`.
fn known_keys(rest: &str) -> String {
    let list = rest.split_once("expected one of ").map_or(rest, |(_, list)| list);
    list.replace('`', "")
}
