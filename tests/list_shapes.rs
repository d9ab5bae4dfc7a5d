//! `properties` beside `type: array` (Cloudflare's DNS analytics report: each metric a list of
//! values with a stray `properties: {items: ..}`) is the list its type says: the client reads
//! lists of values, `null` among them, where it once expected a struct and failed on every
//! list; and `anyOf` beside `type: array` and `items` (Cloudflare's Zone Lockdown
//! `configurations`) is sent as the list Prism requires, not as one object. Observed through the
//! reports client on 127.0.0.1. A typeless `enum: [true]` (Cloudflare's SSL verification
//! `retry`) is a `bool`, sent as `true`. A schema without `type` whose keywords only apply to
//! numbers (Cloudflare's `page: {default: 1, minimum: 1}`) is a number: an `i64` sent as one
//! and read from one, an `f64` when it gives a fraction.

use reports_client::models::{CreateRuleBody, CreateRuleBodyConfigurationsItem, Ip, IpTarget};
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_list_with_stray_properties_decodes_as_a_list() {
    let server = MockServer::start().await;
    let body = json!({"metrics": [[1.5, 2, null], []]});
    Mock::given(method("GET")).and(path("/v1/reports/r-1")).respond_with(ResponseTemplate::new(200).set_body_json(&body)).expect(1).mount(&server).await;
    let client = reports_client::Client::builder().base_url(format!("{}/v1", server.uri())).build().unwrap();

    let report = client.get_report("r-1").await.unwrap();
    assert_eq!(report.metrics, vec![vec![json!(1.5), json!(2), json!(null)], vec![]]);
}

#[tokio::test]
async fn an_object_where_the_list_belongs_is_a_decode_error() {
    let server = MockServer::start().await;
    // What the struct the stray `properties` once made would have read.
    let body = json!({"metrics": [{"items": 1.5}]});
    Mock::given(method("GET")).and(path("/v1/reports/r-2")).respond_with(ResponseTemplate::new(200).set_body_json(&body)).expect(1).mount(&server).await;
    let client = reports_client::Client::builder().base_url(format!("{}/v1", server.uri())).build().unwrap();

    let err = client.get_report("r-2").await.unwrap_err();
    assert_eq!(err.kind(), reports_client::ErrorKind::Decode, "{err}");
}

#[tokio::test]
async fn a_list_beside_its_items_branches_is_sent_as_a_list() {
    let server = MockServer::start().await;
    let sent = json!({"configurations": [{"target": "ip", "value": "198.51.100.4"}]});
    Mock::given(method("POST")).and(path("/v1/rules")).and(body_json(&sent)).respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    let client = reports_client::Client::builder().base_url(format!("{}/v1", server.uri())).build().unwrap();

    let ip = Ip { target: Some(IpTarget::Ip), value: Some("198.51.100.4".into()) };
    client.create_rule(&CreateRuleBody::new(vec![CreateRuleBodyConfigurationsItem::Ip(ip)])).await.unwrap();
}

#[tokio::test]
async fn a_typeless_boolean_enum_is_a_bool() {
    let server = MockServer::start().await;
    let body = json!({"metrics": []});
    Mock::given(method("GET")).and(path("/v1/reports/r-3")).and(query_param("retry", "true")).respond_with(ResponseTemplate::new(200).set_body_json(&body)).expect(1).mount(&server).await;
    let client = reports_client::Client::builder().base_url(format!("{}/v1", server.uri())).build().unwrap();

    let report = client.get_report("r-3").retry(true).await.unwrap();
    assert!(report.metrics.is_empty());
}

#[tokio::test]
async fn typeless_number_keywords_make_numbers() {
    let server = MockServer::start().await;
    let body = json!({"total": 7, "ratio": 0.25});
    Mock::given(method("GET"))
        .and(path("/v1/reports"))
        .and(query_param("page", "2"))
        .and(query_param("per_page", "50"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;
    let client = reports_client::Client::builder().base_url(format!("{}/v1", server.uri())).build().unwrap();

    let summary = client.summarize_reports().page(2).per_page(50).await.unwrap();
    assert_eq!((summary.total, summary.ratio), (7, Some(0.25)));
}
