//! Query parameters of any serializable value (objects, unions, maps, lists of objects), written
//! as OpenAPI's `style`/`explode` describe.
//!
//! The value goes through `serde_json::Value`, then becomes a flat list of `(key, value)` pairs.
//! OpenAPI defines one level of object; deeper levels follow the de-facto bracket convention
//! (Rails, PHP, `qs`, Stripe): `name[a][b]=v` for a nested property, `name[a][]=v` for each
//! scalar of a list, `name[a][0][b]=v` for the objects of a list.

use serde::Serialize;
use serde_json::Value;

/// How a query parameter is written into the query string (OpenAPI's `style` and `explode`).
/// A scalar is always one `name=value` pair, whatever the style; `null` is not sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryStyle {
    /// `style: form, explode: true` (OpenAPI's default): an object's properties are parameters
    /// of their own, `?start=1&end=2`; a list repeats the name, `?id=a&id=b`.
    Form,
    /// `style: form, explode: false`: one parameter, comma-separated: `?range=start,1,end,2`,
    /// `?id=a,b`.
    FormFlat,
    /// `style: spaceDelimited`: as [`FormFlat`](Self::FormFlat), separated by spaces.
    SpaceDelimited,
    /// `style: pipeDelimited`: as [`FormFlat`](Self::FormFlat), separated by `|`.
    PipeDelimited,
    /// `style: deepObject`: `?range[start]=1&range[end]=2`; nested objects and lists use
    /// brackets (`?f[owner][name]=x&f[tags][]=a`).
    DeepObject,
}

impl QueryStyle {
    /// The separator of the one-parameter styles.
    fn separator(self) -> Option<&'static str> {
        match self {
            QueryStyle::Form | QueryStyle::DeepObject => None,
            QueryStyle::FormFlat => Some(","),
            QueryStyle::SpaceDelimited => Some(" "),
            QueryStyle::PipeDelimited => Some("|"),
        }
    }
}

/// The `(name, value)` pairs for a parameter called `name`. Absent and `null` properties are
/// left out, and so are empty lists and objects.
pub(crate) fn pairs<T: Serialize + ?Sized>(name: &str, value: &T, style: QueryStyle) -> Result<Vec<(String, String)>, serde_json::Error> {
    let value = serde_json::to_value(value)?;
    let mut out = Vec::new();
    value_pairs(name, &value, style, &mut out);
    Ok(out)
}

/// [`pairs`] of a value already in JSON form, appended to `out`.
pub(crate) fn value_pairs(name: &str, value: &Value, style: QueryStyle, out: &mut Vec<(String, String)>) {
    match (value, style.separator()) {
        (Value::Object(_) | Value::Array(_), Some(sep)) => {
            let mut parts = Vec::new();
            flat(None, value, &mut parts);
            if !parts.is_empty() {
                out.push((name.to_owned(), parts.join(sep)));
            }
        }
        (Value::Array(items), None) => exploded(name, items, out),
        (Value::Object(properties), None) if style == QueryStyle::Form => {
            for (key, v) in in_key_order(properties) {
                match v {
                    Value::Array(items) => exploded(key, items, out),
                    other => bracketed(key.clone(), other, out),
                }
            }
        }
        (other, _) => bracketed(name.to_owned(), other, out),
    }
}

/// A list in an exploded style: its scalars repeat `name`, its objects and lists are
/// `name[index]...`.
fn exploded(name: &str, items: &[Value], out: &mut Vec<(String, String)>) {
    for (i, item) in items.iter().enumerate() {
        match scalar(item) {
            Some(text) => out.push((name.to_owned(), text)),
            None => bracketed(format!("{name}[{i}]"), item, out),
        }
    }
}

/// `value` under `key` in the bracket convention: `key=v`, `key[p]=v`, `key[]=v`, `key[0][p]=v`.
fn bracketed(key: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(properties) => {
            for (k, v) in in_key_order(properties) {
                bracketed(format!("{key}[{k}]"), v, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                match scalar(item) {
                    Some(text) => out.push((format!("{key}[]"), text)),
                    None => bracketed(format!("{key}[{i}]"), item, out),
                }
            }
        }
        other => out.extend(scalar(other).map(|text| (key, text))),
    }
}

/// The parts of a one-parameter style, to be joined: a list's values, an object's keys and
/// values in turn (a nested property's key is bracketed, `owner[name]`).
fn flat(key: Option<&str>, value: &Value, parts: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::Object(properties) => {
            for (k, v) in in_key_order(properties) {
                let key = match key {
                    Some(outer) => format!("{outer}[{k}]"),
                    None => k.clone(),
                };
                if !matches!(v, Value::Object(_)) && !is_empty(v) {
                    parts.push(key.clone());
                }
                flat(Some(&key), v, parts);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| flat(key, item, parts)),
        other => parts.extend(scalar(other)),
    }
}

/// A header's text in OpenAPI's `simple` style: an object's keys and values in turn, `k,v,k,v`
/// (`k=v,k=v` with `explode`), a list's items, `a,b`; a scalar as it is. As in the query,
/// properties go by key, and absent and `null` ones are left out.
pub(crate) fn simple<T: Serialize + ?Sized>(value: &T, explode: bool) -> Result<String, serde_json::Error> {
    let value = serde_json::to_value(value)?;
    let mut parts = Vec::new();
    match (&value, explode) {
        (Value::Object(properties), true) => {
            for (k, v) in in_key_order(properties) {
                let mut text = Vec::new();
                flat(None, v, &mut text);
                if !is_empty(v) {
                    parts.push(format!("{k}={}", text.join(",")));
                }
            }
        }
        _ => flat(None, &value, &mut parts),
    }
    Ok(parts.join(","))
}

/// An object's properties sorted by key. `serde_json`'s map keeps insertion order only when
/// its `preserve_order` feature is on, which any crate in a program can turn on; sorting makes
/// the query string the same either way.
pub(crate) fn in_key_order(properties: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut sorted: Vec<(&String, &Value)> = properties.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    sorted
}

/// Whether a value sends nothing.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.iter().all(is_empty),
        Value::Object(properties) => properties.values().all(is_empty),
        _ => false,
    }
}

/// A scalar as query text: strings as they are, numbers and booleans as JSON writes them;
/// `None` for `null`, objects and lists.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(_) | Value::Number(_) => Some(value.to_string()),
        Value::Null | Value::Object(_) | Value::Array(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The pairs, in the order they are sent: properties by key, list items as listed (the
    /// same whether or not `serde_json`'s `preserve_order` feature is on in the build).
    fn show(style: QueryStyle, value: Value) -> Vec<(String, String)> {
        pairs("range", &value, style).unwrap()
    }

    fn want(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_header_in_simple_style_joins_keys_and_values() {
        let v = json!({"role": "admin", "first_name": "Alex", "gone": null, "age": 3});
        assert_eq!(simple(&v, false).unwrap(), "age,3,first_name,Alex,role,admin");
        assert_eq!(simple(&v, true).unwrap(), "age=3,first_name=Alex,role=admin");
        assert_eq!(simple(&json!(["blue", "black"]), false).unwrap(), "blue,black");
        assert_eq!(simple(&json!(["blue", "black"]), true).unwrap(), "blue,black");
        assert_eq!(simple(&json!("blue"), true).unwrap(), "blue");
    }

    #[test]
    fn form_explode_writes_each_property_and_repeats_lists() {
        let v = json!({"start": "2024-01-01", "end": 5, "ids": ["a", "b"], "gone": null, "ok": true});
        let got = show(QueryStyle::Form, v);
        assert_eq!(got, want(&[("end", "5"), ("ids", "a"), ("ids", "b"), ("ok", "true"), ("start", "2024-01-01")]));
    }

    #[test]
    fn form_explode_brackets_what_is_nested() {
        let v = json!({"owner": {"name": "x", "team": null}, "sizes": [{"min": 1}, 2]});
        let got = show(QueryStyle::Form, v);
        assert_eq!(got, want(&[("owner[name]", "x"), ("sizes[0][min]", "1"), ("sizes", "2")]));
    }

    #[test]
    fn deep_object_brackets_the_keys_at_every_level() {
        let v = json!({"start": 1, "nested": {"a": 1, "b": {"c": "d"}}, "tags": ["x", "y"], "sizes": [{"min": 1}], "gone": null});
        let got = show(QueryStyle::DeepObject, v);
        let expected = [
            ("range[nested][a]", "1"),
            ("range[nested][b][c]", "d"),
            ("range[sizes][0][min]", "1"),
            ("range[start]", "1"),
            ("range[tags][]", "x"),
            ("range[tags][]", "y"),
        ];
        assert_eq!(got, want(&expected));
    }

    #[test]
    fn deep_object_of_a_map_uses_its_keys() {
        let map: std::collections::BTreeMap<&str, &str> = [("any key", "v"), ("b", "w")].into();
        let got = pairs("labels", &map, QueryStyle::DeepObject).unwrap();
        assert_eq!(got, want(&[("labels[any key]", "v"), ("labels[b]", "w")]));
    }

    #[test]
    fn one_parameter_styles_join_keys_and_values() {
        assert_eq!(show(QueryStyle::FormFlat, json!({"start": 1, "end": 2})), want(&[("range", "end,2,start,1")]));
        assert_eq!(show(QueryStyle::FormFlat, json!({"ids": ["a", "b"], "none": [], "gone": null})), want(&[("range", "ids,a,b")]));
        assert_eq!(show(QueryStyle::SpaceDelimited, json!({"x": 1, "y": 2})), want(&[("range", "x 1 y 2")]));
        assert_eq!(show(QueryStyle::PipeDelimited, json!(["a", 1, true])), want(&[("range", "a|1|true")]));
        assert_eq!(show(QueryStyle::FormFlat, json!({"o": {"a": 1}})), want(&[("range", "o[a],1")]));
    }

    #[test]
    fn scalars_are_one_pair_in_every_style() {
        for style in [QueryStyle::Form, QueryStyle::FormFlat, QueryStyle::SpaceDelimited, QueryStyle::PipeDelimited, QueryStyle::DeepObject] {
            assert_eq!(show(style, json!(1700000000)), want(&[("range", "1700000000")]), "{style:?}");
            assert_eq!(show(style, json!("a b")), want(&[("range", "a b")]), "{style:?}");
            assert!(show(style, json!(null)).is_empty(), "{style:?}");
            assert!(show(style, json!({})).is_empty(), "{style:?}");
            assert!(show(style, json!([])).is_empty(), "{style:?}");
        }
    }

    #[test]
    fn lists_in_exploded_styles_repeat_the_name() {
        assert_eq!(show(QueryStyle::Form, json!(["a", "b"])), want(&[("range", "a"), ("range", "b")]));
        assert_eq!(show(QueryStyle::DeepObject, json!([{"gt": 1}])), want(&[("range[0][gt]", "1")]));
    }

    #[test]
    fn a_union_sends_whichever_form_it_holds() {
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Created {
            At(i64),
            Range { gt: Option<i64>, lt: Option<i64> },
        }
        let got = pairs("created", &Created::At(1700000000), QueryStyle::DeepObject).unwrap();
        assert_eq!(got, want(&[("created", "1700000000")]));
        let got = pairs("created", &Created::Range { gt: Some(1), lt: None }, QueryStyle::DeepObject).unwrap();
        assert_eq!(got, want(&[("created[gt]", "1")]));
    }

    #[test]
    fn a_map_with_other_keys_does_not_serialize() {
        let map: std::collections::BTreeMap<(i32, i32), i32> = [((1, 2), 3)].into();
        assert!(pairs("m", &map, QueryStyle::Form).is_err());
    }
}
