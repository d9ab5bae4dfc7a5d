//! Helpers for AWS services.

use crate::decode::ResponseHead;

/// The AWS error code of an error response, e.g. `ValidationException` or
/// `ThrottlingException`.
///
/// Looks at the `x-amzn-errortype` header, then a JSON body's `code` (or `Code`), then its
/// `__type` field, then an XML body's `<Code>` element. Namespaces (`aws.protocoltests#`) and URI
/// suffixes (`:http://internal.amazon.com/...`) are stripped.
///
/// ```
/// use api_runtime::{StatusCode, HeaderMap, codegen::{aws, ResponseHead}};
/// let head = ResponseHead { status: StatusCode::BAD_REQUEST, headers: HeaderMap::new() };
/// let body = br#"{"__type":"com.amazonaws.route53#ValidationException","message":"bad"}"#;
/// assert_eq!(aws::error_code(&head, body).as_deref(), Some("ValidationException"));
/// ```
pub fn error_code(head: &ResponseHead, body: &[u8]) -> Option<String> {
    if let Some(code) = head
        .headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .and_then(clean)
    {
        return Some(code);
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body) {
        for key in ["code", "Code", "__type"] {
            if let Some(code) = map.get(key).and_then(|v| v.as_str()).and_then(clean) {
                return Some(code);
            }
        }
        return None;
    }
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find("<Code>")? + "<Code>".len();
    let end = text[start..].find("</Code>")? + start;
    clean(&text[start..end])
}

/// Strips a `namespace#` prefix and a `:uri` suffix.
fn clean(raw: &str) -> Option<String> {
    let without_uri = raw.split(':').next().unwrap_or_default();
    let name = without_uri.rsplit('#').next().unwrap_or_default().trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};
    use reqwest::StatusCode;

    fn head(errortype: Option<&'static str>) -> ResponseHead {
        let mut headers = HeaderMap::new();
        if let Some(t) = errortype {
            headers.insert("x-amzn-errortype", HeaderValue::from_static(t));
        }
        ResponseHead {
            status: StatusCode::BAD_REQUEST,
            headers,
        }
    }

    #[test]
    fn from_header() {
        let h = head(Some(
            "ValidationException:http://internal.amazon.com/coral/",
        ));
        assert_eq!(
            error_code(&h, b"{}").as_deref(),
            Some("ValidationException")
        );
    }

    #[test]
    fn from_json_body() {
        assert_eq!(
            error_code(&head(None), br#"{"__type":"ns#ThrottlingException"}"#).as_deref(),
            Some("ThrottlingException")
        );
        assert_eq!(
            error_code(&head(None), br#"{"code":"AccessDenied"}"#).as_deref(),
            Some("AccessDenied")
        );
        assert_eq!(error_code(&head(None), br#"{"message":"x"}"#), None);
        assert_eq!(error_code(&head(None), b"null"), None);
    }

    #[test]
    fn from_xml_body() {
        let body = b"<ErrorResponse><Error><Code>InvalidInput</Code></Error></ErrorResponse>";
        assert_eq!(
            error_code(&head(None), body).as_deref(),
            Some("InvalidInput")
        );
        assert_eq!(error_code(&head(None), b""), None);
    }
}
