//! `readOnly` and `writeOnly` against `required`. A read-only property is never sent in a request
//! and a write-only one never comes in a response, even when `required` lists them (OpenAPI
//! 3.0.3, "Fixed Fields" of the Schema Object). A struct that a request body reaches (through
//! fields, items, variants and aliases) therefore has its required read-only fields optional
//! (an `Option` that is left out when `None`); one that a response reaches, its required
//! write-only fields. A type only responses use keeps its read-only fields required.

use super::features::{edges, push};
use crate::ir::{Errors, Operation, TypeDef, TypeId, TypeKind};

/// Makes the required read-only fields of request types, and the required write-only fields of
/// response types, optional.
pub fn relax(types: &mut [TypeDef], operations: &[Operation]) {
    let mut sent = Vec::new();
    let mut received = Vec::new();
    for op in operations {
        if let Some(b) = &op.body {
            push(&b.ty, &mut sent);
            for f in b.kind.multipart().into_iter().flat_map(|m| m.all_fields()) {
                push(&f.ty, &mut sent);
            }
        }
        push(&op.response.ty, &mut received);
        for v in op.response.by_status().into_iter().flat_map(|b| &b.variants) {
            push(&v.ty, &mut received);
        }
        match &op.errors {
            Errors::Untyped => {}
            Errors::Single(t) => push(t, &mut received),
            Errors::Enum(e) => e.variants.iter().for_each(|v| push(&v.ty, &mut received)),
        }
    }
    for id in reachable(types, sent) {
        if let TypeKind::Struct(s) = &mut types[id].kind {
            s.fields.iter_mut().filter(|f| !f.access.sent()).for_each(|f| f.required = false);
        }
    }
    for id in reachable(types, received) {
        if let TypeKind::Struct(s) = &mut types[id].kind {
            s.fields.iter_mut().filter(|f| !f.access.received()).for_each(|f| f.required = false);
        }
    }
}

/// Every type reachable from `stack`.
fn reachable(types: &[TypeDef], mut stack: Vec<TypeId>) -> Vec<TypeId> {
    let mut seen = vec![false; types.len()];
    let mut out = Vec::new();
    while let Some(id) = stack.pop() {
        if id >= types.len() || std::mem::replace(&mut seen[id], true) {
            continue;
        }
        out.push(id);
        edges(&types[id].kind, &mut stack);
    }
    out
}
