//! Percent-encoding of path segments and query strings, and joining URLs.

use std::fmt::Display;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Url;

/// Everything except RFC 3986 "unreserved" characters (`A-Z a-z 0-9 - . _ ~`) is encoded.
pub(crate) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment, so that a value can never change the shape of the path.
///
/// Every byte except the RFC 3986 unreserved characters is encoded, including `/`, `?`, `#`,
/// `%` and spaces.
///
/// ```
/// assert_eq!(api_runtime::codegen::encode_path("a/b c?").to_string(), "a%2Fb%20c%3F");
/// assert_eq!(api_runtime::codegen::encode_path("zone-1_x.y~").to_string(), "zone-1_x.y~");
/// ```
pub fn encode_path(segment: &str) -> impl Display + '_ {
    utf8_percent_encode(segment, COMPONENT)
}

/// Appends `name=value` pairs to `url`, percent-encoding both with the strict set (spaces become
/// `%20`, never `+`).
pub(crate) fn append_query(url: &mut Url, pairs: &[(String, String)]) {
    if pairs.is_empty() {
        return;
    }
    let mut query = url.query().unwrap_or_default().to_owned();
    for (name, value) in pairs {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&utf8_percent_encode(name, COMPONENT).to_string());
        query.push('=');
        query.push_str(&utf8_percent_encode(value, COMPONENT).to_string());
    }
    url.set_query(Some(&query));
}

/// Why a base URL or a request URL is not one the client can send to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlError {
    /// The base URL does not parse.
    BaseUnparsable { url: String, error: url::ParseError },
    /// The base URL's scheme is not `http` or `https`.
    BaseScheme { url: String },
    /// The base URL has no host.
    BaseNoHost { url: String },
    /// The base URL has a query or a fragment.
    BaseQueryOrFragment { url: String },
    /// The base URL holds credentials (`url` has them redacted).
    BaseCredentials { url: String },
    /// The base URL joined with an operation's path does not parse.
    Request { path: String, error: url::ParseError },
}

impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlError::BaseUnparsable { url, error } => write!(f, "invalid base URL {url:?}: {error}"),
            UrlError::BaseScheme { url } => write!(f, "invalid base URL {url:?}: the scheme must be http or https"),
            UrlError::BaseNoHost { url } => write!(f, "invalid base URL {url:?}: it has no host"),
            UrlError::BaseQueryOrFragment { url } => write!(f, "invalid base URL {url:?}: it must not have a query or fragment"),
            UrlError::BaseCredentials { url } => write!(f, "invalid base URL {url:?}: it must not contain credentials"),
            UrlError::Request { path, error } => write!(f, "invalid request URL for path {path:?}: {error}"),
        }
    }
}

impl std::error::Error for UrlError {}

/// Checks a base URL and returns it without a trailing slash.
pub(crate) fn normalize_base_url(raw: &str) -> Result<String, UrlError> {
    let trimmed = raw.trim();
    let url = Url::parse(trimmed).map_err(|error| UrlError::BaseUnparsable { url: trimmed.to_owned(), error })?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(UrlError::BaseScheme { url: trimmed.to_owned() });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UrlError::BaseNoHost { url: trimmed.to_owned() });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(UrlError::BaseQueryOrFragment { url: trimmed.to_owned() });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlError::BaseCredentials { url: redact_userinfo(trimmed) });
    }
    Ok(trimmed.trim_end_matches('/').to_owned())
}

/// Joins a normalized base URL and an operation path (which starts with `/`), keeping the
/// base URL's path.
pub(crate) fn join_url(base: &str, path: &str) -> Result<Url, UrlError> {
    let joined = if path.is_empty() || path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    };
    Url::parse(&joined).map_err(|error| UrlError::Request { path: path.to_owned(), error })
}

fn redact_userinfo(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://***{}", &url[..scheme_end], &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(encode_path("a/b c?").to_string(), "a%2Fb%20c%3F");
        assert_eq!(encode_path("100%#&=+").to_string(), "100%25%23%26%3D%2B");
        assert_eq!(encode_path("é").to_string(), "%C3%A9");
    }

    #[test]
    fn base_path_is_kept() {
        let base = normalize_base_url("http://127.0.0.1:8080/client/v4/").unwrap();
        assert_eq!(base, "http://127.0.0.1:8080/client/v4");
        let url = join_url(&base, "/accounts/x").unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:8080/client/v4/accounts/x");
        let url = join_url(&base, "accounts/x").unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:8080/client/v4/accounts/x");
    }

    #[test]
    fn base_without_path() {
        let base = normalize_base_url("https://example.com").unwrap();
        assert_eq!(
            join_url(&base, "/a").unwrap().as_str(),
            "https://example.com/a"
        );
        let base = normalize_base_url("https://example.com/").unwrap();
        assert_eq!(
            join_url(&base, "/a").unwrap().as_str(),
            "https://example.com/a"
        );
    }

    #[test]
    fn rejects_bad_base_urls() {
        assert!(matches!(normalize_base_url("not a url"), Err(UrlError::BaseUnparsable { .. })));
        let err = normalize_base_url("ftp://example.com").unwrap_err();
        assert_eq!(err.to_string(), "invalid base URL \"ftp://example.com\": the scheme must be http or https");
        assert_eq!(normalize_base_url("https://example.com/?a=b"), Err(UrlError::BaseQueryOrFragment { url: "https://example.com/?a=b".into() }));
        let err = normalize_base_url("https://user:pw@example.com").unwrap_err();
        assert!(matches!(err, UrlError::BaseCredentials { .. }));
        assert!(!err.to_string().contains("pw"), "{err}");
    }

    #[test]
    fn query_is_strictly_encoded_and_appended() {
        let mut url = Url::parse("http://h/p").unwrap();
        append_query(
            &mut url,
            &[
                ("q".into(), "a b&c=d".into()),
                ("ids[]".into(), "1".into()),
                ("ids[]".into(), "2".into()),
            ],
        );
        assert_eq!(url.query(), Some("q=a%20b%26c%3Dd&ids%5B%5D=1&ids%5B%5D=2"));
    }
}
