//! The security schemes of a client crate: the `schemes` and `security` tables of its
//! `ServiceConfig`, each operation's own requirement, and how the docs and `API.md` describe
//! them.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, KeyLocation, Requirement, Scheme, SchemeKind};

/// The `schemes` and `security` fields of `ServiceConfig`.
pub fn service_fields(api: &Api) -> TokenStream {
    let schemes = api.client.security.schemes.iter().map(scheme);
    let security = requirement(&api.client.security.default);
    quote! {
        schemes: &[#(#schemes),*],
        security: #security,
    }
}

fn scheme(s: &Scheme) -> TokenStream {
    let name = &s.key;
    let env = &s.env;
    let kind = match &s.kind {
        SchemeKind::Bearer => quote!(Bearer),
        SchemeKind::Basic => quote!(Basic),
        SchemeKind::Http(scheme) => quote!(Http { scheme: #scheme }),
        SchemeKind::ApiKey { location, name } => {
            let location = match location {
                KeyLocation::Header => quote!(Header),
                KeyLocation::Query => quote!(Query),
                KeyLocation::Cookie => quote!(Cookie),
            };
            quote!(ApiKey { location: api_runtime::codegen::KeyLocation::#location, name: #name })
        }
        SchemeKind::OAuth2 { token_url: Some(url) } => quote!(OAuth2 { token_url: Some(#url) }),
        SchemeKind::OAuth2 { token_url: None } => quote!(OAuth2 { token_url: None }),
        SchemeKind::OpenIdConnect => quote!(OpenIdConnect),
        SchemeKind::MutualTls => quote!(MutualTls),
        SchemeKind::AwsSigV4 { signing_name } => quote!(AwsSigV4 { signing_name: #signing_name }),
    };
    quote! {
        api_runtime::codegen::Scheme { name: #name, kind: api_runtime::codegen::SchemeKind::#kind, env: &[#(#env),*] }
    }
}

/// The `Credentials` trait: one setter per key, for APIs with several (nothing otherwise).
pub fn setters_trait(api: &Api) -> TokenStream {
    let keyed: Vec<&Scheme> = api.client.security.schemes.iter().filter(|s| s.setter.is_some()).collect();
    if keyed.is_empty() {
        return TokenStream::new();
    }
    let decls = keyed.iter().map(|s| {
        let method = crate::emit::ty::ident(s.setter.as_deref().unwrap_or_default());
        let doc = format!(" Sets {} (scheme `{}`, read by `from_env` from `{}`).", sent_as(s), s.key, s.env.join("`, `"));
        quote! {
            #[doc = #doc]
            fn #method(self, value: impl Into<String>) -> Self;
        }
    });
    let impls = keyed.iter().map(|s| {
        let method = crate::emit::ty::ident(s.setter.as_deref().unwrap_or_default());
        let key = &s.key;
        quote! {
            fn #method(self, value: impl Into<String>) -> Self {
                self.credential(#key, value)
            }
        }
    });
    quote! {
        /// One setter per key of this API, on [`ClientBuilder`] (`use` this trait to call them).
        pub trait Credentials: Sized {
            #(#decls)*
        }

        impl Credentials for api_runtime::ClientBuilder<Client> {
            #(#impls)*
        }
    }
}

/// Where a scheme's credential goes, for docs: `the header \`X-Key\``.
fn sent_as(s: &Scheme) -> String {
    match &s.kind {
        SchemeKind::ApiKey { location: KeyLocation::Header, name } => format!("the header `{name}`"),
        SchemeKind::ApiKey { location: KeyLocation::Query, name } => format!("the query parameter `{name}`"),
        SchemeKind::ApiKey { location: KeyLocation::Cookie, name } => format!("the cookie `{name}`"),
        SchemeKind::Http(name) => format!("the `Authorization: {name}` credential"),
        _ => "the credential".to_string(),
    }
}

/// The `SECURITY_<n>` statics operations point at.
pub fn requirement_statics(api: &Api) -> TokenStream {
    let statics = api.client.security.own.iter().enumerate().map(|(i, req)| {
        let name = quote::format_ident!("SECURITY_{}", i);
        let value = requirement(req);
        quote! {
            #[allow(dead_code)]
            static #name: api_runtime::codegen::Security = #value;
        }
    });
    quote!(#(#statics)*)
}

/// The name of the static holding `req` (see [`requirement_statics`]).
pub fn requirement_name(api: &Api, req: &Requirement) -> proc_macro2::Ident {
    let index = api.client.security.own.iter().position(|r| r == req).unwrap_or_default();
    quote::format_ident!("SECURITY_{}", index)
}

/// A requirement as a `&'static [&'static [SchemeUse]]` expression.
pub fn requirement(req: &Requirement) -> TokenStream {
    let alternatives = req.iter().map(|alt| {
        let uses = alt.iter().map(|u| {
            let index = proc_macro2::Literal::usize_unsuffixed(u.scheme);
            let scopes = &u.scopes;
            quote!(api_runtime::codegen::SchemeUse { scheme: #index, scopes: &[#(#scopes),*] })
        });
        quote!(&[#(#uses),*])
    });
    quote!(&[#(#alternatives),*])
}

/// One "`- `NAME`: ...`" line per variable `Client::from_env()` reads for credentials.
pub fn env_doc_lines(api: &Api) -> Vec<String> {
    let mut lines = Vec::new();
    for s in &api.client.security.schemes {
        let var = |i: usize| s.env.get(i).map(String::as_str).unwrap_or_default();
        let key = &s.key;
        match &s.kind {
            SchemeKind::Bearer => lines.push(format!("- `{}`: the API token, sent as `Authorization: Bearer <token>`.", var(0))),
            SchemeKind::Basic => {
                lines.push(format!("- `{}`: the username for HTTP Basic authentication (scheme `{key}`).", var(0)));
                lines.push(format!("- `{}`: the password for HTTP Basic authentication (scheme `{key}`).", var(1)));
            }
            SchemeKind::Http(name) => lines.push(format!(
                "- `{}`: the credential, sent as `Authorization: {name} <credential>` (scheme `{key}`).",
                var(0)
            )),
            SchemeKind::ApiKey { location, name } => {
                let place = match location {
                    KeyLocation::Header => format!("in the header `{name}`"),
                    KeyLocation::Query => format!("as the query parameter `{name}`"),
                    KeyLocation::Cookie => format!("in the cookie `{name}`"),
                };
                lines.push(format!("- `{}`: the API key, sent {place} (scheme `{key}`).", var(0)));
            }
            SchemeKind::OAuth2 { token_url } => {
                lines.push(format!(
                    "- `{}`: an OAuth2 access token, sent as `Authorization: Bearer <token>` (scheme `{key}`).",
                    var(0)
                ));
                if let Some(url) = token_url {
                    lines.push(format!(
                        "- `{}`: the OAuth2 client id; with `{}`, the client fetches its own tokens from `{url}` (client credentials).",
                        var(1),
                        var(2)
                    ));
                    lines.push(format!("- `{}`: the OAuth2 client secret.", var(2)));
                }
            }
            SchemeKind::OpenIdConnect => lines.push(format!(
                "- `{}`: an OpenID Connect access token, sent as `Authorization: Bearer <token>` (scheme `{key}`).",
                var(0)
            )),
            SchemeKind::MutualTls => lines.push(format!(
                "- `{}`: the path of a PEM file holding the client certificate and its private key (mutual TLS, scheme `{key}`).",
                var(0)
            )),
            SchemeKind::AwsSigV4 { signing_name } => {
                lines.push(format!(
                    "- `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optional `AWS_SESSION_TOKEN`: credentials; requests are signed with SigV4 (signing name `{signing_name}`)."
                ));
                lines.push("- `AWS_REGION`: the region.".to_string());
            }
        }
    }
    lines
}

/// The builder methods that set a scheme's credential.
fn setters(s: &Scheme) -> Vec<String> {
    let one = match &s.kind {
        SchemeKind::Bearer | SchemeKind::OpenIdConnect => ".bearer_token(token)".to_string(),
        SchemeKind::Basic => ".basic_auth(username, password)".into(),
        SchemeKind::ApiKey { .. } | SchemeKind::Http(_) => match &s.setter {
            Some(setter) => format!(".{setter}(value)"),
            None => ".api_key(key)".into(),
        },
        SchemeKind::OAuth2 { token_url: Some(_) } => {
            return vec![".access_token(token)".into(), ".oauth2_client_credentials(id, secret)".into()]
        }
        SchemeKind::OAuth2 { token_url: None } => ".access_token(token)".into(),
        SchemeKind::MutualTls => ".identity_pem(pem)".into(),
        SchemeKind::AwsSigV4 { .. } => ".aws_credentials(id, secret, token).region(region)".into(),
    };
    vec![one]
}

/// The builder methods that take this API's credentials, for the crate docs: `, setting the
/// credentials with `.bearer_token(token)`` (empty without schemes).
pub fn builder_doc(api: &Api) -> String {
    let mut methods: Vec<String> = Vec::new();
    for s in &api.client.security.schemes {
        for one in setters(s) {
            let one = format!("`{one}`");
            if !methods.contains(&one) {
                methods.push(one);
            }
        }
    }
    if methods.is_empty() {
        return String::new();
    }
    let trait_note = if api.client.security.schemes.iter().any(|s| s.setter.is_some()) {
        " (the key setters come from the [`Credentials`] trait)"
    } else {
        ""
    };
    format!(
        ", setting the credentials with {}{trait_note}. Each call sends the first alternative its operation \
         accepts whose credentials are all set (`API.md` lists them), and `build()` refuses a credential this API has no use for",
        methods.join(", ")
    )
}

/// How a requirement reads in docs: `api_token`, or `api_email` + `api_key`, ...
pub fn describe(api: &Api, req: &Requirement) -> String {
    if req.is_empty() {
        return "no credentials".into();
    }
    let alternatives: Vec<String> = req
        .iter()
        .map(|alt| {
            if alt.is_empty() {
                return "none (optional)".to_string();
            }
            let names: Vec<String> = alt
                .iter()
                .map(|u| {
                    let key = api.client.security.schemes.get(u.scheme).map(|s| s.key.as_str()).unwrap_or("?");
                    match u.scopes.is_empty() {
                        true => format!("`{key}`"),
                        false => format!("`{key}` ({})", u.scopes.join(", ")),
                    }
                })
                .collect();
            names.join(" + ")
        })
        .collect();
    alternatives.join(", or ")
}

/// The `## Credentials` section of `API.md`: each scheme, what calls send by default, and the
/// calls whose requirement differs.
pub fn markdown(api: &Api, call: impl Fn(&crate::ir::Operation) -> String) -> String {
    let security = &api.client.security;
    if security.schemes.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\n## Credentials\n\nEach call sends the first alternative whose credentials are all configured \
         (`Client::from_env()` reads the variables; the builder takes them by method).\n\n\
         | Scheme | Sent as | Variables | Builder |\n|---|---|---|---|\n",
    );
    for s in &security.schemes {
        let sent = match &s.kind {
            SchemeKind::Bearer | SchemeKind::OpenIdConnect => "`Authorization: Bearer`".to_string(),
            SchemeKind::Basic => "`Authorization: Basic`".to_string(),
            SchemeKind::Http(name) => format!("`Authorization: {name}`"),
            SchemeKind::ApiKey { location: KeyLocation::Header, name } => format!("header `{name}`"),
            SchemeKind::ApiKey { location: KeyLocation::Query, name } => format!("query `{name}`"),
            SchemeKind::ApiKey { location: KeyLocation::Cookie, name } => format!("cookie `{name}`"),
            SchemeKind::OAuth2 { .. } => "`Authorization: Bearer` (OAuth2)".to_string(),
            SchemeKind::MutualTls => "client certificate".to_string(),
            SchemeKind::AwsSigV4 { .. } => "SigV4 signature".to_string(),
        };
        let vars: Vec<String> = match s.kind {
            SchemeKind::AwsSigV4 { .. } => vec!["`AWS_ACCESS_KEY_ID`".into(), "`AWS_SECRET_ACCESS_KEY`".into(), "`AWS_REGION`".into()],
            _ => s.env.iter().map(|v| format!("`{v}`")).collect(),
        };
        out.push_str(&format!("| `{}` | {sent} | {} | `{}` |\n", s.key, vars.join(" "), setters(s).join(" or ").replace('|', "\\|")));
    }
    let mut own: Vec<(String, String)> = api
        .operations
        .iter()
        .filter_map(|op| Some((call(op), describe(api, op.security.as_ref()?))))
        .collect();
    let default = describe(api, &security.default);
    if own.is_empty() {
        out.push_str(&format!("\nEvery call sends {default}.\n"));
    } else {
        own.sort();
        out.push_str(&format!("\nCalls send {default}, except these:\n\n| Call | Accepts |\n|---|---|\n"));
        for (call, accepts) in own {
            out.push_str(&format!("| `{}` | {accepts} |\n", call.replace('|', "\\|")));
        }
    }
    out
}
