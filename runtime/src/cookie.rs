//! The `Cookie` request header: cookie parameters (`in: cookie`) and an API key sent as a
//! cookie share one header, `name=value` pairs joined by `; ` (RFC 6265, section 5.4).

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use reqwest::header::{HeaderMap, HeaderValue, COOKIE};

/// What a cookie value may not hold as it is (RFC 6265 `cookie-octet` excludes controls,
/// whitespace, `"`, `,`, `;` and `\`), plus `%`, so that the value decodes back unchanged.
/// Bytes past ASCII are always encoded.
const VALUE: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b',').add(b';').add(b'\\').add(b'%');

/// What a cookie name may not hold (an RFC 9110 `token`: no separators), plus `%`.
const NAME: &AsciiSet = &VALUE.add(b'(').add(b')').add(b'<').add(b'>').add(b'@').add(b':').add(b'/')
    .add(b'[').add(b']').add(b'?').add(b'=').add(b'{').add(b'}');

/// `name=value`, each percent-encoded where RFC 6265 does not allow the character.
///
/// ```text
/// pair("session id", "a b;c") == "session%20id=a%20b%3Bc"
/// ```
pub(crate) fn pair(name: &str, value: &str) -> String {
    format!("{}={}", utf8_percent_encode(name, NAME), utf8_percent_encode(value, VALUE))
}

/// `name=a,b`: a list as OpenAPI's `form` style writes it, each item encoded as [`pair`] does
/// (so a comma in an item is `%2C`), the separating commas as they are.
pub(crate) fn list_pair(name: &str, items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().map(|item| utf8_percent_encode(&item, VALUE).to_string()).collect();
    format!("{}={}", utf8_percent_encode(name, NAME), items.join(","))
}

/// `existing` (a `Cookie` header's value, if any) with `pair` added after its cookies.
pub(crate) fn joined(existing: Option<&HeaderValue>, pair: &str) -> String {
    match existing.and_then(|v| v.to_str().ok()) {
        Some(existing) if !existing.trim().is_empty() => format!("{existing}; {pair}"),
        _ => pair.to_owned(),
    }
}

/// Adds the already encoded `pair` to the `Cookie` header of `headers` (sensitive, so never
/// printed); `Err` when it holds what a header cannot.
pub(crate) fn add(headers: &mut HeaderMap, pair: &str) -> Result<(), ()> {
    let mut value = HeaderValue::from_str(&joined(headers.get(COOKIE), pair)).map_err(|_| ())?;
    value.set_sensitive(true);
    headers.insert(COOKIE, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_encoded_as_rfc_6265_requires() {
        assert_eq!(pair("theme", "dark"), "theme=dark");
        assert_eq!(pair("q", "a b;c,d\"e\\f%g"), "q=a%20b%3Bc%2Cd%22e%5Cf%25g");
        assert_eq!(pair("q", "é\n"), "q=%C3%A9%0A");
        // Everything else a cookie-octet allows stays as it is.
        assert_eq!(pair("q", "a=b/c:d?e[f]{g}!#$&'()*+-./"), "q=a=b/c:d?e[f]{g}!#$&'()*+-./");
        assert_eq!(pair("a b=c;d", "1"), "a%20b%3Dc%3Bd=1");
    }

    #[test]
    fn a_list_keeps_its_separating_commas() {
        assert_eq!(list_pair("ids", ["1".to_string(), "2".to_string()]), "ids=1,2");
        assert_eq!(list_pair("tags", ["a,b".to_string(), "c d".to_string()]), "tags=a%2Cb,c%20d");
        assert_eq!(list_pair("none", []), "none=");
    }

    #[test]
    fn cookies_share_one_header() {
        let mut headers = HeaderMap::new();
        add(&mut headers, "a=1").unwrap();
        add(&mut headers, "b=2").unwrap();
        assert_eq!(headers.get(COOKIE).unwrap(), "a=1; b=2");
        assert!(headers.get(COOKIE).unwrap().is_sensitive());
        assert_eq!(joined(Some(&HeaderValue::from_static(" ")), "c=3"), "c=3");
    }
}
