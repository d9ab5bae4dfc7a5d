//! A validator for the OpenAPI 3.0 schema subset the specs use: `type`, `nullable`, `enum`,
//! `format` (`date-time`, `date`, `int32`), `required`, `properties`, `additionalProperties`,
//! `items`, `allOf`/`oneOf`/`anyOf`/`not`, `discriminator`, `minLength`/`maxLength`,
//! `minimum`/`maximum` (and OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum`),
//! `multipleOf`, `minItems`/`maxItems`/`uniqueItems`, `minProperties`/`maxProperties` and
//! `pattern`. `readOnly` properties may be missing from requests and `writeOnly` ones from
//! responses.
//!
//! A pattern is an ECMA-262 regular expression matched anywhere in the string. The `regex` crate
//! has no look-around or backreferences: a pattern it cannot compile is skipped with a warning.

use super::walk::{pointer, ref_path, Direction, Path};
use regex::Regex;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};

/// One way an example differs from its schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// A warning (the value is not wrong, but worth a look) rather than an error.
    pub warning: bool,
    /// Where in the example, as pointer segments (empty: the example itself).
    pub at: Path,
    /// What differs: expected vs found.
    pub message: String,
    /// The schema that says so, e.g. `#/components/schemas/Token/properties/status`.
    pub schema: String,
    /// The issue is about the schema itself (a pattern that cannot be checked), not the value.
    pub on_schema: bool,
}

/// Validates values against the schemas of one document.
pub struct Validator<'a> {
    doc: &'a Value,
    regexes: HashMap<String, Result<Regex, String>>,
}

const MAX_DEPTH: usize = 64;

struct Ctx {
    direction: Direction,
    depth: usize,
}

impl<'a> Validator<'a> {
    /// A validator resolving `$ref`s in `doc`.
    pub fn new(doc: &'a Value) -> Self {
        Self { doc, regexes: HashMap::new() }
    }

    /// Every issue of `value` against `schema` (written at `schema_at`).
    pub fn validate(&mut self, value: &Value, schema: &Value, schema_at: &[String], direction: Direction) -> Vec<Issue> {
        let mut issues = Vec::new();
        let mut at = Vec::new();
        let ctx = Ctx { direction, depth: 0 };
        self.check(value, schema, schema_at.to_vec(), &mut at, &ctx, true, &mut issues);
        issues
    }

    #[allow(clippy::too_many_arguments)]
    fn check(&mut self, v: &Value, s: &Value, sp: Path, at: &mut Path, ctx: &Ctx, undeclared: bool, out: &mut Vec<Issue>) {
        if ctx.depth > MAX_DEPTH {
            out.push(issue(false, at, format!("the schema nests deeper than {MAX_DEPTH} levels (a reference cycle?)"), &sp));
            return;
        }
        let ctx = &Ctx { direction: ctx.direction, depth: ctx.depth + 1 };
        let (s, sp) = match s.get("$ref").and_then(Value::as_str) {
            Some(r) => match (generator::validate::resolve_pointer(self.doc, r), ref_path(r)) {
                (Some(target), Some(path)) => return self.check(v, target, path, at, ctx, undeclared, out),
                // An unresolvable reference is reported by the generator's checks.
                _ => return,
            },
            None => (s, sp),
        };
        let Some(schema) = s.as_object() else { return };

        if v.is_null() {
            let enum_has_null = schema.get("enum").and_then(Value::as_array).is_some_and(|e| e.iter().any(Value::is_null));
            let typed = schema.contains_key("type");
            if !(flag(schema, "nullable") || enum_has_null || !typed) {
                let ty = schema.get("type").and_then(Value::as_str).map(article).unwrap_or_else(|| "a value".into());
                out.push(issue(false, at, format!("expected {ty}, found null (the schema is not `nullable`)"), &sp));
            }
            if typed || enum_has_null {
                return;
            }
        }

        if let Some(ty) = schema.get("type").and_then(Value::as_str) {
            if !v.is_null() && !type_matches(ty, v) {
                out.push(issue(false, at, format!("expected {}, found {}", article(ty), describe(v)), &sp));
                return;
            }
        }

        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            if !values.iter().any(|e| same(e, v)) {
                let options: Vec<String> = values.iter().map(show).collect();
                out.push(issue(false, at, format!("expected one of {}, found {}", options.join(", "), show(v)), &sp));
            }
        }

        match v {
            Value::String(text) => self.string(text, schema, &sp, at, out),
            Value::Number(_) => number(v, schema, &sp, at, out),
            Value::Array(items) => {
                if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                    if (items.len() as u64) < min {
                        out.push(issue(false, at, format!("expected at least {min} items, found {}", items.len()), &sp));
                    }
                }
                if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
                    if items.len() as u64 > max {
                        out.push(issue(false, at, format!("expected at most {max} items, found {}", items.len()), &sp));
                    }
                }
                if flag(schema, "uniqueItems") {
                    let mut seen = BTreeSet::new();
                    if items.iter().any(|i| !seen.insert(i.to_string())) {
                        out.push(issue(false, at, "expected unique items, found duplicates".to_string(), &sp));
                    }
                }
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        at.push(i.to_string());
                        self.check(item, item_schema, extend(&sp, "items"), at, ctx, true, out);
                        at.pop();
                    }
                }
            }
            Value::Object(map) => self.object(map, schema, &sp, at, ctx, undeclared, out),
            _ => {}
        }

        for (i, part) in schema.get("allOf").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let part_at = extend(&extend(&sp, "allOf"), &i.to_string());
            self.check(v, part, part_at, at, ctx, false, out);
        }
        if let Some(parts) = schema.get("oneOf").and_then(Value::as_array) {
            self.one_of(v, schema, parts, &sp, at, ctx, out);
        }
        if let Some(parts) = schema.get("anyOf").and_then(Value::as_array) {
            let results = self.branches(v, parts, &extend(&sp, "anyOf"), at, ctx);
            match results.iter().find(|(_, issues)| !issues.iter().any(|i| !i.warning)) {
                Some((_, issues)) => out.extend(issues.iter().cloned()),
                None => out.push(issue(false, at, format!("matches none of the `anyOf` schemas: {}", first_errors(&results)), &sp)),
            }
        }
        if let Some(not) = schema.get("not") {
            let mut tmp = Vec::new();
            self.check(v, not, extend(&sp, "not"), at, ctx, true, &mut tmp);
            if !tmp.iter().any(|i| !i.warning) {
                out.push(issue(false, at, format!("{} matches the `not` schema, which it must not", show(v)), &sp));
            }
        }
    }

    fn string(&mut self, text: &str, schema: &Map<String, Value>, sp: &[String], at: &Path, out: &mut Vec<Issue>) {
        let len = text.chars().count() as u64;
        if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
            if len < min {
                out.push(issue(false, at, format!("expected at least {min} characters, found {len} in {}", show_str(text)), sp));
            }
        }
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
            if len > max {
                out.push(issue(false, at, format!("expected at most {max} characters, found {len} in {}", show_str(text)), sp));
            }
        }
        match schema.get("format").and_then(Value::as_str) {
            Some("date-time") if !is_date_time(text) => {
                out.push(issue(false, at, format!("expected an RFC 3339 date-time such as \"2020-01-01T00:00:00Z\", found {}", show_str(text)), sp))
            }
            Some("date") if !is_date(text) => {
                out.push(issue(false, at, format!("expected a date such as \"2020-01-01\", found {}", show_str(text)), sp))
            }
            _ => {}
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            let compiled = self
                .regexes
                .entry(pattern.to_string())
                .or_insert_with(|| Regex::new(pattern).map_err(|e| regex_reason(&e)));
            match compiled {
                Ok(re) if !re.is_match(text) => {
                    out.push(issue(false, at, format!("expected a match of the pattern `{pattern}`, found {}", show_str(text)), sp));
                }
                Ok(_) => {}
                Err(why) => out.push(Issue {
                    warning: true,
                    at: Vec::new(),
                    message: format!("the pattern `{pattern}` is not checked: Rust's regex engine cannot compile it ({why})"),
                    schema: pointer(sp),
                    on_schema: true,
                }),
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn object(&mut self, map: &Map<String, Value>, schema: &Map<String, Value>, sp: &[String], at: &mut Path, ctx: &Ctx, undeclared: bool, out: &mut Vec<Issue>) {
        let props = schema.get("properties").and_then(Value::as_object);
        for name in schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            if map.contains_key(name) {
                continue;
            }
            let prop = props.and_then(|p| p.get(name)).and_then(|p| super::walk::resolve(self.doc, p, Vec::new())).map(|(p, _)| p);
            let read_only = prop.is_some_and(|p| p.get("readOnly") == Some(&Value::Bool(true)));
            let write_only = prop.is_some_and(|p| p.get("writeOnly") == Some(&Value::Bool(true)));
            let excused = match ctx.direction {
                Direction::Request => read_only,
                Direction::Response => write_only,
                Direction::Both => read_only || write_only,
            };
            if !excused {
                out.push(issue(false, at, format!("missing required property `{name}`"), sp));
            }
        }
        for (name, value) in map {
            at.push(name.clone());
            match props.and_then(|p| p.get(name)) {
                Some(prop) => {
                    let prop_at = extend(&extend(sp, "properties"), name);
                    self.check(value, prop, prop_at, at, ctx, true, out);
                }
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        out.push(issue(false, at, format!("unexpected property `{name}`: the schema has `additionalProperties: false`"), sp))
                    }
                    Some(extra @ Value::Object(_)) => self.check(value, extra, extend(sp, "additionalProperties"), at, ctx, true, out),
                    _ if undeclared => {
                        if let Some(declared) = self.declared(schema, 0) {
                            if !declared.contains(name) {
                                let known: Vec<&str> = declared.iter().map(String::as_str).collect();
                                out.push(issue(true, at, format!("property `{name}` is not declared in the schema (declared: {})", known.join(", ")), sp));
                            }
                        }
                    }
                    _ => {}
                },
            }
            at.pop();
        }
        let count = map.len() as u64;
        if let Some(min) = schema.get("minProperties").and_then(Value::as_u64) {
            if count < min {
                out.push(issue(false, at, format!("expected at least {min} properties, found {count}"), sp));
            }
        }
        if let Some(max) = schema.get("maxProperties").and_then(Value::as_u64) {
            if count > max {
                out.push(issue(false, at, format!("expected at most {max} properties, found {count}"), sp));
            }
        }
    }

    /// The property names an object schema declares, its `allOf` parts included; `None` when it
    /// accepts any property (additionalProperties, a union, or no properties at all).
    fn declared(&self, schema: &Map<String, Value>, depth: usize) -> Option<BTreeSet<String>> {
        if depth > MAX_DEPTH || schema.contains_key("additionalProperties") || schema.contains_key("oneOf") || schema.contains_key("anyOf") {
            return None;
        }
        let mut names: BTreeSet<String> = schema.get("properties").and_then(Value::as_object).into_iter().flatten().map(|(k, _)| k.clone()).collect();
        for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
            let (part, _) = super::walk::resolve(self.doc, part, Vec::new())?;
            names.extend(self.declared(part.as_object()?, depth + 1)?);
        }
        (!names.is_empty()).then_some(names)
    }

    #[allow(clippy::too_many_arguments)]
    fn one_of(&mut self, v: &Value, schema: &Map<String, Value>, parts: &[Value], sp: &[String], at: &mut Path, ctx: &Ctx, out: &mut Vec<Issue>) {
        let base = extend(sp, "oneOf");
        if let Some(disc) = schema.get("discriminator").and_then(Value::as_object) {
            let Some(prop) = disc.get("propertyName").and_then(Value::as_str) else { return };
            let Some(tag) = v.get(prop).and_then(Value::as_str) else {
                out.push(issue(false, at, format!("missing the discriminator property `{prop}`"), sp));
                return;
            };
            let target = disc
                .get("mapping")
                .and_then(|m| m.get(tag))
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| generator::pointer::Pointer::component("schemas", tag).into());
            match parts.iter().position(|p| p.get("$ref").and_then(Value::as_str) == Some(target.as_str())) {
                Some(i) => self.check(v, &parts[i], extend(&base, &i.to_string()), at, ctx, true, out),
                None => {
                    at.push(prop.to_string());
                    out.push(issue(false, at, format!("the discriminator value {} names none of the `oneOf` schemas", show_str(tag)), sp));
                    at.pop();
                }
            }
            return;
        }
        let results = self.branches(v, parts, &base, at, ctx);
        let matching: Vec<&(String, Vec<Issue>)> = results.iter().filter(|(_, issues)| !issues.iter().any(|i| !i.warning)).collect();
        match matching.as_slice() {
            [(_, issues)] => out.extend(issues.iter().cloned()),
            [] => out.push(issue(false, at, format!("matches none of the `oneOf` schemas: {}", first_errors(&results)), sp)),
            [(first, _), ..] => {
                let names: Vec<&str> = matching.iter().map(|(n, _)| n.as_str()).collect();
                out.push(issue(
                    true,
                    at,
                    format!("matches {} of the `oneOf` schemas ({}), where exactly one should; the generated enum takes the first, {first}", names.len(), names.join(", ")),
                    sp,
                ));
            }
        }
    }

    /// Each branch's name and issues.
    fn branches(&mut self, v: &Value, parts: &[Value], base: &[String], at: &mut Path, ctx: &Ctx) -> Vec<(String, Vec<Issue>)> {
        parts
            .iter()
            .enumerate()
            .map(|(i, part)| {
                let mut tmp = Vec::new();
                self.check(v, part, extend(base, &i.to_string()), at, ctx, true, &mut tmp);
                let name = part.get("$ref").and_then(Value::as_str).map(|r| r.rsplit('/').next().unwrap_or(r).to_string()).unwrap_or_else(|| format!("#{i}"));
                (format!("`{name}`"), tmp)
            })
            .collect()
    }
}

/// The last line of a regex error, without its `error: ` prefix.
fn regex_reason(e: &regex::Error) -> String {
    let text = e.to_string();
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    last.strip_prefix("error: ").unwrap_or(last).to_string()
}

fn number(v: &Value, schema: &Map<String, Value>, sp: &[String], at: &Path, out: &mut Vec<Issue>) {
    let Some(n) = v.as_f64() else { return };
    if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
        let exclusive = flag(schema, "exclusiveMinimum");
        if n < min || (exclusive && n == min) {
            let rel = if exclusive { "greater than" } else { "at least" };
            out.push(issue(false, at, format!("expected a number {rel} {min}, found {}", show(v)), sp));
        }
    }
    if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
        let exclusive = flag(schema, "exclusiveMaximum");
        if n > max || (exclusive && n == max) {
            let rel = if exclusive { "less than" } else { "at most" };
            out.push(issue(false, at, format!("expected a number {rel} {max}, found {}", show(v)), sp));
        }
    }
    if let Some(step) = schema.get("multipleOf").and_then(Value::as_f64).filter(|s| *s > 0.0) {
        let q = n / step;
        if (q - q.round()).abs() > 1e-9 {
            out.push(issue(false, at, format!("expected a multiple of {step}, found {}", show(v)), sp));
        }
    }
    if schema.get("format").and_then(Value::as_str) == Some("int32") && (n < i32::MIN as f64 || n > i32::MAX as f64) {
        out.push(issue(false, at, format!("expected a 32-bit integer (`format: int32`), found {}", show(v)), sp));
    }
}

fn issue(warning: bool, at: &[String], message: String, schema: &[String]) -> Issue {
    Issue { warning, at: at.to_vec(), message, schema: pointer(schema), on_schema: false }
}

fn extend(path: &[String], seg: &str) -> Path {
    let mut out = path.to_vec();
    out.push(seg.to_string());
    out
}

fn flag(schema: &Map<String, Value>, key: &str) -> bool {
    schema.get(key) == Some(&Value::Bool(true))
}

/// The first error of each branch, for "matches none" messages.
fn first_errors(results: &[(String, Vec<Issue>)]) -> String {
    results
        .iter()
        .map(|(name, issues)| match issues.iter().find(|i| !i.warning) {
            Some(i) if i.at.is_empty() => format!("{name}: {}", i.message),
            Some(i) => format!("{name}: at {}: {}", display_at(&i.at), i.message),
            None => format!("{name}: ok"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `/result/status`, or `/` for the example itself.
pub fn display_at(at: &[String]) -> String {
    if at.is_empty() {
        "/".to_string()
    } else {
        pointer(at).trim_start_matches('#').to_string()
    }
}

fn type_matches(ty: &str, v: &Value) -> bool {
    match ty {
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => true,
    }
}

fn article(ty: &str) -> String {
    match ty {
        "integer" | "array" | "object" => format!("an {ty}"),
        "string" | "number" | "boolean" => format!("a {ty}"),
        other => format!("`{other}`"),
    }
}

/// A JSON value's kind and the value itself, short.
fn describe(v: &Value) -> String {
    let kind = match v {
        Value::Null => return "null".to_string(),
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    format!("{kind}, {}", show(v))
}

/// A value as compact JSON in backticks, cut short when long.
pub fn show(v: &Value) -> String {
    let mut text = v.to_string();
    if text.chars().count() > 60 {
        text = text.chars().take(57).collect::<String>() + "...";
    }
    format!("`{text}`")
}

fn show_str(s: &str) -> String {
    show(&Value::String(s.to_string()))
}

/// Equal as JSON, with numbers compared by value (`1` equals `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `YYYY-MM-DD`, a real calendar date.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(&s[0..4]), digits(&s[5..7]), digits(&s[8..10])) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// RFC 3339 `date-time`: `2020-01-01T00:00:00Z`, fractional seconds and offsets allowed.
pub fn is_date_time(s: &str) -> bool {
    if !s.is_char_boundary(10.min(s.len())) || s.len() < 20 || !is_date(&s[..10]) || !matches!(s.as_bytes()[10], b'T' | b't') {
        return false;
    }
    let rest = &s[11..];
    let b = rest.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(h), Some(m), Some(sec)) = (digits(&rest[0..2]), digits(&rest[3..5]), digits(&rest[6..8])) else { return false };
    if h > 23 || m > 59 || sec > 60 {
        return false;
    }
    let mut tail = &rest[8..];
    if let Some(frac) = tail.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        tail = &frac[n..];
    }
    match tail {
        "Z" | "z" => true,
        offset => {
            let o = offset.as_bytes();
            o.len() == 6
                && matches!(o[0], b'+' | b'-')
                && o[3] == b':'
                && digits(&offset[1..3]).is_some_and(|h| h <= 23)
                && digits(&offset[4..6]).is_some_and(|m| m <= 59)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(value: Value, schema: Value) -> Vec<String> {
        let doc = json!({"components": {"schemas": {"S": {"type": "string", "enum": ["a", "b"]}}}});
        let mut v = Validator::new(&doc);
        v.validate(&value, &schema, &[], Direction::Both)
            .into_iter()
            .map(|i| format!("{}{}: {}", if i.warning { "warning " } else { "" }, display_at(&i.at), i.message))
            .collect()
    }

    #[test]
    fn dates() {
        assert!(is_date_time("2020-01-01T00:00:00Z"));
        assert!(is_date_time("2020-02-29T23:59:60.123+05:30"));
        assert!(!is_date_time("2021-02-29T00:00:00Z"));
        assert!(!is_date_time("2020-01-01 00:00:00Z"));
        assert!(!is_date_time("2020-01-01T00:00:00"));
        assert!(!is_date_time("é2020-01-01T00:00:00Z"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2024-13-01"));
    }

    #[test]
    fn names_the_field_and_what_differs() {
        let schema = json!({"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string", "maxLength": 3},
            "n": {"type": "integer", "minimum": 1},
            "s": {"$ref": "#/components/schemas/S"},
            "list": {"type": "array", "items": {"type": "string", "format": "date"}}
        }});
        assert_eq!(
            errors(json!({"id": "abcd", "n": 0.5, "s": "c", "list": ["2020-01-01", 3], "x": 1}), schema),
            [
                "/id: expected at most 3 characters, found 4 in `\"abcd\"`",
                "/n: expected an integer, found a number, `0.5`",
                "/s: expected one of `\"a\"`, `\"b\"`, found `\"c\"`",
                "/list/1: expected a string, found an integer, `3`",
                "warning /x: property `x` is not declared in the schema (declared: id, list, n, s)",
            ]
        );
    }

    #[test]
    fn unions_and_nulls() {
        let schema = json!({"oneOf": [{"type": "string"}, {"type": "integer"}]});
        assert!(errors(json!("x"), schema.clone()).is_empty());
        assert_eq!(errors(json!(true), schema), ["/: matches none of the `oneOf` schemas: `#0`: expected a string, found a boolean, `true`; `#1`: expected an integer, found a boolean, `true`"]);
        assert_eq!(errors(Value::Null, json!({"type": "string"})), ["/: expected a string, found null (the schema is not `nullable`)"]);
        assert!(errors(Value::Null, json!({"type": "string", "nullable": true})).is_empty());
        let all = json!({"allOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"b": {"type": "string"}}}]});
        assert!(errors(json!({"a": "x", "b": "y"}), all.clone()).is_empty());
        assert_eq!(errors(json!({"c": 1}), all), ["warning /c: property `c` is not declared in the schema (declared: a, b)"]);
    }

    #[test]
    fn unsupported_patterns_are_skipped_with_a_warning() {
        let out = errors(json!("123"), json!({"type": "string", "pattern": "(?!^[0-9]+$)[0-9]+"}));
        assert_eq!(out.len(), 1);
        assert!(out[0].starts_with("warning /: the pattern"), "{out:?}");
        assert_eq!(errors(json!("ab"), json!({"type": "string", "pattern": "^[0-9]+$"})), ["/: expected a match of the pattern `^[0-9]+$`, found `\"ab\"`"]);
    }
}
