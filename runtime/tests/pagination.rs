//! A page whose body is not JSON: the next page's position cannot be read from it, so the
//! stream yields the page (it decoded) and then a decode error naming the operation, instead of
//! ending as if the pages were done.

mod common;

use api_runtime::{Call, Core, ErrorKind, StreamExt, codegen::{decode, ErrorSpec, Pagination}};
use common::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

static CURSOR: Pagination = Pagination::Cursor {
    param: "cursor",
    next: "/next_cursor",
    items: "/data",
};

async fn server_answering(body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_owned(), "text/plain"))
        .mount(&server)
        .await;
    server
}

/// A list call whose pages are read as text, so any body decodes.
fn list(core: &Core) -> Call<String, CfErrors> {
    core.call(&GET_TOKEN, "/tokens".into(), decode::text, ErrorSpec::json())
}

#[tokio::test]
async fn a_page_that_is_not_json_is_an_error_item_naming_the_operation() {
    let server = server_answering("<html>maintenance</html>").await;
    let core = bearer_core(&server.uri());
    let mut pages = list(&core).pages(&CURSOR);
    assert_eq!(pages.next().await.unwrap().unwrap(), "<html>maintenance</html>");
    let err = pages.next().await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.operation(), "accounts.tokens.get");
    assert!(err.to_string().contains("accounts.tokens.get"), "{err}");
    assert!(pages.next().await.is_none());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let mut items = list(&core).items::<String>(&CURSOR);
    let err = items.next().await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(items.next().await.is_none());
}

#[tokio::test]
async fn an_empty_page_still_ends_the_pages_quietly() {
    let server = server_answering("").await;
    let core = bearer_core(&server.uri());
    let pages: Vec<_> = list(&core).pages(&CURSOR).collect().await;
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].as_deref().unwrap(), "");
}
