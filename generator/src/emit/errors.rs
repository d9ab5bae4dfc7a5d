//! Typed error details: which type an operation's error bodies parse into, and the
//! per-operation error enums that choose a variant by status or by error code.

use super::gate;
use super::ty::{ident, ty};
use crate::ir::*;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The error details type `E` of an operation and the `ErrorSpec<E>` expression that parses it.
pub fn spec(api: &Api, op: &Operation) -> (TokenStream, TokenStream) {
    match &op.errors {
        Errors::Untyped => (quote!(serde_json::Value), quote!(api_runtime::codegen::ErrorSpec::json())),
        Errors::Single(t) => {
            let t = ty(api, t, &quote!(models::));
            (t, quote!(api_runtime::codegen::ErrorSpec::json()))
        }
        Errors::Enum(e) => {
            let name = ident(&e.name);
            (quote!(#name), quote!(api_runtime::codegen::ErrorSpec { parse: #name::parse, retryable: #name::is_retryable }))
        }
    }
}

/// The error enum of an operation, when it has one.
pub fn error_enum(api: &Api, op: &Operation) -> Option<TokenStream> {
    let Errors::Enum(e) = &op.errors else { return None };
    if op.stream_variant {
        // The operation it streams has the enum.
        return None;
    }
    let name = ident(&e.name);
    let variants = e.variants.iter().map(|v| {
        let vi = ident(&v.ident);
        let vt = ty(api, &v.ty, &quote!(models::));
        let doc = variant_doc(v);
        quote! { #[doc = #doc] #vi(#vt) }
    });
    let parse = parse_fn(api, e);
    let display_arms = e.variants.iter().map(display_arm);
    let retryable: Vec<_> = e.variants.iter().filter(|v| v.retryable).map(|v| ident(&v.ident)).collect();
    let retryable_body = if retryable.is_empty() {
        quote!(false)
    } else {
        quote!(matches!(self, #(Self::#retryable(_))|*))
    };
    let doc = format!(" Typed error details of `{}`: one variant per documented error.", op.call_path);
    let cfg = gate::cfg(api, &op.gate);
    Some(quote! {
        #[doc = #doc]
        #cfg
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants,)*
            /// An error this version of the crate does not know, with what could be read of it.
            Unknown {
                /// The error code, when the response carries one.
                code: Option<String>,
                /// The error message, when the body has one.
                message: Option<String>,
            },
        }

        #cfg
        impl #name {
            #parse

            /// Whether the API marks this error as retryable.
            pub fn is_retryable(&self) -> bool {
                #retryable_body
            }
        }

        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#display_arms,)*
                    Self::Unknown { code, message } => match (code, message) {
                        (Some(code), Some(message)) => write!(f, "{code}: {message}"),
                        (Some(one), None) | (None, Some(one)) => f.write_str(one),
                        (None, None) => f.write_str("unknown error"),
                    },
                }
            }
        }
    })
}

/// `fn parse(head, body) -> Option<Self>`: the variant whose arm matches and whose body
/// parses, else `Unknown` with what could be read, else `None`.
fn parse_fn(api: &Api, e: &ErrorEnum) -> TokenStream {
    let aws = api.client.error_code == ErrorCodeStyle::Aws;
    let mut arms: Vec<(u8, TokenStream)> =
        e.variants.iter().flat_map(|v| if aws { code_arms(api, v) } else { status_arms(api, v) }).collect();
    // Exact statuses first, then ranges, then `default`, so a `404` body is not read as the
    // `4XX` one; AWS-style errors match on the code, then on the status when there is none.
    arms.sort_by_key(|(rank, _)| *rank);
    let arms = arms.into_iter().map(|(_, arm)| arm);
    let (code, selector) = if aws {
        (quote!(let code = api_runtime::codegen::aws::error_code(head, body);), quote!(match code.as_deref()))
    } else {
        (quote!(let code: Option<String> = None;), quote!(match head.status.as_u16()))
    };
    // `409` before `4XX`: the exact arm comes first on purpose, which clippy calls overlapping.
    let bounds = || e.variants.iter().flat_map(|v| v.statuses.iter().map(|s| s.bounds()));
    let overlap = !aws && bounds().any(|(a, b)| a != b && bounds().any(|(c, d)| c == d && (a..=b).contains(&c)));
    let allow_overlap = overlap.then(|| quote!(#[allow(clippy::match_overlapping_arm)]));
    let has_catch_all = !aws && e.variants.iter().any(|v| v.default);
    let fallback = (!has_catch_all).then(|| quote!(_ => {}));
    quote! {
        #allow_overlap
        fn parse(head: &api_runtime::codegen::ResponseHead, body: &[u8]) -> Option<Self> {
            #code
            #selector {
                #(#arms)*
                #fallback
            }
            let message = api_runtime::codegen::error_message(body);
            if code.is_none() && message.is_none() {
                return None;
            }
            Some(Self::Unknown { code, message })
        }
    }
}

/// What an arm does: parse the body as the variant's type, fill its header fields, return it.
fn variant_body(api: &Api, v: &ErrorVariant) -> TokenStream {
    let vi = ident(&v.ident);
    let vt = ty(api, &v.ty, &quote!(models::));
    let headers = v.header_fields.iter().map(|(field, header, _)| {
        let fi = ident(field);
        quote! {
            if details.#fi.is_none() {
                details.#fi = head.headers.get(#header).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok());
            }
        }
    });
    let binding = if v.header_fields.is_empty() { quote!(details) } else { quote!(mut details) };
    quote! {
        if let Ok(#binding) = serde_json::from_slice::<#vt>(body) {
            #(#headers)*
            return Some(Self::#vi(details));
        }
    }
}

/// AWS style: the variant's error code (rank 0); with no code anywhere, its exact statuses
/// (rank 1).
fn code_arms(api: &Api, v: &ErrorVariant) -> Vec<(u8, TokenStream)> {
    let body = variant_body(api, v);
    let code = v.code.clone().unwrap_or_else(|| v.ident.clone());
    let mut arms = vec![(0, quote!(Some(#code) => { #body }))];
    let exact: Vec<_> =
        v.statuses.iter().filter_map(|s| match s {
            StatusMatch::Code(c) => Some(Literal::u16_unsuffixed(*c)),
            StatusMatch::Range(_) => None,
        }).collect();
    if !exact.is_empty() {
        arms.push((1, quote!(None if matches!(head.status.as_u16(), #(#exact)|*) => { #body })));
    }
    arms
}

/// Status style: the exact statuses (rank 0), the ranges (rank 1) and, for the `default`
/// response's variant, every other status (rank 2).
fn status_arms(api: &Api, v: &ErrorVariant) -> Vec<(u8, TokenStream)> {
    let body = variant_body(api, v);
    let mut arms = Vec::new();
    if v.default {
        arms.push((2, quote!(_ => { #body })));
    }
    let (exact, ranges): (Vec<_>, Vec<_>) = merge_ranges(&v.statuses).into_iter().partition(|(a, b)| a == b);
    for (group, rank) in [(exact, 0u8), (ranges, 1u8)] {
        if group.is_empty() {
            continue;
        }
        let pats = group.iter().map(|(a, b)| {
            let (a, b) = (Literal::u16_unsuffixed(*a), Literal::u16_unsuffixed(*b));
            if a.to_string() == b.to_string() { quote!(#a) } else { quote!(#a..=#b) }
        });
        arms.push((rank, quote!(#(#pats)|* => { #body })));
    }
    arms
}

/// `Display` of a variant: AWS-style variants are named by their error code, worth showing.
fn display_arm(v: &ErrorVariant) -> TokenStream {
    let vi = ident(&v.ident);
    match &v.code {
        Some(code) => {
            let fmt = format!("{}: {{details}}", code.replace('{', "{{").replace('}', "}}"));
            quote!(Self::#vi(details) => write!(f, #fmt))
        }
        None => quote!(Self::#vi(details) => details.fmt(f)),
    }
}

/// The doc line of a variant: its error code, or the statuses it stands for.
fn variant_doc(v: &ErrorVariant) -> String {
    if let Some(code) = &v.code {
        return format!(" The `{code}` error.");
    }
    let statuses = v
        .statuses
        .iter()
        .map(|s| match s {
            StatusMatch::Code(c) => c.to_string(),
            StatusMatch::Range(r) => format!("{r}XX"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    match (statuses.is_empty(), v.default) {
        (false, false) => format!(" HTTP {statuses}."),
        (false, true) => format!(" HTTP {statuses}, and any other error status (`default`)."),
        (true, _) => " Any other error status (`default`).".to_string(),
    }
}

/// Sorted, with touching or overlapping ranges joined (`400..=499 | 500..=599` -> `400..=599`);
/// exact statuses stay as they are.
fn merge_ranges(statuses: &[StatusMatch]) -> Vec<(u16, u16)> {
    let mut sorted: Vec<(u16, u16)> = statuses.iter().map(|s| s.bounds()).collect();
    sorted.sort();
    sorted.dedup();
    let mut out: Vec<(u16, u16)> = Vec::new();
    for (a, b) in sorted {
        match out.last_mut() {
            Some(last) if a != b && last.0 != last.1 && a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}
