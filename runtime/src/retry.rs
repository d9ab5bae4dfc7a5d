//! Retry timing: exponential backoff with jitter, and the delays servers ask for.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// How long to wait between attempts.
///
/// Without a server-requested delay, retry `n` (counting from 0) waits
/// `min(initial_backoff * 2^n, max_backoff)`, reduced by a random fraction of up to `jitter`.
/// A delay the server asks for (`retry-after-ms`, `x-amz-retry-after`, `Retry-After` in seconds
/// or as an HTTP date) is used instead, capped at `max_server_delay`.
///
/// The number of retries is set separately, with
/// [`ClientBuilder::retries`](crate::ClientBuilder::retries) and
/// [`Call::retries`](crate::Call::retries).
///
/// ```
/// use std::time::Duration;
/// let fast = api_runtime::RetryPolicy::default()
///     .initial_backoff(Duration::from_millis(10))
///     .max_backoff(Duration::from_millis(100))
///     .max_server_delay(Duration::from_secs(5));
/// assert_ne!(fast, api_runtime::RetryPolicy::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    initial_backoff: Duration,
    max_backoff: Duration,
    jitter: f64,
    max_server_delay: Duration,
}

impl Default for RetryPolicy {
    /// 0.5 s initial backoff, 8 s maximum backoff, 25 % jitter, server delays capped at 60 s.
    fn default() -> Self {
        RetryPolicy {
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            jitter: 0.25,
            max_server_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The delay before the first retry, doubled for each further one (default 0.5 s).
    pub fn initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// The longest computed backoff (default 8 s).
    pub fn max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// The largest fraction (0.0 to 1.0) by which a computed backoff is randomly shortened, so
    /// that many clients do not retry in lockstep (default 0.25). Server-requested delays are
    /// not shortened.
    pub fn jitter(mut self, fraction: f64) -> Self {
        self.jitter = if fraction.is_nan() {
            0.0
        } else {
            fraction.clamp(0.0, 1.0)
        };
        self
    }

    /// The longest server-requested delay that is honoured; longer ones are cut to this
    /// (default 60 s).
    pub fn max_server_delay(mut self, d: Duration) -> Self {
        self.max_server_delay = d;
        self
    }

    /// The backoff before retry `retry` (0 for the first retry) without jitter.
    fn base_backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.min(31));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }

    /// The delay before retry `retry` (0 for the first retry): the server's delay if it sent
    /// one (capped), else the jittered exponential backoff.
    pub(crate) fn delay(&self, retry: u32, server_delay: Option<Duration>) -> Duration {
        match server_delay {
            Some(d) => d.min(self.max_server_delay),
            None => {
                let base = self.base_backoff(retry);
                base.mul_f64(1.0 - self.jitter * fastrand::f64())
            }
        }
    }
}

/// Whether a status is worth retrying: 408, 429 and every 5xx.
pub(crate) fn is_transient_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500..=599)
}

/// The server's explicit retry decision from `x-should-retry: true|false`, if any.
pub(crate) fn should_retry_header(headers: &HeaderMap) -> Option<bool> {
    let value = headers.get("x-should-retry")?.to_str().ok()?.trim();
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// The delay a response asks for before retrying: `retry-after-ms` (milliseconds),
/// `x-amz-retry-after` (milliseconds), or `Retry-After` (seconds or an HTTP date).
pub(crate) fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = header("retry-after-ms").and_then(parse_non_negative) {
        return Some(Duration::from_secs_f64(ms / 1000.0));
    }
    if let Some(ms) = header("x-amz-retry-after").and_then(parse_non_negative) {
        return Some(Duration::from_secs_f64(ms / 1000.0));
    }
    let retry_after = header("retry-after")?;
    if let Some(secs) = parse_non_negative(retry_after) {
        return Some(Duration::from_secs_f64(secs));
    }
    let at = httpdate::parse_http_date(retry_after).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Parses a finite, non-negative number below ~31 years (larger values are treated as absent).
fn parse_non_negative(s: &str) -> Option<f64> {
    let v: f64 = s.parse().ok()?;
    (0.0..1e12).contains(&v).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        h
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy::default().jitter(0.0);
        assert_eq!(p.delay(0, None), Duration::from_millis(500));
        assert_eq!(p.delay(1, None), Duration::from_secs(1));
        assert_eq!(p.delay(2, None), Duration::from_secs(2));
        assert_eq!(p.delay(4, None), Duration::from_secs(8));
        assert_eq!(p.delay(40, None), Duration::from_secs(8));
    }

    #[test]
    fn jitter_shortens_within_bounds() {
        let p = RetryPolicy::default();
        for _ in 0..100 {
            let d = p.delay(1, None);
            assert!(
                d <= Duration::from_secs(1) && d >= Duration::from_millis(750),
                "{d:?}"
            );
        }
    }

    #[test]
    fn server_delay_is_capped() {
        let p = RetryPolicy::default().max_server_delay(Duration::from_secs(5));
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(100))),
            Duration::from_secs(5)
        );
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn parses_server_delays() {
        let now = SystemTime::now();
        assert_eq!(
            server_delay(&headers(&[("retry-after", "3")]), now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            server_delay(&headers(&[("retry-after-ms", "250")]), now),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            server_delay(&headers(&[("x-amz-retry-after", "1500")]), now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            server_delay(
                &headers(&[("retry-after", "9"), ("retry-after-ms", "100")]),
                now
            ),
            Some(Duration::from_millis(100))
        );
        let later = now + Duration::from_secs(30);
        let date = httpdate::fmt_http_date(later);
        let d = server_delay(&headers(&[("retry-after", &date)]), now).unwrap();
        assert!(
            d <= Duration::from_secs(30) && d >= Duration::from_secs(28),
            "{d:?}"
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(
            server_delay(&headers(&[("retry-after", &past)]), now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            server_delay(&headers(&[("retry-after", "soon")]), now),
            None
        );
        assert_eq!(server_delay(&headers(&[("retry-after", "-1")]), now), None);
        assert_eq!(server_delay(&HeaderMap::new(), now), None);
    }

    #[test]
    fn should_retry_header_values() {
        assert_eq!(
            should_retry_header(&headers(&[("x-should-retry", "true")])),
            Some(true)
        );
        assert_eq!(
            should_retry_header(&headers(&[("x-should-retry", "False")])),
            Some(false)
        );
        assert_eq!(
            should_retry_header(&headers(&[("x-should-retry", "maybe")])),
            None
        );
        assert_eq!(should_retry_header(&HeaderMap::new()), None);
    }

    #[test]
    fn transient_statuses() {
        for code in [408, 429, 500, 502, 503, 504] {
            assert!(is_transient_status(StatusCode::from_u16(code).unwrap()));
        }
        for code in [200, 400, 401, 403, 404, 409, 422] {
            assert!(!is_transient_status(StatusCode::from_u16(code).unwrap()));
        }
    }
}
