//! A rejection that follows from Prism requiring read-only properties in a request, inside a
//! union (Cloudflare's token `policies.0`: `oneOf: [policy]` whose policy requires its read-only
//! `id`; a rule union whose every branch requires read-only `version` and `last_updated`).
//! Prism (ajv) then lists the read-only property missing, the union failing, and what each
//! other branch wants of the value (its `enum`, its required properties, its type). Such a
//! rejection is the mock's only when the body the program sends satisfies the schema as
//! OpenAPI 3.0 reads it for a request, and the same body breaks every check Prism names, in
//! the same place: then the client sent what the program meant to, and that was right.

use super::check::valid;
use super::mock_limits::{at_path, body_schema, read_only_names};
use super::schema::Sampler;
use crate::ir::Operation;
use serde_json::Value;

/// Why Prism's rejection `detail` of a request of `op` is its own, when every violation it
/// lists is explained by a read-only property it requires (see the module's documentation).
pub fn read_only_in_union(doc: &Value, op: &Operation, detail: &str) -> Option<String> {
    let sampler = Sampler::for_requests(doc);
    let body = body_schema(&sampler, doc, op)?;
    let mut read_only = std::collections::BTreeSet::new();
    read_only_names(&sampler, body, &mut read_only, 0);
    let violations: Option<Vec<(Vec<&str>, Check)>> = detail.trim_start_matches("UNPROCESSABLE_ENTITY: ").split("; ").map(parse).collect();
    let mut violations = violations.filter(|v| !v.is_empty())?;
    // A `oneOf` whose branches no value tells apart fails whatever is sent: the spec's fault.
    let mut indistinct = Vec::new();
    for (at, check) in &mut violations {
        let one_of = at_path(&sampler, body, &at.join(".")).and_then(|s| sampler.resolve(s).0.get("oneOf")?.as_array());
        if *check == Check::Union && one_of.is_some_and(|b| sampler.indistinct(b)) {
            *check = Check::Indistinct;
            indistinct.push(at.join("."));
        }
    }
    let mut missing: Vec<&str> = Vec::new();
    for (_, c) in &violations {
        match c {
            Check::Required(name) if read_only.contains(name) && !missing.contains(name) => missing.push(name),
            _ => {}
        }
    }
    if missing.is_empty() {
        return None;
    }
    // The bodies the program sent (made as the program makes them), checked as requests.
    let inputs = super::inputs::inputs(&Sampler::new(doc), doc, op);
    let samples = [&inputs.required, &inputs.full].into_iter().filter_map(|m| m.get("body"));
    let mut fits = samples.filter(|v| valid(&sampler, body, v));
    if !fits.any(|v| violations.iter().all(|(at, check)| explained(v, at, check, &violations))) {
        return None;
    }
    let also = match indistinct.is_empty() {
        true => String::new(),
        false => format!(", and the spec's `oneOf` at `body.{}` has branches that no value tells apart", indistinct.join("`, `body.")),
    };
    Some(format!(
        "Prism requires the read-only properties `{}` in the request (OpenAPI 3.0 requires read-only properties only in responses), and reports the union the body then fails and what its other branches want{also}; the body satisfies the schema as a request reads it",
        missing.join("`, `")
    ))
}

/// What a violation says the value at its place fails.
#[derive(Debug, PartialEq)]
enum Check<'a> {
    /// `must have required property 'name'`.
    Required(&'a str),
    /// `must be equal to one of the allowed values: a, b`.
    OneOfValues(Vec<&'a str>),
    /// `must be object` (or another JSON type).
    Type(&'a str),
    /// `must match exactly one schema in oneOf`, `must match a schema in anyOf`.
    Union,
    /// A `oneOf`'s failure, where no value tells its branches apart.
    Indistinct,
}

/// `request.body.roles.0: Request body property roles.0 must have required property 'name'`:
/// the place (`["roles", "0"]`) and the check.
fn parse(violation: &str) -> Option<(Vec<&str>, Check<'_>)> {
    let (at, message) = violation.split_once(": ")?;
    let path = at.strip_prefix("request.body").or_else(|| at.strip_prefix("body"))?;
    let path: Vec<&str> = path.split('.').filter(|p| !p.is_empty()).collect();
    let check = if let Some(name) = message.split_once("must have required property '").and_then(|(_, n)| n.strip_suffix('\'')) {
        Check::Required(name)
    } else if let Some((_, values)) = message.split_once("must be equal to one of the allowed values: ") {
        Check::OneOfValues(values.split(", ").collect())
    } else if message.ends_with("must match exactly one schema in oneOf") || message.ends_with("must match a schema in anyOf") {
        Check::Union
    } else {
        let t = message.rsplit_once("must be ")?.1;
        ["object", "array", "string", "number", "integer", "boolean", "null"].contains(&t).then_some(Check::Type(t))?
    };
    Some((path, check))
}

/// Whether the body `v` also fails `check` at `at`; a union's failure, when another violation
/// at or inside it is so explained.
fn explained(v: &Value, at: &[&str], check: &Check<'_>, all: &[(Vec<&str>, Check<'_>)]) -> bool {
    let Some(here) = at.iter().try_fold(v, |x, seg| match x {
        Value::Array(items) => items.get(seg.parse::<usize>().ok()?),
        _ => x.get(seg),
    }) else {
        return false;
    };
    match check {
        Check::Required(name) => here.as_object().is_some_and(|m| !m.contains_key(*name)),
        Check::OneOfValues(values) => {
            let text = here.as_str().map_or_else(|| here.to_string(), str::to_string);
            !here.is_object() && !here.is_array() && !values.contains(&text.as_str())
        }
        Check::Type(t) => !super::check::matches_kind(t, here),
        Check::Union => all.iter().any(|(inner, c)| *c != Check::Union && inner.starts_with(at) && explained(v, inner, c, all)),
        Check::Indistinct => true,
    }
}

#[cfg(test)]
mod tests {
    use crate::sample::prepared;

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /tokens:
    post:
      operationId: createToken
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [policies]
              properties:
                policies: {type: array, items: {oneOf: [{$ref: '#/components/schemas/Policy'}]}}
      responses: {"200": {description: ok}}
  /rules:
    post:
      operationId: createRule
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Rule'}
      responses: {"200": {description: ok}}
  /placed:
    post:
      operationId: placeRule
      requestBody:
        required: true
        content:
          application/json:
            schema:
              allOf:
                - {$ref: '#/components/schemas/Rule'}
                - properties:
                    position:
                      oneOf:
                        - {type: object, properties: {before: {type: string}}}
                        - {type: object, properties: {after: {type: string}}}
      responses: {"200": {description: ok}}
components:
  schemas:
    Policy:
      type: object
      required: [id, effect]
      properties:
        id: {type: string, readOnly: true}
        effect: {type: string, enum: [allow, deny]}
    Base:
      type: object
      required: [version]
      properties:
        version: {type: string, readOnly: true}
        action: {type: string}
    Rule:
      oneOf: [{$ref: '#/components/schemas/BlockRule'}, {$ref: '#/components/schemas/LogRule'}]
      discriminator: {propertyName: action, mapping: {block: '#/components/schemas/BlockRule', log: '#/components/schemas/LogRule'}}
    BlockRule:
      allOf: [{$ref: '#/components/schemas/Base'}, {properties: {action: {enum: [block]}}}]
    LogRule:
      allOf: [{$ref: '#/components/schemas/Base'}, {properties: {action: {enum: [log]}}}]
"#;

    const POLICY: &str = "request.body.policies.0: Request body property policies.0 must have required property 'id'; request.body.policies.0: Request body property policies.0 must match exactly one schema in oneOf";

    #[test]
    fn a_union_failing_only_for_a_read_only_property_is_the_mocks() {
        let prepared = prepared(SPEC);
        let why = prepared.mock_limit(0, POLICY).expect("`id` is read-only, and the one branch fails only for it");
        assert!(why.contains("read-only properties `id`"), "{why}");
        // The client left out a property the branch requires that is not read-only.
        let effect = "request.body.policies.0: Request body property policies.0 must have required property 'effect'";
        assert_eq!(prepared.mock_limit(0, &format!("{POLICY}; {effect}")), None);
        // The union alone: the value matched no branch, or two, for no read-only reason.
        assert_eq!(prepared.mock_limit(0, "request.body.policies.0: Request body property policies.0 must match exactly one schema in oneOf"), None);
    }

    #[test]
    fn what_the_other_branches_want_is_explained_by_the_branch_sent() {
        let prepared = prepared(SPEC);
        let version = "request.body: Request body must have required property 'version'";
        let union = "request.body: Request body must match exactly one schema in oneOf";
        let log = "request.body.action: Request body property action must be equal to one of the allowed values: log";
        let why = prepared.mock_limit(1, &[version, version, log, union].join("; ")).expect("the block rule is right as a request");
        assert!(why.contains("`version`"), "{why}");
        // The action the branch sent is refused: the client did not send the block rule.
        let block = "request.body.action: Request body property action must be equal to one of the allowed values: block";
        assert_eq!(prepared.mock_limit(1, &[version, version, log, block, union].join("; ")), None);
        // A violation of another kind stays the client's.
        let other = "request.body.action: Request body property action must match pattern \"^[a-z]+$\"";
        assert_eq!(prepared.mock_limit(1, &[version, log, other, union].join("; ")), None);
    }

    #[test]
    fn a_one_of_no_value_tells_apart_beside_it_is_the_specs() {
        let prepared = prepared(SPEC);
        let version = "request.body: Request body must have required property 'version'";
        let union = "request.body: Request body must match exactly one schema in oneOf";
        let log = "request.body.action: Request body property action must be equal to one of the allowed values: log";
        let position = "request.body.position: Request body property position must match exactly one schema in oneOf";
        let why = prepared.mock_limit(2, &[version, log, union, position].join("; ")).expect("`position` fails whatever is sent");
        assert!(why.contains("`body.position` has branches that no value tells apart"), "{why}");
        // Without the read-only property, the indistinct `oneOf` alone is another classifier's.
        assert!(!prepared.mock_limit(2, position).is_some_and(|why| why.contains("read-only")));
    }
}
