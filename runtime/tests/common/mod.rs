//! Shared fixtures for the integration tests: service descriptions, operations and clients
//! pointed at a local wiremock server.

#![allow(dead_code)]

use std::fmt;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api_runtime::reqwest::Method;
use api_runtime::{ClientBuilder, Core, RetryPolicy, codegen::{Operation, Scheme, SchemeKind, SchemeUse, ServiceConfig}};
use serde::Deserialize;

pub const TOKEN: &str = "tok-SECRET-1234567890";

pub static BEARER_SERVICE: ServiceConfig = ServiceConfig {
    crate_name: "cloudflare-client",
    crate_version: "4.5.6",
    default_base_url: "https://api.cloudflare.com/client/v4",
    base_url_env: &["CLOUDFLARE_BASE_URL"],
    schemes: &[Scheme { name: "api_token", kind: SchemeKind::Bearer, env: &["CLOUDFLARE_API_TOKEN"] }],
    security: &[&[SchemeUse { scheme: 0, scopes: &[] }]],
    request_id_header: Some("cf-ray"),
};

pub static AWS_SERVICE: ServiceConfig = ServiceConfig {
    crate_name: "route53globalresolver-client",
    crate_version: "0.1.0",
    default_base_url: "https://route53globalresolver.{region}.amazonaws.com",
    base_url_env: &["AWS_ENDPOINT_URL_ROUTE53GLOBALRESOLVER", "AWS_ENDPOINT_URL"],
    schemes: &[Scheme {
        name: "sigv4",
        kind: SchemeKind::AwsSigV4 { signing_name: "route53globalresolver" },
        env: &[],
    }],
    security: &[&[SchemeUse { scheme: 0, scopes: &[] }]],
    request_id_header: Some("x-amzn-requestid"),
};

pub static GET_TOKEN: Operation = Operation {
    name: "accounts.tokens.get",
    id: "account-api-tokens-token-details",
    method: Method::GET,
    path: "/accounts/{account_id}/tokens/{token_id}",
    idempotent: true,
    security: None,
};

pub static CREATE_TOKEN: Operation = Operation {
    name: "accounts.tokens.create",
    id: "account-api-tokens-create-token",
    method: Method::POST,
    path: "/accounts/{account_id}/tokens",
    idempotent: false,
    security: None,
};

/// Details of a Cloudflare-style error body: `{"errors":[{"code":9109,"message":"..."}]}`.
#[derive(Debug, Deserialize)]
pub struct CfErrors {
    pub errors: Vec<CfError>,
}

#[derive(Debug, Deserialize)]
pub struct CfError {
    pub code: u32,
    pub message: String,
}

impl fmt::Display for CfErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<String> = self
            .errors
            .iter()
            .map(|e| format!("[{}] {}", e.code, e.message))
            .collect();
        f.write_str(&shown.join("; "))
    }
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Token {
    pub id: String,
}

/// Retry timing short enough for tests.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(50))
}

/// A bearer client for `base` (e.g. the wiremock URI plus a base path) with fast retries.
pub fn bearer_core(base: &str) -> Core {
    ClientBuilder::new(&BEARER_SERVICE)
        .bearer_token(TOKEN)
        .base_url(base)
        .retry_policy(fast_retries())
        .build()
        .expect("client builds")
}

/// A `tracing` writer that collects everything into a shared buffer.
#[derive(Clone, Default)]
pub struct Capture(pub Arc<Mutex<Vec<u8>>>);

impl Capture {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Installs a subscriber that records every level (TRACE and up) into the returned buffer for
/// the current thread, until the guard is dropped.
pub fn capture_tracing() -> (Capture, tracing::subscriber::DefaultGuard) {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(capture.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    (capture, guard)
}

/// A local port with nothing listening on it.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
