//! The static description of an API's security schemes and of what each operation requires
//! (OpenAPI's `components.securitySchemes` and `security`), emitted once per client crate.

/// One security scheme of the API (an entry of `components.securitySchemes`).
#[derive(Debug)]
pub struct Scheme {
    /// The scheme's key in the spec, e.g. `api_token`; [`ClientBuilder::credential`] takes it.
    ///
    /// [`ClientBuilder::credential`]: crate::ClientBuilder::credential
    pub name: &'static str,
    /// How the credential is sent.
    pub kind: SchemeKind,
    /// The environment variables [`ClientBuilder::from_env`](crate::ClientBuilder::from_env)
    /// reads for this scheme, in the order of [`SchemeKind::env_parts`].
    pub env: &'static [&'static str],
}

/// How a scheme's credential is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemeKind {
    /// `http` `bearer`: `Authorization: Bearer <token>`.
    Bearer,
    /// `http` `basic`: `Authorization: Basic base64(<username>:<password>)` (RFC 7617).
    Basic,
    /// Any other `http` scheme: `Authorization: <scheme> <credential>`.
    Http {
        /// The scheme name as the spec writes it, e.g. `DSN`.
        scheme: &'static str,
    },
    /// `apiKey`: the credential as given, in a header, query parameter or cookie.
    ApiKey {
        /// Where the key goes.
        location: KeyLocation,
        /// The header, parameter or cookie name, e.g. `X-Auth-Key`.
        name: &'static str,
    },
    /// `oauth2`: an access token sent as `Bearer`; with a client-credentials flow, the client
    /// can also fetch the token itself from `token_url`.
    OAuth2 {
        /// The `clientCredentials` flow's `tokenUrl` (relative URLs are resolved against the
        /// base URL), when the scheme has that flow.
        token_url: Option<&'static str>,
    },
    /// `openIdConnect`: an access token sent as `Bearer`.
    OpenIdConnect,
    /// `mutualTLS`: a client certificate presented during the TLS handshake.
    MutualTls,
    /// AWS Signature Version 4 (the `x-rust-auth: aws-sigv4` extension). Credentials come from
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optional `AWS_SESSION_TOKEN`, and the
    /// region from `AWS_REGION` (or `AWS_DEFAULT_REGION`).
    AwsSigV4 {
        /// The service's signing name, e.g. `route53globalresolver`.
        signing_name: &'static str,
    },
}

/// Where an `apiKey` credential is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter (redacted wherever the client shows a URL).
    Query,
    /// A cookie in the `Cookie` header.
    Cookie,
}

/// One scheme of a requirement, with the OAuth2 scopes it needs.
#[derive(Debug)]
pub struct SchemeUse {
    /// Index into [`ServiceConfig::schemes`](crate::codegen::ServiceConfig::schemes).
    pub scheme: usize,
    /// OAuth2 scopes the operation needs (asked for when the client fetches a token).
    pub scopes: &'static [&'static str],
}

/// A security requirement: alternatives, of which the first whose credentials are all configured
/// is sent. Each alternative needs all of its schemes at once; an empty alternative makes
/// credentials optional; an empty list sends none.
pub type Security = &'static [&'static [SchemeUse]];

impl SchemeKind {
    /// What each of [`Scheme::env`]'s variables holds for this kind.
    pub const fn env_parts(&self) -> &'static [&'static str] {
        match self {
            SchemeKind::Bearer | SchemeKind::OpenIdConnect => &["token"],
            SchemeKind::Basic => &["username", "password"],
            SchemeKind::Http { .. } | SchemeKind::ApiKey { .. } => &["credential"],
            SchemeKind::OAuth2 { token_url: None } => &["access token"],
            SchemeKind::OAuth2 { token_url: Some(_) } => {
                &["access token", "client id", "client secret"]
            }
            SchemeKind::MutualTls => &["PEM file with the client certificate and key"],
            SchemeKind::AwsSigV4 { .. } => &[],
        }
    }

    /// Sent as `Authorization: Bearer <token>` (bearer, OAuth2 and OpenID Connect).
    pub(crate) fn is_bearer(&self) -> bool {
        matches!(
            self,
            SchemeKind::Bearer | SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect
        )
    }
}

impl Scheme {
    /// A short description for messages, e.g. ``the header `X-Auth-Key` (EXAMPLE_API_KEY)``.
    pub(crate) fn describe(&self) -> String {
        let what = match self.kind {
            SchemeKind::Bearer => "a bearer token".to_owned(),
            SchemeKind::Basic => "a username and password".to_owned(),
            SchemeKind::Http { scheme } => format!("a `{scheme}` credential"),
            SchemeKind::ApiKey { location, name } => {
                let place = match location {
                    KeyLocation::Header => "header",
                    KeyLocation::Query => "query parameter",
                    KeyLocation::Cookie => "cookie",
                };
                format!("the {place} `{name}`")
            }
            SchemeKind::OAuth2 { token_url: None } => "an OAuth2 access token".to_owned(),
            SchemeKind::OAuth2 { token_url: Some(_) } => {
                "an OAuth2 access token or client credentials".to_owned()
            }
            SchemeKind::OpenIdConnect => "an OpenID Connect access token".to_owned(),
            SchemeKind::MutualTls => "a client certificate".to_owned(),
            SchemeKind::AwsSigV4 { .. } => "AWS credentials".to_owned(),
        };
        let vars: Vec<&str> = match self.kind {
            SchemeKind::AwsSigV4 { .. } => {
                vec!["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"]
            }
            _ => self.env.to_vec(),
        };
        if vars.is_empty() {
            what
        } else {
            format!("{what} ({})", vars.join(", "))
        }
    }
}

/// Describes a requirement's alternatives for an error message, e.g. `a bearer token
/// (EXAMPLE_TOKEN), or the header `X-Key` (EXAMPLE_KEY) with ...`.
pub(crate) fn describe_security(schemes: &[Scheme], security: Security) -> String {
    let alternatives: Vec<String> = security
        .iter()
        .filter(|alt| !alt.is_empty())
        .map(|alt| {
            let parts: Vec<String> = alt
                .iter()
                .filter_map(|u| schemes.get(u.scheme))
                .map(Scheme::describe)
                .collect();
            parts.join(" with ")
        })
        .collect();
    alternatives.join(", or ")
}
