//! Requests the mock rejects however a client sends them. Prism reads each part of a
//! `multipart/form-data` body as text: a part the schema types as an object (JSON, as OpenAPI
//! sends it) or as a list (one part per item; a list of one is one part) fails its type check
//! whatever the part holds. And a `oneOf` whose branches no value tells apart (Cloudflare's
//! waiting room rule `position`: three object branches with one optional property each, so that
//! `{"index": 1}` satisfies all three) rejects whatever a client sends: the spec's fault. Such a
//! rejection is not the client's; only when every request violation Prism lists is of that kind.
//! Likewise a request Prism rejects only for leaving out read-only properties: OpenAPI 3.0
//! requires a `readOnly` property only in responses, and a client must not send it.

use super::schema::Sampler;
use crate::ir::Operation;
use serde_json::Value;

/// Why Prism's rejection `detail` (`request.body.metadata: Request body property metadata must
/// be object; ...`) of a request of `op` is its own limit, when it is.
pub fn mock_limit(op: &Operation, detail: &str) -> Option<String> {
    if op.body.as_ref().is_none_or(|b| !b.kind.is_multipart()) {
        return None;
    }
    let parts: Option<Vec<&str>> = detail.split("; ").map(typed_part).collect();
    let parts = parts.filter(|p| !p.is_empty())?;
    Some(format!(
        "Prism reads each multipart part as text, so the part(s) `{}` the schema types as an object or a list fail its type check however they are sent",
        parts.join("`, `")
    ))
}

/// Why Prism's rejection `detail` of a request of `op` is the spec's: every request violation
/// is a `oneOf` in the body whose branches no value tells apart (each branch's own value, with
/// every property, satisfies another branch too).
pub fn indistinct_one_of(sampler: &Sampler<'_>, doc: &Value, op: &Operation, detail: &str) -> Option<String> {
    let body = body_schema(sampler, doc, op)?;
    let requests: Vec<&str> = detail.split("; ").filter(|v| v.starts_with("request.")).collect();
    let mut places = Vec::new();
    for violation in &requests {
        let (at, message) = violation.split_once(": ")?;
        if !message.ends_with("must match exactly one schema in oneOf") {
            return None;
        }
        let path = at.strip_prefix("request.body").map(|p| p.trim_start_matches('.'))?;
        let branches = sampler.resolve(at_path(sampler, body, path)?).0.get("oneOf")?.as_array()?;
        if !sampler.indistinct(branches) {
            return None;
        }
        places.push(at.to_string());
    }
    (!places.is_empty()).then(|| format!("the spec's `oneOf` at `{}` has branches that no value tells apart (each branch's value satisfies another branch too), so no request passes", places.join("`, `")))
}

/// Why Prism's rejection `detail` of a request of `op` is its own: every violation is a missing
/// required property that the body's schema marks `readOnly`.
pub fn read_only_required(sampler: &Sampler<'_>, doc: &Value, op: &Operation, detail: &str) -> Option<String> {
    let body = body_schema(sampler, doc, op)?;
    let mut read_only = std::collections::BTreeSet::new();
    read_only_names(sampler, body, &mut read_only, 0);
    let mut missing = Vec::new();
    for violation in detail.trim_start_matches("UNPROCESSABLE_ENTITY: ").split("; ") {
        let (_, message) = violation.split_once(": ")?;
        let name = message.strip_prefix("Request body must have required property '")?.strip_suffix('\'')?;
        if !read_only.contains(name) {
            return None;
        }
        missing.push(name);
    }
    (!missing.is_empty()).then(|| {
        format!("Prism requires the read-only properties `{}` in the request; OpenAPI 3.0 requires read-only properties only in responses", missing.join("`, `"))
    })
}

/// The names of the properties marked `readOnly` anywhere in `s` (its properties, parts,
/// branches and items).
pub(super) fn read_only_names<'a>(sampler: &'a Sampler<'_>, s: &'a Value, out: &mut std::collections::BTreeSet<&'a str>, depth: usize) {
    let s = sampler.resolve(s).0;
    if depth > 12 {
        return;
    }
    for (name, p) in s.get("properties").and_then(Value::as_object).into_iter().flatten() {
        if super::schema::read_only(sampler.resolve(p).0) {
            out.insert(name);
        }
        read_only_names(sampler, p, out, depth + 1);
    }
    let lists = ["allOf", "oneOf", "anyOf"].into_iter().filter_map(|k| s.get(k).and_then(Value::as_array));
    for part in lists.flatten().chain(s.get("items")) {
        read_only_names(sampler, part, out, depth + 1);
    }
}

/// Why Prism's rejection `detail` is its own: every violation is a query parameter's enum,
/// and the parameter's schema has no `type` and values that are not strings (Cloudflare's
/// `ssl: {enum: [0, 1]}`): Prism compares the query's text with them uncoerced, so no value
/// passes.
pub fn uncoerced_query_enum(sampler: &Sampler<'_>, doc: &Value, op: &Operation, detail: &str) -> Option<String> {
    let params = query_params(sampler, doc, op)?;
    let mut names = Vec::new();
    for violation in detail.split("; ") {
        let (at, message) = violation.split_once(": ")?;
        let name = at.strip_prefix("request.query.")?;
        let param = params.iter().find(|p| p.get("name").and_then(Value::as_str) == Some(name))?;
        let schema = sampler.resolve(param.get("schema")?).0;
        let values = schema.get("enum").and_then(Value::as_array)?;
        let uncoerced = schema.get("type").is_none() && values.iter().any(|v| !v.is_string());
        if !message.contains("must be equal to one of the allowed values") || !uncoerced {
            return None;
        }
        names.push(name);
    }
    (!names.is_empty()).then(|| {
        format!("the query parameter(s) `{}` have an enum of non-strings and no `type`, so Prism compares the query's text with them uncoerced and no value passes", names.join("`, `"))
    })
}

/// Why Prism's rejection `detail` is its own: every violation is of an exploded (`form`)
/// object query parameter whose properties are declared only in its `oneOf`/`anyOf` branches
/// (Intercom's `filter`: one of `{user_id}`, `{intercom_user_id}`, `{email}`). A client sends
/// the chosen branch's properties as pairs of their own, as OpenAPI says; Prism gathers the
/// object's pairs by the schema's own `properties`, finds none, and reads `{}` however it is
/// sent.
pub fn exploded_union_query(sampler: &Sampler<'_>, doc: &Value, op: &Operation, detail: &str) -> Option<String> {
    let params = query_params(sampler, doc, op)?;
    let mut names = Vec::new();
    for violation in detail.trim_start_matches("UNPROCESSABLE_ENTITY: ").split("; ") {
        let (at, _) = violation.split_once(": ")?;
        let name = at.trim_start_matches("request.").strip_prefix("query.")?;
        let param = params.iter().find(|p| p.get("name").and_then(Value::as_str) == Some(name))?;
        let exploded = param.get("style").is_none_or(|s| s == "form") && param.get("explode").is_none_or(|e| e == true);
        let schema = sampler.resolve(param.get("schema")?).0;
        let branches = ["oneOf", "anyOf"].into_iter().filter_map(|k| schema.get(k).and_then(Value::as_array)).flatten();
        let branch_properties = branches.map(|b| sampler.resolve(b).0).any(|b| b.get("properties").is_some());
        if !exploded || schema.get("properties").is_some() || !branch_properties {
            return None;
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| {
        format!(
            "Prism reads an exploded object query parameter's pairs by its schema's own `properties`; `{}` declares its properties only in `oneOf`/`anyOf` branches, so it reads as `{{}}` however it is sent",
            names.join("`, `")
        )
    })
}

/// The query parameters of `op` in the raw document (the operation's and its path item's).
fn query_params<'a>(sampler: &'a Sampler<'_>, doc: &'a Value, op: &Operation) -> Option<Vec<&'a Value>> {
    let item = doc.get("paths")?.get(&op.path)?;
    let raw = item.get(op.http_method.key())?;
    let declared = [raw, item].into_iter().filter_map(|x| x.get("parameters").and_then(Value::as_array)).flatten();
    Some(declared.map(|p| sampler.resolve(p).0).filter(|p| p.get("in").and_then(Value::as_str) == Some("query")).collect())
}

/// The request body's schema of `op` in the raw document.
pub(super) fn body_schema<'a>(sampler: &'a Sampler<'_>, doc: &'a Value, op: &Operation) -> Option<&'a Value> {
    let raw = doc.get("paths")?.get(&op.path)?.get(op.http_method.key())?;
    let content = sampler.resolve(raw.get("requestBody")?).0.get("content")?.as_object()?;
    content.get(op.body.as_ref()?.content_type.as_str()).or_else(|| content.values().next())?.get("schema")
}

/// The schema at the dotted `path` (`lan_1.subnets.0`) under `schema`: properties by name (also
/// in `allOf` parts), list items by index.
pub(super) fn at_path<'a>(sampler: &'a Sampler<'_>, schema: &'a Value, path: &str) -> Option<&'a Value> {
    let mut s = schema;
    for segment in path.split('.').filter(|p| !p.is_empty()) {
        let here = sampler.resolve(s).0;
        s = match segment.parse::<usize>() {
            Ok(_) => here.get("items")?,
            // A property (also of an `allOf` part), else the map's values.
            Err(_) => sampler.declared(here, segment, 0).or_else(|| here.get("additionalProperties").filter(|a| a.is_object()))?,
        };
    }
    Some(s)
}

/// `metadata` for `request.body.metadata: Request body property metadata must be object`.
fn typed_part(violation: &str) -> Option<&str> {
    let (at, message) = violation.split_once(": ")?;
    let part = at.strip_prefix("request.body.").filter(|p| !p.contains('.'))?;
    (message.ends_with("must be object") || message.ends_with("must be array")).then_some(part)
}

#[cfg(test)]
mod tests {
    use crate::sample::prepared;

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /images:
    post:
      operationId: upload
      parameters:
        - {name: ssl, in: query, schema: {enum: [0, 1]}}
        - {name: mode, in: query, schema: {type: integer, enum: [0, 1]}}
        - name: filter
          in: query
          schema:
            type: object
            oneOf:
              - {properties: {user_id: {type: string}}, required: [user_id], additionalProperties: false}
              - {properties: {email: {type: string}}, required: [email], additionalProperties: false}
        - {name: range, in: query, schema: {type: object, required: [start], properties: {start: {type: integer}}}}
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                metadata: {type: object}
                url: {type: string}
      responses: {"200": {description: ok}}
  /rules:
    post:
      operationId: createRule
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                metadata: {type: object}
                id: {type: string, readOnly: true}
                position:
                  oneOf:
                    - {type: object, properties: {index: {type: integer}}}
                    - {type: object, properties: {before: {type: string}}}
                kind:
                  oneOf:
                    - {type: object, required: [index], properties: {index: {type: integer}}}
                    - {type: object, required: [before], properties: {before: {type: string}}}
      responses: {"200": {description: ok}}
"#;

    #[test]
    fn a_multipart_part_typed_object_or_list_is_the_mocks_limit() {
        let prepared = prepared(SPEC);
        let both = "request.body.metadata: Request body property metadata must be object; request.body.<any part name>: Request body property <any part name> must be array";
        let why = prepared.mock_limit(0, both).expect("Prism's limit");
        assert!(why.contains("`metadata`, `<any part name>`"), "{why}");
        // Another violation beside it: the client's to answer for.
        assert_eq!(prepared.mock_limit(0, "request.body.metadata: Request body property metadata must be object; request.body.url: Request body property url must be string"), None);
        // A nested property, or a JSON body: Prism reads those as JSON.
        assert_eq!(prepared.mock_limit(0, "request.body.metadata.a: Request body property metadata.a must be object"), None);
        assert_eq!(prepared.mock_limit(1, "request.body.metadata: Request body property metadata must be object"), None);
    }

    #[test]
    fn a_one_of_whose_branches_no_value_tells_apart_is_the_specs() {
        let prepared = prepared(SPEC);
        let position = "request.body.position: Request body property position must match exactly one schema in oneOf";
        let why = prepared.mock_limit(1, position).expect("every value of one branch satisfies the other");
        assert!(why.contains("`request.body.position`"), "{why}");
        // Branches told apart by their required properties: the client sent a wrong value.
        assert_eq!(prepared.mock_limit(1, "request.body.kind: Request body property kind must match exactly one schema in oneOf"), None);
        // Another violation beside it stays the client's.
        assert_eq!(prepared.mock_limit(1, &format!("{position}; request.body.metadata: Request body property metadata must be object")), None);
    }

    #[test]
    fn a_typeless_query_enum_of_non_strings_is_the_mocks() {
        let prepared = prepared(SPEC);
        let ssl = "request.query.ssl: Request query parameter ssl must be equal to one of the allowed values: 0, 1";
        assert!(prepared.mock_limit(0, ssl).is_some_and(|why| why.contains("`ssl`")));
        // With a `type`, Prism coerces the text: a rejection is the client's.
        assert_eq!(prepared.mock_limit(0, "request.query.mode: Request query parameter mode must be equal to one of the allowed values: 0, 1"), None);
    }

    #[test]
    fn a_read_only_property_required_in_a_request_is_the_mocks() {
        let prepared = prepared(SPEC);
        let why = prepared.mock_limit(1, "UNPROCESSABLE_ENTITY: body: Request body must have required property 'id'").expect("`id` is read-only");
        assert!(why.contains("read-only properties `id`"), "{why}");
        // A property that is not read-only: the client left out what it must send.
        assert_eq!(prepared.mock_limit(1, "request.body: Request body must have required property 'metadata'"), None);
    }

    #[test]
    fn an_exploded_query_object_with_properties_only_in_its_branches_is_the_mocks() {
        let prepared = prepared(SPEC);
        let filter = "UNPROCESSABLE_ENTITY: query.filter: Request query parameter filter must have required property 'user_id'; \
                      query.filter: Request query parameter filter must have required property 'email'; \
                      query.filter: Request query parameter filter must match exactly one schema in oneOf";
        let why = prepared.mock_limit(0, filter).expect("Prism reads the object by its own properties");
        assert!(why.contains("`filter` declares its properties only in `oneOf`/`anyOf` branches"), "{why}");
        // An object with properties of its own: Prism reads it; a rejection is the client's.
        let range = "UNPROCESSABLE_ENTITY: query.range: Request query parameter range must have required property 'start'";
        assert_eq!(prepared.mock_limit(0, range), None);
        assert_eq!(prepared.mock_limit(0, &format!("{filter}; query.range: Request query parameter range must have required property 'start'")), None);
    }
}
