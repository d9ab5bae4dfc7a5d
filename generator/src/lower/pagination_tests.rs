//! Pagination detection on small specs: each style found from the shape it documents, and each
//! near miss (a shape that only looks paginated) left without a pager.

use crate::diag::{Diagnostics, Location};
use crate::ir::{PageStyle, Pagination, Ty};

/// A query parameter.
fn q(name: &str, ty: &str) -> String {
    format!("{{name: {name}, in: query, schema: {{type: {ty}}}}}")
}

/// The pagination of `method /things` with these query parameters and success body schema
/// (`Thing` has an `id`, `Plain` has not); `link` adds a `Link` response header.
fn lowered(method: &str, params: &[String], schema: &str, link: bool, extension: &str) -> (Option<Pagination>, Diagnostics) {
    let headers = if link { "headers: {Link: {schema: {type: string}}}" } else { "" };
    let spec = format!(
        r#"
openapi: 3.0.3
info: {{title: t, version: "1"}}
paths:
  /things:
    {method}:
      operationId: listThings
      {extension}
      parameters: [{params}]
      responses:
        "200":
          description: ok
          {headers}
          content: {{application/json: {{schema: {schema}}}}}
components:
  schemas:
    Thing: {{type: object, properties: {{id: {{type: string}}, name: {{type: string}}}}}}
    Plain: {{type: object, properties: {{name: {{type: string}}}}}}
"#,
        params = params.join(", ")
    );
    let doc: openapiv3::OpenAPI = serde_yaml::from_str(&spec).unwrap_or_else(|e| panic!("{e}\n{spec}"));
    let mut diags = Diagnostics::new("t.yaml");
    let api = crate::lower::lower(&doc, &crate::Settings::for_spec("t.yaml"), &mut diags);
    (api.operations[0].pagination.clone(), diags)
}

fn detect(params: &[String], schema: &str) -> Option<Pagination> {
    lowered("get", params, schema, false, "").0
}

fn style(params: &[String], schema: &str) -> Option<PageStyle> {
    detect(params, schema).map(|p| p.style)
}

const THINGS: &str = r##"{type: array, items: {$ref: '#/components/schemas/Thing'}}"##;

#[test]
fn page_numbers_with_their_totals() {
    let body = format!("{{type: object, properties: {{result: {THINGS}, result_info: {{type: object, properties: {{total_pages: {{type: integer}}, total_count: {{type: integer}}}}}}}}}}");
    let found = detect(&[q("page", "number"), q("per_page", "number")], &body).expect("paginated");
    assert_eq!(found.items, "/result");
    assert_eq!(found.item, Ty::Named(0));
    assert_eq!(
        found.style,
        PageStyle::Page { param: "page".into(), total_pages: Some("/result_info/total_pages".into()), total: Some("/result_info/total_count".into()) }
    );
    // A text page number counts beside a page size, not alone.
    let text_page = style(&[q("page", "string"), q("pageSize", "integer")], THINGS);
    assert_eq!(text_page, Some(PageStyle::Page { param: "page".into(), total_pages: None, total: None }));
    assert_eq!(style(&[q("page", "string")], THINGS), None);
}

#[test]
fn cursors_flat_and_nested() {
    let flat = format!("{{type: object, properties: {{items: {THINGS}, next_cursor: {{type: string}}}}}}");
    assert_eq!(style(&[q("cursor", "string")], &flat), Some(PageStyle::Cursor { param: "cursor".into(), next: "/next_cursor".into() }));
    let token = format!("{{type: object, properties: {{data: {THINGS}, nextPageToken: {{type: string}}}}}}");
    assert_eq!(style(&[q("pageToken", "string")], &token), Some(PageStyle::Cursor { param: "pageToken".into(), next: "/nextPageToken".into() }));
    let graph = format!("{{type: object, properties: {{data: {THINGS}, paging: {{type: object, properties: {{cursors: {{type: object, properties: {{after: {{type: string}}}}}}}}}}}}}}");
    assert_eq!(style(&[q("after", "string")], &graph), Some(PageStyle::Cursor { param: "after".into(), next: "/paging/cursors/after".into() }));
}

#[test]
fn cursor_near_misses() {
    // A cursor field with no query parameter to send it back in.
    let flat = format!("{{type: object, properties: {{items: {THINGS}, next_cursor: {{type: string}}}}}}");
    assert_eq!(style(&[q("limit", "integer")], &flat), None);
    // `cursor` at the top is not taken for the next page's (it may be this page's).
    let top = format!("{{type: object, properties: {{items: {THINGS}, cursor: {{type: string}}}}}}");
    assert_eq!(style(&[q("cursor", "string")], &top), None);
    // `after` that is not under `next` or `cursors`.
    let loose = format!("{{type: object, properties: {{items: {THINGS}, meta: {{type: object, properties: {{after: {{type: string}}}}}}}}}}");
    assert_eq!(style(&[q("after", "string")], &loose), None);
}

#[test]
fn starting_after_needs_items_with_an_id() {
    let body = |items: &str| format!("{{type: object, properties: {{data: {items}, has_more: {{type: boolean}}}}}}");
    assert_eq!(
        style(&[q("starting_after", "string")], &body(THINGS)),
        Some(PageStyle::StartingAfter { param: "starting_after".into(), has_more: "/has_more".into(), id: "/id".into() })
    );
    let plain = r##"{type: array, items: {$ref: '#/components/schemas/Plain'}}"##;
    assert_eq!(style(&[q("starting_after", "string")], &body(plain)), None);
    // `has_more` that is not a boolean.
    let counted = format!("{{type: object, properties: {{data: {THINGS}, has_more: {{type: integer}}}}}}");
    assert_eq!(style(&[q("starting_after", "string")], &counted), None);
}

#[test]
fn offsets_are_numbers() {
    let body = format!("{{type: object, properties: {{results: {THINGS}, total: {{type: integer}}}}}}");
    assert_eq!(style(&[q("offset", "integer")], &body), Some(PageStyle::Offset { param: "offset".into(), total: Some("/total".into()) }));
    assert_eq!(style(&[q("offset", "string")], &body), None);
}

#[test]
fn a_link_header_pages_a_bare_array() {
    let (found, _) = lowered("get", &[], THINGS, true, "");
    let found = found.expect("paginated by its Link header");
    assert_eq!((found.style, found.items.as_str()), (PageStyle::Link, ""));
    assert_eq!(style(&[], THINGS), None, "without the header, nothing says how");
}

#[test]
fn near_misses_of_every_style() {
    // No array of items anywhere.
    let single = r##"{$ref: '#/components/schemas/Thing'}"##;
    assert_eq!(style(&[q("page", "integer")], single), None);
    // Several arrays, none named like a list and none of objects with an id.
    let two = "{type: object, properties: {a: {type: array, items: {type: string}}, b: {type: array, items: {type: string}}}}";
    assert_eq!(style(&[q("page", "integer")], two), None);
    // A POST is never detected: sending it again per page could repeat what it does.
    assert_eq!(lowered("post", &[q("page", "integer")], THINGS, false, "").0, None);
    // `false` turns a detected pager off.
    assert_eq!(lowered("get", &[q("page", "integer")], THINGS, false, "x-rust-pagination: false").0, None);
}

#[test]
fn the_extension_overrides_detection_and_is_checked_against_the_operation() {
    let body = format!("{{type: object, properties: {{entries: {THINGS}, continuation: {{type: string}}}}}}");
    let ext = "x-rust-pagination: {style: cursor, param: token, next: /continuation, items: /entries}";
    let (found, diags) = lowered("post", &[q("token", "string")], &body, false, ext);
    assert!(diags.items().is_empty(), "{diags:?}");
    let found = found.expect("the extension paginates a POST");
    assert_eq!((found.items.as_str(), found.style), ("/entries", PageStyle::Cursor { param: "token".into(), next: "/continuation".into() }));

    let (found, diags) = lowered("get", &[q("token", "string")], &body, false, &ext.replace("/continuation", "/next"));
    assert_eq!(found, None);
    let pointers: Vec<Location> = diags.into_vec().into_iter().map(|d| d.location).collect();
    assert_eq!(pointers, [Location::Pointer("#/paths/~1things/get/x-rust-pagination/next".into())]);
}
