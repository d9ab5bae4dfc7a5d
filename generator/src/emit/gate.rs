//! `#[cfg(feature = ...)]` for items of APIs with per-tag features (see `lower::features`).

use crate::ir::{Api, Gate};
use proc_macro2::TokenStream;
use quote::quote;

/// The `cfg` attribute of an item with this gate; nothing for `Always` (and so for every item of
/// an API without features).
pub fn cfg(api: &Api, gate: &Gate) -> TokenStream {
    match predicate(api, gate) {
        Some(p) => quote!(#[cfg(#p)]),
        None => TokenStream::new(),
    }
}

/// The `cfg` predicate of a gate (`feature = "a"`, `any(feature = "a", feature = "b")`); `None`
/// for `Always`.
pub fn predicate(api: &Api, gate: &Gate) -> Option<TokenStream> {
    match gate {
        Gate::Always => None,
        Gate::Full => Some(quote!(feature = "full")),
        Gate::Any(features) => {
            let names: Vec<&str> = features.iter().map(|f| api.features[*f].name.as_str()).collect();
            Some(match names.as_slice() {
                [one] => quote!(feature = #one),
                many => quote!(any(#(feature = #many),*)),
            })
        }
    }
}
