//! Query parameters reach the server as OpenAPI's styles say. Lists: `form` with `explode` (the
//! default) repeats the parameter, without `explode` joins the values with commas. Objects:
//! `form` writes each property as its own parameter, `deepObject` writes `name[property]`;
//! properties left unset are not sent. Observed through the widgets client on 127.0.0.1.

use widgets_client::models::{Bounds, Color, Window};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn form_and_deep_object_parameters_are_written_property_by_property() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/api/widgets")).respond_with(ResponseTemplate::new(200).set_body_string("[]")).expect(1).mount(&server).await;
    let client = widgets_client::Client::builder().bearer_token("t").base_url(format!("{}/api", server.uri())).build().unwrap();

    let window = Window { since: Some("2024-01-01".into()), until: None };
    let size = Bounds { min: Some(2), max: Some(10) };
    let widgets = client.widgets().list().created(&window).size(&size).page(3).await.unwrap();
    assert!(widgets.is_empty());

    let received = server.received_requests().await.unwrap();
    let mut pairs: Vec<(String, String)> = received[0].url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    pairs.sort();
    let want = [("page", "3"), ("since", "2024-01-01"), ("size[max]", "10"), ("size[min]", "2")];
    assert_eq!(pairs, want.map(|(k, v)| (k.to_owned(), v.to_owned())), "query: {:?}", received[0].url.query());
    // Brackets are percent-encoded like every other reserved character.
    assert!(received[0].url.query().unwrap().contains("size%5Bmin%5D=2"), "{:?}", received[0].url.query());
}

#[tokio::test]
async fn list_and_enum_parameters_are_repeated_or_joined() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/api/widgets")).respond_with(ResponseTemplate::new(200).set_body_string("[]")).expect(1).mount(&server).await;
    let client = widgets_client::Client::builder().bearer_token("t").base_url(format!("{}/api", server.uri())).build().unwrap();

    let tags = ["blue sky".to_string(), "b&w".to_string()];
    client.widgets().list().tag(&tags).ids(&[3, 1]).color(Color::Green).await.unwrap();

    let received = server.received_requests().await.unwrap();
    let pairs: Vec<(String, String)> = received[0].url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let want = [("tag", "blue sky"), ("tag", "b&w"), ("ids", "3,1"), ("color", "green")];
    assert_eq!(pairs, want.map(|(k, v)| (k.to_owned(), v.to_owned())), "query: {:?}", received[0].url.query());
}
