//! The error type of every call ([`Error`]) and of client configuration ([`ConfigError`]).

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::trace::RedactedHeaders;

/// At most this many bytes of an error response body are kept in an [`Error`].
pub(crate) const MAX_ERROR_BODY: usize = 64 * 1024;

/// At most this many characters of a body are shown in an error's `Display`.
const SNIPPET_CHARS: usize = 200;

/// Response headers that commonly carry a request id, tried after the service's own.
const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "request-id",
    "x-ms-request-id",
    "x-correlation-id",
    "cf-ray",
];

/// What went wrong in a call; see [`Error::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400 Bad Request.
    BadRequest,
    /// 401 Unauthorized: missing or invalid credentials.
    Unauthorized,
    /// 403 Forbidden: the credentials may not do this.
    Forbidden,
    /// 404 Not Found.
    NotFound,
    /// 409 Conflict.
    Conflict,
    /// 422 Unprocessable Entity.
    UnprocessableEntity,
    /// 429 Too Many Requests.
    RateLimited,
    /// Any 5xx status.
    Server,
    /// Any other non-2xx status, or a 2xx response whose body reports a failure
    /// ([`DecodeError::ApiFailure`](crate::DecodeError::ApiFailure)).
    Status,
    /// The connection could not be made (refused, DNS, TLS, connect timeout) or broke before a
    /// full response arrived.
    Connect,
    /// An attempt took longer than the configured timeout.
    Timeout,
    /// A 2xx response body could not be decoded.
    Decode,
    /// The request could not be built (invalid header, body serialization, bad URL, signing).
    Request,
    /// The credentials could not be obtained (the OAuth2 token endpoint failed).
    Credentials,
}

impl ErrorKind {
    /// The kind of an error response with this status.
    pub(crate) fn from_status(status: StatusCode) -> ErrorKind {
        match status.as_u16() {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::UnprocessableEntity,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Status,
        }
    }

    /// Whether this kind comes from an HTTP response status.
    pub fn is_status(self) -> bool {
        !matches!(
            self,
            ErrorKind::Connect
                | ErrorKind::Timeout
                | ErrorKind::Decode
                | ErrorKind::Request
                | ErrorKind::Credentials
        )
    }
}

/// The error of a call: one type for every operation of a client, with typed details `E`
/// parsed from error bodies by the operation's `ErrorSpec`.
///
/// Its `Display` is one line a person can act on, ending with the operation name, e.g.
/// `403 Forbidden: [9109] Invalid access token (accounts.tokens.get)` or
/// `timed out after 2s (accounts.tokens.get)`. Its `Debug` never shows credentials.
pub struct Error<E> {
    inner: Box<Inner<E>>,
}

struct Inner<E> {
    kind: ErrorKind,
    operation: &'static str,
    status: Option<StatusCode>,
    headers: Option<HeaderMap>,
    request_id: Option<String>,
    body: Bytes,
    details: Option<E>,
    retry_after: Option<Duration>,
    retryable: bool,
    attempts: u32,
    timeout: Option<Duration>,
    message: Option<String>,
    /// What the caller can do about a 401 or 403 (which credentials the operation accepts).
    hint: Option<String>,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl<E> Error<E> {
    fn new(kind: ErrorKind, operation: &'static str) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                operation,
                status: None,
                headers: None,
                request_id: None,
                body: Bytes::new(),
                details: None,
                retry_after: None,
                retryable: false,
                attempts: 1,
                timeout: None,
                message: None,
                hint: None,
                source: None,
            }),
        }
    }

    /// An error response (or a 2xx response whose body reports a failure).
    pub(crate) fn response(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        details: Option<E>,
        request_id_header: Option<&str>,
    ) -> Self {
        let mut e = Error::new(ErrorKind::from_status(status), operation);
        e.inner.status = Some(status);
        e.inner.request_id = find_request_id(&headers, request_id_header);
        e.inner.headers = Some(headers);
        e.inner.body = bound(body);
        e.inner.details = details;
        e
    }

    /// A 2xx body that the decoder rejected.
    pub(crate) fn decode(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        source: Box<dyn StdError + Send + Sync>,
        request_id_header: Option<&str>,
    ) -> Self {
        let mut e = Error::response(operation, status, headers, body, None, request_id_header);
        e.inner.kind = ErrorKind::Decode;
        e.inner.source = Some(source);
        e
    }

    /// An attempt that did not finish within `after`.
    pub(crate) fn timeout(operation: &'static str, after: Duration) -> Self {
        let mut e = Error::new(ErrorKind::Timeout, operation);
        e.inner.timeout = Some(after);
        e
    }

    /// A connection failure; `message` is the one-line description without the operation.
    pub(crate) fn connect(
        operation: &'static str,
        message: String,
        source: Option<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        let mut e = Error::new(ErrorKind::Connect, operation);
        e.inner.message = Some(message);
        e.inner.source = source;
        e
    }

    /// The request could not be built.
    pub(crate) fn request(
        operation: &'static str,
        message: impl Into<String>,
        source: Option<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        let mut e = Error::new(ErrorKind::Request, operation);
        e.inner.message = Some(message.into());
        e.inner.source = source;
        e
    }

    /// Credentials could not be obtained (e.g. the OAuth2 token endpoint failed).
    pub(crate) fn credentials(operation: &'static str, message: impl Into<String>) -> Self {
        let mut e = Error::new(ErrorKind::Credentials, operation);
        e.inner.message = Some(message.into());
        e
    }

    /// Adds what the caller can do, shown after the operation in `Display`.
    pub(crate) fn set_hint(&mut self, hint: String) {
        self.inner.hint = Some(hint);
    }

    pub(crate) fn set_retry_info(&mut self, retryable: bool, retry_after: Option<Duration>) {
        self.inner.retryable = retryable;
        self.inner.retry_after = retry_after;
    }

    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.inner.attempts = attempts;
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The response status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// The response headers, when a response was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.inner.headers.as_ref()
    }

    /// The server's request id, from the service's request id header or a common one
    /// (`x-request-id`, `x-amzn-requestid`, `cf-ray`, ...). Quote it when contacting support.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The response body (at most 64 KiB of it); empty when there was no response.
    pub fn body(&self) -> &[u8] {
        &self.inner.body
    }

    /// The typed details parsed from the error body, when it parsed.
    pub fn details(&self) -> Option<&E> {
        self.inner.details.as_ref()
    }

    /// Takes the typed details out of the error.
    pub fn into_details(self) -> Option<E> {
        self.inner.details
    }

    /// The name of the operation that failed, e.g. `accounts.tokens.get`.
    pub fn operation(&self) -> &'static str {
        self.inner.operation
    }

    /// The delay the server asked for before retrying (`Retry-After`, `retry-after-ms` or
    /// `x-amz-retry-after`), as sent (not capped).
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// Whether the failure is transient, so that trying again later may succeed: connection
    /// failures, timeouts, 408, 429, 5xx, errors whose details are marked retryable, or what the
    /// server's `x-should-retry` header says. (Whether the runtime retried also depends on the
    /// operation's idempotency and the retry budget.)
    pub fn is_retryable(&self) -> bool {
        self.inner.retryable
    }

    /// How many attempts were made (1 when there was no retry).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    fn write_origin(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.inner.attempts > 1 {
            write!(
                f,
                " ({}, {} attempts)",
                self.inner.operation, self.inner.attempts
            )
        } else {
            write!(f, " ({})", self.inner.operation)
        }
    }

    fn write_status(&self, f: &mut fmt::Formatter<'_>, details: Option<String>) -> fmt::Result {
        let status = self
            .inner
            .status
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        f.write_str(&status_line(status))?;
        let mut parts: Vec<String> = Vec::new();
        match details.filter(|d| !d.trim().is_empty()) {
            // Details that only repeat the reason phrase say nothing more.
            Some(d) => match without_reason(status, &d) {
                "" => {}
                rest => parts.push(one_line(rest, SNIPPET_CHARS)),
            },
            None => match body_snippet(&self.inner.body) {
                Some(snippet) => parts.push(snippet),
                None if self.inner.kind == ErrorKind::RateLimited => {
                    parts.push("rate limited".to_owned())
                }
                None => {}
            },
        }
        // The server's delay is worth showing only where waiting helps.
        if let Some(after) = self.inner.retry_after.filter(|_| self.is_retryable()) {
            parts.push(format!("retry after {}", format_duration(after)));
        }
        if !parts.is_empty() {
            write!(f, ": {}", parts.join(", "))?;
        }
        self.write_origin(f)?;
        match &self.inner.hint {
            Some(hint) => write!(f, "; {hint}"),
            None => Ok(()),
        }
    }

    fn fmt_with(&self, f: &mut fmt::Formatter<'_>, details: Option<String>) -> fmt::Result {
        let inner = &self.inner;
        match inner.kind {
            ErrorKind::Timeout => {
                let after = inner.timeout.unwrap_or_default();
                write!(f, "timed out after {}", format_duration(after))?;
                self.write_origin(f)
            }
            ErrorKind::Connect => {
                f.write_str(inner.message.as_deref().unwrap_or("connection failed"))?;
                self.write_origin(f)
            }
            ErrorKind::Credentials => write!(
                f,
                "could not get credentials for {}: {}",
                inner.operation,
                inner.message.as_deref().unwrap_or("unknown failure")
            ),
            ErrorKind::Request => write!(
                f,
                "could not build the request for {}: {}",
                inner.operation,
                inner.message.as_deref().unwrap_or("invalid request")
            ),
            ErrorKind::Decode => {
                write!(f, "could not decode the response of {}", inner.operation)?;
                if let Some(status) = inner.status {
                    write!(f, " ({})", status_line(status))?;
                }
                if let Some(source) = &inner.source {
                    write!(f, ": {}", one_line(&source.to_string(), SNIPPET_CHARS))?;
                }
                Ok(())
            }
            _ => self.write_status(f, details),
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let details = self.inner.details.as_ref().map(ToString::to_string);
        self.fmt_with(f, details)
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let mut s = f.debug_struct("Error");
        s.field("kind", &inner.kind)
            .field("operation", &inner.operation)
            .field("status", &inner.status)
            .field("request_id", &inner.request_id)
            .field("details", &inner.details)
            .field("retry_after", &inner.retry_after)
            .field("retryable", &inner.retryable)
            .field("attempts", &inner.attempts);
        if let Some(timeout) = inner.timeout {
            s.field("timeout", &timeout);
        }
        if let Some(message) = &inner.message {
            s.field("message", message);
        }
        if let Some(headers) = &inner.headers {
            s.field("headers", &RedactedHeaders(headers));
        }
        if !inner.body.is_empty() {
            s.field("body", &String::from_utf8_lossy(&inner.body));
        }
        if let Some(source) = &inner.source {
            s.field("source", source);
        }
        s.finish()
    }
}

impl<E: fmt::Display + fmt::Debug> StdError for Error<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// A client could not be configured: a missing environment variable or credential, or an
/// invalid base URL or header. The message names what to set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
        }
    }

    /// The message, e.g. `CLOUDFLARE_API_TOKEN is not set: ...`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConfigError {}

/// `"429 Too Many Requests"`, or just `"599"` for a code without a standard reason.
fn status_line(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {}", status.as_u16(), reason),
        None => status.as_u16().to_string(),
    }
}

/// `details` without a leading repeat of the status's reason phrase (compared ignoring ASCII
/// case): a problem titled `Not Found` reads `404 Not Found: no book missing`, not
/// `404 Not Found: Not Found: no book missing`. The reason must be the whole text (an optional
/// `.` after it) or be followed by `: `; an empty string means nothing is left to show.
fn without_reason(status: StatusCode, details: &str) -> &str {
    let Some(reason) = status.canonical_reason() else {
        return details;
    };
    let text = details.trim();
    match text.get(..reason.len()) {
        Some(head) if head.eq_ignore_ascii_case(reason) => {
            let rest = &text[reason.len()..];
            if rest.is_empty() || rest == "." {
                ""
            } else if let Some(after) = rest
                .strip_prefix(':')
                .filter(|a| a.starts_with(char::is_whitespace))
            {
                after.trim_start()
            } else {
                details
            }
        }
        _ => details,
    }
}

/// Formats a duration briefly: `2s`, `1.5s`, `250ms`.
pub(crate) fn format_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms == 0 && !d.is_zero() {
        return format!("{}µs", d.as_micros());
    }
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else if ms < 1000 {
        format!("{ms}ms")
    } else {
        let s = format!("{:.3}", d.as_secs_f64());
        format!("{}s", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// A short, single-line excerpt of a body, or `None` for an empty or `null` body.
fn body_snippet(body: &[u8]) -> Option<String> {
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) if e.valid_up_to() > 0 && body.len() >= MAX_ERROR_BODY - 4 => {
            // A bounded body may end in the middle of a character.
            std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return Some(format!("<{} bytes of binary body>", body.len())),
    };
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed == "null" {
        return None;
    }
    Some(one_line(trimmed, SNIPPET_CHARS))
}

/// Collapses all whitespace runs (including newlines) to one space and shortens to `max` chars.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        for c in word.chars() {
            if chars >= max {
                out.push('…');
                return out;
            }
            out.push(c);
            chars += 1;
        }
    }
    out
}

fn bound(body: Bytes) -> Bytes {
    if body.len() > MAX_ERROR_BODY {
        body.slice(..MAX_ERROR_BODY)
    } else {
        body
    }
}

/// The request id of a response: the service's own header first, then common ones.
pub(crate) fn find_request_id(headers: &HeaderMap, preferred: Option<&str>) -> Option<String> {
    preferred
        .into_iter()
        .chain(REQUEST_ID_HEADERS.iter().copied())
        .find_map(|name| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| one_line(v, 200))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[derive(Debug)]
    struct Details(String);

    impl fmt::Display for Details {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    fn response(status: u16, body: &'static [u8], details: Option<&str>) -> Error<Details> {
        Error::response(
            "accounts.tokens.get",
            StatusCode::from_u16(status).unwrap(),
            HeaderMap::new(),
            Bytes::from_static(body),
            details.map(|d| Details(d.to_owned())),
            None,
        )
    }

    #[test]
    fn status_kinds() {
        let cases = [
            (400, ErrorKind::BadRequest),
            (401, ErrorKind::Unauthorized),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (409, ErrorKind::Conflict),
            (422, ErrorKind::UnprocessableEntity),
            (429, ErrorKind::RateLimited),
            (500, ErrorKind::Server),
            (503, ErrorKind::Server),
            (418, ErrorKind::Status),
            (302, ErrorKind::Status),
            (200, ErrorKind::Status),
        ];
        for (code, kind) in cases {
            assert_eq!(
                ErrorKind::from_status(StatusCode::from_u16(code).unwrap()),
                kind
            );
            assert_eq!(response(code, b"", None).kind(), kind);
        }
    }

    #[test]
    fn display_with_details() {
        let e = response(403, b"{}", Some("[9109] Invalid access token"));
        assert_eq!(
            e.to_string(),
            "403 Forbidden: [9109] Invalid access token (accounts.tokens.get)"
        );
    }

    #[test]
    fn display_says_the_reason_once() {
        let cases = [
            (
                404,
                "Not Found: no book missing",
                "404 Not Found: no book missing",
            ),
            (
                404,
                "not found:  no book missing",
                "404 Not Found: no book missing",
            ),
            (404, "Not Found", "404 Not Found"),
            (404, " NOT FOUND. ", "404 Not Found"),
            (
                409,
                "Conflict: Conflict: twice",
                "409 Conflict: Conflict: twice",
            ),
            (
                404,
                "Book Not Found: no book",
                "404 Not Found: Book Not Found: no book",
            ),
            (
                404,
                "Not Foundational: x",
                "404 Not Found: Not Foundational: x",
            ),
            (404, "Not Found:x", "404 Not Found: Not Found:x"),
            (
                400,
                "Not Found: wrong reason",
                "400 Bad Request: Not Found: wrong reason",
            ),
            (599, "Not Found: no reason", "599: Not Found: no reason"),
            (
                404,
                "Nöt Found: multibyte",
                "404 Not Found: Nöt Found: multibyte",
            ),
        ];
        for (status, details, shown) in cases {
            let e = response(status, b"{\"raw\": 1}", Some(details));
            assert_eq!(
                e.to_string(),
                format!("{shown} (accounts.tokens.get)"),
                "{details:?}"
            );
        }
        // Empty details still fall back to the body; details that were only the reason do not.
        let e = response(404, b"{\"raw\": 1}", Some(" "));
        assert_eq!(
            e.to_string(),
            "404 Not Found: {\"raw\": 1} (accounts.tokens.get)"
        );
    }

    #[test]
    fn display_without_details_uses_body_snippet() {
        let e = response(500, b"  upstream\n  exploded  ", None);
        assert_eq!(
            e.to_string(),
            "500 Internal Server Error: upstream exploded (accounts.tokens.get)"
        );
        let long = Box::leak(vec![b'x'; 1000].into_boxed_slice());
        let e = response(500, long, None);
        let shown = e.to_string();
        assert!(shown.chars().count() < 260, "{shown}");
        assert!(shown.contains('…'));
    }

    #[test]
    fn display_empty_or_null_body() {
        assert_eq!(
            response(404, b"", None).to_string(),
            "404 Not Found (accounts.tokens.get)"
        );
        assert_eq!(
            response(404, b"null", None).to_string(),
            "404 Not Found (accounts.tokens.get)"
        );
        let mut e = response(429, b"null", None);
        e.set_retry_info(true, Some(Duration::from_secs(1)));
        e.set_attempts(3);
        assert_eq!(
            e.to_string(),
            "429 Too Many Requests: rate limited, retry after 1s (accounts.tokens.get, 3 attempts)"
        );
    }

    #[test]
    fn display_binary_body_and_unknown_status() {
        let e = response(599, &[0xff, 0xfe, 0x00], None);
        assert_eq!(
            e.to_string(),
            "599: <3 bytes of binary body> (accounts.tokens.get)"
        );
    }

    #[test]
    fn display_other_kinds() {
        let e: Error<Details> = Error::timeout("accounts.tokens.get", Duration::from_secs(2));
        assert_eq!(e.to_string(), "timed out after 2s (accounts.tokens.get)");
        let e: Error<Details> = Error::decode(
            "accounts.tokens.get",
            StatusCode::OK,
            HeaderMap::new(),
            Bytes::from_static(b"<html>"),
            Box::new(serde_json::from_str::<u32>("<html>").unwrap_err()),
            None,
        );
        assert_eq!(
            e.to_string(),
            "could not decode the response of accounts.tokens.get (200 OK): expected value at line 1 column 1"
        );
        assert!(StdError::source(&e).is_some());
        let e: Error<Details> = Error::request("x.y", "invalid header name \"a b\"", None);
        assert_eq!(
            e.to_string(),
            "could not build the request for x.y: invalid header name \"a b\""
        );
        let e: Error<Details> = Error::connect(
            "x.y",
            "could not connect to 127.0.0.1:9: connection refused".into(),
            None,
        );
        assert_eq!(
            e.to_string(),
            "could not connect to 127.0.0.1:9: connection refused (x.y)"
        );
    }

    #[test]
    fn body_is_bounded() {
        let big = Bytes::from(vec![b'a'; MAX_ERROR_BODY * 2]);
        let e: Error<Details> = Error::response(
            "x",
            StatusCode::BAD_GATEWAY,
            HeaderMap::new(),
            big,
            None,
            None,
        );
        assert_eq!(e.body().len(), MAX_ERROR_BODY);
    }

    #[test]
    fn request_id_lookup() {
        let mut h = HeaderMap::new();
        h.insert("cf-ray", HeaderValue::from_static("abc-LHR"));
        h.insert("x-amzn-requestid", HeaderValue::from_static("req-1"));
        assert_eq!(
            find_request_id(&h, Some("cf-ray")).as_deref(),
            Some("abc-LHR")
        );
        assert_eq!(find_request_id(&h, None).as_deref(), Some("req-1"));
        assert_eq!(find_request_id(&HeaderMap::new(), None), None);
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(Duration::from_secs(2)), "2s");
        assert_eq!(format_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(format_duration(Duration::from_millis(250)), "250ms");
        assert_eq!(format_duration(Duration::ZERO), "0s");
    }
}
