//! The documented examples, taken from the specs' `example`s, deserialize into the generated types
//! and serialize back to equal JSON; unknown enum values and unknown fields survive too.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};
use workspace_tests::{at, response_example, spec};

use cloudflare_tokens_client::models as cf;
use route53_global_resolver_client::models as r53;
use sitecore_tokens_client::models as sc;

/// Deserializes, serializes back, and asserts the JSON is unchanged. Returns the typed value.
fn roundtrip<T: DeserializeOwned + Serialize>(value: &Value) -> T {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{} does not deserialize: {e}\n{value:#}", std::any::type_name::<T>()));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(&back, value, "{} does not round-trip", std::any::type_name::<T>());
    typed
}

/// Every component `example` of a spec, checked against the named Rust type.
macro_rules! component_examples {
    ($doc:expr, $($name:literal => $ty:ty),* $(,)?) => {{
        let doc = &$doc;
        let mut checked = 0;
        $(
            if let Some(example) = doc.pointer(concat!("/components/schemas/", $name, "/example")) {
                roundtrip::<$ty>(example);
                checked += 1;
            }
        )*
        checked
    }};
}

#[test]
fn cloudflare_documented_responses() {
    let doc = spec("cloudflare-tokens.yaml");
    let details = response_example(&doc, "/accounts/{account_id}/tokens/{token_id}", "get", "200");
    let envelope: cf::TokenDetailsEnvelope = roundtrip(&details);
    let token = envelope.result.expect("the documented token");
    assert_eq!(token.id.as_deref(), Some("ed17574386854bf78a67040be0a770b0"));
    assert_eq!(token.status, Some(cf::TokenStatus::Active));
    let ip = token.condition.and_then(|c| c.request_ip).expect("request_ip");
    assert_eq!(ip.in_.as_deref(), Some(&["123.123.123.0/24".to_string(), "2606:4700::/32".to_string()][..]));
    let policy = &token.policies.expect("policies")[0];
    assert_eq!(policy.effect, cf::TokenPolicyEffect::Allow);
    assert!(matches!(&policy.resources, cf::TokenPolicyResources::IamResourcesTypeObjectString(m) if m["foo"] == "string"));
    assert_eq!(token.expires_on.unwrap().to_rfc3339(), "2020-01-01T00:00:00+00:00");

    let verify = response_example(&doc, "/user/tokens/verify", "get", "200");
    let envelope: cf::TokenVerifyEnvelope = roundtrip(&verify);
    assert_eq!(envelope.result.unwrap().status, cf::TokenStatus::Active);

    let checked = component_examples!(doc,
        "ResponseMessage" => cf::ResponseMessage,
        "ResponseCommon" => cf::ResponseCommon,
        "ResponseCommonFailure" => cf::ResponseCommonFailure,
        "Token" => cf::Token,
        "TokenStatus" => cf::TokenStatus,
        "ConditionRequestIP" => cf::ConditionRequestIp,
        "TokenPolicy" => cf::TokenPolicy,
        "TokenPolicyEffect" => cf::TokenPolicyEffect,
        "PermissionGroup" => cf::PermissionGroup,
        "PermissionGroupMeta" => cf::PermissionGroupMeta,
        "IAMResourcesTypeObjectString" => cf::IamResourcesTypeObjectString,
        "IAMResourcesTypeObjectNested" => cf::IamResourcesTypeObjectNested,
        "TokenVerifyResponse" => cf::TokenVerifyResponse,
    );
    assert!(checked >= 5, "only {checked} component examples found");
}

#[test]
fn cloudflare_nested_resources_pick_the_nested_variant() {
    let nested = json!({"com.cloudflare.api.account.1": {"com.cloudflare.api.account.zone.*": "*"}});
    let resources: cf::TokenPolicyResources = roundtrip(&nested);
    assert!(matches!(resources, cf::TokenPolicyResources::IamResourcesTypeObjectNested(_)));
}

#[test]
fn unknown_enum_values_and_fields_survive() {
    let doc = spec("cloudflare-tokens.yaml");
    let mut details = response_example(&doc, "/accounts/{account_id}/tokens/{token_id}", "get", "200");
    details["result"]["status"] = json!("suspended");
    details["result"]["policies"][0]["effect"] = json!("audit");
    let expected = details.clone();
    details["result"]["brand_new_field"] = json!({"added": "tomorrow"});
    details["added_at_top"] = json!(1);

    let envelope: cf::TokenDetailsEnvelope = serde_json::from_value(details).expect("unknown fields are ignored");
    let token = envelope.result.clone().unwrap();
    assert_eq!(token.status, Some(cf::TokenStatus::Unknown("suspended".into())));
    assert_eq!(token.policies.unwrap()[0].effect, cf::TokenPolicyEffect::Unknown("audit".into()));
    assert_eq!(serde_json::to_value(&envelope).unwrap(), expected, "unknown values round-trip; unknown fields are dropped");
}

/// `additionalProperties: true` beside `properties` (widgets' `WidgetSettings`): the keys no
/// property names, of any JSON type, come back as they were read.
#[test]
fn extra_properties_survive_a_round_trip() {
    use widgets_client::models::WidgetSettings;
    let read = json!({
        "version": 3,
        "theme": "dark",
        "layout": {"columns": 2, "dense": true},
        "pinned": ["a", 1, null],
        "beta": false,
        "note": null,
    });
    let settings: WidgetSettings = roundtrip(&read);
    assert_eq!((settings.version, settings.theme.as_deref()), (3, Some("dark")));
    let extra: Vec<&str> = settings.additional_properties.keys().map(String::as_str).collect();
    assert_eq!(extra, ["beta", "layout", "note", "pinned"], "named properties are not in the map");
    assert_eq!(settings.additional_properties["layout"], json!({"columns": 2, "dense": true}));

    // Changed and written back: the unknown keys go with it.
    let mut changed = settings.clone();
    changed.version = 4;
    changed.additional_properties.insert("added".into(), json!(1.5));
    let mut expected = read.clone();
    expected["version"] = json!(4);
    expected["added"] = json!(1.5);
    assert_eq!(serde_json::to_value(&changed).unwrap(), expected);

    // Without extras, the map is empty and adds nothing.
    let plain: WidgetSettings = roundtrip(&json!({"version": 1}));
    assert!(plain.additional_properties.is_empty());
}

#[test]
fn every_enum_value_round_trips() {
    for (value, variant) in [
        ("active", cf::TokenStatus::Active),
        ("disabled", cf::TokenStatus::Disabled),
        ("expired", cf::TokenStatus::Expired),
    ] {
        assert_eq!(roundtrip::<cf::TokenStatus>(&json!(value)), variant);
    }
    for (value, variant) in [("allow", cf::TokenPolicyEffect::Allow), ("deny", cf::TokenPolicyEffect::Deny)] {
        assert_eq!(roundtrip::<cf::TokenPolicyEffect>(&json!(value)), variant);
    }
    for (value, variant) in [
        ("Published", sc::PublishState::Published),
        ("Preview", sc::PublishState::Preview),
        ("published", sc::PublishState::PublishedLower),
        ("preview", sc::PublishState::PreviewLower),
    ] {
        assert_eq!(roundtrip::<sc::PublishState>(&json!(value)), variant);
        assert_eq!(variant.as_str(), value);
    }
    for (value, variant) in [
        ("CREATING", r53::TokenStatus::Creating),
        ("OPERATIONAL", r53::TokenStatus::Operational),
        ("DELETING", r53::TokenStatus::Deleting),
    ] {
        assert_eq!(roundtrip::<r53::TokenStatus>(&json!(value)), variant);
    }
    for value in ["UNKNOWN_OPERATION", "CANNOT_PARSE", "FIELD_VALIDATION_FAILED", "OTHER"] {
        let reason: r53::ValidationExceptionReason = roundtrip(&json!(value));
        assert!(!matches!(reason, r53::ValidationExceptionReason::Unknown(_)), "{value} is a known reason");
    }
}

#[test]
fn sitecore_documented_fields() {
    let doc = spec("sitecore-tokens.yaml");
    let restrictions = at(&doc, "/components/schemas/TokenRestrictions/example").clone();
    let typed: sc::TokenRestrictions = roundtrip(&restrictions);
    assert_eq!(typed.publish_state, Some(vec![sc::PublishState::Published]));
    assert_eq!(typed.source_ips.as_deref(), Some(&["127.0.0.1".to_string()][..]));

    // Every documented field of the 200 body, with the doc's example restrictions, an explicit
    // `null` for `lastUse` and `updatedAt`, and all four publish-state spellings.
    let mut restrictions = restrictions;
    restrictions["publishState"] = json!(["Published", "Preview", "published", "preview"]);
    let token = json!({
        "id": "token-id",
        "label": "label",
        "description": "description",
        "managePersistedQueries": true,
        "expiration": "2026-01-01T00:00:00Z",
        "restrictions": restrictions,
        "lastUse": null,
        "system": {
            "createdAt": "2025-01-01T00:00:00Z",
            "createdBy": {"type": "user", "relatedType": "account", "id": "u1", "uri": "https://example.invalid/u1"},
            "updatedAt": null,
            "updatedBy": {"type": "user", "id": "u2"}
        }
    });
    let typed: sc::Token = roundtrip(&token);
    // `null` reads as `Null` (and is written back), not as an absent field.
    assert_eq!(typed.last_use, sitecore_tokens_client::Nullable::Null);
    assert_eq!(typed.restrictions.unwrap().publish_state.unwrap().len(), 4);
    let system = typed.system.unwrap();
    assert_eq!(system.created_by.unwrap().related_type.as_deref(), Some("account"));

    let with_last_use = json!({"lastUse": "2025-06-01T10:00:00Z"});
    let typed: sc::Token = serde_json::from_value(with_last_use).unwrap();
    assert_eq!(typed.last_use.as_deref(), Some("2025-06-01T10:00:00Z"));
}

#[test]
fn sitecore_problem_details() {
    let problem = json!({"type": "https://tools.ietf.org/html/rfc9110#section-15.5.2", "title": "Unauthorized", "status": 401, "detail": "The token is missing.", "instance": null});
    let typed: sc::ProblemDetails = roundtrip(&problem);
    assert_eq!(typed.to_string(), "Unauthorized: The token is missing.");
    let validation = json!({"title": "Bad Request", "status": 400, "detail": null, "type": null, "instance": null, "errors": {"id": ["The id is invalid."]}});
    let typed: sc::ValidationProblemDetails = roundtrip(&validation);
    assert_eq!(typed.to_string(), "Bad Request");
}

#[test]
fn route53_documented_response() {
    let doc = spec("route53-global-resolver.yaml");
    let example = response_example(&doc, "/tokens/{accessTokenId}", "get", "200");
    let out: r53::GetAccessTokenOutput = roundtrip(&example);
    assert_eq!(out.status, r53::TokenStatus::Creating);
    assert_eq!(out.created_at.to_rfc3339(), "2015-01-01T00:00:00+00:00");
    let debug = format!("{out:?}");
    assert!(debug.contains("value: \"<redacted>\""), "{debug}");
    assert!(!debug.contains("value: \"string\""), "the token value leaks in Debug: {debug}");
}
