//! `Display` for an untagged union of scalars (`anyOf: [integer, string]`) that a path or header
//! parameter takes: the parameter is written as the scalar the union holds, as its branch's own
//! type would be (a date-time as RFC 3339).

use super::operation::base;
use super::ty::ident;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The unions that path or header parameters take (alone or as list items): the ones that
/// need `Display`.
pub fn written_as_text(api: &Api) -> BTreeSet<TypeId> {
    let params = api.operations.iter().flat_map(|op| &op.params).filter(|p| p.location != ParamLocation::Query);
    let named = params.filter_map(|p| match base(api, &p.ty) {
        Ty::Named(id) => Some(id),
        Ty::Vec(inner) => match base(api, &inner) {
            Ty::Named(id) => Some(id),
            _ => None,
        },
        _ => None,
    });
    named.filter(|id| matches!(api.types[*id].kind, TypeKind::Untagged(_))).collect()
}

/// `impl Display` writing the scalar each variant holds; `None` when a variant is not a scalar.
pub fn display(api: &Api, name: &proc_macro2::Ident, cfg: &TokenStream, variants: &[UnionVariant]) -> Option<TokenStream> {
    let arms = variants.iter().map(|v| {
        let vi = ident(&v.ident);
        let write = match base(api, &v.ty) {
            Ty::DateTime => quote!(f.write_str(&value.to_rfc3339())),
            Ty::String | Ty::Bool | Ty::I32 | Ty::I64 | Ty::F64 | Ty::Date => quote!(std::fmt::Display::fmt(value, f)),
            Ty::Named(id) if matches!(api.types[id].kind, TypeKind::StringEnum(_) | TypeKind::IntEnum(_)) => {
                quote!(std::fmt::Display::fmt(value, f))
            }
            _ => return None,
        };
        Some(quote!(Self::#vi(value) => #write))
    });
    let arms: Vec<TokenStream> = arms.collect::<Option<_>>()?;
    Some(quote! {
        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self { #(#arms,)* }
            }
        }
    })
}
