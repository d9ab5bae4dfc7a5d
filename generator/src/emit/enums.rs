//! String and integer enums of the models crate. The declaration (with its docs) is written out
//! per type; the conversions every such enum has come from the `api-macros` crate, invoked once
//! per type with its variants and their wire values.

use super::ty::ident;
use crate::ir::{IntVariant, Variant};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{quote, ToTokens};

/// A string enum: the declaration, then `api_macros::string_enum!` for its conversions.
pub fn string_enum(name: &Ident, doc: &TokenStream, cfg: &TokenStream, variants: &[Variant]) -> TokenStream {
    let variants = variants.iter().map(|v| (v.ident.as_str(), v.value.clone(), v.value.to_token_stream()));
    let decl = declaration(name, doc, cfg, quote!(String), quote!(), variants.clone());
    let pairs = pairs(variants);
    quote! {
        #decl
        #cfg
        api_macros::string_enum!(#name { #pairs });
    }
}

/// An integer enum: the declaration, then `api_macros::int_enum!` for its conversions.
pub fn int_enum(name: &Ident, doc: &TokenStream, cfg: &TokenStream, variants: &[IntVariant]) -> TokenStream {
    let variants = variants.iter().map(|v| (v.ident.as_str(), v.value.to_string(), Literal::i64_unsuffixed(v.value).to_token_stream()));
    let decl = declaration(name, doc, cfg, quote!(i64), quote!(Copy,), variants.clone());
    let pairs = pairs(variants);
    quote! {
        #decl
        #cfg
        api_macros::int_enum!(#name { #pairs });
    }
}

/// `(variant, value as documented, value as a literal)`.
type Member<'a> = (&'a str, String, TokenStream);

fn declaration<'a>(name: &Ident, doc: &TokenStream, cfg: &TokenStream, repr: TokenStream, copy: TokenStream, variants: impl Iterator<Item = Member<'a>>) -> TokenStream {
    let decl = variants.map(|(variant, shown, _)| {
        let vi = ident(variant);
        let d = format!(" `{shown}`");
        quote! { #[doc = #d] #vi }
    });
    let repr_str = repr.to_string();
    quote! {
        #doc
        #cfg
        #[derive(Clone, #copy Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(from = #repr_str, into = #repr_str)]
        pub enum #name {
            #(#decl,)*
            /// A value this version of the crate does not know; kept as received.
            Unknown(#repr),
        }
    }
}

fn pairs<'a>(variants: impl Iterator<Item = Member<'a>>) -> TokenStream {
    let pairs = variants.map(|(variant, _, value)| {
        let vi = ident(variant);
        quote! { #vi(#value) }
    });
    quote!(#(#pairs),*)
}
