//! Cargo features per tag, so that a program using a few endpoints of a big API compiles only
//! those and the types they reach.
//!
//! An API gets features when it has more than [`MIN_OPERATIONS`] operations and at least two
//! tags. Smaller APIs compile in moments anyway, and their crates stay free of features and
//! `cfg`s. With features:
//!
//! - every tag is a feature (its snake_case name); `full` enables them all and is the default;
//! - an operation (its method, request builder and error enum) is compiled when any of its tags'
//!   features is on; an operation without tags always is;
//! - a group (`client.accounts()`) is compiled when any operation below it is;
//! - a type is compiled when any feature whose operations reach it is on (reachability over the
//!   IR: parameters, bodies, responses and errors, then fields, variants and alias targets).
//!   Types reached by more than [`MAX_GATE_FEATURES`] features, by an operation without tags, or
//!   from the error type most operations use (the default of the client's `Error<E>`), are always
//!   compiled: they are the API's shared vocabulary, and a long `cfg` would cost more than it
//!   saves. Types that no operation reaches need `full`.
//!
//! A type's features always include those of every type that uses it (whatever reaches the user
//! reaches what it uses), so whatever is enabled compiles.

use crate::ir::*;
use crate::names::{snake, Namespace};
use std::collections::BTreeMap;

/// APIs with at most this many operations get no features.
pub const MIN_OPERATIONS: usize = 10;

/// Types reached by more features than this are always compiled.
pub const MAX_GATE_FEATURES: usize = 12;

/// Names a feature may not take: Cargo's own (`default`), ours (`full`) and the crates'
/// dependencies (a feature may not share a dependency's name).
const RESERVED: &[&str] = &["default", "full", "serde", "serde_json", "chrono", "api_runtime", "std"];

/// Makes the features and sets the gate of every operation, group and type.
pub fn assign(api: &mut Api) {
    let mut names = Namespace::new();
    for reserved in RESERVED {
        names.reserve(reserved);
    }
    names.reserve(&snake(&format!("{}-models", api.name)));
    let mut features: Vec<Feature> = Vec::new();
    // For each operation, the features of its tags (sorted, deduplicated).
    let mut op_features: Vec<Vec<usize>> = Vec::with_capacity(api.operations.len());
    for op in &api.operations {
        let mut mine = Vec::new();
        for tag in &op.tags {
            let index = match features.iter().position(|f| f.tag == *tag) {
                Some(i) => i,
                None => {
                    // A tag called `default` becomes `default_tag`.
                    let mut base = snake(tag);
                    if RESERVED.contains(&base.as_str()) {
                        base.push_str("_tag");
                    }
                    features.push(Feature { name: names.claim(&base, tag), tag: tag.clone() });
                    features.len() - 1
                }
            };
            mine.push(index);
        }
        mine.sort_unstable();
        mine.dedup();
        op_features.push(mine);
    }
    if api.operations.len() <= MIN_OPERATIONS || features.len() < 2 {
        return;
    }

    // Roots of each walk: the operations of each feature, then (index `features.len()`) what is
    // always compiled: untagged operations and the most common error type.
    let always_walk = features.len();
    let mut roots: Vec<Vec<TypeId>> = vec![Vec::new(); features.len() + 1];
    for (op, mine) in api.operations.iter().zip(&op_features) {
        if mine.is_empty() {
            op_roots(op, &mut roots[always_walk]);
        }
        for &f in mine {
            op_roots(op, &mut roots[f]);
        }
    }
    for t in most_common_errors(api) {
        push(t, &mut roots[always_walk]);
    }

    // Which features reach each type (ascending, as the walks go in feature order).
    let n = api.types.len();
    let mut reached: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut always = vec![false; n];
    let mut seen = vec![usize::MAX; n];
    for (walk, mut stack) in roots.into_iter().enumerate() {
        while let Some(id) = stack.pop() {
            if id >= n || seen[id] == walk {
                continue;
            }
            seen[id] = walk;
            if walk == always_walk {
                always[id] = true;
            } else {
                reached[id].push(walk);
            }
            edges(&api.types[id].kind, &mut stack);
        }
    }
    for (id, t) in api.types.iter_mut().enumerate() {
        t.gate = if always[id] || reached[id].len() > MAX_GATE_FEATURES {
            Gate::Always
        } else if reached[id].is_empty() {
            Gate::Full
        } else {
            Gate::Any(std::mem::take(&mut reached[id]))
        };
    }
    for (op, mine) in api.operations.iter_mut().zip(op_features) {
        op.gate = if mine.is_empty() { Gate::Always } else { Gate::Any(mine) };
    }
    for g in &mut api.groups {
        g.gate = any_of(api.operations.iter().filter(|o| o.group.starts_with(&g.path)).map(|o| &o.gate));
    }
    api.features = features;
}

/// The gate of something each of `gates` needs: compiled whenever any of them is. `full` enables
/// every feature, so `Any` also covers users gated on `full`; with no users at all, `full`.
pub fn any_of<'g>(gates: impl IntoIterator<Item = &'g Gate>) -> Gate {
    let mut any: Vec<usize> = Vec::new();
    for gate in gates {
        match gate {
            Gate::Always => return Gate::Always,
            Gate::Full => {}
            Gate::Any(fs) => any.extend(fs),
        }
    }
    any.sort_unstable();
    any.dedup();
    if any.is_empty() {
        Gate::Full
    } else {
        Gate::Any(any)
    }
}

/// The error types used by the most operations (all of them on a tie): one of them is the
/// default of the client's `Error<E>`, which must compile whatever the features.
fn most_common_errors(api: &Api) -> Vec<&Ty> {
    let mut counts: BTreeMap<&Ty, usize> = BTreeMap::new();
    let mut untyped_count = 0;
    for op in &api.operations {
        match &op.errors {
            Errors::Untyped | Errors::Single(Ty::Json) => untyped_count += 1,
            Errors::Single(t) => *counts.entry(t).or_default() += 1,
            // Each operation has its own enum; it counts once, like in `emit`.
            Errors::Enum(_) => {}
        }
    }
    let max = counts.values().copied().max().unwrap_or(0);
    // `serde_json::Value` (untyped errors) is always there.
    if max == 0 || max < untyped_count {
        return Vec::new();
    }
    counts.into_iter().filter(|(_, c)| *c == max).map(|(t, _)| t).collect()
}

pub(super) fn push(ty: &Ty, stack: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => stack.push(*id),
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => push(inner, stack),
        _ => {}
    }
}

/// The types an operation uses directly: every type its method, builder or error enum names must
/// be here, or a feature could turn the operation on without them.
fn op_roots(op: &Operation, stack: &mut Vec<TypeId>) {
    for p in &op.params {
        push(&p.ty, stack);
    }
    if let Some(b) = &op.body {
        push(&b.ty, stack);
        for f in b.kind.multipart().into_iter().flat_map(|m| m.all_fields()) {
            push(&f.ty, stack);
        }
    }
    push(&op.response.ty, stack);
    for v in op.response.by_status().into_iter().flat_map(|b| &b.variants) {
        push(&v.ty, stack);
    }
    match &op.errors {
        Errors::Untyped => {}
        Errors::Single(t) => push(t, stack),
        Errors::Enum(e) => {
            for v in &e.variants {
                push(&v.ty, stack);
                for (_, _, t) in &v.header_fields {
                    push(t, stack);
                }
            }
        }
    }
}

/// The types a type uses directly.
pub(super) fn edges(kind: &TypeKind, stack: &mut Vec<TypeId>) {
    match kind {
        TypeKind::Struct(s) => {
            for f in &s.fields {
                push(&f.ty, stack);
            }
            if let Some(e) = &s.extra {
                push(e, stack);
            }
        }
        TypeKind::Untagged(vs) => {
            for v in vs {
                push(&v.ty, stack);
            }
        }
        TypeKind::Tagged { variants, .. } => {
            for v in variants {
                push(&v.ty, stack);
            }
        }
        TypeKind::Alias(t) => push(t, stack),
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::Settings;

    /// One `GET /<id>` operation: its tags and the component schema its 200 response returns.
    struct Op<'a> {
        id: &'a str,
        tags: &'a [&'a str],
        returns: &'a str,
    }

    fn op<'a>(id: &'a str, tags: &'a [&'a str], returns: &'a str) -> Op<'a> {
        Op { id, tags, returns }
    }

    /// Lowers a spec with these operations (each with a `4XX` error of `error`) and schemas.
    fn lowered(ops: &[Op<'_>], error: &str, schemas: &str) -> Api {
        let mut yaml = String::from("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n");
        for o in ops {
            let tags: Vec<String> = o.tags.iter().map(|t| format!("{t:?}")).collect();
            yaml.push_str(&format!(
                "  /{id}:\n    get:\n      operationId: {id}\n      tags: [{tags}]\n      responses:\n\
                 \x20       '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/{ret}'}}}}}}}}\n\
                 \x20       4XX: {{description: no, content: {{application/json: {{schema: {{$ref: '#/components/schemas/{error}'}}}}}}}}\n",
                id = o.id,
                tags = tags.join(", "),
                ret = o.returns,
            ));
        }
        yaml.push_str("components:\n  schemas:\n");
        for line in schemas.trim().lines() {
            yaml.push_str(&format!("    {}\n", line.trim()));
        }
        let settings = Settings::for_spec("specs/t.yaml");
        let mut diags = Diagnostics::new(&settings.spec_path);
        let (_, doc) = crate::load::load(&yaml, &mut diags).expect("the test spec loads");
        let api = crate::lower::lower(&doc, &settings, &mut diags);
        assert!(!diags.has_errors(), "{:?}\n{yaml}", diags.into_vec());
        api
    }

    fn ty_gate<'a>(api: &'a Api, name: &str) -> &'a Gate {
        &api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}")).gate
    }

    fn op_gate<'a>(api: &'a Api, id: &str) -> &'a Gate {
        &api.operations.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no operation {id}")).gate
    }

    /// `Gate::Any` of these feature names.
    fn any(api: &Api, names: &[&str]) -> Gate {
        let mut ids: Vec<usize> = names
            .iter()
            .map(|n| api.features.iter().position(|f| f.name == *n).unwrap_or_else(|| panic!("no feature {n}")))
            .collect();
        ids.sort_unstable();
        Gate::Any(ids)
    }

    /// Whether `outer` is on whenever `inner` is (`full` turns every feature on).
    fn covers(outer: &Gate, inner: &Gate) -> bool {
        match (outer, inner) {
            (Gate::Always, _) => true,
            (_, Gate::Always) => false,
            (_, Gate::Full) => true,
            (Gate::Full, Gate::Any(_)) => false,
            (Gate::Any(o), Gate::Any(i)) => i.iter().all(|f| o.contains(f)),
        }
    }

    /// Whatever is enabled compiles: every type, operation and group is covered by what uses it.
    fn assert_closed(api: &Api) {
        for t in &api.types {
            let mut used = Vec::new();
            edges(&t.kind, &mut used);
            for u in used {
                assert!(covers(&api.types[u].gate, &t.gate), "{} ({:?}) uses {} ({:?})", t.name, t.gate, api.types[u].name, api.types[u].gate);
            }
        }
        for o in &api.operations {
            let mut used = Vec::new();
            op_roots(o, &mut used);
            for u in used {
                assert!(covers(&api.types[u].gate, &o.gate), "{} ({:?}) uses {} ({:?})", o.id, o.gate, api.types[u].name, api.types[u].gate);
            }
            for g in api.groups.iter().filter(|g| o.group.starts_with(&g.path)) {
                assert!(covers(&g.gate, &o.gate), "group {} does not cover {}", g.struct_name, o.id);
            }
        }
    }

    const SCHEMAS: &str = "
        Failure: {type: object, properties: {message: {type: string}}}
        Shared: {type: object, properties: {inner: {$ref: '#/components/schemas/Inner'}}}
        Inner: {type: object, properties: {status: {$ref: '#/components/schemas/Status'}}}
        Status: {type: string, enum: [on, off]}
        OnlyZones: {type: object, properties: {id: {type: string}}}
        Health: {type: object, properties: {ok: {$ref: '#/components/schemas/HealthDetail'}}}
        HealthDetail: {type: object, properties: {status: {$ref: '#/components/schemas/Status'}, since: {type: string}}}
        Orphan: {type: object, properties: {zone: {$ref: '#/components/schemas/OnlyZones'}}}
    ";

    fn sample() -> Api {
        lowered(
            &[
                op("health", &[], "Health"),
                op("tokens1", &["User API Tokens"], "Shared"),
                op("tokens2", &["User API Tokens"], "Shared"),
                op("tokens3", &["User API Tokens"], "Shared"),
                op("accounts1", &["Account Tokens"], "Shared"),
                op("accounts2", &["Account Tokens"], "Shared"),
                op("both", &["Account Tokens", "User API Tokens"], "Shared"),
                op("zones1", &["Zones"], "OnlyZones"),
                op("zones2", &["Zones"], "OnlyZones"),
                op("zones3", &["Zones"], "OnlyZones"),
                op("zones4", &["Zones", "Zones"], "OnlyZones"),
            ],
            "Failure",
            SCHEMAS,
        )
    }

    #[test]
    fn features_are_tags_in_first_use_order() {
        let api = sample();
        let names: Vec<&str> = api.features.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["user_api_tokens", "account_tokens", "zones"]);
        assert_eq!(api.features[0].tag, "User API Tokens");
    }

    #[test]
    fn operations_follow_their_tags_and_untagged_ones_are_always_compiled() {
        let api = sample();
        assert_eq!(op_gate(&api, "health"), &Gate::Always);
        assert_eq!(op_gate(&api, "tokens1"), &any(&api, &["user_api_tokens"]));
        assert_eq!(op_gate(&api, "both"), &any(&api, &["user_api_tokens", "account_tokens"]));
        // A tag listed twice counts once.
        assert_eq!(op_gate(&api, "zones4"), &any(&api, &["zones"]));
    }

    #[test]
    fn types_follow_the_features_that_reach_them() {
        let api = sample();
        // Shared by two tags, and what it uses (transitively).
        let tokens = any(&api, &["user_api_tokens", "account_tokens"]);
        assert_eq!(ty_gate(&api, "Shared"), &tokens);
        assert_eq!(ty_gate(&api, "Inner"), &tokens);
        assert_eq!(ty_gate(&api, "OnlyZones"), &any(&api, &["zones"]));
        // Reached by an untagged operation: always, even when tags reach it too (`Status`).
        assert_eq!(ty_gate(&api, "Health"), &Gate::Always);
        assert_eq!(ty_gate(&api, "HealthDetail"), &Gate::Always);
        assert_eq!(ty_gate(&api, "Status"), &Gate::Always);
        // The error type of most operations (the default of `Error<E>`): always.
        assert_eq!(ty_gate(&api, "Failure"), &Gate::Always);
        // Used by no operation: `full` only; what it uses keeps its own features.
        assert_eq!(ty_gate(&api, "Orphan"), &Gate::Full);
        assert_closed(&api);
    }

    #[test]
    fn small_apis_and_single_tag_apis_get_no_features() {
        // Ten operations (the limit) with two tags.
        let ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
        let ten: Vec<Op<'_>> = ids[..MIN_OPERATIONS].iter().enumerate().map(|(i, id)| op(id, if i % 2 == 0 { &["A"] } else { &["B"] }, "Shared")).collect();
        let api = lowered(&ten, "Failure", SCHEMAS);
        assert!(api.features.is_empty());
        assert!(api.types.iter().all(|t| t.gate == Gate::Always));
        assert!(api.operations.iter().all(|o| o.gate == Gate::Always));
        // Eleven operations with one tag.
        let eleven: Vec<Op<'_>> = ids.iter().map(|id| op(id, &["A"], "Shared")).collect();
        let api = lowered(&eleven, "Failure", SCHEMAS);
        assert!(api.features.is_empty());
        assert!(api.operations.iter().all(|o| o.gate == Gate::Always));
    }

    #[test]
    fn types_reached_by_more_than_twelve_features_are_always_compiled() {
        let tags: Vec<String> = (0..=MAX_GATE_FEATURES).map(|i| format!("Tag {i}")).collect();
        let ids: Vec<String> = (0..=MAX_GATE_FEATURES).map(|i| format!("op{i}")).collect();
        let mut ops: Vec<Op<'_>> = Vec::new();
        let tag_refs: Vec<[&str; 1]> = tags.iter().map(|t| [t.as_str()]).collect();
        for (i, id) in ids.iter().enumerate() {
            // Every operation returns `Shared`; only the first reaches `OnlyZones`.
            ops.push(op(id, &tag_refs[i], "Shared"));
        }
        ops.push(op("zones", &tag_refs[0], "OnlyZones"));
        let api = lowered(&ops, "Failure", SCHEMAS);
        assert_eq!(api.features.len(), MAX_GATE_FEATURES + 1);
        assert_eq!(ty_gate(&api, "Shared"), &Gate::Always);
        assert_eq!(ty_gate(&api, "Inner"), &Gate::Always);
        assert_eq!(ty_gate(&api, "OnlyZones"), &any(&api, &["tag_0"]));
        assert_closed(&api);
    }

    #[test]
    fn exactly_twelve_features_still_gate() {
        let tags: Vec<String> = (0..MAX_GATE_FEATURES).map(|i| format!("Tag {i}")).collect();
        let ids: Vec<String> = (0..MAX_GATE_FEATURES).map(|i| format!("op{i}")).collect();
        let tag_refs: Vec<[&str; 1]> = tags.iter().map(|t| [t.as_str()]).collect();
        let ops: Vec<Op<'_>> = ids.iter().enumerate().map(|(i, id)| op(id, &tag_refs[i], "Shared")).collect();
        let api = lowered(&ops, "Failure", SCHEMAS);
        let all: Vec<String> = (0..MAX_GATE_FEATURES).map(|i| format!("tag_{i}")).collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        assert_eq!(ty_gate(&api, "Shared"), &any(&api, &all));
        assert_closed(&api);
    }

    #[test]
    fn the_most_common_error_type_is_always_compiled() {
        // No untagged operation: `Failure` is reached by tags only, but it is `Error<E>`'s default.
        let ops: Vec<Op<'_>> = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]
            .iter()
            .enumerate()
            .map(|(i, id)| op(id, if i % 2 == 0 { &["A"] } else { &["B"] }, if i % 2 == 0 { "Shared" } else { "OnlyZones" }))
            .collect();
        let api = lowered(&ops, "Failure", SCHEMAS);
        assert_eq!(ty_gate(&api, "Failure"), &Gate::Always);
        assert_eq!(ty_gate(&api, "Shared"), &any(&api, &["a"]));
        assert_closed(&api);
    }

    #[test]
    fn reserved_and_colliding_tag_names() {
        let ops: Vec<Op<'_>> = [
            ("a", "default"),
            ("b", "Full"),
            ("c", "serde"),
            ("d", "Zones"),
            ("e", "zones"),
            ("f", "2FA"),
            ("g", "type"),
            ("h", "default"),
            ("i", "Zones"),
            ("j", "T"),
            ("k", "T"),
        ]
        .iter()
        .map(|(id, tag)| op(id, std::slice::from_ref(tag), "Shared"))
        .collect();
        let api = lowered(&ops, "Failure", SCHEMAS);
        let names: Vec<&str> = api.features.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["default_tag", "full_tag", "serde_tag", "zones", "zones_lower", "n2fa", "type_", "t"]);
    }

    #[test]
    fn groups_are_compiled_when_any_operation_below_them_is() {
        let tagged = Gate::Any(vec![1, 3]);
        assert_eq!(any_of([&Gate::Any(vec![3]), &Gate::Any(vec![1, 3])]), tagged);
        assert_eq!(any_of([&Gate::Any(vec![3]), &Gate::Always]), Gate::Always);
        assert_eq!(any_of([&Gate::Full, &Gate::Any(vec![2])]), Gate::Any(vec![2]));
        assert_eq!(any_of([&Gate::Full]), Gate::Full);
        assert_eq!(any_of(std::iter::empty()), Gate::Full);
    }
}
