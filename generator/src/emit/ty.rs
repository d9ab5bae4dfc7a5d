//! Type references as tokens.

use crate::ir::{Api, Ty};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier token.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Tokens for a type. `models` is the path prefix of named types (`models::` in the client crate).
pub fn ty(api: &Api, t: &Ty, models: &TokenStream) -> TokenStream {
    match t {
        Ty::String => quote!(String),
        Ty::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        Ty::Date => quote!(chrono::NaiveDate),
        Ty::Bool => quote!(bool),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F64 => quote!(f64),
        Ty::Json => quote!(serde_json::Value),
        Ty::Bytes => quote!(Vec<u8>),
        Ty::Unit => quote!(()),
        Ty::Named(id) => {
            let name = ident(&api.types[*id].name);
            quote!(#models #name)
        }
        Ty::Vec(inner) => {
            let inner = ty(api, inner, models);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = ty(api, inner, models);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
    }
}
