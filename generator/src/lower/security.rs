//! `components.securitySchemes` and the `security` requirements of the document and its
//! operations, lowered into [`Security`] and per-operation [`Requirement`]s.
//!
//! Every scheme type of OpenAPI 3.0 and 3.1 has a client form; a scheme that cannot be read
//! (a `$ref` that points nowhere) is left out with a warning, and so is an alternative that
//! names it, never the spec.

use std::collections::HashMap;

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme};

use crate::diag::{escape_segment, Diagnostics};
use crate::ext::{Auth, ClientExt, SchemeExt};
use crate::pointer::Pointer;
use crate::ir::{KeyLocation, Requirement, Scheme, SchemeKind, SchemeUse, Security};
use crate::names::env_var;

/// The extension a 3.1 `mutualTLS` scheme is rewritten to carry (see `load::v31`).
pub const MUTUAL_TLS_MARK: &str = "x-oas-mutual-tls";

/// What the rest of lowering needs: the schemes, the client's default requirement and the
/// index of each scheme key.
pub struct Lowered {
    pub security: Security,
    index: HashMap<String, usize>,
    /// Declared schemes left out with a warning of their own: alternatives naming them are
    /// dropped without another.
    left_out: Vec<String>,
    /// The document's own `security` (what an operation without one uses).
    document: Requirement,
}

/// Lowers the schemes and the client's default requirement: the document's `security` when it
/// has one, else every alternative the operations use (so that `from_env` asks for something
/// a call can use).
pub fn lower(doc: &OpenAPI, client_ext: &ClientExt, prefix: &str, diags: &mut Diagnostics) -> Lowered {
    let mut schemes = Vec::new();
    let mut index = HashMap::new();
    let mut left_out = Vec::new();
    let declared = doc.components.as_ref().map(|c| &c.security_schemes);
    for (key, scheme) in declared.into_iter().flatten() {
        let at = String::from(Pointer::component("securitySchemes", key));
        let ReferenceOr::Item(scheme) = scheme else { continue };
        let Some(kind) = kind(scheme, &at, diags) else {
            left_out.push(key.clone());
            continue;
        };
        index.insert(key.clone(), schemes.len());
        schemes.push(Scheme { key: key.clone(), kind, env: Vec::new(), description: description(scheme), setter: None });
    }
    // A scheme that is a `$ref` to another is that scheme under a second name: the same
    // credentials, the same variables.
    for (key, scheme) in declared.into_iter().flatten() {
        let ReferenceOr::Reference { reference } = scheme else { continue };
        let at = String::from(Pointer::component("securitySchemes", key));
        match crate::pointer::follow_named::<SecurityScheme>(doc, reference) {
            Ok((target, _)) if index.contains_key(target) => {
                let i = index[target];
                index.insert(key.clone(), i);
            }
            Ok(_) => left_out.push(key.clone()),
            Err(e) => {
                diags.recover(at, format!("security scheme reference {e}"), "the client does not send this one", Some("point the `$ref` at a component of this kind that is not itself a reference back".to_string()));
                left_out.push(key.clone());
            }
        }
    }
    name_env_vars(&mut schemes, client_ext, prefix, diags);
    name_setters(&mut schemes);
    let mut lowered = Lowered { security: Security { schemes, default: Vec::new(), own: Vec::new() }, index, left_out, document: Vec::new() };
    lowered.document = doc.security.as_ref().map(|r| lowered.requirement(r, "#/security", diags)).unwrap_or_default();
    lowered.security.default = match &doc.security {
        Some(_) => lowered.document.clone(),
        None => lowered.union_of_operations(doc),
    };
    lowered
}

impl Lowered {
    /// An operation's requirement when it differs from the client's default (`None`: the
    /// default applies).
    pub fn operation(&self, own: Option<&Vec<SecurityRequirement>>, at: &str, diags: &mut Diagnostics) -> Option<Requirement> {
        let effective = match own {
            Some(own) => self.requirement(own, &format!("{at}/security"), diags),
            None => self.document.clone(),
        };
        (effective != self.security.default).then_some(effective)
    }

    /// Lowers a list of requirement objects; an alternative naming a scheme the client cannot
    /// send is dropped with a warning.
    fn requirement(&self, list: &[SecurityRequirement], at: &str, diags: &mut Diagnostics) -> Requirement {
        let mut out: Requirement = Vec::new();
        for (i, alternative) in list.iter().enumerate() {
            let mut uses = Vec::new();
            let mut usable = true;
            for (key, scopes) in alternative {
                match self.index.get(key) {
                    Some(&scheme) => uses.push(SchemeUse { scheme, scopes: scopes.clone() }),
                    None if self.left_out.contains(key) => usable = false,
                    None => {
                        diags.warn(
                            format!("{at}/{i}/{}", escape_segment(key)),
                            format!("`{key}` names no security scheme the client can send; this alternative is left out"),
                        );
                        usable = false;
                    }
                }
            }
            if usable && !out.contains(&uses) {
                out.push(uses);
            }
        }
        out
    }

    /// Every alternative the operations use (without scopes), in order of first use, with the
    /// empty alternative when some operation needs no credentials. Warnings wait for the
    /// operations.
    fn union_of_operations(&self, doc: &OpenAPI) -> Requirement {
        let mut quiet = Diagnostics::default();
        let mut union: Requirement = Vec::new();
        let mut open = false;
        for (_, item) in doc.paths.iter() {
            let ReferenceOr::Item(item) = item else { continue };
            for (_, op) in item.iter() {
                let effective = match &op.security {
                    Some(own) => self.requirement(own, "", &mut quiet),
                    None => self.document.clone(),
                };
                open |= effective.is_empty() || effective.iter().any(Vec::is_empty);
                // Scopes matter to the operation's own token, not to whether the client can call.
                let unscoped = effective.into_iter().map(|alt| {
                    alt.into_iter().map(|u| SchemeUse { scheme: u.scheme, scopes: Vec::new() }).collect::<Vec<_>>()
                });
                for alternative in unscoped.filter(|a| !a.is_empty()) {
                    if !union.contains(&alternative) {
                        union.push(alternative);
                    }
                }
            }
        }
        if open && !union.is_empty() {
            union.push(Vec::new());
        }
        union
    }
}

/// The distinct requirements the operations carry of their own, in operation order.
pub fn own_requirements(operations: &[crate::ir::Operation]) -> Vec<Requirement> {
    let mut found: Vec<Requirement> = Vec::new();
    for req in operations.iter().filter_map(|op| op.security.as_ref()) {
        if !found.contains(req) {
            found.push(req.clone());
        }
    }
    found
}

fn kind(scheme: &SecurityScheme, at: &str, diags: &mut Diagnostics) -> Option<SchemeKind> {
    Some(match scheme {
        SecurityScheme::APIKey { extensions, .. } if SchemeExt::of(extensions).auth == Some(Auth::AwsSigV4) => {
            let Some(signing_name) = SchemeExt::of(extensions).signing_name else {
                diags.recover(
                    at,
                    "`x-rust-auth: aws-sigv4` needs `x-aws-signing-name`",
                    "the client does not send this scheme",
                    Some("add `x-aws-signing-name: <service signing name>`".to_string()),
                );
                return None;
            };
            SchemeKind::AwsSigV4 { signing_name }
        }
        SecurityScheme::APIKey { extensions, .. } if extensions.contains_key(MUTUAL_TLS_MARK) => SchemeKind::MutualTls,
        SecurityScheme::APIKey { location, name, .. } => {
            let location = match location {
                APIKeyLocation::Header => KeyLocation::Header,
                APIKeyLocation::Query => KeyLocation::Query,
                APIKeyLocation::Cookie => KeyLocation::Cookie,
            };
            SchemeKind::ApiKey { location, name: name.clone() }
        }
        SecurityScheme::HTTP { scheme, .. } => match scheme.to_ascii_lowercase().as_str() {
            "bearer" => SchemeKind::Bearer,
            "basic" => SchemeKind::Basic,
            "" => {
                diags.warn(at, "an `http` scheme without a `scheme` name; the client does not send it");
                return None;
            }
            _ => SchemeKind::Http(scheme.clone()),
        },
        SecurityScheme::OAuth2 { flows, .. } => {
            SchemeKind::OAuth2 { token_url: flows.client_credentials.as_ref().map(|f| f.token_url.clone()) }
        }
        SecurityScheme::OpenIDConnect { .. } => SchemeKind::OpenIdConnect,
    })
}

fn description(scheme: &SecurityScheme) -> Option<String> {
    match scheme {
        SecurityScheme::APIKey { description, .. }
        | SecurityScheme::HTTP { description, .. }
        | SecurityScheme::OAuth2 { description, .. }
        | SecurityScheme::OpenIDConnect { description, .. } => description.clone(),
    }
}

/// The variables each scheme is read from: `x-rust-client.auth-env` (a name, or a list with one
/// per part) wins, `token-env` names the first bearer-like scheme's; the rest are derived from
/// the API's prefix and, where two schemes would share a name, the scheme's key.
fn name_env_vars(schemes: &mut [Scheme], client_ext: &ClientExt, prefix: &str, diags: &mut Diagnostics) {
    let overrides = client_ext.auth_env.as_ref();
    let mut token_env = client_ext.token_env.as_ref().map(|t| t.0.clone());
    let single_key = schemes.iter().filter(|s| matches!(s.kind, SchemeKind::ApiKey { .. })).count() == 1;
    let mut taken: Vec<String> = Vec::new();
    for scheme in schemes.iter_mut() {
        let given = overrides.and_then(|o| o.get(&scheme.key));
        let parts = parts(&scheme.kind);
        if let Some(given) = given {
            let names = given.0.clone();
            if names.len() == parts.len() {
                taken.extend(names.iter().cloned());
                scheme.env = names;
                continue;
            }
            diags.warn(
                crate::diag::pointer(&[crate::ext::Key::Client.name(), "auth-env", &scheme.key]),
                format!("`{}` needs {} variable name(s) ({}); using the derived names", scheme.key, parts.len(), parts.join(", ")),
            );
        }
        let bearer_like = matches!(scheme.kind, SchemeKind::Bearer | SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect);
        let mut names: Vec<String> = parts
            .iter()
            .enumerate()
            .map(|(i, part)| match (i, &scheme.kind) {
                (0, _) if bearer_like && token_env.is_some() => token_env.take().unwrap_or_default(),
                (_, SchemeKind::ApiKey { .. }) if single_key => env_var(prefix, "api key"),
                (_, SchemeKind::ApiKey { .. } | SchemeKind::Http(_)) => env_var(prefix, &scheme.key),
                _ => env_var(prefix, part),
            })
            .collect();
        if names.iter().any(|n| taken.contains(n)) {
            names = parts.iter().map(|part| env_var(prefix, &format!("{} {part}", scheme.key))).collect();
        }
        taken.extend(names.iter().cloned());
        scheme.env = names;
    }
}

/// The methods `ClientBuilder` has itself: a `Credentials` setter never takes their names.
const BUILDER_METHODS: &[&str] = &[
    "new", "from_env", "from_env_with", "base_url", "bearer_token", "access_token", "basic_auth", "api_key",
    "credential", "oauth2_client_credentials", "oauth2_token_url", "identity_pem", "aws_credentials", "region",
    "retries", "retry_policy", "timeout", "connect_timeout", "header", "http_client", "build",
];

/// When an API has several single-valued keys (`apiKey` or another `http` scheme), which
/// `.api_key()` cannot tell apart, each gets a typed setter named after its scheme.
fn name_setters(schemes: &mut [Scheme]) {
    let keyed = |s: &Scheme| matches!(s.kind, SchemeKind::ApiKey { .. } | SchemeKind::Http(_));
    if schemes.iter().filter(|s| keyed(s)).count() < 2 {
        return;
    }
    let mut names = crate::names::Namespace::new();
    for reserved in BUILDER_METHODS {
        names.reserve(reserved);
    }
    for scheme in schemes.iter_mut().filter(|s| keyed(s)) {
        let base = crate::names::snake(&scheme.key);
        let base = if names.is_free(&base) { base } else { format!("{base}_credential") };
        scheme.setter = Some(names.claim(&base, &scheme.key));
    }
}

/// The names of a kind's credential parts (as in `api_runtime::codegen::SchemeKind::env_parts`), as
/// words for variable names.
fn parts(kind: &SchemeKind) -> &'static [&'static str] {
    match kind {
        SchemeKind::Bearer | SchemeKind::OpenIdConnect => &["token"],
        SchemeKind::Basic => &["username", "password"],
        SchemeKind::Http(_) | SchemeKind::ApiKey { .. } => &["credential"],
        SchemeKind::OAuth2 { token_url: None } => &["access token"],
        SchemeKind::OAuth2 { token_url: Some(_) } => &["access token", "client id", "client secret"],
        SchemeKind::MutualTls => &["client cert file"],
        SchemeKind::AwsSigV4 { .. } => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(yaml: &str) -> (Lowered, Diagnostics) {
        let doc: OpenAPI = serde_yaml::from_str(yaml).unwrap();
        let mut diags = Diagnostics::default();
        let ext = crate::ext::client(&doc.extensions);
        (lower(&doc, &ext, "SHOP", &mut diags), diags)
    }

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses: {"200": {description: ok}}
    post:
      security: []
      responses: {"200": {description: ok}}
    put:
      security: [{key: []}, {}]
      responses: {"200": {description: ok}}
security:
  - bearer: []
  - email: []
    key: []
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    email: {type: apiKey, in: header, name: X-Auth-Email}
    key: {type: apiKey, in: header, name: X-Auth-Key}
    basic: {type: http, scheme: Basic}
    dsn: {type: http, scheme: DSN}
    oauth:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: /oauth/token, scopes: {read: r}}
"#;

    #[test]
    fn schemes_and_their_variables() {
        let (l, diags) = lowered(SPEC);
        assert!(diags.items().is_empty(), "{diags:?}");
        let env: Vec<(&str, Vec<&str>)> =
            l.security.schemes.iter().map(|s| (s.key.as_str(), s.env.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            env,
            vec![
                ("bearer", vec!["SHOP_TOKEN"]),
                ("email", vec!["SHOP_EMAIL"]),
                ("key", vec!["SHOP_KEY"]),
                ("basic", vec!["SHOP_USERNAME", "SHOP_PASSWORD"]),
                ("dsn", vec!["SHOP_DSN"]),
                ("oauth", vec!["SHOP_ACCESS_TOKEN", "SHOP_CLIENT_ID", "SHOP_CLIENT_SECRET"]),
            ]
        );
        assert_eq!(l.security.schemes[3].kind, SchemeKind::Basic);
        let setters: Vec<Option<&str>> = l.security.schemes.iter().map(|s| s.setter.as_deref()).collect();
        assert_eq!(setters, [None, Some("email"), Some("key"), None, Some("dsn"), None]);
        assert_eq!(l.security.schemes[4].kind, SchemeKind::Http("DSN".into()));
    }

    #[test]
    fn requirements_and_overrides() {
        let (l, _) = lowered(SPEC);
        let use_ = |scheme| SchemeUse { scheme, scopes: vec![] };
        assert_eq!(l.security.default, vec![vec![use_(0)], vec![use_(1), use_(2)]]);
        let mut diags = Diagnostics::default();
        assert_eq!(l.operation(None, "#/x", &mut diags), None);
        assert_eq!(l.operation(Some(&vec![]), "#/x", &mut diags), Some(vec![]));
        let optional = vec![[("key".to_string(), vec![])].into_iter().collect(), Default::default()];
        assert_eq!(l.operation(Some(&optional), "#/x", &mut diags), Some(vec![vec![use_(2)], vec![]]));
        let unknown = vec![[("nope".to_string(), vec![])].into_iter().collect()];
        assert_eq!(l.operation(Some(&unknown), "#/x", &mut diags), Some(vec![]));
        assert!(format!("{diags:?}").contains("#/x/security/0/nope"), "{diags:?}");
    }

    #[test]
    fn without_document_security_the_default_is_what_operations_use() {
        let spec = SPEC.replace("security:\n  - bearer: []\n  - email: []\n    key: []\n", "");
        let (l, _) = lowered(&spec);
        let use_ = |scheme| SchemeUse { scheme, scopes: vec![] };
        // `get` uses nothing (no document security), `put` uses `key` or nothing.
        assert_eq!(l.security.default, vec![vec![use_(2)], vec![]]);
    }

    #[test]
    fn two_bearer_like_schemes_never_share_a_variable() {
        let spec = SPEC.replace("    dsn: {type: http, scheme: DSN}\n", "    jwt: {type: http, scheme: bearer}\n");
        let (l, _) = lowered(&spec);
        let jwt = l.security.schemes.iter().find(|s| s.key == "jwt").unwrap();
        assert_eq!(jwt.env, vec!["SHOP_JWT_TOKEN"]);
    }

    #[test]
    fn a_setter_never_hides_behind_a_builder_method() {
        let spec = SPEC.replace("    key: {type: apiKey", "    api_key: {type: apiKey").replace("key: []", "api_key: []");
        let (l, _) = lowered(&spec);
        let key = l.security.schemes.iter().find(|s| s.key == "api_key").unwrap();
        assert_eq!(key.setter.as_deref(), Some("api_key_credential"));
    }
}
