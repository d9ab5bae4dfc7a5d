//! The generated Cloudflare tokens client against a real HTTP server on 127.0.0.1.

use cloudflare_tokens_client::{models, Client, ErrorKind};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workspace_tests::{response_example, spec};

const TOKEN: &str = "cf-test-token-0123456789";
const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN_ID: &str = "ed17574386854bf78a67040be0a770b0";

fn documented(path: &str) -> Value {
    response_example(&spec("cloudflare-tokens.yaml"), path, "get", "200")
}

/// A client for `server`, with the base path kept (`/client/v4`) as in production.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .bearer_token(TOKEN)
        .base_url(format!("{}/client/v4", server.uri()))
        .retries(0)
        .build()
        .unwrap()
}

#[tokio::test]
async fn both_calls_return_the_documented_values_with_bearer_auth() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/client/v4/accounts/{ACCOUNT}/tokens/{TOKEN_ID}")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented("/accounts/{account_id}/tokens/{token_id}")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/client/v4/user/tokens/verify"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented("/user/tokens/verify")))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let token = client.accounts().tokens().get(ACCOUNT, TOKEN_ID).await.unwrap();
    assert_eq!(token.id.as_deref(), Some(TOKEN_ID));
    assert_eq!(token.name.as_deref(), Some("readonly token"));
    assert_eq!(token.status, Some(models::TokenStatus::Active));
    let groups: Vec<_> = token.policies.unwrap()[0].permission_groups.iter().map(|g| g.name.clone().unwrap()).collect();
    assert_eq!(groups, ["Zone Read", "Magic Network Monitoring"]);

    let status = client.user().tokens().verify().await.unwrap();
    assert_eq!(status.id, TOKEN_ID);
    assert_eq!(status.status, models::TokenStatus::Active);
    assert_eq!(status.not_before.unwrap().to_rfc3339(), "2018-07-01T05:20:00+00:00");

    let requests = server.received_requests().await.unwrap();
    let agent = requests[0].headers.get("user-agent").unwrap().to_str().unwrap();
    assert!(agent.starts_with("cloudflare-tokens-client/"), "{agent}");
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_into_one_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented("/accounts/{account_id}/tokens/{token_id}")))
        .mount(&server)
        .await;
    client(&server).accounts().tokens().get("a/b c?", "x#y").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let url = &requests[0].url;
    assert_eq!(url.path(), "/client/v4/accounts/a%2Fb%20c%3F/tokens/x%23y");
    assert_eq!(url.query(), None);
}

#[tokio::test]
async fn an_error_envelope_becomes_an_error_with_every_code_and_message() {
    let server = MockServer::start().await;
    let body = json!({
        "success": false,
        "errors": [{"code": 9109, "message": "Invalid access token"}, {"code": 6003, "message": "Invalid request headers"}],
        "messages": [],
        "result": null
    });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_json(body))
        .mount(&server)
        .await;
    let err = client(&server).accounts().tokens().get(ACCOUNT, TOKEN_ID).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(
        err.to_string(),
        "403 Forbidden: [9109] Invalid access token; [6003] Invalid request headers (accounts.tokens.get)"
    );
    let details = err.details().expect("typed details");
    assert_eq!(details.errors[0].code, 9109);
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn success_false_with_status_200_is_an_error_too() {
    let server = MockServer::start().await;
    let body = json!({"success": false, "errors": [{"code": 1000, "message": "Nope"}], "messages": [], "result": null});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let err = client(&server).user().tokens().verify().await.unwrap_err();
    assert_eq!(err.to_string(), "200 OK: [1000] Nope (user.tokens.verify)");
    assert_eq!(err.details().unwrap().errors[0].message, "Nope");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_naming_the_operation() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("{\"success\": true, \"result\": {", "application/json"))
        .mount(&server)
        .await;
    let err = client(&server).user().tokens().verify().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    let message = err.to_string();
    assert!(message.contains("user.tokens.verify"), "{message}");
    assert!(message.starts_with("could not decode"), "{message}");
}

#[tokio::test]
async fn the_token_never_shows_in_debug_or_display() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"success": false, "errors": [{"code": 10000, "message": "Authentication error"}], "messages": [], "result": null})))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client.user().tokens().verify().await.unwrap_err();
    for text in [format!("{client:?}"), format!("{err:?}"), err.to_string(), format!("{:?}", Client::builder().bearer_token(TOKEN))] {
        assert!(!text.contains(TOKEN), "token leaked: {text}");
    }
}

#[test]
fn from_env_needs_the_token() {
    // The builder reads the environment only through the names the spec gives.
    let err = Client::builder().from_env_with(|_| None).and_then(|b| b.build()).unwrap_err();
    assert!(err.to_string().contains("CLOUDFLARE_API_TOKEN"), "{err}");
}

#[tokio::test]
async fn a_downstream_program_prints_the_documented_values() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/client/v4/accounts/{ACCOUNT}/tokens/{TOKEN_ID}")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented("/accounts/{account_id}/tokens/{token_id}")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/client/v4/user/tokens/verify"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented("/user/tokens/verify")))
        .mount(&server)
        .await;
    let base = format!("{}/client/v4", server.uri());
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_cloudflare-tokens-demo"))
            .env("CLOUDFLARE_API_TOKEN", TOKEN)
            .env("CLOUDFLARE_BASE_URL", base)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "demo failed: {}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        stdout,
        "id: ed17574386854bf78a67040be0a770b0\n\
         name: readonly token\n\
         status: active\n\
         policy: f267e341f3dd4697bd3b9f71dd96247f allow [Zone Read, Magic Network Monitoring]\n\
         verify: ed17574386854bf78a67040be0a770b0 active\n\
         expires_on: 2020-01-01T00:00:00+00:00\n"
    );
}
