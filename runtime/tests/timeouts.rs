//! Per-attempt timeouts against a server that does not answer in time.

mod common;

use std::time::{Duration, Instant};

use api_runtime::{ClientBuilder, Core, ErrorKind, codegen::{decode, ErrorSpec}};
use common::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn get_token(core: &Core) -> api_runtime::Call<Token, CfErrors> {
    core.call(
        &GET_TOKEN,
        "/accounts/acc/tokens/t1".into(),
        decode::json,
        ErrorSpec::json(),
    )
}

async fn silent_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"id": "late"}))
                .set_delay(Duration::from_secs(30)),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn client_timeout_gives_timeout_error() {
    let server = silent_server().await;
    let core = ClientBuilder::new(&BEARER_SERVICE)
        .bearer_token(TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_secs(1))
        .retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get_token(&core).await.unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert!(err.is_retryable());
    assert_eq!(err.to_string(), "timed out after 1s (accounts.tokens.get)");
}

#[tokio::test]
async fn per_call_timeout_overrides_client() {
    let server = silent_server().await;
    let core = bearer_core(&server.uri());
    let started = Instant::now();
    let err = get_token(&core)
        .timeout(Duration::from_millis(300))
        .retries(0)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(elapsed < Duration::from_millis(1300), "{elapsed:?}");
    assert_eq!(
        err.to_string(),
        "timed out after 300ms (accounts.tokens.get)"
    );
}

#[tokio::test]
async fn timeouts_of_idempotent_calls_are_retried() {
    let server = silent_server().await;
    let core = bearer_core(&server.uri());
    let started = Instant::now();
    let err = get_token(&core)
        .timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.attempts(), 3);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    assert_eq!(
        err.to_string(),
        "timed out after 200ms (accounts.tokens.get, 3 attempts)"
    );
}

#[tokio::test]
async fn timeouts_of_non_idempotent_calls_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let core = bearer_core(&server.uri());
    let err = core
        .call(
            &CREATE_TOKEN,
            "/t".into(),
            decode::json::<Token>,
            ErrorSpec::<CfErrors>::json(),
        )
        .timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
