//! AWS SigV4 signing, checked by re-computing the signature for what the server received.

mod common;

use std::time::{Duration, SystemTime};

use api_runtime::reqwest::Method;
use api_runtime::{ClientBuilder, Core, codegen::{decode, ErrorSpec, Operation}};
use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings,
};
use aws_sigv4::sign::v4;
use common::*;
use wiremock::matchers::{header_exists, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const AKID: &str = "AKID";
const SECRET: &str = "aws-SECRET-key-0123456789";
const SESSION: &str = "aws-SESSION-token-0123456789";

static CREATE_RESOLVER: Operation = Operation {
    name: "global_resolvers.create",
    id: "CreateGlobalResolver",
    method: Method::POST,
    path: "/global-resolver",
    idempotent: true,
    security: None,
};

fn aws_core(base: &str, session: Option<&str>) -> Core {
    ClientBuilder::new(&AWS_SERVICE)
        .aws_credentials(AKID, SECRET, session.map(str::to_owned))
        .region("us-east-2")
        .base_url(base)
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

/// Parses `20240102T030405Z`.
fn parse_amz_date(s: &str) -> SystemTime {
    let num = |r: std::ops::Range<usize>| s[r].parse::<i64>().unwrap();
    let (y, m, d) = (num(0..4), num(4..6), num(6..8));
    let (hh, mm, ss) = (num(9..11), num(11..13), num(13..15));
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs as u64)
}

/// The Authorization header a correct signer produces for `request` as received.
fn expected_authorization(request: &wiremock::Request, session: Option<&str>) -> String {
    let host = request.headers["host"].to_str().unwrap();
    let mut url = format!("http://{host}{}", request.url.path());
    if let Some(q) = request.url.query() {
        url.push('?');
        url.push_str(q);
    }
    let time = parse_amz_date(request.headers["x-amz-date"].to_str().unwrap());
    let identity = aws_credential_types::Credentials::new(
        AKID,
        SECRET,
        session.map(str::to_owned),
        None,
        "test",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-2")
        .name("route53globalresolver")
        .time(time)
        .settings(settings)
        .build()
        .unwrap()
        .into();
    let headers = request
        .headers
        .iter()
        .filter(|(name, _)| name.as_str() == "content-type")
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap()));
    let signable = SignableRequest::new(
        request.method.as_str(),
        url,
        headers,
        SignableBody::Bytes(&request.body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let authorization = instructions
        .headers()
        .find(|(name, _)| *name == "authorization")
        .unwrap()
        .1
        .to_owned();
    authorization
}

#[tokio::test]
async fn signs_for_the_overridden_endpoint() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header_exists("authorization"))
        .and(header_exists("x-amz-date"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "r1"})))
        .mount(&server)
        .await;
    let core = aws_core(&server.uri(), None);
    let token: Token = core
        .call(
            &CREATE_RESOLVER,
            "/global-resolver".into(),
            decode::json,
            ErrorSpec::<serde_json::Value>::json(),
        )
        .query("dry run", "yes please")
        .json_body(&serde_json::json!({"Name": "r"}))
        .await
        .unwrap();
    assert_eq!(token.id, "r1");

    let request = server.received_requests().await.unwrap().remove(0);
    let auth = request.headers["authorization"].to_str().unwrap();
    let date = request.headers["x-amz-date"].to_str().unwrap();
    assert_eq!(date.len(), 16, "{date}");
    let scope = format!(
        "AWS4-HMAC-SHA256 Credential=AKID/{}/us-east-2/route53globalresolver/aws4_request, ",
        &date[..8]
    );
    assert!(auth.starts_with(&scope), "{auth}");
    assert!(
        auth.contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,"),
        "{auth}"
    );
    assert!(request.headers.get("x-amz-security-token").is_none());
    let host = request.headers["host"].to_str().unwrap();
    assert_eq!(host, server.address().to_string());
    assert_eq!(auth, expected_authorization(&request, None));
}

#[tokio::test]
async fn session_token_is_sent_and_each_attempt_is_signed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "r1"})))
        .mount(&server)
        .await;
    let core = aws_core(&format!("{}/prefix/", server.uri()), Some(SESSION));
    core.call(
        &GET_TOKEN,
        "/resolvers/a%2Fb".into(),
        decode::json::<Token>,
        ErrorSpec::<serde_json::Value>::json(),
    )
    .query("maxResults", 10)
    .await
    .unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    for request in &received {
        assert_eq!(request.url.path(), "/prefix/resolvers/a%2Fb");
        assert_eq!(request.headers["x-amz-security-token"], SESSION);
        let auth = request.headers["authorization"].to_str().unwrap();
        assert!(auth.contains("x-amz-security-token"), "{auth}");
        assert_eq!(auth, expected_authorization(request, Some(SESSION)));
    }
}

#[tokio::test]
async fn aws_from_env_uses_service_endpoint_variable() {
    // The only test in this binary that reads the process environment.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "r1"})))
        .mount(&server)
        .await;
    std::env::set_var("AWS_ACCESS_KEY_ID", AKID);
    std::env::set_var("AWS_SECRET_ACCESS_KEY", SECRET);
    std::env::remove_var("AWS_SESSION_TOKEN");
    std::env::remove_var("AWS_REGION");
    std::env::set_var("AWS_DEFAULT_REGION", "us-east-2");
    std::env::set_var("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
    std::env::set_var("AWS_ENDPOINT_URL_ROUTE53GLOBALRESOLVER", server.uri());
    let core: Core = ClientBuilder::new(&AWS_SERVICE)
        .from_env()
        .unwrap()
        .build()
        .unwrap();
    core.call(
        &GET_TOKEN,
        "/x".into(),
        decode::json::<Token>,
        ErrorSpec::<serde_json::Value>::json(),
    )
    .await
    .unwrap();
    let request = server.received_requests().await.unwrap().remove(0);
    assert_eq!(
        request.headers["authorization"].to_str().unwrap(),
        expected_authorization(&request, None)
    );
}
