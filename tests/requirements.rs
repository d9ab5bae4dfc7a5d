//! `required` lists that name a property outside the schema's own `properties`, on the wire
//! through the test-only `tests/specs/requirements.yaml` against a server on 127.0.0.1: a
//! required property no `properties` declare is a required field of any JSON value in a
//! request, and optional in a response (a misplaced `required` must not break decoding); a property the outer schema requires and an `allOf` part
//! declares is sent; an `allOf` of a union and properties sends and reads both.

use requirements_client::models::{AppConfig, AppConfigVariant, AppConfigVariantAccountApp, AppConfigVariantManagedApp, ConfigCreate, Limit, LimitUpdate};
use requirements_client::Client;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).bearer_token("t").retries(0).build().unwrap()
}

/// A server answering `verb route` with 200 and `body`.
async fn serving(verb: &str, route: &str, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb)).and(path(route)).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    server
}

/// The JSON body of the one request the server received.
async fn received(server: &MockServer) -> Value {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    serde_json::from_slice(&requests[0].body).unwrap()
}

#[tokio::test]
async fn a_required_property_no_properties_declare_is_sent_with_any_value() {
    let server = serving("PUT", "/limits/l1", json!({"rule": 7, "period": 60})).await;
    let body = LimitUpdate::new(60, json!("l1"));
    let read = client(&server).await.limits().update("l1", &body).await.unwrap();
    assert_eq!(received(&server).await, json!({"id": "l1", "period": 60}));
    // Any JSON value is read back as it came.
    assert_eq!(read, Limit { rule: Some(json!(7)), ..Limit::new(60) });
}

#[tokio::test]
async fn a_response_without_the_undeclared_required_property_is_read() {
    let server = serving("PUT", "/limits/l1", json!({"period": 60})).await;
    let read = client(&server).await.limits().update("l1", &LimitUpdate::new(60, json!(1))).await.unwrap();
    assert_eq!(read, Limit::new(60));
}

#[tokio::test]
async fn a_property_required_outside_the_part_that_declares_it_is_sent() {
    let server = serving("POST", "/configs", json!({"name": "db"})).await;
    let read = client(&server).await.configs().create(&ConfigCreate::new("db", "pg://h")).await.unwrap();
    assert_eq!(received(&server).await, json!({"name": "db", "origin": "pg://h"}));
    assert_eq!(read.name.as_deref(), Some("db"));
}

#[tokio::test]
async fn an_all_of_of_a_union_and_properties_sends_and_reads_both() {
    let server = serving("POST", "/app_configs", json!({"managed_app_id": "m1", "priority": 2})).await;
    let body = AppConfig { breakout: Some(true), ..AppConfig::new(AppConfigVariant::AccountApp(AppConfigVariantAccountApp::new("a1"))) };
    let read = client(&server).await.app_configs().add(&body).await.unwrap();
    assert_eq!(received(&server).await, json!({"account_app_id": "a1", "breakout": true}));
    let managed = AppConfigVariant::ManagedApp(AppConfigVariantManagedApp::new("m1"));
    assert_eq!(read, AppConfig { priority: Some(2), ..AppConfig::new(managed) });
}
