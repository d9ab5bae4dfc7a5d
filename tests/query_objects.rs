//! Query parameters reach the server as OpenAPI's styles say. Lists: `form` with `explode` (the
//! default) repeats the parameter, without `explode` joins the values with commas (spaces, pipes
//! for `spaceDelimited`, `pipeDelimited`). Objects: `form` writes each property as its own
//! parameter, without `explode` `name=k1,v1,k2,v2`, `deepObject` writes `name[property]`, and
//! deeper levels `name[a][b]`, `name[list][]`; properties left unset are not sent. A union sends
//! whichever form it holds: a scalar as `name=value`, an object per the style. Observed through
//! the widgets client on 127.0.0.1.

use std::collections::BTreeMap;

use widgets_client::models::{Bounds, Color, Filter, FilterOwner, Point, RangeFilter, Window, WidgetsListKey, WidgetsListUpdated};
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

/// A client of a fresh local server that answers every list with `[]`.
async fn serve() -> (MockServer, widgets_client::Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/api/widgets")).respond_with(ResponseTemplate::new(200).set_body_string("[]")).mount(&server).await;
    let client = widgets_client::Client::builder().bearer_token("t").base_url(format!("{}/api", server.uri())).build().unwrap();
    (server, client)
}

/// The decoded query pairs of each request the server received, in order, and the raw query.
async fn received(server: &MockServer) -> Vec<(Vec<(String, String)>, String)> {
    let requests = server.received_requests().await.unwrap();
    requests.iter().map(|r| (r.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect(), r.url.query().unwrap_or("").to_owned())).collect()
}

fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
    want.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[tokio::test]
async fn a_deep_object_range_filter_sends_a_range_or_a_plain_value() {
    let (server, client) = serve().await;
    let range = WidgetsListUpdated::RangeFilter(RangeFilter { gt: Some(1_700_000_000), gte: None, lt: Some(1_800_000_000), lte: None });
    client.widgets().list().updated(&range).await.unwrap();
    client.widgets().list().updated(&WidgetsListUpdated::Integer(1_700_000_000)).await.unwrap();

    let got = received(&server).await;
    assert_eq!(got[0].1, "updated%5Bgt%5D=1700000000&updated%5Blt%5D=1800000000");
    assert_eq!(got[0].0, pairs(&[("updated[gt]", "1700000000"), ("updated[lt]", "1800000000")]));
    assert_eq!(got[1].1, "updated=1700000000");
}

#[tokio::test]
async fn nested_deep_objects_and_maps_use_brackets_at_every_level() {
    let (server, client) = serve().await;
    let filter = Filter {
        name: Some("w".into()),
        owner: Some(FilterOwner { name: Some("ann".into()), team: None }),
        tags: Some(vec!["a".into(), "b c".into()]),
        sizes: Some(vec![Bounds { min: Some(1), max: None }, Bounds { min: None, max: Some(9) }]),
    };
    let labels: BTreeMap<String, String> = [("any key".to_string(), "v".to_string()), ("env".to_string(), "prod".to_string())].into();
    client.widgets().list().filter(&filter).labels(&labels).await.unwrap();

    let mut got = received(&server).await.remove(0).0;
    got.sort();
    let want = [
        ("filter[name]", "w"),
        ("filter[owner][name]", "ann"),
        ("filter[sizes][0][min]", "1"),
        ("filter[sizes][1][max]", "9"),
        ("filter[tags][]", "a"),
        ("filter[tags][]", "b c"),
        ("labels[any key]", "v"),
        ("labels[env]", "prod"),
    ];
    assert_eq!(got, pairs(&want));
}

#[tokio::test]
async fn flat_and_delimited_styles_send_one_parameter() {
    let (server, client) = serve().await;
    let words = ["red".to_string(), "big box".to_string()];
    client.widgets().list().corner(&Point { x: 1, y: 2 }).words(&words).codes(&[3, 4]).await.unwrap();

    let got = received(&server).await.remove(0).0;
    assert_eq!(got, pairs(&[("corner", "x,1,y,2"), ("words", "red big box"), ("codes", "3|4")]));
}

#[tokio::test]
async fn an_optional_object_is_sent_only_when_set_and_a_scalar_union_as_its_value() {
    let (server, client) = serve().await;
    client.widgets().list().await.unwrap();
    client.widgets().list().near(&Point { x: -1, y: 0 }).key(&WidgetsListKey::Integer(7)).await.unwrap();
    client.widgets().list().key(&WidgetsListKey::String("a&b".into())).await.unwrap();

    let got = received(&server).await;
    assert_eq!(got[0].1, "");
    assert_eq!(got[1].0, pairs(&[("near[x]", "-1"), ("near[y]", "0"), ("key", "7")]));
    assert_eq!(got[2].0, pairs(&[("key", "a&b")]));
    assert_eq!(got[2].1, "key=a%26b");
}
