//! Retry behaviour against a real local HTTP server.

mod common;

use std::time::{Duration, Instant};

use api_runtime::{ClientBuilder, Core, ErrorKind, codegen::{decode, ErrorSpec}};
use common::*;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN_PATH: &str = "/client/v4/accounts/acc/tokens/t1";

fn get_token(core: &Core) -> api_runtime::Call<Token, CfErrors> {
    core.call(
        &GET_TOKEN,
        "/accounts/acc/tokens/t1".into(),
        decode::json,
        ErrorSpec::json(),
    )
}

fn create_token(core: &Core) -> api_runtime::Call<Token, CfErrors> {
    core.call(
        &CREATE_TOKEN,
        "/accounts/acc/tokens".into(),
        decode::json,
        ErrorSpec::json(),
    )
    .json_body(&serde_json::json!({"name": "ci"}))
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn base(server: &MockServer) -> String {
    format!("{}/client/v4", server.uri())
}

#[tokio::test]
async fn retries_503_503_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "t1"})))
        .mount(&server)
        .await;

    let token = get_token(&bearer_core(&base(&server))).await.unwrap();
    assert_eq!(token, Token { id: "t1".into() });
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn gives_up_after_retries_with_attempt_count() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_string("bad gateway upstream"))
        .mount(&server)
        .await;

    let err = get_token(&bearer_core(&base(&server))).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.attempts(), 3);
    assert!(err.is_retryable());
    assert_eq!(requests(&server).await, 3);
    assert_eq!(
        err.to_string(),
        "502 Bad Gateway: bad gateway upstream (accounts.tokens.get, 3 attempts)"
    );
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "t1"})))
        .mount(&server)
        .await;

    let started = Instant::now();
    get_token(&bearer_core(&base(&server))).await.unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_secs(1), "waited only {elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "waited {elapsed:?}");
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn retry_after_ms_and_amz_headers_are_honoured() {
    for (name, value) in [("retry-after-ms", "300"), ("x-amz-retry-after", "300")] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503).insert_header(name, value))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "t1"})))
            .mount(&server)
            .await;
        let started = Instant::now();
        get_token(&bearer_core(&base(&server))).await.unwrap();
        let elapsed = started.elapsed();
        assert!(elapsed >= Duration::from_millis(300), "{name}: {elapsed:?}");
        assert!(elapsed < Duration::from_secs(2), "{name}: {elapsed:?}");
    }
}

#[tokio::test]
async fn server_delay_is_capped_by_policy() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let core = ClientBuilder::new(&BEARER_SERVICE)
        .bearer_token(TOKEN)
        .base_url(base(&server))
        .retries(1)
        .retry_policy(fast_retries().max_server_delay(Duration::from_millis(100)))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get_token(&core).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(err.attempts(), 2);
}

#[tokio::test]
async fn x_should_retry_false_stops_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-should-retry", "false"))
        .mount(&server)
        .await;
    let err = get_token(&bearer_core(&base(&server))).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert!(!err.is_retryable());
    assert_eq!(err.attempts(), 1);
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn x_should_retry_true_retries_a_client_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).insert_header("x-should-retry", "true"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "t1"})))
        .mount(&server)
        .await;
    get_token(&bearer_core(&base(&server))).await.unwrap();
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let err = get_token(&bearer_core(&base(&server))).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn non_idempotent_500_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let err = create_token(&bearer_core(&base(&server)))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert!(err.is_retryable(), "transient, but not repeated");
    assert_eq!(err.attempts(), 1);
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn idempotency_key_makes_post_retryable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "key-1"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "key-1"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "new"})))
        .mount(&server)
        .await;
    let token = create_token(&bearer_core(&base(&server)))
        .idempotency_key("Idempotency-Key", "key-1")
        .await
        .unwrap();
    assert_eq!(token.id, "new");
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn non_idempotent_is_retried_on_connect_errors() {
    let base = format!("http://127.0.0.1:{}/client/v4", closed_port());
    let err = create_token(&bearer_core(&base)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connect);
    assert_eq!(err.attempts(), 3);
    assert!(err.status().is_none());
    let shown = err.to_string();
    if std::env::var_os("SHOW_LOGS").is_some() {
        eprintln!("{shown}\n{err:?}");
    }
    assert!(
        shown.starts_with("could not connect to 127.0.0.1:"),
        "{shown}"
    );
    assert!(
        shown.ends_with("(accounts.tokens.create, 3 attempts)"),
        "{shown}"
    );
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn retries_zero_makes_exactly_one_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let core = bearer_core(&base(&server));
    let err = get_token(&core).retries(0).await.unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(requests(&server).await, 1);

    // The same through the builder setting.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let core = ClientBuilder::new(&BEARER_SERVICE)
        .bearer_token(TOKEN)
        .base_url(base(&server))
        .retries(0)
        .build()
        .unwrap();
    get_token(&core).await.unwrap_err();
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn per_call_retries_override_client() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = get_token(&bearer_core(&base(&server)))
        .retries(4)
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 5);
    assert_eq!(requests(&server).await, 5);
}

#[tokio::test]
async fn rate_limited_null_body_after_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "0")
                .insert_header("content-type", "application/json")
                .set_body_string("null"),
        )
        .mount(&server)
        .await;
    let err = get_token(&bearer_core(&base(&server))).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after(), Some(Duration::ZERO));
    assert!(err.details().is_none());
    assert_eq!(err.body(), b"null");
    assert_eq!(err.attempts(), 3);
    assert_eq!(requests(&server).await, 3);
    assert_eq!(
        err.to_string(),
        "429 Too Many Requests: rate limited, retry after 0s (accounts.tokens.get, 3 attempts)"
    );
}

#[tokio::test]
async fn retryable_details_are_retried() {
    #[derive(Debug, serde::Deserialize)]
    struct Busy {
        retryable: bool,
    }
    impl std::fmt::Display for Busy {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "busy (retryable: {})", self.retryable)
        }
    }
    fn parse(_: &api_runtime::codegen::ResponseHead, body: &[u8]) -> Option<Busy> {
        serde_json::from_slice(body).ok()
    }
    let spec = ErrorSpec::<Busy> {
        parse,
        retryable: |b| b.retryable,
    };

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(409).set_body_json(serde_json::json!({"retryable": true})),
        )
        .mount(&server)
        .await;
    let core = bearer_core(&base(&server));
    let err = core
        .call(&GET_TOKEN, "/x".into(), decode::json::<Token>, spec)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.attempts(), 3);
    assert_eq!(
        err.to_string(),
        "409 Conflict: busy (retryable: true) (accounts.tokens.get, 3 attempts)"
    );
}
