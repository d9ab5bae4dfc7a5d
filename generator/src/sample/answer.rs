//! Whether a response the client could not decode is one its own spec allows: when the mock
//! answered a body that breaks the documented response schema (Prism's generated bodies can, e.g.
//! a string for a schema that describes an object by its properties), the failure is the mock's,
//! not the client's. Only a definite violation counts (see [`super::check`]); a body the schema
//! allows, or one there is no schema for, stays the client's failure.

use super::check::violation_toward;
use super::schema::Sampler;
use crate::ir::Operation;
use crate::lower::names_json;
use serde_json::Value;

/// Why `body`, answered with `status` to `op`, breaks the response schema the spec documents
/// for that status, when it definitely does, at a place related to `client_at` (serde's path
/// where the client failed, `.` for the whole body, when known): on it, or inside it. A
/// violation elsewhere in the body says nothing about the client's failure.
pub fn disallowed(sampler: &Sampler<'_>, doc: &Value, op: &Operation, status: u16, body: &str, client_at: Option<&str>) -> Option<String> {
    let why = violation_of(sampler, doc, op, status, body, client_at.unwrap_or_default())?;
    let place = why.strip_prefix('`').and_then(|w| w.split('`').next()).unwrap_or_default();
    let client = client_at.map(|c| c.trim_start_matches('.'));
    let related = client.is_none_or(|c| c.starts_with(place) || place.starts_with(c));
    related.then_some(why)
}

/// The violation of the documented schema by `body`, on the way to `toward` where there is one.
fn violation_of(sampler: &Sampler<'_>, doc: &Value, op: &Operation, status: u16, body: &str, toward: &str) -> Option<String> {
    let raw = doc.get("paths")?.get(&op.path)?.get(op.http_method.key())?;
    let responses = raw.get("responses")?;
    let class = format!("{}XX", status / 100);
    let response = [status.to_string(), class.clone(), class.to_ascii_lowercase(), "default".into()].iter().find_map(|k| responses.get(k))?;
    let schema = json_schema(sampler.resolve(response).0)?;
    let value: Value = match body.trim() {
        "" => return Some(format!("an empty body where the {status} response documents a JSON schema")),
        text => serde_json::from_str(text).ok()?,
    };
    violation_toward(sampler, schema, &value, toward)
}

/// The schema of a response's JSON content: of a media type that names JSON. A range (`*/*`)
/// is left out, unlike in the client (which reads it as JSON): it names no media type, so what
/// the mock answers for it need not be JSON, and its schema is no definite rule for the body.
fn json_schema(response: &Value) -> Option<&Value> {
    let content = response.get("content")?.as_object()?;
    let (_, media) = content.iter().find(|(ct, _)| names_json(&ct.to_ascii_lowercase()))?;
    media.get("schema")
}

#[cfg(test)]
mod tests {
    use crate::sample::prepared;

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                allOf:
                  - $ref: '#/components/schemas/Envelope'
                  - properties:
                      result:
                        properties: {name: {type: string}}
                        required: [name]
components:
  schemas:
    Envelope:
      type: object
      required: [success]
      properties:
        success: {type: boolean}
        result:
          anyOf: [{type: object}, {type: array, items: {}}, {type: string}]
"#;

    fn check(status: u16, body: &str) -> Option<String> {
        prepared(SPEC).disallowed(0, status, body, None)
    }

    #[test]
    fn a_body_the_schema_forbids_is_named_with_its_place() {
        let why = check(200, r#"{"success": true, "result": "do consequat"}"#).expect("a string is not the object the schema describes");
        assert_eq!(why, "`result` is a string (\"do consequat\") where the schema wants type `object`");
        let why = check(200, r#"{"success": true, "result": {}}"#).expect("`name` is required");
        assert_eq!(why, "`result.name` is missing, and the schema requires it");
        assert_eq!(check(200, "").as_deref(), Some("an empty body where the 200 response documents a JSON schema"));
        let why = check(200, r#"{"success": true, "result": null}"#).expect("the branch that narrows `result` describes an object");
        assert_eq!(why, "`result` is null, which its schema does not allow");
        assert_eq!(check(200, "null").as_deref(), Some("the body is null, which its schema does not allow"));
        let why = check(200, r#"{"success": true, "result": {"name": 3}}"#).expect("a number is no string");
        assert_eq!(why, "`result.name` is a number where the schema wants type `string`");
    }

    #[test]
    fn a_body_the_schema_allows_stays_the_clients_failure() {
        // Whatever the client made of these, the spec allows them: a decode failure on them is
        // the client's.
        assert_eq!(check(200, r#"{"success": true, "result": {"name": "x", "extra": [1]}}"#), None);
        assert_eq!(check(200, r#"{"success": true}"#), None);
        // Not JSON, a status without a schema: nothing definite to say.
        assert_eq!(check(200, "<html>"), None);
        assert_eq!(check(404, r#"{"success": false}"#), None);
    }

    /// A spec whose one operation answers 200 with `{name: string}` as `media`.
    fn with_media(media: &str) -> String {
        format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: \"1\"}}\npaths:\n  /t:\n    get:\n      operationId: getT\n      responses:\n        \"200\":\n          description: ok\n          content:\n            \"{media}\":\n              schema: {{type: object, properties: {{name: {{type: string}}}}}}\n"
        )
    }

    #[test]
    fn a_json_media_type_is_checked_and_a_range_is_not() {
        let body = r#"{"name": 3}"#;
        let named = |media: &str| prepared(&with_media(media)).disallowed(0, 200, body, None);
        let want = Some("`name` is a number where the schema wants type `string`".to_string());
        assert_eq!(named("application/json"), want);
        assert_eq!(named("application/problem+json; charset=utf-8"), want);
        assert_eq!(named("text/json"), want);
        // The client reads `*/*` as JSON (`lower::is_json`), but the range names no media type:
        // its schema is no definite rule for what the mock answers.
        assert!(crate::lower::is_json("*/*") && !crate::lower::names_json("*/*"));
        assert_eq!(named("*/*"), None);
        assert_eq!(named("application/*"), None);
    }

    #[test]
    fn a_violation_away_from_where_the_client_failed_keeps_it_the_clients() {
        let prepared = prepared(SPEC);
        let body = r#"{"success": true, "result": "do consequat"}"#;
        assert!(prepared.disallowed(0, 200, body, Some("result")).is_some());
        assert!(prepared.disallowed(0, 200, body, Some(".")).is_some(), "the whole body holds the place");
        assert!(prepared.disallowed(0, 200, body, Some("result.name")).is_some(), "the place holds the client's");
        assert_eq!(prepared.disallowed(0, 200, body, Some("messages[0]")), None, "the client failed elsewhere: its own failure");
    }

    const TREE: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /jobs:
    get:
      operationId: getJobs
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  running: {type: array, items: {$ref: '#/components/schemas/Tree'}}
                  done: {type: array, items: {$ref: '#/components/schemas/Tree'}}
components:
  schemas:
    Tree:
      type: object
      required: [name]
      properties:
        name: {type: string}
        children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
"#;

    #[test]
    fn the_violation_named_is_the_one_where_the_client_failed() {
        // A mock cuts a recursive schema short with `{}` in every list: the body breaks its
        // schema in several places, and the client's decoder stops at one of them (not
        // necessarily the first in the text).
        let prepared = prepared(TREE);
        let cut = r#"{"name": "a", "children": [{"name": "b", "children": [{}]}]}"#;
        let body = format!(r#"{{"running": [{cut}], "done": [{cut}, {cut}]}}"#);
        let at = "done[1].children[0].children[0]";
        let why = prepared.disallowed(0, 200, &body, Some(at)).expect("the place the client failed breaks the schema");
        assert_eq!(why, "`done[1].children[0].children[0].name` is missing, and the schema requires it");
        let why = prepared.disallowed(0, 200, &body, None).expect("some place breaks it");
        assert!(why.starts_with("`running[0]"), "{why}");
        let fine = r#"{"running": [{"name": "a"}], "done": [{"name": "b", "children": [{}]}]}"#;
        assert_eq!(prepared.disallowed(0, 200, fine, Some("running[0].name")), None, "the client's place is fine: its own failure");
    }
}
