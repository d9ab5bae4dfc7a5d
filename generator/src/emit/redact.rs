//! `Debug` that prints sensitive fields (`x-sensitive`, secrets) as `<redacted>`, for the models'
//! structs and the client's multipart bodies alike.

use super::ty::ident;
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// `impl Debug for name`: each of `fields` (Rust name, sensitive) by its name, the sensitive ones
/// as `<redacted>`, then `extra` entries (e.g. `.field("additional_properties", ..)`).
pub fn debug_impl<'f>(
    name: &impl ToTokens,
    name_str: &str,
    cfg: &TokenStream,
    fields: impl Iterator<Item = (&'f str, bool)>,
    extra: Option<TokenStream>,
) -> TokenStream {
    let entries = fields.map(|(label, sensitive)| {
        let fi = ident(label);
        if sensitive {
            quote!(.field(#label, &"<redacted>"))
        } else {
            quote!(.field(#label, &self.#fi))
        }
    });
    quote! {
        #cfg
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name_str) #(#entries)* #extra .finish()
            }
        }
    }
}
