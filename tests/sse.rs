//! Server-sent events through the generated `streams` client (`tests/specs/streams.yaml`), over
//! real HTTP on 127.0.0.1: wiremock for whole responses, a tokio `TcpListener` where the test
//! needs to cut the connection mid-body or hold an event back.

use std::time::Duration;

use futures::StreamExt;
use serde_json::json;
use streams_client::models::{ApiError, CompletionRequest};
use streams_client::{Client, ErrorKind, Event};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(base_url: &str) -> Client {
    Client::builder().bearer_token("t").base_url(base_url).build().unwrap()
}

fn event_stream(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).insert_header("content-type", "text/event-stream").set_body_string(body)
}

#[tokio::test]
async fn typed_events_with_fields_a_comment_multi_line_data_and_done() {
    let server = MockServer::start().await;
    let body = concat!(
        ": the stream starts\n",
        "retry: 3000\n",
        "event: progress\n",
        "id: 1\n",
        "data: {\"percent\": 10,\n",
        "data:  \"message\": \"starting\"}\n",
        "\n",
        ": keep-alive\n",
        "\n",
        "event: progress\n",
        "data: {\"percent\": 100}\n",
        "\n",
        "data: [DONE]\n",
        "\n",
        "data: {\"percent\": 999}\n",
        "\n",
    );
    Mock::given(method("GET"))
        .and(path("/jobs/j%201/progress"))
        .and(query_param("since", "5"))
        .and(header("x-trace", "abc"))
        .respond_with(event_stream(body))
        .expect(1)
        .mount(&server)
        .await;

    let mut events = client(&server.uri())
        .jobs()
        .watch("j 1")
        .since(5)
        .header("x-trace", "abc")
        .timeout(Duration::from_secs(30))
        .await
        .unwrap();
    assert_eq!(events.head().status, 200);

    let first = events.next().await.unwrap().unwrap();
    assert_eq!(first.event, "progress");
    assert_eq!(first.id.as_deref(), Some("1"));
    assert_eq!(first.retry, Some(Duration::from_millis(3000)));
    assert_eq!(first.data.percent, 10);
    assert_eq!(first.data.message.as_deref(), Some("starting"));

    let second = events.next().await.unwrap().unwrap();
    assert_eq!((second.event.as_str(), second.data.percent, second.data.message), ("progress", 100, None));
    // The last event ID carries over, as in the EventSource specification.
    assert_eq!((second.id.as_deref(), second.retry), (Some("1"), None));

    // `[DONE]` ends the stream: the event after it is never read.
    assert!(events.next().await.is_none());
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn string_events_are_the_data_as_sent() {
    let server = MockServer::start().await;
    let body = "data: first line\ndata: second line\n\n:comment\nevent: warn\ndata: {\"not\": \"parsed\"}\n\n";
    Mock::given(method("GET")).and(path("/logs")).respond_with(event_stream(body)).mount(&server).await;

    let events: Vec<Event<String>> = client(&server.uri())
        .logs()
        .tail()
        .await
        .unwrap()
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(
        events,
        vec![
            Event { event: "message".into(), id: None, retry: None, data: "first line\nsecond line".into() },
            Event { event: "warn".into(), id: None, retry: None, data: "{\"not\": \"parsed\"}".into() },
        ]
    );
}

#[tokio::test]
async fn an_event_that_does_not_decode_is_an_error_item_and_the_stream_goes_on() {
    let server = MockServer::start().await;
    let body = "data: {\"percent\": \"lots\"}\n\ndata: {\"percent\": 50}\n\n";
    Mock::given(method("GET")).and(path("/jobs/j/progress")).respond_with(event_stream(body)).mount(&server).await;

    let mut events = client(&server.uri()).jobs().watch("j").await.unwrap();
    let err = events.next().await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert_eq!(err.body(), b"{\"percent\": \"lots\"}");
    assert!(err.to_string().contains("jobs.watch"), "{err}");
    assert_eq!(events.next().await.unwrap().unwrap().data.percent, 50);
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn an_error_status_before_the_stream_is_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/jobs/gone/progress"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"code": "no_job", "message": "No such job"})))
        .expect(1)
        .mount(&server)
        .await;

    let err = client(&server.uri()).jobs().watch("gone").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let details: &ApiError = err.details().unwrap();
    assert_eq!((details.code.as_deref(), details.message.as_str()), (Some("no_job"), "No such job"));
}

#[tokio::test]
async fn the_streaming_variant_sends_the_same_request_and_reads_events() {
    let server = MockServer::start().await;
    let request = CompletionRequest { prompt: "Hi".into(), stream: Some(true) };
    Mock::given(method("POST"))
        .and(path("/completions"))
        .and(body_json(json!({"prompt": "Hi", "stream": true})))
        .respond_with(event_stream("data: {\"delta\": \"Hel\"}\n\ndata: {\"delta\": \"lo\"}\n\ndata: [DONE]\n\n"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/completions"))
        .and(body_json(json!({"prompt": "Hi", "stream": false})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"text": "Hello"})))
        .mount(&server)
        .await;

    let client = client(&server.uri());
    let deltas: Vec<String> =
        client.completions().create_stream(&request).await.unwrap().map(|e| e.unwrap().data.delta).collect().await;
    assert_eq!(deltas, ["Hel", "lo"]);

    let whole = CompletionRequest { stream: Some(false), ..request };
    assert_eq!(client.completions().create(&whole).await.unwrap().text, "Hello");
}

/// Serves one request on 127.0.0.1: reads its head, then hands the socket to `respond`.
async fn serve_once<F, Fut>(respond: F) -> String
where
    F: FnOnce(TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = socket.read(&mut buf).await.unwrap();
            assert!(n > 0, "the client closed before sending its request");
            head.extend_from_slice(&buf[..n]);
        }
        respond(socket).await;
    });
    format!("http://{addr}")
}

const STREAM_HEAD: &[u8] =
    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";

/// One chunk of a chunked body.
fn chunk(data: &str) -> Vec<u8> {
    format!("{:x}\r\n{data}\r\n", data.len()).into_bytes()
}

#[tokio::test]
async fn a_connection_cut_mid_stream_is_an_error_item_that_ends_the_stream() {
    let base = serve_once(|mut socket| async move {
        socket.write_all(STREAM_HEAD).await.unwrap();
        socket.write_all(&chunk("data: {\"percent\": 40}\n\n")).await.unwrap();
        // A chunk that promises 0x40 bytes, then the connection goes away.
        socket.write_all(b"40\r\ndata: {\"perc").await.unwrap();
        socket.shutdown().await.unwrap();
    })
    .await;

    let mut events = client(&base).jobs().watch("j").await.unwrap();
    assert_eq!(events.next().await.unwrap().unwrap().data.percent, 40);
    let err = events.next().await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connect, "{err}");
    assert!(err.to_string().contains("while reading the event stream"), "{err}");
    assert!(err.to_string().contains("jobs.watch"), "{err}");
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn dropping_the_stream_closes_the_connection() {
    let (closed_tx, closed_rx) = tokio::sync::oneshot::channel();
    let base = serve_once(|mut socket| async move {
        socket.write_all(STREAM_HEAD).await.unwrap();
        socket.write_all(&chunk("data: {\"percent\": 1}\n\n")).await.unwrap();
        // The body never ends: only the client closing the connection ends this read.
        let mut buf = [0u8; 64];
        let n = socket.read(&mut buf).await.unwrap_or(0);
        let _ = closed_tx.send(n);
    })
    .await;

    let mut events = client(&base).jobs().watch("j").await.unwrap();
    assert_eq!(events.next().await.unwrap().unwrap().data.percent, 1);
    drop(events);
    let read = tokio::time::timeout(Duration::from_secs(30), closed_rx).await.expect("the connection stayed open").unwrap();
    assert_eq!(read, 0, "the server read end-of-file");
}

#[tokio::test]
async fn the_timeout_covers_the_response_head_not_the_stream() {
    let (send_tx, send_rx) = tokio::sync::oneshot::channel::<()>();
    let base = serve_once(|mut socket| async move {
        socket.write_all(STREAM_HEAD).await.unwrap();
        socket.flush().await.unwrap();
        // The event comes when the test says, after the call's timeout has passed.
        send_rx.await.unwrap();
        socket.write_all(&chunk("data: {\"percent\": 7}\n\n")).await.unwrap();
        socket.write_all(b"0\r\n\r\n").await.unwrap();
    })
    .await;

    let mut events = client(&base).jobs().watch("j").timeout(Duration::from_millis(50)).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    send_tx.send(()).unwrap();
    assert_eq!(events.next().await.unwrap().unwrap().data.percent, 7);
    assert!(events.next().await.is_none());
}
