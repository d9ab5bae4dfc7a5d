//! Idempotency tokens (`x-idempotency-token` in `tests/specs/orders.yaml`) on the wire: the
//! generated client fills an empty token with a fresh UUID, sends the same token on every
//! attempt of a call, and sends a caller's own token as given. Real HTTP to 127.0.0.1.

use std::time::Duration;

use api_runtime::RetryPolicy;
use orders_client::models::NewOrder;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> orders_client::Client {
    let retries = RetryPolicy::default().initial_backoff(Duration::from_millis(5)).max_backoff(Duration::from_millis(20));
    orders_client::Client::builder().base_url(format!("{}/v1", server.uri())).retry_policy(retries).build().unwrap()
}

/// The JSON bodies the server received, in order.
async fn bodies(server: &MockServer) -> Vec<Value> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests.iter().map(|r| serde_json::from_slice(&r.body).expect("a JSON body")).collect()
}

/// A version 4 UUID in its hyphenated form.
fn is_uuid_v4(token: &str) -> bool {
    let groups: Vec<&str> = token.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

async fn server_failing_once() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/v1/orders")).respond_with(ResponseTemplate::new(500)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("POST"))
        .and(path("/v1/orders"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "o-1", "client_token": "echo"})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn an_empty_token_is_filled_once_and_kept_across_retries() {
    let server = server_failing_once().await;
    let order = client(&server).orders().create(&NewOrder::new("tea")).await.unwrap();
    assert_eq!(order.id, "o-1");
    let sent = bodies(&server).await;
    // The POST was retried after the 500: the token makes it safe to repeat.
    assert_eq!(sent.len(), 2);
    let token = sent[0]["client_token"].as_str().expect("a token was filled in");
    assert!(is_uuid_v4(token), "{token}");
    assert_eq!(sent[1]["client_token"], token, "both attempts carry the same token");
    assert_eq!(sent[0]["item"], "tea");

    // The next call is another order: a new token.
    client(&server).orders().create(&NewOrder::new("tea")).await.unwrap();
    let sent = bodies(&server).await;
    assert_eq!(sent.len(), 3);
    assert_ne!(sent[2]["client_token"], token);
}

#[tokio::test]
async fn a_callers_token_is_sent_as_given() {
    let server = server_failing_once().await;
    let order = NewOrder { client_token: Some("my-own-token".into()), ..NewOrder::new("coffee") };
    client(&server).orders().create(&order).await.unwrap();
    let sent = bodies(&server).await;
    assert_eq!(sent.len(), 2);
    for body in &sent {
        assert_eq!(body, &json!({"item": "coffee", "client_token": "my-own-token"}));
    }
}

#[tokio::test]
async fn an_empty_string_counts_as_left_empty() {
    let server = server_failing_once().await;
    let order = NewOrder { client_token: Some(String::new()), ..NewOrder::new("cake") };
    client(&server).orders().create(&order).await.unwrap();
    let sent = bodies(&server).await;
    let token = sent[0]["client_token"].as_str().unwrap();
    assert!(is_uuid_v4(token), "{token}");
    assert_eq!(sent[1]["client_token"], token);
}
