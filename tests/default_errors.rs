//! Error responses whose `default` shares its body with an earlier error (`404: Problem`,
//! `422: Invalid`, `default: Problem`, the common shape of real specs), through the generated
//! `faults` client against a server on 127.0.0.1: a 404 and a 500 both reach the typed
//! `Problem` variant, a 422 its own, and an operation without a `default` still leaves an
//! undocumented status `Unknown`.

use faults_client::{PartsDeleteError, PartsGetError};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server answering `verb /v1/parts/p-1` with `status` and the JSON `body`.
async fn server(verb: &str, status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path("/v1/parts/p-1"))
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json"))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> faults_client::Client {
    faults_client::Client::builder()
        .bearer_token("faults-test-token")
        .base_url(format!("{}/v1", server.uri()))
        .retries(0)
        .build()
        .unwrap()
}

async fn get_error(status: u16, body: Value) -> api_runtime::Error<PartsGetError> {
    let server = server("GET", status, body).await;
    client(&server).parts().get("p-1").await.unwrap_err()
}

#[tokio::test]
async fn a_documented_404_is_the_problem_variant() {
    let err = get_error(404, json!({"message": "no part p-1", "trace": "t-1"})).await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    match err.details() {
        Some(PartsGetError::Problem(p)) => {
            assert_eq!(p.message, "no part p-1");
            assert_eq!(p.trace.as_deref(), Some("t-1"));
        }
        other => panic!("expected the 404 Problem, got {other:?}"),
    }
}

#[tokio::test]
async fn a_500_reaches_the_default_s_problem_variant() {
    let err = get_error(500, json!({"message": "database down"})).await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    match err.details() {
        Some(PartsGetError::Problem(p)) => assert_eq!(p.message, "database down"),
        other => panic!("expected the default's Problem for a 500, got {other:?}"),
    }
}

#[tokio::test]
async fn an_undocumented_4xx_also_reaches_the_default_s_variant() {
    let err = get_error(409, json!({"message": "locked"})).await;
    assert!(matches!(err.details(), Some(PartsGetError::Problem(p)) if p.message == "locked"), "{:?}", err.details());
}

#[tokio::test]
async fn a_422_keeps_its_own_variant() {
    let err = get_error(422, json!({"message": "bad id", "field": "id"})).await;
    // The owned details, as a caller that keeps only them takes them.
    match err.into_details() {
        Some(PartsGetError::Invalid(i)) => assert_eq!((i.message.as_str(), i.field.as_str()), ("bad id", "id")),
        other => panic!("expected the 422 Invalid, got {other:?}"),
    }
}

#[tokio::test]
async fn a_default_body_that_does_not_parse_is_unknown() {
    let err = get_error(500, json!({"error": "not a problem"})).await;
    assert_eq!(
        err.details(),
        Some(&PartsGetError::Unknown { code: None, message: Some("not a problem".into()) })
    );
}

#[tokio::test]
async fn without_a_default_an_undocumented_status_stays_unknown() {
    let failing = server("DELETE", 500, json!({"message": "database down"})).await;
    let err = client(&failing).parts().delete("p-1").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(
        err.details(),
        Some(&PartsDeleteError::Unknown { code: None, message: Some("database down".into()) })
    );
    let not_found = server("DELETE", 404, json!({"message": "no part p-1"})).await;
    let err = client(&not_found).parts().delete("p-1").await.unwrap_err();
    assert!(matches!(err.details(), Some(PartsDeleteError::Problem(p)) if p.message == "no part p-1"), "{:?}", err.details());
}
