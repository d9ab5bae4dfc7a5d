//! Credentials held by a built client and how they are applied to each request: the first
//! alternative of the operation's requirement whose credentials are all configured is sent.
//!
//! A call first [selects](Auth::select) its alternative, then, before each attempt,
//! [prepares](Auth::prepare) it (fetching an OAuth2 token where needed, the only step that
//! waits), and last [applies](Auth::apply) it to the built request (SigV4 signs last).

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use base64::Engine as _;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};
use secrecy::{ExposeSecret, SecretString};

use crate::credentials::Credentials;
use crate::encode::append_query;
use crate::error::ConfigError;
use crate::oauth2::{TokenError, TokenSource};
use crate::scheme::{describe_security, KeyLocation, Scheme, SchemeKind, SchemeUse, Security};
use crate::sigv4;

/// The credentials of a built client, one identity per scheme that has its credentials.
pub(crate) struct Auth {
    schemes: &'static [Scheme],
    identities: Vec<Option<Identity>>,
}

/// How one scheme's credential is sent.
pub(crate) enum Identity {
    /// A sensitive header (bearer, basic, other `http` schemes, header API keys).
    Header(HeaderName, HeaderValue),
    /// A query parameter.
    Query(&'static str, SecretString),
    /// A cookie.
    Cookie(&'static str, SecretString),
    /// An OAuth2 token the client fetches itself (client credentials).
    Fetched(Arc<TokenSource>),
    /// AWS SigV4 signing.
    Aws(AwsAuth),
    /// A client certificate, presented by the HTTP client itself.
    Tls,
}

/// AWS credentials plus what SigV4 needs to sign for a service.
pub(crate) struct AwsAuth {
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: SecretString,
    pub(crate) session_token: Option<SecretString>,
    pub(crate) region: String,
    pub(crate) signing_name: &'static str,
}

/// What one call sends.
#[derive(Clone, Copy)]
pub(crate) enum Selected {
    /// This alternative, whose credentials are all configured.
    Send(&'static [SchemeUse]),
    /// No credentials; `wanted` is the requirement none of whose alternatives could be met
    /// (empty when the operation needs none), named by the error of a 401 or 403.
    Nothing { wanted: Security },
}

/// An alternative ready for one attempt: the tokens fetched for it.
pub(crate) struct Prepared {
    uses: &'static [SchemeUse],
    /// `(scheme, Authorization value)` of each fetched token.
    pub(crate) fetched: Vec<(usize, HeaderValue)>,
}

impl Auth {
    /// Turns the configured credentials into identities, checking each value once.
    pub(crate) fn new(
        creds: Credentials,
        base_url: &str,
        token_url: Option<&str>,
        http: &reqwest::Client,
        timeout: std::time::Duration,
    ) -> Result<Auth, ConfigError> {
        let service = creds.service;
        let mut identities = Vec::with_capacity(service.schemes.len());
        for (i, scheme) in service.schemes.iter().enumerate() {
            let identity = if creds.has(i) {
                let slot = &creds.slots[i];
                Some(identity(scheme, slot, &creds, base_url, token_url, http, timeout)?)
            } else {
                None
            };
            identities.push(identity);
        }
        Ok(Auth { schemes: service.schemes, identities })
    }

    /// The first alternative of `security` whose credentials are all configured (an empty
    /// alternative, which makes credentials optional, only when no other can be sent).
    pub(crate) fn select(&self, security: Security) -> Selected {
        let ready = |alt: &&&[SchemeUse]| {
            !alt.is_empty()
                && alt.iter().all(|u| self.identities.get(u.scheme).is_some_and(Option::is_some))
        };
        match security.iter().find(ready) {
            Some(alt) => Selected::Send(alt),
            None if security.iter().any(|alt| alt.is_empty()) => Selected::Nothing { wanted: &[] },
            None => Selected::Nothing { wanted: security },
        }
    }

    /// Fetches the tokens `selected` needs (cached ones are reused). `stale` are tokens a
    /// server just refused: they are fetched anew.
    pub(crate) async fn prepare(
        &self,
        selected: Selected,
        stale: &[(usize, HeaderValue)],
    ) -> Result<Prepared, TokenError> {
        let Selected::Send(uses) = selected else {
            return Ok(Prepared { uses: &[], fetched: Vec::new() });
        };
        let mut fetched = Vec::new();
        for u in uses {
            if let Some(Some(Identity::Fetched(source))) = self.identities.get(u.scheme) {
                let refused = stale.iter().find(|(i, _)| *i == u.scheme).map(|(_, v)| v);
                fetched.push((u.scheme, source.token(u.scopes, refused).await?));
            }
        }
        Ok(Prepared { uses, fetched })
    }

    /// Adds the prepared credentials to a request about to be sent. SigV4 signs it as it is
    /// then (URL, host, selected headers and `body`), so this is the last change to the
    /// request; `body` is `None` for bodies that cannot be read up front (multipart).
    pub(crate) fn apply(
        &self,
        prepared: &Prepared,
        request: &mut reqwest::Request,
        body: Option<&[u8]>,
    ) -> Result<(), ApplyError> {
        let mut sign = None;
        for u in prepared.uses {
            match self.identities.get(u.scheme).and_then(Option::as_ref) {
                Some(Identity::Header(name, value)) => {
                    request.headers_mut().insert(name.clone(), value.clone());
                }
                Some(Identity::Query(name, value)) => set_query(request, name, value),
                Some(Identity::Cookie(name, value)) => add_cookie(request, name, value)?,
                Some(Identity::Fetched(_)) => {
                    if let Some((_, value)) = prepared.fetched.iter().find(|(i, _)| *i == u.scheme) {
                        request.headers_mut().insert(AUTHORIZATION, value.clone());
                    }
                }
                Some(Identity::Aws(aws)) => sign = Some(aws),
                Some(Identity::Tls) | None => {}
            }
        }
        match sign {
            Some(aws) => sigv4::sign(request, aws, body, SystemTime::now()).map_err(ApplyError::Sign),
            None => Ok(()),
        }
    }

    /// The identity of scheme `i`, if it has credentials.
    #[cfg(test)]
    pub(crate) fn identity(&self, i: usize) -> Option<&Identity> {
        self.identities.get(i).and_then(Option::as_ref)
    }

    /// Names what `wanted` accepts and how to configure it, for the error of a 401 or 403 to
    /// a call that went out without credentials.
    pub(crate) fn hint(&self, wanted: Security) -> String {
        format!(
            "no credentials were sent; this operation accepts {}",
            describe_security(self.schemes, wanted)
        )
    }
}

/// The identity of scheme `scheme`, whose slot has its credentials.
fn identity(
    scheme: &'static Scheme,
    slot: &crate::credentials::Slot,
    creds: &Credentials,
    base_url: &str,
    token_url: Option<&str>,
    http: &reqwest::Client,
    timeout: std::time::Duration,
) -> Result<Identity, ConfigError> {
    let secret = || slot.secret.as_ref().map(|s| s.expose_secret().to_owned()).unwrap_or_default();
    let header = |name: HeaderName, value: String| -> Result<Identity, ConfigError> {
        let value = sensitive(&value).map_err(|_| {
            ConfigError::new(format!(
                "the credential for {} contains characters not allowed in a header",
                scheme.name
            ))
        })?;
        Ok(Identity::Header(name, value))
    };
    match scheme.kind {
        SchemeKind::Bearer | SchemeKind::OpenIdConnect => {
            header(AUTHORIZATION, format!("Bearer {}", secret()))
        }
        SchemeKind::OAuth2 { token_url: spec_url } => match (&slot.secret, &slot.client) {
            (Some(_), _) | (None, None) => header(AUTHORIZATION, format!("Bearer {}", secret())),
            (None, Some((id, client_secret))) => {
                let url = token_url.or(spec_url).unwrap_or_default();
                let source = TokenSource::new(url, base_url, id, client_secret, http, timeout)?;
                Ok(Identity::Fetched(Arc::new(source)))
            }
        },
        SchemeKind::Basic => {
            let (user, password) = slot.basic.as_ref().map(|(u, p)| (u.as_str(), p.expose_secret())).unwrap_or_default();
            header(AUTHORIZATION, basic_credentials(user, password))
        }
        SchemeKind::Http { scheme: name } => header(AUTHORIZATION, format!("{name} {}", secret())),
        SchemeKind::ApiKey { location: KeyLocation::Header, name } => {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                ConfigError::new(format!("the scheme {} names an invalid header {name:?}", scheme.name))
            })?;
            header(name, secret())
        }
        SchemeKind::ApiKey { location: KeyLocation::Query, name } => {
            Ok(Identity::Query(name, SecretString::from(secret())))
        }
        SchemeKind::ApiKey { location: KeyLocation::Cookie, name } => {
            Ok(Identity::Cookie(name, SecretString::from(secret())))
        }
        SchemeKind::MutualTls => Ok(Identity::Tls),
        SchemeKind::AwsSigV4 { signing_name } => {
            let (Some(aws), Some(region)) = (&creds.aws, &creds.region) else {
                return Err(ConfigError::new("AWS credentials need a region"));
            };
            Ok(Identity::Aws(AwsAuth {
                access_key_id: aws.access_key_id.clone(),
                secret_access_key: aws.secret_access_key.clone(),
                session_token: aws.session_token.clone(),
                region: region.clone(),
                signing_name,
            }))
        }
    }
}

/// A header value marked sensitive (never printed by `Debug`).
pub(crate) fn sensitive(value: &str) -> Result<HeaderValue, reqwest::header::InvalidHeaderValue> {
    let mut value = HeaderValue::from_str(value)?;
    value.set_sensitive(true);
    Ok(value)
}

/// Sets query parameter `name` to the key, replacing any value already there (a next-page link
/// that echoes it).
fn set_query(request: &mut reqwest::Request, name: &str, value: &SecretString) {
    let url = request.url_mut();
    let mut pairs: Vec<(String, String)> =
        url.query_pairs().filter(|(k, _)| k != name).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    pairs.push((name.to_owned(), value.expose_secret().to_owned()));
    url.set_query(None);
    append_query(url, &pairs);
}

/// `Basic base64(<user>:<password>)` (RFC 7617), the value of an `Authorization` header.
pub(crate) fn basic_credentials(user: &str, password: &str) -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

/// Adds `name=value` to the request's `Cookie` header (after any cookie parameters).
fn add_cookie(request: &mut reqwest::Request, name: &str, value: &SecretString) -> Result<(), ApplyError> {
    let pair = format!("{name}={}", value.expose_secret());
    crate::cookie::add(request.headers_mut(), &pair).map_err(|()| ApplyError::Cookie(name.to_owned()))
}

/// Why credentials could not be added to a request.
#[derive(Debug)]
pub(crate) enum ApplyError {
    /// The cookie (by name) holds characters not allowed in a header.
    Cookie(String),
    /// SigV4 signing failed.
    Sign(sigv4::SignError),
}

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApplyError::Cookie(name) => write!(f, "the cookie {name} holds characters not allowed in a header"),
            ApplyError::Sign(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ApplyError {}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (scheme, identity) in self.schemes.iter().zip(&self.identities) {
            if let Some(identity) = identity {
                list.entry(&format_args!("{}: {identity:?}", scheme.name));
            }
        }
        list.finish()
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Identity::Header(name, _) => write!(f, "header {name}: <redacted>"),
            Identity::Query(name, _) => write!(f, "query {name}=<redacted>"),
            Identity::Cookie(name, _) => write!(f, "cookie {name}=<redacted>"),
            Identity::Fetched(source) => fmt::Debug::fmt(source, f),
            Identity::Aws(aws) => fmt::Debug::fmt(aws, f),
            Identity::Tls => f.write_str("client certificate"),
        }
    }
}

impl fmt::Debug for AwsAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsSigV4")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field("session_token", &self.session_token.as_ref().map(|_| "<redacted>"))
            .field("region", &self.region)
            .field("signing_name", &self.signing_name)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_debug_redacts() {
        let aws = AwsAuth {
            access_key_id: "AKID".into(),
            secret_access_key: SecretString::from("sekrit"),
            session_token: Some(SecretString::from("sess-tok")),
            region: "us-east-1".into(),
            signing_name: "svc",
        };
        let shown = format!("{aws:?}");
        assert!(shown.contains("AKID"));
        assert!(!shown.contains("sekrit") && !shown.contains("sess-tok"), "{shown}");
    }

    #[test]
    fn sensitive_values_hide_in_debug() {
        let v = sensitive("Bearer abc").unwrap();
        assert!(v.is_sensitive());
        assert!(!format!("{v:?}").contains("abc"));
        assert!(sensitive("a\nb").is_err());
    }
}
