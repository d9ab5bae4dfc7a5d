//! The models crate: serde types only.

use super::api_title;
use super::construct;
use super::scalar_union;
use super::enums;
use super::attrs;
use super::docs::{doc_attrs, inner_doc, Para};
use super::gate;
use super::ty::{ident, nullable, syn_ty, ty, wrapped};
use super::CHUNK;
use crate::format::{file, parse, Built, Part};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// `src/lib.rs` of the models crate: the crate docs and the first types, then the other types
/// in chunks. Type aliases and structs are built as `syn` values with their attributes (see
/// `attrs`); only their bare declarations are parsed.
pub fn parts(api: &Api) -> Vec<Part<'_>> {
    let mut parts: Vec<Part<'_>> = vec![Box::new(move || Built::File(head(api)))];
    for start in (CHUNK..api.types.len()).step_by(CHUNK) {
        parts.push(Box::new(move || {
            let end = (start + CHUNK).min(api.types.len());
            Built::File(items(api, &api.types[start..end]).map(file))
        }));
    }
    parts
}

fn head(api: &Api) -> Result<syn::File, String> {
    let title = format!("Types of the {}.", api_title(api));
    let footer = format!(
        "Serde types only, with no HTTP dependency. Generated from `{}`; the client crate `{}-client` re-exports this crate as `models`.",
        api.spec_path, api.name
    );
    let usage = construct::usage_doc(api).unwrap_or_default();
    let header = inner_doc(&[Para::Raw(&title), Para::Spec(api.description.as_deref()), Para::Raw(&usage), Para::Raw(&footer)]);
    let mut file: syn::File = parse(quote! {
        #header
        #![allow(clippy::large_enum_variant, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]
        #![allow(clippy::too_many_arguments)]
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags, rustdoc::invalid_rust_codeblocks)]
    })?;
    file.items = items(api, &api.types[..CHUNK.min(api.types.len())])?;
    Ok(file)
}

fn items(api: &Api, types: &[TypeDef]) -> Result<Vec<syn::Item>, String> {
    let mut out = Vec::with_capacity(types.len());
    let as_text = scalar_union::written_as_text(api);
    for t in types {
        type_def(api, t, &as_text, &mut out)?;
    }
    Ok(out)
}

fn type_def(api: &Api, t: &TypeDef, as_text: &BTreeSet<TypeId>, out: &mut Vec<syn::Item>) -> Result<(), String> {
    let name = ident(&t.name);
    let no_prefix = TokenStream::new();
    let tokens = match &t.kind {
        TypeKind::Alias(target) => {
            let mut item: syn::ItemType = parse(quote!(pub type #name = ();))?;
            item.ty = Box::new(syn_ty(api, target));
            item.attrs = item_attrs(api, t);
            out.push(syn::Item::Type(item));
            return Ok(());
        }
        TypeKind::Struct(s) => return structure(api, t, s, out),
        TypeKind::StringEnum(variants) => enums::string_enum(&name, &doc_attrs(t.doc.as_deref()), &gate::cfg(api, &t.gate), variants),
        TypeKind::IntEnum(variants) => enums::int_enum(&name, &doc_attrs(t.doc.as_deref()), &gate::cfg(api, &t.gate), variants),
        TypeKind::Untagged(variants) => {
            let vs = variants.iter().map(|v| {
                let vi = ident(&v.ident);
                let vt = ty(api, &v.ty, &no_prefix);
                let vt = if v.boxed { quote!(Box<#vt>) } else { vt };
                let vdoc = doc_attrs(v.doc.as_deref());
                quote! { #vdoc #vi(#vt) }
            });
            let (doc, cfg) = (doc_attrs(t.doc.as_deref()), gate::cfg(api, &t.gate));
            let id = api.types.iter().position(|x| std::ptr::eq(x, t));
            let display = id.filter(|id| as_text.contains(id)).and_then(|_| scalar_union::display(api, &name, &cfg, variants));
            quote! {
                #doc
                #cfg
                #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
                #[serde(untagged)]
                pub enum #name { #(#vs,)* }
                #display
            }
        }
        TypeKind::Tagged { tag, variants } => tagged(api, &name, &doc_attrs(t.doc.as_deref()), &gate::cfg(api, &t.gate), tag, variants),
    };
    out.extend(parse::<syn::File>(tokens)?.items);
    Ok(())
}

/// The docs and `cfg` of a type's declaration.
fn item_attrs(api: &Api, t: &TypeDef) -> Vec<syn::Attribute> {
    let mut out = attrs::doc(t.doc.as_deref());
    out.extend(attrs::cfg(api, &t.gate));
    out
}

fn structure(api: &Api, t: &TypeDef, s: &Struct, out: &mut Vec<syn::Item>) -> Result<(), String> {
    let name = ident(&t.name);
    let field = |attrs: Vec<syn::Attribute>, name: &str, ty: syn::Type| syn::Field {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        ident: Some(ident(name)),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    };
    // Without `additionalProperties`, serde's impls come from `api_macros::object!` (far less
    // code for the compiler than the derives); `flatten` needs the derives.
    let compact = s.extra.is_none() && !s.fields.iter().any(|f| f.flatten);
    let mut fields: Vec<syn::Field> = s
        .fields
        .iter()
        .map(|f| {
            let mut fty = syn_ty(api, &f.ty);
            if f.boxed {
                fty = wrapped("Box", fty);
            }
            let mut serde_args = Vec::new();
            if f.flatten {
                serde_args.push(quote!(flatten));
            } else if compact {
                fty = match kind(f) {
                    "tri" => nullable(fty),
                    "opt" | "null" => wrapped("Option", fty),
                    _ => fty,
                };
            } else if f.ident != f.wire {
                let wire = &f.wire;
                serde_args.push(quote!(rename = #wire));
            }
            if compact || f.flatten {
            } else if f.is_tri_state() {
                // Absent, `null` and a value: a missing field reads as `Absent`, and is left out.
                fty = nullable(fty);
                serde_args.push(quote!(default, skip_serializing_if = "api_macros::Nullable::is_absent"));
            } else if f.is_option() {
                // A missing `Option` field deserializes as `None` without `#[serde(default)]`.
                fty = wrapped("Option", fty);
                if !f.nullable {
                    serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
                }
            }
            let notes = field_notes(f);
            let mut fa = attrs::doc_paragraphs(&[f.doc.as_deref(), (!notes.is_empty()).then_some(notes.as_str())]);
            if !serde_args.is_empty() {
                fa.push(attrs::list("serde", quote!(#(#serde_args),*)));
            }
            field(fa, &f.ident, fty)
        })
        .collect();
    if let Some(e) = &s.extra {
        let map = syn_ty(api, &Ty::Map(Box::new(e.clone())));
        let mut fa = attrs::doc(Some("Properties not named above (`additionalProperties`)."));
        fa.push(attrs::list("serde", quote!(flatten)));
        fields.push(field(fa, "additional_properties", map));
    }
    let mut item: syn::ItemStruct = parse(quote!(pub struct #name {}))?;
    item.fields = syn::Fields::Named(syn::FieldsNamed { brace_token: Default::default(), named: fields.into_iter().collect() });
    item.attrs = item_attrs(api, t);
    let derive_debug = if s.has_sensitive { quote!() } else { quote!(Debug,) };
    let derive_default = construct::derives_default(s).then(|| quote!(Default,));
    let derive_serde = (!compact).then(|| quote!(, serde::Serialize, serde::Deserialize));
    item.attrs.push(attrs::list("derive", quote!(Clone, #derive_debug #derive_default PartialEq #derive_serde)));
    out.push(syn::Item::Struct(item));

    let cfg = gate::cfg(api, &t.gate);
    if compact {
        let entries = s.fields.iter().enumerate().map(|(i, f)| {
            let (index, fi, wire, k) = (proc_macro2::Literal::usize_unsuffixed(i), ident(&f.ident), &f.wire, ident(kind(f)));
            quote!(#fi(#wire, #index) #k)
        });
        out.extend(parse::<syn::File>(quote!(#cfg api_macros::object!(#name { #(#entries),* });))?.items);
    }
    let debug_impl = s.has_sensitive.then(|| {
        let extra_entry = s.extra.as_ref().map(|_| quote!(.field("additional_properties", &self.additional_properties)));
        let fields = s.fields.iter().map(|f| (f.ident.as_str(), f.sensitive));
        super::redact::debug_impl(&name, &t.name, &cfg, fields, extra_entry)
    });
    let display_impl = s.display.as_ref().map(|d| display(&name, &cfg, d));
    let new_impl = construct::new_fn(api, &t.name, s, &cfg);
    if debug_impl.is_some() || display_impl.is_some() || new_impl.is_some() {
        out.extend(parse::<syn::File>(quote!(#new_impl #debug_impl #display_impl))?.items);
    }
    Ok(())
}

/// A field's kind in `api_macros::object!`: `req`, `opt` (an `Option` left out when `None`),
/// `null` (an `Option` written as `null`) or `tri` (a `Nullable`).
fn kind(f: &Field) -> &'static str {
    if f.is_tri_state() {
        "tri"
    } else if f.is_option() && f.nullable {
        "null"
    } else if f.is_option() {
        "opt"
    } else {
        "req"
    }
}

/// The generator's notes on a field (read-only, default, ...), as one paragraph.
fn field_notes(f: &Field) -> String {
    let mut notes = Vec::new();
    match f.access {
        Access::Both => {}
        Access::ReadOnly => notes.push("Read-only: set by the server.".to_string()),
        Access::WriteOnly => notes.push("Write-only: never returned by the server.".to_string()),
        Access::Undeclared => notes.push("Required where the client sends it; the server may leave it out.".to_string()),
    }
    if let Some(d) = &f.default {
        notes.push(format!("Default: `{d}`."));
    }
    if f.sensitive {
        notes.push("Sensitive: `Debug` prints it redacted.".to_string());
    }
    if let Some(h) = &f.from_header {
        notes.push(format!("Taken from the `{h}` response header."));
    }
    notes.join(" ")
}

/// `Display` for error bodies: one line with the codes and messages a person can act on.
fn display(name: &proc_macro2::Ident, cfg: &TokenStream, d: &ErrorDisplay) -> TokenStream {
    let body = match d {
        ErrorDisplay::CodeMessages { field, list, code, message } => {
            let fi = ident(&field.ident);
            let write_code = code.as_ref().map(|code| {
                let ci = ident(&code.ident);
                if code.optional {
                    let code_ref = some_ref(quote!(item.#ci), code);
                    quote! {
                        if let Some(code) = #code_ref {
                            write!(f, "[{code}] ")?;
                        }
                    }
                } else {
                    quote!(write!(f, "[{}] ", item.#ci)?;)
                }
            });
            let msg = text(quote!(item), message);
            match (list, field.optional) {
                (true, optional) => {
                    // `Option<Vec<_>>` iterates as zero or one `Vec`.
                    let flatten = optional.then(|| quote!(.flatten()));
                    quote! {
                        for (i, item) in self.#fi.iter() #flatten .enumerate() {
                            if i > 0 {
                                f.write_str("; ")?;
                            }
                            #write_code
                            f.write_str(#msg)?;
                        }
                        Ok(())
                    }
                }
                (false, true) => {
                    let item_ref = some_ref(quote!(self.#fi), field);
                    quote! {
                        if let Some(item) = #item_ref {
                            #write_code
                            f.write_str(#msg)?;
                        }
                        Ok(())
                    }
                }
                (false, false) => quote! {
                    let item = &self.#fi;
                    #write_code
                    f.write_str(#msg)
                },
            }
        }
        ErrorDisplay::Problem { title, detail } => {
            let opt = |a: &Option<FieldAccess>| match a {
                None => quote!(None::<&str>),
                Some(a) => {
                    let fi = ident(&a.ident);
                    if a.optional {
                        quote!(self.#fi.as_deref())
                    } else {
                        quote!(Some(self.#fi.as_str()))
                    }
                }
            };
            let (title, detail) = (opt(title), opt(detail));
            quote! {
                match (#title, #detail) {
                    (Some(title), Some(detail)) if title.ends_with(['.', ':']) => write!(f, "{title} {detail}"),
                    (Some(title), Some(detail)) => write!(f, "{title}: {detail}"),
                    (Some(one), None) | (None, Some(one)) => f.write_str(one),
                    (None, None) => f.write_str("problem details without a title"),
                }
            }
        }
        ErrorDisplay::Json => quote! {
            match serde_json::to_string(self) {
                Ok(json) => f.write_str(&json),
                Err(_) => f.write_str("error details"),
            }
        },
        ErrorDisplay::Message(m) => {
            let msg = text(quote!(self), m);
            quote!(f.write_str(#msg))
        }
    };
    quote! {
        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { #body }
        }
    }
}

/// An expression of type `Option<&T>` for an optional field (`Option<T>` or `Nullable<T>`).
fn some_ref(place: TokenStream, a: &FieldAccess) -> TokenStream {
    if a.tri_state {
        quote!(#place.value())
    } else {
        quote!(&#place)
    }
}

/// An expression of type `&str` for a text field (empty when absent).
fn text(base: TokenStream, a: &FieldAccess) -> TokenStream {
    let fi = ident(&a.ident);
    if a.optional {
        quote!(#base.#fi.as_deref().unwrap_or_default())
    } else {
        quote!(&#base.#fi)
    }
}

fn tagged(api: &Api, name: &proc_macro2::Ident, doc: &TokenStream, cfg: &TokenStream, tag: &str, variants: &[TaggedVariant]) -> TokenStream {
    let no_prefix = TokenStream::new();
    let decl = variants.iter().map(|v| {
        let vi = ident(&v.ident);
        let vt = ty(api, &v.ty, &no_prefix);
        let vt = if v.boxed { quote!(Box<#vt>) } else { vt };
        let d = format!(" `{tag}: {}`", v.tag_value);
        quote! { #[doc = #d] #vi(#vt) }
    });
    let arms = variants.iter().map(|v| {
        let vi = ident(&v.ident);
        let value = &v.tag_value;
        let wrap = if v.boxed { quote!(|v| Self::#vi(Box::new(v))) } else { quote!(Self::#vi) };
        quote! { Some(#value) => serde_json::from_value(value).map(#wrap).map_err(serde::de::Error::custom) }
    });
    quote! {
        #doc
        #cfg
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#decl,)*
            /// A tag value this version of the crate does not know; kept as received.
            Unknown(serde_json::Value),
        }
        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = value.get(#tag).and_then(serde_json::Value::as_str).map(str::to_owned);
                match tag.as_deref() {
                    #(#arms,)*
                    _ => Ok(Self::Unknown(value)),
                }
            }
        }
    }
}
