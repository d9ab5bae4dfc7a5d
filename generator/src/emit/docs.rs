//! Spec text -> doc attributes that rustdoc renders without warnings and never runs as tests.

use proc_macro2::TokenStream;
use quote::quote;

/// Cleans a description for use as a doc comment: code fences become `text` blocks and
/// indentation that would start an (executable) indented code block is removed.
pub fn clean(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            out.push(if in_fence { "```".to_string() } else { "```text".to_string() });
            in_fence = !in_fence;
            continue;
        }
        out.push(if in_fence { line.to_string() } else { trimmed.to_string() });
    }
    if in_fence {
        out.push("```".to_string());
    }
    // Drop leading and trailing blank lines.
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// The values of the `#[doc = ...]` attributes for cleaned text: one per line, each after a space
/// (prettyplease prints them as `/// line`), none for empty text.
pub fn lines(cleaned: &str) -> impl Iterator<Item = String> + '_ {
    cleaned.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") })
}

/// Several paragraphs, each cleaned, the empty ones left out, as one cleaned text.
pub fn paragraphs(parts: &[Option<&str>]) -> String {
    let joined: Vec<String> = parts.iter().flatten().map(|p| clean(p)).filter(|p| !p.is_empty()).collect();
    joined.join("\n\n")
}

/// `#[doc = ...]` attributes, one per line (prettyplease prints them as `///`).
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else { return TokenStream::new() };
    let cleaned = clean(text);
    let lines = lines(&cleaned);
    quote! { #( #[doc = #lines] )* }
}

/// Doc attributes from several paragraphs, skipping empty ones.
pub fn doc_paragraphs(parts: &[Option<&str>]) -> TokenStream {
    let text = paragraphs(parts);
    let lines = lines(&text);
    quote! { #( #[doc = #lines] )* }
}

/// Crate-level `#![doc = ...]` attributes (printed as `//!`) from paragraphs. Paragraphs from the
/// spec are cleaned; the generator's own (`Raw`) are kept as written, doctests included.
pub fn inner_doc(parts: &[Para<'_>]) -> TokenStream {
    let joined: Vec<String> = parts
        .iter()
        .filter_map(|p| match p {
            Para::Spec(Some(t)) => Some(clean(t)),
            Para::Spec(None) => None,
            Para::Raw(t) => Some(t.to_string()),
        })
        .filter(|p| !p.is_empty())
        .collect();
    let text = joined.join("\n\n");
    let lines = lines(&text);
    quote! { #( #![doc = #lines] )* }
}

/// A paragraph of crate docs.
pub enum Para<'a> {
    /// Text from the spec: cleaned before use.
    Spec(Option<&'a str>),
    /// The generator's own text, used as is.
    Raw(&'a str),
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn fences_become_text_and_indentation_goes() {
        assert_eq!(clean("a\n\n    code\n```json\n{ }\n```"), "a\n\ncode\n```text\n{ }\n```");
        assert_eq!(clean("\n\nx\n```\nopen"), "x\n```text\nopen\n```");
    }
}
