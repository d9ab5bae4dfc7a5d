//! A `type: string, format: binary` property inside JSON is a JSON string on the wire: the
//! client sends it as one and reads one back (a `String`, like `format: byte`), where `Vec<u8>`
//! sent a list of numbers and could not read the string. A body that is binary as a whole stays
//! bytes. Observed through the files client on 127.0.0.1.

use files_client::models::NewFile;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client_of(server: &MockServer) -> files_client::Client {
    files_client::Client::builder().base_url(format!("{}/v1", server.uri())).build().unwrap()
}

#[tokio::test]
async fn binary_properties_are_json_strings_both_ways() {
    let server = MockServer::start().await;
    let stored = json!({"id": "f-1", "name": "a.txt", "content": "hello\u{0}world", "parts": ["p1", "ÿ"]});
    Mock::given(method("POST")).and(path("/v1/files")).respond_with(ResponseTemplate::new(201).set_body_json(&stored)).expect(1).mount(&server).await;
    let client = client_of(&server).await;

    let new = NewFile { thumbnail: Some("iVBORw0KGgo=".into()), ..NewFile::new("a.txt", "hello\u{0}world") };
    let file = client.files().create(&new).await.unwrap();
    assert_eq!((file.id.as_str(), file.content.as_str()), ("f-1", "hello\u{0}world"));
    assert_eq!(file.parts, Some(vec!["p1".to_string(), "ÿ".to_string()]));

    let received = server.received_requests().await.unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(sent, json!({"name": "a.txt", "content": "hello\u{0}world", "thumbnail": "iVBORw0KGgo="}));
}

#[tokio::test]
async fn a_binary_body_as_a_whole_stays_bytes() {
    let server = MockServer::start().await;
    let bytes = vec![0u8, 159, 255, b'\n'];
    Mock::given(method("GET"))
        .and(path("/v1/files/f-1/raw"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"))
        .expect(1)
        .mount(&server)
        .await;
    let raw = client_of(&server).await.files().raw("f-1").await.unwrap();
    assert_eq!(raw.as_ref(), &bytes[..]);
}
