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
