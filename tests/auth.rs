//! The auth test API (`tests/specs/auth.yaml`) against a local server: every security scheme
//! type sends its credential as the spec says, requirements are met as OpenAPI defines them (an
//! AND of schemes, an OR choice, an operation's own, `security: []`, an optional `{}`), OAuth2
//! client credentials are fetched once and shared, and a credential the API cannot use is
//! refused by `build()`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use auth_client::{Client, ErrorKind};
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"ok": true}))
}

/// A server answering `GET route` with 200 only when `matcher` holds (else wiremock's 404).
async fn expect<M: wiremock::Match + 'static>(route: &str, matcher: M) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path(route)).and(matcher).respond_with(ok()).expect(1).mount(&server).await;
    server
}

fn builder(server: &MockServer) -> auth_client::ClientBuilder<Client> {
    Client::builder().base_url(server.uri()).retries(0)
}

/// The single request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.remove(0)
}

#[tokio::test]
async fn http_bearer() {
    let server = expect("/bearer", header("authorization", "Bearer tok-1")).await;
    builder(&server).bearer_token("tok-1").build().unwrap().get_bearer().await.unwrap();
}

#[tokio::test]
async fn http_basic_is_base64_of_user_colon_password() {
    // RFC 7617: base64("Aladdin:open sesame").
    let server = expect("/basic", header("authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).await;
    builder(&server).basic_auth("Aladdin", "open sesame").build().unwrap().get_basic().await.unwrap();
}

#[tokio::test]
async fn another_http_scheme_is_sent_with_its_name() {
    let server = expect("/dsn", header("authorization", "DSN https://key@example.com/1")).await;
    let client = builder(&server).credential("dsn", "https://key@example.com/1").build().unwrap();
    client.get_dsn().await.unwrap();
}

#[tokio::test]
async fn api_key_in_a_header() {
    let server = expect("/header-key", header("x-api-key", "k-123")).await;
    builder(&server).credential("headerKey", "k-123").build().unwrap().get_header_key().await.unwrap();
}

#[tokio::test]
async fn api_key_in_the_query_is_redacted_where_shown() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/query-key"))
        .and(query_param("api_key", "q-secret"))
        .and(query_param("q", "x"))
        .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server).credential("queryKey", "q-secret").build().unwrap();
    let err = client.get_query_key().q("x").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    for shown in [err.to_string(), format!("{err:?}"), format!("{client:?}")] {
        assert!(!shown.contains("q-secret"), "the key leaked: {shown}");
    }
}

#[tokio::test]
async fn api_key_in_a_cookie_joins_the_call_cookies() {
    let server = expect("/cookie-key", header("cookie", "theme=dark; session=c-9")).await;
    let client = builder(&server).credential("cookieKey", "c-9").build().unwrap();
    client.get_cookie_key().header("cookie", "theme=dark").await.unwrap();
}

#[tokio::test]
async fn an_api_key_named_authorization_is_sent_as_given() {
    let server = expect("/raw-authorization", header("authorization", "Bot abc.def")).await;
    let client = builder(&server).credential("rawAuthorization", "Bot abc.def").build().unwrap();
    client.get_raw_authorization().await.unwrap();
}

#[tokio::test]
async fn oauth2_and_openid_connect_tokens_are_bearer_tokens() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth")).and(header("authorization", "Bearer at-1")).respond_with(ok()).expect(1).mount(&server).await;
    Mock::given(path("/oidc")).and(header("authorization", "Bearer at-1")).respond_with(ok()).expect(1).mount(&server).await;
    let client = builder(&server).access_token("at-1").build().unwrap();
    client.get_oauth().await.unwrap();
    client.get_oidc().await.unwrap();
}

#[tokio::test]
async fn an_and_requirement_sends_both_keys() {
    let server = expect("/pair", header("x-auth-email", "me@example.com")).await;
    let client = builder(&server).credential("email", "me@example.com").credential("key", "k-2").build().unwrap();
    client.get_pair().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.headers["x-auth-key"], "k-2");
    assert!(request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn an_or_choice_sends_the_first_alternative_configured() {
    // Only the second alternative (email + key) is configured: it is sent.
    let server = expect("/default", header("x-auth-key", "k-3")).await;
    let client = builder(&server).credential("email", "e").credential("key", "k-3").build().unwrap();
    client.get_default().await.unwrap();
    assert!(only_request(&server).await.headers.get("authorization").is_none());

    // Both are configured: the first (bearer) is sent, and only it.
    let server = expect("/default", header("authorization", "Bearer t-4")).await;
    let client = builder(&server).bearer_token("t-4").credential("email", "e").credential("key", "k").build().unwrap();
    client.get_default().await.unwrap();
    let request = only_request(&server).await;
    assert!(request.headers.get("x-auth-key").is_none() && request.headers.get("x-auth-email").is_none());
}

#[tokio::test]
async fn an_operation_requirement_replaces_the_document_one() {
    // `get_header_key` accepts only its key, although the client also has a bearer token.
    let server = expect("/header-key", header("x-api-key", "k-5")).await;
    let client = builder(&server).bearer_token("t-5").credential("headerKey", "k-5").build().unwrap();
    client.get_header_key().await.unwrap();
    assert!(only_request(&server).await.headers.get("authorization").is_none());
}

#[tokio::test]
async fn an_empty_security_list_sends_no_credentials() {
    let server = expect("/public", wiremock::matchers::any()).await;
    let client = builder(&server).bearer_token("t-6").credential("headerKey", "k-6").build().unwrap();
    client.get_public().await.unwrap();
    let request = only_request(&server).await;
    assert!(request.headers.get("authorization").is_none() && request.headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn an_empty_alternative_makes_credentials_optional() {
    let server = expect("/optional", header("x-api-key", "k-7")).await;
    let client = builder(&server).bearer_token("t").credential("headerKey", "k-7").build().unwrap();
    client.get_optional().await.unwrap();

    // Without the key the call still goes out, with nothing.
    let server = expect("/optional", wiremock::matchers::any()).await;
    builder(&server).bearer_token("t").build().unwrap().get_optional().await.unwrap();
    let request = only_request(&server).await;
    assert!(request.headers.get("x-api-key").is_none() && request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn a_401_without_credentials_names_what_the_operation_accepts() {
    let server = MockServer::start().await;
    Mock::given(path("/pair")).respond_with(ResponseTemplate::new(401)).expect(1).mount(&server).await;
    // The client has a bearer token, which `get_pair` cannot use.
    let err = builder(&server).bearer_token("t").build().unwrap().get_pair().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    let shown = err.to_string();
    assert!(shown.starts_with("401 Unauthorized (get_pair); no credentials were sent"), "{shown}");
    assert!(shown.contains("the header `X-Auth-Email` (AUTH_EMAIL) with the header `X-Auth-Key` (AUTH_KEY)"), "{shown}");
    assert!(only_request(&server).await.headers.get("authorization").is_none());
}

#[test]
fn a_credential_the_api_cannot_use_is_refused_at_build() {
    // The auth API has no AWS scheme.
    let err = Client::builder().bearer_token("t").aws_credentials("AKID", "secret", None).build().unwrap_err();
    assert!(err.message().contains("does not sign with SigV4"), "{err}");
    // Several keys: `.api_key()` cannot tell which one is meant.
    let err = Client::builder().api_key("k").build().unwrap_err();
    assert!(err.message().contains(".credential(NAME, value)") && err.message().contains("\"headerKey\""), "{err}");
    // A scheme name the spec does not have.
    let err = Client::builder().credential("nope", "v").build().unwrap_err();
    assert!(err.message().contains("no scheme of that name"), "{err}");
    // Basic takes two values.
    let err = Client::builder().credential("basic", "v").build().unwrap_err();
    assert!(err.message().contains(".basic_auth(username, password)"), "{err}");
    // Invalid PEM for mutual TLS.
    let err = Client::builder().bearer_token("t").identity_pem(b"not pem".to_vec()).build().unwrap_err();
    assert!(err.message().contains("not valid PEM"), "{err}");
}

#[test]
fn from_env_reads_every_scheme_and_fails_only_when_nothing_fits() {
    let err = Client::builder().from_env_with(|_| None).unwrap_err();
    assert!(err.message().contains("AUTH_TOKEN, or AUTH_EMAIL and AUTH_KEY"), "{err}");
    // The second alternative alone is enough.
    let vars = |name: &str| match name {
        "AUTH_EMAIL" => Some("e".to_string()),
        "AUTH_KEY" => Some("k".to_string()),
        _ => None,
    };
    let client = Client::builder().from_env_with(vars).unwrap().build().unwrap();
    let shown = format!("{client:?}");
    assert!(shown.contains("email") && shown.contains("key") && !shown.contains("\"k\""), "{shown}");
}

#[tokio::test]
async fn from_env_values_reach_the_wire() {
    let server = MockServer::start().await;
    Mock::given(path("/basic")).and(header("authorization", "Basic dTpw")).respond_with(ok()).expect(1).mount(&server).await;
    Mock::given(path("/query-key")).and(query_param("api_key", "qk")).respond_with(ok()).expect(1).mount(&server).await;
    let uri = server.uri();
    let vars = move |name: &str| {
        let value = match name {
            "AUTH_TOKEN" => "t",
            "AUTH_USERNAME" => "u",
            "AUTH_PASSWORD" => "p",
            "AUTH_QUERY_KEY" => "qk",
            "AUTH_BASE_URL" => uri.as_str(),
            _ => return None,
        };
        Some(value.to_string())
    };
    let client = Client::builder().from_env_with(vars).unwrap().retries(0).build().unwrap();
    client.get_basic().await.unwrap();
    client.get_query_key().await.unwrap();
}

/// A token endpoint that counts its calls and hands out `tok-<n>`, living `expires_in` seconds.
struct TokenEndpoint {
    calls: Arc<AtomicUsize>,
    expires_in: u64,
}

impl Respond for TokenEndpoint {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_body_json(json!({"access_token": format!("tok-{n}"), "token_type": "Bearer", "expires_in": self.expires_in}))
            .set_delay(Duration::from_millis(50))
    }
}

async fn token_server(expires_in: u64) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("authorization", "Basic aWQtMTpzZWNyZXQtMQ=="))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("scope=things.read"))
        .respond_with(TokenEndpoint { calls: calls.clone(), expires_in })
        .mount(&server)
        .await;
    (server, calls)
}

#[tokio::test]
async fn client_credentials_are_fetched_once_for_concurrent_calls() {
    let (server, calls) = token_server(3600).await;
    Mock::given(path("/oauth")).and(header("authorization", "Bearer tok-1")).respond_with(ok()).expect(20).mount(&server).await;
    let client = builder(&server).oauth2_client_credentials("id-1", "secret-1").build().unwrap();
    let all = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.get_oauth().await })
    });
    for call in futures::future::join_all(all).await {
        call.unwrap().unwrap();
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert!(!format!("{client:?}").contains("secret-1"));
}

#[tokio::test]
async fn an_expired_token_is_fetched_again() {
    let (server, calls) = token_server(1).await;
    Mock::given(path("/oauth")).respond_with(ok()).expect(2).mount(&server).await;
    let client = builder(&server).oauth2_client_credentials("id-1", "secret-1").build().unwrap();
    client.get_oauth().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.get_oauth().await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/oauth")
        .map(|r| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(sent, ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn a_401_fetches_a_new_token_once() {
    let (server, calls) = token_server(3600).await;
    Mock::given(path("/oauth")).and(header("authorization", "Bearer tok-1")).respond_with(ResponseTemplate::new(401)).mount(&server).await;
    Mock::given(path("/oauth")).and(header("authorization", "Bearer tok-2")).respond_with(ok()).expect(1).mount(&server).await;
    let client = builder(&server).oauth2_client_credentials("id-1", "secret-1").build().unwrap();
    client.get_oauth().await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    // A server that refuses every token: one refetch, then the 401 is the caller's.
    let (server, calls) = token_server(3600).await;
    Mock::given(path("/oauth")).respond_with(ResponseTemplate::new(401)).expect(2).mount(&server).await;
    let client = builder(&server).oauth2_client_credentials("id-1", "secret-1").build().unwrap();
    let err = client.get_oauth().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_configured_access_token_wins_over_client_credentials() {
    let (server, calls) = token_server(3600).await;
    Mock::given(path("/oauth")).and(header("authorization", "Bearer mine")).respond_with(ok()).expect(1).mount(&server).await;
    let client = builder(&server).oauth2_client_credentials("id-1", "secret-1").access_token("mine").build().unwrap();
    client.get_oauth().await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_token_endpoint_that_wants_the_secret_in_the_body_gets_it() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .and(body_string_contains("client_secret=secret-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "b-1", "token_type": "bearer"})))
        .mount(&server)
        .await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "invalid_client"})))
        .mount(&server)
        .await;
    Mock::given(path("/oauth")).and(header("authorization", "Bearer b-1")).respond_with(ok()).expect(1).mount(&server).await;
    let client = builder(&server).oauth2_client_credentials("id-1", "secret-1").build().unwrap();
    client.get_oauth().await.unwrap();
}

#[tokio::test]
async fn a_failing_token_endpoint_is_a_credentials_error() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_scope", "error_description": "no such scope"})))
        .mount(&server)
        .await;
    let client = builder(&server).oauth2_client_credentials("id-1", "secret-1").build().unwrap();
    let err = client.get_oauth().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credentials);
    let shown = err.to_string();
    assert!(shown.contains("could not get credentials for get_oauth") && shown.contains("invalid_scope: no such scope"), "{shown}");
    assert!(!shown.contains("secret-1"));
    // Nothing reached the operation itself.
    assert!(server.received_requests().await.unwrap().iter().all(|r| r.url.path() == "/oauth/token"));
}

#[tokio::test]
async fn retries_carry_the_credentials() {
    let server = MockServer::start().await;
    Mock::given(path("/header-key")).and(header("x-api-key", "k-r")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(path("/header-key")).and(header("x-api-key", "k-r")).respond_with(ok()).expect(1).mount(&server).await;
    let client = Client::builder()
        .base_url(server.uri())
        .retry_policy(api_runtime::RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .credential("headerKey", "k-r")
        .build()
        .unwrap();
    client.get_header_key().await.unwrap();
}
