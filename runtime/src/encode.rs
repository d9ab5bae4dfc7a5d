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

/// Checks a base URL and returns it without a trailing slash.
pub(crate) fn normalize_base_url(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    let url = Url::parse(trimmed).map_err(|e| format!("invalid base URL {trimmed:?}: {e}"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!(
            "invalid base URL {trimmed:?}: the scheme must be http or https"
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("invalid base URL {trimmed:?}: it has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "invalid base URL {trimmed:?}: it must not have a query or fragment"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "invalid base URL {:?}: it must not contain credentials",
            redact_userinfo(trimmed)
        ));
    }
    Ok(trimmed.trim_end_matches('/').to_owned())
}

/// Joins a normalized base URL and an operation path (which starts with `/`), keeping the
/// base URL's path.
pub(crate) fn join_url(base: &str, path: &str) -> Result<Url, String> {
    let joined = if path.is_empty() || path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    };
    Url::parse(&joined).map_err(|e| format!("invalid request URL for path {path:?}: {e}"))
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
        assert!(normalize_base_url("not a url").is_err());
        assert!(normalize_base_url("ftp://example.com").is_err());
        assert!(normalize_base_url("https://example.com/?a=b").is_err());
        let err = normalize_base_url("https://user:pw@example.com").unwrap_err();
        assert!(!err.contains("pw"), "{err}");
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
