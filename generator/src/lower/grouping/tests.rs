use super::*;

fn input<'a>(id: Option<&'a str>, method: &'a str, path: &'a str, tags: &'a [String]) -> Input<'a> {
    Input { id, path, method, tags }
}

fn calls(ops: &[Input<'_>]) -> Vec<String> {
    plan(ops).into_iter().map(|c| c.map_or_else(|| "-".to_string(), |c| c.group.iter().chain([&c.method]).cloned().collect::<Vec<_>>().join("."))).collect()
}

#[test]
fn small_apis_stay_flat() {
    let tags = vec!["Widgets".to_string()];
    let ops: Vec<Input> = (0..FLAT_MAX).map(|_| input(Some("listWidgets"), "get", "/widgets", &tags)).collect();
    assert!(plan(&ops).iter().all(Option::is_none));
}

#[test]
fn namespaces_group_even_a_small_api() {
    let ops = [
        input(Some("actions/cancel-workflow-run"), "post", "/a", &[]),
        input(Some("repos.get"), "get", "/b", &[]),
        input(Some("v1.message.create"), "post", "/c", &[]),
        input(Some("apis.createApi"), "post", "/d", &[]),
    ];
    assert_eq!(calls(&ops), ["actions.cancel_workflow_run", "repos.get", "message.create", "apis.create"]);
}

#[test]
fn paths_in_ids_are_not_namespaces() {
    assert_eq!(namespace("get-/tax-rates/v1/tax-rates"), None);
    assert_eq!(namespace("ssl/-tls-mode-recommendation"), None);
    assert_eq!(namespace("listWidgets"), None);
    assert_eq!(namespace("sessions/list"), Some(vec!["sessions", "list"]));
}

#[test]
fn tags_are_groups_and_their_words_leave_the_method_name() {
    let apps = vec!["Access applications".to_string()];
    let groups = vec!["Access groups".to_string()];
    let zones = vec!["Zones".to_string()];
    let mut ops = vec![
        input(Some("access-applications-add-an-application"), "post", "/apps", &apps),
        input(Some("access-applications-delete-an-access-application"), "delete", "/apps/{id}", &apps),
        input(Some("access-groups-list-access-groups"), "get", "/groups", &groups),
        input(Some("access-groups-create-an-access-group"), "post", "/groups", &groups),
    ];
    ops.extend((0..FLAT_MAX).map(|_| input(Some("zones-get"), "get", "/zones", &zones)));
    let got = calls(&ops);
    assert_eq!(got[..4], ["access.applications.add_an_application", "access.applications.delete", "access.groups.list", "access.groups.create"]);
    // Twenty calls of the same short name keep their whole name less the tag's words (the
    // namespace in `lower` then numbers them).
    assert_eq!(got[4], "zones.get");
}

#[test]
fn group_words_leave_the_method_name_once() {
    let group = vec![words("organizations"), words("dashboards")];
    assert_eq!(strip(&words("listOrganizationDashboards"), &group, None, &[]), "list");
    assert_eq!(strip(&words("getOrganization"), &group[..1], None, &[]), "get");
    // Nothing but stop words left: the whole name stays.
    assert_eq!(strip(&words("dashboards_for_a"), &group[1..], None, &[]), "dashboards_for_a");
}

#[test]
fn many_tags_go_under_the_path() {
    let tags: Vec<Vec<String>> = (0..=TOP_MAX).map(|i| vec![format!("Thing{i}")]).collect();
    let ops: Vec<Input> = tags
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            let path = if i % 2 == 0 { "/accounts/{id}/x" } else { "/zones/{id}/y" };
            [input(None, "get", path, t), input(None, "delete", path, t)]
        })
        .collect();
    let got = calls(&ops);
    assert_eq!(got[..4], ["accounts.thing0.get_x", "accounts.thing0.delete_x", "zones.thing1.get_y", "zones.thing1.delete_y"]);
    // A group of one call is none: the call goes up, under its whole name.
    let got = calls(&ops.iter().step_by(2).copied().collect::<Vec<_>>());
    assert_eq!(got[..2], ["accounts.get_accounts_x", "zones.get_zones_y"]);
}

#[test]
fn untagged_operations_group_by_path_without_ids() {
    let ops: Vec<Input> = ["/v1/sandboxes", "/v1/sandboxes/{id}", "/v1/sandboxes/{id}/pause", "/v1/teams"]
        .iter()
        .cycle()
        .take(FLAT_MAX + 4)
        .zip(["get", "get", "post", "get"].iter().cycle())
        .map(|(p, m)| input(None, m, p, &[]))
        .collect();
    let got = calls(&ops[..4]);
    assert_eq!(got, ["-", "-", "-", "-"]);
    let got = calls(&ops);
    // Repeated paths clash, so they keep whole names; the first four show the shape.
    assert!(got[0].starts_with("sandboxes."), "{got:?}");
    let distinct: Vec<Input> = ops[..4].iter().copied().chain((0..FLAT_MAX).map(|_| input(Some("x"), "get", "/other", &[]))).collect();
    let got = calls(&distinct);
    // `teams` would hold one call: it goes on `Client`.
    assert_eq!(&got[..4], ["sandboxes.list", "sandboxes.get", "sandboxes.pause", "get_teams"]);
}

#[test]
fn shared_first_words_nest() {
    let list: Vec<(&str, Vec<String>)> =
        ["Zero Trust accounts", "Zero Trust Gateway rules", "Zero Trust Gateway locations", "DNSSEC"].iter().map(|t| (*t, words(t))).collect();
    let items: Vec<(&str, &[String])> = list.iter().map(|(t, w)| (*t, w.as_slice())).collect();
    let mut out = HashMap::new();
    radix(&items, &mut Vec::new(), &mut out);
    let joined = |t: &str| out[t].iter().map(|w| w.join("_")).collect::<Vec<_>>().join(".");
    assert_eq!(joined("Zero Trust accounts"), "zero_trust.accounts");
    assert_eq!(joined("Zero Trust Gateway rules"), "zero_trust.gateway.rules");
    assert_eq!(joined("DNSSEC"), "dnssec");
}

#[test]
fn keywords_are_escaped_and_reserved_names_kept_whole() {
    let ops: Vec<Input> = vec![input(Some("things.type"), "get", "/t", &[]), input(Some("things.from"), "get", "/f", &[])];
    assert_eq!(calls(&ops), ["things.type_", "things.from"]);
}
