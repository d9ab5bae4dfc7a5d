//! OAuth2 client credentials (RFC 6749 §4.4): fetching an access token from the flow's token
//! endpoint, caching it until shortly before it expires, and sharing it across clones and
//! concurrent calls (one fetch at a time).

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use percent_encoding::utf8_percent_encode;
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::auth::{basic_credentials, sensitive};
use crate::encode::COMPONENT;
use crate::error::ConfigError;
use crate::execute::{host_and_port, root_cause};

/// The longest a token is given up early, before its `expires_in` runs out.
const EARLY: Duration = Duration::from_secs(30);

/// A failed token fetch.
#[derive(Debug)]
pub(crate) struct TokenError {
    pub(crate) message: String,
    /// Trying again later may succeed (no connection, a timeout, a 5xx or 429 answer).
    pub(crate) transient: bool,
}

/// Fetches and caches the access tokens of one OAuth2 scheme, by scope set.
pub(crate) struct TokenSource {
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    http: reqwest::Client,
    timeout: Duration,
    /// Held while fetching, so concurrent calls wait for one fetch.
    cache: tokio::sync::Mutex<HashMap<String, Cached>>,
    /// The endpoint refused HTTP Basic client authentication and took the credentials in the
    /// form body (`client_secret_post`).
    in_body: AtomicBool,
}

#[derive(Clone)]
struct Cached {
    value: HeaderValue,
    /// When to fetch anew; `None` when the server gave no `expires_in`.
    renew_at: Option<Instant>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct TokenErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

impl TokenSource {
    /// A source for `token_url` (relative URLs resolve against `base_url`).
    pub(crate) fn new(
        token_url: &str,
        base_url: &str,
        client_id: &str,
        client_secret: &SecretString,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<Self, ConfigError> {
        let base = Url::parse(&format!("{base_url}/")).ok();
        let url = Url::parse(token_url)
            .or_else(|e| base.as_ref().ok_or(e).and_then(|b| b.join(token_url.trim_start_matches('/'))))
            .map_err(|e| ConfigError::new(format!("invalid OAuth2 token URL {token_url:?}: {e}")))?;
        Ok(TokenSource {
            token_url: url,
            client_id: client_id.to_owned(),
            client_secret: client_secret.clone(),
            http: http.clone(),
            timeout,
            cache: tokio::sync::Mutex::new(HashMap::new()),
            in_body: AtomicBool::new(false),
        })
    }

    /// The `Authorization` value of a token for `scopes`: the cached one while it is fresh and
    /// not `refused`, else a new one.
    pub(crate) async fn token(
        &self,
        scopes: &[&str],
        refused: Option<&HeaderValue>,
    ) -> Result<HeaderValue, TokenError> {
        let key = scopes.join(" ");
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache.get(&key) {
            let fresh = cached.renew_at.is_none_or(|at| Instant::now() < at);
            if fresh && refused != Some(&cached.value) {
                return Ok(cached.value.clone());
            }
        }
        let cached = self.fetch(&key).await?;
        cache.insert(key, cached.clone());
        Ok(cached.value)
    }

    /// Asks the token endpoint, with HTTP Basic client authentication first and, when the
    /// endpoint refuses it, the credentials in the form body (RFC 6749 §2.3.1).
    async fn fetch(&self, scope: &str) -> Result<Cached, TokenError> {
        let in_body = self.in_body.load(Ordering::Relaxed);
        match self.fetch_with(scope, in_body).await {
            Err((status, error)) if !in_body && matches!(status.as_u16(), 400 | 401) => {
                let cached = self.fetch_with(scope, true).await.map_err(|(_, e)| e)?;
                self.in_body.store(true, Ordering::Relaxed);
                tracing::debug!("the token endpoint took the client credentials in the body after: {}", error.message);
                Ok(cached)
            }
            other => other.map_err(|(_, e)| e),
        }
    }

    async fn fetch_with(&self, scope: &str, in_body: bool) -> Result<Cached, (StatusCode, TokenError)> {
        let mut form: Vec<(&str, &str)> = vec![("grant_type", "client_credentials")];
        if !scope.is_empty() {
            form.push(("scope", scope));
        }
        let mut request = self.http.post(self.token_url.clone()).header(ACCEPT, "application/json");
        if in_body {
            form.push(("client_id", &self.client_id));
            form.push(("client_secret", self.client_secret.expose_secret()));
        } else {
            let user = utf8_percent_encode(&self.client_id, COMPONENT);
            let password = utf8_percent_encode(self.client_secret.expose_secret(), COMPONENT);
            let value = sensitive(&basic_credentials(&user.to_string(), &password.to_string())).map_err(|_| {
                (StatusCode::BAD_REQUEST, TokenError { message: "the client id holds characters not allowed in a header".into(), transient: false })
            })?;
            request = request.header(AUTHORIZATION, value);
        }
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&form).finish();
        let request = request.header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(body);
        let host = host_and_port(&self.token_url);
        let exchange = async {
            let response = request.send().await?;
            let status = response.status();
            Ok::<_, reqwest::Error>((status, response.bytes().await?))
        };
        let (status, body) = match tokio::time::timeout(self.timeout, exchange).await {
            Err(_) => return Err((StatusCode::REQUEST_TIMEOUT, transient(format!("the token endpoint {host} did not answer in time")))),
            Ok(Err(e)) => return Err((StatusCode::BAD_GATEWAY, transient(format!("could not reach the token endpoint {host}: {}", root_cause(&e))))),
            Ok(Ok(answer)) => answer,
        };
        if !status.is_success() {
            let reason = serde_json::from_slice::<TokenErrorBody>(&body)
                .map(|b| match b.error_description {
                    Some(d) => format!("{}: {d}", b.error),
                    None => b.error,
                })
                .unwrap_or_else(|_| String::from_utf8_lossy(&body).chars().take(200).collect());
            let error = TokenError {
                message: format!("the token endpoint {host} answered {status}: {reason}"),
                transient: status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS,
            };
            return Err((status, error));
        }
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|e| {
            (status, TokenError { message: format!("the token endpoint {host} sent no access token: {e}"), transient: false })
        })?;
        let value = sensitive(&format!("Bearer {}", parsed.access_token)).map_err(|_| {
            (status, TokenError { message: "the fetched access token holds characters not allowed in a header".into(), transient: false })
        })?;
        Ok(Cached { value, renew_at: renew_at(parsed.expires_in.as_ref(), Instant::now()) })
    }
}

fn transient(message: String) -> TokenError {
    TokenError { message, transient: true }
}

/// When a token that lives `expires_in` seconds (a number, or a string of one) is renewed:
/// shortly before it expires, by a quarter of its life at most.
fn renew_at(expires_in: Option<&serde_json::Value>, now: Instant) -> Option<Instant> {
    let seconds = match expires_in? {
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    let life = Duration::from_secs_f64(seconds.clamp(0.0, 1e9));
    Some(now + life - EARLY.min(life / 4))
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2ClientCredentials")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tokens_are_renewed_shortly_before_they_expire() {
        let now = Instant::now();
        assert_eq!(renew_at(Some(&json!(3600)), now), Some(now + Duration::from_secs(3570)));
        assert_eq!(renew_at(Some(&json!("40")), now), Some(now + Duration::from_secs(30)));
        assert_eq!(renew_at(Some(&json!(1)), now), Some(now + Duration::from_millis(750)));
        assert_eq!(renew_at(None, now), None);
        assert_eq!(renew_at(Some(&json!(null)), now), None);
    }
}
