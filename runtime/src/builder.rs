//! [`ClientBuilder`]: configuring and building a client.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use secrecy::{ExposeSecret, SecretString};

use crate::auth::Auth;
use crate::config::ServiceConfig;
use crate::credentials::{
    AwsCredentials, Credentials, AWS_ACCESS_KEY_ID, AWS_DEFAULT_REGION, AWS_REGION,
    AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
};
use crate::scheme::SchemeKind;
use crate::core::{Core, CoreInner};
use crate::encode::normalize_base_url;
use crate::error::ConfigError;
use crate::retry::RetryPolicy;
use crate::trace::is_sensitive_header;

const DEFAULT_RETRIES: u32 = 2;
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Configures and builds a client `C` (any type that is `From<Core>`).
///
/// Credentials are set per kind, named for what you hold: [`bearer_token`](Self::bearer_token)
/// (also [`access_token`](Self::access_token)), [`basic_auth`](Self::basic_auth),
/// [`api_key`](Self::api_key), [`credential`](Self::credential) (by the scheme's name in the
/// spec), [`oauth2_client_credentials`](Self::oauth2_client_credentials),
/// [`identity_pem`](Self::identity_pem) and [`aws_credentials`](Self::aws_credentials). A
/// credential the API has no use for makes [`build`](Self::build) fail with a message; it is
/// never silently dropped. Each call sends the first alternative of its operation's security
/// requirement whose credentials are all set.
///
/// Values set explicitly on the builder win over the environment, whichever order they are
/// set in: [`from_env`](Self::from_env) only fills in what is still unset. Its `Debug` never
/// shows a credential.
///
/// ```
/// use std::time::Duration;
/// use api_runtime::{ClientBuilder, Core, codegen::{Scheme, SchemeKind, SchemeUse, ServiceConfig}};
///
/// static SERVICE: ServiceConfig = ServiceConfig {
///     crate_name: "example-client",
///     crate_version: "0.1.0",
///     default_base_url: "https://api.example.com/v1",
///     base_url_env: &["EXAMPLE_BASE_URL"],
///     schemes: &[Scheme { name: "token", kind: SchemeKind::Bearer, env: &["EXAMPLE_API_TOKEN"] }],
///     security: &[&[SchemeUse { scheme: 0, scopes: &[] }]],
///     request_id_header: None,
/// };
///
/// let core: Core = ClientBuilder::new(&SERVICE)
///     .bearer_token("token")
///     .base_url("http://127.0.0.1:8080/v1/")
///     .retries(5)
///     .timeout(Duration::from_secs(10))
///     .build()
///     .unwrap();
/// assert_eq!(core.base_url(), "http://127.0.0.1:8080/v1");
///
/// // This API takes no username and password: build() says so.
/// let err = ClientBuilder::<Core>::new(&SERVICE).basic_auth("me", "pw").build().unwrap_err();
/// assert!(err.message().contains("has no use for it"), "{err}");
/// ```
pub struct ClientBuilder<C> {
    service: &'static ServiceConfig,
    base_url: Option<String>,
    creds: Credentials,
    token_url: Option<String>,
    retries: u32,
    retry_policy: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    headers: Vec<(String, String)>,
    root_certificates: Vec<Vec<u8>>,
    http_client: Option<reqwest::Client>,
    client: PhantomData<fn() -> C>,
}

impl<C: From<Core>> ClientBuilder<C> {
    /// A builder with the service's defaults: its default base URL, 2 retries, a 60 s
    /// per-attempt timeout and a 10 s connect timeout, and no credentials yet.
    pub fn new(service: &'static ServiceConfig) -> Self {
        ClientBuilder {
            service,
            base_url: None,
            creds: Credentials::new(service),
            token_url: None,
            retries: DEFAULT_RETRIES,
            retry_policy: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            headers: Vec::new(),
            root_certificates: Vec::new(),
            http_client: None,
            client: PhantomData,
        }
    }

    /// Fills in what is not set yet from the process environment:
    ///
    /// - the base URL from the first non-empty variable of
    ///   [`ServiceConfig::base_url_env`];
    /// - each security scheme's credentials from the variables its [`Scheme::env`] names
    ///   (the generated crate's docs list them);
    /// - for AWS SigV4, `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`
    ///   (optional) and the region from `AWS_REGION`, else `AWS_DEFAULT_REGION`.
    ///
    /// Values already set on the builder are kept. Empty variables count as unset. Fails with a
    /// [`ConfigError`] naming the variables to set only when no alternative of the API's
    /// security requirement can be met.
    ///
    /// [`Scheme::env`]: crate::Scheme::env
    pub fn from_env(self) -> Result<Self, ConfigError> {
        self.from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup` instead of the
    /// process environment (useful for tests and for configuration kept elsewhere).
    pub fn from_env_with(
        mut self,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let var = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());

        if self.base_url.is_none() {
            self.base_url = self.service.base_url_env.iter().find_map(|name| var(name));
        }
        for (scheme, slot) in self.service.schemes.iter().zip(&mut self.creds.slots) {
            slot.fill_from_env(scheme.kind, scheme.env, &var)?;
        }
        let uses_aws = self
            .service
            .schemes
            .iter()
            .any(|s| matches!(s.kind, SchemeKind::AwsSigV4 { .. }));
        if uses_aws {
            if self.creds.aws.is_none() {
                if let (Some(id), Some(secret)) = (var(AWS_ACCESS_KEY_ID), var(AWS_SECRET_ACCESS_KEY)) {
                    self.creds.aws = Some(AwsCredentials {
                        access_key_id: id.trim().to_owned(),
                        secret_access_key: SecretString::from(secret.trim().to_owned()),
                        session_token: var(AWS_SESSION_TOKEN)
                            .map(|t| SecretString::from(t.trim().to_owned())),
                    });
                }
            }
            if self.creds.region.is_none() {
                self.creds.region = var(AWS_REGION)
                    .or_else(|| var(AWS_DEFAULT_REGION))
                    .map(|r| r.trim().to_owned());
            }
        }
        self.creds.check_default()?;
        Ok(self)
    }

    /// Sends requests to `url` instead of the service's default. Its path is kept: base
    /// `https://host/client/v4` and path `/accounts/x` give `https://host/client/v4/accounts/x`.
    /// A trailing slash is ignored; `{region}` is replaced by the region.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// A token sent as `Authorization: Bearer <token>` by every scheme that sends one (`http`
    /// `bearer`, `oauth2`, `openIdConnect`). An OAuth2 access token given here wins over
    /// client credentials.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        let token = SecretString::from(token.into());
        self.creds.bearer("a bearer token (.bearer_token())", token);
        self
    }

    /// An OAuth2 or OpenID Connect access token (the same as [`bearer_token`](Self::bearer_token)).
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        let token = SecretString::from(token.into());
        self.creds.bearer("an access token (.access_token())", token);
        self
    }

    /// A username and password for `http` `basic` (RFC 7617).
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.creds.basic(username.into(), SecretString::from(password.into()));
        self
    }

    /// The API's key, for an API with one `apiKey` (or other `http`) scheme; sent as the spec
    /// says (header, query parameter or cookie). An API with several keys takes each with
    /// [`credential`](Self::credential).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.creds.api_key(SecretString::from(key.into()));
        self
    }

    /// The credential of the security scheme named `scheme` in the spec (a key, token or other
    /// single value), e.g. `.credential("api_email", "me@example.com")`.
    pub fn credential(mut self, scheme: &str, value: impl Into<String>) -> Self {
        self.creds.named(scheme, SecretString::from(value.into()));
        self
    }

    /// OAuth2 client credentials: the client fetches access tokens itself from the
    /// `clientCredentials` flow's token URL, caches them until shortly before they expire and
    /// shares them across clones; a 401 fetches a new one once.
    pub fn oauth2_client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.creds.client_credentials(client_id.into(), SecretString::from(client_secret.into()));
        self
    }

    /// Fetches OAuth2 tokens from `url` instead of the spec's `tokenUrl`.
    pub fn oauth2_token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// A client certificate for `mutualTLS`: PEM holding the certificate chain and the private
    /// key. Not possible with a client given by [`http_client`](Self::http_client).
    pub fn identity_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.creds.identity(pem.into());
        self
    }

    /// Also trusts the CA certificates in this PEM (one or several), beside the platform's roots:
    /// for a server whose certificate a private CA signed, as mutual-TLS services often have.
    /// Not possible with a client given by [`http_client`](Self::http_client).
    pub fn root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Signs requests (SigV4) with these AWS credentials.
    pub fn aws_credentials(
        mut self,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        if !self.service.schemes.iter().any(|s| matches!(s.kind, SchemeKind::AwsSigV4 { .. })) {
            self.creds.unusable.push(format!(
                "AWS credentials were given, but {} does not sign with SigV4",
                self.service.crate_name
            ));
        }
        self.creds.aws = Some(AwsCredentials {
            access_key_id: access_key_id.into(),
            secret_access_key: SecretString::from(secret_access_key.into()),
            session_token: session_token.map(SecretString::from),
        });
        self
    }

    /// The region: used for SigV4 signing and to fill `{region}` in the base URL.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.creds.region = Some(region.into());
        self
    }

    /// How many times a failed call is retried (default 2, so at most 3 attempts); 0 disables
    /// retries. Can be changed per call with [`Call::retries`](crate::Call::retries).
    pub fn retries(mut self, n: u32) -> Self {
        self.retries = n;
        self
    }

    /// How long to wait between attempts.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// The time limit of each attempt, from sending the request to reading the whole response
    /// body (default 60 s). Can be changed per call with [`Call::timeout`](crate::Call::timeout).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// The time limit for opening a connection (default 10 s). Not applied to a client given
    /// with [`http_client`](Self::http_client), which keeps its own settings.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// A header sent with every request (replacing one of the same name, including
    /// `User-Agent`). An invalid name or value makes [`build`](Self::build) fail.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Uses this `reqwest` client (for proxies, custom TLS roots, ...) instead of building one.
    /// Its redirect policy is its own: build it with
    /// `.redirect(api_runtime::redirect_policy())` so that operations documenting a 3xx
    /// response receive it instead of following it.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// Fails with a [`ConfigError`] when the base URL is invalid, credentials the service needs
    /// are missing (the message names the environment variable to set), or a header is invalid.
    pub fn build(mut self) -> Result<C, ConfigError> {
        let service = self.service;
        self.creds.region = self
            .creds
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);

        let raw_base = self.base_url.as_deref().unwrap_or(service.default_base_url);
        let raw_base = if raw_base.contains("{region}") {
            let region = self.creds.region.as_deref().ok_or_else(|| {
                ConfigError::new(format!(
                    "the base URL {raw_base} needs a region: set {AWS_REGION} or call .region()"
                ))
            })?;
            raw_base.replace("{region}", region)
        } else {
            raw_base.to_owned()
        };
        let base_url = normalize_base_url(&raw_base).map_err(|e| {
            let hint = match service.base_url_env.first() {
                Some(var) => format!(" (check {var} or the value given to .base_url())"),
                None => String::new(),
            };
            ConfigError::new(format!("{e}{hint}"))
        })?;
        if let Some(problem) = self.creds.unusable.first() {
            return Err(ConfigError::new(problem.clone()));
        }
        self.creds.check_default()?;

        let mut headers = HeaderMap::new();
        let user_agent = format!("{}/{}", service.crate_name, service.crate_version);
        headers.insert(
            USER_AGENT,
            HeaderValue::from_str(&user_agent)
                .map_err(|_| ConfigError::new(format!("invalid User-Agent {user_agent:?}")))?,
        );
        for (name, value) in &self.headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| ConfigError::new(format!("invalid header name {name:?}")))?;
            let mut header_value = HeaderValue::from_str(value)
                .map_err(|_| ConfigError::new(format!("invalid value for header {name:?}")))?;
            header_value.set_sensitive(is_sensitive_header(name));
            headers.insert(header_name, header_value);
        }

        let identity = self.creds.slots.iter().find_map(|slot| slot.identity.as_ref());
        let http = match self.http_client {
            Some(client) => {
                let conflict = match (identity, self.root_certificates.is_empty()) {
                    (Some(_), _) => Some("a client certificate (.identity_pem())"),
                    (None, false) => Some("a root certificate (.root_certificate_pem())"),
                    (None, true) => None,
                };
                if let Some(what) = conflict {
                    return Err(ConfigError::new(format!(
                        "{what} cannot be added to a client given with .http_client(): \
                         configure that client with it instead"
                    )));
                }
                client
            }
            None => http_client(
                self.connect_timeout,
                identity.map(|pem| pem.expose_secret()),
                &self.root_certificates,
            )?,
        };
        let auth = Auth::new(self.creds, &base_url, self.token_url.as_deref(), &http, self.timeout)?;

        Ok(C::from(Core {
            inner: Arc::new(CoreInner {
                service,
                base_url,
                auth,
                http,
                headers,
                retries: self.retries,
                retry_policy: self.retry_policy,
                timeout: self.timeout,
            }),
        }))
    }
}

/// The `reqwest` client the builder makes: its connect timeout, the runtime's redirect policy,
/// and the TLS identity and extra roots given to the builder.
fn http_client(
    connect_timeout: Duration,
    identity: Option<&[u8]>,
    roots: &[Vec<u8>],
) -> Result<reqwest::Client, ConfigError> {
    let mut builder =
        reqwest::Client::builder().connect_timeout(connect_timeout).redirect(crate::redirect::policy());
    if let Some(pem) = identity {
        let identity = reqwest::Identity::from_pem(pem)
            .map_err(|e| ConfigError::new(format!("the client certificate is not valid PEM: {e}")))?;
        builder = builder.identity(identity);
    }
    for pem in roots {
        let certs = reqwest::Certificate::from_pem_bundle(pem)
            .ok()
            .filter(|certs| !certs.is_empty())
            .ok_or_else(|| ConfigError::new("the root certificate is not valid PEM"))?;
        builder = builder.tls_certs_merge(certs);
    }
    builder.build().map_err(|e| ConfigError::new(format!("could not create the HTTP client: {e}")))
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if is_sensitive_header(name) {
                    "<redacted>"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("ClientBuilder")
            .field("service", &self.service.crate_name)
            .field("base_url", &self.base_url)
            .field("credentials", &self.creds)
            .field("retries", &self.retries)
            .field("retry_policy", &self.retry_policy)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("headers", &headers)
            .field("root_certificates", &self.root_certificates.len())
            .field("http_client", &self.http_client.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Identity;
    use crate::scheme::{Scheme, SchemeUse};
    use std::collections::HashMap;

    static BEARER: ServiceConfig = ServiceConfig {
        crate_name: "cf",
        crate_version: "1.2.3",
        default_base_url: "https://api.example.com/client/v4",
        base_url_env: &["CF_BASE_URL", "FALLBACK_BASE_URL"],
        schemes: &[Scheme { name: "api_token", kind: SchemeKind::Bearer, env: &["CF_API_TOKEN"] }],
        security: &[&[SchemeUse { scheme: 0, scopes: &[] }]],
        request_id_header: Some("cf-ray"),
    };

    static AWS: ServiceConfig = ServiceConfig {
        crate_name: "r53",
        crate_version: "0.1.0",
        default_base_url: "https://resolver.{region}.amazonaws.com",
        base_url_env: &["AWS_ENDPOINT_URL_R53", "AWS_ENDPOINT_URL"],
        schemes: &[Scheme {
            name: "sigv4",
            kind: SchemeKind::AwsSigV4 { signing_name: "route53globalresolver" },
            env: &[],
        }],
        security: &[&[SchemeUse { scheme: 0, scopes: &[] }]],
        request_id_header: Some("x-amzn-requestid"),
    };

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn bearer_from_env() {
        let core: Core = ClientBuilder::new(&BEARER)
            .from_env_with(env(&[
                ("CF_API_TOKEN", "tok"),
                ("FALLBACK_BASE_URL", "http://127.0.0.1:1/x/"),
            ]))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(core.base_url(), "http://127.0.0.1:1/x");
        assert_eq!(core.inner.headers[USER_AGENT], "cf/1.2.3");
        assert!(matches!(core.inner.auth.identity(0), Some(Identity::Header(..))));
    }

    #[test]
    fn first_base_url_var_wins_and_empty_is_unset() {
        let core: Core = ClientBuilder::new(&BEARER)
            .from_env_with(env(&[
                ("CF_API_TOKEN", "tok"),
                ("CF_BASE_URL", " "),
                ("FALLBACK_BASE_URL", "http://fallback"),
            ]))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(core.base_url(), "http://fallback");
        let core: Core = ClientBuilder::new(&BEARER)
            .from_env_with(env(&[
                ("CF_API_TOKEN", "tok"),
                ("CF_BASE_URL", "http://first"),
                ("FALLBACK_BASE_URL", "http://fallback"),
            ]))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(core.base_url(), "http://first");
    }

    #[test]
    fn missing_token_names_the_variable() {
        let err = ClientBuilder::<Core>::new(&BEARER)
            .from_env_with(env(&[]))
            .unwrap_err();
        assert!(err.message().contains("CF_API_TOKEN"), "{err}");
        let err = ClientBuilder::<Core>::new(&BEARER).build().unwrap_err();
        assert!(err.to_string().contains("CF_API_TOKEN"), "{err}");
    }

    #[test]
    fn explicit_values_win_over_env() {
        let core: Core = ClientBuilder::new(&BEARER)
            .bearer_token("explicit")
            .base_url("http://explicit/v4")
            .from_env_with(env(&[
                ("CF_API_TOKEN", "from-env"),
                ("CF_BASE_URL", "http://from-env"),
            ]))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(core.base_url(), "http://explicit/v4");
        match core.inner.auth.identity(0) {
            Some(Identity::Header(_, v)) => assert_eq!(v.to_str().unwrap(), "Bearer explicit"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn aws_from_env_fills_region_in_default_url() {
        let core: Core = ClientBuilder::new(&AWS)
            .from_env_with(env(&[
                ("AWS_ACCESS_KEY_ID", "AKID"),
                ("AWS_SECRET_ACCESS_KEY", "secret"),
                ("AWS_SESSION_TOKEN", "session"),
                ("AWS_DEFAULT_REGION", "eu-west-1"),
            ]))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(core.base_url(), "https://resolver.eu-west-1.amazonaws.com");
        match core.inner.auth.identity(0) {
            Some(Identity::Aws(aws)) => {
                assert_eq!(aws.region, "eu-west-1");
                assert_eq!(aws.signing_name, "route53globalresolver");
                assert!(aws.session_token.is_some());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn aws_region_prefers_aws_region_and_endpoint_override() {
        let core: Core = ClientBuilder::new(&AWS)
            .from_env_with(env(&[
                ("AWS_ACCESS_KEY_ID", "AKID"),
                ("AWS_SECRET_ACCESS_KEY", "secret"),
                ("AWS_REGION", "us-west-2"),
                ("AWS_DEFAULT_REGION", "eu-west-1"),
                ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"),
            ]))
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(core.base_url(), "http://127.0.0.1:4566");
        match core.inner.auth.identity(0) {
            Some(Identity::Aws(aws)) => assert_eq!(aws.region, "us-west-2"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn aws_missing_values_name_the_variable() {
        let err = ClientBuilder::<Core>::new(&AWS)
            .from_env_with(env(&[("AWS_REGION", "us-east-1")]))
            .unwrap_err();
        assert!(err.message().contains("AWS_ACCESS_KEY_ID"), "{err}");
        let err = ClientBuilder::<Core>::new(&AWS)
            .from_env_with(env(&[("AWS_ACCESS_KEY_ID", "A"), ("AWS_REGION", "r")]))
            .unwrap_err();
        assert!(err.message().contains("AWS_SECRET_ACCESS_KEY"), "{err}");
        let err = ClientBuilder::<Core>::new(&AWS)
            .from_env_with(env(&[
                ("AWS_ACCESS_KEY_ID", "A"),
                ("AWS_SECRET_ACCESS_KEY", "S"),
            ]))
            .unwrap_err();
        assert!(err.message().contains("AWS_REGION"), "{err}");
        let err = ClientBuilder::<Core>::new(&AWS)
            .aws_credentials("A", "S", None)
            .build()
            .unwrap_err();
        assert!(err.message().contains("AWS_REGION"), "{err}");
    }

    #[test]
    fn invalid_base_url_is_a_config_error() {
        let err = ClientBuilder::<Core>::new(&BEARER)
            .bearer_token("t")
            .base_url("not a url")
            .build()
            .unwrap_err();
        assert!(err.message().contains("not a url"), "{err}");
        assert!(err.message().contains("CF_BASE_URL"), "{err}");
    }

    #[test]
    fn invalid_header_is_a_config_error() {
        let err = ClientBuilder::<Core>::new(&BEARER)
            .bearer_token("t")
            .header("bad header", "v")
            .build()
            .unwrap_err();
        assert!(err.message().contains("bad header"), "{err}");
    }

    #[test]
    fn debug_hides_secrets() {
        let builder = ClientBuilder::<Core>::new(&AWS)
            .aws_credentials("AKID", "very-secret", Some("session-secret".into()))
            .region("us-east-1")
            .header("X-Auth-Key", "header-secret");
        let shown = format!("{builder:?}");
        for secret in ["very-secret", "session-secret", "header-secret"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        let core = builder.build().unwrap();
        let shown = format!("{core:?}");
        for secret in ["very-secret", "session-secret", "header-secret"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        let builder = ClientBuilder::<Core>::new(&BEARER).bearer_token("bearer-secret");
        assert!(!format!("{builder:?}").contains("bearer-secret"));
        assert!(!format!("{:?}", builder.build().unwrap()).contains("bearer-secret"));
    }
}
