//! [`Call`]: one request being prepared, with its per-request options.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

use crate::core::Core;
use crate::decode::Decoder;
use crate::error::Error;
use crate::error_spec::ErrorSpec;
use crate::operation::Operation;
use crate::trace::{is_sensitive_header, RedactedHeaders};

/// The future of a sent [`Call`]: boxed and `Send`, so it can be spawned.
pub type CallFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, Error<E>>> + Send + 'static>>;

/// One call of an operation, ready to be sent with `.await` (it is [`IntoFuture`]) or
/// [`send`](Call::send), after optional per-request settings.
///
/// Problems found while preparing the call (an invalid header, a body that does not
/// serialize) are reported when it is sent, as an [`ErrorKind::Request`](crate::ErrorKind)
/// error. Its `Debug` shows header names but never credential values, and query parameter
/// names but not their values.
pub struct Call<T, E> {
    pub(crate) core: Core,
    pub(crate) op: &'static Operation,
    pub(crate) path: String,
    pub(crate) decode: Decoder<T>,
    pub(crate) errors: ErrorSpec<E>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Body,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retries: Option<u32>,
    pub(crate) idempotency_key: bool,
    pub(crate) invalid: Option<String>,
    /// Set for a streamed response: turns a 2xx response, once its head has arrived, into the
    /// output, instead of reading the body whole and decoding it.
    pub(crate) open: Option<Opener<T>>,
    /// A whole URL replacing the base URL, path and query (a `Link` header's next page).
    pub(crate) url: Option<reqwest::Url>,
    /// The 3xx statuses the operation documents: its results, not followed.
    pub(crate) redirections: &'static [std::ops::RangeInclusive<u16>],
}

/// Makes a call's output from a 2xx response whose body is still unread.
pub(crate) type Opener<T> = Box<dyn Fn(reqwest::Response) -> T + Send + Sync>;

/// A request body.
pub(crate) enum Body {
    Empty,
    /// A body that is cloned cheaply for every attempt.
    Bytes {
        content_type: HeaderValue,
        bytes: Bytes,
    },
    /// A multipart form: a raw one, or one with a stream, is sent only once, so the call is
    /// never retried.
    Multipart(crate::multipart::FormBody),
}

impl<T, E> Call<T, E> {
    pub(crate) fn new(
        core: Core,
        op: &'static Operation,
        path: String,
        decode: Decoder<T>,
        errors: ErrorSpec<E>,
    ) -> Self {
        Call {
            core,
            op,
            path,
            decode,
            errors,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: Body::Empty,
            timeout: None,
            retries: None,
            idempotency_key: false,
            invalid: None,
            open: None,
            url: None,
            redirections: &[],
        }
    }

    /// A copy of this call to send again (the next page); `None` for a multipart body, which
    /// can be sent only once, and for a streamed response.
    pub(crate) fn try_clone(&self) -> Option<Self> {
        if self.open.is_some() {
            return None;
        }
        let body = match &self.body {
            Body::Empty => Body::Empty,
            Body::Bytes { content_type, bytes } => Body::Bytes {
                content_type: content_type.clone(),
                bytes: bytes.clone(),
            },
            Body::Multipart(_) => return None,
        };
        Some(Call {
            core: self.core.clone(),
            op: self.op,
            path: self.path.clone(),
            decode: self.decode,
            errors: self.errors,
            query: self.query.clone(),
            headers: self.headers.clone(),
            body,
            timeout: self.timeout,
            retries: self.retries,
            idempotency_key: self.idempotency_key,
            invalid: self.invalid.clone(),
            open: None,
            url: self.url.clone(),
            redirections: self.redirections,
        })
    }

    fn fail(&mut self, problem: String) {
        if self.invalid.is_none() {
            self.invalid = Some(problem);
        }
    }

    /// Appends a query parameter `name=value` (percent-encoded when sent). Repeat it for
    /// array parameters: `.query("id", 1).query("id", 2)` sends `?id=1&id=2`.
    pub fn query(mut self, name: &str, value: impl ToString) -> Self {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }

    /// Adds a query parameter once per value, in order (`name=a&name=b`): OpenAPI's `form`
    /// style with `explode`, the default for lists.
    pub fn query_each<V: ToString>(mut self, name: &str, values: impl IntoIterator<Item = V>) -> Self {
        self.query.extend(values.into_iter().map(|v| (name.to_owned(), v.to_string())));
        self
    }

    /// Adds a query parameter of any serializable value (an object, a union, a map, a list of
    /// objects), written as `style` says (see `codegen::QueryStyle`). A value that does not serialize
    /// makes the call fail when sent.
    ///
    pub fn query_styled<V: Serialize + ?Sized>(mut self, name: &str, value: &V, style: crate::query_style::QueryStyle) -> Self {
        match crate::query_style::pairs(name, value, style) {
            Ok(pairs) => self.query.extend(pairs),
            Err(e) => self.fail(format!("query parameter {name:?} does not serialize: {e}")),
        }
        self
    }

    /// Sets a header of any serializable value (an object, a map, a list) for this request,
    /// written in OpenAPI's `simple` style: `k,v,k,v` for an object (`k=v,k=v` with `explode`),
    /// `a,b` for a list. A value that does not serialize makes the call fail when sent.
    pub fn header_styled<V: Serialize + ?Sized>(mut self, name: &str, value: &V, explode: bool) -> Self {
        match crate::query_style::simple(value, explode) {
            Ok(text) => self.header(name, text),
            Err(e) => {
                self.fail(format!("header {name:?} does not serialize: {e}"));
                self
            }
        }
    }

    /// Sets a header for this request, replacing one of the same name (including the client's
    /// default headers).
    pub fn header(mut self, name: &str, value: impl ToString) -> Self {
        let value = value.to_string();
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            (Ok(name), Ok(mut value)) => {
                value.set_sensitive(is_sensitive_header(name.as_str()));
                self.headers.insert(name, value);
            }
            (Err(_), _) => self.fail(format!("invalid header name {name:?}")),
            (_, Err(_)) => self.fail(format!("invalid value for header {name:?}")),
        }
        self
    }

    /// Adds the cookie `name=value` to the request's `Cookie` header, after the cookies added
    /// before it (a cookie parameter, `in: cookie`); an API key sent as a cookie comes last.
    /// Both are percent-encoded where RFC 6265 does not allow a character (`;`, `,`, `"`, `\\`,
    /// `%`, whitespace, controls, anything past ASCII). A `Cookie` set with
    /// [`header`](Self::header) is replaced by a later `header`, and kept by `cookie`.
    ///
    /// ```no_run
    /// # fn f(call: api_runtime::Call<(), String>) {
    /// // Cookie: theme=dark; q=a%20b%3Bc
    /// let call = call.cookie("theme", "dark").cookie("q", "a b;c");
    /// # }
    /// ```
    pub fn cookie(self, name: &str, value: impl ToString) -> Self {
        let pair = crate::cookie::pair(name, &value.to_string());
        self.add_cookie(name, &pair)
    }

    /// Adds the cookie `name` holding a list, as OpenAPI's `form` style writes it: the values
    /// joined by commas, each encoded as [`cookie`](Self::cookie) encodes a value (so a comma
    /// within one is `%2C`): `.cookie_list("ids", [1, 2])` sends `ids=1,2`.
    pub fn cookie_list<V: ToString>(self, name: &str, values: impl IntoIterator<Item = V>) -> Self {
        let pair = crate::cookie::list_pair(name, values.into_iter().map(|v| v.to_string()));
        self.add_cookie(name, &pair)
    }

    fn add_cookie(mut self, name: &str, pair: &str) -> Self {
        if crate::cookie::add(&mut self.headers, pair).is_err() {
            self.fail(format!("invalid cookie {name:?}"));
        }
        self
    }

    /// Sends `body` as JSON (`content-type: application/json`).
    pub fn json_body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Body::Bytes {
                    content_type: HeaderValue::from_static("application/json"),
                    bytes: bytes.into(),
                }
            }
            Err(e) => self.fail(format!("could not serialize the JSON body: {e}")),
        }
        self
    }

    /// Sends `body` as JSON with an idempotency token in its property `token`: when the caller
    /// left it absent, `null` or empty, a fresh UUID (v4) is written there, and a value the
    /// caller gave is sent as it is. The body is written once, so every attempt carries the
    /// same token, and the call is retried as an idempotent one (as with
    /// [`idempotency_key`](Self::idempotency_key)).
    pub fn json_body_with_token<B: Serialize + ?Sized>(mut self, body: &B, token: &str) -> Self {
        let mut value = match serde_json::to_value(body) {
            Ok(value) => value,
            Err(e) => {
                self.fail(format!("could not serialize the JSON body: {e}"));
                return self;
            }
        };
        if let Some(object) = value.as_object_mut() {
            let empty = object.get(token).is_none_or(|v| v.is_null() || v.as_str() == Some(""));
            if empty {
                object.insert(token.to_string(), serde_json::Value::String(uuid::Uuid::new_v4().to_string()));
            }
        }
        self.idempotency_key = true;
        self.json_body(&value)
    }

    /// Sends `body` as a form (`content-type: application/x-www-form-urlencoded`): each of its
    /// properties as OpenAPI's default `style: form, explode: true` writes it (a list is one
    /// `name=value` pair per item). A list of `(name, value)` pairs is sent in its order; any
    /// other body that is not an object fails the call when sent.
    pub fn form_body<B: Serialize + ?Sized>(self, body: &B) -> Self {
        self.form_body_encoded(body, &[])
    }

    /// Sends `body` as a form, writing the properties named in `encoding` (by wire name) as it
    /// says: the request body's `encoding` entries (see `codegen::FormField`); the
    /// others as [`form_body`](Self::form_body) does.
    pub fn form_body_encoded<B: Serialize + ?Sized>(mut self, body: &B, encoding: &[(&str, crate::form::FormField)]) -> Self {
        match crate::form::encode(body, encoding) {
            Ok(text) => {
                self.body = Body::Bytes {
                    content_type: HeaderValue::from_static("application/x-www-form-urlencoded"),
                    bytes: text.into(),
                }
            }
            Err(e) => self.fail(format!("could not serialize the form body: {e}")),
        }
        self
    }

    /// Sends a `multipart/form-data` body. Such a body can be sent only once, so the call is
    /// never retried.
    pub fn multipart_body(mut self, form: reqwest::multipart::Form) -> Self {
        self.body = Body::Multipart(crate::multipart::FormBody::Raw(Some(form)));
        self
    }

    /// Sends a typed `multipart/form-data` body (a generated body struct converts into a
    /// [`Multipart`](crate::Multipart)). The form is rebuilt for every attempt, so the call is
    /// retried like any other, unless it holds a streamed file: then it is sent only once.
    pub fn multipart(mut self, form: impl Into<crate::Multipart>) -> Self {
        let mut form = form.into();
        if let Some(problem) = form.take_invalid() {
            self.fail(problem);
        }
        self.body = Body::Multipart(crate::multipart::FormBody::Parts(form));
        self
    }

    /// Sends `body` as it is, with the given content type.
    pub fn bytes_body(mut self, content_type: &str, body: impl Into<Bytes>) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(content_type) => {
                self.body = Body::Bytes {
                    content_type,
                    bytes: body.into(),
                }
            }
            Err(_) => self.fail(format!("invalid content type {content_type:?}")),
        }
        self
    }

    /// The 3xx statuses the operation documents (`&[302..=302]`; `&[300..=399]` for `3XX`):
    /// such a response is not followed but given to the call's decoder, which returns it (see
    /// [`Redirection`](crate::Redirection)). Other redirects are followed as `reqwest` does,
    /// up to 10. A client given with
    /// [`ClientBuilder::http_client`](crate::ClientBuilder::http_client) follows its own
    /// redirect policy (see [`redirect_policy`](crate::redirect_policy)).
    pub fn redirections(mut self, statuses: &'static [std::ops::RangeInclusive<u16>]) -> Self {
        self.redirections = statuses;
        self
    }

    /// The time limit of each attempt of this call, replacing the client's.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = Some(d);
        self
    }

    /// How many times this call is retried, replacing the client's setting (0: one attempt).
    pub fn retries(mut self, n: u32) -> Self {
        self.retries = Some(n);
        self
    }

    /// Sends an idempotency key in `header`, which makes a non-idempotent call (e.g. POST)
    /// safe to retry: the same key is sent on every attempt.
    pub fn idempotency_key(self, header: &str, key: impl ToString) -> Self {
        let mut call = self.header(header, key);
        call.idempotency_key = true;
        call
    }

    /// The operation this call is for.
    pub fn operation(&self) -> &'static Operation {
        self.op
    }
}

impl<T: Send + 'static, E: Send + 'static> Call<T, E> {
    /// Sends the call; the same as `.await`ing it.
    pub fn send(self) -> CallFuture<T, E> {
        Box::pin(crate::execute::execute(self))
    }
}

impl<T: Send + 'static, E: Send + 'static> IntoFuture for Call<T, E> {
    type Output = Result<T, Error<E>>;
    type IntoFuture = CallFuture<T, E>;

    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

impl<T, E> fmt::Debug for Call<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let query: Vec<&str> = self.query.iter().map(|(name, _)| name.as_str()).collect();
        let body = match &self.body {
            Body::Empty => "none".to_owned(),
            Body::Bytes {
                content_type,
                bytes,
            } => format!(
                "{} bytes of {}",
                bytes.len(),
                String::from_utf8_lossy(content_type.as_bytes())
            ),
            Body::Multipart(crate::multipart::FormBody::Parts(form)) => format!("multipart form of {} parts", form.len()),
            Body::Multipart(crate::multipart::FormBody::Raw(_)) => "multipart form".to_owned(),
        };
        f.debug_struct("Call")
            .field("operation", &self.op.name)
            .field("method", &self.op.method)
            .field("path", &self.path)
            .field("query", &query)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &body)
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("core", &self.core)
            .finish()
    }
}
