//! Operations whose success statuses have different bodies return an enum with one variant per
//! status, chosen by the status the server sent (widgets' `export`: 200 with the widget, 202
//! with a job, 204 with nothing), over real HTTP on 127.0.0.1.

use serde_json::json;
use widgets_client::models::Color;
use widgets_client::WidgetsExportResponse;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn export_with(status: u16, body: Option<serde_json::Value>) -> Result<WidgetsExportResponse, widgets_client::Error<serde_json::Value>> {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    if let Some(body) = body {
        response = response.set_body_json(body);
    }
    Mock::given(method("POST")).and(path("/api/widgets/w%201/export")).respond_with(response).expect(1).mount(&server).await;
    let client = widgets_client::Client::builder().bearer_token("t").base_url(format!("{}/api", server.uri())).build().unwrap();
    client.widgets().export("w 1").await
}

#[tokio::test]
async fn status_200_gives_the_widget() {
    let out = export_with(200, Some(json!({"id": "w-1", "name": "Sprocket", "color": "green"}))).await.unwrap();
    let WidgetsExportResponse::Ok(widget) = out else { panic!("expected Ok, got {out:?}") };
    assert_eq!((widget.id.as_str(), widget.color), ("w-1", Some(Color::Green)));
}

#[tokio::test]
async fn status_202_gives_the_job() {
    let out = export_with(202, Some(json!({"job": "job-7"}))).await.unwrap();
    let WidgetsExportResponse::Accepted(job) = out else { panic!("expected Accepted, got {out:?}") };
    assert_eq!(job.job, "job-7");
}

#[tokio::test]
async fn status_204_gives_no_content() {
    assert_eq!(export_with(204, None).await.unwrap(), WidgetsExportResponse::NoContent);
}

#[tokio::test]
async fn an_undeclared_2xx_is_read_as_the_first_status() {
    let out = export_with(201, Some(json!({"id": "w-2", "name": "Cog"}))).await.unwrap();
    assert!(matches!(out, WidgetsExportResponse::Ok(ref w) if w.name == "Cog"), "{out:?}");
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_for_its_status_is_a_decode_error() {
    let err = export_with(202, Some(json!({"id": "w-1", "name": "Sprocket"}))).await.unwrap_err();
    assert_eq!(err.kind(), widgets_client::ErrorKind::Decode, "{err}");
    assert!(err.to_string().contains("widgets.export"), "{err}");
}
