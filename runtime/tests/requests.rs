//! What goes over the wire and how responses become values or errors.

mod common;

use api_runtime::{call_options, Bytes, Call, ClientBuilder, Core, DecodeError, ErrorKind, codegen::{decode, ErrorSpec, ResponseHead}};
use common::*;
use wiremock::matchers::{body_json, body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn base(server: &MockServer) -> String {
    format!("{}/client/v4", server.uri())
}

fn get(core: &Core, path: String) -> Call<Token, CfErrors> {
    core.call(&GET_TOKEN, path, decode::json, ErrorSpec::json())
}

async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    received.remove(0)
}

fn ok_token() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "t1"}))
}

#[tokio::test]
async fn sends_bearer_user_agent_and_keeps_base_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/client/v4/accounts/acc/tokens/t1"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("user-agent", "cloudflare-client/4.5.6"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    // A trailing slash on the base URL is ignored.
    let core = bearer_core(&format!("{}/", base(&server)));
    let token = get(&core, "/accounts/acc/tokens/t1".into()).await.unwrap();
    assert_eq!(token.id, "t1");
}

#[tokio::test]
async fn from_env_reads_token_and_base_url() {
    // Only this test touches these variables, so setting them does not race with others.
    std::env::set_var("CLOUDFLARE_API_TOKEN", "from-env-token");
    let server = MockServer::start().await;
    std::env::set_var("CLOUDFLARE_BASE_URL", base(&server));
    Mock::given(method("GET"))
        .and(path("/client/v4/x"))
        .and(header("authorization", "Bearer from-env-token"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    let core: Core = ClientBuilder::new(&BEARER_SERVICE)
        .from_env()
        .unwrap()
        .build()
        .unwrap();
    get(&core, "/x".into()).await.unwrap();
}

#[tokio::test]
async fn path_and_query_are_percent_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    let core = bearer_core(&base(&server));
    let path = format!(
        "/accounts/{}/tokens/{}",
        api_runtime::codegen::encode_path("a/b c?"),
        api_runtime::codegen::encode_path("100%")
    );
    get(&core, path)
        .query("name", "x y&z=1")
        .query("id", 1)
        .query("id", 2)
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/client/v4/accounts/a%2Fb%20c%3F/tokens/100%25"
    );
    assert_eq!(request.url.query(), Some("name=x%20y%26z%3D1&id=1&id=2"));
}

#[tokio::test]
async fn headers_from_builder_and_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-team", "call"))
        .and(header("x-client", "builder"))
        .and(header("user-agent", "custom/1"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    let core = ClientBuilder::new(&BEARER_SERVICE)
        .bearer_token(TOKEN)
        .base_url(base(&server))
        .header("x-team", "builder")
        .header("x-client", "builder")
        .header("user-agent", "custom/1")
        .build()
        .unwrap();
    get(&core, "/x".into())
        .header("x-team", "call")
        .await
        .unwrap();
}

#[tokio::test]
async fn json_form_and_bytes_bodies() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/client/v4/json"))
        .and(header("content-type", "application/json"))
        .and(body_json(serde_json::json!({"name": "ci", "n": 1})))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/client/v4/form"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("name=c+i&n=1"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/client/v4/bytes"))
        .and(header("content-type", "application/octet-stream"))
        .and(body_string("raw"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    let core = bearer_core(&base(&server));
    let post = |p: &str| {
        core.call(
            &CREATE_TOKEN,
            p.to_owned(),
            decode::json::<Token>,
            ErrorSpec::<CfErrors>::json(),
        )
    };
    post("/json")
        .json_body(&serde_json::json!({"name": "ci", "n": 1}))
        .await
        .unwrap();
    post("/form")
        .form_body(&[("name", "c i"), ("n", "1")])
        .await
        .unwrap();
    post("/bytes")
        .bytes_body("application/octet-stream", Bytes::from_static(b"raw"))
        .await
        .unwrap();
}

#[tokio::test]
async fn body_is_resent_on_retry() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(body_json(serde_json::json!({"v": 1})))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(body_json(serde_json::json!({"v": 1})))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    static PUT: api_runtime::codegen::Operation = api_runtime::codegen::Operation {
        name: "things.put",
        id: "putThing",
        method: api_runtime::reqwest::Method::PUT,
        path: "/things",
        idempotent: true,
        security: None,
    };
    let core = bearer_core(&base(&server));
    core.call(
        &PUT,
        "/things".into(),
        decode::json::<Token>,
        ErrorSpec::<CfErrors>::json(),
    )
    .json_body(&serde_json::json!({"v": 1}))
    .await
    .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn multipart_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let core = bearer_core(&base(&server));
    let form = api_runtime::reqwest::multipart::Form::new().text("field", "value");
    let err = core
        .call(
            &CREATE_TOKEN,
            "/upload".into(),
            decode::json::<Token>,
            ErrorSpec::<CfErrors>::json(),
        )
        .idempotency_key("idempotency-key", "k")
        .multipart_body(form)
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 1);
    let request = only_request(&server).await;
    let content_type = request.headers["content-type"].to_str().unwrap().to_owned();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    assert!(String::from_utf8_lossy(&request.body).contains("value"));
}

#[tokio::test]
async fn error_details_request_id_and_display() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("cf-ray", "8f00-LHR")
                .set_body_json(serde_json::json!({
                    "success": false,
                    "errors": [{"code": 9109, "message": "Invalid access token"}]
                })),
        )
        .mount(&server)
        .await;
    let err = get(&bearer_core(&base(&server)), "/x".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(err.request_id(), Some("8f00-LHR"));
    assert_eq!(err.details().unwrap().errors[0].code, 9109);
    assert!(err.headers().unwrap().contains_key("cf-ray"));
    assert!(!err.is_retryable());
    assert_eq!(err.operation(), "accounts.tokens.get");
    assert_eq!(
        err.to_string(),
        "403 Forbidden: [9109] Invalid access token (accounts.tokens.get)"
    );
}

#[tokio::test]
async fn display_of_every_status_kind() {
    let cases = [
        (400, ErrorKind::BadRequest, "400 Bad Request"),
        (401, ErrorKind::Unauthorized, "401 Unauthorized"),
        (403, ErrorKind::Forbidden, "403 Forbidden"),
        (404, ErrorKind::NotFound, "404 Not Found"),
        (409, ErrorKind::Conflict, "409 Conflict"),
        (
            422,
            ErrorKind::UnprocessableEntity,
            "422 Unprocessable Entity",
        ),
        (429, ErrorKind::RateLimited, "429 Too Many Requests"),
        (500, ErrorKind::Server, "500 Internal Server Error"),
        (418, ErrorKind::Status, "418 I'm a teapot"),
    ];
    let server = MockServer::start().await;
    for (code, _, _) in cases {
        Mock::given(method("GET"))
            .and(path(format!("/client/v4/{code}")))
            .respond_with(ResponseTemplate::new(code).set_body_string("something went wrong"))
            .mount(&server)
            .await;
    }
    let core = bearer_core(&base(&server));
    for (code, kind, line) in cases {
        let err = get(&core, format!("/{code}")).retries(0).await.unwrap_err();
        assert_eq!(err.kind(), kind, "{code}");
        assert_eq!(
            err.to_string(),
            format!("{line}: something went wrong (accounts.tokens.get)")
        );
        assert!(err.details().is_none());
    }
}

#[tokio::test]
async fn decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>oops</html>"))
        .mount(&server)
        .await;
    let err = get(&bearer_core(&base(&server)), "/x".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.attempts(), 1);
    assert_eq!(err.body(), b"<html>oops</html>");
    assert_eq!(
        err.to_string(),
        "could not decode the response of accounts.tokens.get (200 OK): expected value at line 1 column 1"
    );
    assert!(std::error::Error::source(&err).is_some());
}

/// A Cloudflare-style envelope decoder: `{"success": bool, "result": T}`.
fn envelope(head: &ResponseHead, body: Bytes) -> Result<Token, DecodeError> {
    #[derive(serde::Deserialize)]
    struct Envelope {
        success: bool,
        result: Option<Token>,
    }
    let env: Envelope = decode::json(head, body)?;
    match (env.success, env.result) {
        (true, Some(token)) => Ok(token),
        _ => Err(DecodeError::ApiFailure),
    }
}

#[tokio::test]
async fn api_failure_in_2xx_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/client/v4/ok"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"success": true, "result": {"id": "t1"}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/client/v4/fail"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "success": false,
            "result": null,
            "errors": [{"code": 1000, "message": "zone is locked"}]
        })))
        .mount(&server)
        .await;
    let core = bearer_core(&base(&server));
    let call = |p: &str| {
        core.call(
            &GET_TOKEN,
            p.into(),
            envelope,
            ErrorSpec::<CfErrors>::json(),
        )
    };
    assert_eq!(call("/ok").await.unwrap().id, "t1");
    let err = call("/fail").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Status);
    assert_eq!(err.attempts(), 1);
    assert_eq!(
        err.to_string(),
        "200 OK: [1000] zone is locked (accounts.tokens.get)"
    );
}

#[tokio::test]
async fn text_bytes_and_empty_decoders() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/client/v4/text"))
        .respond_with(ResponseTemplate::new(200).set_body_string("hello"))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    static DELETE: api_runtime::codegen::Operation = api_runtime::codegen::Operation {
        name: "things.delete",
        id: "deleteThing",
        method: api_runtime::reqwest::Method::DELETE,
        path: "/things/{id}",
        idempotent: true,
        security: None,
    };
    let core = bearer_core(&base(&server));
    let text = core
        .call(
            &GET_TOKEN,
            "/text".into(),
            decode::text,
            ErrorSpec::<CfErrors>::json(),
        )
        .await
        .unwrap();
    assert_eq!(text, "hello");
    let raw = core
        .call(
            &GET_TOKEN,
            "/text".into(),
            decode::bytes,
            ErrorSpec::<CfErrors>::json(),
        )
        .await
        .unwrap();
    assert_eq!(raw, Bytes::from_static(b"hello"));
    core.call(
        &DELETE,
        "/things/1".into(),
        decode::empty,
        ErrorSpec::<CfErrors>::json(),
    )
    .await
    .unwrap();
    core.call(
        &DELETE,
        "/things/1".into(),
        decode::json::<()>,
        ErrorSpec::<CfErrors>::json(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn invalid_call_header_is_a_request_error() {
    let server = MockServer::start().await;
    let err = get(&bearer_core(&base(&server)), "/x".into())
        .header("bad header", "v")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Request);
    assert_eq!(
        err.to_string(),
        "could not build the request for accounts.tokens.get: invalid header name \"bad header\""
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// A generated-style per-operation builder.
pub struct GetTokenRequest {
    call: Call<Token, CfErrors>,
}

impl GetTokenRequest {
    pub fn fields(mut self, fields: &str) -> Self {
        self.call = self.call.query("fields", fields);
        self
    }
}

call_options!(GetTokenRequest => Token, CfErrors);

#[tokio::test]
async fn call_options_builder_is_awaitable_and_spawnable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("fields", "id"))
        .and(query_param("extra", "1"))
        .and(header("x-trace", "abc"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    let core = bearer_core(&base(&server));
    let request = GetTokenRequest {
        call: get(&core, "/x".into()),
    };
    let token = request
        .fields("id")
        .query("extra", 1)
        .header("x-trace", "abc")
        .retries(0)
        .timeout(std::time::Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(token.id, "t1");

    // send() gives a Send future that can be spawned.
    let request = GetTokenRequest {
        call: get(&core, "/x".into()),
    };
    let handle = tokio::spawn(
        request
            .fields("id")
            .query("extra", 1)
            .header("x-trace", "abc")
            .send(),
    );
    assert_eq!(handle.await.unwrap().unwrap().id, "t1");
}

#[tokio::test]
async fn post_without_body_sends_content_length_zero() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("content-length", "0"))
        .respond_with(ok_token())
        .mount(&server)
        .await;
    let core = bearer_core(&base(&server));
    core.call(
        &CREATE_TOKEN,
        "/roll".into(),
        decode::json::<Token>,
        ErrorSpec::<CfErrors>::json(),
    )
    .await
    .unwrap();
}
