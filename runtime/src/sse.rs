//! Server-sent events: a `text/event-stream` response read as a [`Stream`] of typed events.
//!
//! [`Core::stream`](crate::Core::stream) starts a call whose 2xx response body is not read
//! whole: the call is sent like any other (retries, per-attempt timeout, a non-2xx status
//! becomes the usual [`Error`]), and once the response head has arrived it yields an
//! [`EventStream`]. The per-attempt timeout covers getting the head only, not the stream's life.
//!
//! Parsing (`event:`, `id:`, `retry:`, comments, multi-line `data:`) is done by the
//! `eventsource-stream` crate; this module decodes each event's `data` with an [`ItemDecoder`].

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use eventsource_stream::{EventStreamError, Eventsource};
use futures_core::Stream;
use serde::de::DeserializeOwned;

use crate::decode::{DecodeError, ResponseHead};
use crate::error::Error;

/// Turns one event's `data` (its `data:` lines joined by `\n`) into an item.
pub type ItemDecoder<T> = fn(&str) -> Result<T, DecodeError>;

/// Decodes an event's data as JSON.
pub fn json<T: DeserializeOwned>(data: &str) -> Result<T, DecodeError> {
    Ok(serde_json::from_str(data)?)
}

/// Takes an event's data as it is.
pub fn text(data: &str) -> Result<String, DecodeError> {
    Ok(data.to_owned())
}

/// One server-sent event with its decoded data.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The event type (`event:`); `"message"` when the server sent none.
    pub event: String,
    /// The last event ID the server set (`id:`); as in the EventSource specification it carries
    /// over to later events until the server sets another.
    pub id: Option<String>,
    /// The reconnection time the server asked for with this event (`retry:`).
    pub retry: Option<Duration>,
    /// The event's data, decoded.
    pub data: T,
}

type Raw = Pin<Box<dyn Stream<Item = Result<eventsource_stream::Event, EventStreamError<reqwest::Error>>> + Send>>;

/// The events of a `text/event-stream` response: a [`Stream`] of
/// `Result<Event<T>, Error<E>>`, and `Unpin`, so `futures::StreamExt::next` works on it directly.
///
/// - An event whose data is `[DONE]` ends the stream (the sentinel of OpenAI-style APIs); so
///   does the end of the body.
/// - An event whose data does not decode is an `Err` item of kind
///   [`Decode`](crate::ErrorKind::Decode) (its [`body`](Error::body) is the data); the stream
///   goes on with the next event.
/// - A connection that fails mid-body, or a body that is not UTF-8 or not an event stream, is
///   an `Err` item of kind [`Connect`](crate::ErrorKind::Connect) or
///   [`Decode`](crate::ErrorKind::Decode), and the stream ends after it.
///
/// The stream has no time limit of its own (the call's timeout covers the response head only).
/// Dropping it drops the response, which closes the connection.
pub struct EventStream<T, E> {
    events: Option<Raw>,
    head: ResponseHead,
    host: String,
    decode: ItemDecoder<T>,
    operation: &'static str,
    request_id_header: Option<&'static str>,
    _types: PhantomData<fn() -> (T, E)>,
}

impl<T, E> EventStream<T, E> {
    pub(crate) fn new(
        response: reqwest::Response,
        decode: ItemDecoder<T>,
        operation: &'static str,
        request_id_header: Option<&'static str>,
    ) -> Self {
        let head = ResponseHead {
            status: response.status(),
            headers: response.headers().clone(),
        };
        let host = crate::execute::host_and_port(response.url());
        EventStream {
            events: Some(Box::pin(response.bytes_stream().eventsource())),
            head,
            host,
            decode,
            operation,
            request_id_header,
            _types: PhantomData,
        }
    }

    /// The status and headers of the response.
    pub fn head(&self) -> &ResponseHead {
        &self.head
    }

    /// Ends the stream now, closing the connection; later polls return `None`.
    pub fn close(&mut self) {
        self.events = None;
    }

    fn decode_error(&self, body: Bytes, source: Box<dyn std::error::Error + Send + Sync>) -> Error<E> {
        let head = self.head.clone();
        Error::decode(self.operation, head.status, head.headers, body, source, self.request_id_header)
    }

    /// Turns one parsed item into this stream's item; `None` ends the stream.
    fn item(
        &mut self,
        raw: Result<eventsource_stream::Event, EventStreamError<reqwest::Error>>,
    ) -> Option<Result<Event<T>, Error<E>>> {
        let event = match raw {
            Ok(event) => event,
            Err(EventStreamError::Transport(error)) => {
                self.close();
                let cause = crate::execute::root_cause(&error);
                let message = format!("the connection to {} failed while reading the event stream: {cause}", self.host);
                let source: Box<dyn std::error::Error + Send + Sync> = Box::new(error.without_url());
                return Some(Err(Error::connect(self.operation, message, Some(source))));
            }
            Err(EventStreamError::Utf8(error)) => {
                self.close();
                return Some(Err(self.decode_error(Bytes::new(), Box::new(error))));
            }
            Err(EventStreamError::Parser(error)) => {
                self.close();
                let message = format!("the response is not a valid event stream: {error:?}");
                return Some(Err(self.decode_error(Bytes::new(), message.into())));
            }
        };
        if event.data.trim() == "[DONE]" {
            self.close();
            return None;
        }
        Some(match (self.decode)(&event.data) {
            Ok(data) => Ok(Event {
                event: event.event,
                id: Some(event.id).filter(|id| !id.is_empty()),
                retry: event.retry,
                data,
            }),
            Err(DecodeError::Invalid(source)) => Err(self.decode_error(Bytes::from(event.data), source)),
            Err(DecodeError::ApiFailure) => Err(self.decode_error(Bytes::from(event.data), "the event reports a failure".into())),
        })
    }
}

impl<T, E> Stream for EventStream<T, E> {
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let Some(events) = this.events.as_mut() else {
            return Poll::Ready(None);
        };
        match events.as_mut().poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(None) => {
                this.close();
                Poll::Ready(None)
            }
            Poll::Ready(Some(raw)) => Poll::Ready(this.item(raw)),
        }
    }
}

impl<T, E> fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("operation", &self.operation)
            .field("status", &self.head.status)
            .field("open", &self.events.is_some())
            .finish_non_exhaustive()
    }
}
