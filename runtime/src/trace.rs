//! Tracing helpers: the per-call span and header redaction for logs and `Debug` output.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::{Method, Url};

/// Headers whose values are never logged or shown in `Debug` output.
const SENSITIVE_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "x-amz-security-token",
    "x-api-key",
    "api-key",
    "cookie",
    "set-cookie",
];

/// Whether a header's value may carry a credential (`Authorization`, `x-amz-security-token`,
/// any `X-Auth-*`, cookies, API keys).
pub(crate) fn is_sensitive_header(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SENSITIVE_HEADERS.contains(&lower.as_str())
        || lower.starts_with("x-auth")
        || lower.contains("token")
        || lower.contains("secret")
        || lower.contains("password")
}

/// Shows a header map with credential-bearing values replaced by `<redacted>`.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if is_sensitive_header(name.as_str()) || value.is_sensitive() {
                map.entry(&name.as_str(), &"<redacted>");
            } else {
                map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        map.finish()
    }
}

/// The span that covers one call, with every attempt inside it. Only the URL path is recorded:
/// never query values or headers.
pub(crate) fn call_span(operation: &'static str, method: &Method, url: &Url) -> tracing::Span {
    tracing::info_span!(
        "api_call",
        operation,
        method = %method,
        path = url.path(),
        attempt = tracing::field::Empty,
        status = tracing::field::Empty,
        elapsed_ms = tracing::field::Empty,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn redacts_credentials() {
        let mut h = HeaderMap::new();
        h.insert("authorization", HeaderValue::from_static("Bearer s3cret"));
        h.insert("x-auth-key", HeaderValue::from_static("k3y"));
        h.insert("X-Auth-Email", HeaderValue::from_static("me@example.com"));
        h.insert("x-amz-security-token", HeaderValue::from_static("t0ken"));
        h.insert("content-type", HeaderValue::from_static("application/json"));
        let mut hidden = HeaderValue::from_static("hidden-value");
        hidden.set_sensitive(true);
        h.insert("x-custom", hidden);
        let shown = format!("{:?}", RedactedHeaders(&h));
        for secret in ["s3cret", "k3y", "me@example.com", "t0ken", "hidden-value"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("application/json"), "{shown}");
    }
}
