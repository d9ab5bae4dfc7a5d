//! All naming lives here: case conversion, keyword escaping and collision handling.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};
use std::cell::RefCell;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async",
    "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Whether `s` is a Rust keyword (strict, reserved or edition-2024).
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Type names that would shadow the prelude or the names generated code relies on.
const RESERVED_TYPES: &[&str] = &[
    "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "Default", "Clone", "Copy",
    "Send", "Sync", "Sized", "Drop", "Fn", "FnMut", "FnOnce", "Iterator", "IntoIterator", "Extend",
    "ToString", "ToOwned", "From", "Into", "TryFrom", "TryInto", "Eq", "PartialEq", "Ord", "PartialOrd",
    "AsRef", "AsMut", "Self", "Unpin", "Debug", "Hash", "Serialize", "Deserialize", "Client", "Error",
    "Unknown", "Core",
];

/// Keeps ASCII letters, digits and separators; everything else separates words.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out
}

/// `sourceIPs` -> `sourceIps`: an acronym's plural `s` stays with the acronym, so case
/// conversion gives `source_ips` rather than `source_i_ps`.
fn plural_acronyms(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_uppercase() {
            i += 1;
        }
        let run = i - start;
        let plural_s = i < chars.len()
            && chars[i] == 's'
            && chars.get(i + 1).is_none_or(|c| !c.is_ascii_lowercase());
        if run >= 2 && plural_s {
            out.push(chars[start]);
            out.extend(chars[start + 1..i].iter().map(|c| c.to_ascii_lowercase()));
        } else {
            out.extend(&chars[start..i]);
        }
        if i < chars.len() {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

type Memo = RefCell<HashMap<String, String>>;

thread_local! {
    /// snake_case conversions already made in this lowering: large specs ask for the same
    /// property names over and over (`createdAt`, `zoneId`...).
    static SNAKE_MEMO: Memo = RefCell::default();
    /// The same for [`camel_repeated`]. Type names are mostly new each time, so [`camel`]
    /// does not remember them.
    static CAMEL_MEMO: Memo = RefCell::default();
}

/// Forgets the conversions remembered on this thread; lowering calls it before and after.
pub fn clear_memo() {
    SNAKE_MEMO.with(|m| *m.borrow_mut() = Default::default());
    CAMEL_MEMO.with(|m| *m.borrow_mut() = Default::default());
}

fn memo(memo: &'static std::thread::LocalKey<Memo>, raw: &str, convert: fn(&str) -> String) -> String {
    if let Some(hit) = memo.with(|m| m.borrow().get(raw).cloned()) {
        return hit;
    }
    let converted = convert(raw);
    memo.with(|m| m.borrow_mut().insert(raw.to_string(), converted.clone()));
    converted
}

/// A snake_case identifier for a field, parameter, method or module.
pub fn snake(raw: &str) -> String {
    if is_plain_snake(raw) {
        return snake_uncached(raw);
    }
    memo(&SNAKE_MEMO, raw, snake_uncached)
}

/// Lower-case letters and single underscores between words, starting with a letter: already
/// what [`snake`] makes of it (most property names of large specs).
fn is_plain_snake(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.first().is_some_and(u8::is_ascii_lowercase)
        && b.last().is_some_and(u8::is_ascii_lowercase)
        && b.iter().all(|c| c.is_ascii_lowercase() || *c == b'_')
        && !raw.contains("__")
}

fn snake_uncached(raw: &str) -> String {
    if is_plain_snake(raw) {
        return if is_keyword(raw) { format!("{raw}_") } else { raw.to_string() };
    }
    let mut s = ascii_words(&plural_acronyms(raw)).to_snake_case();
    if s.is_empty() {
        s = "field".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n{s}");
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// A crate prefix (`my-api`, to which `-models` and `-client` are appended) from a spec's file
/// stem or `x-rust-client.name`: lower-case ASCII words joined by single hyphens, starting with
/// a letter, so that cargo accepts `{prefix}-models` and its library name is the same with
/// underscores. Keywords need no escape (the suffix makes `box-models` a valid name and
/// `box_models` a valid path); a leading digit gets `api-`, and a stem with no ASCII letter or
/// digit becomes `api`.
pub fn crate_prefix(raw: &str) -> String {
    let s = ascii_words(&plural_acronyms(raw)).to_kebab_case();
    if s.is_empty() {
        "api".to_string()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{s}")
    } else {
        s
    }
}

/// Names for values made only of punctuation (enum values such as `*` or `>=`).
fn symbol_name(raw: &str) -> String {
    if raw.is_empty() {
        return "Empty".into();
    }
    let words: Vec<&str> = raw
        .chars()
        .map(|c| match c {
            '*' => "Star",
            '+' => "Plus",
            '-' => "Minus",
            '/' => "Slash",
            '.' => "Dot",
            '=' => "Eq",
            '<' => "Lt",
            '>' => "Gt",
            '!' => "Not",
            '_' => "Underscore",
            '@' => "At",
            '#' => "Hash",
            '%' => "Percent",
            '&' => "And",
            '|' => "Or",
            '~' => "Tilde",
            '?' => "Question",
            ' ' => "Space",
            _ => "Value",
        })
        .collect();
    words.concat()
}

/// Letters only, starting upper-case, never two upper-case letters in a row: already what
/// [`camel`] makes of it (inline type names are built from camel-cased parts).
fn is_plain_camel(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().all(u8::is_ascii_alphabetic)
        && b.windows(2).all(|w| !(w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase()))
}

/// An UpperCamelCase identifier for a type or variant.
pub fn camel(raw: &str) -> String {
    if is_plain_camel(raw) {
        return if is_keyword(raw) { format!("{raw}_") } else { raw.to_string() };
    }
    let mut s = ascii_words(&plural_acronyms(raw)).to_upper_camel_case();
    if s.is_empty() {
        s = symbol_name(raw);
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("V{s}");
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// [`camel`] for names that come back again and again (property and parameter names, enum
/// values), remembered for the rest of the lowering.
pub fn camel_repeated(raw: &str) -> String {
    if is_plain_camel(raw) {
        return camel(raw);
    }
    memo(&CAMEL_MEMO, raw, camel)
}

/// A type name that does not shadow the prelude.
pub fn type_name(raw: &str) -> String {
    let s = camel(raw);
    if RESERVED_TYPES.contains(&s.as_str()) {
        format!("{s}Model")
    } else {
        s
    }
}

/// Hands out names in one namespace, never the same twice.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: HashSet<String>,
    /// Per stem (`Foo` or `foo_`), the last numeric suffix handed out: every smaller one is
    /// taken, so the next search starts there.
    last_suffix: HashMap<String, usize>,
}

impl Namespace {
    /// An empty namespace.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks a name as used without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// Whether `name` is free.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }

    /// Returns `base`, or `base` with a disambiguating suffix when it is taken.
    /// `original` is the spelling on the wire; case-only clashes get `Lower`/`Upper`.
    pub fn claim(&mut self, base: &str, original: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let snake_style = base.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_');
        let sep = if snake_style { "_" } else { "" };
        let has_letters = original.chars().any(|c| c.is_ascii_alphabetic());
        let case_hint = if has_letters && original == original.to_ascii_lowercase() {
            Some(if snake_style { "lower" } else { "Lower" })
        } else if has_letters && original == original.to_ascii_uppercase() {
            Some(if snake_style { "upper" } else { "Upper" })
        } else {
            None
        };
        let trimmed = base.trim_end_matches('_');
        if let Some(hint) = case_hint {
            let candidate = format!("{trimmed}{sep}{hint}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
        let stem = format!("{trimmed}{sep}");
        let start = self.last_suffix.get(&stem).map_or(2, |n| n + 1);
        for n in start.. {
            let candidate = format!("{stem}{n}");
            if self.taken.insert(candidate.clone()) {
                self.last_suffix.insert(stem, n);
                return candidate;
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_digits() {
        assert_eq!(snake("in"), "in_");
        assert_eq!(snake("not_in"), "not_in");
        assert_eq!(snake("2fa"), "n2fa");
        assert_eq!(snake("$ref"), "ref_");
        assert_eq!(snake(""), "field");
        assert_eq!(camel("self"), "Self_");
        assert_eq!(camel("1.0"), "V10");
        assert_eq!(camel("*"), "Star");
        assert_eq!(camel(""), "Empty");
        assert_eq!(camel(">="), "GtEq");
        assert_eq!(type_name("result"), "ResultModel");
        assert_eq!(snake("sourceIPs"), "source_ips");
        assert_eq!(snake("URLsList"), "urls_list");
        assert_eq!(snake("HTTPServer"), "http_server");
    }

    #[test]
    fn crate_prefixes_are_valid_package_names() {
        let cases = [
            ("box", "box"),
            ("type", "type"),
            ("self", "self"),
            ("crate", "crate"),
            ("super", "super"),
            ("test", "test"),
            ("core", "core"),
            ("std", "std"),
            ("2fa", "api-2fa"),
            ("my api.v2", "my-api-v2"),
            ("cloudflare-tokens", "cloudflare-tokens"),
            ("Route53 Global_Resolver", "route53-global-resolver"),
            ("sourceIPs", "source-ips"),
            ("café-api", "caf-api"),
            ("日本", "api"),
            ("--_..!", "api"),
            ("", "api"),
            ("-my--api-", "my-api"),
        ];
        for (raw, want) in cases {
            let got = crate_prefix(raw);
            assert_eq!(got, want, "{raw:?}");
            // What cargo needs of a package name, and its library name being a plain path.
            assert!(got.starts_with(|c: char| c.is_ascii_lowercase()), "{got}");
            assert!(got.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())), "{got}");
            for suffix in ["models", "client"] {
                let lib = format!("{got}-{suffix}").replace('-', "_");
                assert!(syn::parse_str::<syn::Ident>(&lib).is_ok(), "{lib}");
            }
            assert_eq!(crate_prefix(&got), got, "sanitizing is idempotent");
        }
    }

    #[test]
    fn plain_camel_names_are_left_as_they_are() {
        for raw in ["Token", "AccountsListResponseResult", "Self", "ApiV", "A", "AbCdEf", "Zone"] {
            assert!(is_plain_camel(raw), "{raw}");
            let mut slow = ascii_words(&plural_acronyms(raw)).to_upper_camel_case();
            if is_keyword(&slow) {
                slow.push('_');
            }
            assert_eq!(camel(raw), slow, "{raw}");
        }
        for raw in ["HTTPServer", "token", "A1", "Tokens-List", "sourceIPs", ""] {
            assert!(!is_plain_camel(raw), "{raw}");
        }
        for raw in ["id", "account_id", "created_on", "in", "self", "a_b_c"] {
            assert!(is_plain_snake(raw), "{raw}");
            let mut slow = ascii_words(&plural_acronyms(raw)).to_snake_case();
            if is_keyword(&slow) {
                slow.push('_');
            }
            assert_eq!(snake(raw), slow, "{raw}");
        }
        for raw in ["Id", "a__b", "_a", "a_", "a1", "createdAt", ""] {
            assert!(!is_plain_snake(raw), "{raw}");
        }
    }

    #[test]
    fn case_only_collisions() {
        let mut ns = Namespace::new();
        assert_eq!(ns.claim(&camel("Published"), "Published"), "Published");
        assert_eq!(ns.claim(&camel("Preview"), "Preview"), "Preview");
        assert_eq!(ns.claim(&camel("published"), "published"), "PublishedLower");
        assert_eq!(ns.claim(&camel("preview"), "preview"), "PreviewLower");
        assert_eq!(ns.claim(&camel("PUBLISHED"), "PUBLISHED"), "PublishedUpper");
        assert_eq!(ns.claim(&camel("pub-lished"), "pub-lished"), "PubLished");
        assert_eq!(ns.claim(&camel("pub_lished"), "pub_lished"), "PubLishedLower");
        assert_eq!(ns.claim(&camel("pub lished"), "pub lished"), "PubLished2");
    }
}
