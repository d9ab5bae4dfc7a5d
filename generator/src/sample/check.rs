//! Whether a value satisfies a schema, for the keywords the sampler reads: types, `enum`,
//! `const`, bounds, lengths, `pattern`, `required`, properties, items, `allOf`, `anyOf` and
//! `oneOf`. Used to keep only the spec's valid examples and to pick a `oneOf` branch that only
//! its own value matches. Keywords it does not know are taken as satisfied.

use super::schema::{kind, Sampler};
use serde_json::Value;
use std::sync::LazyLock;

/// Whether `v` satisfies `schema` (whose `$ref`s resolve in the sampler's document).
pub fn valid(sampler: &Sampler<'_>, schema: &Value, v: &Value) -> bool {
    within(sampler, schema, v, 0)
}

fn within(sampler: &Sampler<'_>, schema: &Value, v: &Value, depth: usize) -> bool {
    if depth > 24 {
        return true;
    }
    let (s, _) = sampler.resolve(schema);
    if v.is_null() {
        let listed = s.get("enum").and_then(Value::as_array).is_some_and(|e| e.contains(v));
        return null_allowed(sampler, s, depth) || listed;
    }
    if s.get("enum").and_then(Value::as_array).is_some_and(|e| !e.contains(v)) || s.get("const").is_some_and(|c| c != v) {
        return false;
    }
    let sub = |x: &Value, v: &Value| within(sampler, x, v, depth + 1);
    let list = |key: &str| s.get(key).and_then(Value::as_array).map(|l| l.iter());
    if list("allOf").is_some_and(|mut l| !l.all(|x| sub(x, v))) || list("anyOf").is_some_and(|mut l| !l.any(|x| sub(x, v))) {
        return false;
    }
    if let Some(branches) = s.get("oneOf").and_then(Value::as_array) {
        let n = branches.iter().filter(|x| sub(x, v)).count();
        if n != 1 && (n == 0 || !sampler.excused_one_of(branches)) {
            return false;
        }
    }
    match kind(s) {
        "string" => v.as_str().is_some_and(|t| string(s, t)),
        "integer" => v.as_f64().is_some_and(|x| x.fract() == 0.0 && number(s, x)),
        "number" => v.as_f64().is_some_and(|x| number(s, x)),
        "boolean" => v.is_boolean(),
        "array" => v.as_array().is_some_and(|items| {
            let (min, max) = (count(s, "minItems"), count(s, "maxItems"));
            items.len() >= min.unwrap_or(0) && max.is_none_or(|m| items.len() <= m) && s.get("items").is_none_or(|i| items.iter().all(|x| sub(i, x)))
        }),
        "object" => v.as_object().is_some_and(|m| {
            let required = s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
            let props = s.get("properties").and_then(Value::as_object);
            required.into_iter().all(|r| m.contains_key(r) || sampler.excused(s, r))
                && m.iter().all(|(k, x)| match props.and_then(|p| p.get(k)) {
                    Some(p) => sub(p, x),
                    None => s.get("additionalProperties").filter(|a| a.is_object()).is_none_or(|a| sub(a, x)),
                })
                && (s.get("additionalProperties") != Some(&Value::Bool(false)) || m.keys().all(|k| props.is_some_and(|p| p.contains_key(k))))
        }),
        _ => true,
    }
}

/// Where and why `v` does not satisfy `schema`, when it does not: the deepest place the
/// check can name (`result.items[0]: a string where the schema wants an object`).
pub fn violation(sampler: &Sampler<'_>, schema: &Value, v: &Value) -> Option<String> {
    violation_toward(sampler, schema, v, "")
}

/// As [`violation`], but where several places break the schema, the one on the way to
/// `toward` (a place such as `result.items[2].name`, `.` or empty for none) is named: a body
/// may break its schema in several places (a recursive schema cut short in every list), and
/// the one that matters is where a decoder failed.
pub fn violation_toward(sampler: &Sampler<'_>, schema: &Value, v: &Value, toward: &str) -> Option<String> {
    (!valid(sampler, schema, v)).then(|| why(sampler, schema, v, "", toward.trim_start_matches('.'), 0))
}

/// Whether the place `at` is `toward` or on the way to it.
fn on_the_way(at: &str, toward: &str) -> bool {
    match toward.strip_prefix(at) {
        Some(rest) => at.is_empty() || rest.is_empty() || rest.starts_with(['.', '[']),
        None => false,
    }
}

/// Why `v` (at `at`), known not to satisfy `schema`, does not (preferring the places on the
/// way to `toward`).
fn why(sampler: &Sampler<'_>, schema: &Value, v: &Value, at: &str, toward: &str, depth: usize) -> String {
    let (s, _) = sampler.resolve(schema);
    let here = if at.is_empty() { "the body".to_string() } else { format!("`{at}`") };
    let ok = |x: &Value, v: &Value| within(sampler, x, v, depth + 1);
    let list = |key: &str| s.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    if let Some(branch) = list("allOf").iter().find(|x| !ok(x, v)) {
        return why(sampler, branch, v, at, toward, depth + 1);
    }
    let wanted = kind(s);
    let found = json_kind(v);
    if v.is_null() && !within(sampler, s, v, depth + 1) {
        return format!("{here} is null, which its schema does not allow");
    }
    if !wanted.is_empty() && !matches_kind(wanted, v) {
        return format!("{here} is {found} where the schema wants type `{wanted}`");
    }
    if !list("anyOf").is_empty() && !list("anyOf").iter().any(|x| ok(x, v)) {
        return format!("{here} ({found}) matches none of its `anyOf` branches");
    }
    if !list("oneOf").is_empty() {
        let n = list("oneOf").iter().filter(|x| ok(x, v)).count();
        if n != 1 {
            return format!("{here} ({found}) matches {n} of its `oneOf` branches, not one");
        }
    }
    match v {
        Value::Object(m) => object_why(sampler, s, m, at, toward, depth).unwrap_or_else(|| format!("{here} breaks its schema")),
        Value::Array(items) => {
            let place = |n: usize| format!("{at}[{n}]");
            let bad = |i: &Value, n: &usize| !ok(i, &items[*n]);
            let item = s.get("items").and_then(|i| {
                let mut failing = (0..items.len()).filter(|n| bad(i, n));
                let first = failing.next()?;
                let wanted = std::iter::once(first).chain(failing).find(|n| on_the_way(&place(*n), toward));
                Some((i, wanted.unwrap_or(first)))
            });
            match item {
                Some((i, n)) => why(sampler, i, &items[n], &place(n), toward, depth + 1),
                None => format!("{here} has {} items, outside the schema's bounds", items.len()),
            }
        }
        _ => format!("{here} ({}) breaks its schema's enum, bounds, length, pattern or format", compact(v)),
    }
}

/// Why an object breaks `s`: a missing required property, a property that breaks its schema or
/// one the schema does not allow; a property on the way to `toward` that breaks its schema
/// first.
fn object_why(sampler: &Sampler<'_>, s: &Value, m: &serde_json::Map<String, Value>, at: &str, toward: &str, depth: usize) -> Option<String> {
    let dot = |k: &str| if at.is_empty() { k.to_string() } else { format!("{at}.{k}") };
    let props = s.get("properties").and_then(Value::as_object);
    let property_why = |k: &String, x: &Value| {
        let sub = props.and_then(|p| p.get(k)).or_else(|| s.get("additionalProperties").filter(|a| a.is_object()));
        match sub {
            Some(sub) if !within(sampler, sub, x, depth + 1) => Some(why(sampler, sub, x, &dot(k), toward, depth + 1)),
            None if s.get("additionalProperties") == Some(&Value::Bool(false)) => Some(format!("`{}` is a property the schema does not allow", dot(k))),
            _ => None,
        }
    };
    let ahead = m.iter().filter(|(k, _)| !toward.is_empty() && on_the_way(&dot(k), toward));
    if let Some(found) = ahead.into_iter().find_map(|(k, x)| property_why(k, x)) {
        return Some(found);
    }
    let required = s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
    if let Some(missing) = required.into_iter().find(|r| !m.contains_key(*r)) {
        return Some(format!("`{}` is missing, and the schema requires it", dot(missing)));
    }
    m.iter().find_map(|(k, x)| property_why(k, x))
}

/// Whether `v` is of the JSON Schema type `t`.
pub(super) fn matches_kind(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.as_f64().is_some_and(|x| x.fract() == 0.0),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "null" => v.is_null(),
        _ => true,
    }
}

/// `a string`, `an object`...: what a value is, for messages.
fn json_kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(_) => "a number".into(),
        Value::String(_) => format!("a string ({})", compact(v)),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A value in at most 60 characters.
fn compact(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text,
    }
}

/// Whether `null` satisfies the (resolved) schema `s`: it is `nullable` or typeless, and a
/// typeless one's `allOf` branches all take `null` (one of them `nullable` is enough: a common
/// reading of OpenAPI 3.0, taken so that a doubtful case stays the client's), and some of its
/// `anyOf` or `oneOf` branches do.
fn null_allowed(sampler: &Sampler<'_>, s: &Value, depth: usize) -> bool {
    let nullable = |s: &Value| s.get("nullable").and_then(Value::as_bool) == Some(true);
    if nullable(s) || kind(s) == "null" {
        return true;
    }
    if !kind(s).is_empty() {
        return false;
    }
    let list = |key: &str| s.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let takes = |x: &Value| within(sampler, x, &Value::Null, depth + 1);
    let all = list("allOf");
    let all_ok = all.iter().any(|x| nullable(sampler.resolve(x).0)) || all.iter().all(takes);
    let some = |l: &[Value]| l.is_empty() || l.iter().any(takes);
    all_ok && some(list("anyOf")) && some(list("oneOf"))
}

fn count(s: &Value, key: &str) -> Option<usize> {
    s.get(key).and_then(Value::as_u64).map(|n| n as usize)
}

fn string(s: &Value, t: &str) -> bool {
    let n = t.chars().count();
    let pattern_ok = s.get("pattern").and_then(Value::as_str).and_then(|p| regex::Regex::new(p).ok()).is_none_or(|re| re.is_match(t));
    n >= count(s, "minLength").unwrap_or(0) && count(s, "maxLength").is_none_or(|m| n <= m) && pattern_ok && format(s, t)
}

/// The formats whose values the client parses into a type (dates and times, RFC 3339), and
/// those a validating server is sure to check (`uuid`, `email`); base64.
fn format(s: &Value, t: &str) -> bool {
    static DATE_TIME: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$").expect("valid regex")
    });
    static DATE: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"^\d{4}-\d\d-\d\d$").expect("valid regex"));
    static UUID: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$").expect("valid regex"));
    match s.get("format").and_then(Value::as_str) {
        Some("date-time") => DATE_TIME.is_match(t),
        Some("date") => DATE.is_match(t),
        Some("uuid") => UUID.is_match(t),
        Some("byte") => t.len().is_multiple_of(4) && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
        // A validating server checks this too (Prism does), so an example that is not one is
        // not sent.
        Some("email") => t.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.')),
        _ => true,
    }
}

fn number(s: &Value, x: f64) -> bool {
    let flag = |k: &str| s.get(k).and_then(Value::as_bool) == Some(true);
    let num = |k: &str| s.get(k).and_then(Value::as_f64);
    let low = match (num("minimum"), num("exclusiveMinimum")) {
        (_, Some(m)) => x > m,
        (Some(m), None) if flag("exclusiveMinimum") => x > m,
        (Some(m), None) => x >= m,
        (None, None) => true,
    };
    let high = match (num("maximum"), num("exclusiveMaximum")) {
        (_, Some(m)) => x < m,
        (Some(m), None) if flag("exclusiveMaximum") => x < m,
        (Some(m), None) => x <= m,
        (None, None) => true,
    };
    let multiple = num("multipleOf").filter(|m| *m > 0.0).is_none_or(|m| ((x / m) - (x / m).round()).abs() < 1e-9);
    low && high && multiple
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_is_allowed_where_the_schema_says_so() {
        let doc = json!({"components": {"schemas": {
            "Account": {"type": "object", "nullable": true, "required": ["bot"], "properties": {
                "bot": {"type": "boolean"},
                "moved": {"allOf": [{"$ref": "#/components/schemas/Account"}], "nullable": true},
                "tier": {"type": "string", "enum": ["free", null]},
                "previous": {"type": "array", "items": {"$ref": "#/components/schemas/Account"}}}}
        }}});
        let sampler = Sampler::new(&doc);
        let account = json!({"$ref": "#/components/schemas/Account"});
        let ok = json!({"bot": true, "moved": null, "tier": null, "previous": [null, {"bot": false}]});
        assert_eq!(violation(&sampler, &account, &ok), None, "null where the schema allows it, an enum listing null included");
        assert_eq!(violation(&sampler, &account, &Value::Null), None);
        let wrong = json!({"bot": true, "previous": [{"bot": false}, {"bot": "https://example.com"}]});
        assert!(violation(&sampler, &account, &wrong).is_some_and(|why| why.contains("previous[1]")), "{:?}", violation(&sampler, &account, &wrong));
        let uuid = json!({"type": "string", "format": "uuid"});
        assert!(valid(&sampler, &uuid, &json!("3fa85f64-5717-4562-b3fc-2c963f66afa6")));
        assert!(!valid(&sampler, &uuid, &json!("an id")), "a validating server checks uuids");
    }

    #[test]
    fn formats_the_client_parses_are_checked() {
        let date_time = json!({"format": "date-time"});
        assert!(format(&date_time, "2024-01-02T03:04:05Z"));
        assert!(format(&date_time, "2024-01-02T03:04:05.123+02:00"));
        assert!(!format(&date_time, "2024-01-02T03:04:05Z2"), "what the sampler once sent as a second list item");
        assert!(!format(&json!({"format": "date"}), "2024-01-022"));
        assert!(format(&json!({"format": "uuid"}), "3fa85f64-5717-4562-b3fc-2c963f66afa6"));
        assert!(!format(&json!({"format": "uuid"}), "conformance"));
    }
}
