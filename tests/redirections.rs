//! Documented 3xx responses are the operation's result: the call returns them, with their
//! status, `Location` and documented body, and the client does not follow them. Redirects the
//! operation does not document are followed as before. Observed through the files client on
//! 127.0.0.1.

use api_runtime::StatusCode;
use files_client::FilesGetResponse;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_of(server: &MockServer) -> files_client::Client {
    files_client::Client::builder().base_url(format!("{}/v1", server.uri())).build().unwrap()
}

/// A target that must not be requested: following a documented redirect would reach it.
async fn never(server: &MockServer, at: &str) {
    Mock::given(method("GET")).and(path(at)).respond_with(ResponseTemplate::new(200).set_body_string("{}")).expect(0).mount(server).await;
}

/// `download` of `id` answers 302 with `Location: /v1/blobs/<id>` (never requested) and its URL.
async fn found(server: &MockServer, id: &str) {
    let found = ResponseTemplate::new(302).insert_header("location", format!("/v1/blobs/{id}")).set_body_json(json!({"url": format!("https://cdn.test/{id}")}));
    Mock::given(method("GET")).and(path(format!("/v1/files/{id}/download"))).respond_with(found).expect(1).mount(server).await;
    never(server, &format!("/v1/blobs/{id}")).await;
}

#[tokio::test]
async fn a_documented_302_is_returned_with_its_location_and_body() {
    let server = MockServer::start().await;
    found(&server, "f-1").await;

    let redirection = client_of(&server).files().download("f-1").await.unwrap();
    assert_eq!(redirection.status, StatusCode::FOUND);
    assert_eq!(redirection.location.as_deref(), Some("/v1/blobs/f-1"));
    assert_eq!(redirection.body.url, "https://cdn.test/f-1");
}

#[tokio::test]
async fn an_undocumented_redirect_before_it_is_still_followed() {
    let server = MockServer::start().await;
    let moved = ResponseTemplate::new(307).insert_header("location", "/v1/files/f-2/download");
    Mock::given(method("GET")).and(path("/v1/files/f-1/download")).respond_with(moved).expect(1).mount(&server).await;
    found(&server, "f-2").await;

    let redirection = client_of(&server).files().download("f-1").await.unwrap();
    assert_eq!((redirection.status, redirection.body.url.as_str()), (StatusCode::FOUND, "https://cdn.test/f-2"));
}

#[tokio::test]
async fn documented_errors_stay_errors() {
    let server = MockServer::start().await;
    let missing = ResponseTemplate::new(404).set_body_json(json!({"message": "no file f-9"}));
    Mock::given(method("GET")).and(path("/v1/files/f-9/download")).respond_with(missing).expect(1).mount(&server).await;
    let err = client_of(&server).files().download("f-9").await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(err.details().and_then(|p| p.message.as_deref()), Some("no file f-9"));
}

#[tokio::test]
async fn a_documented_304_is_a_variant_beside_the_200() {
    let server = MockServer::start().await;
    let unchanged = ResponseTemplate::new(304).insert_header("etag", "\"v1\"");
    Mock::given(method("GET")).and(path("/v1/files/f-1")).respond_with(unchanged).expect(1).mount(&server).await;
    let out = client_of(&server).files().get("f-1").if_none_match("\"v1\"").await.unwrap();
    let FilesGetResponse::NotModified(r) = out else { panic!("expected NotModified, got {out:?}") };
    assert_eq!((r.status, r.location), (StatusCode::NOT_MODIFIED, None));
    assert_eq!(r.headers.get("etag").and_then(|v| v.to_str().ok()), Some("\"v1\""));
}

#[tokio::test]
async fn an_undocumented_301_is_followed_to_the_file() {
    let server = MockServer::start().await;
    let moved = ResponseTemplate::new(301).insert_header("location", "/v1/files/f-2");
    Mock::given(method("GET")).and(path("/v1/files/f-1")).respond_with(moved).expect(1).mount(&server).await;
    let file = json!({"id": "f-2", "name": "b.txt", "content": "b"});
    Mock::given(method("GET")).and(path("/v1/files/f-2")).respond_with(ResponseTemplate::new(200).set_body_json(file)).expect(1).mount(&server).await;

    let out = client_of(&server).files().get("f-1").await.unwrap();
    assert!(matches!(&out, FilesGetResponse::Ok(f) if f.id == "f-2"), "{out:?}");
}

#[tokio::test]
async fn a_client_of_ones_own_with_the_runtime_policy_returns_documented_redirects() {
    let server = MockServer::start().await;
    found(&server, "f-1").await;
    let http = api_runtime::reqwest::Client::builder().redirect(api_runtime::redirect_policy()).build().unwrap();
    let client = files_client::Client::builder().http_client(http).base_url(format!("{}/v1", server.uri())).build().unwrap();
    let redirection = client.files().download("f-1").await.unwrap();
    assert_eq!(redirection.location.as_deref(), Some("/v1/blobs/f-1"));
}
