//! Operations compared by method and path: the Rust call, parameters, request body and
//! responses, with their schemas compared semantically.

use super::change::Kind;
use super::schema::{Comparer, Dir, Label};
use generator::lower::grouping::{plan, Input};
use generator::names::snake;
use generator::validate::{resolve_pointer, template_params};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const METHODS: &[&str] = generator::ir::HttpMethod::KEYS;

/// An operation as a Rust user sees it.
pub struct Op<'a> {
    /// `GET`.
    pub method: String,
    /// Path template.
    pub path: String,
    /// Dotted call path, e.g. `accounts.tokens.get`.
    pub call_path: String,
    /// Parameters: path ones in path order, then the others as declared.
    pub params: Vec<Param<'a>>,
    /// The request body.
    pub body: Option<Body<'a>>,
    /// Status -> (content type, schema).
    pub responses: BTreeMap<String, Option<(String, Option<&'a Value>)>>,
}

/// A parameter.
pub struct Param<'a> {
    /// Wire name.
    pub name: String,
    /// `path`, `query`, `header` or `cookie`.
    pub location: String,
    /// Positional argument when required.
    pub required: bool,
    /// Its schema.
    pub schema: Option<&'a Value>,
}

/// A request body.
pub struct Body<'a> {
    /// Positional argument when required.
    pub required: bool,
    /// The content type used (JSON first).
    pub content_type: String,
    /// Its schema.
    pub schema: Option<&'a Value>,
}

impl Op<'_> {
    /// `GET /a/{id}`, in backticks.
    pub fn name(&self) -> String {
        format!("`{} {}`", self.method, self.path)
    }

    /// `client.accounts().tokens().get(account_id, token_id)`.
    pub fn call(&self) -> String {
        let mut segs: Vec<&str> = self.call_path.split('.').collect();
        let method = segs.pop().unwrap_or("");
        let mut args: Vec<String> = self.params.iter().filter(|p| p.required).map(|p| snake(&p.name)).collect();
        if self.body.as_ref().is_some_and(|b| b.required) {
            args.push("body".into());
        }
        let groups: String = segs.iter().map(|s| format!("{s}().")).collect();
        format!("client.{groups}{method}({})", args.join(", "))
    }
}

fn deref<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    let mut v = v;
    for _ in 0..16 {
        match v.get("$ref").and_then(Value::as_str).and_then(|r| resolve_pointer(doc, r)) {
            Some(t) => v = t,
            None => break,
        }
    }
    v
}

/// The content type used and its schema: JSON first, else the first listed.
fn content<'a>(doc: &'a Value, holder: &'a Value) -> Option<(String, Option<&'a Value>)> {
    let map = deref(doc, holder).get("content")?.as_object()?;
    let (ty, media) = map.iter().find(|(k, _)| generator::lower::is_json(k)).or_else(|| map.iter().next())?;
    Some((ty.clone(), media.get("schema")))
}

/// Every operation, keyed by (path, method).
pub fn operations(doc: &Value) -> BTreeMap<(String, String), Op<'_>> {
    let mut out = BTreeMap::new();
    let derived = derived_calls(doc);
    for (path, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
        let Some(item) = item.as_object() else { continue };
        for (method, op) in item {
            let Some(op) = op.as_object().filter(|_| METHODS.contains(&method.as_str())) else { continue };
            let key = (path.clone(), method.clone());
            let call = derived.get(&key).cloned();
            out.insert(key, operation(doc, path, method, item, op, call));
        }
    }
    out
}

/// The calls the generator's resource grouping gives the operations without `x-rust-method`
/// (`generator::lower::grouping`, in the order the generator reads them), by (path, method).
fn derived_calls(doc: &Value) -> BTreeMap<(String, String), String> {
    let mut keys = Vec::new();
    let mut owned: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for (path, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
        for method in METHODS {
            let Some(op) = item.get(method).and_then(Value::as_object).filter(|op| !op.contains_key("x-rust-method")) else { continue };
            let tags = op.get("tags").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect();
            owned.push((op.get("operationId").and_then(Value::as_str).map(str::to_string), tags));
            keys.push((path.clone(), method.to_string()));
        }
    }
    let inputs: Vec<Input<'_>> =
        keys.iter().zip(&owned).map(|((path, method), (id, tags))| Input { id: id.as_deref(), path, method, tags }).collect();
    let calls = plan(&inputs);
    let dotted = |c: generator::lower::grouping::Call| c.group.iter().chain([&c.method]).cloned().collect::<Vec<_>>().join(".");
    keys.into_iter().zip(calls).filter_map(|(k, c)| Some((k, dotted(c?)))).collect()
}

fn operation<'a>(doc: &'a Value, path: &str, method: &str, item: &'a Map<String, Value>, op: &'a Map<String, Value>, derived: Option<String>) -> Op<'a> {
    let id = op.get("operationId").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| format!("{method}{}", path.replace(['{', '}'], "")));
    let call_path = match op.get("x-rust-method").and_then(Value::as_str) {
        Some(call) => call.split('.').map(snake).collect::<Vec<_>>().join("."),
        None => derived.unwrap_or_else(|| snake(&id)),
    };
    let mut params: Vec<Param<'a>> = Vec::new();
    for list in [item.get("parameters"), op.get("parameters")] {
        for p in list.and_then(Value::as_array).into_iter().flatten() {
            let p = deref(doc, p);
            let (Some(name), Some(location)) = (p.get("name").and_then(Value::as_str), p.get("in").and_then(Value::as_str)) else { continue };
            params.retain(|q| !(q.name == name && q.location == location));
            params.push(Param {
                name: name.to_string(),
                location: location.to_string(),
                required: p.get("required") == Some(&Value::Bool(true)) || location == "path",
                schema: p.get("schema").or_else(|| content(doc, p).and_then(|(_, s)| s)),
            });
        }
    }
    let order = template_params(path);
    let rank = |p: &Param<'_>| match p.location.as_str() {
        "path" => order.iter().position(|n| *n == p.name).unwrap_or(order.len()),
        "query" => 1000,
        "header" => 1001,
        _ => 1002,
    };
    params.sort_by_key(|p| rank(p));
    let body = op.get("requestBody").map(|b| {
        let (content_type, schema) = content(doc, b).unwrap_or_default();
        Body { required: deref(doc, b).get("required") == Some(&Value::Bool(true)), content_type, schema }
    });
    let responses = op
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(status, r)| (status.clone(), content(doc, r)))
        .collect();
    Op { method: method.to_ascii_uppercase(), path: path.to_string(), call_path, params, body, responses }
}

/// Compares every operation of two documents.
pub fn compare<'a>(old: &'a Value, new: &'a Value, cmp: &mut Comparer<'a>) {
    let (olds, news) = (operations(old), operations(new));
    for (key, o) in &olds {
        match news.get(key) {
            None => {
                cmp.current = o.call();
                cmp.record(true, Kind::OperationRemoved, o.name(), String::new());
            }
            Some(n) => one(o, n, cmp),
        }
    }
    for (key, n) in &news {
        if !olds.contains_key(key) {
            cmp.current = n.call();
            cmp.record(false, Kind::OperationAdded, n.name(), String::new());
        }
    }
}

fn one<'a>(o: &Op<'a>, n: &Op<'a>, cmp: &mut Comparer<'a>) {
    cmp.current = n.call();
    if o.call_path != n.call_path {
        cmp.record(true, Kind::CallRenamed, n.name(), format!("`{}` → `{}`", o.call(), n.call()));
    }
    let signature = if o.call() != n.call() { format!("`{}` → `{}`", o.call(), n.call()) } else { String::new() };
    for p in &o.params {
        let subject = format!("`{}` ({}) of {}", p.name, p.location, n.name());
        match n.params.iter().find(|q| q.name == p.name && q.location == p.location) {
            None => cmp.record(true, Kind::ParameterRemoved, subject, signature.clone()),
            Some(q) => {
                if p.required != q.required {
                    let kind = if q.required { Kind::ParameterNowRequired } else { Kind::ParameterNowOptional };
                    cmp.record(true, kind, subject.clone(), signature.clone());
                }
                if let (Some(a), Some(b)) = (p.schema, q.schema) {
                    cmp.schema(a, b, &Label::new(format!("parameter {subject}")), Dir::Request);
                }
            }
        }
    }
    for q in &n.params {
        if !o.params.iter().any(|p| p.name == q.name && p.location == q.location) {
            let subject = format!("`{}` ({}) of {}", q.name, q.location, n.name());
            let detail = if q.required { signature.clone() } else { format!("optional: setter `.{}(..)`", snake(&q.name)) };
            cmp.record(q.required, Kind::ParameterAdded, subject, detail);
        }
    }
    body(o, n, cmp);
    responses(o, n, cmp);
}

fn body<'a>(o: &Op<'a>, n: &Op<'a>, cmp: &mut Comparer<'a>) {
    let subject = format!("request body of {}", n.name());
    match (&o.body, &n.body) {
        (Some(_), None) => cmp.record(true, Kind::BodyRemoved, subject, String::new()),
        (None, Some(b)) => cmp.record(b.required, Kind::BodyAdded, subject, if b.required { "required".into() } else { "optional".into() }),
        (Some(a), Some(b)) => {
            if a.required != b.required {
                let kind = if b.required { Kind::BodyNowRequired } else { Kind::BodyNowOptional };
                cmp.record(true, kind, subject.clone(), String::new());
            }
            if a.content_type != b.content_type {
                cmp.record(true, Kind::TypeChanged, subject.clone(), format!("`{}` → `{}`", a.content_type, b.content_type));
            }
            if let (Some(x), Some(y)) = (a.schema, b.schema) {
                cmp.schema(x, y, &Label::new(subject), Dir::Request);
            }
        }
        (None, None) => {}
    }
}

/// A 2xx or a documented 3xx: the call's result (a 3xx as a `Redirection`), not an error.
fn is_success(status: &str) -> bool {
    status.starts_with('2') || status.starts_with('3')
}

fn responses<'a>(o: &Op<'a>, n: &Op<'a>, cmp: &mut Comparer<'a>) {
    // The call returns the first success response; the others only add error variants.
    let first_ok = |op: &Op<'a>| op.responses.iter().find(|(s, _)| is_success(s)).map(|(s, c)| (s.clone(), c.clone()));
    let subject = format!("response of {}", n.name());
    match (first_ok(o), first_ok(n)) {
        (Some((_, a)), Some((_, b))) => match (a, b) {
            (Some((ta, sa)), Some((tb, sb))) => {
                if generator::lower::is_json(&ta) != generator::lower::is_json(&tb) {
                    cmp.record(true, Kind::ResponseChanged, subject.clone(), format!("`{ta}` → `{tb}`"));
                } else if let (Some(x), Some(y)) = (sa, sb) {
                    cmp.schema(x, y, &Label::new(subject), Dir::Response);
                }
            }
            (Some((ta, _)), None) => cmp.record(true, Kind::ResponseChanged, subject, format!("`{ta}` → no content")),
            (None, Some((tb, _))) => cmp.record(true, Kind::ResponseChanged, subject, format!("no content → `{tb}`")),
            (None, None) => {}
        },
        (Some((s, _)), None) => cmp.record(true, Kind::ResponseChanged, subject, format!("the `{s}` success response is gone")),
        (None, Some((s, _))) => cmp.record(true, Kind::ResponseChanged, subject, format!("new `{s}` success response")),
        (None, None) => {}
    }
    for (status, a) in o.responses.iter().filter(|(s, _)| !is_success(s)) {
        let subject = format!("`{status}` error response of {}", n.name());
        match n.responses.get(status) {
            None => cmp.record(true, Kind::ResponseChanged, subject, "removed: its error variant goes".into()),
            Some(b) => {
                if let (Some((_, Some(x))), Some((_, Some(y)))) = (a, b) {
                    cmp.schema(x, y, &Label::new(subject), Dir::Response);
                }
            }
        }
    }
    for (status, _) in n.responses.iter().filter(|(s, _)| !is_success(s)) {
        if !o.responses.contains_key(status) {
            cmp.record(false, Kind::ResponseChanged, format!("`{status}` error response of {}", n.name()), "added".into());
        }
    }
}
