//! A string for a string schema: by its `format`, else its `pattern`, within its lengths.

use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::Value;

/// A string the schema accepts (as far as its format, pattern and lengths tell).
pub fn string(s: &Value) -> String {
    let min = s.get("minLength").and_then(Value::as_u64).unwrap_or(0).min(4096) as usize;
    let max = s.get("maxLength").and_then(Value::as_u64).map(|m| m as usize);
    let format = s.get("format").and_then(Value::as_str).unwrap_or("");
    if let Some(text) = formatted(format) {
        return text.to_string();
    }
    if let Some(text) = s.get("pattern").and_then(Value::as_str).and_then(|p| matching(p, min, max)) {
        return text;
    }
    fit("conformance", min, max)
}

/// A value of a well-known format.
fn formatted(format: &str) -> Option<&'static str> {
    Some(match format {
        "date-time" => "2024-01-02T03:04:05Z",
        "date" => "2024-01-02",
        "time" => "03:04:05Z",
        "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "email" => "user@example.com",
        "uri" | "url" | "uri-reference" | "iri" => "https://example.com/conformance",
        "hostname" => "example.com",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "byte" => "Y29uZm9ybWFuY2U=",
        "duration" => "PT1S",
        _ => return None,
    })
}

/// `text` cut or padded (with `x`) to the lengths.
fn fit(text: &str, min: usize, max: Option<usize>) -> String {
    let mut out: String = text.chars().take(max.unwrap_or(usize::MAX)).collect();
    while out.chars().count() < min {
        out.push('x');
    }
    out
}

/// A string matching `pattern` within the lengths, when one is found.
fn matching(pattern: &str, min: usize, max: Option<usize>) -> Option<String> {
    let re = regex::Regex::new(pattern).ok()?;
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    // The shortest form first, then with repetitions grown to reach the minimum length.
    for extra in [0, 1, 4, min] {
        let mut out = String::new();
        write(&hir, extra, &mut out);
        let n = out.chars().count();
        if n >= min && max.is_none_or(|m| n <= m) && re.is_match(&out) {
            return Some(out);
        }
    }
    None
}

/// Appends a string `hir` matches, each repetition taken its minimum plus `extra` times.
fn write(hir: &Hir, extra: usize, out: &mut String) {
    match hir.kind() {
        HirKind::Literal(lit) => out.push_str(&String::from_utf8_lossy(&lit.0)),
        HirKind::Class(Class::Unicode(c)) => {
            let pick = ['a', 'A', '0', '1', 'x', '-', '_'].into_iter().find(|ch| c.ranges().iter().any(|r| r.start() <= *ch && *ch <= r.end()));
            if let Some(ch) = pick.or_else(|| c.ranges().iter().map(|r| r.start()).find(|ch| !ch.is_control())) {
                out.push(ch);
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            if let Some(r) = c.ranges().first() {
                out.push(char::from(r.start().max(b' ')));
            }
        }
        HirKind::Repetition(r) => {
            let times = (r.min as usize + extra).min(r.max.map_or(usize::MAX, |m| m as usize)).min(256);
            for _ in 0..times {
                write(&r.sub, extra, out);
            }
        }
        HirKind::Capture(c) => write(&c.sub, extra, out),
        HirKind::Concat(parts) => parts.iter().for_each(|p| write(p, extra, out)),
        HirKind::Alternation(branches) => {
            if let Some(first) = branches.first() {
                write(first, extra, out);
            }
        }
        HirKind::Empty | HirKind::Look(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_pattern_is_matched_within_the_lengths() {
        for (schema, re) in [
            (json!({"pattern": "^[a-f0-9]{32}$"}), "^[a-f0-9]{32}$"),
            (json!({"pattern": "^(foo|bar)-[0-9]+$", "minLength": 8}), "^(foo|bar)-[0-9]+$"),
            (json!({"pattern": "^[A-Z]{2}$"}), "^[A-Z]{2}$"),
        ] {
            let s = string(&schema);
            assert!(regex::Regex::new(re).unwrap().is_match(&s), "{s} for {schema}");
            let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
            assert!(s.len() >= min, "{s} for {schema}");
        }
    }

    #[test]
    fn lengths_and_formats() {
        assert_eq!(string(&json!({"minLength": 14})), "conformancexxx");
        assert_eq!(string(&json!({"maxLength": 4})), "conf");
        assert_eq!(string(&json!({"format": "date"})), "2024-01-02");
    }
}
