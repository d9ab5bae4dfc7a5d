//! How an error body is summarized in one line: which fields of its struct hold the server's
//! codes and messages.

use crate::ir::*;

/// The summary of an error struct, or `None` when it has no text field to show (then its JSON
/// is shown).
///
/// In order: a list of `{code, message}` items or one such object under `errors` or `error`
/// (each may be optional or nullable, and the items `$ref`s or inline); RFC 7807 `title` and
/// `detail`; a top-level `message`. A message or code that is not text (or a number, for a code)
/// is not used.
pub fn infer(s: &Struct, types: &[TypeDef]) -> Option<ErrorDisplay> {
    let field = |name: &str| s.fields.iter().find(|f| f.wire == name);
    let text = |f: &&Field| is_text(&f.ty, types);
    for holder in ["errors", "error"].into_iter().filter_map(field) {
        let (item, list) = match resolve(&holder.ty, types) {
            Ty::Vec(item) => (resolve(item, types), true),
            one => (one, false),
        };
        let Some(TypeKind::Struct(item)) = named(item, types) else { continue };
        let item_field = |name: &str| item.fields.iter().find(|f| f.wire == name);
        if let Some(message) = item_field("message").filter(text) {
            let code = item_field("code").filter(|f| is_text(&f.ty, types) || is_number(&f.ty, types));
            return Some(ErrorDisplay::CodeMessages { field: access(holder), list, code: code.map(access), message: access(message) });
        }
    }
    let title = field("title").filter(text);
    let detail = field("detail").filter(text);
    if title.is_some() || detail.is_some() {
        return Some(ErrorDisplay::Problem { title: title.map(access), detail: detail.map(access) });
    }
    field("message").or_else(|| field("Message")).filter(text).map(|f| ErrorDisplay::Message(access(f)))
}

fn access(f: &Field) -> FieldAccess {
    FieldAccess { ident: f.ident.clone(), optional: f.is_option(), tri_state: f.is_tri_state() }
}

/// `ty` with aliases followed (`pub type Messages = Vec<Message>;` reads as the `Vec`).
fn resolve<'t>(mut ty: &'t Ty, types: &'t [TypeDef]) -> &'t Ty {
    for _ in 0..32 {
        match ty {
            Ty::Named(id) => match types.get(*id).map(|t| &t.kind) {
                Some(TypeKind::Alias(inner)) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

fn named<'t>(ty: &Ty, types: &'t [TypeDef]) -> Option<&'t TypeKind> {
    match resolve(ty, types) {
        Ty::Named(id) => types.get(*id).map(|t| &t.kind),
        _ => None,
    }
}

/// A `String` (or an alias of one), so `&str` can be taken from it.
fn is_text(ty: &Ty, types: &[TypeDef]) -> bool {
    *resolve(ty, types) == Ty::String
}

fn is_number(ty: &Ty, types: &[TypeDef]) -> bool {
    matches!(resolve(ty, types), Ty::I64 | Ty::I32 | Ty::F64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The summary of component `Error` among `schemas` (YAML, one per line).
    fn summary(schemas: &str) -> Option<ErrorDisplay> {
        let spec = format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}");
        let doc: openapiv3::OpenAPI = serde_yaml::from_str(&spec).unwrap_or_else(|e| panic!("{e}\n{spec}"));
        let mut diags = crate::diag::Diagnostics::new("t.yaml");
        let api = crate::lower::lower(&doc, &crate::Settings::for_spec("t.yaml"), &mut diags);
        let def = api.types.iter().find(|t| t.origin == "#/components/schemas/Error").expect("the Error struct");
        let TypeKind::Struct(s) = &def.kind else { panic!("{def:?}") };
        infer(s, &api.types)
    }

    fn field(ident: &str, optional: bool) -> FieldAccess {
        FieldAccess { ident: ident.into(), optional, tri_state: false }
    }

    #[test]
    fn code_and_message_items_in_a_list_or_one_object() {
        let list = "    Error: {type: object, properties: {errors: {type: array, items: {$ref: '#/components/schemas/Item'}}}}\n    Item: {type: object, required: [message], properties: {code: {type: integer}, message: {type: string}}}\n";
        assert_eq!(
            summary(list),
            Some(ErrorDisplay::CodeMessages { field: field("errors", true), list: true, code: Some(field("code", true)), message: field("message", false) })
        );
        let one = "    Error: {type: object, required: [error], properties: {error: {type: object, properties: {message: {type: string}}}}}\n";
        assert_eq!(summary(one), Some(ErrorDisplay::CodeMessages { field: field("error", false), list: false, code: None, message: field("message", true) }));
    }

    #[test]
    fn problem_details_then_a_message() {
        let problem = "    Error: {type: object, properties: {title: {type: string}, detail: {type: string}, message: {type: string}}}\n";
        assert_eq!(summary(problem), Some(ErrorDisplay::Problem { title: Some(field("title", true)), detail: Some(field("detail", true)) }));
        let aws = "    Error: {type: object, properties: {Message: {type: string}}}\n";
        assert_eq!(summary(aws), Some(ErrorDisplay::Message(field("message", true))));
    }

    #[test]
    fn fields_that_are_not_text_are_not_shown() {
        // A message that is an object, and items whose message is a number: nothing to show.
        let odd = "    Error: {type: object, properties: {message: {type: object, properties: {a: {type: string}}}, errors: {type: array, items: {type: object, properties: {message: {type: integer}}}}}}\n";
        assert_eq!(summary(odd), None);
    }
}
