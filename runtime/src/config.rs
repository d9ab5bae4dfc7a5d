//! The static description of a service that a generated client crate emits once.

/// Describes one API service: how to name the client, where to send requests and how to
/// authenticate. Generated crates emit it once as a `static`.
#[derive(Debug)]
pub struct ServiceConfig {
    /// Name of the generated crate; the `User-Agent` is `<crate_name>/<crate_version>`.
    pub crate_name: &'static str,
    /// Version of the generated crate, used in the `User-Agent`.
    pub crate_version: &'static str,
    /// Base URL used when none is configured, e.g. `https://api.cloudflare.com/client/v4`.
    /// Its path is kept when joining operation paths. It may contain `{region}`, which is
    /// replaced by the configured region.
    pub default_base_url: &'static str,
    /// Environment variables that [`ClientBuilder::from_env`](crate::ClientBuilder::from_env)
    /// checks, in order, for a base URL; the first one that is set and non-empty wins.
    pub base_url_env: &'static [&'static str],
    /// How requests are authenticated.
    pub auth: AuthConfig,
    /// Response header holding the server's request id (e.g. `cf-ray`, `x-amzn-requestid`).
    /// When absent from a response, common request id headers are tried instead.
    pub request_id_header: Option<&'static str>,
}

/// How a service authenticates requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthConfig {
    /// No authentication.
    None,
    /// `Authorization: Bearer <token>`; the token is read from `token_env` by `from_env`.
    Bearer {
        /// Environment variable holding the token, e.g. `CLOUDFLARE_API_TOKEN`.
        token_env: &'static str,
    },
    /// AWS Signature Version 4. Credentials come from `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, optional `AWS_SESSION_TOKEN`, and the region from `AWS_REGION`
    /// (or `AWS_DEFAULT_REGION`).
    AwsSigV4 {
        /// The service's signing name, e.g. `route53globalresolver`.
        signing_name: &'static str,
    },
}
