//! Turning a successful (2xx) response, or a documented 3xx one, into a value.
//!
//! A [`Decoder`] is a plain function; the ones here cover JSON, text, raw bytes and empty
//! bodies. Generated code may write its own, e.g. to unwrap an envelope such as
//! `{"success": true, "result": ...}` and return [`DecodeError::ApiFailure`] when the envelope
//! says the call failed.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

/// The status and headers of a response, given to decoders and error parsers.
#[derive(Debug, Clone)]
pub struct ResponseHead {
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
}

/// Turns the head and full body of a 2xx response (or of a 3xx the call documents, see
/// [`Call::redirections`](crate::Call::redirections)) into the call's output.
pub type Decoder<T> = fn(&ResponseHead, Bytes) -> Result<T, DecodeError>;

/// Why a response body could not be decoded into the call's result type.
#[derive(Debug)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is well-formed but says the call failed (e.g. `"success": false`). The response
    /// is then handled like an error response: the operation's `ErrorSpec` parses the
    /// details, and the error's kind follows the status.
    ApiFailure,
    /// The body could not be decoded.
    Invalid(Box<dyn std::error::Error + Send + Sync>),
}

impl DecodeError {
    /// Wraps any error (or message) as [`DecodeError::Invalid`].
    pub fn invalid(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        DecodeError::Invalid(error.into())
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::ApiFailure => f.write_str("the response body reports a failure"),
            DecodeError::Invalid(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DecodeError::ApiFailure => None,
            DecodeError::Invalid(e) => Some(e.as_ref()),
        }
    }
}

impl From<serde_json::Error> for DecodeError {
    fn from(e: serde_json::Error) -> Self {
        DecodeError::Invalid(Box::new(e))
    }
}

pub use crate::redirect::redirection;

/// Decodes a JSON body into `T`.
///
/// An empty body is read as `null`, so `()` and `Option<_>` outputs accept it; other types
/// report that the body is empty.
pub fn json<T: DeserializeOwned>(_head: &ResponseHead, body: Bytes) -> Result<T, DecodeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return serde_json::from_slice(b"null")
            .map_err(|_| DecodeError::invalid("the response body is empty, expected JSON"));
    }
    Ok(serde_json::from_slice(&body)?)
}

/// Decodes a UTF-8 text body.
pub fn text(_head: &ResponseHead, body: Bytes) -> Result<String, DecodeError> {
    String::from_utf8(body.to_vec()).map_err(DecodeError::invalid)
}

/// Returns the body as it is.
pub fn bytes(_head: &ResponseHead, body: Bytes) -> Result<Bytes, DecodeError> {
    Ok(body)
}

/// Ignores the body (for operations without a response body, e.g. 204 No Content).
pub fn empty(_head: &ResponseHead, _body: Bytes) -> Result<(), DecodeError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head() -> ResponseHead {
        ResponseHead {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
        }
    }

    #[test]
    fn json_decodes_and_reports_errors() {
        let v: Vec<u32> = json(&head(), Bytes::from_static(b"[1,2]")).unwrap();
        assert_eq!(v, vec![1, 2]);
        let err = json::<Vec<u32>>(&head(), Bytes::from_static(b"<html>")).unwrap_err();
        assert_eq!(err.to_string(), "expected value at line 1 column 1");
    }

    #[test]
    fn json_empty_body() {
        json::<()>(&head(), Bytes::new()).unwrap();
        assert_eq!(json::<Option<u32>>(&head(), Bytes::new()).unwrap(), None);
        let err = json::<Vec<u32>>(&head(), Bytes::new()).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn text_bytes_empty() {
        assert_eq!(text(&head(), Bytes::from_static(b"hi")).unwrap(), "hi");
        assert!(text(&head(), Bytes::from_static(&[0xff])).is_err());
        assert_eq!(bytes(&head(), Bytes::from_static(b"x")).unwrap(), "x");
        empty(&head(), Bytes::from_static(b"whatever")).unwrap();
    }
}
