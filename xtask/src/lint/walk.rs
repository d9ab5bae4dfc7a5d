//! Finding things in a raw OpenAPI document: operations, schemas, parameters, media types and
//! references. Every item comes with its path (JSON pointer segments) for findings.

use serde_json::{Map, Value};

/// The HTTP methods a path item may hold.
pub const METHODS: &[&str] = generator::ir::HttpMethod::KEYS;

/// JSON pointer segments.
pub type Path = Vec<String>;

/// `path` with `more` appended.
pub fn at(path: &[String], more: &[&str]) -> Path {
    let mut out = path.to_vec();
    out.extend(more.iter().map(|s| s.to_string()));
    out
}

/// `#/a/b` for `["a", "b"]`.
pub fn pointer(path: &[String]) -> String {
    generator::diag::pointer(path)
}

/// Whether an example or schema is read as input or output, which decides whether `readOnly`
/// and `writeOnly` properties may be missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Sent by the client: parameters and request bodies.
    Request,
    /// Sent by the server: responses and their headers.
    Response,
    /// Either (component schemas).
    Both,
}

/// One operation.
pub struct Operation<'a> {
    /// The path template.
    pub path: &'a str,
    /// Lower-case HTTP method.
    pub method: &'a str,
    /// The operation object.
    pub op: &'a Map<String, Value>,
    /// The path item holding it (for shared parameters).
    pub item: &'a Map<String, Value>,
    /// `["paths", path, method]`.
    pub at: Path,
}

/// Every operation, in document order.
pub fn operations(doc: &Value) -> Vec<Operation<'_>> {
    let mut out = Vec::new();
    for (path, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
        let Some(item) = item.as_object() else { continue };
        for (method, op) in item {
            if let (true, Some(op)) = (METHODS.contains(&method.as_str()), op.as_object()) {
                out.push(Operation { path, method, op, item, at: at(&[], &["paths", path, method]) });
            }
        }
    }
    out
}

/// Follows `$ref`s (up to a fixed depth, so cycles end) to the node they name, with its path.
pub fn resolve<'a>(doc: &'a Value, node: &'a Value, path: Path) -> Option<(&'a Value, Path)> {
    let mut node = node;
    let mut path = path;
    for _ in 0..32 {
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
            return Some((node, path));
        };
        let target = generator::validate::resolve_pointer(doc, reference)?;
        path = ref_path(reference)?;
        node = target;
    }
    None
}

/// The path segments of a local reference (`#/components/schemas/A` -> `components, schemas, A`).
pub fn ref_path(reference: &str) -> Option<Path> {
    Some(generator::pointer::Pointer::parse(reference)?.segments())
}

/// Something that carries a schema: a parameter, header or media type.
pub struct SchemaSite<'a> {
    /// The object holding `schema` (and `example`/`examples`).
    pub node: &'a Map<String, Value>,
    /// Its path.
    pub at: Path,
    /// Input or output.
    pub direction: Direction,
}

/// Every parameter, header and media type object in the document (not following `$ref`s, so
/// each is listed once, where it is written).
pub fn schema_sites(doc: &Value) -> Vec<SchemaSite<'_>> {
    let mut out = Vec::new();
    for op in operations(doc) {
        let base = at(&[], &["paths", op.path]);
        params(&op.item.get("parameters"), &at(&base, &["parameters"]), &mut out);
        params(&op.op.get("parameters"), &at(&op.at, &["parameters"]), &mut out);
        if let Some(body) = op.op.get("requestBody") {
            media(body, &at(&op.at, &["requestBody"]), Direction::Request, &mut out);
        }
        for (status, response) in op.op.get("responses").and_then(Value::as_object).into_iter().flatten() {
            response_sites(response, &at(&op.at, &["responses", status]), &mut out);
        }
    }
    let components = doc.get("components");
    for (kind, direction) in [("parameters", Direction::Request), ("headers", Direction::Response)] {
        for (name, node) in components.and_then(|c| c.get(kind)).and_then(Value::as_object).into_iter().flatten() {
            if let Some(node) = node.as_object().filter(|n| !n.contains_key("$ref")) {
                let here = at(&[], &["components", kind, name]);
                media_map(node, &here, direction, &mut out);
                out.push(SchemaSite { node, at: here, direction });
            }
        }
    }
    for (name, body) in components.and_then(|c| c.get("requestBodies")).and_then(Value::as_object).into_iter().flatten() {
        media(body, &at(&[], &["components", "requestBodies", name]), Direction::Request, &mut out);
    }
    for (name, response) in components.and_then(|c| c.get("responses")).and_then(Value::as_object).into_iter().flatten() {
        response_sites(response, &at(&[], &["components", "responses", name]), &mut out);
    }
    out
}

fn params<'a>(list: &Option<&'a Value>, base: &Path, out: &mut Vec<SchemaSite<'a>>) {
    for (i, p) in list.and_then(Value::as_array).into_iter().flatten().enumerate() {
        let Some(node) = p.as_object().filter(|n| !n.contains_key("$ref")) else { continue };
        let here = at(base, &[&i.to_string()]);
        out.push(SchemaSite { node, at: here.clone(), direction: Direction::Request });
        media_map(node, &here, Direction::Request, out);
    }
}

fn response_sites<'a>(response: &'a Value, base: &Path, out: &mut Vec<SchemaSite<'a>>) {
    media(response, base, Direction::Response, out);
    for (name, header) in response.get("headers").and_then(Value::as_object).into_iter().flatten() {
        if let Some(node) = header.as_object().filter(|n| !n.contains_key("$ref")) {
            out.push(SchemaSite { node, at: at(base, &["headers", name]), direction: Direction::Response });
        }
    }
}

fn media<'a>(holder: &'a Value, base: &Path, direction: Direction, out: &mut Vec<SchemaSite<'a>>) {
    if let Some(holder) = holder.as_object().filter(|n| !n.contains_key("$ref")) {
        media_map(holder, base, direction, out);
    }
}

fn media_map<'a>(holder: &'a Map<String, Value>, base: &Path, direction: Direction, out: &mut Vec<SchemaSite<'a>>) {
    for (ty, m) in holder.get("content").and_then(Value::as_object).into_iter().flatten() {
        if let Some(node) = m.as_object() {
            out.push(SchemaSite { node, at: at(base, &["content", ty]), direction });
        }
    }
}

/// Every schema written in the document, nested ones included, with its path and direction.
/// `$ref`s are not followed, so each schema is visited once, where it is written.
pub fn schemas(doc: &Value) -> Vec<(&Value, Path, Direction)> {
    let mut out = Vec::new();
    for (name, s) in doc.pointer("/components/schemas").and_then(Value::as_object).into_iter().flatten() {
        nested(s, at(&[], &["components", "schemas", name]), Direction::Both, &mut out);
    }
    for site in schema_sites(doc) {
        if let Some(s) = site.node.get("schema") {
            nested(s, at(&site.at, &["schema"]), site.direction, &mut out);
        }
    }
    out
}

fn nested<'a>(s: &'a Value, path: Path, direction: Direction, out: &mut Vec<(&'a Value, Path, Direction)>) {
    let Some(map) = s.as_object() else { return };
    out.push((s, path.clone(), direction));
    if map.contains_key("$ref") {
        return;
    }
    for (name, p) in map.get("properties").and_then(Value::as_object).into_iter().flatten() {
        nested(p, at(&path, &["properties", name]), direction, out);
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = map.get(key) {
            nested(child, at(&path, &[key]), direction, out);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for (i, child) in map.get(key).and_then(Value::as_array).into_iter().flatten().enumerate() {
            nested(child, at(&path, &[key, &i.to_string()]), direction, out);
        }
    }
}

/// A non-empty string field.
pub fn text<'a>(node: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    node.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}
