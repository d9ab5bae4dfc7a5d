//! Credentials never show: not in the `Debug` or `Display` of builders, clients, calls or errors,
//! and not in what the runtime (and the libraries under it) log at TRACE level while a request
//! is made, through generated clients against real HTTP servers on 127.0.0.1.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api_runtime::RetryPolicy;
use serde_json::json;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const BEARER: &str = "bearer-SECRET-4f9c2a7e1d";
const ACCESS_KEY: &str = "AKIDSECRETSTEST";
const SECRET_KEY: &str = "aws-SECRET-KEY-wJalrXUtnFEMI/K7MDENG";
const SESSION_TOKEN: &str = "aws-SESSION-TOKEN-IQoJb3JpZ2luX2Vj";
const SECRETS: [&str; 3] = [BEARER, SECRET_KEY, SESSION_TOKEN];

fn assert_no_secret(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows a credential: {text}");
    }
    // Nor the token split off its scheme, in case something prints the header value.
    assert!(!text.contains("Bearer bearer-"), "{what} shows the Authorization value: {text}");
}

/// A `tracing` writer appending to a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// Runs `f` with every `tracing` event and span (and every `log` record, e.g. from `reqwest`)
/// on this thread written, at TRACE level, to a buffer; returns `f`'s output and the text.
///
/// The tests run on tokio's current-thread runtime, so the client's connection tasks run on
/// this thread too.
async fn traced<T>(f: impl std::future::IntoFuture<Output = T>) -> (T, String) {
    // Routes `log` records to `tracing`; only the first call in the process installs it.
    let _ = tracing_log::LogTracer::init();
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    let output = f.await;
    drop(guard);
    (output, captured.text())
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default().initial_backoff(Duration::from_millis(5)).max_backoff(Duration::from_millis(10))
}

fn cloudflare(server: &MockServer) -> cloudflare_tokens_client::Client {
    cloudflare_tokens_client::Client::builder()
        .bearer_token(BEARER)
        .base_url(format!("{}/client/v4", server.uri()))
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

fn route53(server: &MockServer) -> route53_global_resolver_client::Client {
    route53_global_resolver_client::Client::builder()
        .aws_credentials(ACCESS_KEY, SECRET_KEY, Some(SESSION_TOKEN.to_owned()))
        .region("us-east-2")
        .base_url(server.uri())
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

/// The span and events of a call are there, with their fields.
fn assert_call_traced(log: &str, operation: &str, path: &str, status: u16) {
    for expected in [
        "api_call{".to_owned(),
        format!("operation=\"{operation}\""),
        "method=GET".to_owned(),
        format!("path=\"{path}\""),
        "attempt=1".to_owned(),
        format!("status={status}"),
        "request headers".to_owned(),
    ] {
        assert!(log.contains(&expected), "no {expected:?} in the trace:\n{log}");
    }
}

#[test]
fn builders_never_show_credentials() {
    let builder = cloudflare_tokens_client::Client::builder().bearer_token(BEARER).header("X-Auth-Key", BEARER);
    assert_no_secret("bearer builder Debug", &format!("{builder:?}"));
    let builder = route53_global_resolver_client::Client::builder()
        .aws_credentials(ACCESS_KEY, SECRET_KEY, Some(SESSION_TOKEN.to_owned()))
        .region("us-east-2");
    let shown = format!("{builder:?}");
    assert_no_secret("AWS builder Debug", &shown);
    assert!(shown.contains(ACCESS_KEY), "the access key id is not secret and helps debugging: {shown}");

    // From the environment too.
    let builder = route53_global_resolver_client::Client::builder()
        .from_env_with(|name| match name {
            "AWS_ACCESS_KEY_ID" => Some(ACCESS_KEY.to_owned()),
            "AWS_SECRET_ACCESS_KEY" => Some(SECRET_KEY.to_owned()),
            "AWS_SESSION_TOKEN" => Some(SESSION_TOKEN.to_owned()),
            "AWS_REGION" => Some("us-east-2".to_owned()),
            _ => None,
        })
        .unwrap();
    assert_no_secret("AWS builder from the environment", &format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_no_secret("AWS client from the environment", &format!("{client:?}"));
}

#[test]
fn a_config_error_never_shows_credentials() {
    let err =
        cloudflare_tokens_client::Client::builder().bearer_token(BEARER).base_url("not a url").build().unwrap_err();
    assert_no_secret("config error Display", &err.to_string());
    assert_no_secret("config error Debug", &format!("{err:?}"));
    let err = cloudflare_tokens_client::Client::builder().bearer_token(format!("{BEARER}\n")).build().unwrap_err();
    assert_no_secret("invalid token error Display", &err.to_string());
}

#[tokio::test]
async fn the_bearer_token_never_shows() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "errors": [], "messages": [],
            "result": {"id": "ed17574386854bf78a67040be0a770b0", "status": "active"}
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "success": false, "errors": [{"code": 10000, "message": "Authentication error"}], "messages": [], "result": null
        })))
        .mount(&server)
        .await;
    let client = cloudflare(&server);
    assert_no_secret("client Debug", &format!("{client:?}"));
    let call = client.user().tokens().verify().header("X-Auth-Key", BEARER).query("q", "1");
    assert_no_secret("call Debug", &format!("{call:?}"));
    drop(call);

    let (result, log) = traced(client.user().tokens().verify()).await;
    result.unwrap();
    assert_no_secret("trace of a successful call", &log);
    assert_call_traced(&log, "user.tokens.verify", "/client/v4/user/tokens/verify", 200);
    assert!(log.contains("\"authorization\": \"<redacted>\""), "the headers are logged, redacted:\n{log}");

    let (result, log) = traced(client.user().tokens().verify()).await;
    let err = result.unwrap_err();
    assert_no_secret("trace of a failed call", &log);
    assert_call_traced(&log, "user.tokens.verify", "/client/v4/user/tokens/verify", 401);
    assert_no_secret("error Display", &err.to_string());
    assert_no_secret("error Debug", &format!("{err:?}"));
    assert_no_secret("error Display (alternate)", &format!("{err:#}"));
    assert_no_secret("error Debug (alternate)", &format!("{err:#?}"));
}

#[tokio::test]
async fn the_aws_secret_key_and_session_token_never_show() {
    let server = MockServer::start().await;
    let output = json!({
        "id": "tok-1", "arn": "arn:aws:route53globalresolver:us-east-2::tok-1",
        "createdAt": "2015-01-01T00:00:00Z", "dnsViewId": "v", "expiresAt": "2015-01-01T00:00:00Z",
        "globalResolverId": "g", "status": "OPERATIONAL", "updatedAt": "2015-01-01T00:00:00Z", "value": "v"
    });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(output))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("x-amzn-errortype", "InternalServerException")
                .insert_header("x-amzn-requestid", "req-1")
                .set_body_json(json!({"message": "Internal failure"})),
        )
        .mount(&server)
        .await;
    let client = route53(&server);
    assert_no_secret("client Debug", &format!("{client:?}"));
    let call = client.get_access_token("tok-1");
    assert_no_secret("call Debug", &format!("{call:?}"));
    drop(call);

    let (result, log) = traced(client.get_access_token("tok-1")).await;
    result.unwrap();
    assert_no_secret("trace of a signed call", &log);
    assert_call_traced(&log, "get_access_token", "/tokens/tok-1", 200);
    assert!(log.contains("\"x-amz-security-token\": \"<redacted>\""), "the headers are logged, redacted:\n{log}");
    // Nor the Authorization value the server received (it carries the signature).
    let received = server.received_requests().await.unwrap();
    let authorization = received[0].headers["authorization"].to_str().unwrap();
    let signature = authorization.rsplit("Signature=").next().unwrap();
    assert_eq!(signature.len(), 64, "{authorization}");
    assert!(!log.contains(signature), "the signature is logged:\n{log}");

    // A failed call, retried twice: every attempt is signed and traced.
    let (result, log) = traced(client.get_access_token("tok-1")).await;
    let err = result.unwrap_err();
    assert_eq!(err.attempts(), 3);
    assert_no_secret("trace of a failed, retried call", &log);
    assert_call_traced(&log, "get_access_token", "/tokens/tok-1", 500);
    assert!(log.contains("attempt=3"), "{log}");
    for text in [err.to_string(), format!("{err:?}"), format!("{err:#?}")] {
        assert_no_secret("AWS error", &text);
    }
}
