//! Schema shapes the conformance run against a validating mock found the client getting wrong,
//! on the wire through the test-only `tests/specs/shapes.yaml` against a server on 127.0.0.1:
//! a nullable schema used by `$ref` reads `null` as `None` (an array item, a whole success
//! body); a required read-only property is left out of a request and a required write-only one
//! may be missing from a response; an object whose `oneOf` adds properties sends and reads both
//! its own and the branch's; a path parameter that is a union of scalars is written as the
//! scalar it holds.

use serde_json::{json, Value};
use shapes_client::models::{
    Account, Destination, DestinationVariant, DestinationVariantS3, DestinationVariantS3Type, Macro, PointId, S3Config,
};
use shapes_client::Client;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).bearer_token("t").retries(0).build().unwrap()
}

/// A server answering `verb route` with `status` and `body`.
async fn serving(verb: &str, route: &str, status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb)).and(path(route)).respond_with(ResponseTemplate::new(status).set_body_json(body)).mount(&server).await;
    server
}

/// The JSON body of the one request the server received.
async fn received(server: &MockServer) -> Value {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    serde_json::from_slice(&requests[0].body).unwrap()
}

#[tokio::test]
async fn a_null_item_of_a_nullable_component_is_none() {
    let server = serving("GET", "/macros", 200, json!({"data": [null, {"id": "m1"}]})).await;
    let list = client(&server).await.macros().list().await.unwrap();
    assert_eq!(list.data, vec![None, Some(Macro::new("m1"))]);
}

#[tokio::test]
async fn a_null_body_of_a_nullable_component_is_none() {
    let server = serving("GET", "/macros/m1", 200, Value::Null).await;
    assert_eq!(client(&server).await.macros().get("m1").await.unwrap(), None);
    let server = serving("GET", "/macros/m2", 200, json!({"id": "m2"})).await;
    assert_eq!(client(&server).await.macros().get("m2").await.unwrap(), Some(Macro::new("m2")));
}

#[tokio::test]
async fn read_only_fields_are_not_sent_and_write_only_ones_may_be_missing() {
    // The server's answer has the id (read-only) and no password (write-only), both required.
    let server = serving("PUT", "/accounts/a1", 200, json!({"id": "a1", "name": "Ada"})).await;
    // `new` takes only the name: the type is both the request's and the response's, so the
    // read-only id and the write-only password are optional; the password is set by name.
    let account = Account { password: Some("secret".into()), ..Account::new("Ada") };
    let stored = client(&server).await.accounts().update("a1", &account).await.unwrap();
    assert_eq!(received(&server).await, json!({"name": "Ada", "password": "secret"}), "the id is left out");
    assert_eq!((stored.id.as_deref(), stored.name.as_str(), stored.password), (Some("a1"), "Ada", None));
}

#[tokio::test]
async fn an_object_with_a_one_of_sends_and_reads_the_branch_fields_beside_its_own() {
    let answer = json!({"uid": "d1", "type": "s3", "config": {"bucket": "logs"}});
    let server = serving("POST", "/destinations", 201, answer.clone()).await;
    let s3 = DestinationVariantS3::new(DestinationVariantS3Type::S3, S3Config::new("logs"));
    let destination = Destination { uid: Some("d1".into()), ..Destination::new(DestinationVariant::S3(s3)) };
    let created = client(&server).await.destinations().create(&destination).await.unwrap();
    assert_eq!(received(&server).await, answer, "one object with both the own and the branch's properties");
    assert_eq!(created, destination);
    // A kind this version does not know is kept as received, beside the known fields.
    let server = serving("POST", "/destinations", 201, json!({"uid": "d2", "type": "kafka", "topic": "t"})).await;
    let created = client(&server).await.destinations().create(&destination).await.unwrap();
    assert_eq!(created.uid.as_deref(), Some("d2"));
    assert!(matches!(&created.variant, DestinationVariant::Unknown(v) if v["type"] == "kafka" && v["topic"] == "t"), "{created:?}");
}

#[tokio::test]
async fn a_path_parameter_that_is_a_union_of_scalars_is_written_as_its_scalar() {
    let server = MockServer::start().await;
    for route in ["/points/42", "/points/5f0c5c1e-0000-4000-8000-000000000000"] {
        Mock::given(method("GET")).and(path(route)).respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    }
    let client = client(&server).await;
    client.points().get(&PointId::Integer(42)).await.unwrap();
    client.points().get(&PointId::String("5f0c5c1e-0000-4000-8000-000000000000".into())).await.unwrap();
}
