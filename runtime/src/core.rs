//! [`Core`]: the shared state of a built client.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::auth::Auth;
use crate::call::Call;
use crate::config::ServiceConfig;
use crate::decode::Decoder;
use crate::error_spec::ErrorSpec;
use crate::operation::Operation;
use crate::retry::RetryPolicy;
use crate::trace::RedactedHeaders;

/// The configured state every generated client wraps: base URL, credentials, HTTP client,
/// default headers, retry and timeout settings.
///
/// Cheap to clone (one `Arc`). Built by [`ClientBuilder`](crate::ClientBuilder). Its `Debug`
/// never shows credentials.
#[derive(Clone)]
pub struct Core {
    pub(crate) inner: Arc<CoreInner>,
}

pub(crate) struct CoreInner {
    pub(crate) service: &'static ServiceConfig,
    pub(crate) base_url: String,
    pub(crate) auth: Auth,
    pub(crate) http: reqwest::Client,
    pub(crate) headers: HeaderMap,
    pub(crate) retries: u32,
    pub(crate) retry_policy: RetryPolicy,
    pub(crate) timeout: Duration,
}

impl Core {
    /// Starts a call of `op`. `path` is the operation path with its parameters filled in and
    /// percent-encoded (see [`encode_path`](crate::encode_path)); it is appended to the base
    /// URL. The returned [`Call`] takes per-request options and is sent by `.await` or
    /// [`Call::send`].
    pub fn call<T, E>(
        &self,
        op: &'static Operation,
        path: String,
        decode: Decoder<T>,
        errors: ErrorSpec<E>,
    ) -> Call<T, E> {
        Call::new(self.clone(), op, path, decode, errors)
    }

    /// The service this client talks to.
    pub fn service(&self) -> &'static ServiceConfig {
        self.inner.service
    }

    /// The base URL requests are sent to (without a trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The default number of retries per call.
    pub fn retries(&self) -> u32 {
        self.inner.retries
    }

    /// The default per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The retry timing policy.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry_policy
    }
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Core")
            .field("service", &inner.service.crate_name)
            .field("base_url", &inner.base_url)
            .field("auth", &inner.auth)
            .field("headers", &RedactedHeaders(&inner.headers))
            .field("retries", &inner.retries)
            .field("retry_policy", &inner.retry_policy)
            .field("timeout", &inner.timeout)
            .finish_non_exhaustive()
    }
}
