//! The spec's own faults in an operation's inputs: schemas no value satisfies, and unions whose
//! branches a value on the wire cannot tell apart. A client cannot send such an input right, so
//! the conformance report classes a request the mock rejects over one as the spec's (`spec`),
//! listed with the reason found here, never counted as the client's nor as `ok`.

use super::check::valid;
use super::schema::Sampler;
use serde_json::Value;

/// Why no value satisfies `schema`, when one of its required properties is forbidden by the
/// schema or one of its `allOf` parts (`additionalProperties: false` without that property among
/// its own `properties`, which JSON Schema applies to each part alone).
pub fn unsatisfiable(sampler: &Sampler<'_>, schema: &Value) -> Option<String> {
    let (s, name) = sampler.resolve(schema);
    let mut levels = vec![(name.map_or_else(|| "the schema".to_string(), |n| format!("`{n}`")), s)];
    for (i, part) in s.get("allOf").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let (p, part_name) = sampler.resolve(part);
        let label = match part_name.filter(|_| part.get("$ref").is_some()) {
            Some(n) => format!("its `allOf/{i}` (`{n}`)"),
            None => format!("its `allOf/{i}`"),
        };
        levels.push((label, p));
    }
    let required = levels.iter().flat_map(|(_, l)| l.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str));
    for r in required {
        let forbids = levels.iter().find(|(_, l)| {
            l.get("additionalProperties") == Some(&Value::Bool(false)) && l.get("properties").and_then(|p| p.get(r)).is_none()
        });
        if let Some((label, _)) = forbids {
            return Some(format!(
                "no value satisfies the schema: `{r}` is required, but {label} forbids it (`additionalProperties: false` without `{r}` among its own `properties`)"
            ));
        }
    }
    None
}

/// Whether the text `t` of a parameter (all a query, header, path or cookie value is) is a value
/// of `schema`: as a string, or as the number or boolean it reads as (as a validating server
/// coerces it).
pub fn accepts_text(sampler: &Sampler<'_>, schema: &Value, t: &str) -> bool {
    let typed = serde_json::from_str::<Value>(t).ok().filter(|v| v.is_number() || v.is_boolean());
    std::iter::once(Value::String(t.to_string())).chain(typed).any(|v| valid(sampler, schema, &v))
}

/// The text a scalar parameter value is sent as; `None` for lists and objects.
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => Some(v.to_string()),
        _ => None,
    }
}

/// For a scalar parameter whose schema is a `oneOf`: `v` when its text only one branch accepts,
/// else the first branch's own value that is so; `Err` with the reason when no branch has one
/// (the branches cannot be told apart on the wire: one's values are all the other's too).
pub fn one_of_on_the_wire(sampler: &Sampler<'_>, schema: &Value, v: Value) -> Result<Value, String> {
    let (s, _) = sampler.resolve(schema);
    let Some(branches) = s.get("oneOf").and_then(Value::as_array).filter(|b| b.len() > 1) else { return Ok(v) };
    let alone = |x: &Value| text(x).is_none_or(|t| branches.iter().filter(|b| accepts_text(sampler, b, &t)).count() == 1);
    if alone(&v) {
        return Ok(v);
    }
    let own = branches.iter().map(|b| sampler.value(b, true));
    own.into_iter().find(|x| alone(x) && valid(sampler, schema, x)).ok_or_else(|| {
        let t = text(&v).unwrap_or_default();
        format!("its `oneOf` branches cannot be told apart on the wire: the text `{t}` matches several, and no branch has a value only it matches")
    })
}

/// The lengths of every value of a format whose values all have the same shape: (shortest,
/// longest when bounded).
fn format_lengths(format: &str) -> Option<(usize, Option<usize>)> {
    Some(match format {
        "uuid" => (36, Some(36)),
        "date" => (10, Some(10)),
        // `2024-01-02T03:04:05Z`, fractions and offsets longer.
        "date-time" => (20, None),
        _ => return None,
    })
}

/// Why no value satisfies a string somewhere in `schema` (its properties, items and `allOf`
/// parts, followed through `$ref`s): a `format` whose every value is longer than `maxLength`
/// or shorter than `minLength` (a `uuid` limited to 24 characters). `at` names the place.
pub fn impossible_string(sampler: &Sampler<'_>, schema: &Value) -> Option<String> {
    let mut seen = Vec::new();
    impossible_at(sampler, schema, "", &mut seen, 0)
}

fn impossible_at<'a>(sampler: &'a Sampler<'_>, schema: &'a Value, at: &str, seen: &mut Vec<*const Value>, depth: usize) -> Option<String> {
    let (s, _) = sampler.resolve(schema);
    if depth > 16 || seen.contains(&(s as *const Value)) {
        return None;
    }
    seen.push(s);
    let place = if at.is_empty() { "the value".to_string() } else { format!("`{at}`") };
    let length = |k: &str| s.get(k).and_then(Value::as_u64).map(|n| n as usize);
    let format = s.get("format").and_then(Value::as_str);
    if let Some((f, (shortest, longest))) = format.and_then(|f| Some((f, format_lengths(f)?))) {
        let too_long = length("maxLength").filter(|max| *max < shortest);
        let too_short = length("minLength").filter(|min| longest.is_some_and(|l| *min > l));
        let why = match (too_long, too_short) {
            (Some(max), _) => Some(format!("every `{f}` is at least {shortest} characters long, but `maxLength` is {max}")),
            (None, Some(min)) => Some(format!("every `{f}` is at most {} characters long, but `minLength` is {min}", longest.unwrap_or_default())),
            (None, None) => None,
        };
        if let Some(why) = why {
            return Some(format!("no value satisfies {place}: {why}"));
        }
    }
    let dot = |k: &str| if at.is_empty() { k.to_string() } else { format!("{at}.{k}") };
    let props = s.get("properties").and_then(Value::as_object).into_iter().flatten().map(|(k, p)| (dot(k), p));
    let items = s.get("items").into_iter().map(|i| (format!("{at}[0]"), i));
    let parts = s.get("allOf").and_then(Value::as_array).into_iter().flatten().map(|p| (at.to_string(), p));
    let subs: Vec<(String, &Value)> = props.chain(items).chain(parts).collect();
    subs.into_iter().find_map(|(at, sub)| impossible_at(sampler, sub, &at, seen, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_required_property_an_all_of_part_forbids() {
        let doc = json!({"components": {"schemas": {
            "Optional": {"type": "object", "additionalProperties": false, "required": ["model"], "properties": {"model": {"type": "string"}}},
            "Params": {"type": "object", "allOf": [
                {"type": "object", "required": ["url"], "properties": {"url": {"type": "string"}}, "additionalProperties": false},
                {"$ref": "#/components/schemas/Optional"}]},
            "Fine": {"type": "object", "additionalProperties": false, "required": ["a"], "properties": {"a": {"type": "string"}}}
        }}});
        let sampler = Sampler::new(&doc);
        let why = unsatisfiable(&sampler, &json!({"$ref": "#/components/schemas/Params"})).unwrap();
        assert!(why.contains("`url` is required, but its `allOf/1` (`Optional`) forbids it"), "{why}");
        assert_eq!(unsatisfiable(&sampler, &json!({"$ref": "#/components/schemas/Fine"})), None);
        assert_eq!(unsatisfiable(&sampler, &json!({"type": "string"})), None);
    }

    #[test]
    fn a_format_longer_than_its_max_length_is_no_value() {
        // Intercom's `from.id`: a UUID limited to 24 characters.
        let doc = json!({"components": {"schemas": {
            "Request": {"type": "object", "required": ["from"], "properties": {
                "from": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid", "minLength": 24, "maxLength": 24}}},
                "again": {"$ref": "#/components/schemas/Request"}}},
            "Fine": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid", "maxLength": 36},
                "day": {"type": "string", "format": "date", "minLength": 10}, "tags": {"type": "array", "items": {"type": "string", "maxLength": 3}}}}
        }}});
        let sampler = Sampler::new(&doc);
        let why = impossible_string(&sampler, &json!({"$ref": "#/components/schemas/Request"})).expect("no UUID has 24 characters");
        assert_eq!(why, "no value satisfies `from.id`: every `uuid` is at least 36 characters long, but `maxLength` is 24");
        let stamps = json!({"type": "array", "items": {"type": "string", "format": "date-time", "maxLength": 10}});
        assert!(impossible_string(&sampler, &stamps).is_some_and(|w| w.contains("`[0]`")));
        assert!(impossible_string(&sampler, &json!({"type": "string", "format": "date", "minLength": 11})).is_some());
        assert_eq!(impossible_string(&sampler, &json!({"$ref": "#/components/schemas/Fine"})), None);
        assert_eq!(impossible_string(&sampler, &json!({"type": "string", "format": "date-time", "minLength": 40})), None, "an offset and fractions make it longer");
    }

    #[test]
    fn a_one_of_value_is_one_only_a_branch_reads_as_its_own() {
        let doc = json!({});
        let sampler = Sampler::new(&doc);
        let build = json!({"oneOf": [{"type": "integer"}, {"type": "string"}]});
        // `42` as text is a string too: the string branch's own value is taken instead.
        assert_eq!(one_of_on_the_wire(&sampler, &build, json!(42)), Ok(json!("conformance")));
        assert_eq!(one_of_on_the_wire(&sampler, &build, json!("1.2.3")), Ok(json!("1.2.3")));
        let numbers = json!({"oneOf": [{"type": "integer"}, {"type": "integer", "minimum": 0}]});
        let why = one_of_on_the_wire(&sampler, &numbers, json!(1)).unwrap_err();
        assert!(why.contains("cannot be told apart"), "{why}");
        assert_eq!(one_of_on_the_wire(&sampler, &json!({"type": "integer"}), json!(1)), Ok(json!(1)));
    }
}
