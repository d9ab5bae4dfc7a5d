//! The headers test API (`tests/specs/headers.yaml`) against a local server: header parameters
//! typed as objects, maps and lists go in OpenAPI's `simple` style (`k,v,k,v`, `k=v,k=v`
//! exploded, `a,b`), and an `Idempotency-Key` typed as a free-form object is text.

use headers_client::{models, Client};
use serde_json::json;
use std::collections::BTreeMap;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server answering `POST /statuses` with 200.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(json!({"ok": true}));
    Mock::given(method("POST")).and(path("/statuses")).respond_with(ok).expect(1).mount(&server).await;
    server
}

/// The value of header `name` of the one request the server received.
async fn header(server: &MockServer, name: &str) -> Option<String> {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests[0].headers.get(name).map(|v| v.to_str().unwrap().to_owned())
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).retries(0).build().unwrap()
}

#[tokio::test]
async fn an_object_header_is_keys_and_values_in_turn() {
    let server = server().await;
    let range = models::Range { end: Some(9), ..models::Range::new(1) };
    client(&server).statuses().create(&range).await.unwrap();
    // Properties by name; an absent one is left out.
    assert_eq!(header(&server, "x-range").await.as_deref(), Some("end,9,start,1"));
    assert_eq!(header(&server, "x-range-exploded").await, None);
}

#[tokio::test]
async fn exploded_objects_maps_and_lists_in_simple_style() {
    let server = server().await;
    let range = models::Range { unit: Some(models::RangeUnit::Bytes), ..models::Range::new(0) };
    let labels = BTreeMap::from([("team".to_string(), "core".to_string()), ("env".to_string(), "prod".to_string())]);
    let call = client(&server).statuses().create(&range).x_range_exploded(&range).x_labels(&labels).x_tags(&["a".into(), "b".into()]);
    call.await.unwrap();
    assert_eq!(header(&server, "x-range").await.as_deref(), Some("start,0,unit,bytes"));
    assert_eq!(header(&server, "x-range-exploded").await.as_deref(), Some("start=0,unit=bytes"));
    assert_eq!(header(&server, "x-labels").await.as_deref(), Some("env,prod,team,core"));
    assert_eq!(header(&server, "x-tags").await.as_deref(), Some("a,b"));
}

#[tokio::test]
async fn a_free_form_idempotency_key_is_text_and_makes_the_post_retryable() {
    let server = MockServer::start().await;
    // The first attempt fails with a 503; with an idempotency key the POST is sent again.
    Mock::given(method("POST")).and(path("/statuses")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("POST")).and(path("/statuses")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true}))).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).retries(1).build().unwrap();
    let done = client.statuses().create(&models::Range::new(1)).idempotency_key("a1b2-c3").await.unwrap();
    assert!(done.ok);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "retried once");
    for r in &requests {
        assert_eq!(r.headers.get("idempotency-key").unwrap(), "a1b2-c3");
    }
}
