//! The `encoding` of an `application/x-www-form-urlencoded` body: how each property is written
//! (OpenAPI's Encoding Object: `style`, `explode`, `contentType`).
//!
//! A property without an entry is written as `style: form, explode: true` (a list is one
//! `name=value` pair per item), which the runtime does by itself; only entries that say
//! otherwise are kept. `style` and `explode` are read as for a query parameter; an explicit
//! `contentType` without a `style` that is JSON makes the property one pair holding its JSON
//! text. `allowReserved` needs nothing: reserved characters are percent-encoded, which every
//! form decoder reads as the same value. `headers` apply to multipart parts only.
//!
//! `openapiv3` reads an absent `explode` as `false`, so `{style: form}` and `{style: form,
//! explode: false}` are the same to the generator: such an entry is taken as written with
//! `explode: false` (why else write it), with a warning; an entry that only gives a
//! `contentType`, `allowReserved` or `headers` keeps the default.

use super::operation::is_json;
use super::schema::Types;
use crate::diag::escape_segment;
use crate::ir::*;
use openapiv3::{Encoding, MediaType, QueryStyle as OaQueryStyle};

/// The entries of `media.encoding` that change how a property of the form body `ty` is written,
/// by wire name, in spec order. Entries naming no property, and content types the generator
/// cannot write, get a warning at their pointer.
pub fn encoding(types: &mut Types<'_>, media: &MediaType, media_ptr: &str, ty: &Ty) -> Vec<(String, FormEncoding)> {
    let properties: Option<Vec<String>> = match types.resolve_alias(ty) {
        Ty::Named(id) => match &types.types.get(*id).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) if s.extra.is_none() => Some(s.fields.iter().map(|f| f.wire.clone()).collect()),
            _ => None,
        },
        _ => None,
    };
    let mut out = Vec::new();
    for (name, entry) in &media.encoding {
        let at = format!("{media_ptr}/encoding/{}", escape_segment(name));
        if properties.as_ref().is_some_and(|p| !p.contains(name)) {
            types.diags.warn(&at, format!("`encoding` names `{name}`, which is not a property of the form body; the entry is ignored"));
            continue;
        }
        match field(types, entry, &at) {
            FormEncoding::Styled(QueryStyle::Form { explode: true }) => {}
            other => out.push((name.clone(), other)),
        }
    }
    out
}

/// How one entry says its property is written.
fn field(types: &mut Types<'_>, entry: &Encoding, at: &str) -> FormEncoding {
    let style = match entry.style {
        None => None,
        Some(OaQueryStyle::Form) => Some(QueryStyle::Form { explode: entry.explode }),
        Some(OaQueryStyle::SpaceDelimited) => Some(QueryStyle::SpaceDelimited),
        Some(OaQueryStyle::PipeDelimited) => Some(QueryStyle::PipeDelimited),
        Some(OaQueryStyle::DeepObject) => Some(QueryStyle::DeepObject),
    };
    if let Some(style) = style {
        if style == (QueryStyle::Form { explode: false }) {
            types.diags.warn(
                at,
                "`style: form` without `explode: true` is read as `explode: false` (one comma-separated value), \
                 as `openapiv3` cannot tell an absent `explode` from `false`; write `explode: true` for one pair per item",
            );
        }
        // A `style` given explicitly overrides the content type (OpenAPI 3.1).
        return FormEncoding::Styled(style);
    }
    match entry.content_type.as_deref().map(str::trim) {
        Some(ct) if is_json(&ct.to_ascii_lowercase()) => FormEncoding::Json,
        Some(ct) if ct.to_ascii_lowercase().starts_with("text/plain") => default(entry),
        Some(ct) => {
            types.diags.warn(
                at,
                format!("`contentType: {ct}` cannot be written into a form body by the generator; the property is written as `style: form` (text values)"),
            );
            default(entry)
        }
        None => default(entry),
    }
}

/// An entry without a `style`: `explode` as given, when nothing else in the entry says why it
/// is there; otherwise the default.
fn default(entry: &Encoding) -> FormEncoding {
    let only_explode = entry.content_type.is_none() && !entry.allow_reserved && entry.headers.is_empty();
    let explode = entry.explode || !only_explode;
    FormEncoding::Styled(QueryStyle::Form { explode })
}
