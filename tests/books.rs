//! The books test API (`tests/specs/books.yaml`) against a local server: error messages that
//! say the status's reason once, error variants named after their status, and union variants
//! named after what they hold.

use books_client::models::{Book, BookRating, BookRatingUnrated, CreateBookConflict, Problem};
use books_client::{Client, CreateBookError, ErrorKind};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server(verb: &str, at: &str, status: u16, content_type: &str, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_string(), content_type))
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder().bearer_token("books-token").base_url(server.uri()).retries(0).build().unwrap()
}

fn book(rating: BookRating) -> Book {
    Book { id: "b-1".into(), title: "Dune".into(), rating }
}

#[tokio::test]
async fn a_problem_titled_with_the_reason_says_it_once() {
    let problem = json!({"type": "about:blank", "title": "Not Found", "status": 404, "detail": "no book missing"});
    let server = server("GET", "/books/missing", 404, "application/problem+json", problem).await;
    let err = client(&server).get_book_by_id("missing").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.to_string(), "404 Not Found: no book missing (get_book_by_id)");
    // The details keep the title: only the one-line message leaves out the repeat.
    assert_eq!(err.details().and_then(|p| p.title.as_deref()), Some("Not Found"));
}

#[tokio::test]
async fn a_problem_with_its_own_title_keeps_it() {
    let problem = json!({"title": "Book withdrawn", "status": 404, "detail": "b-9 left the catalogue"});
    let withdrawn = server("GET", "/books/b-9", 404, "application/problem+json", problem).await;
    let err = client(&withdrawn).get_book_by_id("b-9").await.unwrap_err();
    assert_eq!(err.to_string(), "404 Not Found: Book withdrawn: b-9 left the catalogue (get_book_by_id)");

    // A title that is only the reason (in any case) leaves nothing to add.
    let reason_only = server("GET", "/books/b-0", 404, "application/problem+json", json!({"title": "not found"})).await;
    let err = client(&reason_only).get_book_by_id("b-0").await.unwrap_err();
    assert_eq!(err.to_string(), "404 Not Found (get_book_by_id)");
}

#[tokio::test]
async fn a_conflict_reaches_its_status_variant() {
    let body = json!({"message": "a book with id b-1 exists", "existing_id": "b-1"});
    let server = server("POST", "/books", 409, "application/json", body).await;
    let err = client(&server).create_book(&book(BookRating::Integer(5))).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.to_string(), "409 Conflict: a book with id b-1 exists (create_book)");
    match err.details() {
        Some(CreateBookError::Conflict(CreateBookConflict { message, existing_id })) => {
            assert_eq!(message, "a book with id b-1 exists");
            assert_eq!(existing_id, "b-1");
        }
        other => panic!("expected the Conflict variant, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unprocessable_book_reaches_the_problem_variant() {
    let problem = json!({"title": "Unprocessable Entity", "status": 422, "detail": "title must not be empty"});
    let server = server("POST", "/books", 422, "application/problem+json", problem).await;
    let err = client(&server).create_book(&book(BookRating::Integer(1))).await.unwrap_err();
    assert_eq!(err.to_string(), "422 Unprocessable Entity: title must not be empty (create_book)");
    assert!(matches!(err.details(), Some(CreateBookError::Problem(Problem { status: Some(422), .. }))), "{err:?}");
}

#[tokio::test]
async fn ratings_round_trip_through_the_client() {
    let server = MockServer::start().await;
    for (id, rating) in [("b-5", json!(5)), ("b-u", json!("unrated"))] {
        Mock::given(method("GET"))
            .and(path(format!("/books/{id}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": id, "title": "Dune", "rating": rating})))
            .mount(&server)
            .await;
    }
    let rated = client(&server).get_book_by_id("b-5").await.unwrap();
    assert_eq!(rated.rating, BookRating::Integer(5));
    let unrated = client(&server).get_book_by_id("b-u").await.unwrap();
    assert_eq!(unrated.rating, BookRating::Unrated(BookRatingUnrated::Unrated));

    for (rating, wire) in [(BookRating::Integer(5), json!(5)), (BookRating::Unrated(BookRatingUnrated::Unrated), json!("unrated"))] {
        let sent = serde_json::to_value(book(rating.clone())).unwrap();
        assert_eq!(sent["rating"], wire);
        assert_eq!(serde_json::from_value::<Book>(sent).unwrap().rating, rating);
    }
}
