//! Generated clients walk pages: each pagination pattern of `tests/specs/pages.yaml` (cursor,
//! nested cursor, starting_after, page number in an envelope, offset, Link header, and one said by
//! `x-rust-pagination`) against wiremock on 127.0.0.1, with the query each page sent checked on
//! the wire and the request's own options on every page. Streams end on no next page, an empty
//! page, a repeated cursor, `max_pages` and an error.

use pages_client::{Client, StreamExt, TryStreamExt};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().bearer_token("t").base_url(format!("{}/v1", server.uri())).retries(0).build().unwrap()
}

/// Answers `GET /v1{route}` with `body` when the query parameter `param` is `value` (missing
/// for `None`), once.
async fn page(server: &MockServer, route: &str, param: &str, value: Option<&str>, response: ResponseTemplate) {
    let mock = Mock::given(method("GET")).and(path(format!("/v1{route}")));
    let mock = match value {
        Some(v) => mock.and(query_param(param, v)),
        None => mock.and(query_param_is_missing(param)),
    };
    mock.respond_with(response).expect(1).mount(server).await;
}

fn ok(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// The value of query parameter `name` in each request received, in order.
async fn sent(server: &MockServer, name: &str) -> Vec<Option<String>> {
    let requests = server.received_requests().await.unwrap();
    requests.iter().map(|r| r.url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())).collect()
}

async fn headers(server: &MockServer, name: &str) -> Vec<Option<String>> {
    let requests = server.received_requests().await.unwrap();
    requests.iter().map(|r| r.headers.get(name).map(|v| v.to_str().unwrap().to_owned())).collect()
}

fn s(values: &[Option<&str>]) -> Vec<Option<String>> {
    values.iter().map(|v| v.map(str::to_owned)).collect()
}

#[tokio::test]
async fn cursor_pages_send_the_cursor_and_the_request_options_on_every_page() {
    let server = MockServer::start().await;
    page(&server, "/events", "cursor", None, ok(json!({"data": [{"id": "e1"}, {"id": "e2"}], "next_cursor": "c2"}))).await;
    page(&server, "/events", "cursor", Some("c2"), ok(json!({"data": [{"id": "e3"}], "next_cursor": "c3"}))).await;
    page(&server, "/events", "cursor", Some("c3"), ok(json!({"data": [{"id": "e4"}], "next_cursor": null}))).await;

    let pages: Vec<_> = client(&server).events().list().limit(2).header("x-trace", "walk-1").pages().try_collect().await.unwrap();
    let ids: Vec<Vec<&str>> = pages.iter().map(|p| p.data.iter().map(|e| e.id.as_str()).collect()).collect();
    assert_eq!(ids, [vec!["e1", "e2"], vec!["e3"], vec!["e4"]]);
    assert_eq!(sent(&server, "cursor").await, s(&[None, Some("c2"), Some("c3")]));
    assert_eq!(sent(&server, "limit").await, s(&[Some("2"); 3]));
    assert_eq!(headers(&server, "x-trace").await, s(&[Some("walk-1"); 3]));
    assert_eq!(headers(&server, "authorization").await, s(&[Some("Bearer t"); 3]));
}

#[tokio::test]
async fn nested_cursor_items_come_in_order() {
    let server = MockServer::start().await;
    page(&server, "/posts", "after", None, ok(json!({"data": [{"id": "p1"}], "paging": {"next": {"after": "A"}}}))).await;
    page(&server, "/posts", "after", Some("A"), ok(json!({"data": [{"id": "p2"}, {"id": "p3"}], "paging": {"next": {"after": "B"}}}))).await;
    page(&server, "/posts", "after", Some("B"), ok(json!({"data": [{"id": "p4"}], "paging": {}}))).await;

    let posts: Vec<_> = client(&server).posts().list().items().try_collect().await.unwrap();
    assert_eq!(posts.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p1", "p2", "p3", "p4"]);
    assert_eq!(sent(&server, "after").await, s(&[None, Some("A"), Some("B")]));
}

#[tokio::test]
async fn starting_after_sends_the_last_items_id_while_has_more() {
    let server = MockServer::start().await;
    page(&server, "/customers", "starting_after", None, ok(json!({"data": [{"id": "a"}, {"id": "b"}], "has_more": true}))).await;
    page(&server, "/customers", "starting_after", Some("b"), ok(json!({"data": [{"id": "c"}, {"id": "d"}], "has_more": true}))).await;
    page(&server, "/customers", "starting_after", Some("d"), ok(json!({"data": [{"id": "e"}], "has_more": false}))).await;

    let customers: Vec<_> = client(&server).customers().list().limit(2).items().try_collect().await.unwrap();
    assert_eq!(customers.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["a", "b", "c", "d", "e"]);
    assert_eq!(sent(&server, "starting_after").await, s(&[None, Some("b"), Some("d")]));
    assert_eq!(sent(&server, "limit").await, s(&[Some("2"); 3]));
}

#[tokio::test]
async fn page_numbers_stop_at_total_pages_read_beside_the_envelope() {
    let server = MockServer::start().await;
    let zones = |ids: &[&str], page: u32| {
        let result: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
        ok(json!({"success": true, "result": result, "result_info": {"page": page, "per_page": 2, "total_pages": 3, "count": ids.len()}}))
    };
    page(&server, "/accounts/acc/zones", "page", None, zones(&["z1", "z2"], 1)).await;
    page(&server, "/accounts/acc/zones", "page", Some("2"), zones(&["z3", "z4"], 2)).await;
    page(&server, "/accounts/acc/zones", "page", Some("3"), zones(&["z5"], 3)).await;

    // The typed page is the envelope's result; the pager reads result_info from the raw body.
    let pages: Vec<Vec<pages_client::models::Zone>> =
        client(&server).zones().list("acc").per_page(2.0).pages().try_collect().await.unwrap();
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2, 1]);
    assert_eq!(sent(&server, "page").await, s(&[None, Some("2"), Some("3")]));
    assert_eq!(sent(&server, "per_page").await, s(&[Some("2"); 3]));
}

#[tokio::test]
async fn offsets_advance_by_the_items_received_up_to_the_total() {
    let server = MockServer::start().await;
    page(&server, "/logs", "offset", None, ok(json!({"items": [{"n": 0}, {"n": 1}], "total": 5}))).await;
    page(&server, "/logs", "offset", Some("2"), ok(json!({"items": [{"n": 2}, {"n": 3}], "total": 5}))).await;
    page(&server, "/logs", "offset", Some("4"), ok(json!({"items": [{"n": 4}], "total": 5}))).await;

    let lines: Vec<_> = client(&server).logs().list().limit(2).items().try_collect().await.unwrap();
    assert_eq!(lines.iter().map(|l| l.n).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    assert_eq!(sent(&server, "offset").await, s(&[None, Some("2"), Some("4")]));
}

#[tokio::test]
async fn link_headers_are_followed_with_the_request_options() {
    let server = MockServer::start().await;
    let base = format!("{}/v1", server.uri());
    let linked = |names: &[&str], next: Option<String>| {
        let body: Vec<_> = names.iter().map(|n| json!({"name": n})).collect();
        let mut r = ok(json!(body));
        if let Some(next) = next {
            r = r.insert_header("link", format!(r#"<{base}/repos?page=1>; rel="first", {next}; rel="next""#).as_str());
        }
        r
    };
    page(&server, "/repos", "page", None, linked(&["r1"], Some(format!("<{base}/repos?page=2>")))).await;
    // A relative link resolves against the page's own URL.
    page(&server, "/repos", "page", Some("2"), linked(&["r2"], Some("<repos?page=3>".to_owned()))).await;
    page(&server, "/repos", "page", Some("3"), linked(&["r3"], None)).await;

    let repos: Vec<_> = client(&server).repos().list().header("x-trace", "links").items().try_collect().await.unwrap();
    assert_eq!(repos.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["r1", "r2", "r3"]);
    assert_eq!(sent(&server, "page").await, s(&[None, Some("2"), Some("3")]));
    assert_eq!(headers(&server, "x-trace").await, s(&[Some("links"); 3]));
}

#[tokio::test]
async fn a_link_to_another_host_is_an_error_not_a_request() {
    let server = MockServer::start().await;
    let r = ok(json!([{"name": "r1"}])).insert_header("link", r#"<https://elsewhere.example/repos?page=2>; rel="next""#);
    page(&server, "/repos", "page", None, r).await;
    let mut pages = client(&server).repos().list().pages();
    assert_eq!(pages.next().await.unwrap().unwrap().len(), 1);
    let err = pages.next().await.unwrap().unwrap_err();
    assert!(err.to_string().contains("elsewhere.example"), "{err}");
    assert!(pages.next().await.is_none());
}

#[tokio::test]
async fn x_rust_pagination_names_the_cursor() {
    let server = MockServer::start().await;
    page(&server, "/search", "token", None, ok(json!({"hits": ["a"], "meta": {"continuation": "t2"}}))).await;
    page(&server, "/search", "token", Some("t2"), ok(json!({"hits": ["b"], "meta": {"continuation": "t3"}}))).await;
    page(&server, "/search", "token", Some("t3"), ok(json!({"hits": ["c"], "meta": {}}))).await;

    let hits: Vec<String> = client(&server).search("rust").items().try_collect().await.unwrap();
    assert_eq!(hits, ["a", "b", "c"]);
    assert_eq!(sent(&server, "token").await, s(&[None, Some("t2"), Some("t3")]));
    assert_eq!(sent(&server, "q").await, s(&[Some("rust"); 3]));
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_stream() {
    let server = MockServer::start().await;
    page(&server, "/events", "cursor", None, ok(json!({"data": [{"id": "e1"}], "next_cursor": "same"}))).await;
    page(&server, "/events", "cursor", Some("same"), ok(json!({"data": [{"id": "e2"}], "next_cursor": "same"}))).await;

    let events: Vec<_> = client(&server).events().list().items().try_collect().await.unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(sent(&server, "cursor").await, s(&[None, Some("same")]));
}

#[tokio::test]
async fn max_pages_ends_an_endless_stream() {
    let server = MockServer::start().await;
    // Every page points to a new one.
    Mock::given(method("GET"))
        .and(path("/v1/events"))
        .respond_with(|request: &Request| {
            let cursor = request.url.query_pairs().find(|(k, _)| k == "cursor").map(|(_, v)| v.into_owned()).unwrap_or_default();
            ok(json!({"data": [{"id": format!("e{cursor}")}], "next_cursor": format!("{cursor}x")}))
        })
        .mount(&server)
        .await;

    let events: Vec<_> = client(&server).events().list().items().max_pages(3).try_collect().await.unwrap();
    assert_eq!(events.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["e", "ex", "exx"]);
    let pages: Vec<_> = client(&server).events().list().pages().max_pages(2).try_collect().await.unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(sent(&server, "cursor").await, s(&[None, Some("x"), Some("xx"), None, Some("x")]));
}

#[tokio::test]
async fn an_empty_page_ends_the_stream() {
    let server = MockServer::start().await;
    page(&server, "/events", "cursor", None, ok(json!({"data": [{"id": "e1"}], "next_cursor": "c2"}))).await;
    page(&server, "/events", "cursor", Some("c2"), ok(json!({"data": [], "next_cursor": "c3"}))).await;

    let pages: Vec<_> = client(&server).events().list().pages().try_collect().await.unwrap();
    assert_eq!(pages.iter().map(|p| p.data.len()).collect::<Vec<_>>(), [1, 0]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_error_is_yielded_once_and_ends_the_stream() {
    let server = MockServer::start().await;
    page(&server, "/events", "cursor", None, ok(json!({"data": [{"id": "e1"}], "next_cursor": "c2"}))).await;
    page(&server, "/events", "cursor", Some("c2"), ResponseTemplate::new(503).set_body_string("down")).await;

    let mut items = client(&server).events().list().items();
    assert_eq!(items.next().await.unwrap().unwrap().id, "e1");
    let err = items.next().await.unwrap().unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert!(items.next().await.is_none());
}
