//! Documented 3xx responses: an operation's result, not a redirect to follow.
//!
//! `reqwest` chooses whether to follow a redirect with one policy per client, and its policy
//! sees only the status and the URLs. The runtime's client gets [`policy`], which follows
//! redirects as `reqwest`'s default does (up to 10) unless the call being sent documents that
//! status: each attempt of such a call runs inside a task-local scope ([`keeping`]) that names
//! its statuses, and the policy, which `reqwest` asks while that attempt's future is polled,
//! stops there. The 3xx response then reaches the call's decoder, which returns it as a
//! [`Redirection`].

use std::future::Future;
use std::ops::RangeInclusive;

use bytes::Bytes;
use reqwest::header::{HeaderMap, LOCATION};
use reqwest::StatusCode;

use crate::decode::{DecodeError, Decoder, ResponseHead};

tokio::task_local! {
    /// The 3xx statuses the call whose attempt is being sent documents.
    static KEPT: &'static [RangeInclusive<u16>];
}

/// The redirect policy of the client the runtime builds: `reqwest`'s default (follow up to 10
/// redirects), except that a 3xx status the call documents is not followed.
///
/// Give it to a `reqwest::Client` of your own (`reqwest::ClientBuilder::redirect`) before
/// passing that client to [`ClientBuilder::http_client`](crate::ClientBuilder::http_client), so
/// that operations documenting a 3xx response receive it.
pub fn policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let status = attempt.status().as_u16();
        let kept = KEPT.try_with(|kept| kept.iter().any(|range| range.contains(&status))).unwrap_or(false);
        if kept {
            attempt.stop()
        } else {
            reqwest::redirect::Policy::default().redirect(attempt)
        }
    })
}

/// Runs `attempt` (one send of a call) with `statuses` kept: [`policy`] does not follow them.
pub(crate) async fn keeping<F: Future>(statuses: &'static [RangeInclusive<u16>], attempt: F) -> F::Output {
    if statuses.is_empty() {
        attempt.await
    } else {
        KEPT.scope(statuses, attempt).await
    }
}

/// A documented 3xx response: what a call returns for it (`302 Found`, `304 Not Modified`...),
/// with its `Location` and its body.
#[derive(Clone, Debug, PartialEq)]
pub struct Redirection<T> {
    /// The status.
    pub status: StatusCode,
    /// The `Location` header as sent (it may be a relative URL), when there is one.
    pub location: Option<String>,
    /// Every header of the response.
    pub headers: HeaderMap,
    /// The body, decoded as the spec documents it (`()` when it documents none).
    pub body: T,
}

/// Decodes a documented 3xx response: its body with `body`, beside its status and `Location`.
/// Generated decoders call it from a closure: `|head, body| decode::redirection(head, body, decode::json)`.
pub fn redirection<T>(head: &ResponseHead, body: Bytes, decode: Decoder<T>) -> Result<Redirection<T>, DecodeError> {
    let location = match head.headers.get(LOCATION).map(|v| v.to_str()) {
        Some(Ok(text)) => Some(text.to_owned()),
        Some(Err(_)) => return Err(DecodeError::invalid("the Location header is not visible ASCII")),
        None => None,
    };
    Ok(Redirection { status: head.status, location, headers: head.headers.clone(), body: decode(head, body)? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn a_redirection_carries_its_location_and_body() {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, HeaderValue::from_static("/files/1"));
        let head = ResponseHead { status: StatusCode::FOUND, headers };
        let got = redirection(&head, Bytes::from_static(br#"{"url":"/files/1"}"#), crate::decode::json::<serde_json::Value>).unwrap();
        assert_eq!((got.status, got.location.as_deref()), (StatusCode::FOUND, Some("/files/1")));
        assert_eq!(got.body["url"], "/files/1");
        let none = redirection(&ResponseHead { status: StatusCode::NOT_MODIFIED, headers: HeaderMap::new() }, Bytes::new(), crate::decode::empty).unwrap();
        assert_eq!((none.location, none.body), (None, ()));
    }
}
