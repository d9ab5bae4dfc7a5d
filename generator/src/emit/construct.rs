//! Building values of the models' structs: which derive `Default`, their `new(required…)`
//! constructor, and the crate-level example of both.

use super::ty::{ident, ty};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// Whether the struct derives `Default`: every field may be left out (an `Option`, a `Nullable`,
/// the flattened map), so the default is a valid value (a required nullable field is `null`).
pub fn derives_default(s: &Struct) -> bool {
    s.fields.iter().all(Field::is_option)
}

/// `impl Name { pub fn new(required…) -> Self }` for a struct with required fields, which are its
/// parameters in property order (`impl Into<String>` for text); the other fields start absent.
pub fn new_fn(api: &Api, name: &str, s: &Struct, cfg: &TokenStream) -> Option<TokenStream> {
    if !s.fields.iter().any(|f| f.required) {
        return None;
    }
    let no_prefix = TokenStream::new();
    let mut params = Vec::new();
    let inits = s.fields.iter().map(|f| {
        let fi = ident(&f.ident);
        if !f.required {
            return if f.is_tri_state() { quote!(#fi: api_macros::Nullable::Absent) } else { quote!(#fi: None) };
        }
        let base = ty(api, &f.ty, &no_prefix);
        let (param, value) = match (f.nullable, f.boxed) {
            (true, true) => (quote!(Option<#base>), Some(quote!(#fi.map(Box::new)))),
            (true, false) => (quote!(Option<#base>), None),
            (false, true) => (base, Some(quote!(Box::new(#fi)))),
            (false, false) if matches!(f.ty, Ty::String | Ty::Bytes) => (quote!(impl Into<String>), Some(quote!(#fi.into()))),
            (false, false) => (base, None),
        };
        params.push(quote!(#fi: #param));
        // The parameter as it is: field init shorthand (clippy's `redundant_field_names`).
        value.map_or_else(|| quote!(#fi), |value| quote!(#fi: #value))
    });
    let mut inits: Vec<TokenStream> = inits.collect();
    if s.extra.is_some() {
        inits.push(quote!(additional_properties: std::collections::BTreeMap::new()));
    }
    let doc = if s.fields.iter().all(|f| f.required) && s.extra.is_none() {
        " From its fields, in property order."
    } else {
        " From the required fields, in property order; the others are left out (set them by name)."
    };
    let name = ident(name);
    Some(quote! {
        #cfg
        impl #name {
            #[doc = #doc]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
        }
    })
}

/// The crate docs' "Building values" section: one compiled example of a struct built with
/// `Default` and one with `new`, each the first in name order whose example can be written with
/// literals. `None` when no struct qualifies for either.
pub fn usage_doc(api: &Api) -> Option<String> {
    let krate = format!("{}_models", api.name.replace('-', "_"));
    let mut structs: Vec<(&TypeDef, &Struct)> = api
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Struct(s) => Some((t, s)),
            _ => None,
        })
        .collect();
    structs.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    let mut out = Vec::new();
    let by_default = structs.iter().filter(|(_, s)| derives_default(s)).find_map(|(t, s)| Some((t, set_one(api, &krate, s)?)));
    if let Some((t, (field, value))) = by_default {
        out.push(format!(
            "# Building values\n\n\
             Structs whose fields may all be left out implement `Default`; set the fields you need by name:\n\n\
             ```\nlet value = {krate}::{name} {{\n    {field}: {value},\n    ..Default::default()\n}};\n# let _ = value;\n```",
            name = t.name
        ));
    }
    let by_new = structs.iter().filter(|(_, s)| s.fields.iter().any(|f| f.required)).find_map(|(t, s)| {
        let args: Option<Vec<String>> = s.fields.iter().filter(|f| f.required).map(|f| argument(api, &krate, f)).collect();
        Some((t, args?.join(", "), set_one(api, &krate, s)))
    });
    if let Some((t, args, set)) = by_new {
        if out.is_empty() {
            out.push("# Building values".to_string());
        }
        let name = &t.name;
        let example = match set {
            Some((field, value)) => format!("let value = {krate}::{name} {{\n    {field}: {value},\n    ..{krate}::{name}::new({args})\n}};"),
            None => format!("let value = {krate}::{name}::new({args});"),
        };
        out.push(format!(
            "Structs with required fields have `new`, which takes them in property order; the other \
             fields start absent, and struct update syntax sets them by name:\n\n```\n{example}\n# let _ = value;\n```"
        ));
    }
    if out.is_empty() {
        return None;
    }
    if api.has_tri_state() {
        out.push(
            "A field that is optional and nullable is an `api_macros::Nullable` (the client crate re-exports it): `Absent` (left out of the JSON, \
             the default), `Null` (sent as `null`) or `Value(..)`; the three read back as they were sent."
                .to_string(),
        );
    }
    Some(out.join("\n\n"))
}

/// A field left out by `new` or `Default` and a value for it: `Nullable::Null` for a tri-state
/// field, else `Some(literal)`.
fn set_one(api: &Api, krate: &str, s: &Struct) -> Option<(String, String)> {
    s.fields.iter().filter(|f| !f.required).find_map(|f| {
        let value = if f.is_tri_state() {
            "api_macros::Nullable::Null".to_string()
        } else if f.boxed {
            return None;
        } else {
            format!("Some({})", literal(api, krate, &f.ty, 0)?)
        };
        Some((f.ident.clone(), value))
    })
}

/// An argument of `new` for a required field.
fn argument(api: &Api, krate: &str, f: &Field) -> Option<String> {
    match (&f.ty, f.nullable) {
        (_, true) => Some("None".to_string()),
        (Ty::String | Ty::Bytes, false) => Some("\"text\"".to_string()),
        (t, false) => literal(api, krate, t, 0),
    }
}

/// An expression of type `t` made of literals, when there is a simple one.
fn literal(api: &Api, krate: &str, t: &Ty, depth: usize) -> Option<String> {
    Some(match t {
        Ty::String | Ty::Bytes => "\"text\".to_string()".to_string(),
        Ty::Bool => "true".to_string(),
        Ty::I32 | Ty::I64 => "1".to_string(),
        Ty::F64 => "1.0".to_string(),
        Ty::Json => "serde_json::Value::Null".to_string(),
        Ty::Vec(_) => "Vec::new()".to_string(),
        Ty::Map(_) => "std::collections::BTreeMap::new()".to_string(),
        Ty::Option(_) => "None".to_string(),
        Ty::Unit | Ty::DateTime | Ty::Date => return None,
        Ty::Named(id) => {
            let def = api.types.get(*id)?;
            let name = &def.name;
            match &def.kind {
                TypeKind::Struct(s) if derives_default(s) => format!("{krate}::{name}::default()"),
                TypeKind::StringEnum(vs) => format!("{krate}::{name}::{}", vs.first()?.ident),
                TypeKind::IntEnum(vs) => format!("{krate}::{name}::{}", vs.first()?.ident),
                TypeKind::Alias(inner) if depth < 8 => return literal(api, krate, inner, depth + 1),
                _ => return None,
            }
        }
    })
}
