//! Breaks infinitely sized types: a field or variant that reaches its own type again without
//! passing through a `Vec` or a map is boxed. One pass of Tarjan's algorithm finds the cycles.
//! Type aliases cannot be recursive at all (`type A = Vec<A>;` does not compile): such aliases
//! fall back to `serde_json::Value`.

use crate::diag::Diagnostics;
use crate::ir::*;

fn direct(ty: &Ty) -> Option<TypeId> {
    match ty {
        Ty::Named(id) => Some(*id),
        _ => None,
    }
}

fn kind_edges(kind: &TypeKind) -> Vec<TypeId> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
        TypeKind::Untagged(vs) => vs.iter().filter_map(|v| direct(&v.ty)).collect(),
        TypeKind::Tagged { variants, .. } => variants.iter().filter_map(|v| direct(&v.ty)).collect(),
        TypeKind::Alias(t) => direct(t).into_iter().collect(),
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => Vec::new(),
    }
}

/// Strongly connected component index of every type (iterative Tarjan).
fn components(edges: &[Vec<TypeId>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut ncomp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((v, i)) = work.pop() {
            if i == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(i) {
                work.push((v, i + 1));
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = ncomp;
                    if w == v {
                        break;
                    }
                }
                ncomp += 1;
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
        }
    }
    comp
}

/// Marks fields and variants that need a `Box`.
pub fn box_cycles(types: &mut [TypeDef]) {
    let edges: Vec<Vec<TypeId>> = types.iter().map(|t| kind_edges(&t.kind)).collect();
    let comp = components(&edges);
    let cyclic = |from: TypeId, to: TypeId| comp[from] == comp[to];
    for (id, def) in types.iter_mut().enumerate() {
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    if direct(&f.ty).is_some_and(|t| cyclic(id, t)) {
                        f.boxed = true;
                    }
                }
            }
            TypeKind::Untagged(vs) => {
                for v in vs {
                    if direct(&v.ty).is_some_and(|t| cyclic(id, t)) {
                        v.boxed = true;
                    }
                }
            }
            TypeKind::Tagged { variants, .. } => {
                for v in variants {
                    if direct(&v.ty).is_some_and(|t| cyclic(id, t)) {
                        v.boxed = true;
                    }
                }
            }
            _ => {}
        }
    }
}

fn named_in(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => named_in(inner, out),
        _ => {}
    }
}

/// Replaces aliases that reach themselves through other aliases (`Vec` and maps included) with
/// `serde_json::Value`, with a warning at their schema.
pub fn break_alias_cycles(types: &mut [TypeDef], diags: &mut Diagnostics) {
    let n = types.len();
    let edges: Vec<Vec<TypeId>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Alias(ty) => {
                let mut out = Vec::new();
                named_in(ty, &mut out);
                out.retain(|id| *id < n && matches!(types[*id].kind, TypeKind::Alias(_)));
                out
            }
            _ => Vec::new(),
        })
        .collect();
    let comp = components(&edges);
    let mut size = vec![0usize; n];
    for c in &comp {
        if let Some(s) = size.get_mut(*c) {
            *s += 1;
        }
    }
    for id in 0..n {
        let cyclic = size.get(comp[id]).is_some_and(|s| *s > 1) || edges[id].contains(&id);
        if cyclic {
            types[id].kind = TypeKind::Alias(Ty::Json);
            diags.warn(
                types[id].origin.clone(),
                format!("`{}` is defined only in terms of itself; using `serde_json::Value`", types[id].name),
            );
        }
    }
}
