//! [`Pages`] and [`Items`]: streams that send a call once per page.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use reqwest::Url;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use super::next::{item_count, next, Next};
use super::Pagination;
use crate::call::Call;
use crate::decode::{DecodeError, ResponseHead};
use crate::encode::{append_query, join_url};
use crate::error::Error;
use crate::execute::{execute_raw, Raw};

type PageFuture<P, E> = Pin<Box<dyn Future<Output = Result<Raw<P>, Error<E>>> + Send>>;

/// Where the next request goes.
enum Position {
    /// The call as it was built.
    First,
    /// The call with the pattern's query parameter set to this value.
    Query(String),
    /// This URL (a `Link` header's).
    Url(Url),
}

/// A received page: the decoded value, the response head, the raw body and the body as JSON.
struct Fetched<P> {
    value: P,
    head: ResponseHead,
    body: Bytes,
    json: Value,
}

/// Sends a call once per page and works out the next page from each response.
struct Pager<P, E> {
    template: Call<P, E>,
    pattern: &'static Pagination,
    upcoming: Option<Position>,
    in_flight: Option<PageFuture<P, E>>,
    /// The query and URL of the request in flight.
    sent: (Vec<(String, String)>, Option<Url>),
    seen: HashSet<String>,
    fetched: usize,
    /// Items received so far.
    received: u64,
    /// Why the page after the last one cannot be requested: yielded after that page.
    failed: Option<Error<E>>,
    max_pages: Option<usize>,
}

impl<P: Send + 'static, E: Send + 'static> Pager<P, E> {
    fn new(call: Call<P, E>, pattern: &'static Pagination) -> Self {
        let mut seen = HashSet::new();
        if let Some((_, value)) = pattern.param().and_then(|param| call.query.iter().rev().find(|(n, _)| n == param)) {
            seen.insert(value.clone());
        }
        Pager {
            template: call,
            pattern,
            upcoming: Some(Position::First),
            in_flight: None,
            sent: (Vec::new(), None),
            seen,
            fetched: 0,
            received: 0,
            failed: None,
            max_pages: None,
        }
    }

    fn op(&self) -> &'static str {
        self.template.op.name
    }

    /// Starts the request for `position`.
    fn start(&mut self, position: Position) -> Result<(), Error<E>> {
        let Some(mut call) = self.template.try_clone() else {
            return Err(Error::request(self.op(), "a call with a multipart body cannot be paginated", None));
        };
        match (position, self.pattern.param()) {
            (Position::First, _) => {}
            (Position::Query(value), Some(param)) => {
                call.query.retain(|(name, _)| name != param);
                call.query.push((param.to_owned(), value));
            }
            (Position::Query(_), None) => return Err(Error::request(self.op(), "no query parameter for the next page", None)),
            (Position::Url(url), _) => call.url = Some(url),
        }
        let url = call.url.clone().or_else(|| {
            let mut url = join_url(&call.core.inner.base_url, &call.path).ok()?;
            append_query(&mut url, &call.query);
            Some(url)
        });
        self.sent = (call.query.clone(), url);
        self.in_flight = Some(Box::pin(execute_raw(call)));
        Ok(())
    }

    /// Where the page after `raw` is, or `None` when the pages end after it.
    fn after(&mut self, raw: &Raw<P>, json: &Value) -> Result<Option<Position>, Error<E>> {
        let count = item_count(self.pattern, json);
        self.received += count as u64;
        if count == 0 || self.max_pages.is_some_and(|max| self.fetched >= max) {
            return Ok(None);
        }
        let position = match next(self.pattern, &self.sent.0, &raw.head.headers, json, self.received) {
            Next::End => return Ok(None),
            Next::Query(value) => {
                if !self.seen.insert(value.clone()) {
                    tracing::warn!(operation = self.op(), "the server repeated a page position; the pages end here");
                    return Ok(None);
                }
                Position::Query(value)
            }
            Next::Link(link) => {
                let base = Url::parse(&self.template.core.inner.base_url).ok();
                let url = self.sent.1.as_ref().or(base.as_ref()).and_then(|current| current.join(&link).ok());
                let Some(url) = url else {
                    return Err(Error::request(self.op(), format!("the next page's link {link:?} is not a URL"), None));
                };
                if base.is_some_and(|base| base.origin() != url.origin()) {
                    let host = url.host_str().unwrap_or("another host").to_owned();
                    return Err(Error::request(self.op(), format!("the next page's link points to {host}, not the client's host"), None));
                }
                if !self.seen.insert(url.to_string()) {
                    tracing::warn!(operation = self.op(), "the server repeated a page link; the pages end here");
                    return Ok(None);
                }
                Position::Url(url)
            }
        };
        Ok(Some(position))
    }

    /// The page's body as JSON, which the next page's position and the items are read from. An
    /// empty body is `null` (a page without items); a body that is not JSON is a decode error
    /// of the operation, not a silent end of the pages.
    fn page_json(&self, raw: &Raw<P>) -> Result<Value, Error<E>> {
        if raw.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&raw.body).map_err(|source| {
            let id_header = self.template.core.inner.service.request_id_header;
            let source = DecodeError::invalid(format!("the page is not JSON, so the next page cannot be found: {source}"));
            Error::decode(self.op(), raw.head.status, raw.head.headers.clone(), raw.body.clone(), Box::new(source), id_header)
        })
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Fetched<P>, Error<E>>>> {
        if let Some(e) = self.failed.take() {
            return Poll::Ready(Some(Err(e)));
        }
        if self.in_flight.is_none() {
            let Some(position) = self.upcoming.take() else { return Poll::Ready(None) };
            if self.max_pages.is_some_and(|max| self.fetched >= max) {
                return Poll::Ready(None);
            }
            if let Err(e) = self.start(position) {
                return Poll::Ready(Some(Err(e)));
            }
        }
        let Some(future) = self.in_flight.as_mut() else { return Poll::Ready(None) };
        let result = match future.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        self.in_flight = None;
        let raw = match result {
            Ok(raw) => raw,
            Err(e) => return Poll::Ready(Some(Err(e))),
        };
        self.fetched += 1;
        let json = match self.page_json(&raw) {
            Ok(json) => json,
            Err(e) => {
                // The page itself decoded; where the next one is cannot be read from it.
                self.upcoming = None;
                self.failed = Some(e);
                Value::Null
            }
        };
        if self.failed.is_none() {
            match self.after(&raw, &json) {
                Ok(position) => self.upcoming = position,
                Err(e) => self.failed = Some(e),
            }
        }
        let Raw { value, head, body } = raw;
        Poll::Ready(Some(Ok(Fetched { value, head, body, json })))
    }
}

/// A [`Stream`] of the pages of a list call, each `Ok(page)` or one `Err` that ends it.
///
/// Each page is the call sent again with the next page's position (a query parameter or a
/// `Link` URL) and every per-request option of the call (headers, query, timeout, retries).
/// The pages end when there is no next page, after a page without items, when the server
/// repeats a cursor, page or link, or after [`max_pages`](Pages::max_pages): the stream never
/// loops. A page whose body is not JSON (so the next one cannot be found) is followed by a
/// [`Decode`](crate::ErrorKind::Decode) error. Made by a generated request's `.pages()`; read it with
/// [`StreamExt`](crate::StreamExt) or [`TryStreamExt`](crate::TryStreamExt).
#[must_use = "streams do nothing unless polled"]
pub struct Pages<P, E> {
    pager: Pager<P, E>,
}

impl<P: Send + 'static, E: Send + 'static> Pages<P, E> {
    /// Ends the pages after `n` of them.
    pub fn max_pages(mut self, n: usize) -> Self {
        self.pager.max_pages = Some(n);
        self
    }
}

impl<P: Send + 'static, E: Send + 'static> Stream for Pages<P, E> {
    type Item = Result<P, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let pager = &mut self.get_mut().pager;
        pager.poll_page(cx).map(|page| {
            let page = page?;
            if page.is_err() {
                pager.upcoming = None;
            }
            Some(page.map(|fetched| fetched.value))
        })
    }
}

impl<P, E> fmt::Debug for Pages<P, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("call", &self.pager.template)
            .field("pattern", self.pager.pattern)
            .field("fetched", &self.pager.fetched)
            .finish()
    }
}

/// The raw pages an [`Items`] reads, whatever the page type.
trait RawPages<E>: Send {
    fn poll_raw(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Fetched<()>, Error<E>>>>;
    fn set_max_pages(&mut self, n: usize);
    fn end(&mut self);
    fn decode_error(&self, head: ResponseHead, body: Bytes, source: serde_json::Error) -> Error<E>;
    fn pattern(&self) -> &'static Pagination;
}

impl<P: Send + 'static, E: Send + 'static> RawPages<E> for Pager<P, E> {
    fn poll_raw(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Fetched<()>, Error<E>>>> {
        self.poll_page(cx).map(|page| {
            page.map(|page| {
                page.map(|Fetched { head, body, json, .. }| Fetched { value: (), head, body, json })
            })
        })
    }

    fn set_max_pages(&mut self, n: usize) {
        self.max_pages = Some(n);
    }

    fn end(&mut self) {
        self.upcoming = None;
    }

    fn decode_error(&self, head: ResponseHead, body: Bytes, source: serde_json::Error) -> Error<E> {
        let id_header = self.template.core.inner.service.request_id_header;
        Error::decode(self.op(), head.status, head.headers, body, Box::new(source), id_header)
    }

    fn pattern(&self) -> &'static Pagination {
        self.pattern
    }
}

/// A [`Stream`] of the items of every page of a list call, in order, each `Ok(item)` or one
/// `Err` that ends it. The pages end as for [`Pages`]. Made by a generated request's
/// `.items()`.
#[must_use = "streams do nothing unless polled"]
pub struct Items<I, E> {
    pages: Box<dyn RawPages<E>>,
    buffer: VecDeque<I>,
}

impl<I, E> Items<I, E> {
    /// Ends the items after those of `n` pages.
    pub fn max_pages(mut self, n: usize) -> Self {
        self.pages.set_max_pages(n);
        self
    }
}

impl<I: DeserializeOwned + Unpin, E> Stream for Items<I, E> {
    type Item = Result<I, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            let page = match this.pages.poll_raw(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => {
                    this.pages.end();
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(Some(Ok(page))) => page,
            };
            let at = page.json.pointer(this.pages.pattern().items()).unwrap_or(&Value::Null);
            match Option::<Vec<I>>::deserialize(at) {
                Ok(items) => this.buffer.extend(items.unwrap_or_default()),
                Err(e) => {
                    this.pages.end();
                    return Poll::Ready(Some(Err(this.pages.decode_error(page.head, page.body, e))));
                }
            }
        }
    }
}

impl<I, E> fmt::Debug for Items<I, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").field("pattern", self.pages.pattern()).field("buffered", &self.buffer.len()).finish()
    }
}

impl<P: Send + 'static, E: Send + 'static> Call<P, E> {
    /// Every page of this call, found as `pattern` says (see [`Pages`]).
    pub fn pages(self, pattern: &'static Pagination) -> Pages<P, E> {
        Pages { pager: Pager::new(self, pattern) }
    }

    /// Every item of every page of this call: the array at `pattern`'s items pointer in each
    /// response body, as `I` (see [`Items`]).
    pub fn items<I>(self, pattern: &'static Pagination) -> Items<I, E> {
        Items { pages: Box::new(Pager::new(self, pattern)), buffer: VecDeque::new() }
    }
}
