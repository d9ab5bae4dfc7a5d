//! Attributes as `syn` values, for items built as values rather than parsed from tokens.
//!
//! A large models crate is mostly attributes (`///` lines, `#[cfg]`, `#[derive]`, `#[serde]`):
//! making them directly spares `syn` from parsing them back out of tokens. Each builder here
//! matches its token form (`docs::doc_attrs`, `gate::cfg`), so the output is the same text.

use super::docs::{clean, lines, paragraphs};
use super::gate;
use crate::format::parse;
use crate::ir::{Api, Gate};
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
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
    doc_lines(&paragraphs(parts))
}

fn doc_lines(cleaned: &str) -> Vec<Attribute> {
    lines(cleaned)
        .map(|line| {
            let value = Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::Str(LitStr::new(&line, Span::call_site())) });
            outer(Meta::NameValue(MetaNameValue { path: path("doc"), eq_token: Default::default(), value }))
        })
        .collect()
}

/// Splits the leading outer attributes off an item's tokens and makes them `syn` values
/// without parsing (`#[name = literal]`, `#[name(tokens)]`, `#[name]`); the first attribute of
/// another shape, and everything after it, stays in the tokens for `syn` to parse.
pub fn peel(tokens: TokenStream) -> (Vec<Attribute>, TokenStream) {
    let mut attrs = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '#') {
        let pound = iter.next();
        let next = iter.next();
        match &next {
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => {
                if let Some(meta) = simple_meta(g.stream()) {
                    attrs.push(outer(meta));
                    continue;
                }
            }
            _ => {}
        }
        // Not one of ours: it goes back in front of the rest.
        return (attrs, pound.into_iter().chain(next).chain(iter).collect());
    }
    (attrs, iter.collect())
}

/// A method parsed from tokens whose outer attributes are peeled off as values first.
pub fn method(tokens: TokenStream) -> Result<syn::ImplItemFn, String> {
    let (mut attrs, rest) = peel(tokens);
    let mut method: syn::ImplItemFn = parse(rest)?;
    attrs.append(&mut method.attrs);
    method.attrs = attrs;
    Ok(method)
}

/// `name = literal`, `name(tokens)` or `name`; `None` for anything else.
fn simple_meta(tokens: TokenStream) -> Option<Meta> {
    let mut parts = tokens.into_iter();
    let Some(TokenTree::Ident(name)) = parts.next() else { return None };
    let path = Path::from(name);
    let meta = match (parts.next(), parts.next(), parts.next()) {
        (None, None, None) => Meta::Path(path),
        (Some(TokenTree::Group(g)), None, None) if g.delimiter() == Delimiter::Parenthesis => {
            Meta::List(MetaList { path, delimiter: MacroDelimiter::Paren(syn::token::Paren(g.delim_span())), tokens: g.stream() })
        }
        (Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(lit)), None) if eq.as_char() == '=' => {
            let value = Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::new(lit) });
            Meta::NameValue(MetaNameValue { path, eq_token: Default::default(), value })
        }
        _ => return None,
    };
    Some(meta)
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
        let print = |i: syn::ItemStruct| prettyplease::unparse(&crate::format::file(vec![syn::Item::Struct(i)]));
        assert_eq!(print(item), print(parsed.clone()));

        // Peeled attributes print as parsed ones too; the first odd one stops the peeling.
        let tokens = quote!(#tokens #[serde(rename = "a-b")] #[must_use] #[a::b] #[doc = "x"] struct S;);
        let (attrs, rest) = peel(tokens.clone());
        assert_eq!(attrs.len(), 8);
        let mut peeled: syn::ItemStruct = syn::parse2(rest).unwrap();
        peeled.attrs.splice(0..0, attrs);
        assert_eq!(print(peeled), print(syn::parse2(tokens).unwrap()));
    }
}
