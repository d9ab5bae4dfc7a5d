//! OpenAPI 3.1 end to end, through the test-only `tests/specs/notes.yaml`: its nullable forms
//! (`type: [T, "null"]`, `anyOf`/`oneOf` with a `null` branch), `const` and a union tagged by a
//! `const` property read JSON into typed values and write it back unchanged, and the generated
//! client calls a server on 127.0.0.1.

use notes_client::models::{Color, CreatedType, Folder, MovedType, Note, NoteEvent, NotePriority, NoteVersion};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Deserializes, serializes back, and asserts the JSON is unchanged. Returns the typed value.
fn roundtrip<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{} does not deserialize: {e}\n{value:#}", std::any::type_name::<T>()));
    assert_eq!(serde_json::to_value(&typed).unwrap(), value, "{} does not round-trip", std::any::type_name::<T>());
    typed
}

#[test]
fn nullable_forms_read_null_and_values() {
    // Every nullable form set to null: `type: [string, "null"]`, `anyOf: [$ref, null]`, `oneOf: [date-time, null]`.
    let empty: Note = roundtrip(json!({
        "id": "n1", "title": null, "body": "Buy milk", "folder": null, "pinned_at": null, "archived": false
    }));
    assert_eq!((empty.title, empty.folder, empty.pinned_at), (None, None, None));

    // The same fields with values, and the optional ones present.
    let full: Note = roundtrip(json!({
        "id": "n2", "title": "Groceries", "body": "Buy milk",
        "folder": {"id": "f1", "name": "Home"}, "pinned_at": "2024-05-01T10:00:00Z", "archived": true,
        "color": "blue", "priority": "high", "version": 1
    }));
    assert_eq!(full.title.as_deref(), Some("Groceries"));
    assert_eq!(full.folder, Some(Folder { id: "f1".into(), name: "Home".into() }));
    assert_eq!(full.pinned_at.unwrap().to_rfc3339(), "2024-05-01T10:00:00+00:00");
    assert_eq!(full.color, Some(Color::Blue));
    // `type: [integer, string]` is a union of the two.
    assert_eq!(full.priority, Some(NotePriority::String("high".into())));
    let ranked: Note = roundtrip(json!({
        "id": "n3", "title": null, "body": "", "folder": null, "pinned_at": null, "archived": false, "priority": 3
    }));
    assert_eq!(ranked.priority, Some(NotePriority::Integer(3)));
    // `const: 1` is a one-value enum.
    assert_eq!(full.version, Some(NoteVersion::V1));
}

#[test]
fn const_tagged_union_picks_the_variant_by_tag() {
    let created: NoteEvent = roundtrip(json!({"type": "created", "at": "2024-05-01T10:00:00Z"}));
    assert!(matches!(&created, NoteEvent::Created(c) if c.type_ == CreatedType::Created));

    let moved: NoteEvent = roundtrip(json!({
        "type": "moved", "at": "2024-05-02T10:00:00Z", "from": null, "to": {"id": "f2", "name": "Work"}
    }));
    let NoteEvent::Moved(m) = &moved else { panic!("not Moved: {moved:?}") };
    assert_eq!((m.type_.clone(), m.from.clone(), m.to.name.as_str()), (MovedType::Moved, None, "Work"));

    // An inline branch fixed with `const` is a variant too.
    let deleted: NoteEvent = roundtrip(json!({"type": "deleted", "at": "2024-05-03T10:00:00Z"}));
    assert!(matches!(deleted, NoteEvent::Deleted(_)), "{deleted:?}");

    // A tag added later is kept as received.
    let later: NoteEvent = roundtrip(json!({"type": "shared", "with": "bob"}));
    assert!(matches!(later, NoteEvent::Unknown(_)), "{later:?}");

    // A known tag with a body that does not match its variant is an error, not another variant.
    assert!(serde_json::from_value::<NoteEvent>(json!({"type": "moved", "at": "2024-05-02T10:00:00Z"})).is_err());
}

#[tokio::test]
async fn the_client_reads_a_31_response_from_a_server() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/notes/n1/events"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"type": "created", "at": "2024-05-01T10:00:00Z"},
            {"type": "moved", "at": "2024-05-02T10:00:00Z", "from": {"id": "f1", "name": "Home"}, "to": {"id": "f2", "name": "Work"}}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let client = notes_client::Client::builder().bearer_token("t").base_url(format!("{}/v1", server.uri())).build().unwrap();
    let events = client.notes().events("n1").limit(2).await.unwrap();
    assert_eq!(events.len(), 2);
    assert!(matches!(&events[1], NoteEvent::Moved(m) if m.from.as_ref().is_some_and(|f| f.name == "Home")));
}

#[test]
fn webhook_payloads_are_models_and_listed_in_api_md() {
    let api = std::fs::read_to_string(workspace_tests::root().join("tests/generated/notes-client/API.md")).unwrap();
    assert!(api.contains("## Webhooks"), "{api}");
    assert!(api.contains("| `note.changed` | `POST` | `models::NoteEvent` | Sent when a note changes. |"), "{api}");
}
