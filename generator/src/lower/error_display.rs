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
