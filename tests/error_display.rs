//! Every kind of error, as its `Display` shows it to users, produced through generated clients
//! against real HTTP servers on 127.0.0.1 and pinned with insta (`tests/snapshots/`).
//!
//! Review changes with `cargo insta review`; in CI (`CI=true`) snapshots are only asserted.

use std::fmt::Display;
use std::time::Duration;

use api_runtime::RetryPolicy;
use serde_json::{json, Value};
use widgets_client::models::NewWidget;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "display-test-token";

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default().initial_backoff(Duration::from_millis(5)).max_backoff(Duration::from_millis(20))
}

/// A server answering every request with `response`.
async fn server(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(response.clone()).mount(&server).await;
    Mock::given(method("POST")).respond_with(response).mount(&server).await;
    server
}

fn json_response(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json")
}

fn cloudflare(base_url: &str) -> cloudflare_tokens_client::Client {
    cloudflare_tokens_client::Client::builder()
        .bearer_token(TOKEN)
        .base_url(base_url)
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

fn widgets(base_url: &str) -> widgets_client::Client {
    widgets_client::Client::builder()
        .bearer_token(TOKEN)
        .base_url(base_url)
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

fn sitecore(base_url: &str) -> sitecore_tokens_client::Client {
    sitecore_tokens_client::Client::builder().bearer_token(TOKEN).base_url(base_url).build().unwrap()
}

fn route53(base_url: &str) -> route53_global_resolver_client::Client {
    route53_global_resolver_client::Client::builder()
        .aws_credentials("AKIDDISPLAY", "display-secret", None)
        .region("us-east-2")
        .base_url(base_url)
        .retries(0)
        .build()
        .unwrap()
}

/// The message as users see it, with what changes between runs (the port of the local server,
/// the OS's error number) replaced by placeholders; it must be one line.
fn shown(error: &impl Display, server_port: Option<u16>) -> String {
    let mut text = error.to_string();
    assert!(!text.contains('\n'), "not one line: {text:?}");
    assert!(!text.contains(TOKEN), "the token leaked: {text}");
    if let Some(port) = server_port {
        text = text.replace(&format!(":{port}"), ":[port]");
    }
    if let Some(start) = text.find("(os error ") {
        let digits_start = start + "(os error ".len();
        let digits_end = text[digits_start..].find(')').map(|i| digits_start + i).unwrap_or(text.len());
        text.replace_range(digits_start..digits_end, "[n]");
    }
    text
}

fn cloudflare_failure(errors: Value) -> Value {
    json!({"success": false, "errors": errors, "messages": [], "result": null})
}

#[tokio::test]
async fn cloudflare_envelope_errors() {
    let cases = [
        (
            "cloudflare_400_bad_request",
            400,
            cloudflare_failure(
                json!([{"code": 6003, "message": "Invalid request headers", "error_chain": [{"code": 6111, "message": "Invalid format for Authorization header"}]}]),
            ),
        ),
        (
            "cloudflare_401_unauthorized",
            401,
            cloudflare_failure(json!([{"code": 10000, "message": "Authentication error"}])),
        ),
        (
            "cloudflare_403_forbidden",
            403,
            cloudflare_failure(
                json!([{"code": 9109, "message": "Invalid access token"}, {"code": 6003, "message": "Invalid request headers"}]),
            ),
        ),
        (
            "cloudflare_404_not_found",
            404,
            cloudflare_failure(
                json!([{"code": 7003, "message": "Could not route to /user/tokens/verify, perhaps your object identifier is invalid?"}]),
            ),
        ),
        (
            "cloudflare_429_with_body",
            429,
            cloudflare_failure(json!([{"code": 10100, "message": "More than 1200 requests per 5 minutes"}])),
        ),
        ("cloudflare_200_success_false", 200, cloudflare_failure(json!([{"code": 1000, "message": "Invalid user"}]))),
    ];
    for (name, status, body) in cases {
        let mut response = json_response(status, body);
        if status == 429 {
            response = response.insert_header("retry-after", "30");
        }
        let server = server(response).await;
        let err = cloudflare(&server.uri()).user().tokens().verify().retries(0).await.unwrap_err();
        insta::assert_snapshot!(name, shown(&err, None));
    }
}

#[tokio::test]
async fn widgets_errors() {
    let not_found = server(json_response(404, json!({"title": "Not Found", "detail": "No widget w-404"}))).await;
    let err = widgets(&not_found.uri()).widgets().get("w-404").await.unwrap_err();
    insta::assert_snapshot!("widgets_404_not_found", shown(&err, None));

    let conflict =
        server(json_response(409, json!({"title": "Conflict", "detail": "The widget was changed by another request"})))
            .await;
    let err = widgets(&conflict.uri()).widgets().get("w-1").await.unwrap_err();
    insta::assert_snapshot!("widgets_409_conflict", shown(&err, None));

    let invalid = server(json_response(422, json!({"message": "name must not be empty", "fields": ["name"]}))).await;
    let body = NewWidget { name: String::new(), color: None };
    let err = widgets(&invalid.uri()).widgets().create(&body).await.unwrap_err();
    insta::assert_snapshot!("widgets_422_validation_failure", shown(&err, None));

    let internal =
        server(json_response(500, json!({"title": "Internal Server Error", "detail": "database unavailable"}))).await;
    let err = widgets(&internal.uri()).widgets().create(&body).await.unwrap_err();
    insta::assert_snapshot!("widgets_500_problem_post_not_retried", shown(&err, None));

    let unavailable = server(ResponseTemplate::new(503)).await;
    let err = widgets(&unavailable.uri()).widgets().get("w-1").await.unwrap_err();
    insta::assert_snapshot!("widgets_503_empty_body_after_retries", shown(&err, None));

    let bad_gateway = server(ResponseTemplate::new(502).set_body_raw(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        "text/html",
    ))
    .await;
    let err = widgets(&bad_gateway.uri()).widgets().get("w-1").retries(0).await.unwrap_err();
    insta::assert_snapshot!("widgets_502_html_body", shown(&err, None));

    let teapot =
        server(ResponseTemplate::new(418).set_body_raw("I'm a teapot, not a widget store", "text/plain")).await;
    let err = widgets(&teapot.uri()).widgets().get("w-1").await.unwrap_err();
    insta::assert_snapshot!("widgets_418_other_status_text_body", shown(&err, None));

    let teapot_json = server(json_response(418, json!({"error": "short and stout"}))).await;
    let err = widgets(&teapot_json.uri()).widgets().create(&body).await.unwrap_err();
    insta::assert_snapshot!("widgets_418_other_status_undocumented_json", shown(&err, None));
}

#[tokio::test]
async fn rate_limited_without_a_body() {
    let server =
        server(ResponseTemplate::new(429).insert_header("Retry-After", "1").set_body_raw("null", "application/json"))
            .await;
    let err = cloudflare(&server.uri()).user().tokens().verify().retries(0).await.unwrap_err();
    insta::assert_snapshot!("cloudflare_429_null_body", shown(&err, None));

    let server = self::server(ResponseTemplate::new(429)).await;
    let err = widgets(&server.uri()).widgets().get("w-1").retries(0).await.unwrap_err();
    insta::assert_snapshot!("widgets_429_empty_body_no_retry_after", shown(&err, None));
}

#[tokio::test]
async fn sitecore_problems() {
    let unauthorized = server(
        ResponseTemplate::new(401).set_body_raw(
            json!({"type": "https://tools.ietf.org/html/rfc9110#section-15.5.2", "title": "Unauthorized", "status": 401, "detail": "The token is invalid."}).to_string(),
            "application/problem+json",
        ),
    )
    .await;
    let err = sitecore(&unauthorized.uri()).tokens().get("t-1").await.unwrap_err();
    insta::assert_snapshot!("sitecore_401_problem", shown(&err, None));

    let invalid = server(
        ResponseTemplate::new(400).set_body_raw(
            json!({"title": "One or more validation errors occurred.", "status": 400, "errors": {"id": ["The value 'x' is not valid."]}}).to_string(),
            "application/problem+json",
        ),
    )
    .await;
    let err = sitecore(&invalid.uri()).tokens().get("x").await.unwrap_err();
    insta::assert_snapshot!("sitecore_400_validation_problem", shown(&err, None));
}

#[tokio::test]
async fn connect_error() {
    // A port nothing listens on: bound, then released.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = format!("http://127.0.0.1:{port}/api");

    let err = widgets(&base).widgets().get("w-1").await.unwrap_err();
    assert_eq!(err.kind(), widgets_client::ErrorKind::Connect);
    insta::assert_snapshot!("connect_refused_after_retries", shown(&err, Some(port)));

    let err = widgets(&base).widgets().get("w-1").retries(0).await.unwrap_err();
    insta::assert_snapshot!("connect_refused", shown(&err, Some(port)));
}

#[tokio::test]
async fn timeout() {
    let server = server(
        ResponseTemplate::new(200).set_body_json(json!({"id": "w-1", "name": "n"})).set_delay(Duration::from_secs(10)),
    )
    .await;
    let err =
        widgets(&server.uri()).widgets().get("w-1").timeout(Duration::from_millis(250)).retries(0).await.unwrap_err();
    assert_eq!(err.kind(), widgets_client::ErrorKind::Timeout);
    insta::assert_snapshot!("timeout", shown(&err, None));

    let err =
        widgets(&server.uri()).widgets().get("w-1").timeout(Duration::from_millis(100)).retries(1).await.unwrap_err();
    insta::assert_snapshot!("timeout_after_retries", shown(&err, None));
}

#[tokio::test]
async fn decode_errors() {
    let missing_field = server(json_response(200, json!({"id": "w-1"}))).await;
    let err = widgets(&missing_field.uri()).widgets().get("w-1").await.unwrap_err();
    assert_eq!(err.kind(), widgets_client::ErrorKind::Decode);
    insta::assert_snapshot!("decode_missing_field", shown(&err, None));

    let truncated =
        server(ResponseTemplate::new(200).set_body_raw("{\"success\": true, \"result\": {", "application/json")).await;
    let err = cloudflare(&truncated.uri()).user().tokens().verify().await.unwrap_err();
    insta::assert_snapshot!("decode_truncated_json", shown(&err, None));

    let html =
        server(ResponseTemplate::new(200).set_body_raw("<!doctype html><title>Login</title>", "text/html")).await;
    let err = sitecore(&html.uri()).tokens().get("t-1").await.unwrap_err();
    insta::assert_snapshot!("decode_html_instead_of_json", shown(&err, None));

    let no_result = server(json_response(200, json!({"success": true, "errors": [], "messages": []}))).await;
    let err = cloudflare(&no_result.uri()).user().tokens().verify().await.unwrap_err();
    insta::assert_snapshot!("decode_envelope_without_result", shown(&err, None));
}

#[tokio::test]
async fn request_error() {
    let server = server(ResponseTemplate::new(200)).await;
    let err = widgets(&server.uri()).widgets().get("w-1").header("X-Trace", "line\nbreak").await.unwrap_err();
    assert_eq!(err.kind(), widgets_client::ErrorKind::Request);
    insta::assert_snapshot!("request_invalid_header_value", shown(&err, None));
}

fn aws_response(status: u16, errortype: &str, body: Value) -> ResponseTemplate {
    json_response(status, body)
        .insert_header("x-amzn-errortype", errortype)
        .insert_header("x-amzn-requestid", "11111111-2222-3333-4444-555555555555")
}

#[tokio::test]
async fn aws_errors() {
    let cases = [
        (
            "aws_validation_exception",
            aws_response(
                400,
                "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                json!({"message": "1 validation error detected: Value 'a b' at 'accessTokenId' failed to satisfy constraint: Member must satisfy regular expression pattern: [-.a-zA-Z0-9]+", "reason": "FIELD_VALIDATION_FAILED", "fieldList": [{"name": "accessTokenId", "message": "Member must satisfy regular expression pattern: [-.a-zA-Z0-9]+"}]}),
            ),
        ),
        (
            "aws_access_denied_exception",
            aws_response(
                403,
                "AccessDeniedException",
                json!({"message": "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: route53globalresolver:GetAccessToken"}),
            ),
        ),
        (
            "aws_resource_not_found_exception",
            aws_response(
                404,
                "ResourceNotFoundException",
                json!({"message": "Access token tok-1 not found", "resourceId": "tok-1", "resourceType": "ACCESS_TOKEN"}),
            ),
        ),
        (
            "aws_throttling_exception",
            aws_response(429, "ThrottlingException", json!({"message": "Rate exceeded"}))
                .insert_header("Retry-After", "5"),
        ),
        (
            "aws_internal_server_exception",
            aws_response(
                500,
                "InternalServerException",
                json!({"message": "Internal failure. Please try your request again."}),
            )
            .insert_header("Retry-After", "2"),
        ),
        (
            "aws_unknown_code",
            aws_response(
                409,
                "ConflictException:http://internal.amazon.com/coral/",
                json!({"message": "The resolver is being updated"}),
            ),
        ),
        ("aws_unknown_code_without_message", aws_response(400, "UnrecognizedClientException", json!({}))),
    ];
    for (name, response) in cases {
        let server = server(response).await;
        let err = route53(&server.uri()).get_access_token("tok-1").await.unwrap_err();
        insta::assert_snapshot!(name, shown(&err, None));
    }
}
