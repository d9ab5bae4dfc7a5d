//! The inputs of one operation, as JSON: each parameter (keyed by its Rust name) and the body
//! (`body`), from the raw document's parameter and request body of the operation the IR names.

use super::faults;
use super::schema::Sampler;
use crate::ir::{Operation, Param, ParamLocation, QueryStyle};
use serde_json::{Map, Value};

/// The values of an operation's inputs: with only what is required, and with every input set.
pub struct Inputs {
    /// Required parameters and a required body (with its required properties).
    pub required: Map<String, Value>,
    /// Every parameter, and the body with every property.
    pub full: Map<String, Value>,
    /// The spec's own faults in these inputs (see [`faults`](super::faults)), each naming the
    /// input and why no client can send it right.
    pub faults: Vec<String>,
}

/// The inputs of `op`, sampled from the document of `sampler`.
pub fn inputs(sampler: &Sampler<'_>, doc: &Value, op: &Operation) -> Inputs {
    let item = doc.get("paths").and_then(|p| p.get(&op.path));
    let raw = item.and_then(|i| i.get(op.http_method.key()));
    let mut out = Inputs { required: Map::new(), full: Map::new(), faults: Vec::new() };
    for p in &op.params {
        let Some(spec) = parameter(sampler, item, raw, p) else {
            // A path parameter the template uses but no parameter declares: text, as its
            // argument is (`&str`).
            if p.location == ParamLocation::Path {
                out.required.insert(p.ident.clone(), Value::String("conformance".into()));
                out.full.insert(p.ident.clone(), Value::String("conformance".into()));
            }
            continue;
        };
        let max_items = spec.get("schema").map(|s| sampler.resolve(s).0).and_then(|s| s.get("maxItems")).and_then(Value::as_u64);
        let v = match p.location {
            ParamLocation::Query if max_items.is_none_or(|m| m >= 2) => two_items(sampler, spec, param_value(sampler, spec)),
            _ => param_value(sampler, spec),
        };
        let v = match spec.get("schema") {
            Some(schema) => faults::one_of_on_the_wire(sampler, schema, v.clone()).unwrap_or_else(|why| {
                out.faults.push(format!("parameter `{}`: {why}", p.wire));
                v
            }),
            None => v,
        };
        let v = as_text(p, spec, v);
        if let Some(why) = spec.get("schema").and_then(|s| faults::impossible_string(sampler, s)) {
            out.faults.push(format!("parameter `{}`: {why}", p.wire));
        }
        if p.required || absent_reads_as_empty(sampler, spec, p) {
            out.required.insert(p.ident.clone(), v.clone());
        }
        out.full.insert(p.ident.clone(), v);
    }
    if let Some(body) = &op.body {
        let schema = raw.and_then(|r| r.get("requestBody")).map(|b| sampler.resolve(b).0).and_then(|b| media_schema(b, &body.content_type));
        let (some, all) = match schema {
            Some(s) => (sampler.value(s, false), sampler.value(s, true)),
            None => (Value::Object(Map::new()), Value::Object(Map::new())),
        };
        let impossible = |s| faults::unsatisfiable(sampler, s).or_else(|| faults::impossible_string(sampler, s));
        out.faults.extend(schema.and_then(impossible).map(|why| format!("request body: {why}")));
        if body.required {
            // A required body with nothing required in it is sent with every property: an
            // empty one reads as no body (to a mock, and often to a server).
            let empty = some.as_object().is_some_and(|m| m.is_empty());
            out.required.insert("body".into(), if empty { all.clone() } else { some });
        }
        out.full.insert("body".into(), all);
    }
    out
}

/// Whether leaving out the optional query parameter `p` reads, to a validating server, as an
/// empty object that lacks the properties its schema requires: an exploded (`form`) object's
/// properties are pairs of their own, so no pair at all is `{}` to such a server (Prism). Such a
/// parameter is sent in both modes.
fn absent_reads_as_empty(sampler: &Sampler<'_>, spec: &Value, p: &Param) -> bool {
    let exploded = p.location == ParamLocation::Query && p.style == QueryStyle::Form { explode: true };
    let schema = spec.get("schema").map(|s| sampler.resolve(s).0);
    let requires = schema.filter(|s| super::schema::kind(s) == "object").and_then(|s| s.get("required")).and_then(Value::as_array);
    exploded && requires.is_some_and(|r| !r.is_empty())
}

/// A path, header or cookie parameter whose schema is an object or a list but whose Rust type
/// is text (a free-form object, such as Mastodon's `Idempotency-Key: {type: object}`) takes the
/// text the value is on the wire: OpenAPI's `simple` style (`form` for a cookie, the same text
/// here), `k,v,k,v` (`k=v,k=v` exploded) for an object, `a,b` for a list.
fn as_text(p: &Param, spec: &Value, v: Value) -> Value {
    if p.location == ParamLocation::Query || p.ty != crate::ir::Ty::String || !(v.is_object() || v.is_array()) {
        return v;
    }
    let explode = spec.get("explode").and_then(Value::as_bool).unwrap_or(false);
    let text = |x: &Value| faults::text(x).unwrap_or_else(|| x.to_string());
    let parts: Vec<String> = match &v {
        Value::Object(m) if explode => m.iter().map(|(k, x)| format!("{k}={}", text(x))).collect(),
        Value::Object(m) => m.iter().flat_map(|(k, x)| [k.clone(), text(x)]).collect(),
        Value::Array(items) => items.iter().map(text).collect(),
        _ => Vec::new(),
    };
    Value::String(parts.join(","))
}

/// The raw parameter the IR's `p` comes from: the operation's, else the path item's.
fn parameter<'a>(sampler: &'a Sampler<'_>, item: Option<&'a Value>, op: Option<&'a Value>, p: &Param) -> Option<&'a Value> {
    let location = match p.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    let lists = [op, item].into_iter().flatten().filter_map(|x| x.get("parameters").and_then(Value::as_array));
    lists.flatten().map(|x| sampler.resolve(x).0).find(|x| {
        x.get("in").and_then(Value::as_str) == Some(location)
            && x.get("name").and_then(Value::as_str).is_some_and(|n| n == p.wire || (location == "header" && n.eq_ignore_ascii_case(&p.wire)))
    })
}

/// A parameter's value: its valid example, else one from its schema.
fn param_value(sampler: &Sampler<'_>, p: &Value) -> Value {
    let schema = p.get("schema").or_else(|| p.get("content").and_then(Value::as_object).and_then(|c| c.values().next()).and_then(|m| m.get("schema")));
    let Some(schema) = schema else { return Value::String("conformance".into()) };
    let named = p.get("examples").and_then(Value::as_object).into_iter().flatten().filter_map(|(_, e)| sampler.resolve(e).0.get("value"));
    let example = p.get("example").into_iter().chain(named).find(|v| super::check::valid(sampler, schema, v));
    example.cloned().unwrap_or_else(|| sampler.value(schema, true))
}

/// The schema of a request body's media type `content_type` (else its first one).
fn media_schema<'d>(body: &'d Value, content_type: &str) -> Option<&'d Value> {
    let content = body.get("content")?.as_object()?;
    let media = content.get(content_type).or_else(|| content.values().next())?;
    media.get("schema")
}

/// Another value like `s`: its last digit changed (so a date, a time or a UUID stays one),
/// else `s` with a `2` after it.
fn vary(s: &str) -> String {
    match s.char_indices().rev().find(|(_, c)| c.is_ascii_digit()) {
        Some((i, d)) => {
            let other = if d == '9' { '8' } else { char::from(d as u8 + 1) };
            format!("{}{other}{}", &s[..i], &s[i + 1..])
        }
        None => format!("{s}2"),
    }
}

/// A list with one item gets a second, different one (the items' next `enum` value, else a
/// varied copy) when the schema allows it: one query value alone does not say it is a list (a
/// mock may not read it as one).
fn two_items(sampler: &Sampler<'_>, p: &Value, v: Value) -> Value {
    let Value::Array(items) = &v else { return v };
    let (Some(first), Some(schema), 1) = (items.first(), p.get("schema"), items.len()) else { return v };
    let item_schema = sampler.resolve(schema).0.get("items").map(|i| sampler.resolve(i).0);
    let next_enum = item_schema.and_then(|i| i.get("enum")).and_then(Value::as_array).and_then(|e| e.iter().find(|x| *x != first)).cloned();
    let varied = match first {
        Value::String(s) => Some(Value::String(vary(s))),
        Value::Number(n) => n.as_i64().map(|n| Value::from(n + 1)),
        _ => None,
    };
    for second in next_enum.into_iter().chain(varied) {
        let two = Value::Array(vec![first.clone(), second]);
        if super::check::valid(sampler, schema, &two) {
            return two;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::vary;
    use crate::sample::prepare;
    use crate::Settings;
    use serde_json::json;

    #[test]
    fn a_text_parameter_typed_object_is_sent_as_its_simple_text() {
        // Mastodon's `Idempotency-Key` is typed `object` with no properties: the client takes
        // it as text, and the sampled value is the text of an object on the wire.
        let spec = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /statuses:
    post:
      operationId: createStatus
      parameters:
        - {name: Idempotency-Key, in: header, schema: {type: object}}
        - {name: X-Tags, in: header, schema: {type: array, items: {type: string}}}
      responses: {"200": {description: ok}}
"#;
        let prepared = prepare(spec, &Settings::for_spec("t.yaml")).expect("the spec loads");
        let full = &prepared.values()["0"]["full"];
        assert_eq!(full["idempotency_key"], json!(""), "{full}");
        assert_eq!(full["x_tags"], json!(["conformance"]), "a list of text stays a list: {full}");
    }

    #[test]
    fn a_varied_value_keeps_its_format() {
        assert_eq!(vary("2024-01-02T03:04:05Z"), "2024-01-02T03:04:06Z");
        assert_eq!(vary("2024-01-09"), "2024-01-08");
        assert_eq!(vary("3fa85f64-5717-4562-b3fc-2c963f66afa6"), "3fa85f64-5717-4562-b3fc-2c963f66afa7");
        assert_eq!(vary("conformance"), "conformance2");
    }
}
