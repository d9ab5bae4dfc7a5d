use super::*;
use crate::ir::{ErrorCodeStyle, PageKind};
use serde_json::json;

fn ext(value: Value) -> Extensions {
    serde_json::from_value(value).unwrap()
}

#[test]
fn every_key_is_found_by_its_name() {
    for key in Key::ALL {
        assert_eq!(Key::find(key.name()), Some(key));
    }
    assert_eq!(Key::find("x-rust-nope"), None);
}

#[test]
fn simple_values_say_what_they_must_be() {
    let cases = [
        (Key::Name, json!("fn"), "`x-rust-name` must be a Rust identifier (not a keyword) such as `TokenStatus`, found `\"fn\"`"),
        (Key::Method, json!("a..b"), "`x-rust-method` must be a dotted snake_case call path such as `accounts.tokens.get`, found `\"a..b\"`"),
        (Key::Sensitive, json!("yes"), "`x-sensitive` must be `true` or `false`, found `\"yes\"`"),
        (Key::ErrorCode, json!(""), "`x-rust-error-code` must be a non-empty string, found `\"\"`"),
        (Key::StreamItem, json!(5), "`x-rust-stream-item` must be a mapping, found `5`"),
    ];
    for (key, value, message) in cases {
        let (got, help) = key.check(&value).unwrap_err();
        assert_eq!(got, message);
        assert!(help.unwrap().starts_with(&format!("write `{}` as ", key.name())));
    }
    for (key, value) in [(Key::Name, json!("TokenStatus")), (Key::Method, json!("accounts.tokens.get")), (Key::Retryable, json!(false))] {
        assert_eq!(key.check(&value), Ok(()), "{key:?}");
    }
}

#[test]
fn bearer_is_not_an_auth_extension() {
    assert_eq!(Key::Auth.check(&json!("aws-sigv4")), Ok(()));
    let (message, _) = Key::Auth.check(&json!("bearer")).unwrap_err();
    assert!(message.contains("a bearer token is `type: http, scheme: bearer`"), "{message}");
}

#[test]
fn typed_reads_of_schema_operation_and_scheme() {
    let schema = SchemaExt::of(&ext(json!({
        "x-rust-name": "Token", "x-sensitive": true, "x-rust-error-code": "Throttled",
        "x-rust-retryable": true, "x-rust-header": "Retry-After", "x-idempotency-token": true, "x-other": 1
    })));
    let want = SchemaExt {
        name: Some("Token".into()),
        sensitive: true,
        error_code: Some("Throttled".into()),
        retryable: true,
        header: Some("Retry-After".into()),
        idempotency_token: true,
    };
    assert_eq!(schema, want);
    assert_eq!(SchemaExt::of(&Extensions::new()), SchemaExt::default());

    let op = OperationExt::of(&ext(json!({"x-rust-method": "things.list", "x-rust-pagination": false})));
    assert_eq!(op.method, Some(CallPath(vec!["things".into(), "list".into()])));
    assert_eq!(op.pagination, Some(PaginationExt::Off));

    let scheme = SchemeExt::of(&ext(json!({"x-rust-auth": "aws-sigv4", "x-aws-signing-name": "route53"})));
    assert_eq!(scheme, SchemeExt { auth: Some(Auth::AwsSigV4), signing_name: Some("route53".into()) });
}

#[test]
fn pagination_styles_and_their_needs() {
    let spec = |v: Value| pagination::parse(&v);
    let Ok(PaginationExt::Given(given)) = spec(json!({"style": "starting-after", "param": "after", "has-more": "/has_more"})) else {
        panic!("a whole starting-after spec parses")
    };
    assert_eq!((given.style, given.param.as_deref(), given.has_more), (PageKind::StartingAfter, Some("after"), Some(BodyPointer("/has_more".into()))));
    assert!(matches!(spec(json!({"style": "link"})), Ok(PaginationExt::Given(PageSpec { style: PageKind::Link, .. }))));
    for kind in PageKind::ALL {
        let parsed: PageKind = serde_json::from_value(json!(kind.name())).unwrap();
        assert_eq!(parsed, kind);
    }
    let problem = |v: Value| spec(v).unwrap_err().0;
    assert_eq!(problem(json!({"style": "cursor", "param": "c"})), "with `style: cursor` needs `next`");
    assert_eq!(problem(json!({"style": "page"})), "with `style: page` needs `param`");
    assert_eq!(problem(json!({"style": "offset", "param": "o", "total": "total"})), "`total` must be a JSON pointer such as `/data`, found `total`");
    assert_eq!(problem(json!(true)), "must be `false` or a mapping, found `true`");
    assert!(problem(json!({"style": "pages"})).contains("unknown variant `pages`, expected one of `cursor`, `starting-after`, `page`, `offset`, `link`"));
    assert!(problem(json!({"style": "link", "nxt": "/n"})).contains("unknown field `nxt`"));
}

#[test]
fn client_keys_are_checked_one_by_one() {
    let client = json!({
        "name": "Bad Name", "version": "0.2.0", "error-code": "smithy", "retries": 3,
        "auth-env": {"basic": ["U", "P"]}, "overlays": ["a.yaml"], "base-url-env": ["A", "B"]
    });
    let problems = client::problems(client.as_object().unwrap());
    let keys: Vec<&str> = problems.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(keys, ["name", "error-code", "retries"]);
    assert_eq!(problems[0].1, "`name` must be a lower-case crate prefix such as `my-api`, found `\"Bad Name\"`");
    assert_eq!(problems[2].2.as_deref(), Some("known keys: name, version, token-env, auth-env, base-url-env, request-id-header, envelope, error-code, overlays"));

    let good = ClientExt::of(Some(&json!({"error-code": "aws", "auth-env": {"basic": ["U", "P"]}, "base-url-env": "URL", "envelope": {"result": "r"}})));
    assert_eq!(good.error_code, Some(ErrorCode(ErrorCodeStyle::Aws)));
    assert_eq!(good.auth_env.unwrap()["basic"], Names(vec!["U".into(), "P".into()]));
    assert_eq!(good.base_url_env, Some(Names(vec!["URL".into()])));
    assert_eq!(good.envelope.map(|e| (e.result, e.success)), Some(("r".to_string(), None)));
}
