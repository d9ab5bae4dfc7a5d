//! `#[cfg(feature = ...)]` for items of APIs with per-tag features (see `lower::features`).

use crate::ir::{Api, Gate};
use proc_macro2::TokenStream;
use quote::quote;

/// The `cfg` attribute of an item with this gate; nothing for `Always` (and so for every item of
/// an API without features).
pub fn cfg(api: &Api, gate: &Gate) -> TokenStream {
    match gate {
        Gate::Always => TokenStream::new(),
        Gate::Full => quote!(#[cfg(feature = "full")]),
        Gate::Any(features) => {
            let names: Vec<&str> = features.iter().map(|f| api.features[*f].name.as_str()).collect();
            match names.as_slice() {
                [one] => quote!(#[cfg(feature = #one)]),
                many => quote!(#[cfg(any(#(feature = #many),*))]),
            }
        }
    }
}
