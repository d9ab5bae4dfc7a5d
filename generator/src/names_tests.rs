//! Environment variable names, word splitting and numbered collisions.

use super::*;

#[test]
fn env_var_names() {
    assert_eq!(env_var("CLOUDFLARE", "api-email"), "CLOUDFLARE_API_EMAIL");
    assert_eq!(env_var("SHOP", "access token"), "SHOP_ACCESS_TOKEN");
    assert_eq!(env_var("SHOP", "clientSecret"), "SHOP_CLIENT_SECRET");
    assert_eq!(env_var("", "api key"), "API_KEY");
    assert_eq!(env_var("SHOP", ""), "SHOP");
    // Only ASCII letters, digits and single underscores.
    assert_eq!(env_var("SHOP", "x--é key__2"), "SHOP_X_KEY_2");
}

#[test]
fn words_of_names() {
    assert_eq!(words("listOrganizationDashboards"), ["list", "organization", "dashboards"]);
    assert_eq!(words("User's Invites"), ["user", "invites"]);
    assert_eq!(words("get-DNS-records"), ["get", "dns", "records"]);
    assert!(words("").is_empty());
}

#[test]
fn numbered_collisions_in_both_styles() {
    let mut ns = Namespace::new();
    ns.reserve("builder");
    assert!(!ns.is_free("builder"));
    assert_eq!(ns.claim("builder", "Builder"), "builder_2", "a reserved name is never handed out");
    assert_eq!(ns.claim("get", "get"), "get");
    assert_eq!(ns.claim("get", "get"), "get_lower", "an all-lower-case original first gets its case");
    assert_eq!(ns.claim("get", "get"), "get_2");
    assert_eq!(ns.claim("get", "get"), "get_3");
    // A keyword's escape is dropped before the number: `type_` then `type_2`.
    assert_eq!(ns.claim("type_", "Type"), "type_");
    assert_eq!(ns.claim("type_", "Type"), "type_2");
    // Digits only: no case to tell them apart.
    assert_eq!(ns.claim("V1", "1"), "V1");
    assert_eq!(ns.claim("V1", "1"), "V12");
}

#[test]
fn type_names_of_components() {
    assert_eq!(type_name("token_status"), "TokenStatus");
    assert_eq!(type_name("api-token.v2"), "ApiTokenV2");
    // Names the models crate's prelude would shadow get a suffix.
    assert_eq!(type_name("Option"), "OptionModel");
}
