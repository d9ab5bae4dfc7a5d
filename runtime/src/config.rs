//! The static description of a service that a generated client crate emits once.

use crate::scheme::{Scheme, Security};

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
    /// The API's security schemes (`components.securitySchemes`), in spec order.
    pub schemes: &'static [Scheme],
    /// What operations without a requirement of their own send (the document's `security`).
    pub security: Security,
    /// Response header holding the server's request id (e.g. `cf-ray`, `x-amzn-requestid`).
    /// When absent from a response, common request id headers are tried instead.
    pub request_id_header: Option<&'static str>,
}
