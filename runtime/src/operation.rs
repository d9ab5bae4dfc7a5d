//! The static description of one API operation.

use reqwest::Method;

/// Describes one API operation. Generated crates emit one `static` per operation, made by the
/// constructor named after its method, and pass it to [`Core::call`](crate::Core::call):
///
/// ```
/// use api_runtime::Operation;
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
}

macro_rules! constructors {
    ($($(#[$doc:meta])* $fn:ident => $method:ident, $idempotent:literal;)*) => {
        impl Operation {
            $(
                $(#[$doc])*
                pub const fn $fn(name: &'static str, id: &'static str, path: &'static str) -> Self {
                    Self { name, id, method: Method::$method, path, idempotent: $idempotent }
                }
            )*
        }
    };
}

constructors! {
    /// A `GET` operation (idempotent).
    get => GET, true;
    /// A `PUT` operation (idempotent).
    put => PUT, true;
    /// A `POST` operation (not idempotent).
    post => POST, false;
    /// A `DELETE` operation (idempotent).
    delete => DELETE, true;
    /// An `OPTIONS` operation (idempotent).
    options => OPTIONS, true;
    /// A `HEAD` operation (idempotent).
    head => HEAD, true;
    /// A `PATCH` operation (not idempotent).
    patch => PATCH, false;
    /// A `TRACE` operation (idempotent).
    trace => TRACE, true;
}
