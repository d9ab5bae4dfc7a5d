//! The struct of a typed multipart body (client crate): its fields, `new` or `Default`, and its
//! conversion into the runtime's `Multipart` form, one runtime call per field. A union body is an
//! enum of such structs, converted by its branch.

use super::docs::doc_paragraphs;
use super::gate;
use super::ty::{ident, ty};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// The field's Rust type.
fn field_ty(api: &Api, f: &PartField) -> TokenStream {
    let inner = match f.kind {
        PartKind::File => quote!(api_runtime::FilePart),
        PartKind::Files => quote!(Vec<api_runtime::FilePart>),
        PartKind::Value => ty(api, &f.ty, &quote!(models::)),
    };
    if f.is_option() {
        quote!(Option<#inner>)
    } else {
        inner
    }
}

/// The runtime call that adds the field `body.<ident>` to the form.
fn add(f: &PartField) -> TokenStream {
    let wire = &f.wire;
    let fi = ident(&f.ident);
    let (method, value) = match f.kind {
        PartKind::File => ("file", quote!(body.#fi)),
        PartKind::Files => ("files", quote!(body.#fi)),
        PartKind::Value => ("field", quote!(&body.#fi)),
    };
    match &f.content_type {
        Some(ct) => {
            let method = ident(&format!("{method}_as"));
            quote!(.#method(#wire, #value, #ct))
        }
        None => {
            let method = ident(method);
            quote!(.#method(#wire, #value))
        }
    }
}

/// The body type of an operation with a typed multipart body: its struct, or its enum and the
/// struct of each branch.
pub fn body_struct(api: &Api, op: &Operation) -> Option<TokenStream> {
    let body = op.body.as_ref()?;
    let m = body.kind.multipart()?;
    let cfg = gate::cfg(api, &op.gate);
    let purpose = format!("The `multipart/form-data` body of `{}`", op.call_path);
    let (enum_name, enum_doc, branches) = match m {
        MultipartBody::Struct(s) => return Some(structure(api, &cfg, s, &format!("{purpose}: one part per field."))),
        MultipartBody::Union { name, doc, branches } => (name, doc, branches),
    };
    let name = ident(enum_name);
    let variants = branches.iter().map(|b| {
        let (v, t) = (ident(&b.variant), ident(&b.body.name));
        let doc = doc_paragraphs(&[Some(&format!("Sent as [`{}`].", b.body.name))]);
        quote!(#doc #v(#t))
    });
    let froms = branches.iter().map(|b| {
        let (v, t) = (ident(&b.variant), ident(&b.body.name));
        quote! {
            #cfg
            impl From<#t> for #name {
                fn from(body: #t) -> Self {
                    #name::#v(body)
                }
            }
        }
    });
    let arms = branches.iter().map(|b| {
        let v = ident(&b.variant);
        quote!(#name::#v(body) => body.into())
    });
    let structs = branches.iter().map(|b| {
        let purpose = format!("{purpose}, as [`{}::{}`]: one part per field.", enum_name, b.variant);
        structure(api, &cfg, &b.body, &purpose)
    });
    let shapes = format!("{purpose}: one of its {} shapes, each a struct sent one part per field.", branches.len());
    let doc = doc_paragraphs(&[enum_doc.as_deref(), Some(&shapes)]);
    Some(quote! {
        #doc
        #cfg
        #[derive(Debug)]
        pub enum #name {
            #(#variants,)*
        }

        #(#froms)*

        #cfg
        impl From<#name> for api_runtime::Multipart {
            fn from(body: #name) -> Self {
                match body {
                    #(#arms,)*
                }
            }
        }

        #(#structs)*
    })
}

/// A body struct, its constructor and its conversion into the runtime's form.
fn structure(api: &Api, cfg: &TokenStream, m: &PartStruct, purpose: &str) -> TokenStream {
    let name = ident(&m.name);
    let fields = m.fields.iter().map(|f| {
        let fi = ident(&f.ident);
        let ft = field_ty(api, f);
        let doc = doc_paragraphs(&[f.doc.as_deref(), Some(&sent(f))]);
        quote!(#doc pub #fi: #ft)
    });
    let required: Vec<&PartField> = m.fields.iter().filter(|f| f.required).collect();
    let constructor = (!required.is_empty()).then(|| {
        let args = required.iter().map(|f| {
            let fi = ident(&f.ident);
            let ft = field_ty(api, f);
            quote!(#fi: #ft)
        });
        let inits = m.fields.iter().map(|f| {
            let fi = ident(&f.ident);
            if f.required {
                quote!(#fi)
            } else {
                quote!(#fi: None)
            }
        });
        quote! {
            #cfg
            impl #name {
                /// A body with its required fields; the optional ones are `None`.
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits),* }
                }
            }
        }
    });
    let debug = debug(&name, cfg, m);
    let derives: Vec<TokenStream> =
        [debug.is_none().then(|| quote!(Debug)), required.is_empty().then(|| quote!(Default))].into_iter().flatten().collect();
    let derive = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));
    let adds = m.fields.iter().map(add);
    let doc = doc_paragraphs(&[m.doc.as_deref(), Some(purpose)]);
    quote! {
        #doc
        #cfg
        #derive
        pub struct #name {
            #(#fields,)*
        }

        #constructor

        #debug

        #cfg
        impl From<#name> for api_runtime::Multipart {
            fn from(body: #name) -> Self {
                api_runtime::Multipart::new() #(#adds)*
            }
        }
    }
}

/// How a field is sent, for its doc: its part name, and the content type `encoding` gives it. A
/// name that reads as a placeholder (`<any part name>`) is said to be sent as written.
fn sent(f: &PartField) -> String {
    let mut text = match f.kind {
        PartKind::File => format!("Sent as the file part `{}`", f.wire),
        PartKind::Files => format!("Sent as one file part `{}` per file", f.wire),
        PartKind::Value => format!("Sent as the part `{}`", f.wire),
    };
    if let Some(ct) = &f.content_type {
        let when = if f.kind == PartKind::Value { "" } else { " when the file has none" };
        text.push_str(&format!(", of type `{ct}`{when} (the spec's `encoding`)"));
    }
    text.push('.');
    if f.wire.starts_with('<') && f.wire.ends_with('>') {
        text.push_str(" The spec's part name looks like a placeholder; it is sent as written.");
    }
    text
}

/// `Debug` that redacts sensitive fields, when there are any.
fn debug(name: &proc_macro2::Ident, cfg: &TokenStream, m: &PartStruct) -> Option<TokenStream> {
    let fields = m.fields.iter().map(|f| (f.ident.as_str(), f.sensitive));
    m.fields.iter().any(|f| f.sensitive).then(|| super::redact::debug_impl(name, &name.to_string(), cfg, fields, None))
}
