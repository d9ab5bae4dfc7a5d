//! The static description of one API operation.

use reqwest::Method;

use crate::scheme::Security;

/// Describes one API operation. Generated crates emit one `static` per operation, made by the
/// constructor named after its method, and pass it to [`Core::call`](crate::Core::call):
///
/// ```
/// use api_runtime::codegen::Operation;
///
/// static GET_TOKEN: Operation = Operation::get("tokens.get", "getToken", "/tokens/{id}");
/// assert!(GET_TOKEN.idempotent);
/// assert!(!Operation::post("tokens.create", "createToken", "/tokens").idempotent);
/// ```
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
    /// when the request cannot have reached the server (it could not connect) or the server's
    /// response said `x-should-retry: true`, unless the call sets an
    /// [idempotency key](crate::Call::idempotency_key). Any other response, a connection lost
    /// after sending and a timeout mean the server may have acted, so they end such a call.
    pub idempotent: bool,
    /// The operation's own security requirement, when it has one (else the service's
    /// [`ServiceConfig::security`](crate::ServiceConfig::security) applies).
    pub security: Option<Security>,
}

macro_rules! constructors {
    ($($(#[$doc:meta])* $fn:ident, $secured:ident => $method:ident, $idempotent:literal;)*) => {
        impl Operation {
            $(
                $(#[$doc])*
                pub const fn $fn(name: &'static str, id: &'static str, path: &'static str) -> Self {
                    Self { name, id, method: Method::$method, path, idempotent: $idempotent, security: None }
                }

                /// The same operation with its own security requirement (the spec's
                /// `security: []` is `&[]`: no credentials).
                pub const fn $secured(
                    name: &'static str,
                    id: &'static str,
                    path: &'static str,
                    security: Security,
                ) -> Self {
                    Self { name, id, method: Method::$method, path, idempotent: $idempotent, security: Some(security) }
                }
            )*
        }
    };
}

constructors! {
    /// A `GET` operation (idempotent).
    get, get_secured => GET, true;
    /// A `PUT` operation (idempotent).
    put, put_secured => PUT, true;
    /// A `POST` operation (not idempotent).
    post, post_secured => POST, false;
    /// A `DELETE` operation (idempotent).
    delete, delete_secured => DELETE, true;
    /// An `OPTIONS` operation (idempotent).
    options, options_secured => OPTIONS, true;
    /// A `HEAD` operation (idempotent).
    head, head_secured => HEAD, true;
    /// A `PATCH` operation (not idempotent).
    patch, patch_secured => PATCH, false;
    /// A `TRACE` operation (idempotent).
    trace, trace_secured => TRACE, true;
}
