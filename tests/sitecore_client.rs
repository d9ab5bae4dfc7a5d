//! The generated Sitecore tokens client against a real HTTP server on 127.0.0.1.

use serde_json::{json, Value};
use sitecore_tokens_client::models::{PublishState, Token};
use sitecore_tokens_client::{Client, ErrorKind, Nullable, TokensGetError};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workspace_tests::{at, spec};

const TOKEN: &str = "sc-test-token-9f8e7d6c5b4a";
const ID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

/// A client for `server` with explicit settings (no environment).
fn client(server: &MockServer) -> Client {
    Client::builder().bearer_token(TOKEN).base_url(server.uri()).retries(0).build().unwrap()
}

/// The field-level examples of `TokenRestrictions` in the spec, with every documented publish
/// state instead of the single example one.
fn documented_restrictions() -> Value {
    let doc = spec("sitecore-tokens.yaml");
    let properties = at(&doc, "/components/schemas/TokenRestrictions/properties");
    let mut restrictions = serde_json::Map::new();
    for (name, schema) in properties.as_object().unwrap() {
        if let Some(example) = schema.get("example") {
            restrictions.insert(name.clone(), example.clone());
        }
    }
    // Every field but publishState carries an example; publishState gets all four enum values.
    assert_eq!(restrictions.len(), 4, "{restrictions:?}");
    let states = at(&doc, "/components/schemas/PublishState/enum").clone();
    assert_eq!(states, json!(["Published", "Preview", "published", "preview"]));
    restrictions.insert("publishState".into(), states);
    Value::Object(restrictions)
}

/// A 200 body for `tokens.get`: the documented restrictions plus every other field.
fn token_body() -> Value {
    json!({
        "id": ID,
        "label": "Delivery token",
        "description": "Read-only token for the website",
        "managePersistedQueries": false,
        "expiration": "2026-12-31T23:59:59Z",
        "restrictions": documented_restrictions(),
        "lastUse": null,
        "system": {
            "createdAt": "2025-01-15T08:30:00Z",
            "createdBy": {"type": "user", "relatedType": "member", "id": "u-1", "uri": "https://example.com/users/u-1"},
            "updatedAt": null,
            "updatedBy": {"type": "client", "id": "c-2"}
        }
    })
}

#[tokio::test]
async fn get_returns_every_documented_field_with_bearer_auth() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/api/token/v2/{ID}")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body()))
        .expect(1)
        .mount(&server)
        .await;

    let token: Token = client(&server).tokens().get(ID).await.unwrap();
    assert_eq!(token.id.as_deref(), Some(ID));
    assert_eq!(token.label.as_deref(), Some("Delivery token"));
    assert_eq!(token.description.as_deref(), Some("Read-only token for the website"));
    assert_eq!(token.manage_persisted_queries, Some(false));
    assert_eq!(token.expiration.as_deref(), Some("2026-12-31T23:59:59Z"));
    assert_eq!(token.last_use, Nullable::Null);

    let restrictions = token.restrictions.as_ref().unwrap();
    assert_eq!(
        restrictions.publish_state.as_deref(),
        Some(
            &[PublishState::Published, PublishState::Preview, PublishState::PublishedLower, PublishState::PreviewLower]
                [..]
        )
    );
    assert_eq!(restrictions.branches.as_deref(), Some(&["main".to_owned()][..]));
    assert_eq!(restrictions.source_ips.as_deref(), Some(&["127.0.0.1".to_owned()][..]));
    assert_eq!(restrictions.origins.as_deref(), Some(&["https://myapp.com".to_owned()][..]));
    assert_eq!(restrictions.introspection, Some(true));

    let system = token.system.as_ref().unwrap();
    assert_eq!(system.created_at.as_deref(), Some("2025-01-15T08:30:00Z"));
    assert_eq!(system.updated_at, Nullable::Null);
    let created_by = system.created_by.as_ref().unwrap();
    assert_eq!(created_by.type_.as_deref(), Some("user"));
    assert_eq!(created_by.related_type.as_deref(), Some("member"));
    assert_eq!(created_by.id.as_deref(), Some("u-1"));
    assert_eq!(created_by.uri.as_deref(), Some("https://example.com/users/u-1"));
    assert_eq!(system.updated_by.as_ref().unwrap().id.as_deref(), Some("c-2"));

    // lastUse and updatedAt are nullable: serializing back writes them as null, so the model
    // gives back exactly what the server sent.
    assert_eq!(serde_json::to_value(&token).unwrap(), token_body());
}

#[tokio::test]
async fn a_401_problem_is_an_error_showing_title_and_detail() {
    let server = MockServer::start().await;
    let body = json!({
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        "title": "Unauthorized",
        "status": 401,
        "detail": "The token is invalid.",
        "instance": "/api/token/v2/3fa85f64-5717-4562-b3fc-2c963f66afa6"
    });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(body.to_string(), "application/problem+json"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client(&server).tokens().get(ID).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.to_string(), "401 Unauthorized: The token is invalid. (tokens.get)");
    assert!(!err.is_retryable());
    assert_eq!(err.attempts(), 1);
    match err.details() {
        Some(TokensGetError::ProblemDetails(problem)) => {
            assert_eq!(problem.title.as_deref(), Some("Unauthorized"));
            assert_eq!(problem.detail.as_deref(), Some("The token is invalid."));
            assert_eq!(problem.status, Nullable::Value(401));
            assert_eq!(problem.type_.as_deref(), Some("https://tools.ietf.org/html/rfc9110#section-15.5.2"));
            assert_eq!(problem.instance.as_deref(), Some("/api/token/v2/3fa85f64-5717-4562-b3fc-2c963f66afa6"));
        }
        other => panic!("expected ProblemDetails, got {other:?}"),
    }
}

#[tokio::test]
async fn a_400_validation_problem_is_an_error_with_the_field_errors() {
    let server = MockServer::start().await;
    let body = json!({
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        "title": "One or more validation errors occurred.",
        "status": 400,
        "detail": "The id is not a valid token id.",
        "instance": null,
        "errors": {"id": ["The value 'not-a-guid' is not valid."]}
    });
    Mock::given(method("GET"))
        .and(path("/api/token/v2/not-a-guid"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(body.to_string(), "application/problem+json"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client(&server).tokens().get("not-a-guid").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(
        err.to_string(),
        "400 Bad Request: One or more validation errors occurred. The id is not a valid token id. (tokens.get)"
    );
    match err.details() {
        Some(TokensGetError::ValidationProblemDetails(problem)) => {
            assert_eq!(problem.status, Nullable::Value(400));
            assert_eq!(problem.instance, Nullable::Null);
            assert_eq!(problem.errors, Some(json!({"id": ["The value 'not-a-guid' is not valid."]})));
        }
        other => panic!("expected ValidationProblemDetails, got {other:?}"),
    }
    // The raw body is kept as sent.
    assert_eq!(serde_json::from_slice::<Value>(err.body()).unwrap(), body);

    // A problem with a title only shows the title.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            r#"{"title":"One or more validation errors occurred.","status":400,"errors":{"id":["Required."]}}"#,
            "application/problem+json",
        ))
        .mount(&server)
        .await;
    let err = client(&server).tokens().get(ID).await.unwrap_err();
    assert_eq!(err.to_string(), "400 Bad Request: One or more validation errors occurred. (tokens.get)");
}

#[tokio::test]
async fn from_env_with_reads_the_token_and_the_base_url_keeping_its_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/sitecore/tokens/api/token/v2/{ID}")))
        .and(header("authorization", "Bearer from-the-env"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body()))
        .expect(1)
        .mount(&server)
        .await;
    let base = format!("{}/sitecore/tokens/", server.uri());
    let client = Client::builder()
        .from_env_with(|name| match name {
            "SITECORE_API_TOKEN" => Some("from-the-env".to_owned()),
            "SITECORE_BASE_URL" => Some(base.clone()),
            _ => None,
        })
        .unwrap()
        .build()
        .unwrap();
    let token = client.tokens().get(ID).await.unwrap();
    assert_eq!(token.id.as_deref(), Some(ID));
}

#[test]
fn from_env_with_names_the_missing_token_variable() {
    let err = Client::builder().from_env_with(|_| None).unwrap_err();
    assert!(err.to_string().contains("SITECORE_API_TOKEN"), "{err}");
}
