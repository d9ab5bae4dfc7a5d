//! A `required` name that no `properties` declare (Cloudflare's rate limit update: `required:
//! [id, match, ...]` beside properties without `id`). JSON Schema then requires the property
//! with any value, so the struct gets a required field of the untyped JSON value: what the
//! schema says, so no warning (the untyped report lists it as free-form). Such a `required` is as often misplaced (a
//! response's list naming its `result`'s properties), so the field is required where the
//! client sends it and optional where it reads it (`ir::Access::Undeclared`, which
//! `lower::read_write` relaxes in the types a response reaches). Where `additionalProperties` says otherwise
//! the struct does not: `false` (no value satisfies the schema, the spec's fault: a warning
//! says so) or a schema (the flattened map holds the property).

use crate::diag::Diagnostics;
use crate::ir::{Access, Field, Ty};
use crate::names::{snake, Namespace};

/// How an object takes the properties it does not declare (its `additionalProperties`).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Extra {
    /// As any value (`true`, or not said).
    Any,
    /// As the flattened map's values (a schema).
    Map,
    /// Never (`false`).
    Closed,
}

/// The fields for the names in `required` (each with the pointer of its `required` list) that
/// no field in `have` carries, when the object takes them as any value.
pub(super) fn fields(diags: &mut Diagnostics, required: &[(String, String)], have: &[Field], extra: Extra, ns: &mut Namespace) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    for (wire, at) in required {
        if extra == Extra::Map || have.iter().chain(&out).any(|f| f.wire == *wire) {
            continue;
        }
        if extra == Extra::Closed {
            let help = format!("declare `{wire}` under `properties`, or remove it from `required`");
            let problem = format!("`required` names `{wire}`, which no `properties` declare and `additionalProperties: false` forbids: no value satisfies the schema");
            diags.recover(at.as_str(), problem, "the struct leaves it out", help);
            continue;
        }
        let doc = Some("Required by the schema, which declares no schema for it: any JSON value.".to_string());
        let ident = ns.claim(&snake(wire), wire);
        out.push(Field { wire: wire.clone(), doc, flatten: false, access: Access::Undeclared, ..super::branches::field(ident, Ty::Json) });
    }
    out
}
