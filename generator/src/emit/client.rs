//! The client crate's `lib.rs`: service description, `Client`, resource groups and docs.

use super::api_title;
use super::docs::{inner_doc, Para};
use super::gate;
use super::operation;
use super::ty::ident;
use super::CHUNK;
use super::attrs;
use crate::format::{file, parse, Built, Part};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// Rust name of the models crate as seen from the client (`cloudflare_tokens_models`).
pub fn models_crate(api: &Api) -> proc_macro2::Ident {
    ident(&format!("{}-models", api.name).replace('-', "_"))
}

/// `src/lib.rs` of the client crate, in parts: the crate docs, `Client` and its first methods;
/// further `impl Client` blocks for the other top-level methods; the resource groups; the
/// request builders; the error enums; the envelope.
pub fn parts(api: &Api) -> Vec<Part<'_>> {
    let root: Vec<&Operation> = api.operations.iter().filter(|o| o.group.is_empty()).collect();
    let mut chunks = root.chunks(CHUNK);
    let first = chunks.next().unwrap_or_default().to_vec();
    let mut parts: Vec<Part<'_>> = vec![Box::new(move || Built::File(head(api, &first)))];
    for chunk in chunks {
        let chunk = chunk.to_vec();
        parts.push(Box::new(move || {
            Built::File(methods(api, &chunk).and_then(|methods| {
                let mut block: syn::ItemImpl = parse(quote!(impl Client {}))?;
                block.items = methods;
                Ok(file(vec![syn::Item::Impl(block)]))
            }))
        }));
    }
    for chunk in api.groups.chunks(CHUNK / 4) {
        parts.push(Box::new(move || chunk.iter().map(|g| group(api, g)).collect::<TokenStream>().into()));
    }
    for chunk in api.operations.chunks(CHUNK) {
        parts.push(Box::new(move || {
            let mut items = Vec::new();
            let built = chunk.iter().try_for_each(|o| {
                if let Some(builder) = operation::builder(api, o) {
                    items.extend(builder?);
                }
                if let Some(status) = operation::status_enum(api, o) {
                    items.extend(parse::<syn::File>(status)?.items);
                }
                if let Some(body) = super::multipart::body_struct(api, o) {
                    items.extend(parse::<syn::File>(body)?.items);
                }
                Ok::<(), String>(())
            });
            Built::File(built.map(|()| file(items)))
        }));
    }
    for chunk in api.operations.chunks(CHUNK) {
        parts.push(Box::new(move || chunk.iter().filter_map(|o| super::errors::error_enum(api, o)).collect::<TokenStream>().into()));
    }
    if let Some(env) = &api.client.envelope {
        parts.push(Box::new(move || envelope(api, env).into()));
    }
    parts
}

/// Methods for `impl` blocks, their attributes (docs, `cfg`) made as values (see
/// `attrs::peel`), the rest parsed.
fn methods(api: &Api, ops: &[&Operation]) -> Result<Vec<syn::ImplItem>, String> {
    ops.iter()
        .map(|o| attrs::method(operation::method(api, o)).map(syn::ImplItem::Fn))
        .collect()
}

/// The crate docs, `Client` and its accessors, with `root_methods` (the first top-level methods).
fn head(api: &Api, root_methods: &[&Operation]) -> Result<syn::File, String> {
    let crate_name = format!("{}-client", api.name);
    let models_crate = models_crate(api);
    let docs = crate_docs(api, &crate_name);
    let service = service(api, &crate_name);
    let default_error = operation::default_error(api);
    let root_groups = child_accessors(api, &[]);
    // Every call may be gated off (no untagged operation): then nothing reads the core.
    let root_users = api.operations.iter().filter(|o| o.group.is_empty()).map(|o| &o.gate);
    let root_users = root_users.chain(api.groups.iter().filter(|g| g.path.len() == 1).map(|g| &g.gate));
    let core_unread = if api.operations.is_empty() {
        // A spec without operations (a 3.1 document of schemas or webhooks only).
        Some(quote!(#[allow(dead_code)]))
    } else {
        gate::predicate(api, &crate::lower::features::any_of(root_users))
            .filter(|_| !api.features.is_empty())
            .map(|p| quote!(#[cfg_attr(not(#p), allow(dead_code))]))
    };
    // The file type of multipart body fields, for the APIs that have them.
    let file_part = api
        .operations
        .iter()
        .any(|o| o.body.as_ref().is_some_and(|b| b.kind.multipart().is_some_and(|m| m.all_fields().any(|f| f.kind != PartKind::Value))))
        .then(|| quote!(, FilePart));
    // What a program names to read a server-sent event stream.
    let streams = api
        .operations
        .iter()
        .any(|o| o.response.decode == Decode::EventStream)
        .then(|| quote!(pub use api_runtime::{Event, EventStream};));
    // Paginated calls return streams; these read them (`try_next().await`, `try_collect()`).
    let stream_ext = api.operations.iter().any(|o| o.pagination.is_some()).then(|| quote!(pub use api_runtime::{StreamExt, TryStreamExt};));
    // The models' optional nullable fields: `Absent`, `Null` or a value.
    let nullable = api.has_tri_state().then(|| quote!(pub use api_runtime::Nullable;));
    let credentials_trait = super::security::setters_trait(api);
    let requirement_statics = super::security::requirement_statics(api);
    let tokens = quote! {
        #docs
        #![allow(clippy::too_many_arguments, clippy::large_enum_variant, clippy::enum_variant_names)]
        #![allow(clippy::should_implement_trait, clippy::wrong_self_convention, clippy::doc_lazy_continuation)]
        #![allow(clippy::doc_overindented_list_items, clippy::len_without_is_empty, clippy::new_ret_no_self)]
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags, rustdoc::invalid_rust_codeblocks)]

        pub use #models_crate as models;
        pub use api_runtime::{Call, ClientBuilder, ConfigError, ErrorKind #file_part};
        #streams
        #stream_ext
        #nullable

        /// The error of every call: the HTTP status, headers, request id, raw body and the
        /// API's parsed error details `E`.
        pub type Error<E = #default_error> = api_runtime::Error<E>;

        #service

        #credentials_trait

        #requirement_statics

        /// The API client. Cheap to clone: clones share one connection pool.
        #[derive(Clone, Debug)]
        pub struct Client {
            #core_unread
            core: api_runtime::Core,
        }

        impl From<api_runtime::Core> for Client {
            fn from(core: api_runtime::Core) -> Self {
                Self { core }
            }
        }

        impl Client {
            /// A builder for programs that set the credentials and base URL themselves.
            pub fn builder() -> api_runtime::ClientBuilder<Self> {
                api_runtime::ClientBuilder::new(&SERVICE)
            }

            /// A client configured from the environment (see the crate docs for the variables).
            pub fn from_env() -> Result<Self, api_runtime::ConfigError> {
                Self::builder().from_env()?.build()
            }

            #(#root_groups)*
        }
    };
    let mut file: syn::File = parse(tokens)?;
    // The root methods end the last `impl Client` block.
    let Some(syn::Item::Impl(block)) = file.items.last_mut() else {
        return Err("internal error: the client head does not end with `impl Client`".to_string());
    };
    block.items.extend(methods(api, root_methods)?);
    Ok(file)
}

fn service(api: &Api, crate_name: &str) -> TokenStream {
    let url = &api.client.server_url;
    let envs = &api.client.base_url_env;
    let security = super::security::service_fields(api);
    let request_id = match &api.client.request_id_header {
        Some(h) => quote!(Some(#h)),
        None => quote!(None),
    };
    quote! {
        static SERVICE: api_runtime::codegen::ServiceConfig = api_runtime::codegen::ServiceConfig {
            crate_name: #crate_name,
            crate_version: env!("CARGO_PKG_VERSION"),
            default_base_url: #url,
            base_url_env: &[#(#envs),*],
            #security
            request_id_header: #request_id,
        };
    }
}

/// Accessor methods for the groups directly below `parent`.
fn child_accessors(api: &Api, parent: &[String]) -> Vec<TokenStream> {
    api.groups
        .iter()
        .filter(|g| g.path.len() == parent.len() + 1 && g.path.starts_with(parent))
        .map(|g| {
            let method = ident(g.path.last().map(String::as_str).unwrap_or("group"));
            let st = ident(&g.struct_name);
            let doc = format!(" Operations under `{}`.", g.path.join("."));
            let core = if parent.is_empty() { quote!(&self.core) } else { quote!(self.core) };
            let lifetime = if parent.is_empty() { quote!('_) } else { quote!('a) };
            let cfg = gate::cfg(api, &g.gate);
            quote! {
                #[doc = #doc]
                #cfg
                pub fn #method(&self) -> #st<#lifetime> {
                    #st { core: #core }
                }
            }
        })
        .collect()
}

fn group(api: &Api, g: &Group) -> TokenStream {
    let st = ident(&g.struct_name);
    let doc = format!(" The `{}` operations. Get one with `client.{}()`.", g.path.join("."), g.path.join("().")); 
    let children = child_accessors(api, &g.path);
    let methods = api.operations.iter().filter(|o| o.group == g.path).map(|o| operation::method(api, o));
    let cfg = gate::cfg(api, &g.gate);
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(Clone, Copy, Debug)]
        pub struct #st<'a> {
            core: &'a api_runtime::Core,
        }

        #cfg
        impl<'a> #st<'a> {
            #(#children)*
            #(#methods)*
        }
    }
}

fn envelope(api: &Api, env: &Envelope) -> TokenStream {
    let result = &env.result;
    let (success_field, success_check) = match &env.success {
        Some(s) => (
            quote! {
                #[serde(rename = #s, default)]
                success: Option<bool>,
            },
            quote! {
                if envelope.success == Some(false) {
                    return Err(api_runtime::DecodeError::ApiFailure);
                }
            },
        ),
        None => (quote!(), quote!()),
    };
    let failure_probe = env.success.as_ref().map(|s| {
        quote! {
            #[derive(serde::Deserialize)]
            struct Status {
                #[serde(rename = #s, default)]
                success: Option<bool>,
            }
            if let Ok(Status { success: Some(false) }) = serde_json::from_slice::<Status>(&body) {
                return Err(api_runtime::DecodeError::ApiFailure);
            }
        }
    });
    let missing = format!("the response has no `{result}`");
    // Needed by the operations whose bodies are enveloped.
    let users = api.operations.iter().filter(|o| o.response.decode == Decode::Envelope).map(|o| &o.gate);
    let cfg = if api.features.is_empty() { TokenStream::new() } else { gate::cfg(api, &crate::lower::features::any_of(users)) };
    quote! {
        /// The response envelope: the payload sits in `result`.
        #cfg
        #[derive(serde::Deserialize)]
        struct Envelope<T> {
            #success_field
            #[serde(rename = #result)]
            result: Option<T>,
        }

        /// Decodes an enveloped body and returns its payload.
        #cfg
        fn envelope<T: serde::de::DeserializeOwned>(
            _head: &api_runtime::codegen::ResponseHead,
            body: api_runtime::Bytes,
        ) -> Result<T, api_runtime::DecodeError> {
            let envelope: Envelope<T> = match serde_json::from_slice(&body) {
                Ok(envelope) => envelope,
                Err(err) => {
                    #failure_probe
                    return Err(api_runtime::DecodeError::invalid(err));
                }
            };
            #success_check
            envelope.result.ok_or_else(|| api_runtime::DecodeError::invalid(#missing))
        }
    }
}

fn crate_docs(api: &Api, crate_name: &str) -> TokenStream {
    let client_crate = crate_name.replace('-', "_");
    let mut env_lines = super::security::env_doc_lines(api);
    for e in &api.client.base_url_env {
        env_lines.push(format!("- `{e}`: overrides the server URL `{}`, path included.", api.client.server_url));
    }
    let example = example(api, &client_crate);
    let usage = format!(
        "# Usage\n\n```no_run\n# async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n{example}# Ok(())\n# }}\n```\n\n\
         `Client::from_env()` reads:\n\n{}\n\n\
         Programs that don't use the environment build the client with `Client::builder()`{}.\n\n\
         Every call returns a request that `.await` sends; per-request options (`.timeout(..)`, `.retries(..)`, \
         `.header(..)`, `.query(..)`) chain before the `.await`. Failed calls return [`Error`], whose `Display` \
         shows the HTTP status, the API's error codes and messages, and the operation.",
        env_lines.join("\n"),
        super::security::builder_doc(api),
    );
    let title = format!("Async client for the {}.", api_title(api));
    let footer = format!("Generated from `{}` by `cargo xtask gen`; types live in [`models`].", api.spec_path);
    let features = features_doc(api, crate_name);
    let groups = groups_doc(api);
    inner_doc(&[
        Para::Raw(&title),
        Para::Spec(api.description.as_deref()),
        Para::Raw(&usage),
        Para::Raw(&groups),
        Para::Raw(&features),
        Para::Raw(&footer),
    ])
}

/// The client's groups, each with the number of calls below it, for APIs whose calls sit in
/// groups (nothing otherwise).
fn groups_doc(api: &Api) -> String {
    let top: Vec<&Group> = api.groups.iter().filter(|g| g.path.len() == 1).collect();
    if top.is_empty() {
        return String::new();
    }
    let mut lines = vec!["# Groups\n\nThe calls are grouped by resource; each group is an accessor on [`Client`]:\n".to_string()];
    for g in top {
        let calls = api.operations.iter().filter(|o| o.group.first() == g.path.first()).count();
        let noun = if calls == 1 { "call" } else { "calls" };
        lines.push(format!("- [`client.{}()`]({}): {calls} {noun}", g.path[0], g.struct_name));
    }
    let own = api.operations.iter().filter(|o| o.group.is_empty()).count();
    if own > 0 {
        lines.push(format!("- [`Client`] itself: {own} {}", if own == 1 { "call" } else { "calls" }));
    }
    lines.join("\n")
}

/// How to compile only some tags, for crates with features (nothing otherwise).
fn features_doc(api: &Api, crate_name: &str) -> String {
    let Some(first) = api.features.first() else { return String::new() };
    format!(
        "# Cargo features\n\n\
         Each tag of the API is a Cargo feature, {count} in all, listed with their operations in the crate's \
         `API.md` and `Cargo.toml`; the default feature, `full`, enables all of them. A program that uses \
         a few tags compiles much faster with only those, e.g. the operations tagged `{tag}`:\n\n\
         ```toml\n[dependencies]\n{crate_name} = {{ version = \"{version}\", default-features = false, features = [\"{name}\"] }}\n```\n\n\
         Operations without a tag, and the types that they or many tags use, are always compiled.",
        count = api.features.len(),
        tag = first.tag.replace('`', "'"),
        version = api.version,
        name = first.name,
    )
}

/// A short program using the first few operations.
fn example(api: &Api, client_crate: &str) -> String {
    let mut out = format!("let client = {client_crate}::Client::from_env()?;\n");
    // Operations whose required arguments all have a literal form (no required body).
    let callable = api.operations.iter().filter_map(|op| {
        if op.body.as_ref().is_some_and(|b| b.required) {
            return None;
        }
        let args: Option<Vec<String>> = operation::positional(op).iter().map(|p| operation::example_arg(api, p)).collect();
        Some((op, args?))
    });
    for (op, args) in callable.take(3) {
        let mut chain = String::new();
        for seg in &op.group {
            chain.push_str(&format!(".{seg}()"));
        }
        let var = &op.method_name;
        out.push_str(&format!("let {var} = client{chain}.{}({}).await?;\n", op.method_name, args.join(", ")));
        out.push_str(&format!("println!(\"{{{var}:?}}\");\n"));
    }
    // A paginated call: its items, page after page.
    let paginated = api.operations.iter().filter(|op| op.pagination.is_some() && !op.body.as_ref().is_some_and(|b| b.required)).find_map(|op| {
        let args: Option<Vec<String>> = operation::positional(op).iter().map(|p| operation::example_arg(api, p)).collect();
        Some((op, args?))
    });
    if let Some((op, args)) = paginated {
        let chain: String = op.group.iter().map(|seg| format!(".{seg}()")).collect();
        out.push_str(&format!(
            "// Every item of every page (`.pages()` gives the pages), at most 10 pages:\n\
             use {client_crate}::TryStreamExt;\n\
             let mut items = client{chain}.{}({}).items().max_pages(10);\n\
             while let Some(item) = items.try_next().await? {{\n    println!(\"{{item:?}}\");\n}}\n",
            op.method_name,
            args.join(", ")
        ));
    }
    out
}
