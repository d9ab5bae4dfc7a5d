//! Absent, `null` and a value, end to end, through the test-only `tests/specs/profiles.yaml`: the
//! generated client sends PATCH bodies whose optional nullable fields (`Nullable<T>`) leave a
//! field out, send `null` or send the value, as the server on 127.0.0.1 receives them, and reads
//! the three states back from its responses. Bodies are built with `Default` and `new(..)`.

use profiles_client::models::{ManagerRef, NewProfile, Profile, ProfilePatch};
use profiles_client::{Client, Nullable};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).bearer_token("t").retries(0).build().unwrap()
}

/// The JSON body of the one request the server received.
async fn received(server: &MockServer) -> Value {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    serde_json::from_slice(&requests[0].body).unwrap()
}

/// PATCH `body` to a server that answers `response`; returns what the server received and what
/// the client read.
async fn patch(body: &ProfilePatch, response: Value) -> (Value, Profile) {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/profiles/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(response))
        .mount(&server)
        .await;
    let profile = client(&server).await.profiles().update("p1", body).await.unwrap();
    (received(&server).await, profile)
}

#[tokio::test]
async fn an_absent_field_is_left_out() {
    let body = ProfilePatch { name: Some("Ada".into()), ..Default::default() };
    assert_eq!(body.bio, Nullable::Absent);
    let (sent, profile) = patch(&body, json!({"id": "p1", "name": "Ada", "email": null})).await;
    assert_eq!(sent, json!({"name": "Ada"}));
    // Fields the server left out read back absent, and stay out when written again.
    assert_eq!((profile.bio.clone(), profile.age, profile.manager.clone()), (Nullable::Absent, Nullable::Absent, Nullable::Absent));
    assert_eq!(profile.email, None);
    assert_eq!(serde_json::to_value(&profile).unwrap(), json!({"id": "p1", "name": "Ada", "email": null}));
}

#[tokio::test]
async fn a_null_field_is_sent_as_null() {
    let body = ProfilePatch { bio: Nullable::Null, age: Nullable::Null, manager: Nullable::Null, ..Default::default() };
    let response = json!({"id": "p1", "name": "Ada", "email": null, "bio": null, "age": null, "manager": null});
    let (sent, profile) = patch(&body, response.clone()).await;
    assert_eq!(sent, json!({"bio": null, "age": null, "manager": null}));
    assert_eq!((profile.bio.clone(), profile.age, profile.manager.clone()), (Nullable::Null, Nullable::Null, Nullable::Null));
    assert_eq!(serde_json::to_value(&profile).unwrap(), response);
}

#[tokio::test]
async fn a_value_is_sent_as_the_value() {
    let body = ProfilePatch {
        bio: "Mathematician".to_string().into(),
        age: Some(36).into(),
        manager: Nullable::Value(ManagerRef::new("p0")),
        ..Default::default()
    };
    let response = json!({
        "id": "p1", "name": "Ada", "email": "ada@example.com", "bio": "Mathematician", "age": 36, "manager": {"id": "p0"}
    });
    let (sent, profile) = patch(&body, response.clone()).await;
    assert_eq!(sent, json!({"bio": "Mathematician", "age": 36, "manager": {"id": "p0"}}));
    assert_eq!(profile.bio.as_deref(), Some("Mathematician"));
    assert_eq!(profile.age, Nullable::Value(36));
    assert_eq!(profile.manager.value().map(|m| m.id.as_str()), Some("p0"));
    assert_eq!(profile.email.as_deref(), Some("ada@example.com"));
    assert_eq!(serde_json::to_value(&profile).unwrap(), response);
}

/// The three states in one body, and a body read back from JSON writes the same JSON.
#[tokio::test]
async fn the_three_states_mix_and_read_back_the_same() {
    let body = ProfilePatch { bio: Nullable::Null, age: 7.into(), ..Default::default() };
    let (sent, _) = patch(&body, json!({"id": "p1", "name": "Ada", "email": null})).await;
    assert_eq!(sent, json!({"bio": null, "age": 7}));
    let read: ProfilePatch = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(read, body);
    assert_eq!(read.manager, Nullable::Absent);
    assert_eq!(serde_json::to_value(&read).unwrap(), sent);
}

/// `new(..)` takes the required fields (a required nullable one as `Option`, always sent); the
/// optional ones are set by name.
#[tokio::test]
async fn new_takes_the_required_fields_and_the_others_are_set_by_name() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/profiles"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "p2", "name": "Grace", "email": null, "bio": "Admiral"})))
        .mount(&server)
        .await;
    let client = client(&server).await;

    let body = NewProfile { bio: "Admiral".to_string().into(), ..NewProfile::new("Grace", None) };
    let profile = client.profiles().create(&body).await.unwrap();
    assert_eq!(received(&server).await, json!({"name": "Grace", "email": null, "bio": "Admiral"}));
    assert_eq!(profile, Profile { bio: Nullable::Value("Admiral".into()), ..Profile::new("p2", "Grace", None) });
}

/// A wrong type in a nullable field is an error, not a silent `Absent` or `Null`.
#[tokio::test]
async fn a_wrong_type_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/profiles/p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "p1", "name": "Ada", "email": null, "age": "old"})))
        .mount(&server)
        .await;
    let err = client(&server).await.profiles().get("p1").await.unwrap_err();
    assert_eq!(err.kind(), profiles_client::ErrorKind::Decode, "{err}");
}
