//! Typed multipart bodies through a generated client (tests/specs/uploads.yaml) over real HTTP on
//! 127.0.0.1: the server parses the body it received and sees each part with its name, file name,
//! content type and contents. A `oneOf` body sends the parts of the branch it holds.

use std::time::Duration;

use api_runtime::{Bytes, RetryPolicy};
use uploads_client::models::{ScriptsPutBodyVariant0Metadata, UploadsCreateBodyMetadata, UploadsCreateBodyVisibility};
use uploads_client::{
    Client, FilePart, ScriptsPutBody, ScriptsPutBodyRollback, ScriptsPutBodyVariant0, UploadsCreateBody, UploadsThumbnailBody,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// One received part: name, file name, content type, contents.
#[derive(Debug, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: String,
}

fn part(name: &str, file_name: Option<&str>, content_type: Option<&str>, body: &str) -> Part {
    Part {
        name: name.into(),
        file_name: file_name.map(Into::into),
        content_type: content_type.map(Into::into),
        body: body.into(),
    }
}

/// The parts of a received `multipart/form-data` request, parsed with `multer`.
async fn parts(request: &Request) -> Vec<Part> {
    let content_type = request.headers["content-type"].to_str().unwrap();
    let boundary = multer::parse_boundary(content_type).unwrap();
    let body = Bytes::from(request.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    let mut out = Vec::new();
    while let Some(field) = form.next_field().await.unwrap() {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(|m| m.to_string());
        let body = String::from_utf8(field.bytes().await.unwrap().to_vec()).unwrap();
        out.push(Part { name, file_name, content_type, body });
    }
    out
}

fn client(server: &MockServer, retries: u32) -> Client {
    Client::builder()
        .base_url(server.uri())
        .retries(retries)
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(5)).max_backoff(Duration::from_millis(20)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_typed_upload_sends_the_file_and_the_typed_fields() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/uploads"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "u-1"})))
        .expect(1)
        .mount(&server)
        .await;

    let file = FilePart::bytes("a,b\n1,2\n").file_name("report.csv").content_type("text/csv");
    let mut body = UploadsCreateBody::new(file, "Q3 report".into());
    body.pages = Some(12);
    body.visibility = Some(UploadsCreateBodyVisibility::Public);
    body.tags = Some(vec!["finance".into(), "q3".into()]);
    body.metadata = Some(UploadsCreateBodyMetadata { author: Some("Ann".into()), draft: Some(false) });
    body.labels = Some(vec!["x".into(), "y".into()]);
    body.attachments = Some(vec![FilePart::bytes("one").file_name("1.txt"), FilePart::from(b"two".to_vec())]);
    let upload = client(&server, 0).uploads().create(body).await.unwrap();
    assert_eq!(upload.id, "u-1");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        parts(&requests[0]).await,
        vec![
            part("file", Some("report.csv"), Some("text/csv"), "a,b\n1,2\n"),
            part("title", None, None, "Q3 report"),
            part("pages", None, None, "12"),
            part("visibility", None, None, "public"),
            part("tags", None, None, "finance"),
            part("tags", None, None, "q3"),
            part("metadata", None, Some("application/json"), r#"{"author":"Ann","draft":false}"#),
            // `encoding: {labels: {contentType: application/json}}`: one JSON part.
            part("labels", None, Some("application/json"), r#"["x","y"]"#),
            part("attachments", Some("1.txt"), Some("application/octet-stream"), "one"),
            part("attachments", None, Some("application/octet-stream"), "two"),
        ]
    );
}

#[tokio::test]
async fn absent_optional_fields_send_no_parts() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "u-2"})))
        .mount(&server)
        .await;
    let body = UploadsCreateBody::new(FilePart::bytes("x").file_name("x.bin"), "only required".into());
    client(&server, 0).uploads().create(body).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        parts(&requests[0]).await,
        vec![
            part("file", Some("x.bin"), Some("application/octet-stream"), "x"),
            part("title", None, None, "only required"),
        ]
    );
}

#[tokio::test]
async fn a_list_field_is_one_part_per_item_even_of_one_item() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "u-3"})))
        .mount(&server)
        .await;
    for tags in [vec!["one".to_string()], vec!["a".into(), "b".into(), "c".into()], vec![]] {
        let mut body = UploadsCreateBody::new(FilePart::bytes("x").file_name("x.bin"), "t".into());
        body.tags = Some(tags);
        client(&server, 0).uploads().create(body).await.unwrap();
    }
    let mut sent = Vec::new();
    for request in server.received_requests().await.unwrap() {
        let tags: Vec<String> = parts(&request).await.into_iter().filter(|p| p.name == "tags").map(|p| p.body).collect();
        sent.push(tags);
    }
    // OpenAPI's multipart list: the same part name repeated, never one part holding the list.
    assert_eq!(sent, [vec!["one"], vec!["a", "b", "c"], vec![]]);
}

#[tokio::test]
async fn an_in_memory_form_is_rebuilt_and_retried() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/uploads/u-1/thumbnail"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(204)).mount(&server).await;

    let mut body = UploadsThumbnailBody::new(FilePart::bytes("png-bytes").file_name("t.png"));
    body.note = Some("small".into());
    client(&server, 2).uploads().thumbnail("u-1", body).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    // `encoding: {image: {contentType: image/png}}` types a file that has no content type.
    let expected = vec![part("image", Some("t.png"), Some("image/png"), "png-bytes"), part("note", None, None, "small")];
    assert_eq!(parts(&requests[0]).await, expected);
    assert_eq!(parts(&requests[1]).await, expected);
}

#[tokio::test]
async fn a_streamed_file_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(503)).mount(&server).await;

    let chunks = futures_util::stream::iter(["str", "eamed"].map(|c| Ok::<_, std::io::Error>(Bytes::from(c))));
    let body = UploadsThumbnailBody::new(FilePart::stream(chunks).file_name("s.png").content_type("image/webp"));
    let err = client(&server, 2).uploads().thumbnail("u-1", body).await.unwrap_err();
    assert_eq!(err.attempts(), 1);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(parts(&requests[0]).await, vec![part("image", Some("s.png"), Some("image/webp"), "streamed")]);
}

#[tokio::test]
async fn a_union_body_sends_the_parts_of_its_branch() {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).and(path("/scripts/hello")).respond_with(ResponseTemplate::new(204)).expect(2).mount(&server).await;

    // The spec's part name `<any part name>` is a placeholder: the files are sent under it as
    // written, typed by the first of `encoding`'s content types when they have none.
    let modules = ScriptsPutBodyVariant0 {
        any_part_name: Some(vec![
            FilePart::bytes("export default {}").file_name("worker.js"),
            FilePart::bytes("{}").file_name("worker.js.map").content_type("application/source-map"),
        ]),
        metadata: Some(ScriptsPutBodyVariant0Metadata { main_module: Some("worker.js".into()) }),
    };
    let client = client(&server, 0);
    client.scripts().put("hello", modules.into()).await.unwrap();
    let rollback = ScriptsPutBodyRollback { message: Some("back to v1".into()) };
    client.scripts().put("hello", ScriptsPutBody::Rollback(rollback)).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        parts(&requests[0]).await,
        vec![
            part("<any part name>", Some("worker.js"), Some("application/javascript+module"), "export default {}"),
            part("<any part name>", Some("worker.js.map"), Some("application/source-map"), "{}"),
            part("metadata", None, Some("application/json"), r#"{"main_module":"worker.js"}"#),
        ]
    );
    assert_eq!(parts(&requests[1]).await, vec![part("message", None, None, "back to v1")]);
}
