//! Requests the mock rejects however a client sends them. Prism reads each part of a
//! `multipart/form-data` body as text: a part the schema types as an object (JSON, as OpenAPI
//! sends it) or as a list (one part per item; a list of one is one part) fails its type check
//! whatever the part holds. Such a rejection is the mock's, not the client's; only when every
//! violation Prism lists is of that kind.

use crate::ir::{BodyKind, Operation};

/// Why Prism's rejection `detail` (`request.body.metadata: Request body property metadata must
/// be object; ...`) of a request of `op` is its own limit, when it is.
pub fn mock_limit(op: &Operation, detail: &str) -> Option<String> {
    if op.body.as_ref().is_none_or(|b| b.kind != BodyKind::Multipart) {
        return None;
    }
    let parts: Option<Vec<&str>> = detail.split("; ").map(typed_part).collect();
    let parts = parts.filter(|p| !p.is_empty())?;
    Some(format!(
        "Prism reads each multipart part as text, so the part(s) `{}` the schema types as an object or a list fail its type check however they are sent",
        parts.join("`, `")
    ))
}

/// `metadata` for `request.body.metadata: Request body property metadata must be object`.
fn typed_part(violation: &str) -> Option<&str> {
    let (at, message) = violation.split_once(": ")?;
    let part = at.strip_prefix("request.body.").filter(|p| !p.contains('.'))?;
    (message.ends_with("must be object") || message.ends_with("must be array")).then_some(part)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::prepare;
    use crate::Settings;

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /images:
    post:
      operationId: upload
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
            schema: {type: object, properties: {metadata: {type: object}}}
      responses: {"200": {description: ok}}
"#;

    #[test]
    fn a_multipart_part_typed_object_or_list_is_the_mocks_limit() {
        let prepared = prepare(SPEC, &Settings::for_spec("t.yaml")).expect("the spec loads");
        let both = "request.body.metadata: Request body property metadata must be object; request.body.<any part name>: Request body property <any part name> must be array";
        let why = prepared.mock_limit(0, both).expect("Prism's limit");
        assert!(why.contains("`metadata`, `<any part name>`"), "{why}");
        // Another violation beside it: the client's to answer for.
        assert_eq!(prepared.mock_limit(0, "request.body.metadata: Request body property metadata must be object; request.body.url: Request body property url must be string"), None);
        // A nested property, or a JSON body: Prism reads those as JSON.
        assert_eq!(prepared.mock_limit(0, "request.body.metadata.a: Request body property metadata.a must be object"), None);
        assert_eq!(prepared.mock_limit(1, "request.body.metadata: Request body property metadata must be object"), None);
    }
}
