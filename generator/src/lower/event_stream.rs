//! Operations whose success response is a `text/event-stream` (server-sent events).
//!
//! When every success response is an event stream, the operation's call gives an
//! `api_runtime::EventStream`. When the stream is one choice among others (JSON when a request
//! says `stream: false`, events when it says `true`), the operation keeps its usual call and
//! gets a streaming variant, `<method>_stream` (or `<method>_events`), beside it.
//!
//! The event type is the operation's `x-rust-stream-item` schema when given, else the
//! event-stream media type's schema, else text; a string item is the event's data as it is.

use super::operation::{code_key, is_success, success_order, Ops};
use crate::diag::escape_segment;
use crate::ir::*;
use crate::names::camel;
use openapiv3::{ReferenceOr, Schema};

/// The operation extension naming the event type.
const STREAM_ITEM: &str = crate::ext::Key::StreamItem.name();

/// An operation's event-stream response.
pub(super) struct Found<'r> {
    /// Pointer of the event-stream media type.
    media_ptr: String,
    schema: Option<&'r ReferenceOr<Schema>>,
    /// Every success response is an event stream, and nothing else.
    only: bool,
}

/// `text/event-stream`, with or without parameters.
fn is_event_stream(ct: &str) -> bool {
    ct.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("text/event-stream")
}

impl<'a> Ops<'_, 'a> {
    /// The operation's event stream, if a success response has one. A `x-rust-stream-item`
    /// on an operation without one is reported and ignored.
    pub(super) fn find_event_stream<'r>(&mut self, op: &'r openapiv3::Operation, ptr: &str) -> Option<Found<'r>>
    where
        'a: 'r,
    {
        let mut codes: Vec<_> = op.responses.responses.iter().filter(|(code, _)| is_success(code)).collect();
        codes.sort_by_key(|(code, _)| success_order(code));
        let mut found: Option<(String, Option<&'r ReferenceOr<Schema>>)> = None;
        let mut only = true;
        for (code, r) in codes {
            // `success` reports a reference that cannot be followed.
            let Some(resp) = self.lookup_response(r) else {
                only = false;
                continue;
            };
            only &= !resp.content.is_empty();
            for (ct, media) in &resp.content {
                if !is_event_stream(ct) {
                    only = false;
                } else if found.is_none() {
                    let media_ptr = format!("{ptr}/responses/{}/content/{}", code_key(code), escape_segment(ct));
                    found = Some((media_ptr, media.schema.as_ref()));
                }
            }
        }
        if found.is_none() && op.extensions.contains_key(STREAM_ITEM) {
            self.types.diags.warn(
                format!("{ptr}/{STREAM_ITEM}"),
                format!("`{STREAM_ITEM}` is ignored: no success response of the operation is `text/event-stream`"),
            );
        }
        found.map(|(media_ptr, schema)| Found { media_ptr, schema, only })
    }

    /// Whether the operation's call is the stream itself (no other success body).
    pub(super) fn only_events(found: &Option<Found<'_>>) -> bool {
        found.as_ref().is_some_and(|f| f.only)
    }

    /// The response of a streaming call: its event type, from `x-rust-stream-item`, the
    /// media type's schema, or text.
    pub(super) fn stream_response(&mut self, op: &openapiv3::Operation, ptr: &str, prefix: &str, found: &Found<'_>) -> Response {
        let hint = format!("{prefix}Event");
        let at = format!("{ptr}/{STREAM_ITEM}");
        let from_ext = match op.extensions.get(STREAM_ITEM) {
            Some(value) => match serde_json::from_value::<ReferenceOr<Schema>>(value.clone()) {
                // Types are registered by the schema's place (`at`), so the schema need not outlive this.
                Ok(schema) => Some(self.types.ty_of(&schema, &hint, &at)),
                Err(e) => {
                    self.types.diags.warn(at, format!("`{STREAM_ITEM}` is not a schema ({e}); the events are typed from the response"));
                    None
                }
            },
            None => None,
        };
        let ty = from_ext
            .or_else(|| found.schema.map(|s| self.types.ty_of(s, &hint, &format!("{}/schema", found.media_ptr))))
            .unwrap_or(Ty::String);
        // Binary data, or nothing to decode, is text like a string.
        let ty = match self.types.resolve_alias(&ty) {
            Ty::Bytes | Ty::Unit => Ty::String,
            _ => ty,
        };
        Response { ty, decode: Decode::EventStream, shape: ResponseShape::Body, redirections: Vec::new() }
    }

    /// `<method>_stream` (`<method>_events` when the method's name ends in `stream`) beside an
    /// operation that has another success body too; it shares the operation's inputs and errors.
    pub(super) fn stream_variant(&mut self, main: &Operation, op: &openapiv3::Operation, ptr: &str, found: &Found<'_>) -> Operation {
        let prefix = camel(&main.call_path.replace('.', "_"));
        let response = self.stream_response(op, ptr, &prefix, found);
        // `create_stream` beside `create`; `watch_stream_events` beside `watch_stream`.
        let suffix = if main.method_name.ends_with("stream") { "events" } else { "stream" };
        let method_name = format!("{}_{suffix}", main.method_name);
        let call_path = main.group.iter().chain(std::iter::once(&method_name)).cloned().collect::<Vec<_>>().join(".");
        let builder_name = main.builder_name.as_ref().map(|_| self.client_names.claim(&format!("{prefix}StreamRequest"), &main.id));
        Operation { method_name, call_path, response, builder_name, stream_variant: true, pagination: None, ..main.clone() }
    }
}
