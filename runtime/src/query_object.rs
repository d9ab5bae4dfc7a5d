//! Object-valued query parameters, serialized as OpenAPI's `style`/`explode` describe.

use serde::Serialize;
use serde_json::Value;

/// How an object-valued query parameter is written into the query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectStyle {
    /// `style: form, explode: true` (OpenAPI's default): each property is its own parameter,
    /// `?start=1&end=2`; list properties repeat, `?ids=a&ids=b`.
    Form,
    /// `style: form, explode: false`: one parameter of comma-separated keys and values,
    /// `?range=start,1,end,2`.
    FormFlat,
    /// `style: deepObject`: `?range[start]=1&range[end]=2`.
    DeepObject,
}

/// The `(name, value)` pairs for an object parameter called `name`. Absent and `null`
/// properties are left out; a nested object is sent as JSON text. A value that is not an
/// object is sent as one `name=value` pair.
pub(crate) fn pairs<T: Serialize + ?Sized>(name: &str, value: &T, style: ObjectStyle) -> Result<Vec<(String, String)>, serde_json::Error> {
    let value = serde_json::to_value(value)?;
    let Value::Object(properties) = value else {
        return Ok(scalar(&value).map(|v| vec![(name.to_owned(), v)]).unwrap_or_default());
    };
    let mut out = Vec::new();
    let mut flat = Vec::new();
    for (key, v) in &properties {
        let items: Vec<String> = match v {
            Value::Array(items) => items.iter().filter_map(scalar).collect(),
            other => scalar(other).into_iter().collect(),
        };
        if items.is_empty() && !matches!(v, Value::Array(_)) {
            continue;
        }
        match style {
            ObjectStyle::Form => out.extend(items.into_iter().map(|i| (key.clone(), i))),
            ObjectStyle::DeepObject => out.extend(items.into_iter().map(|i| (format!("{name}[{key}]"), i))),
            ObjectStyle::FormFlat => {
                flat.push(key.clone());
                flat.push(items.join(","));
            }
        }
    }
    if style == ObjectStyle::FormFlat && !flat.is_empty() {
        out.push((name.to_owned(), flat.join(",")));
    }
    Ok(out)
}

/// A value as query text: strings as they are, numbers and booleans as JSON writes them,
/// objects and lists as JSON text; `None` for `null`.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The pairs, sorted: property order follows `serde_json`'s map, which depends on whether
    /// its `preserve_order` feature is on in the build.
    fn show(style: ObjectStyle, value: Value) -> Vec<(String, String)> {
        let mut pairs = pairs("range", &value, style).unwrap();
        pairs.sort();
        pairs
    }

    #[test]
    fn form_explode_writes_each_property_and_repeats_lists() {
        let v = json!({"start": "2024-01-01", "end": 5, "ids": ["a", "b"], "gone": null, "ok": true});
        let got = show(ObjectStyle::Form, v);
        let want = [("end", "5"), ("ids", "a"), ("ids", "b"), ("ok", "true"), ("start", "2024-01-01")];
        assert_eq!(got, want.map(|(k, v)| (k.to_owned(), v.to_owned())));
    }

    #[test]
    fn deep_object_brackets_the_keys() {
        let got = show(ObjectStyle::DeepObject, json!({"start": 1, "nested": {"a": 1}}));
        assert_eq!(got, vec![("range[nested]".to_owned(), r#"{"a":1}"#.to_owned()), ("range[start]".to_owned(), "1".to_owned())]);
    }

    #[test]
    fn form_without_explode_is_one_comma_separated_pair() {
        let got = show(ObjectStyle::FormFlat, json!({"start": 1}));
        assert_eq!(got, vec![("range".to_owned(), "start,1".to_owned())]);
        let got = show(ObjectStyle::FormFlat, json!({"ids": ["a", "b"]}));
        assert_eq!(got, vec![("range".to_owned(), "ids,a,b".to_owned())]);
    }

    #[test]
    fn non_objects_and_empty_objects() {
        assert_eq!(show(ObjectStyle::Form, json!("x")), vec![("range".to_owned(), "x".to_owned())]);
        assert!(show(ObjectStyle::Form, json!(null)).is_empty());
        assert!(show(ObjectStyle::FormFlat, json!({})).is_empty());
    }
}
