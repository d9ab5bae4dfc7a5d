//! [`ClientBuilder`]: configuring and building a client.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use secrecy::SecretString;

use crate::auth::{bearer_header, Auth, AwsAuth};
use crate::config::{AuthConfig, ServiceConfig};
use crate::core::{Core, CoreInner};
use crate::encode::normalize_base_url;
use crate::error::ConfigError;
use crate::retry::RetryPolicy;
use crate::trace::is_sensitive_header;

const DEFAULT_RETRIES: u32 = 2;
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

const AWS_ACCESS_KEY_ID: &str = "AWS_ACCESS_KEY_ID";
const AWS_SECRET_ACCESS_KEY: &str = "AWS_SECRET_ACCESS_KEY";
const AWS_SESSION_TOKEN: &str = "AWS_SESSION_TOKEN";
const AWS_REGION: &str = "AWS_REGION";
const AWS_DEFAULT_REGION: &str = "AWS_DEFAULT_REGION";

/// Configures and builds a client `C` (any type that is `From<Core>`).
///
/// Values set explicitly on the builder win over the environment, whichever order they are
/// set in: [`from_env`](Self::from_env) only fills in what is still unset. Its `Debug` never
/// shows the token or the AWS secret key or session token.
///
/// ```
/// use std::time::Duration;
/// use api_runtime::{AuthConfig, ClientBuilder, Core, ServiceConfig};
///
/// static SERVICE: ServiceConfig = ServiceConfig {
///     crate_name: "example-client",
///     crate_version: "0.1.0",
///     default_base_url: "https://api.example.com/v1",
///     base_url_env: &["EXAMPLE_BASE_URL"],
///     auth: AuthConfig::Bearer { token_env: "EXAMPLE_API_TOKEN" },
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
/// ```
pub struct ClientBuilder<C> {
    service: &'static ServiceConfig,
    base_url: Option<String>,
    bearer_token: Option<SecretString>,
    aws: Option<AwsCredentials>,
    region: Option<String>,
    retries: u32,
    retry_policy: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    headers: Vec<(String, String)>,
    http_client: Option<reqwest::Client>,
    client: PhantomData<fn() -> C>,
}

struct AwsCredentials {
    access_key_id: String,
    secret_access_key: SecretString,
    session_token: Option<SecretString>,
}

impl<C: From<Core>> ClientBuilder<C> {
    /// A builder with the service's defaults: its default base URL, 2 retries, a 60 s
    /// per-attempt timeout and a 10 s connect timeout, and no credentials yet.
    pub fn new(service: &'static ServiceConfig) -> Self {
        ClientBuilder {
            service,
            base_url: None,
            bearer_token: None,
            aws: None,
            region: None,
            retries: DEFAULT_RETRIES,
            retry_policy: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            headers: Vec::new(),
            http_client: None,
            client: PhantomData,
        }
    }

    /// Fills in what is not set yet from the process environment:
    ///
    /// - the base URL from the first non-empty variable of
    ///   [`ServiceConfig::base_url_env`];
    /// - for [`AuthConfig::Bearer`], the token from its `token_env` (required);
    /// - for [`AuthConfig::AwsSigV4`], `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`
    ///   (required), `AWS_SESSION_TOKEN` (optional) and the region from `AWS_REGION`, else
    ///   `AWS_DEFAULT_REGION` (required).
    ///
    /// Values already set on the builder are kept. Empty variables count as unset. Fails with a
    /// [`ConfigError`] naming the variable that is missing.
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

        match self.service.auth {
            AuthConfig::None => {}
            AuthConfig::Bearer { token_env } => {
                if self.bearer_token.is_none() {
                    let token = var(token_env).ok_or_else(|| {
                        ConfigError::new(format!(
                            "{token_env} is not set: set it to an API token for {}",
                            self.service.crate_name
                        ))
                    })?;
                    self.bearer_token = Some(SecretString::from(token.trim().to_owned()));
                }
            }
            AuthConfig::AwsSigV4 { .. } => {
                if self.aws.is_none() {
                    let access_key_id =
                        var(AWS_ACCESS_KEY_ID).ok_or_else(|| missing_aws_var(AWS_ACCESS_KEY_ID))?;
                    let secret = var(AWS_SECRET_ACCESS_KEY)
                        .ok_or_else(|| missing_aws_var(AWS_SECRET_ACCESS_KEY))?;
                    self.aws = Some(AwsCredentials {
                        access_key_id: access_key_id.trim().to_owned(),
                        secret_access_key: SecretString::from(secret.trim().to_owned()),
                        session_token: var(AWS_SESSION_TOKEN)
                            .map(|t| SecretString::from(t.trim().to_owned())),
                    });
                }
                if self.region.is_none() {
                    let region = var(AWS_REGION)
                        .or_else(|| var(AWS_DEFAULT_REGION))
                        .ok_or_else(|| {
                            ConfigError::new(format!(
                                "{AWS_REGION} is not set (nor {AWS_DEFAULT_REGION}): set it to \
                                 the AWS region to use, e.g. us-east-1"
                            ))
                        })?;
                    self.region = Some(region.trim().to_owned());
                }
            }
        }
        Ok(self)
    }

    /// Sends requests to `url` instead of the service's default. Its path is kept: base
    /// `https://host/client/v4` and path `/accounts/x` give `https://host/client/v4/accounts/x`.
    /// A trailing slash is ignored; `{region}` is replaced by the region.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Authenticates with `Authorization: Bearer <token>`.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(SecretString::from(token.into()));
        self
    }

    /// Signs requests (SigV4) with these AWS credentials.
    pub fn aws_credentials(
        mut self,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        self.aws = Some(AwsCredentials {
            access_key_id: access_key_id.into(),
            secret_access_key: SecretString::from(secret_access_key.into()),
            session_token: session_token.map(SecretString::from),
        });
        self
    }

    /// The region: used for SigV4 signing and to fill `{region}` in the base URL.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
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
    pub fn build(self) -> Result<C, ConfigError> {
        let service = self.service;
        let region = self
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());

        let raw_base = self.base_url.as_deref().unwrap_or(service.default_base_url);
        let raw_base = if raw_base.contains("{region}") {
            let region = region.ok_or_else(|| {
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

        let auth = match service.auth {
            AuthConfig::None => Auth::None,
            AuthConfig::Bearer { token_env } => {
                let token = self.bearer_token.ok_or_else(|| {
                    ConfigError::new(format!(
                        "no API token: set {token_env} (and use from_env) or call .bearer_token()"
                    ))
                })?;
                bearer_header(&token).map_err(ConfigError::new)?;
                Auth::Bearer(token)
            }
            AuthConfig::AwsSigV4 { signing_name } => {
                let creds = self.aws.ok_or_else(|| {
                    ConfigError::new(format!(
                        "no AWS credentials: set {AWS_ACCESS_KEY_ID} and {AWS_SECRET_ACCESS_KEY} \
                         (and use from_env) or call .aws_credentials()"
                    ))
                })?;
                let region = region.ok_or_else(|| {
                    ConfigError::new(format!(
                        "no AWS region: set {AWS_REGION} (and use from_env) or call .region()"
                    ))
                })?;
                Auth::AwsSigV4(AwsAuth {
                    access_key_id: creds.access_key_id,
                    secret_access_key: creds.secret_access_key,
                    session_token: creds.session_token,
                    region: region.to_owned(),
                    signing_name,
                })
            }
        };

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

        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .redirect(crate::redirect::policy())
                .build()
                .map_err(|e| ConfigError::new(format!("could not create the HTTP client: {e}")))?,
        };

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

fn missing_aws_var(name: &str) -> ConfigError {
    ConfigError::new(format!(
        "{name} is not set: set {AWS_ACCESS_KEY_ID} and {AWS_SECRET_ACCESS_KEY} \
         (and {AWS_SESSION_TOKEN} for temporary credentials)"
    ))
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
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "aws_access_key_id",
                &self.aws.as_ref().map(|a| a.access_key_id.as_str()),
            )
            .field(
                "aws_secret_access_key",
                &self.aws.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "aws_session_token",
                &self
                    .aws
                    .as_ref()
                    .and_then(|a| a.session_token.as_ref())
                    .map(|_| "<redacted>"),
            )
            .field("region", &self.region)
            .field("retries", &self.retries)
            .field("retry_policy", &self.retry_policy)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("headers", &headers)
            .field("http_client", &self.http_client.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    static BEARER: ServiceConfig = ServiceConfig {
        crate_name: "cf",
        crate_version: "1.2.3",
        default_base_url: "https://api.example.com/client/v4",
        base_url_env: &["CF_BASE_URL", "FALLBACK_BASE_URL"],
        auth: AuthConfig::Bearer {
            token_env: "CF_API_TOKEN",
        },
        request_id_header: Some("cf-ray"),
    };

    static AWS: ServiceConfig = ServiceConfig {
        crate_name: "r53",
        crate_version: "0.1.0",
        default_base_url: "https://resolver.{region}.amazonaws.com",
        base_url_env: &["AWS_ENDPOINT_URL_R53", "AWS_ENDPOINT_URL"],
        auth: AuthConfig::AwsSigV4 {
            signing_name: "route53globalresolver",
        },
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
        assert!(matches!(core.inner.auth, Auth::Bearer(_)));
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
        match &core.inner.auth {
            Auth::Bearer(t) => assert_eq!(secrecy::ExposeSecret::expose_secret(t), "explicit"),
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
        match &core.inner.auth {
            Auth::AwsSigV4(aws) => {
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
        match &core.inner.auth {
            Auth::AwsSigV4(aws) => assert_eq!(aws.region, "us-west-2"),
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
