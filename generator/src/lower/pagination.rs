//! Pagination of list operations: detected from the operation's shape (its query parameters
//! and the fields of its response body, through `$ref`s, `allOf` and the envelope), or said by
//! `x-rust-pagination` on the operation (`false` turns it off). Conservative: an operation is
//! paginated only when its response has an array of items and a recognized way to the next page.

use super::schema::Types;
use crate::diag::escape_segment;
use crate::ext::{BodyPointer, PageSpec, PaginationExt};
use crate::ir::*;

/// What pagination may be read from, besides the types.
pub struct Inputs<'x> {
    /// The operation's pointer.
    pub at: &'x str,
    /// `x-rust-pagination`, when given.
    pub ext: Option<&'x PaginationExt>,
    /// Parameters of the operation.
    pub params: &'x [Param],
    /// The success response.
    pub response: &'x Response,
    /// The first success body's type before an envelope is unwrapped, and whether the response
    /// declares a `Link` header.
    pub body: Option<(Ty, bool)>,
    /// The envelope's result property.
    pub envelope: Option<&'x str>,
    /// The request has a multipart body (sent only once).
    pub multipart: bool,
    /// The HTTP method, lower case: only `get` is detected (sending a POST again per page could
    /// repeat what it does); others need `x-rust-pagination`.
    pub method: &'x str,
}

/// A place in the response body: its pointer, its property names and its type (aliases followed).
struct Leaf {
    pointer: String,
    segs: Vec<String>,
    ty: Ty,
}

const DEPTH: usize = 3;

/// What generation does with an `x-rust-pagination` it cannot follow.
const NOT_PAGINATED: &str = "the operation is generated without a pager";

/// The operation's pagination, if any; a bad `x-rust-pagination` is an error.
pub fn lower(types: &mut Types, inputs: &Inputs) -> Option<Pagination> {
    let ext_at = format!("{}/x-rust-pagination", inputs.at);
    if inputs.ext == Some(&PaginationExt::Off) {
        return None;
    }
    let eligible = matches!(inputs.response.shape, ResponseShape::Body)
        && matches!(inputs.response.decode, Decode::Json | Decode::Envelope)
        && !inputs.multipart;
    let body = inputs.body.as_ref().filter(|_| eligible);
    let Some((body, link)) = body else {
        if inputs.ext.is_some() {
            types.diags.recover(
                ext_at,
                "`x-rust-pagination` needs an operation with one JSON success body and no multipart request body",
                NOT_PAGINATED,
                Some("remove `x-rust-pagination` from this operation".to_string()),
            );
        }
        return None;
    };
    let mut leaves = Vec::new();
    walk(types, body, String::new(), Vec::new(), 0, &mut leaves);
    match inputs.ext {
        Some(PaginationExt::Given(spec)) => from_ext(types, spec, &ext_at, inputs, &leaves),
        Some(PaginationExt::Off) => None,
        None if inputs.method == "get" => detect(types, inputs, &leaves, *link),
        None => None,
    }
}

/// The places of a body down to [`DEPTH`] properties, in the variants of unions too (the
/// same pointer may then have several types).
fn walk(types: &Types, ty: &Ty, pointer: String, segs: Vec<String>, unions: usize, out: &mut Vec<Leaf>) {
    let ty = types.resolve_alias(ty).clone();
    let depth = segs.len();
    out.push(Leaf { pointer: pointer.clone(), segs: segs.clone(), ty: ty.clone() });
    let Ty::Named(id) = ty else { return };
    match types.types.get(id).map(|t| &t.kind) {
        Some(TypeKind::Struct(s)) if depth < DEPTH => {
            for f in &s.fields {
                let mut segs = segs.clone();
                segs.push(f.wire.clone());
                walk(types, &f.ty, format!("{pointer}/{}", escape_segment(&f.wire)), segs, unions, out);
            }
        }
        Some(TypeKind::Untagged(vs)) if unions < 2 => {
            for v in vs {
                walk(types, &v.ty, pointer.clone(), segs.clone(), unions + 1, out);
            }
        }
        Some(TypeKind::Tagged { variants, .. }) if unions < 2 => {
            for v in variants {
                walk(types, &v.ty, pointer.clone(), segs.clone(), unions + 1, out);
            }
        }
        _ => {}
    }
}

/// The item type of the arrays at `pointer`: the one typed item of the union's variants, else
/// `serde_json::Value`.
fn item_at(leaves: &[Leaf], pointer: &str) -> Option<Ty> {
    let mut found: Vec<&Ty> = Vec::new();
    for l in leaves.iter().filter(|l| l.pointer == pointer) {
        if let Ty::Vec(inner) = &l.ty {
            if **inner != Ty::Json && !found.contains(&&**inner) {
                found.push(inner);
            }
        }
    }
    let any = leaves.iter().any(|l| l.pointer == pointer && matches!(l.ty, Ty::Vec(_)));
    match found.as_slice() {
        [one] => Some((*one).clone()),
        _ if any => Some(Ty::Json),
        _ => None,
    }
}

/// Lower case without `_` and `-`: `next_page_token`, `nextPageToken` → `nextpagetoken`.
fn norm(s: &str) -> String {
    s.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect()
}

fn is_number(ty: &Ty) -> bool {
    matches!(ty, Ty::I32 | Ty::I64 | Ty::F64)
}

/// The array of items: the body itself, the envelope's result, or a field named like a list
/// (`data`, `items`, `results`...) or the only array, at the top or inside the envelope's result.
fn items(types: &Types, leaves: &[Leaf], envelope: Option<&str>) -> Option<(String, Ty)> {
    const NAMES: [&str; 10] = ["data", "items", "results", "result", "entries", "records", "values", "list", "objects", "elements"];
    let vec_at = |segs: &[&str]| {
        let l = leaves.iter().find(|l| l.segs.iter().map(String::as_str).eq(segs.iter().copied()))?;
        Some((l.pointer.clone(), item_at(leaves, &l.pointer)?))
    };
    let under = |prefix: &[&str]| {
        let mut arrays: Vec<&Leaf> = leaves
            .iter()
            .filter(|l| l.segs.len() == prefix.len() + 1 && l.segs.iter().zip(prefix).all(|(a, b)| a == b) && matches!(l.ty, Ty::Vec(_)))
            .collect();
        let mut seen = std::collections::HashSet::new();
        arrays.retain(|l| seen.insert(l.pointer.as_str()));
        let named = NAMES.iter().find_map(|n| arrays.iter().find(|l| l.segs.last().is_some_and(|s| norm(s) == *n)));
        // Several arrays: the one of objects with an `id`, when only one is.
        let with_id: Vec<&&Leaf> = arrays.iter().filter(|l| matches!(&l.ty, Ty::Vec(inner) if has_id(types, inner))).collect();
        let only = (arrays.len() == 1).then(|| &arrays[0]).or((with_id.len() == 1).then(|| with_id[0]));
        named.or(only).and_then(|l| Some((l.pointer.clone(), item_at(leaves, &l.pointer)?)))
    };
    if let Some(found) = vec_at(&[]) {
        return Some(found);
    }
    if let Some(result) = envelope {
        return vec_at(&[result]).or_else(|| under(&[result]));
    }
    // At the top, else inside a wrapper object named like a list (`result: {users: [..]}`).
    under(&[]).or_else(|| NAMES.iter().find_map(|n| {
        let wrapper = leaves.iter().find(|l| l.segs.len() == 1 && norm(&l.segs[0]) == *n && matches!(l.ty, Ty::Named(_)))?;
        under(&[wrapper.segs[0].as_str()])
    }))
}

/// Whether `ty` is a struct with an `id` property.
fn has_id(types: &Types, ty: &Ty) -> bool {
    match types.resolve_alias(ty) {
        Ty::Named(id) => matches!(types.types.get(*id).map(|t| &t.kind), Some(TypeKind::Struct(s)) if s.fields.iter().any(|f| f.wire == "id")),
        _ => false,
    }
}

/// The shallowest leaf matching `pred`.
fn find(leaves: &[Leaf], pred: impl Fn(&Leaf) -> bool) -> Option<&Leaf> {
    leaves.iter().filter(|l| !l.segs.is_empty() && pred(l)).min_by_key(|l| l.segs.len())
}

/// An optional-or-not query parameter whose normalized name is one of `names`.
fn query<'p>(types: &Types, params: &'p [Param], names: &[&str], numeric: bool) -> Option<&'p Param> {
    params.iter().find(|p| {
        p.location == ParamLocation::Query
            && names.contains(&norm(&p.wire).as_str())
            && (!numeric || is_number(types.resolve_alias(&p.ty)))
    })
}

fn detect(types: &Types, inputs: &Inputs, leaves: &[Leaf], link: bool) -> Option<Pagination> {
    let (items, item) = items(types, leaves, inputs.envelope)?;
    let params = inputs.params;
    let number_at = |names: &[&str]| {
        // A count whose schema has no type is free-form; the runtime reads it if it is a number.
        find(leaves, |l| (is_number(&l.ty) || l.ty == Ty::Json) && l.segs.last().is_some_and(|s| names.contains(&norm(s).as_str())))
            .map(|l| l.pointer.clone())
    };
    // A page number is a number, or any scalar beside a page size (`per_page`).
    let page = query(types, params, &["page", "pagenumber"], true).or_else(|| {
        query(types, params, &["perpage", "pagesize", "limit", "size"], false)?;
        query(types, params, &["page", "pagenumber"], false).filter(|p| !matches!(types.resolve_alias(&p.ty), Ty::Vec(_) | Ty::Map(_) | Ty::Named(_)))
    });
    const TOTALS: [&str; 4] = ["total", "totalcount", "totalresults", "totalitems"];
    let style = if let Some(page) = page {
        PageStyle::Page { param: page.wire.clone(), total_pages: number_at(&["totalpages", "pagecount"]), total: number_at(&TOTALS) }
    } else if let Some(style) = cursor(types, params, leaves) {
        style
    } else if let (Some(p), Some(has_more)) = (
        query(types, params, &["startingafter"], false),
        find(leaves, |l| l.ty == Ty::Bool && l.segs.last().is_some_and(|s| norm(s) == "hasmore")),
    ) {
        if !has_id(types, &item) {
            return None;
        }
        PageStyle::StartingAfter { param: p.wire.clone(), has_more: has_more.pointer.clone(), id: "/id".into() }
    } else if let Some(offset) = query(types, params, &["offset"], true) {
        PageStyle::Offset { param: offset.wire.clone(), total: number_at(&TOTALS) }
    } else if link {
        PageStyle::Link
    } else {
        return None;
    };
    Some(Pagination { style, items, item })
}

/// A cursor field (`next_cursor`, `next_page_token`, `next_token`, a nested `cursor`,
/// `paging.next.after`) with the query parameter that takes it back (`cursor`, `page_token`,
/// `token`, `after`).
fn cursor(types: &Types, params: &[Param], leaves: &[Leaf]) -> Option<PageStyle> {
    let text = |ty: &Ty| matches!(ty, Ty::String | Ty::I32 | Ty::I64);
    leaves.iter().filter(|l| text(&l.ty)).find_map(|l| {
        let last = norm(l.segs.last()?);
        let parent = l.segs.len().checked_sub(2).map(|i| norm(&l.segs[i]));
        let cursorish = match last.as_str() {
            "nextcursor" | "nextpagetoken" | "nexttoken" => true,
            "cursor" => l.segs.len() >= 2,
            "after" => matches!(parent.as_deref(), Some("next" | "cursors")),
            _ => false,
        };
        if !cursorish {
            return None;
        }
        let base = last.strip_prefix("next").unwrap_or(&last).to_string();
        let p = query(types, params, &[last.as_str(), base.as_str()], false)?;
        Some(PageStyle::Cursor { param: p.wire.clone(), next: l.pointer.clone() })
    })
}

/// `x-rust-pagination` as a mapping (its shape is checked in `ext`): the parameter must be a
/// query parameter of the operation and the pointers must name places of the response.
fn from_ext(types: &mut Types, spec: &PageSpec, at: &str, inputs: &Inputs, leaves: &[Leaf]) -> Option<Pagination> {
    let mut ok = true;
    // A pointer the spec gives, checked.
    let mut pointer = |types: &mut Types, key: &str, given: &Option<BodyPointer>| {
        let pointer = given.as_ref().map(|p| p.0.clone())?;
        if !pointer.is_empty() && !names_a_place(leaves, &pointer) {
            ok = false;
            types.diags.recover(
                format!("{at}/{key}"),
                format!("`{key}: {pointer}` names no place in the response body"),
                NOT_PAGINATED,
                Some("write a JSON pointer into the success body as the server sends it, such as `/result_info/total_pages`".to_string()),
            );
        }
        Some(pointer)
    };
    let (items, item) = match &spec.items {
        Some(given) => {
            let pointer = pointer(types, "items", &Some(given.clone())).unwrap_or_default();
            let item = item_at(leaves, &pointer).unwrap_or(Ty::Json);
            (pointer, item)
        }
        None => match items(types, leaves, inputs.envelope) {
            Some(found) => found,
            None => {
                types.diags.recover(
                    at.to_string(),
                    "`x-rust-pagination` has no `items` and the response has no array of items to take",
                    NOT_PAGINATED,
                    Some("add `items:` with the JSON pointer of the array, such as `/data`".to_string()),
                );
                return None;
            }
        },
    };
    let param = spec.param.clone().unwrap_or_default();
    if spec.style != PageKind::Link && !is_query_param(types, inputs.params, &param, at) {
        return None;
    }
    let style = match spec.style {
        // An absent `next` or `has-more` is `""`: the whole body, as a JSON pointer.
        PageKind::Cursor => PageStyle::Cursor { param, next: pointer(types, "next", &spec.next).unwrap_or_default() },
        PageKind::StartingAfter => {
            let has_more = pointer(types, "has-more", &spec.has_more).unwrap_or_default();
            PageStyle::StartingAfter { param, has_more, id: spec.id.as_ref().map_or_else(|| "/id".into(), |p| p.0.clone()) }
        }
        PageKind::Page => PageStyle::Page { param, total_pages: pointer(types, "total-pages", &spec.total_pages), total: pointer(types, "total", &spec.total) },
        PageKind::Offset => PageStyle::Offset { param, total: pointer(types, "total", &spec.total) },
        PageKind::Link => PageStyle::Link,
    };
    ok.then_some(Pagination { style, items, item })
}

/// Whether `pointer` names a place of the response: a leaf, or a place below a free-form
/// value or a map (which may hold anything).
fn names_a_place(leaves: &[Leaf], pointer: &str) -> bool {
    leaves.iter().any(|l| l.pointer == pointer || (matches!(l.ty, Ty::Json | Ty::Map(_)) && pointer.starts_with(&format!("{}/", l.pointer))))
}

/// Whether `param` is a query parameter of the operation; if not, a warning naming those it has.
fn is_query_param(types: &mut Types, params: &[Param], param: &str, at: &str) -> bool {
    if params.iter().any(|p| p.location == ParamLocation::Query && p.wire == param) {
        return true;
    }
    let declared: Vec<String> = params.iter().filter(|p| p.location == ParamLocation::Query).map(|p| format!("`{}`", p.wire)).collect();
    types.diags.recover(
        format!("{at}/param"),
        format!("`param: {param}` is not a query parameter of this operation"),
        NOT_PAGINATED,
        Some(if declared.is_empty() {
            "declare the query parameter that carries the position".to_string()
        } else {
            format!("name one of its query parameters: {}", declared.join(", "))
        }),
    );
    false
}

#[cfg(test)]
#[path = "pagination_tests.rs"]
mod tests;
