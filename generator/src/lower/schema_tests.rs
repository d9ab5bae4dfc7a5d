//! Types are keyed by the place of their schema: a schema's own position and a `$ref` to it
//! (written with `~1` or percent-encoding, reached first or second) are one type.

use crate::ir::{Api, Ty, TypeKind};

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
components:
  schemas:
    A:
      type: object
      properties:
        b: {type: object, properties: {c: {type: string}}}
    After:
      type: object
      properties:
        b: {$ref: '#/components/schemas/A/properties/b'}
        n: {type: integer}
    Before:
      type: object
      properties:
        pet: {$ref: '#/paths/~1pets~1%7Bid%7D/get/responses/200/content/application~1json/schema'}
        same: {$ref: '#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema'}
"##;

fn lowered() -> Api {
    let doc: openapiv3::OpenAPI = serde_yaml::from_str(SPEC).unwrap();
    let mut diags = crate::diag::Diagnostics::new("t.yaml");
    let api = super::super::lower(&doc, &crate::Settings::for_spec("t.yaml"), &mut diags);
    assert!(diags.items().is_empty(), "{:?}", diags.items());
    api
}

/// The types of the fields of the struct `name`.
fn fields(api: &Api, name: &str) -> Vec<Ty> {
    let def = api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"));
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| f.ty.clone()).collect(),
        other => panic!("{name} is {other:?}"),
    }
}

#[test]
fn a_ref_after_the_position_reuses_its_type() {
    let api = lowered();
    let a = fields(&api, "A");
    assert!(matches!(a[0], Ty::Named(_)), "{a:?}");
    assert_eq!(fields(&api, "After")[0], a[0]);
}

#[test]
fn a_ref_before_the_position_is_its_type_however_escaped() {
    let api = lowered();
    let response = api.operations[0].response.ty.clone();
    assert!(matches!(response, Ty::Named(_)), "{response:?}");
    assert_eq!(fields(&api, "Before"), [response.clone(), response]);
}
