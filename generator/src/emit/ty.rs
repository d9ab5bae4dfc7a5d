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
        // Binary data inside JSON is a JSON string: kept as the text the server sent (see `Ty::Bytes`).
        Ty::Bytes => quote!(String),
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
        Ty::Option(inner) => {
            let inner = ty(api, inner, models);
            quote!(Option<#inner>)
        }
    }
}

/// A type of the models crate as a `syn` value, made directly rather than parsed (see
/// `attrs`): the same type [`ty`] writes with no prefix.
pub fn syn_ty(api: &Api, t: &Ty) -> syn::Type {
    match t {
        Ty::String => path(&[("String", None)]),
        Ty::DateTime => path(&[("chrono", None), ("DateTime", Some(path(&[("chrono", None), ("Utc", None)])))]),
        Ty::Date => path(&[("chrono", None), ("NaiveDate", None)]),
        Ty::Bool => path(&[("bool", None)]),
        Ty::I32 => path(&[("i32", None)]),
        Ty::I64 => path(&[("i64", None)]),
        Ty::F64 => path(&[("f64", None)]),
        Ty::Json => path(&[("serde_json", None), ("Value", None)]),
        Ty::Bytes => path(&[("String", None)]),
        Ty::Unit => syn::Type::Tuple(syn::TypeTuple { attrs: Vec::new(), paren_token: Default::default(), elems: Default::default() }),
        Ty::Named(id) => path(&[(api.types[*id].name.as_str(), None)]),
        Ty::Vec(inner) => wrapped("Vec", syn_ty(api, inner)),
        Ty::Map(inner) => {
            let args = [path(&[("String", None)]), syn_ty(api, inner)];
            path_with(&[("std", Vec::new()), ("collections", Vec::new()), ("BTreeMap", args.into())])
        }
        Ty::Option(inner) => wrapped("Option", syn_ty(api, inner)),
    }
}

/// `Name<inner>`, e.g. `Option<T>` or `Box<T>`.
pub fn wrapped(name: &str, inner: syn::Type) -> syn::Type {
    path_with(&[(name, vec![inner])])
}

/// `api_macros::Nullable<inner>`, a tri-state field's type.
pub fn nullable(inner: syn::Type) -> syn::Type {
    path_with(&[("api_macros", Vec::new()), ("Nullable", vec![inner])])
}

/// A path type whose segments take at most one type argument each.
fn path(segments: &[(&str, Option<syn::Type>)]) -> syn::Type {
    let segments: Vec<(&str, Vec<syn::Type>)> = segments.iter().map(|(name, arg)| (*name, arg.iter().cloned().collect())).collect();
    path_with(&segments)
}

fn path_with(segments: &[(&str, Vec<syn::Type>)]) -> syn::Type {
    let segments = segments
        .iter()
        .map(|(name, args)| syn::PathSegment {
            ident: ident(name),
            arguments: if args.is_empty() {
                syn::PathArguments::None
            } else {
                syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
                    colon2_token: None,
                    lt_token: Default::default(),
                    args: args.iter().cloned().map(syn::GenericArgument::Type).collect(),
                    gt_token: Default::default(),
                })
            },
        })
        .collect();
    syn::Type::Path(syn::TypePath { attrs: Vec::new(), qself: None, path: syn::Path { leading_colon: None, segments } })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every type prints as the tokens [`ty`] writes.
    #[test]
    fn syn_types_print_like_token_types() {
        let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {Thing: {type: object, properties: {a: {type: string}}}}}\n";
        let mut diags = crate::diag::Diagnostics::new("t.yaml");
        let (_, doc) = crate::load::load(yaml, &mut diags).expect("the test spec loads");
        let api: Api = crate::lower::lower(&doc, &crate::Settings::for_spec("t.yaml"), &mut diags);
        let all = [
            Ty::String, Ty::DateTime, Ty::Date, Ty::Bool, Ty::I32, Ty::I64, Ty::F64, Ty::Json, Ty::Bytes, Ty::Unit, Ty::Named(0),
            Ty::Vec(Box::new(Ty::Map(Box::new(Ty::Named(0))))),
            Ty::Vec(Box::new(Ty::Option(Box::new(Ty::Named(0))))),
        ];
        for t in all {
            let built = syn_ty(&api, &t);
            let parsed: syn::Type = syn::parse2(ty(&api, &t, &TokenStream::new())).unwrap();
            assert_eq!(quote!(#built).to_string(), quote!(#parsed).to_string(), "{t:?}");
        }
    }
}
