//! Credentials never appear in Debug or Display output, nor in tracing output.

mod common;

use api_runtime::{ClientBuilder, Core, codegen::{decode, ErrorSpec}};
use common::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const AWS_SECRET: &str = "aws-SECRET-key-abcdef";
const AWS_SESSION: &str = "aws-SESSION-token-abcdef";
const AUTH_KEY: &str = "x-auth-KEY-value-abcdef";

fn assert_no_secrets(text: &str) {
    for secret in [TOKEN, AWS_SECRET, AWS_SESSION, AUTH_KEY] {
        assert!(!text.contains(secret), "found {secret:?} in:\n{text}");
    }
}

#[test]
fn debug_of_builder_core_and_call_hides_secrets() {
    let builder = ClientBuilder::<Core>::new(&BEARER_SERVICE)
        .bearer_token(TOKEN)
        .header("X-Auth-Key", AUTH_KEY)
        .base_url("http://127.0.0.1:1");
    assert_no_secrets(&format!("{builder:?}"));
    let core = builder.build().unwrap();
    assert_no_secrets(&format!("{core:?}"));
    let call = core
        .call(
            &GET_TOKEN,
            "/x".into(),
            decode::json::<Token>,
            ErrorSpec::<CfErrors>::json(),
        )
        .header("X-Auth-Key", AUTH_KEY)
        .header("Authorization", format!("Bearer {TOKEN}"))
        .query("q", "visible-name-only");
    let shown = format!("{call:?}");
    assert_no_secrets(&shown);
    assert!(!shown.contains("visible-name-only"), "{shown}");

    let aws = ClientBuilder::<Core>::new(&AWS_SERVICE)
        .aws_credentials("AKID", AWS_SECRET, Some(AWS_SESSION.into()))
        .region("us-east-1");
    assert_no_secrets(&format!("{aws:?}"));
    let core = aws.build().unwrap();
    assert_no_secrets(&format!("{core:?}"));
}

#[tokio::test]
async fn errors_and_tracing_never_show_the_bearer_token() {
    let (capture, _guard) = capture_tracing();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "10"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("set-cookie", "session=abc")
                .set_body_json(serde_json::json!({"errors": [{"code": 10000, "message": "Authentication error"}]})),
        )
        .mount(&server)
        .await;
    let core = bearer_core(&format!("{}/client/v4", server.uri()));
    let err = core
        .call(
            &GET_TOKEN,
            "/accounts/acc/tokens/t1".into(),
            decode::json::<Token>,
            ErrorSpec::<CfErrors>::json(),
        )
        .header("X-Auth-Key", AUTH_KEY)
        .query("secret_query", "query-VALUE")
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "401 Unauthorized: [10000] Authentication error (accounts.tokens.get, 2 attempts)"
    );
    assert_no_secrets(&err.to_string());
    let debug = format!("{err:?}");
    assert_no_secrets(&debug);
    assert!(!debug.contains("session=abc"), "{debug}");

    let logs = capture.text();
    if std::env::var_os("SHOW_LOGS").is_some() {
        eprintln!("{logs}");
    }
    assert_no_secrets(&logs);
    assert!(logs.contains("api_call"), "{logs}");
    assert!(logs.contains("operation=\"accounts.tokens.get\""), "{logs}");
    assert!(
        logs.contains("path=\"/client/v4/accounts/acc/tokens/t1\""),
        "{logs}"
    );
    assert!(logs.contains("method=GET"), "{logs}");
    assert!(logs.contains("attempt=2"), "{logs}");
    assert!(logs.contains("retrying"), "{logs}");
    assert!(logs.contains("request headers"), "{logs}");
    assert!(logs.contains("call failed"), "{logs}");
    assert!(!logs.contains("query-VALUE"), "{logs}");
}

#[tokio::test]
async fn tracing_never_shows_aws_secrets() {
    let (capture, _guard) = capture_tracing();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "r"})))
        .mount(&server)
        .await;
    let core: Core = ClientBuilder::new(&AWS_SERVICE)
        .aws_credentials("AKID", AWS_SECRET, Some(AWS_SESSION.into()))
        .region("us-east-1")
        .base_url(server.uri())
        .build()
        .unwrap();
    core.call(
        &GET_TOKEN,
        "/x".into(),
        decode::json::<Token>,
        ErrorSpec::<CfErrors>::json(),
    )
    .await
    .unwrap();
    let request = server.received_requests().await.unwrap().remove(0);
    assert_eq!(request.headers["x-amz-security-token"], AWS_SESSION);
    let logs = capture.text();
    assert_no_secrets(&logs);
    assert!(logs.contains("call succeeded"), "{logs}");
    assert!(logs.contains("status=200"), "{logs}");
    assert!(logs.contains("elapsed_ms"), "{logs}");
}
