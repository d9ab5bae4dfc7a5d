//! The static description of one API operation.

use reqwest::Method;

/// Describes one API operation. Generated crates emit one `static` per operation and pass it to
/// [`Core::call`](crate::Core::call).
#[derive(Debug)]
pub struct Operation {
    /// The Rust call path, e.g. `accounts.tokens.get`; used in error messages and tracing.
    pub name: &'static str,
    /// The OpenAPI `operationId`.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, e.g. `/accounts/{account_id}/tokens/{token_id}` (for documentation and
    /// tracing; the filled-in path is passed to [`Core::call`](crate::Core::call)).
    pub path: &'static str,
    /// Whether repeating the request is safe. Non-idempotent calls (e.g. POST) are only retried
    /// when the request cannot have reached the server, unless the call sets an
    /// [idempotency key](crate::Call::idempotency_key).
    pub idempotent: bool,
}
