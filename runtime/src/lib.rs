//! Runtime support for API clients generated from OpenAPI descriptions.
//!
//! A generated client crate describes its service once in a `codegen::ServiceConfig` and each
//! operation in a `codegen::Operation`; everything else — building URLs, authentication (every OpenAPI security scheme, and AWS SigV4),
//! retries with backoff, timeouts, decoding and error reporting — lives here.
//!
//! # How generated code uses this crate
//!
//! ```no_run
//! use api_runtime::{ClientBuilder, Core, codegen::{ErrorSpec, Operation, Scheme, SchemeKind, SchemeUse, ServiceConfig}};
//!
//! static SERVICE: ServiceConfig = ServiceConfig {
//!     crate_name: "example-client",
//!     crate_version: "0.1.0",
//!     default_base_url: "https://api.example.com/v1",
//!     base_url_env: &["EXAMPLE_BASE_URL"],
//!     schemes: &[Scheme { name: "token", kind: SchemeKind::Bearer, env: &["EXAMPLE_API_TOKEN"] }],
//!     security: &[&[SchemeUse { scheme: 0, scopes: &[] }]],
//!     request_id_header: Some("x-request-id"),
//! };
//!
//! static GET_THING: Operation = Operation::get("things.get", "getThing", "/things/{thing_id}");
//!
//! #[derive(Clone, Debug)]
//! pub struct Client(Core);
//!
//! impl From<Core> for Client {
//!     fn from(core: Core) -> Self {
//!         Client(core)
//!     }
//! }
//!
//! #[derive(Debug, serde::Deserialize)]
//! pub struct Thing {
//!     pub id: String,
//! }
//!
//! #[derive(Debug, serde::Deserialize)]
//! pub struct ApiError {
//!     pub message: String,
//! }
//!
//! impl std::fmt::Display for ApiError {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         f.write_str(&self.message)
//!     }
//! }
//!
//! impl Client {
//!     pub fn get_thing(&self, thing_id: &str) -> api_runtime::Call<Thing, ApiError> {
//!         let path = format!("/things/{}", api_runtime::codegen::encode_path(thing_id));
//!         self.0.call(&GET_THING, path, api_runtime::codegen::decode::json::<Thing>, ErrorSpec::json())
//!     }
//! }
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let client: Client = ClientBuilder::new(&SERVICE).from_env()?.build()?;
//! let thing = client.get_thing("a/b").timeout(std::time::Duration::from_secs(5)).await?;
//! println!("{}", thing.id);
//! # Ok(())
//! # }
//! ```
//!
//! Per-operation builder structs that wrap a [`Call`] get the common per-request options from the
//! [`call_options!`] macro.

#![warn(missing_docs)]

mod auth;
mod aws;
mod builder;
mod call;
mod config;
mod cookie;
mod core;
mod credentials;
mod decode;
mod encode;
mod error;
mod error_spec;
mod execute;
mod form;
mod macros;
mod multipart;
mod oauth2;
mod operation;
mod paginate;
mod query_style;
mod redirect;
mod retry;
mod scheme;
mod sigv4;
mod sse;
mod trace;

// What users of a generated client call.
pub use crate::builder::ClientBuilder;
pub use crate::call::{Call, CallFuture};
pub use crate::core::Core;
pub use crate::decode::DecodeError;
pub use crate::error::{ConfigError, Error, ErrorKind};
pub use crate::multipart::{FilePart, Multipart};
pub use crate::paginate::{Items, Pages};
pub use crate::redirect::{policy as redirect_policy, Redirection};
pub use crate::retry::RetryPolicy;
pub use crate::sse::{Event, EventStream};

/// What generated crates are made of: the service and operation tables, decoders, encoders
/// and error parsing. This is the code generator's contract with the runtime
/// (`docs/runtime-contract.md`), not an API for hand-written code; it may change with the
/// generator.
#[doc(hidden)]
pub mod codegen {
    pub use crate::config::ServiceConfig;
    pub use crate::decode::ResponseHead;
    pub use crate::encode::encode_path;
    pub use crate::error_spec::{error_message, ErrorSpec};
    pub use crate::form::FormField;
    pub use crate::operation::Operation;
    pub use crate::paginate::Pagination;
    pub use crate::query_style::QueryStyle;
    pub use crate::scheme::{KeyLocation, Scheme, SchemeKind, SchemeUse, Security};

    /// Success body decoders.
    pub mod decode {
        pub use crate::decode::{bytes, empty, json, redirection, text};
    }

    /// AWS error codes.
    pub mod aws {
        pub use crate::aws::error_code;
    }

    /// Event stream item decoders.
    pub mod sse {
        pub use crate::sse::{json, text};
    }
}

/// A model property that may be absent, `null` or a value (from `api-macros`, which models crates use).
pub use api_macros::Nullable;

/// The `Stream` trait that [`Pages`] and [`Items`] implement (re-exported from `futures-core`).
pub use futures_core::Stream;
/// Adapters for reading [`Pages`] and [`Items`]: `next().await`, `try_next().await`,
/// `try_collect()`, `take(n)` (re-exported from `futures-util`).
pub use futures_util::{StreamExt, TryStreamExt};
/// Cheaply clonable byte buffer used for request and response bodies (re-exported from `bytes`).
pub use bytes::Bytes;
/// The `reqwest` crate, re-exported so generated crates can name [`reqwest::multipart::Form`]
/// and [`reqwest::Client`] without depending on it themselves.
pub use reqwest;
/// Header map type used in [`Error::headers`] (re-exported from `reqwest`).
pub use reqwest::header::HeaderMap;
/// The HTTP status code type (re-exported from `reqwest`).
pub use reqwest::StatusCode;
