//! `object!` reads and writes what the serde derives do, with the same errors.

use api_macros::Nullable;
use serde_json::{json, Value};

/// Built with `object!`.
#[derive(Debug, Default, PartialEq)]
pub struct Compact {
    pub id: u64,
    pub r#type: String,
    pub title: Option<String>,
    pub due_at: Option<String>,
    pub body: Nullable<Vec<u8>>,
    pub child: Option<Box<Compact>>,
}

api_macros::object!(Compact {
    id("id", 0) req,
    r#type("type", 1) req,
    title("title", 2) opt,
    due_at("due-at", 3) null,
    body("body", 4) tri,
    child("child", 5) opt,
});

/// The same struct with the serde derives, as the generator wrote it before `object!`.
#[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Derived {
    pub id: u64,
    pub r#type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(rename = "due-at")]
    pub due_at: Option<String>,
    #[serde(default, skip_serializing_if = "api_macros::Nullable::is_absent")]
    pub body: Nullable<Vec<u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child: Option<Box<Derived>>,
}

/// One of each, for untagged enums (which buffer the input first).
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Either {
    Compact(Compact),
    Other(Value),
}

fn both(text: &str) -> (Result<Compact, String>, Result<Derived, String>) {
    (serde_json::from_str(text).map_err(|e| e.to_string()), serde_json::from_str(text).map_err(|e| e.to_string()))
}

#[test]
fn reads_and_writes_what_the_derives_do() {
    let inputs = [
        r#"{"id": 1, "type": "a"}"#,
        r#"{"id": 1, "type": "a", "title": null, "due-at": null, "body": null}"#,
        r#"{"id": 1, "type": "a", "title": "t", "due-at": "d", "body": [1, 2], "extra": {"x": [1]}}"#,
        r#"{"id": 1, "type": "a", "child": {"id": 2, "type": "b", "body": []}}"#,
        r#"{"i\u0064": 1, "typ\u0065": "escaped keys"}"#,
    ];
    for text in inputs {
        let (compact, derived) = both(text);
        let (compact, derived) = (compact.unwrap(), derived.unwrap());
        let (a, b) = (serde_json::to_value(&compact).unwrap(), serde_json::to_value(&derived).unwrap());
        assert_eq!(a, b, "{text}");
        assert_eq!(serde_json::to_string(&compact).unwrap(), serde_json::to_string(&derived).unwrap());
        // Keys that are not borrowed from the input, and a `Value` as the input.
        assert_eq!(serde_json::from_reader::<_, Compact>(text.as_bytes()).unwrap(), compact);
        assert_eq!(serde_json::from_value::<Compact>(a).unwrap(), compact);
        // Buffered by an untagged enum.
        assert_eq!(serde_json::from_str::<Either>(text).unwrap(), Either::Compact(compact));
    }
    let empty = serde_json::to_value(Compact::default()).unwrap();
    assert_eq!(empty, json!({"id": 0, "type": "", "due-at": null}));
}

#[test]
fn errors_name_the_field_as_the_derives_do() {
    for text in [
        r#"{"type": "a"}"#,
        r#"{"id": 1}"#,
        r#"{"id": "1", "type": "a"}"#,
        r#"{"id": 1, "type": "a", "body": "not bytes"}"#,
        r#"{"id": 1, "id": 2, "type": "a"}"#,
        r#"{"id": 1, "type": "a", "child": {"type": "b"}}"#,
        r#"{"id": 1, "type": "a", "extra": [1, }"#,
        r#"{"id": 1, "type": "a", "extra": 1, "title": 2}"#,
        r#"{"id": 1, "typ"#,
        r#"[1, "a"]"#,
        r#""text""#,
    ] {
        let (compact, derived) = both(text);
        let compact = compact.unwrap_err();
        match text {
            // The derives also read a struct from a sequence of its fields; `object!` does not.
            r#"[1, "a"]"# => {
                assert!(derived.unwrap_err().starts_with("invalid length 2"));
                assert_eq!(compact, "invalid type: sequence, expected struct Compact at line 1 column 1");
            }
            _ => assert_eq!(compact, derived.unwrap_err().replace("Derived", "Compact"), "{text}"),
        }
    }
    assert_eq!(both(r#"{"type": "a"}"#).0.unwrap_err(), "missing field `id` at line 1 column 13");
    assert_eq!(both(r#"{"id": 1, "id": 2, "type": "a"}"#).0.unwrap_err(), "duplicate field `id` at line 1 column 14");
    let missing = serde_json::from_value::<Compact>(json!({"id": 1})).unwrap_err().to_string();
    assert_eq!(missing, "missing field `type`");
}

/// A struct without fields.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DerivedEmpty {}

#[derive(Debug, PartialEq)]
pub struct Empty {}

api_macros::object!(Empty {});

#[test]
fn a_struct_without_fields_is_an_object() {
    assert_eq!(serde_json::to_string(&Empty {}).unwrap(), serde_json::to_string(&DerivedEmpty {}).unwrap());
    assert_eq!(serde_json::from_str::<Empty>(r#"{"a": [1, {"b": null}]}"#).unwrap(), Empty {});
    assert_eq!(serde_json::from_str::<DerivedEmpty>(r#"{"a": 1}"#).unwrap(), DerivedEmpty {});
    let err = serde_json::from_str::<Empty>("null").unwrap_err().to_string();
    assert_eq!(err, serde_json::from_str::<DerivedEmpty>("null").unwrap_err().to_string().replace("DerivedEmpty", "Empty"));
}

/// A field whose value cannot be written as JSON (a map with non-string keys).
#[derive(Debug, Default)]
pub struct Unwritable {
    pub before: u8,
    pub map: std::collections::BTreeMap<(u8, u8), u8>,
    pub after: Option<u8>,
}

api_macros::object!(Unwritable { before("before", 0) req, map("map", 1) req, after("after", 2) opt });

#[derive(Debug, Default, serde::Serialize)]
pub struct DerivedUnwritable {
    pub before: u8,
    pub map: std::collections::BTreeMap<(u8, u8), u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<u8>,
}

#[test]
fn a_field_that_cannot_be_written_is_the_error() {
    let mut value = Unwritable { after: Some(1), ..Default::default() };
    value.map.insert((1, 2), 3);
    let mut derived = DerivedUnwritable { after: Some(1), ..Default::default() };
    derived.map.insert((1, 2), 3);
    let err = serde_json::to_string(&value).unwrap_err().to_string();
    assert_eq!(err, serde_json::to_string(&derived).unwrap_err().to_string());
    assert_eq!(err, "key must be a string");
    // Without the bad entry both write the same.
    value.map.clear();
    derived.map.clear();
    assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"before":0,"map":{},"after":1}"#);
    assert_eq!(serde_json::to_string(&value).unwrap(), serde_json::to_string(&derived).unwrap());
}
