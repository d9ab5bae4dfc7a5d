//! How an operation's error responses are parsed into typed details.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::decode::ResponseHead;

/// Describes an operation's error bodies: how to parse typed details from them and which
/// details mean the request may be retried.
pub struct ErrorSpec<E> {
    /// Parses typed details from an error body; `None` when the body does not parse.
    pub parse: fn(&ResponseHead, &[u8]) -> Option<E>,
    /// Whether the parsed details mark the error as retryable (e.g. a spec-level `retryable`
    /// flag). Status-based retries (408, 429, 5xx) happen regardless.
    pub retryable: fn(&E) -> bool,
}

impl<E: DeserializeOwned> ErrorSpec<E> {
    /// Parses the body as JSON into `E`; details never make an error retryable.
    ///
    /// A body that is not valid JSON for `E` (including `null` and an empty body) gives no
    /// details.
    pub const fn json() -> Self {
        ErrorSpec {
            parse: parse_json::<E>,
            retryable: never::<E>,
        }
    }
}

impl<E> ErrorSpec<E> {
    /// An error spec that never parses details (errors carry only status, headers and body).
    pub const fn none() -> Self {
        ErrorSpec {
            parse: parse_nothing::<E>,
            retryable: never::<E>,
        }
    }
}

impl<E> Clone for ErrorSpec<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for ErrorSpec<E> {}

impl<E> fmt::Debug for ErrorSpec<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorSpec")
            .field("details", &std::any::type_name::<E>())
            .finish_non_exhaustive()
    }
}

fn parse_json<E: DeserializeOwned>(_head: &ResponseHead, body: &[u8]) -> Option<E> {
    serde_json::from_slice(body).ok()
}

fn parse_nothing<E>(_head: &ResponseHead, _body: &[u8]) -> Option<E> {
    None
}

fn never<E>(_details: &E) -> bool {
    false
}

/// The human-readable message of a JSON error body, when it has one: the first string among
/// `message`, `Message`, `errorMessage`, `error_description`, `detail`, `title` and `error`.
///
/// ```
/// assert_eq!(api_runtime::codegen::error_message(br#"{"Message":"slow down"}"#).as_deref(), Some("slow down"));
/// assert_eq!(api_runtime::codegen::error_message(b"null"), None);
/// ```
pub fn error_message(body: &[u8]) -> Option<String> {
    let serde_json::Value::Object(map) = serde_json::from_slice::<serde_json::Value>(body).ok()? else {
        return None;
    };
    ["message", "Message", "errorMessage", "error_description", "detail", "title", "error"]
        .iter()
        .find_map(|k| map.get(*k).and_then(|v| v.as_str()))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderMap;
    use reqwest::StatusCode;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Details {
        message: String,
    }

    #[test]
    fn json_parses_or_gives_none() {
        let head = ResponseHead {
            status: StatusCode::BAD_REQUEST,
            headers: HeaderMap::new(),
        };
        let spec = ErrorSpec::<Details>::json();
        assert_eq!(
            (spec.parse)(&head, br#"{"message":"bad"}"#),
            Some(Details {
                message: "bad".into()
            })
        );
        assert_eq!((spec.parse)(&head, b"null"), None);
        assert_eq!((spec.parse)(&head, b""), None);
        assert!(!(spec.retryable)(&Details {
            message: String::new()
        }));
        assert_eq!(
            (ErrorSpec::<Details>::none().parse)(&head, br#"{"message":"bad"}"#),
            None
        );
    }
}
