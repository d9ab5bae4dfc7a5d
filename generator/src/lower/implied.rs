//! The JSON type a schema without `type` implies by the keywords it uses. `{default: 1,
//! minimum: 1}` (Cloudflare's `page`) is a number, an integer when every number it gives
//! (`default`, `example`, `enum`, bounds, `multipleOf`) is whole; `minLength`, `maxLength`,
//! `pattern` or a string `format` mean a string; `minItems`, `maxItems`, `uniqueItems` a list.
//! Keywords of two types, or a given value of another type, imply nothing. The generator
//! ([`super::shape`]) and the conformance sampler read a schema through this one rule, so the
//! values sampled are values of the Rust type generated.

use serde_json::Value;

/// Keywords that apply only to numbers.
const NUMBER: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
/// Keywords that apply only to strings.
const STRING: &[&str] = &["minLength", "maxLength", "pattern"];
/// Keywords that apply only to arrays.
const ARRAY: &[&str] = &["minItems", "maxItems", "uniqueItems"];

/// `format`s that name a kind of string (those of OpenAPI and JSON Schema).
const STRING_FORMATS: &[&str] = &[
    "date", "date-time", "time", "duration", "byte", "binary", "password", "email", "idn-email", "hostname", "idn-hostname",
    "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template", "regex",
];

/// What a typeless schema says: which keywords it has, its `format`, and the values it gives
/// (`default`, `example`, every `enum` value, and numeric bounds and steps).
pub struct Keywords<'k> {
    pub has: &'k dyn Fn(&str) -> bool,
    pub format: Option<&'k str>,
    pub values: Vec<Value>,
}

/// The JSON type (`integer`, `number`, `string` or `array`) the keywords imply, if exactly one.
pub fn implied(k: &Keywords<'_>) -> Option<&'static str> {
    let uses = |list: &[&str]| list.iter().any(|key| (k.has)(key));
    let format = k.format.map(|f| match f {
        "int32" | "int64" => "integer",
        "float" | "double" => "number",
        f if STRING_FORMATS.contains(&f) => "string",
        _ => "",
    });
    let number = uses(NUMBER) || matches!(format, Some("integer" | "number"));
    let string = uses(STRING) || format == Some("string");
    let array = uses(ARRAY);
    let typ = match (number, string, array) {
        (true, false, false) if format == Some("number") => "number",
        (true, false, false) if format == Some("integer") || whole(&k.values) => "integer",
        (true, false, false) => "number",
        (false, true, false) => "string",
        (false, false, true) => "array",
        _ => return None,
    };
    let fits = |v: &Value| match typ {
        "integer" | "number" => v.is_number(),
        "string" => v.is_string(),
        _ => v.is_array(),
    };
    k.values.iter().filter(|v| !v.is_null()).all(fits).then_some(typ)
}

/// Whether there are numbers and every one is whole.
fn whole(values: &[Value]) -> bool {
    let numbers: Vec<f64> = values.iter().filter_map(Value::as_f64).collect();
    !numbers.is_empty() && numbers.iter().all(|n| n.fract() == 0.0)
}

/// The keywords of a schema written as JSON (as the conformance sampler reads it).
pub fn of_json(s: &Value) -> Option<&'static str> {
    let has = |key: &str| s.get(key).is_some();
    let enumerated = s.get("enum").and_then(Value::as_array).into_iter().flatten();
    let given = ["default", "example", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
    let values = given.iter().filter_map(|key| s.get(*key)).filter(|v| !v.is_boolean()).chain(enumerated).cloned().collect();
    implied(&Keywords { has: &has, format: s.get("format").and_then(Value::as_str), values })
}

/// The keywords of a schema `openapiv3` could not type.
pub fn of_any(s: &openapiv3::Schema, any: &openapiv3::AnySchema) -> Option<&'static str> {
    let has = |key: &str| match key {
        "minimum" => any.minimum.is_some(),
        "maximum" => any.maximum.is_some(),
        "exclusiveMinimum" => any.exclusive_minimum.is_some(),
        "exclusiveMaximum" => any.exclusive_maximum.is_some(),
        "multipleOf" => any.multiple_of.is_some(),
        "minLength" => any.min_length.is_some(),
        "maxLength" => any.max_length.is_some(),
        "pattern" => any.pattern.is_some(),
        "minItems" => any.min_items.is_some(),
        "maxItems" => any.max_items.is_some(),
        "uniqueItems" => any.unique_items.is_some(),
        _ => false,
    };
    let data = &s.schema_data;
    let bounds = [any.minimum, any.maximum, any.multiple_of].into_iter().flatten().map(Value::from);
    let values = data.default.iter().chain(&data.example).chain(&any.enumeration).cloned().chain(bounds).collect();
    implied(&Keywords { has: &has, format: any.format.as_deref(), values })
}

#[cfg(test)]
mod tests {
    use super::of_json;
    use serde_json::json;

    #[test]
    fn keywords_of_one_type_imply_it() {
        let cases = [
            (json!({"default": 1, "minimum": 1}), Some("integer")),
            (json!({"default": 25, "maximum": 1000, "minimum": 5}), Some("integer")),
            (json!({"minimum": 0.5}), Some("number")),
            (json!({"maximum": 10, "example": 2.5}), Some("number")),
            (json!({"exclusiveMinimum": true}), Some("number")),
            (json!({"format": "int32"}), Some("integer")),
            (json!({"maxLength": 32}), Some("string")),
            (json!({"format": "date-time"}), Some("string")),
            (json!({"minItems": 1, "uniqueItems": true}), Some("array")),
        ];
        for (schema, typ) in cases {
            assert_eq!(of_json(&schema), typ, "{schema}");
        }
    }

    #[test]
    fn mixed_or_contradicted_keywords_imply_nothing() {
        for schema in [
            json!({"minimum": 1, "maxLength": 3}),
            json!({"minimum": 1, "default": "one"}),
            json!({"pattern": "^a", "enum": [1, 2]}),
            json!({"format": "custom"}),
            json!({"description": "anything"}),
        ] {
            assert_eq!(of_json(&schema), None, "{schema}");
        }
    }

    /// The conformance sampler reads typeless keywords as the generator does: its values
    /// are of the type generated (an `i64` page, not a string).
    #[test]
    fn the_sampler_makes_values_of_the_implied_type() {
        let doc = json!({});
        let sampler = crate::sample::Sampler::new(&doc);
        assert_eq!(sampler.value(&json!({"minimum": 5, "maximum": 1000}), false), json!(5));
        assert_eq!(sampler.value(&json!({"minimum": 0.5}), false), json!(0.5));
        let list = sampler.value(&json!({"minItems": 1}), false);
        assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    }
}
