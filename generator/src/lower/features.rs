//! Cargo features per tag, so a program that uses a few endpoints of a big API compiles only
//! those and the types they reach.
//!
//! The rule: an API gets features when it has more than [`MIN_OPERATIONS`] operations and at
//! least two tags. Smaller APIs compile in moments anyway and their crates stay free of `cfg`s.
//! With features:
//!
//! - every tag is a feature (its snake_case name); `full` enables them all and is the default;
//! - an operation (its method, request builder and error enum) is compiled when any of its tags'
//!   features is on; an operation without tags always is;
//! - a type is compiled when any feature whose operations reach it is on (reachability over the
//!   IR). Types reached by more than [`MAX_GATE_FEATURES`] features, or by an operation without
//!   tags, are always compiled: they are the API's shared vocabulary, and a long `cfg` would
//!   cost more than it saves. Types that no operation reaches need `full`.
//!
//! A type's features always include those of every type that uses it, so whatever is enabled
//! compiles.

use crate::ir::*;
use crate::names::{snake, Namespace};

/// APIs with at most this many operations get no features.
pub const MIN_OPERATIONS: usize = 10;

/// Types reached by more features than this are always compiled.
pub const MAX_GATE_FEATURES: usize = 12;

/// Makes the features and sets the gate of every operation, group and type.
pub fn assign(api: &mut Api) {
    let mut names = Namespace::new();
    for reserved in ["default", "full"] {
        names.reserve(reserved);
    }
    let mut features: Vec<Feature> = Vec::new();
    let mut op_features: Vec<Vec<usize>> = Vec::with_capacity(api.operations.len());
    for op in &api.operations {
        let mut mine = Vec::new();
        for tag in &op.tags {
            let index = match features.iter().position(|f| f.tag == *tag) {
                Some(i) => i,
                None => {
                    features.push(Feature { name: names.claim(&snake(tag), tag), tag: tag.clone() });
                    features.len() - 1
                }
            };
            if !mine.contains(&index) {
                mine.push(index);
            }
        }
        op_features.push(mine);
    }
    if api.operations.len() <= MIN_OPERATIONS || features.len() < 2 {
        return;
    }

    // Which features reach each type (sorted, deduplicated); `always[id]`: an untagged operation does.
    let n = api.types.len();
    let mut reached: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut always = vec![false; n];
    let mut seen = vec![usize::MAX; n];
    let mut stack: Vec<TypeId> = Vec::new();
    // Walk once per feature (and once for untagged operations, marked `features.len()`).
    for f in 0..=features.len() {
        for (op, mine) in api.operations.iter().zip(&op_features) {
            let hit = if f == features.len() { mine.is_empty() } else { mine.contains(&f) };
            if hit {
                roots(op, &mut stack);
            }
        }
        while let Some(id) = stack.pop() {
            if id >= n || seen[id] == f {
                continue;
            }
            seen[id] = f;
            if f == features.len() {
                always[id] = true;
            } else {
                reached[id].push(f);
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
        let mut any: Vec<usize> = Vec::new();
        let mut ungated = false;
        for op in api.operations.iter().filter(|o| o.group.starts_with(&g.path)) {
            match &op.gate {
                Gate::Any(fs) => any.extend(fs),
                _ => ungated = true,
            }
        }
        any.sort_unstable();
        any.dedup();
        g.gate = if ungated || any.is_empty() { Gate::Always } else { Gate::Any(any) };
    }
    api.features = features;
}

fn push(ty: &Ty, stack: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => stack.push(*id),
        Ty::Vec(inner) | Ty::Map(inner) => push(inner, stack),
        _ => {}
    }
}

/// The types an operation uses directly.
fn roots(op: &Operation, stack: &mut Vec<TypeId>) {
    for p in &op.params {
        push(&p.ty, stack);
    }
    if let Some(b) = &op.body {
        push(&b.ty, stack);
    }
    push(&op.response.ty, stack);
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
pub fn edges(kind: &TypeKind, stack: &mut Vec<TypeId>) {
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
