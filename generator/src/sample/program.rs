//! The conformance program of a spec: one function per operation that reads its inputs from
//! the sampled JSON (`serde_json::from_value` into each argument's type), calls the operation as
//! `API.md` documents it, and classifies the result; the fixed part (`runner.rs`) configures the
//! client and prints one line per operation.

use crate::emit::operation::{arg_ty, positional};
use crate::emit::ty::{ident, ty};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The fixed part of every program.
const RUNNER: &str = include_str!("runner.rs");

/// The program's `src/main.rs`, without the operations in `skip` (indices into the IR's
/// operations).
pub fn main_rs(api: &Api, skip: &BTreeSet<usize>) -> Result<String, String> {
    let krate = client_crate(api);
    let ops: Vec<usize> = (0..api.operations.len()).filter(|i| !skip.contains(i)).collect();
    let fns = ops.iter().map(|&i| op_fn(api, &api.operations[i], i));
    let table = ops.iter().map(|&i| {
        let f = format_ident!("op_{i}");
        quote!((#i, #f as Op))
    });
    let tokens = quote! {
        #[allow(unused_imports)]
        use #krate::{models, Client};

        /// Every operation the program calls: its index and its function.
        static OPS: &[(usize, Op)] = &[#(#table),*];

        #(#fns)*
    };
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("the conformance program does not parse: {e}"))?;
    Ok(format!("{RUNNER}\n{}", prettyplease::unparse(&file)))
}

/// The client crate's name in Rust.
fn client_crate(api: &Api) -> proc_macro2::Ident {
    format_ident!("{}_client", api.name.replace('-', "_"))
}

/// Whether an argument of this Rust type is passed by reference.
fn by_ref(t: &TokenStream) -> bool {
    t.to_string().starts_with('&')
}

/// `op_<i>`: the call with its inputs from `v`, and its outcome.
fn op_fn(api: &Api, op: &Operation, i: usize) -> TokenStream {
    let name = format_ident!("op_{i}");
    let models = quote!(models::);
    let mut lets = Vec::new();
    let mut args = Vec::new();
    for (n, p) in positional(op).into_iter().enumerate() {
        let (local, key, owned) = (format_ident!("a{n}"), &p.ident, ty(api, &p.ty, &models));
        lets.push(quote!(let #local: #owned = arg(v, #key)?;));
        args.push(if by_ref(&arg_ty(api, p)) { quote!(&#local) } else { quote!(#local) });
    }
    if let Some(b) = op.body.as_ref().filter(|b| b.required) {
        let (make, pass) = body(api, b);
        lets.push(quote!(let body = #make;));
        args.push(pass);
    }
    let groups = op.group.iter().map(|g| ident(g));
    let method = ident(&op.method_name);
    let setters = op.params.iter().filter(|p| !p.required).map(|p| {
        let (setter, key, owned) = (ident(&p.ident), &p.ident, ty(api, &p.ty, &models));
        match by_ref(&arg_ty(api, p)) {
            true => quote!(if let Some(x) = &opt::<#owned>(v, #key)? { call = call.#setter(x); }),
            false => quote!(if let Some(x) = opt::<#owned>(v, #key)? { call = call.#setter(x); }),
        }
    });
    let envelope = match (&api.client.envelope, op.response.decode) {
        (Some(env), Decode::Envelope) => {
            let key = &env.result;
            quote!(Some(#key))
        }
        _ => quote!(None),
    };
    let optional_body = op.body.as_ref().filter(|b| !b.required).map(|b| {
        let (make, pass) = body(api, b);
        quote!(if v.get("body").is_some() { let body = #make; call = call.body(#pass); })
    });
    let classify = match op.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Multipart(_) | BodyKind::RawMultipart | BodyKind::Form { .. }) => quote!(repeated_fields(outcome(&result, path))),
        _ => quote!(outcome(&result, path)),
    };
    quote! {
        #[allow(unused_mut, deprecated, clippy::needless_borrow)]
        fn #name<'a>(client: &'a Client, v: &'a Value) -> Run<'a> {
            Box::pin(async move {
                #(#lets)*
                let mut call = client #(.#groups())* .#method(#(#args),*);
                #(#setters)*
                #optional_body
                let result = call.await;
                let path = match &result {
                    Err(e) if e.kind() == ErrorKind::Decode => (&probe(&result)).path_of(e.body(), #envelope),
                    _ => None,
                };
                Ok(#classify)
            })
        }
    }
}

/// How the body is made from `v["body"]`, and how it is passed.
fn body(api: &Api, b: &Body) -> (TokenStream, TokenStream) {
    match &b.kind {
        BodyKind::Json { .. } | BodyKind::Form { .. } => {
            let t = ty(api, &b.ty, &quote!(models::));
            (quote!(arg::<#t>(v, "body")?), quote!(&body))
        }
        BodyKind::Multipart(m) => (multipart(api, m), quote!(body)),
        BodyKind::RawMultipart => (quote!(form(v)), quote!(body)),
        BodyKind::Bytes => (quote!(bytes(v)), quote!(body)),
    }
}

/// A typed multipart body: its struct (or its first branch's) with each field from the body's
/// JSON, and files as small in-memory parts.
fn multipart(api: &Api, m: &MultipartBody) -> TokenStream {
    match m {
        MultipartBody::Struct(s) => structure(api, s),
        MultipartBody::Union { name, branches, .. } => {
            let made = branches.first().map(|b| structure(api, &b.body));
            let (krate, name) = (client_crate(api), ident(name));
            quote!(#krate::#name::from(#made))
        }
    }
}

fn structure(api: &Api, m: &PartStruct) -> TokenStream {
    let (krate, name) = (client_crate(api), ident(&m.name));
    let fields = m.fields.iter().map(|f| {
        let (fi, wire) = (ident(&f.ident), &f.wire);
        let one = match f.kind {
            PartKind::File => quote!(file()),
            PartKind::Files => quote!(vec![file()]),
            PartKind::Value => {
                let t = ty(api, &f.ty, &quote!(models::));
                quote!(part::<#t>(v, #wire)?)
            }
        };
        match f.is_option() {
            true => quote!(#fi: if has_part(v, #wire) { Some(#one) } else { None }),
            false => quote!(#fi: #one),
        }
    });
    quote!(#krate::#name { #(#fields),* })
}
