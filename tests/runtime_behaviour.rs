//! The runtime's retries, timeouts and per-request options, observed through generated clients
//! (Cloudflare tokens and the test-only widgets API) against real HTTP servers on 127.0.0.1.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api_runtime::RetryPolicy;
use cloudflare_tokens_client as cloudflare;
use serde_json::{json, Value};
use widgets_client::models::{Color, NewWidget, WidgetsRenameBody};
use widgets_client::{ErrorKind, WidgetsCreateError};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use workspace_tests::{response_example, root, spec};

const TOKEN: &str = "runtime-test-token";

/// Retries without the default half-second backoff, so retry tests stay fast.
fn fast_retries() -> RetryPolicy {
    RetryPolicy::default().initial_backoff(Duration::from_millis(5)).max_backoff(Duration::from_millis(20))
}

fn widgets(server: &MockServer) -> widgets_client::Client {
    widgets_client::Client::builder()
        .bearer_token(TOKEN)
        .base_url(format!("{}/api", server.uri()))
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

fn cloudflare(server: &MockServer) -> cloudflare::Client {
    cloudflare::Client::builder()
        .bearer_token(TOKEN)
        .base_url(format!("{}/client/v4", server.uri()))
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

fn verify_body() -> Value {
    response_example(&spec("cloudflare-tokens.yaml"), "/user/tokens/verify", "get", "200")
}

fn widget_json() -> Value {
    json!({"id": "w-1", "name": "Sprocket", "color": "red"})
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

/// The version in a generated crate's manifest.
fn crate_version(manifest_dir: &str) -> String {
    let path = root().join(manifest_dir).join("Cargo.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let line = text.lines().find(|l| l.starts_with("version = ")).expect("a version line");
    line.trim_start_matches("version = ").trim_matches('"').to_owned()
}

#[tokio::test]
async fn two_503s_then_200_succeeds_after_three_requests() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).up_to_n_times(2).expect(2).mount(&server).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(verify_body()))
        .expect(1)
        .mount(&server)
        .await;
    let status = cloudflare(&server).user().tokens().verify().await.unwrap();
    assert_eq!(status.id, "ed17574386854bf78a67040be0a770b0");
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn retries_run_out_after_the_configured_number() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).expect(3).mount(&server).await;
    let err = widgets(&server).widgets().get("w-1").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.attempts(), 3);
    assert!(err.is_retryable());
    assert_eq!(err.to_string(), "503 Service Unavailable (widgets.get, 3 attempts)");
}

/// Answers `first`, then `then`, noting when each request arrived.
struct Sequence {
    first: ResponseTemplate,
    then: ResponseTemplate,
    arrivals: Arc<Mutex<Vec<Instant>>>,
}

impl Respond for Sequence {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let mut arrivals = self.arrivals.lock().unwrap();
        arrivals.push(Instant::now());
        if arrivals.len() == 1 {
            self.first.clone()
        } else {
            self.then.clone()
        }
    }
}

#[tokio::test]
async fn retry_after_1_waits_at_least_a_second_before_the_retry() {
    let server = MockServer::start().await;
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("GET"))
        .respond_with(Sequence {
            first: ResponseTemplate::new(429).insert_header("Retry-After", "1"),
            then: ResponseTemplate::new(200).set_body_json(widget_json()),
            arrivals: arrivals.clone(),
        })
        .mount(&server)
        .await;
    let widget = widgets(&server).widgets().get("w-1").await.unwrap();
    assert_eq!(widget.name, "Sprocket");
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 2);
    let gap = arrivals[1] - arrivals[0];
    assert!(gap >= Duration::from_secs(1), "retried {gap:?} after the 429, before the 1 s the server asked for");
}

#[tokio::test]
async fn a_429_with_a_null_body_is_rate_limited_once_retries_run_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429).insert_header("Retry-After", "1").set_body_raw("null", "application/json"),
        )
        .expect(3)
        .mount(&server)
        .await;
    // Honour at most 10 ms of the server's delay, to keep the test fast.
    let client = cloudflare::Client::builder()
        .bearer_token(TOKEN)
        .base_url(server.uri())
        .retry_policy(fast_retries().max_server_delay(Duration::from_millis(10)))
        .build()
        .unwrap();
    let err = client.user().tokens().verify().await.unwrap_err();
    assert_eq!(err.kind(), cloudflare::ErrorKind::RateLimited);
    assert_eq!(err.attempts(), 3);
    // The error reports the delay the server asked for, not the capped one.
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    assert!(err.details().is_none(), "{:?}", err.details());
    assert!(err.is_retryable());
    assert_eq!(err.to_string(), "429 Too Many Requests: rate limited, retry after 1s (user.tokens.verify, 3 attempts)");
}

#[tokio::test]
async fn x_should_retry_false_stops_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-should-retry", "false"))
        .expect(1)
        .mount(&server)
        .await;
    let err = widgets(&server).widgets().get("w-1").await.unwrap_err();
    assert_eq!(requests(&server).await.len(), 1);
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.attempts(), 1);
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn x_should_retry_true_retries_an_otherwise_final_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(409).insert_header("x-should-retry", "true"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(widget_json()))
        .mount(&server)
        .await;
    widgets(&server).widgets().get("w-1").await.unwrap();
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn retries_0_sends_exactly_one_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;

    let err = widgets(&server).widgets().get("w-1").retries(0).await.unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(requests(&server).await.len(), 1);

    // The same, set on the builder.
    let client = cloudflare::Client::builder().bearer_token(TOKEN).base_url(server.uri()).retries(0).build().unwrap();
    let err = client.user().tokens().verify().await.unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(requests(&server).await.len(), 2);

    // And a per-request value replaces the builder's.
    client.user().tokens().verify().retries(1).await.unwrap_err();
    assert_eq!(requests(&server).await.len(), 4);
}

/// A server that answers only after `delay`.
async fn slow_server(delay: Duration) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(widget_json()).set_delay(delay))
        .mount(&server)
        .await;
    server
}

fn assert_timed_out_after_1s(err: &widgets_client::Error<widgets_client::models::Problem>, elapsed: Duration) {
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.status().is_none());
    assert!(err.is_retryable());
    assert_eq!(err.to_string(), "timed out after 1s (widgets.get)");
    assert!(
        elapsed >= Duration::from_secs(1) && elapsed <= Duration::from_secs(2),
        "a 1 s timeout fired after {elapsed:?}"
    );
}

#[tokio::test]
async fn the_builder_timeout_ends_an_attempt() {
    let server = slow_server(Duration::from_secs(10)).await;
    let client = widgets_client::Client::builder()
        .bearer_token(TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_secs(1))
        .retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.widgets().get("w-1").await.unwrap_err();
    assert_timed_out_after_1s(&err, started.elapsed());
}

#[tokio::test]
async fn the_per_request_timeout_replaces_the_builders() {
    let server = slow_server(Duration::from_secs(10)).await;
    let client = widgets_client::Client::builder()
        .bearer_token(TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.widgets().get("w-1").timeout(Duration::from_secs(1)).retries(0).await.unwrap_err();
    assert_timed_out_after_1s(&err, started.elapsed());
}

#[tokio::test]
async fn a_timed_out_idempotent_call_is_retried() {
    let server = slow_server(Duration::from_secs(10)).await;
    let err = widgets(&server).widgets().get("w-1").timeout(Duration::from_millis(100)).retries(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.attempts(), 2);
    assert_eq!(requests(&server).await.len(), 2);
    assert_eq!(err.to_string(), "timed out after 100ms (widgets.get, 2 attempts)");
}

#[tokio::test]
async fn a_failed_post_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/widgets"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({"title": "Oops", "detail": "database down"})))
        .mount(&server)
        .await;
    let body = NewWidget { name: "Sprocket".into(), color: Some(Color::Green) };
    let err = widgets(&server).widgets().create(&body).await.unwrap_err();
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 1, "a POST without an idempotency key must not be repeated");
    assert_eq!(err.attempts(), 1);
    // The status says retrying could help, but the runtime did not repeat the POST.
    assert!(err.is_retryable());
    assert_eq!(serde_json::from_slice::<Value>(&sent[0].body).unwrap(), json!({"name": "Sprocket", "color": "green"}));
    assert_eq!(sent[0].headers["content-type"], "application/json");
    match err.details() {
        Some(WidgetsCreateError::Problem(problem)) => assert_eq!(problem.detail.as_deref(), Some("database down")),
        other => panic!("expected the 5XX Problem, got {other:?}"),
    }
}

#[tokio::test]
async fn a_patch_is_retried_only_with_an_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(500)).mount(&server).await;
    let client = widgets(&server);
    let rename = WidgetsRenameBody { name: "Cog & Co".into() };

    let err = client.widgets().rename("w-1", &rename).await.unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(requests(&server).await.len(), 1);

    let err = client.widgets().rename("w-1", &rename).idempotency_key("key-42").await.unwrap_err();
    assert_eq!(err.attempts(), 3);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 4);
    assert!(sent[0].headers.get("idempotency-key").is_none());
    for request in &sent[1..] {
        assert_eq!(request.headers["idempotency-key"], "key-42");
        assert_eq!(request.headers["content-type"], "application/x-www-form-urlencoded");
        assert_eq!(request.body, b"name=Cog+%26+Co");
    }
}

#[tokio::test]
async fn a_patch_with_an_idempotency_key_succeeds_after_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(502)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "w-1", "name": "Cog"})))
        .mount(&server)
        .await;
    let widget = widgets(&server)
        .widgets()
        .rename("w-1", &WidgetsRenameBody { name: "Cog".into() })
        .idempotency_key("key-7")
        .await
        .unwrap();
    assert_eq!(widget.name, "Cog");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn per_request_headers_and_query_parameters_arrive() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/widgets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([widget_json()])))
        .mount(&server)
        .await;
    let client = widgets_client::Client::builder()
        .bearer_token(TOKEN)
        .base_url(format!("{}/api", server.uri()))
        .header("X-Team", "from-builder")
        .header("X-Region", "eu")
        .build()
        .unwrap();
    let list = client
        .widgets()
        .list()
        .page(2)
        .tag(&["blue things".to_owned(), "a&b".to_owned()])
        .ids(&[1, 2, 3])
        .color(Color::Red)
        .x_trace("trace-1")
        .header("X-Team", "from-request")
        .query("extra", "x=y")
        .await
        .unwrap();
    assert_eq!(list.len(), 1);

    let sent = requests(&server).await;
    let request = &sent[0];
    let pairs: Vec<(String, String)> =
        request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let expected =
        [("page", "2"), ("tag", "blue things"), ("tag", "a&b"), ("ids", "1,2,3"), ("color", "red"), ("extra", "x=y")];
    assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    assert_eq!(request.headers["x-trace"], "trace-1");
    let teams: Vec<_> = request.headers.get_all("x-team").iter().collect();
    assert_eq!(teams, ["from-request"], "the request's header replaces the builder's");
    assert_eq!(request.headers["x-region"], "eu");
    assert_eq!(request.headers["authorization"], format!("Bearer {TOKEN}").as_str());

    // The plain call (no generated request struct) has the same options.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(verify_body()))
        .mount(&server)
        .await;
    cloudflare(&server).user().tokens().verify().header("X-Custom", "v 1").query("q", 7).await.unwrap();
    let sent = requests(&server).await;
    assert_eq!(sent[0].url.path(), "/client/v4/user/tokens/verify");
    assert_eq!(sent[0].url.query(), Some("q=7"));
    assert_eq!(sent[0].headers["x-custom"], "v 1");
}

#[tokio::test]
async fn an_invalid_per_request_header_is_a_request_error_and_nothing_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).expect(0).mount(&server).await;
    let err = widgets(&server).widgets().get("w-1").header("bad header", "v").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Request);
    assert_eq!(err.to_string(), "could not build the request for widgets.get: invalid header name \"bad header\"");
}

#[tokio::test]
async fn the_user_agent_is_crate_slash_version() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/widgets/w-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(widget_json()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/client/v4/user/tokens/verify"))
        .respond_with(ResponseTemplate::new(200).set_body_json(verify_body()))
        .mount(&server)
        .await;
    widgets(&server).widgets().get("w-1").await.unwrap();
    cloudflare(&server).user().tokens().verify().await.unwrap();
    let sent = requests(&server).await;
    let widgets_version = crate_version("tests/generated/widgets-client");
    let cloudflare_version = crate_version("generated/cloudflare-tokens-client");
    assert_eq!(sent[0].headers["user-agent"], format!("widgets-client/{widgets_version}").as_str());
    assert_eq!(sent[1].headers["user-agent"], format!("cloudflare-tokens-client/{cloudflare_version}").as_str());
}

#[tokio::test]
async fn text_bytes_and_empty_bodies_round_trip() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/widgets/w-1/label"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("Sprocket ⚙", "text/plain; charset=utf-8"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/widgets/w-1/image"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(vec![0x89, b'P', b'N', b'G', 0, 0xff], "application/octet-stream"),
        )
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/widgets/w-1/image"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/widgets/w-1"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;

    let client = widgets(&server);
    assert_eq!(client.widgets().label("w-1").await.unwrap(), "Sprocket ⚙");
    assert_eq!(client.widgets().image("w-1").await.unwrap().as_ref(), &[0x89, b'P', b'N', b'G', 0, 0xff]);
    client.widgets().put_image("w-1", vec![1u8, 2, 3]).await.unwrap();
    client.widgets().delete("w-1").await.unwrap();

    let sent = requests(&server).await;
    let put = sent.iter().find(|r| r.method.as_str() == "PUT").unwrap();
    assert_eq!(put.body, [1, 2, 3]);
    assert_eq!(put.headers["content-type"], "application/octet-stream");
    assert_eq!(sent.iter().filter(|r| r.method.as_str() == "DELETE").count(), 1);
}
