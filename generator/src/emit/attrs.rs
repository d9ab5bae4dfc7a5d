//! Attributes as `syn` values, for items built as values rather than parsed from tokens.
//!
//! A large models crate is mostly attributes (`///` lines, `#[cfg]`, `#[derive]`, `#[serde]`):
//! making them directly spares `syn` from parsing them back out of tokens. Each builder here
//! matches its token form (`docs::doc_attrs`, `gate::cfg`), so the output is the same text.

use super::docs::clean;
use super::gate;
use crate::ir::{Api, Gate};
use proc_macro2::{Span, TokenStream};
use syn::{AttrStyle, Attribute, Expr, ExprLit, Lit, LitStr, MacroDelimiter, Meta, MetaList, MetaNameValue, Path};

/// `#[name(tokens)]`, e.g. `#[serde(rename = "id")]`; the tokens are kept as they are.
pub fn list(name: &str, tokens: TokenStream) -> Attribute {
    outer(Meta::List(MetaList { path: path(name), delimiter: MacroDelimiter::Paren(Default::default()), tokens }))
}

/// The `#[cfg(...)]` of a gate; `None` for `Always`.
pub fn cfg(api: &Api, gate: &Gate) -> Option<Attribute> {
    gate::predicate(api, gate).map(|p| list("cfg", p))
}

/// `#[doc = ...]` attributes, one per line of the cleaned text (see `docs::doc_attrs`).
pub fn doc(text: Option<&str>) -> Vec<Attribute> {
    let Some(text) = text else { return Vec::new() };
    doc_lines(&clean(text))
}

/// Doc attributes from several paragraphs, skipping empty ones (see `docs::doc_paragraphs`).
pub fn doc_paragraphs(parts: &[Option<&str>]) -> Vec<Attribute> {
    let joined: Vec<String> = parts.iter().flatten().map(|p| clean(p)).filter(|p| !p.is_empty()).collect();
    doc_lines(&joined.join("\n\n"))
}

fn doc_lines(cleaned: &str) -> Vec<Attribute> {
    if cleaned.is_empty() {
        return Vec::new();
    }
    cleaned
        .lines()
        .map(|l| {
            let line = if l.is_empty() { String::new() } else { format!(" {l}") };
            let value = Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::Str(LitStr::new(&line, Span::call_site())) });
            outer(Meta::NameValue(MetaNameValue { path: path("doc"), eq_token: Default::default(), value }))
        })
        .collect()
}

fn outer(meta: Meta) -> Attribute {
    Attribute { pound_token: Default::default(), style: AttrStyle::Outer, bracket_token: Default::default(), meta }
}

fn path(name: &str) -> Path {
    Path::from(syn::Ident::new(name, Span::call_site()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// Built attributes print exactly as the parsed token form does.
    #[test]
    fn built_attributes_print_like_parsed_ones() {
        let built: Vec<Attribute> = doc(Some("First line.\n\n    indented\n```json\n{}\n```"))
            .into_iter()
            .chain([list("serde", quote!(rename = "a-b", skip_serializing_if = "Option::is_none"))])
            .collect();
        let tokens = super::super::docs::doc_attrs(Some("First line.\n\n    indented\n```json\n{}\n```"));
        let parsed: syn::ItemStruct = syn::parse2(quote!(#tokens #[serde(rename = "a-b", skip_serializing_if = "Option::is_none")] struct S;)).unwrap();
        let mut item: syn::ItemStruct = syn::parse2(quote!(struct S;)).unwrap();
        item.attrs = built;
        let print = |i: syn::ItemStruct| prettyplease::unparse(&syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items: vec![syn::Item::Struct(i)] });
        assert_eq!(print(item), print(parsed));
    }
}
