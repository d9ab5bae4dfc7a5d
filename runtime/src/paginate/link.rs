//! The `rel="next"` target of a `Link` header (RFC 8288).

use reqwest::header::{HeaderMap, LINK};

/// The URL reference of the first link whose `rel` includes `next`, across every `Link` header.
pub(crate) fn next_link(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(split_links)
        .find(|(_, params)| has_rel_next(params))
        .map(|(target, _)| target.to_owned())
}

/// `<a>; rel=next, <b>; rel="prev last"` → `[("a", "rel=next"), ("b", "rel=\"prev last\"")]`.
/// Commas inside `<...>` or quotes do not split.
fn split_links(value: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else { break };
        let target = &rest[open + 1..open + close];
        let after = &rest[open + close + 1..];
        let mut quoted = false;
        let end = after
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == ',' && !quoted
            })
            .map_or(after.len(), |(i, _)| i);
        out.push((target.trim(), &after[..end]));
        rest = &after[end..];
    }
    out
}

fn has_rel_next(params: &str) -> bool {
    params.split(';').any(|param| {
        let Some((name, value)) = param.split_once('=') else { return false };
        name.trim().eq_ignore_ascii_case("rel")
            && value
                .trim()
                .trim_matches('"')
                .split_ascii_whitespace()
                .any(|rel| rel.eq_ignore_ascii_case("next"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(LINK, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn finds_next_among_links_and_headers() {
        let h = headers(&[r#"<https://x/a?page=1>; rel="first", <https://x/a?page=3&b=1,2>; rel="next last""#]);
        assert_eq!(next_link(&h).as_deref(), Some("https://x/a?page=3&b=1,2"));
        let h = headers(&["</p?x=1>; rel=prev", "</p?x=3>; title=\"a, b\"; REL=next"]);
        assert_eq!(next_link(&h).as_deref(), Some("/p?x=3"));
        assert_eq!(next_link(&headers(&[r#"<https://x/a>; rel="prev""#])), None);
        assert_eq!(next_link(&headers(&["garbage"])), None);
        assert_eq!(next_link(&HeaderMap::new()), None);
    }
}
