//! All naming lives here: case conversion, keyword escaping and collision handling.

use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use crate::ir::StatusMatch;
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

/// An environment variable name from words: `("CLOUDFLARE", "api-email")` ->
/// `CLOUDFLARE_API_EMAIL`; ASCII letters, digits and single underscores.
pub fn env_var(prefix: &str, words: &str) -> String {
    let tail = ascii_words(words).to_shouty_snake_case();
    match (prefix.is_empty(), tail.is_empty()) {
        (_, true) => prefix.to_string(),
        (true, false) => tail,
        (false, false) => format!("{prefix}_{tail}"),
    }
}

/// The lower-case words of a name, as [`snake`] separates them (`listOrganizationDashboards`
/// -> `list`, `organization`, `dashboards`; `User's Invites` -> `user`, `invites`), without
/// escaping: the resource grouping compares and drops words before making an identifier.
pub fn words(raw: &str) -> Vec<String> {
    let raw = raw.replace("'s ", " ").replace("'s", "");
    ascii_words(&plural_acronyms(&raw)).to_snake_case().split('_').filter(|w| !w.is_empty()).map(str::to_string).collect()
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

/// Standard HTTP statuses and their reason phrases in UpperCamelCase, as the runtime's
/// `Display` spells the phrase (the `http` crate's).
const STATUS_NAMES: &[(u16, &str)] = &[
    (100, "Continue"), (101, "SwitchingProtocols"), (102, "Processing"), (103, "EarlyHints"),
    (300, "MultipleChoices"), (301, "MovedPermanently"), (302, "Found"), (303, "SeeOther"),
    (304, "NotModified"), (305, "UseProxy"), (307, "TemporaryRedirect"), (308, "PermanentRedirect"),
    (400, "BadRequest"), (401, "Unauthorized"), (402, "PaymentRequired"), (403, "Forbidden"),
    (404, "NotFound"), (405, "MethodNotAllowed"), (406, "NotAcceptable"),
    (407, "ProxyAuthenticationRequired"), (408, "RequestTimeout"), (409, "Conflict"), (410, "Gone"),
    (411, "LengthRequired"), (412, "PreconditionFailed"), (413, "PayloadTooLarge"), (414, "UriTooLong"),
    (415, "UnsupportedMediaType"), (416, "RangeNotSatisfiable"), (417, "ExpectationFailed"),
    (418, "ImATeapot"), (421, "MisdirectedRequest"), (422, "UnprocessableEntity"), (423, "Locked"),
    (424, "FailedDependency"), (425, "TooEarly"), (426, "UpgradeRequired"), (428, "PreconditionRequired"),
    (429, "TooManyRequests"), (431, "RequestHeaderFieldsTooLarge"), (451, "UnavailableForLegalReasons"),
    (500, "InternalServerError"), (501, "NotImplemented"), (502, "BadGateway"),
    (503, "ServiceUnavailable"), (504, "GatewayTimeout"), (505, "HttpVersionNotSupported"),
    (506, "VariantAlsoNegotiates"), (507, "InsufficientStorage"), (508, "LoopDetected"),
    (510, "NotExtended"), (511, "NetworkAuthenticationRequired"),
];

/// The name of an error response after its status: the reason phrase (`409` -> `Conflict`,
/// `422` -> `UnprocessableEntity`), the class of a range (`4XX` -> `ClientError`, `5XX` ->
/// `ServerError`), `Default` for `default`, `Status499` or `Status6xx` for the rest.
pub fn status_name(key: Option<StatusMatch>) -> String {
    match key {
        Some(StatusMatch::Code(c)) => match STATUS_NAMES.binary_search_by_key(&c, |(code, _)| *code) {
            Ok(i) => STATUS_NAMES[i].1.to_string(),
            Err(_) => format!("Status{c}"),
        },
        Some(StatusMatch::Range(r)) => match r {
            1 => "Informational".into(),
            2 => "Success".into(),
            3 => "Redirection".into(),
            4 => "ClientError".into(),
            5 => "ServerError".into(),
            _ => format!("Status{r}xx"),
        },
        None => "Default".into(),
    }
}

/// The name of an operation's anonymous error body: `CreateBook` and `409` give
/// `CreateBookConflict`; `default` gives `CreateBookDefaultError` (`CreateBookDefault` would
/// read as a default value).
pub fn error_body_name(operation: &str, key: Option<StatusMatch>) -> String {
    match key {
        None => format!("{operation}DefaultError"),
        _ => format!("{operation}{}", status_name(key)),
    }
}

/// What a branch of an untagged union holds, as far as its variant's name goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Branch<'a> {
    /// A named type (a `$ref`, or an `allOf` around one): its Rust name.
    Named(String),
    Integer,
    Number,
    String,
    Boolean,
    /// An array, with the name of its item when it has a plain one (`Tag` -> `TagList`).
    List(Option<String>),
    /// An object of `additionalProperties` only.
    Map,
    /// An object that allows any properties and names none.
    Object,
    /// A schema that says nothing but `nullable: true`.
    Null,
    /// A schema that says nothing: any JSON.
    Any,
    /// A string or integer enum's values.
    Values(Vec<String>),
    /// An object's properties: all, the required ones, and those no other branch has.
    Properties { all: Vec<&'a str>, required: Vec<&'a str>, distinct: Vec<&'a str> },
    /// Anything else (`allOf`, nested unions...).
    Other,
}

/// At most this many characters of a `title` or joined enum values make a variant name.
const MAX_VARIANT_CHARS: usize = 40;

/// The base name of an untagged union's variant, after what its branch holds: `Integer`,
/// `String`, `TagList`, `Map`, a one-value enum's value (`Unrated`), two or three enum values
/// joined (`AscOrDesc`), an object's only, only required or only distinct property (`Gt`, else
/// `Object`), a `title` (first, when short enough); `Variant{index}` when nothing says more.
/// Collisions are the caller's [`Namespace`].
pub fn union_variant(title: Option<&str>, branch: &Branch<'_>, index: usize) -> String {
    let fits = |s: String| Some(s).filter(|s| !s.is_empty() && s.len() <= MAX_VARIANT_CHARS);
    if let Some(title) = title.map(camel).and_then(fits) {
        return title;
    }
    let named = match branch {
        Branch::Named(n) => Some(n.clone()),
        Branch::Integer => Some("Integer".into()),
        Branch::Number => Some("Number".into()),
        Branch::String => Some("String".into()),
        Branch::Boolean => Some("Boolean".into()),
        Branch::List(Some(item)) => fits(format!("{item}List")).or(Some("List".into())),
        Branch::List(None) => Some("List".into()),
        Branch::Map => Some("Map".into()),
        Branch::Object => Some("Object".into()),
        Branch::Null => Some("Null".into()),
        Branch::Any => Some("Any".into()),
        Branch::Values(values) => match values.as_slice() {
            [] => None,
            [one] => Some(camel_repeated(one)),
            few if few.len() <= 3 => {
                fits(few.iter().map(|v| camel_repeated(v)).collect::<Vec<_>>().join("Or")).or(Some("Enum".into()))
            }
            _ => Some("Enum".into()),
        },
        Branch::Properties { all, required, distinct } => {
            let only = |names: &[&str]| match names {
                [one] => Some(camel_repeated(one)),
                _ => None,
            };
            let distinct_required: Vec<&str> = required.iter().copied().filter(|r| distinct.contains(r)).collect();
            only(all)
                .or_else(|| only(required))
                .or_else(|| only(&distinct_required))
                .or_else(|| only(distinct))
                .or(Some("Object".into()))
        }
        Branch::Other => None,
    };
    named.unwrap_or_else(|| format!("Variant{index}"))
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
    fn status_names() {
        assert_eq!(status_name(Some(StatusMatch::Code(409))), "Conflict");
        assert_eq!(status_name(Some(StatusMatch::Code(422))), "UnprocessableEntity");
        assert_eq!(status_name(Some(StatusMatch::Code(499))), "Status499");
        assert_eq!(status_name(Some(StatusMatch::Range(4))), "ClientError");
        assert_eq!(status_name(Some(StatusMatch::Range(5))), "ServerError");
        assert_eq!(status_name(Some(StatusMatch::Range(9))), "Status9xx");
        assert_eq!(status_name(None), "Default");
        assert_eq!(error_body_name("CreateBook", Some(StatusMatch::Code(409))), "CreateBookConflict");
        assert_eq!(error_body_name("CreateBook", None), "CreateBookDefaultError");
        assert!(STATUS_NAMES.windows(2).all(|w| w[0].0 < w[1].0), "sorted for the binary search");
        for (_, name) in STATUS_NAMES {
            assert_eq!(camel(name), *name);
        }
    }

    #[test]
    fn union_variants() {
        let values = |v: &[&str]| Branch::Values(v.iter().map(|s| s.to_string()).collect());
        let props = |all: &[&'static str], required: &[&'static str], distinct: &[&'static str]| Branch::Properties {
            all: all.to_vec(),
            required: required.to_vec(),
            distinct: distinct.to_vec(),
        };
        let cases = [
            (Branch::Integer, "Integer"),
            (Branch::Named("Tag".into()), "Tag"),
            (Branch::List(Some("Tag".into())), "TagList"),
            (Branch::List(None), "List"),
            (Branch::Map, "Map"),
            (Branch::Null, "Null"),
            (values(&["unrated"]), "Unrated"),
            (values(&["asc", "desc"]), "AscOrDesc"),
            (values(&["a", "b", "c", "d"]), "Enum"),
            (values(&["1"]), "V1"),
            (props(&["gt"], &[], &["gt"]), "Gt"),
            (props(&["id", "name"], &["id"], &[]), "Id"),
            (props(&["id", "url", "size"], &["id", "url"], &["url"]), "Url"),
            (props(&["id", "url", "size"], &[], &["size"]), "Size"),
            (props(&["id", "url", "size"], &[], &["url", "size"]), "Object"),
            (Branch::Other, "Variant3"),
        ];
        for (branch, want) in cases {
            assert_eq!(union_variant(None, &branch, 3), want, "{branch:?}");
        }
        assert_eq!(union_variant(Some("a rating"), &Branch::Integer, 3), "ARating");
        assert_eq!(union_variant(Some(&"x".repeat(50)), &Branch::Integer, 3), "Integer");
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

#[cfg(test)]
#[path = "names_tests.rs"]
mod more_tests;
