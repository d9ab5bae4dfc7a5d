//! [`Core`]: the shared state of a built client.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;

use crate::auth::Auth;
use crate::call::Call;
use crate::config::ServiceConfig;
use crate::decode::{DecodeError, Decoder, ResponseHead};
use crate::error_spec::ErrorSpec;
use crate::operation::Operation;
use crate::retry::RetryPolicy;
use crate::sse::{EventStream, ItemDecoder};
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
    /// percent-encoded (see `codegen::encode_path`); it is appended to the base
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

    /// Starts a call of `op` whose 2xx response is a `text/event-stream`: awaiting it gives an
    /// [`EventStream`] of events whose data `item` decodes (see `codegen::sse`). Errors
    /// before the stream (a non-2xx status, a timeout waiting for the head) are the call's.
    pub fn stream<T: 'static, E: 'static>(
        &self,
        op: &'static Operation,
        path: String,
        item: ItemDecoder<T>,
        errors: ErrorSpec<E>,
    ) -> Call<EventStream<T, E>, E> {
        let request_id_header = self.inner.service.request_id_header;
        let mut call = Call::new(self.clone(), op, path, streamed_only, errors);
        call.open = Some(Box::new(move |response| {
            EventStream::new(response, item, op.name, request_id_header)
        }));
        call
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

/// The decoder of a streamed call, which never reads its 2xx body whole.
fn streamed_only<T>(_head: &ResponseHead, _body: Bytes) -> Result<T, DecodeError> {
    Err(DecodeError::invalid("a streamed response was read whole"))
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
