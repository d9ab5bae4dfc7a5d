//! The cookies test API (`tests/specs/cookies.yaml`) against a local server: cookie parameters
//! are sent in one `Cookie` header (the required ones first, then the optional ones as they are
//! set), values percent-encoded where RFC 6265
//! does not allow a character, and an API key sent as a cookie joins them last.

use cookies_client::Client;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server answering `GET route` with 200.
async fn server(route: &str) -> MockServer {
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(json!({"ok": true}));
    Mock::given(method("GET")).and(path(route)).respond_with(ok).expect(1).mount(&server).await;
    server
}

/// The `Cookie` headers of the one request the server received.
async fn cookies(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests[0].headers.get_all("cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).retries(0).build().unwrap()
}

#[tokio::test]
async fn a_required_cookie_alone() {
    let server = server("/preferences").await;
    let got = client(&server).preferences().get("dark").await.unwrap();
    assert!(got.ok);
    assert_eq!(cookies(&server).await, ["theme=dark"]);
}

#[tokio::test]
async fn every_cookie_in_one_header() {
    let server = server("/preferences").await;
    let call = client(&server).preferences().get("dark").note("hello").flags(&["beta".into(), "wide,tall".into()]).page_size(50);
    call.await.unwrap();
    // A list's items are joined by commas; a comma within an item is encoded.
    assert_eq!(cookies(&server).await, ["theme=dark; note=hello; flags=beta,wide%2Ctall; page_size=50"]);
}

#[tokio::test]
async fn values_are_percent_encoded_as_rfc_6265_requires() {
    let server = server("/preferences").await;
    let note = "a b;c,d\"e\\f%g é";
    client(&server).preferences().get("x=y").note(note).await.unwrap();
    let sent = cookies(&server).await;
    // `=` may stand in a value; what may not is encoded, and decodes back to the value.
    assert_eq!(sent, ["theme=x=y; note=a%20b%3Bc%2Cd%22e%5Cf%25g%20%C3%A9"]);
    let value = sent[0].split("; note=").nth(1).unwrap();
    assert_eq!(percent_encoding::percent_decode_str(value).decode_utf8().unwrap(), note);
}

#[tokio::test]
async fn an_api_key_cookie_comes_after_the_parameters() {
    let server = server("/session").await;
    let client = Client::builder().base_url(server.uri()).retries(0).credential("session", "s-1").build().unwrap();
    client.session().get("light").await.unwrap();
    assert_eq!(cookies(&server).await, ["theme=light; sid=s-1"]);
}

