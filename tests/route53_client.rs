//! The generated Route 53 Global Resolver client (SigV4, AWS error codes) against a real HTTP
//! server on 127.0.0.1.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDateTime, Utc};
use hmac::{KeyInit, Mac};
use route53_global_resolver_client::models::{self, TokenStatus, ValidationExceptionReason};
use route53_global_resolver_client::{Client, Error, ErrorKind, GetAccessTokenError};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use workspace_tests::{response_example, spec};

const ACCESS_KEY: &str = "AKIDROUTE53TEST";
const SECRET_KEY: &str = "r53-secret-key/DO-NOT-LOG+0123456789";
const SESSION_TOKEN: &str = "r53-session-token-FwoGZXIvYXdzEJr";
const REGION: &str = "us-east-2";
const SERVICE: &str = "route53globalresolver";
const TOKEN_ID: &str = "tok-0123456789abcdef";
const REQUEST_ID: &str = "6b1a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const VALIDATION_ERRORTYPE: &str = "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/";

fn documented_output() -> Value {
    response_example(&spec("route53-global-resolver.yaml"), "/tokens/{accessTokenId}", "get", "200")
}

fn client(server: &MockServer, session_token: Option<&str>) -> Client {
    Client::builder()
        .aws_credentials(ACCESS_KEY, SECRET_KEY, session_token.map(str::to_owned))
        .region(REGION)
        .base_url(server.uri())
        .retries(0)
        .build()
        .unwrap()
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(|v| v.to_str().unwrap())
}

fn hex_sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
struct Authorization {
    credential: String,
    signed_headers: String,
    signature: String,
}

fn parse_authorization(value: &str) -> Authorization {
    let rest = value.strip_prefix("AWS4-HMAC-SHA256 ").unwrap_or_else(|| panic!("not SigV4: {value}"));
    let mut parts = rest.split(", ");
    let mut field = |name: &str| {
        let part = parts.next().unwrap_or_else(|| panic!("no {name} in {value}"));
        part.strip_prefix(&format!("{name}=")).unwrap_or_else(|| panic!("expected {name} in {value}")).to_owned()
    };
    Authorization {
        credential: field("Credential"),
        signed_headers: field("SignedHeaders"),
        signature: field("Signature"),
    }
}

/// Recomputes the SigV4 signature of a received request, independently of the runtime, as if
/// it had been signed for `host`. Only covers what the tests send: no query string, and paths
/// made of unreserved characters.
fn expected_signature(request: &Request, host: &str) -> String {
    let auth = parse_authorization(header(request, "authorization").unwrap());
    let amz_date = header(request, "x-amz-date").unwrap();
    let canonical_headers: String = auth
        .signed_headers
        .split(';')
        .map(|name| {
            let value = if name == "host" { host } else { header(request, name).unwrap() };
            format!("{name}:{}\n", value.trim())
        })
        .collect();
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        request.url.path(),
        request.url.query().unwrap_or(""),
        canonical_headers,
        auth.signed_headers,
        hex_sha256(&request.body),
    );
    let date = &amz_date[..8];
    let scope = format!("{date}/{REGION}/{SERVICE}/aws4_request");
    let string_to_sign = format!("AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}", hex_sha256(canonical_request.as_bytes()));
    let key = hmac(format!("AWS4{SECRET_KEY}").as_bytes(), date);
    let key = hmac(&key, REGION);
    let key = hmac(&key, SERVICE);
    let key = hmac(&key, "aws4_request");
    hex::encode(hmac(&key, &string_to_sign))
}

/// Checks the SigV4 headers of a received request and that its signature is valid for the host
/// the request was sent to.
fn assert_signed(request: &Request, session_token: Option<&str>) {
    let amz_date = header(request, "x-amz-date").expect("x-amz-date");
    let signed_at = NaiveDateTime::parse_from_str(amz_date, "%Y%m%dT%H%M%SZ").unwrap().and_utc();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let skew = (now - signed_at.timestamp()).abs();
    assert!(skew < 300, "x-amz-date {amz_date} is {skew} s away from now");

    let authorization = header(request, "authorization").expect("authorization");
    let prefix = format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{}/{REGION}/{SERVICE}/aws4_request", &amz_date[..8]);
    assert!(authorization.starts_with(&prefix), "{authorization}");
    let auth = parse_authorization(authorization);
    assert_eq!(auth.credential, format!("{ACCESS_KEY}/{}/{REGION}/{SERVICE}/aws4_request", &amz_date[..8]));

    assert_eq!(header(request, "x-amz-content-sha256"), Some(hex_sha256(&request.body).as_str()));
    assert_eq!(header(request, "x-amz-security-token"), session_token);
    let expected_signed = match session_token {
        Some(_) => "host;x-amz-content-sha256;x-amz-date;x-amz-security-token",
        None => "host;x-amz-content-sha256;x-amz-date",
    };
    assert_eq!(auth.signed_headers, expected_signed);

    let host = header(request, "host").expect("host");
    assert_eq!(auth.signature, expected_signature(request, host), "signature not valid for host {host}");
    // The check is sensitive to the host: the default endpoint would give another signature.
    assert_ne!(auth.signature, expected_signature(request, &format!("{SERVICE}.{REGION}.api.aws")));
}

#[tokio::test]
async fn get_access_token_returns_the_documented_output() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/tokens/{TOKEN_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_output()))
        .expect(1)
        .mount(&server)
        .await;

    let output = client(&server, None).get_access_token(TOKEN_ID).await.unwrap();
    assert_eq!(output.id, "string");
    assert_eq!(output.arn, "arn:aws:route53globalresolver:us-east-2::string");
    assert_eq!(output.client_token.as_deref(), Some("string"));
    let epoch_2015: DateTime<Utc> = "2015-01-01T00:00:00Z".parse().unwrap();
    assert_eq!(output.created_at, epoch_2015);
    assert_eq!(output.expires_at, epoch_2015);
    assert_eq!(output.updated_at, epoch_2015);
    assert_eq!(output.dns_view_id, "string");
    assert_eq!(output.global_resolver_id, "string");
    assert_eq!(output.name.as_deref(), Some("string"));
    assert_eq!(output.status, TokenStatus::Creating);
    assert_eq!(output.value, "string");
    assert_eq!(serde_json::to_value(&output).unwrap(), documented_output());
}

#[tokio::test]
async fn the_token_value_is_redacted_in_debug() {
    let server = MockServer::start().await;
    let mut body = documented_output();
    body["value"] = json!("gr-tok-VALUE-that-must-not-be-logged");
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let output = client(&server, None).get_access_token(TOKEN_ID).await.unwrap();
    assert_eq!(output.value, "gr-tok-VALUE-that-must-not-be-logged");
    let shown = format!("{output:?}");
    assert!(!shown.contains("gr-tok-VALUE"), "{shown}");
    assert!(shown.contains(r#"value: "<redacted>""#), "{shown}");
    assert!(shown.contains("global_resolver_id"), "{shown}");
}

#[tokio::test]
async fn requests_are_sigv4_signed_with_the_session_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/tokens/{TOKEN_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_output()))
        .mount(&server)
        .await;
    client(&server, Some(SESSION_TOKEN)).get_access_token(TOKEN_ID).await.unwrap();
    assert_signed(&only_request(&server).await, Some(SESSION_TOKEN));
}

#[tokio::test]
async fn requests_are_sigv4_signed_without_a_session_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_output()))
        .mount(&server)
        .await;
    client(&server, None).get_access_token(TOKEN_ID).await.unwrap();
    assert_signed(&only_request(&server).await, None);
}

fn aws_env(vars: Vec<(&'static str, String)>) -> impl Fn(&str) -> Option<String> {
    move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone())
}

#[tokio::test]
async fn from_env_with_prefers_the_service_endpoint_and_signs_for_it() {
    let service_endpoint = MockServer::start().await;
    let general_endpoint = MockServer::start().await;
    for server in [&service_endpoint, &general_endpoint] {
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(documented_output()))
            .mount(server)
            .await;
    }
    let credentials = || {
        vec![
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY.to_owned()),
            ("AWS_SECRET_ACCESS_KEY", SECRET_KEY.to_owned()),
            ("AWS_SESSION_TOKEN", SESSION_TOKEN.to_owned()),
            ("AWS_REGION", REGION.to_owned()),
        ]
    };

    // Both set: the service-specific variable wins, and its path is kept.
    let mut vars = credentials();
    vars.push(("AWS_ENDPOINT_URL_ROUTE53GLOBALRESOLVER", format!("{}/resolver", service_endpoint.uri())));
    vars.push(("AWS_ENDPOINT_URL", general_endpoint.uri()));
    let client = Client::builder().from_env_with(aws_env(vars)).unwrap().retries(0).build().unwrap();
    client.get_access_token(TOKEN_ID).await.unwrap();
    let request = only_request(&service_endpoint).await;
    assert_eq!(request.url.path(), format!("/resolver/tokens/{TOKEN_ID}"));
    assert_signed(&request, Some(SESSION_TOKEN));
    assert!(general_endpoint.received_requests().await.unwrap().is_empty());

    // Only the general one set: it is used.
    let mut vars = credentials();
    vars.push(("AWS_ENDPOINT_URL", general_endpoint.uri()));
    let client = Client::builder().from_env_with(aws_env(vars)).unwrap().retries(0).build().unwrap();
    client.get_access_token(TOKEN_ID).await.unwrap();
    assert_signed(&only_request(&general_endpoint).await, Some(SESSION_TOKEN));
    assert_eq!(service_endpoint.received_requests().await.unwrap().len(), 1);
}

/// The error of one `get_access_token` call answered with `response`.
async fn error_for(response: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(response).expect(1).mount(&server).await;
    client(&server, Some(SESSION_TOKEN)).get_access_token(TOKEN_ID).await.unwrap_err()
}

fn aws_error(status: u16, errortype: Option<&str>, body: Value) -> ResponseTemplate {
    let mut response = ResponseTemplate::new(status)
        .insert_header("x-amzn-requestid", REQUEST_ID)
        .set_body_raw(body.to_string(), "application/json");
    if let Some(errortype) = errortype {
        response = response.insert_header("x-amzn-errortype", errortype);
    }
    response
}

#[tokio::test]
async fn validation_exception_carries_reason_and_field_list() {
    let body = json!({
        "message": "1 validation error detected: Value at 'accessTokenId' failed to satisfy constraint",
        "reason": "FIELD_VALIDATION_FAILED",
        "fieldList": [{"name": "accessTokenId", "message": "Member must satisfy regular expression pattern: [-.a-zA-Z0-9]+"}]
    });
    let err = error_for(aws_error(400, Some(VALIDATION_ERRORTYPE), body)).await;
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(err.request_id(), Some(REQUEST_ID));
    assert!(!err.is_retryable());
    assert_eq!(
        err.to_string(),
        "400 Bad Request: ValidationException: 1 validation error detected: Value at 'accessTokenId' failed \
         to satisfy constraint (get_access_token)"
    );
    let Some(GetAccessTokenError::ValidationException(details)) = err.details() else {
        panic!("expected ValidationException, got {:?}", err.details());
    };
    assert_eq!(details.reason, ValidationExceptionReason::FieldValidationFailed);
    let fields = details.field_list.as_ref().unwrap();
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].name, "accessTokenId");
    assert_eq!(fields[0].message, "Member must satisfy regular expression pattern: [-.a-zA-Z0-9]+");
}

#[tokio::test]
async fn access_denied_exception() {
    let body = json!({"message": "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: route53globalresolver:GetAccessToken"});
    let err = error_for(aws_error(
        403,
        Some("AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/"),
        body,
    ))
    .await;
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(err.request_id(), Some(REQUEST_ID));
    assert_eq!(
        err.to_string(),
        "403 Forbidden: AccessDeniedException: User: arn:aws:iam::123456789012:user/dev is not authorized to \
         perform: route53globalresolver:GetAccessToken (get_access_token)"
    );
    let Some(GetAccessTokenError::AccessDeniedException(details)) = err.details() else {
        panic!("expected AccessDeniedException, got {:?}", err.details());
    };
    assert!(details.message.starts_with("User: arn:aws:iam::123456789012:user/dev"));
}

#[tokio::test]
async fn resource_not_found_exception_carries_the_resource() {
    let body = json!({"message": "Access token not found", "resourceId": TOKEN_ID, "resourceType": "ACCESS_TOKEN"});
    let err = error_for(aws_error(404, Some("ResourceNotFoundException"), body)).await;
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.request_id(), Some(REQUEST_ID));
    assert_eq!(err.to_string(), "404 Not Found: ResourceNotFoundException: Access token not found (get_access_token)");
    let Some(GetAccessTokenError::ResourceNotFoundException(details)) = err.details() else {
        panic!("expected ResourceNotFoundException, got {:?}", err.details());
    };
    assert_eq!(details.resource_id.as_deref(), Some(TOKEN_ID));
    assert_eq!(details.resource_type, "ACCESS_TOKEN");
}

#[tokio::test]
async fn throttling_exception_takes_retry_after_from_the_header() {
    let body = json!({"message": "Rate exceeded", "serviceCode": "route53globalresolver", "quotaCode": "L-1234"});
    let response = aws_error(429, Some("ThrottlingException"), body).insert_header("Retry-After", "7");
    let err = error_for(response).await;
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.request_id(), Some(REQUEST_ID));
    assert!(err.is_retryable());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(
        err.to_string(),
        "429 Too Many Requests: ThrottlingException: Rate exceeded, retry after 7s (get_access_token)"
    );
    let Some(GetAccessTokenError::ThrottlingException(details)) = err.details() else {
        panic!("expected ThrottlingException, got {:?}", err.details());
    };
    assert_eq!(details.retry_after_seconds, Some(7));
    assert_eq!(details.service_code.as_deref(), Some("route53globalresolver"));
    assert_eq!(details.quota_code.as_deref(), Some("L-1234"));
}

#[tokio::test]
async fn internal_server_exception_takes_retry_after_from_the_header() {
    let body = json!({"message": "Internal failure. Please try your request again."});
    let response = aws_error(500, Some("InternalServerException"), body).insert_header("Retry-After", "3");
    let err = error_for(response).await;
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.request_id(), Some(REQUEST_ID));
    assert!(err.is_retryable());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
    assert_eq!(
        err.to_string(),
        "500 Internal Server Error: InternalServerException: Internal failure. Please try your request again., \
         retry after 3s (get_access_token)"
    );
    let Some(GetAccessTokenError::InternalServerException(details)) = err.details() else {
        panic!("expected InternalServerException, got {:?}", err.details());
    };
    assert_eq!(details.retry_after_seconds, Some(3));
}

#[tokio::test]
async fn retry_after_in_the_body_wins_over_the_header() {
    let body = json!({"message": "Rate exceeded", "retryAfterSeconds": 2});
    let err = error_for(aws_error(429, Some("ThrottlingException"), body).insert_header("Retry-After", "9")).await;
    let Some(GetAccessTokenError::ThrottlingException(details)) = err.details() else {
        panic!("expected ThrottlingException, got {:?}", err.details());
    };
    assert_eq!(details.retry_after_seconds, Some(2));
}

#[tokio::test]
async fn the_header_wins_over_the_body_code() {
    let body = json!({"code": "ValidationException", "__type": "aws#ThrottlingException", "message": "Denied"});
    let err = error_for(aws_error(403, Some("AccessDeniedException"), body)).await;
    assert!(
        matches!(err.details(), Some(GetAccessTokenError::AccessDeniedException(d)) if d.message == "Denied"),
        "{err:?}"
    );
}

#[tokio::test]
async fn without_the_header_the_body_code_is_used_before_type() {
    let body = json!({
        "code": "ResourceNotFoundException",
        "__type": "aws.protocoltests#AccessDeniedException",
        "message": "No such token",
        "resourceType": "ACCESS_TOKEN"
    });
    let err = error_for(aws_error(404, None, body)).await;
    assert!(matches!(err.details(), Some(GetAccessTokenError::ResourceNotFoundException(_))), "{err:?}");
    assert_eq!(err.to_string(), "404 Not Found: ResourceNotFoundException: No such token (get_access_token)");
}

#[tokio::test]
async fn without_header_or_code_the_namespaced_type_is_used() {
    let body = json!({
        "__type": "aws.protocoltests#ResourceNotFoundException",
        "message": "No such token",
        "resourceId": TOKEN_ID,
        "resourceType": "ACCESS_TOKEN"
    });
    let err = error_for(aws_error(404, None, body)).await;
    let Some(GetAccessTokenError::ResourceNotFoundException(details)) = err.details() else {
        panic!("expected ResourceNotFoundException, got {:?}", err.details());
    };
    assert_eq!(details.resource_id.as_deref(), Some(TOKEN_ID));
    assert_eq!(err.request_id(), Some(REQUEST_ID));
}

/// With no code anywhere (header, `code`, `__type`), the variant documented for the status is
/// chosen.
#[tokio::test]
async fn without_any_code_the_status_chooses_the_variant() {
    let body = json!({"message": "No such token", "resourceId": TOKEN_ID, "resourceType": "ACCESS_TOKEN"});
    let err = error_for(aws_error(404, None, body)).await;
    assert!(matches!(err.details(), Some(GetAccessTokenError::ResourceNotFoundException(_))), "{err:?}");

    let body = json!({"message": "You are not allowed"});
    let err = error_for(aws_error(403, None, body)).await;
    assert!(matches!(err.details(), Some(GetAccessTokenError::AccessDeniedException(_))), "{err:?}");
}

#[tokio::test]
async fn an_unknown_code_gives_the_unknown_variant() {
    let body = json!({"message": "The resolver is being migrated"});
    let err = error_for(aws_error(409, Some("ConflictException:http://internal.amazon.com/coral/"), body)).await;
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.request_id(), Some(REQUEST_ID));
    assert_eq!(
        err.details(),
        Some(&GetAccessTokenError::Unknown {
            code: Some("ConflictException".to_owned()),
            message: Some("The resolver is being migrated".to_owned()),
        })
    );
    assert_eq!(err.to_string(), "409 Conflict: ConflictException: The resolver is being migrated (get_access_token)");
}

#[tokio::test]
async fn a_known_code_whose_body_does_not_match_is_unknown_with_that_code() {
    // A ValidationException without its required `reason`.
    let body = json!({"message": "Something is off"});
    let err = error_for(aws_error(400, Some(VALIDATION_ERRORTYPE), body)).await;
    assert_eq!(
        err.details(),
        Some(&GetAccessTokenError::Unknown {
            code: Some("ValidationException".to_owned()),
            message: Some("Something is off".to_owned()),
        })
    );
    assert_eq!(err.to_string(), "400 Bad Request: ValidationException: Something is off (get_access_token)");
}

#[tokio::test]
async fn throttling_is_retried_and_the_call_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(aws_error(429, Some("ThrottlingException"), json!({"message": "Rate exceeded"})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_output()))
        .mount(&server)
        .await;
    let client = Client::builder()
        .aws_credentials(ACCESS_KEY, SECRET_KEY, Some(SESSION_TOKEN.to_owned()))
        .region(REGION)
        .base_url(server.uri())
        .retry_policy(api_runtime::RetryPolicy::default().initial_backoff(Duration::from_millis(5)))
        .build()
        .unwrap();
    let output: models::GetAccessTokenOutput = client.get_access_token(TOKEN_ID).await.unwrap();
    assert_eq!(output.status, TokenStatus::Creating);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    // Every attempt is signed afresh.
    for request in &requests {
        assert_signed(request, Some(SESSION_TOKEN));
    }
}
