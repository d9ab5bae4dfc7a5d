//! `application/x-www-form-urlencoded` bodies, written as OpenAPI's Encoding Object says.
//!
//! Each property of the body's object is written like a query parameter of its own name: by
//! default `style: form, explode: true` (a list is one `name=value` pair per item, an object's
//! properties are pairs of their own), or as the body's `encoding` entry for it says (a
//! [`QueryStyle`], or `contentType: application/json`: one pair whose value is the property's
//! JSON text). The pairs are then encoded the form way (spaces as `+`), properties in key order
//! (as [`QueryStyle`] writes an object's). Absent and `null` properties send nothing.

use serde::Serialize;
use serde_json::Value;

use crate::query_style::{in_key_order, value_pairs, QueryStyle};

/// How one property of a form body is written: the body's `encoding` entry for it. A property
/// without one is written as `FormField::Styled(QueryStyle::Form)`, OpenAPI's default.
///
/// ```
/// use api_runtime::{codegen::{FormField, QueryStyle}};
///
/// // encoding: {tags: {style: form, explode: false}, filter: {style: deepObject}, meta: {contentType: application/json}}
/// let encoding: &[(&str, FormField)] = &[
///     ("tags", FormField::Styled(QueryStyle::FormFlat)),        // tags=a,b
///     ("filter", FormField::Styled(QueryStyle::DeepObject)),    // filter[kind]=x
///     ("meta", FormField::Json),                                // meta={"a":1}
/// ];
/// # let _ = encoding;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormField {
    /// As a query parameter of this style (`style` and `explode`).
    Styled(QueryStyle),
    /// As one `name=value` pair whose value is the property's JSON text
    /// (`contentType: application/json` without a `style`).
    Json,
}

/// Why a form body could not be written.
#[derive(Debug)]
pub(crate) enum FormError {
    /// The body does not serialize.
    Serialize(serde_json::Error),
    /// The body is a list whose items are not `(name, value)` pairs.
    NotPairs,
    /// The body is neither an object nor a list of pairs.
    NotObject,
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::Serialize(e) => e.fmt(f),
            FormError::NotPairs => f.write_str("a form body that is a list must hold (name, value) pairs"),
            FormError::NotObject => f.write_str("a form body must be an object (its properties are the form's fields)"),
        }
    }
}

impl std::error::Error for FormError {}

/// The body's text: the properties of what `body` serializes to, each per its entry in
/// `encoding` (by wire name), else as `style: form, explode: true`; or, for a list of
/// `(name, value)` pairs, each pair in order.
pub(crate) fn encode<B: Serialize + ?Sized>(body: &B, encoding: &[(&str, FormField)]) -> Result<String, FormError> {
    let value = serde_json::to_value(body).map_err(FormError::Serialize)?;
    let mut pairs = Vec::new();
    let properties = match &value {
        Value::Object(properties) => properties,
        Value::Null => return Ok(String::new()),
        // A list of `(name, value)` pairs, sent in order (as `serde_urlencoded` takes them).
        Value::Array(items) => {
            for item in items {
                match item.as_array().map(Vec::as_slice) {
                    Some([Value::String(name), value]) => value_pairs(name, value, QueryStyle::Form, &mut pairs),
                    _ => return Err(FormError::NotPairs),
                }
            }
            return Ok(form_text(pairs));
        }
        _ => return Err(FormError::NotObject),
    };
    for (name, v) in in_key_order(properties) {
        let field = encoding.iter().find(|(wire, _)| wire == name).map_or(FormField::Styled(QueryStyle::Form), |(_, field)| *field);
        match field {
            FormField::Styled(style) => value_pairs(name, v, style, &mut pairs),
            FormField::Json if v.is_null() => {}
            FormField::Json => pairs.push((name.clone(), v.to_string())),
        }
    }
    Ok(form_text(pairs))
}

/// The pairs encoded the form way: spaces as `+`, other reserved characters percent-encoded.
fn form_text(pairs: Vec<(String, String)>) -> String {
    let mut text = form_urlencoded::Serializer::new(String::new());
    text.extend_pairs(pairs);
    text.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(value: Value, encoding: &[(&str, FormField)]) -> String {
        encode(&value, encoding).unwrap()
    }

    #[test]
    fn lists_are_one_pair_per_item_by_default() {
        let body = json!({"name": "a b", "tags": ["x", "y&z"], "ids": [1, 2], "gone": null, "none": []});
        assert_eq!(form(body, &[]), "ids=1&ids=2&name=a+b&tags=x&tags=y%26z");
    }

    #[test]
    fn encoding_entries_choose_each_property_style() {
        let body = json!({
            "flat": ["a", "b"], "spaced": ["a", "b"], "piped": [1, 2],
            "filter": {"kind": "x", "range": {"gt": 1}}, "meta": {"k": "v"}, "note": "plain"
        });
        let encoding = [
            ("flat", FormField::Styled(QueryStyle::FormFlat)),
            ("spaced", FormField::Styled(QueryStyle::SpaceDelimited)),
            ("piped", FormField::Styled(QueryStyle::PipeDelimited)),
            ("filter", FormField::Styled(QueryStyle::DeepObject)),
            ("meta", FormField::Json),
        ];
        let want = "filter%5Bkind%5D=x&filter%5Brange%5D%5Bgt%5D=1&flat=a%2Cb&meta=%7B%22k%22%3A%22v%22%7D&note=plain&piped=1%7C2&spaced=a+b";
        assert_eq!(form(body, &encoding), want);
    }

    #[test]
    fn an_object_property_by_default_is_pairs_of_its_own() {
        assert_eq!(form(json!({"meta": {"a": 1, "b": [true]}}), &[]), "a=1&b=true");
    }

    #[test]
    fn a_list_of_pairs_is_sent_in_order() {
        assert_eq!(encode(&[("name", "c i"), ("n", "1"), ("a", "2")], &[]).unwrap(), "name=c+i&n=1&a=2");
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused() {
        assert!(matches!(encode(&json!(["a"]), &[]), Err(FormError::NotPairs)));
        assert_eq!(encode(&json!("text"), &[]).unwrap_err().to_string(), "a form body must be an object (its properties are the form's fields)");
        assert_eq!(form(json!(null), &[]), "");
    }
}
