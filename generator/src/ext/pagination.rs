//! `x-rust-pagination` on an operation: `false`, or the style of its pages and the places of
//! the response it reads.

use super::values::BodyPointer;
use crate::ir::PageKind;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_json::Value;

/// What `x-rust-pagination` says.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(try_from = "Value")]
pub enum PaginationExt {
    /// `false`: not paginated, whatever the operation's shape.
    Off,
    /// The style and places given.
    Given(PageSpec),
}

/// A mapping: the `style`, the query `param` the style needs, and JSON pointers into the raw
/// response body.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PageSpec {
    /// How the next page is asked for.
    pub style: PageKind,
    /// The query parameter carrying the position (every style but `link`).
    pub param: Option<String>,
    /// The array of items (default: detected).
    pub items: Option<BodyPointer>,
    /// The next cursor (`cursor`).
    pub next: Option<BodyPointer>,
    /// Whether there are more (`starting-after`).
    pub has_more: Option<BodyPointer>,
    /// The id inside an item (`starting-after`; default `/id`).
    pub id: Option<BodyPointer>,
    /// The number of pages (`page`).
    pub total_pages: Option<BodyPointer>,
    /// The number of items (`page`, `offset`).
    pub total: Option<BodyPointer>,
}

impl PageSpec {
    /// The first key the style needs that is absent.
    fn missing(&self) -> Option<&'static str> {
        let needed: &[(&str, bool)] = match self.style {
            PageKind::Cursor => &[("param", self.param.is_some()), ("next", self.next.is_some())],
            PageKind::StartingAfter => &[("param", self.param.is_some()), ("has-more", self.has_more.is_some())],
            PageKind::Page | PageKind::Offset => &[("param", self.param.is_some())],
            PageKind::Link => &[],
        };
        needed.iter().find(|(_, present)| !present).map(|(key, _)| *key)
    }
}

/// A problem with the value: what is wrong (after the key) and how to fix it.
pub(super) type Problem = (String, String);

const EXAMPLE: &str = "write `x-rust-pagination: {style: cursor, param: cursor, next: /next_cursor}`, or `false` to turn it off";

/// Reads `x-rust-pagination`'s value: its check and its parse.
pub(super) fn parse(value: &Value) -> Result<PaginationExt, Problem> {
    match value {
        Value::Bool(false) => Ok(PaginationExt::Off),
        Value::Object(_) => {
            let spec: PageSpec = serde_path_to_error::deserialize(value).map_err(|e| {
                let (path, inner) = (e.path().to_string(), e.inner().to_string());
                match path.as_str() {
                    "." => (format!("is invalid: {inner}"), EXAMPLE.to_string()),
                    _ if inner.starts_with("must be a JSON pointer") => (format!("`{path}` {inner}"), format!("start `{path}` with `/`")),
                    _ => (format!("`{path}`: {inner}"), EXAMPLE.to_string()),
                }
            })?;
            if let Some(key) = spec.missing() {
                return Err((format!("with `style: {}` needs `{key}`", spec.style.name()), format!("add `{key}:` to `x-rust-pagination`")));
            }
            Ok(PaginationExt::Given(spec))
        }
        _ => Err((format!("must be `false` or a mapping, found `{value}`"), EXAMPLE.to_string())),
    }
}

impl TryFrom<Value> for PaginationExt {
    type Error = String;
    fn try_from(value: Value) -> Result<Self, String> {
        parse(&value).map_err(|(problem, _)| problem)
    }
}

impl<'de> Deserialize<'de> for PageKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        PageKind::ALL.into_iter().find(|k| k.name() == name).ok_or_else(|| de::Error::unknown_variant(&name, &PageKind::NAMES))
    }
}
