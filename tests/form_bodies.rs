//! `application/x-www-form-urlencoded` bodies reach the server as OpenAPI's Encoding Object
//! says: a list is one `name=value` pair per item by default (`style: form, explode: true`),
//! and the body's `encoding` entries make a property comma-joined (`explode: false`), space- or
//! pipe-delimited, a deepObject, or one JSON value (`contentType: application/json`). Observed
//! through the files client on 127.0.0.1.

use files_client::models::{SearchForm, SearchFormFilter, SearchFormMeta};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Sends `form` to a fresh server and returns the body it received, raw and as decoded pairs
/// (in order), after checking the answer was decoded.
async fn send(form: &SearchForm) -> (String, Vec<(String, String)>) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/search"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"count": 2}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = files_client::Client::builder().base_url(format!("{}/v1", server.uri())).build().unwrap();
    let found = client.files().search(form).await.unwrap();
    assert_eq!(found.count, 2);
    let received = server.received_requests().await.unwrap();
    let body = String::from_utf8(received[0].body.clone()).unwrap();
    let url = api_runtime::reqwest::Url::parse(&format!("http://form.test/?{body}")).unwrap();
    let pairs = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    (body, pairs)
}

fn want(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[tokio::test]
async fn a_list_is_one_pair_per_item() {
    let form = SearchForm { tags: Some(vec!["blue sky".into(), "b&w".into()]), ..SearchForm::new("a+b") };
    let (body, pairs) = send(&form).await;
    assert_eq!(pairs, want(&[("query", "a+b"), ("tags", "blue sky"), ("tags", "b&w")]), "{body}");
    // Form encoding: spaces as `+`, reserved characters percent-encoded.
    assert_eq!(body, "query=a%2Bb&tags=blue+sky&tags=b%26w");
}

#[tokio::test]
async fn encoding_entries_write_each_property_as_the_spec_says() {
    let form = SearchForm {
        ids: Some(vec![3, 1]),
        words: Some(vec!["red".into(), "fox".into()]),
        labels: Some(vec!["p".into(), "q".into()]),
        filter: Some(SearchFormFilter { kind: Some("doc".into()), owner: Some("me".into()) }),
        meta: Some(SearchFormMeta { source: Some("cli".into()) }),
        ..SearchForm::new("x")
    };
    let (body, pairs) = send(&form).await;
    let expected = [
        ("filter[kind]", "doc"),
        ("filter[owner]", "me"),
        ("ids", "3,1"),
        ("labels", "p|q"),
        ("meta", r#"{"source":"cli"}"#),
        ("query", "x"),
        ("words", "red fox"),
    ];
    assert_eq!(pairs, want(&expected), "{body}");
}

#[tokio::test]
async fn absent_properties_and_empty_lists_send_nothing() {
    let form = SearchForm { tags: Some(Vec::new()), filter: Some(SearchFormFilter::default()), ..SearchForm::new("only") };
    let (body, _) = send(&form).await;
    assert_eq!(body, "query=only");
}
