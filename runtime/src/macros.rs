//! The [`call_options!`] macro for generated per-operation builder structs.

/// Gives a per-operation builder struct the per-request options of [`Call`](crate::Call) and
/// makes it sendable.
///
/// The struct must have a field `call: Call<Output, ErrorDetails>`. Invoke the macro as
/// `call_options!(StructName => Output, ErrorDetails);` and the struct gets:
///
/// - `timeout(Duration)`, `retries(u32)`, `header(&str, impl ToString)` and
///   `query(&str, impl ToString)`, each forwarding to the inner [`Call`](crate::Call);
/// - `send()`, returning a [`CallFuture`](crate::CallFuture);
/// - [`IntoFuture`](core::future::IntoFuture), so the builder can be `.await`ed directly, with
///   `Output = Result<Output, api_runtime::Error<ErrorDetails>>`.
///
/// The struct's typed setters (one per optional parameter) are written next to it and update
/// `self.call`. They must not reuse the names above: rename a parameter called `query`,
/// `header`, `timeout`, `retries` or `send` (e.g. `query_`). The struct may not have generic
/// parameters or lifetimes.
///
/// # Example
///
/// ```
/// use api_runtime::{call_options, Call, Core, codegen::{ErrorSpec, Operation}};
/// use std::time::Duration;
///
/// #[derive(Debug, serde::Deserialize)]
/// pub struct Token {
///     pub id: String,
/// }
///
/// #[derive(Debug, serde::Deserialize)]
/// pub struct ApiError {
///     pub message: String,
/// }
///
/// impl std::fmt::Display for ApiError {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         f.write_str(&self.message)
///     }
/// }
///
/// static LIST_TOKENS: Operation = Operation::get("accounts.tokens.list", "listTokens", "/accounts/{account_id}/tokens");
///
/// /// Builder for `accounts.tokens.list`.
/// pub struct ListTokens {
///     call: Call<Vec<Token>, ApiError>,
/// }
///
/// impl ListTokens {
///     /// Typed setter for the `per_page` query parameter.
///     pub fn per_page(mut self, n: u32) -> Self {
///         self.call = self.call.query("per_page", n);
///         self
///     }
/// }
///
/// call_options!(ListTokens => Vec<Token>, ApiError);
///
/// fn list_tokens(core: &Core, account_id: &str) -> ListTokens {
///     let path = format!("/accounts/{}/tokens", api_runtime::codegen::encode_path(account_id));
///     ListTokens {
///         call: core.call(&LIST_TOKENS, path, api_runtime::codegen::decode::json, ErrorSpec::json()),
///     }
/// }
///
/// async fn example(core: &Core) -> Result<Vec<Token>, api_runtime::Error<ApiError>> {
///     list_tokens(core, "acc")
///         .per_page(50)
///         .timeout(Duration::from_secs(5))
///         .retries(0)
///         .header("x-trace", "1")
///         .await
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! call_options {
    ($ty:ty => $output:ty, $error:ty $(,)?) => {
        impl $ty {
            /// Sets the time limit of each attempt of this request, replacing the client's.
            pub fn timeout(mut self, timeout: ::core::time::Duration) -> Self {
                self.call = self.call.timeout(timeout);
                self
            }

            /// Sets how many times this request is retried, replacing the client's setting
            /// (0 for a single attempt).
            pub fn retries(mut self, retries: u32) -> Self {
                self.call = self.call.retries(retries);
                self
            }

            /// Sets a header on this request, replacing one of the same name.
            pub fn header(mut self, name: &str, value: impl ::std::string::ToString) -> Self {
                self.call = self.call.header(name, value);
                self
            }

            /// Appends a query parameter to this request.
            pub fn query(mut self, name: &str, value: impl ::std::string::ToString) -> Self {
                self.call = self.call.query(name, value);
                self
            }

            /// Sends the request; the same as `.await`ing the builder.
            pub fn send(self) -> $crate::CallFuture<$output, $error> {
                self.call.send()
            }
        }

        impl ::core::future::IntoFuture for $ty {
            type Output = ::core::result::Result<$output, $crate::Error<$error>>;
            type IntoFuture = $crate::CallFuture<$output, $error>;

            fn into_future(self) -> Self::IntoFuture {
                self.call.send()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::codegen::{ErrorSpec, Operation, ServiceConfig};
    use crate::{Call, ClientBuilder, Core};
    use std::time::Duration;

    static SERVICE: ServiceConfig = ServiceConfig {
        crate_name: "macro-test",
        crate_version: "0.0.1",
        default_base_url: "http://127.0.0.1:1/v1",
        base_url_env: &[],
        schemes: &[],
        security: &[],
        request_id_header: None,
    };

    static OP: Operation = Operation::get("things.list", "listThings", "/things");

    struct ListThings {
        call: Call<Vec<String>, serde_json::Value>,
    }

    crate::call_options!(ListThings => Vec<String>, serde_json::Value);

    fn assert_send<F: Send>(_: &F) {}

    #[test]
    fn options_are_forwarded() {
        let core: Core = ClientBuilder::new(&SERVICE).build().unwrap();
        let builder = ListThings {
            call: core.call(
                &OP,
                "/things".into(),
                crate::decode::json,
                ErrorSpec::json(),
            ),
        }
        .timeout(Duration::from_secs(3))
        .retries(1)
        .header("x-a", "b")
        .query("q", 1);
        assert_eq!(builder.call.timeout, Some(Duration::from_secs(3)));
        assert_eq!(builder.call.retries, Some(1));
        assert_eq!(builder.call.headers["x-a"], "b");
        assert_eq!(builder.call.query, vec![("q".to_owned(), "1".to_owned())]);
        let future = std::future::IntoFuture::into_future(builder);
        assert_send(&future);
        let sent = ListThings {
            call: core.call(
                &OP,
                "/things".into(),
                crate::decode::json,
                ErrorSpec::json(),
            ),
        }
        .send();
        assert_send(&sent);
    }
}
