//! Sending a [`Call`]: building each attempt, authenticating, timing out, deciding on retries
//! and turning the response into a value or an [`Error`].

use std::error::Error as StdError;
use std::ops::RangeInclusive;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use tracing::Instrument;

use crate::auth::{Prepared, Selected};
use crate::call::{Body, Call, Opener};
use crate::oauth2::TokenError;
use crate::multipart::FormBody;
use crate::core::CoreInner;
use crate::decode::{DecodeError, Decoder, ResponseHead};
use crate::encode::{append_query, join_url};
use crate::error::{format_duration, Error};
use crate::error_spec::ErrorSpec;
use crate::operation::Operation;
use crate::retry::{is_transient_status, server_delay, should_retry_header};
use crate::trace::{call_span, RedactedHeaders};

/// Sends `call`, retrying as configured, inside an `api_call` span.
pub(crate) async fn execute<T, E>(call: Call<T, E>) -> Result<T, Error<E>> {
    execute_raw(call).await.map(|raw| raw.value)
}

/// A decoded success response with its head and raw body (what a pager reads the next page from).
pub(crate) struct Raw<T> {
    pub(crate) value: T,
    pub(crate) head: ResponseHead,
    pub(crate) body: Bytes,
}

/// [`execute`], keeping the response head and raw body beside the value.
pub(crate) async fn execute_raw<T, E>(call: Call<T, E>) -> Result<Raw<T>, Error<E>> {
    let Call {
        core,
        op,
        path,
        decode,
        errors,
        query,
        headers,
        body,
        timeout,
        retries,
        idempotency_key,
        invalid,
        open,
        url,
        redirections,
    } = call;
    let inner = &*core.inner;

    let url = match url {
        Some(url) => url,
        None => {
            let mut url = join_url(&inner.base_url, &path).map_err(|e| Error::request(op.name, e.to_string(), None))?;
            append_query(&mut url, &query);
            url
        }
    };
    if let Some(problem) = invalid {
        return Err(Error::request(op.name, problem, None));
    }

    let span = call_span(op.name, &op.method, &url);
    let selected = inner.auth.select(op.security.unwrap_or(inner.service.security));
    let plan = Plan {
        inner,
        op,
        selected,
        url,
        headers,
        decode,
        errors,
        timeout: timeout.unwrap_or(inner.timeout),
        max_retries: retries.unwrap_or(inner.retries),
        idempotent: op.idempotent || idempotency_key,
        open,
        redirections,
    };
    plan.run(body).instrument(span).await
}

/// Everything needed to make the attempts of one call.
struct Plan<'a, T, E> {
    inner: &'a CoreInner,
    op: &'static Operation,
    /// The credentials this call sends.
    selected: Selected,
    url: Url,
    headers: HeaderMap,
    decode: Decoder<T>,
    errors: ErrorSpec<E>,
    timeout: Duration,
    max_retries: u32,
    idempotent: bool,
    /// A streamed call: a 2xx response is handed over with its body unread.
    open: Option<Opener<T>>,
    /// The documented 3xx statuses: not followed, decoded like a 2xx.
    redirections: &'static [RangeInclusive<u16>],
}

/// A failed attempt and what is known about retrying it.
struct Failure<E> {
    error: Error<E>,
    /// Trying again later may succeed.
    transient: bool,
    /// The request may have been processed by the server, so repeating a non-idempotent one is
    /// unsafe.
    maybe_processed: bool,
    /// The server said `x-should-retry: true`.
    server_says_retry: bool,
    /// The delay the server asked for.
    server_delay: Option<Duration>,
}

/// The raw result of one attempt.
enum Attempt {
    Response {
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    },
    /// A 2xx response of a streamed call, its body unread.
    Streaming(reqwest::Response),
    /// Our per-attempt timeout fired.
    TimedOut,
    /// `reqwest` failed; `reading_body` tells whether the response head had arrived.
    Transport {
        error: reqwest::Error,
        reading_body: bool,
    },
}

impl<T, E> Plan<'_, T, E> {
    async fn run(self, body: Body) -> Result<Raw<T>, Error<E>> {
        let span = tracing::Span::current();
        let started = Instant::now();
        let (bytes_body, mut multipart) = match body {
            Body::Empty => (None, None),
            Body::Bytes {
                content_type,
                bytes,
            } => (Some((content_type, bytes)), None),
            Body::Multipart(form) => (None, Some(form)),
        };
        let single_shot = multipart.as_ref().is_some_and(FormBody::single_shot);

        let mut attempt: u32 = 0;
        // Fetched tokens that a 401 refused: fetched anew once, outside the retry count.
        let mut refused: Vec<(usize, HeaderValue)> = Vec::new();
        let mut refetched = false;
        loop {
            attempt += 1;
            span.record("attempt", attempt);

            let (result, fetched, attempt_ms) =
                self.attempt(attempt, bytes_body.as_ref(), multipart.as_mut(), &refused).await?;
            let mut failure = match result {
                Ok(value) => {
                    span.record("elapsed_ms", started.elapsed().as_millis() as u64);
                    tracing::debug!(attempt, attempt_ms, "call succeeded");
                    return Ok(value);
                }
                Err(failure) => failure,
            };
            let status = failure.error.status().map(|s| s.as_u16());
            if status == Some(401) && !fetched.is_empty() && !refetched {
                tracing::info!(attempt, "the server refused the fetched token; fetching a new one");
                refetched = true;
                refused = fetched;
                continue;
            }
            if let (Selected::Nothing { wanted }, Some(401 | 403)) = (self.selected, status) {
                if !wanted.is_empty() {
                    failure.error.set_hint(self.inner.auth.hint(wanted));
                }
            }

            let retries_done = attempt - 1 - u32::from(refetched);
            let verdict = self.verdict(&failure, single_shot, retries_done);
            let mut error = failure.error;

            match verdict {
                Ok(delay) => {
                    tracing::info!(
                        attempt,
                        attempt_ms,
                        delay_ms = delay.as_millis() as u64,
                        error = %DisplayKind(&error),
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                }
                Err(reason) => {
                    error.set_attempts(attempt);
                    span.record("elapsed_ms", started.elapsed().as_millis() as u64);
                    tracing::debug!(
                        attempt,
                        attempt_ms,
                        error = %DisplayKind(&error),
                        reason,
                        "call failed"
                    );
                    return Err(error);
                }
            }
        }
    }

    /// One attempt: credentials prepared, the request built and sent, its outcome settled.
    /// Returns the outcome, the tokens fetched for it, and how long it took; a request that
    /// cannot be built ends the call.
    async fn attempt(
        &self,
        attempt: u32,
        bytes_body: Option<&(HeaderValue, Bytes)>,
        multipart: Option<&mut FormBody>,
        refused: &[(usize, HeaderValue)],
    ) -> Result<(Result<Raw<T>, Failure<E>>, Vec<(usize, HeaderValue)>, u64), Error<E>> {
        let prepared = match self.inner.auth.prepare(self.selected, refused).await {
            Err(e) => return Ok((Err(self.token_failure(e)), Vec::new(), 0)),
            Ok(prepared) => prepared,
        };
        let form = multipart.map(FormBody::next).transpose();
        let request = form
            .map_err(|e| Error::request(self.op.name, e.to_string(), None))
            .and_then(|form| self.build_request(bytes_body, form, &prepared))
            .map_err(|mut error| {
                error.set_attempts(attempt);
                error
            })?;
        tracing::debug!(attempt, timeout_ms = self.timeout.as_millis() as u64, "sending request");
        tracing::trace!(headers = ?RedactedHeaders(request.headers()), "request headers");
        let attempt_started = Instant::now();
        let attempt_result = self.send_once(request).await;
        let attempt_ms = attempt_started.elapsed().as_millis() as u64;
        Ok((self.settle(attempt_result, attempt_started), prepared.fetched, attempt_ms))
    }

    /// Whether a failed attempt is tried again, and after which delay; else why not.
    fn verdict(&self, failure: &Failure<E>, single_shot: bool, retries_done: u32) -> Result<Duration, &'static str> {
        let safe_to_repeat = self.idempotent || !failure.maybe_processed || failure.server_says_retry;
        if !failure.transient {
            Err("not retryable")
        } else if single_shot {
            Err("this multipart body is sent only once")
        } else if !safe_to_repeat {
            Err("not idempotent and the request may have reached the server")
        } else if retries_done >= self.max_retries {
            Err("no retries left")
        } else {
            Ok(self.inner.retry_policy.delay(retries_done, failure.server_delay))
        }
    }

    /// Builds and authenticates one attempt's request; the body is cloned (cheaply) each time.
    fn build_request(
        &self,
        body: Option<&(HeaderValue, Bytes)>,
        multipart: Option<reqwest::multipart::Form>,
        credentials: &Prepared,
    ) -> Result<reqwest::Request, Error<E>> {
        let mut headers = self.inner.headers.clone();
        let body_bytes = body.map(|(content_type, bytes)| {
            headers.insert(CONTENT_TYPE, content_type.clone());
            bytes.clone()
        });
        for name in self.headers.keys() {
            headers.remove(name);
            for value in self.headers.get_all(name) {
                headers.append(name.clone(), value.clone());
            }
        }

        let is_multipart = multipart.is_some();
        if body_bytes.is_none() && !is_multipart && method_expects_body(&self.op.method) {
            // Some servers require a length on POST/PUT/PATCH even without a body.
            headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
        }
        let mut builder = self
            .inner
            .http
            .request(self.op.method.clone(), self.url.clone())
            .headers(headers);
        if let Some(form) = multipart {
            builder = builder.multipart(form);
        }
        if let Some(bytes) = &body_bytes {
            builder = builder.body(bytes.clone());
        }
        let mut request = builder.build().map_err(|e| {
            Error::request(
                self.op.name,
                root_cause(&e),
                Some(Box::new(e.without_url())),
            )
        })?;

        let signable: Option<&[u8]> = match (&body_bytes, is_multipart) {
            (_, true) => None,
            (Some(bytes), false) => Some(bytes),
            (None, false) => Some(&[]),
        };
        self.inner
            .auth
            .apply(credentials, &mut request, signable)
            .map_err(|e| Error::request(self.op.name, e.to_string(), None))?;
        Ok(request)
    }

    /// Sends one request and reads the whole body (for a streamed call, only the head of a 2xx
    /// response), within the per-attempt timeout.
    async fn send_once(&self, request: reqwest::Request) -> Attempt {
        let exchange = async {
            let response = crate::redirect::keeping(self.redirections, self.inner.http.execute(request))
                .await
                .map_err(|error| Attempt::Transport {
                    error,
                    reading_body: false,
                })?;
            let status = response.status();
            let headers = response.headers().clone();
            tracing::Span::current().record("status", status.as_u16());
            tracing::debug!(status = status.as_u16(), "received response head");
            if status.is_success() && self.open.is_some() {
                // Streamed: the timeout covers the head only; the caller reads the body.
                return Ok(Attempt::Streaming(response));
            }
            let body = response.bytes().await.map_err(|error| Attempt::Transport {
                error,
                reading_body: true,
            })?;
            Ok::<_, Attempt>(Attempt::Response {
                status,
                headers,
                body,
            })
        };
        match tokio::time::timeout(self.timeout, exchange).await {
            Ok(Ok(attempt)) | Ok(Err(attempt)) => attempt,
            Err(_) => Attempt::TimedOut,
        }
    }

    /// Turns one attempt into the call's value or a classified failure.
    fn settle(&self, attempt: Attempt, attempt_started: Instant) -> Result<Raw<T>, Failure<E>> {
        let op = self.op.name;
        match attempt {
            Attempt::Streaming(response) => match &self.open {
                Some(open) => {
                    let head = ResponseHead { status: response.status(), headers: response.headers().clone() };
                    Ok(Raw { value: open(response), head, body: Bytes::new() })
                }
                None => Err(Failure {
                    error: Error::request(op, "a response was streamed for a call that reads it whole", None),
                    transient: false,
                    maybe_processed: true,
                    server_says_retry: false,
                    server_delay: None,
                }),
            },
            Attempt::TimedOut => Err(Failure {
                error: with_retry_info(Error::timeout(op, self.timeout), true, None),
                transient: true,
                maybe_processed: true,
                server_says_retry: false,
                server_delay: None,
            }),
            Attempt::Transport {
                error,
                reading_body,
            } => Err(self.transport_failure(error, reading_body, attempt_started)),
            Attempt::Response {
                status,
                headers,
                body,
            } => self.response(status, headers, body),
        }
    }

    /// The credentials could not be obtained: nothing was sent.
    fn token_failure(&self, e: TokenError) -> Failure<E> {
        Failure {
            error: with_retry_info(Error::credentials(self.op.name, e.message), e.transient, None),
            transient: e.transient,
            maybe_processed: false,
            server_says_retry: false,
            server_delay: None,
        }
    }

    fn transport_failure(
        &self,
        error: reqwest::Error,
        reading_body: bool,
        attempt_started: Instant,
    ) -> Failure<E> {
        let op = self.op.name;
        let host = host_and_port(&self.url);
        let cause = root_cause(&error);
        let (is_connect, is_timeout, is_builder) =
            (error.is_connect(), error.is_timeout(), error.is_builder());
        let source: Option<Box<dyn StdError + Send + Sync>> = Some(Box::new(error.without_url()));
        let failure = |error: Error<E>, transient: bool, maybe_processed: bool| Failure {
            error: with_retry_info(error, transient, None),
            transient,
            maybe_processed,
            server_says_retry: false,
            server_delay: None,
        };
        if !reading_body && is_connect {
            let message = format!("could not connect to {host}: {cause}");
            return failure(Error::connect(op, message, source), true, false);
        }
        if is_timeout {
            // A timeout set on a custom `reqwest::Client`.
            let elapsed = Duration::from_millis(attempt_started.elapsed().as_millis() as u64);
            return failure(Error::timeout(op, elapsed), true, true);
        }
        if is_builder {
            return failure(Error::request(op, cause, source), false, false);
        }
        let message = if reading_body {
            format!("the connection to {host} failed while reading the response: {cause}")
        } else {
            format!("the connection to {host} failed: {cause}")
        };
        failure(Error::connect(op, message, source), true, true)
    }

    fn response(
        &self,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    ) -> Result<Raw<T>, Failure<E>> {
        let op = self.op.name;
        let id_header = self.inner.service.request_id_header;
        let head = ResponseHead { status, headers };
        let documented = status.is_redirection() && self.redirections.iter().any(|r| r.contains(&status.as_u16()));
        if status.is_success() || documented {
            match (self.decode)(&head, body.clone()) {
                Ok(value) => return Ok(Raw { value, head, body }),
                Err(DecodeError::Invalid(source)) => {
                    let error = Error::decode(op, status, head.headers, body, source, id_header);
                    return Err(Failure {
                        error,
                        transient: false,
                        maybe_processed: true,
                        server_says_retry: false,
                        server_delay: None,
                    });
                }
                // Handled like an error response below.
                Err(DecodeError::ApiFailure) => {}
            }
        }

        let details = (self.errors.parse)(&head, &body);
        let details_retryable = details.as_ref().is_some_and(self.errors.retryable);
        let status_retryable = !status.is_success() && is_transient_status(status);
        let header_says = should_retry_header(&head.headers);
        let transient = header_says.unwrap_or(status_retryable || details_retryable);
        let delay = server_delay(&head.headers, SystemTime::now());
        tracing::debug!(
            status = status.as_u16(),
            transient,
            retry_after_ms = delay.map(|d| d.as_millis() as u64),
            "error response"
        );
        let error = Error::response(op, status, head.headers, body, details, id_header);
        Err(Failure {
            error: with_retry_info(error, transient, delay),
            transient,
            maybe_processed: true,
            server_says_retry: header_says == Some(true),
            server_delay: delay,
        })
    }
}

fn method_expects_body(method: &reqwest::Method) -> bool {
    matches!(
        *method,
        reqwest::Method::POST | reqwest::Method::PUT | reqwest::Method::PATCH
    )
}

fn with_retry_info<E>(
    mut error: Error<E>,
    retryable: bool,
    retry_after: Option<Duration>,
) -> Error<E> {
    error.set_retry_info(retryable, retry_after);
    error
}

/// `host:port` of a URL, for messages (never the path or query).
pub(crate) fn host_and_port(url: &Url) -> String {
    match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => "the server".to_owned(),
    }
}

/// The innermost cause of an error chain (e.g. `Connection refused (os error 111)`), which is
/// what a person can act on; never includes the URL.
pub(crate) fn root_cause(error: &reqwest::Error) -> String {
    let mut last: Option<&(dyn StdError + 'static)> = None;
    let mut current = error.source();
    while let Some(e) = current {
        last = Some(e);
        current = e.source();
    }
    match last {
        Some(e) => e.to_string(),
        None => {
            let text = error.to_string();
            match error.url() {
                Some(url) => text.replace(&format!(" ({url})"), ""),
                None => text,
            }
        }
    }
}

/// Shows an error's kind and message in log events without needing `E: Display`.
struct DisplayKind<'a, E>(&'a Error<E>);

impl<E> std::fmt::Display for DisplayKind<'_, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let e = self.0;
        match e.status() {
            Some(status) => write!(f, "{:?} ({})", e.kind(), status.as_u16())?,
            None => write!(f, "{:?}", e.kind())?,
        }
        if let Some(after) = e.retry_after() {
            write!(f, ", server asked to wait {}", format_duration(after))?;
        }
        Ok(())
    }
}
