//! Numbers in schema keywords that `openapiv3` cannot hold.
//!
//! `openapiv3` reads an integer schema's bounds as `i64` and lengths and counts as `usize`. Real
//! specs write bounds past the 64-bit range (`minimum: -9223372036854776000`, the nearest `f64`
//! to `i64::MIN`), fractions, or negative lengths. Such a keyword does not change the generated
//! type, so it is converted when it is an integer in range and dropped with a warning otherwise,
//! instead of the whole spec being refused. Numeric `exclusiveMinimum`/`exclusiveMaximum`
//! (JSON Schema 2019+, OpenAPI 3.1) become 3.0's `minimum` plus a boolean.

use crate::diag::{escape_segment, Diagnostics};
use serde_json::{Map, Number, Value};

const COUNTS: &[&str] = &["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
const INTEGER_BOUNDS: &[&str] = &["minimum", "maximum", "multipleOf"];

/// Fixes one schema object in place.
pub fn fix(map: &mut Map<String, Value>, at: &str, diags: &mut Diagnostics) {
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(Value::Number(n)) = map.get(exclusive) {
            let n = n.clone();
            // `minimum: 0, exclusiveMinimum: 5` (legal in 3.1) means the stricter of the two.
            map.insert(bound.to_string(), Value::Number(n));
            map.insert(exclusive.to_string(), Value::Bool(true));
        }
    }
    for key in COUNTS {
        if let Some(Value::Number(n)) = map.get(*key) {
            if n.as_u64().is_some_and(|v| usize::try_from(v).is_ok()) {
                continue;
            }
            match n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= u32::MAX as f64) {
                Some(f) => {
                    map.insert(key.to_string(), Value::Number(Number::from(f as u64)));
                }
                None => drop_keyword(map, key, at, "is not a length or count", diags),
            }
        }
    }
    if map.get("type").and_then(Value::as_str) != Some("integer") {
        return;
    }
    for key in INTEGER_BOUNDS {
        if let Some(Value::Number(n)) = map.get(*key) {
            if n.is_i64() {
                continue;
            }
            match as_i64(n) {
                Some(v) => {
                    map.insert(key.to_string(), Value::Number(Number::from(v)));
                }
                None => drop_keyword(map, key, at, "is outside the 64-bit integer range", diags),
            }
        }
    }
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        let before = values.len();
        values.retain_mut(|v| match v {
            Value::Number(n) if !n.is_i64() => match as_i64(n) {
                Some(i) => {
                    *v = Value::Number(Number::from(i));
                    true
                }
                None => false,
            },
            _ => true,
        });
        if values.len() != before {
            diags.warn(
                format!("{at}/enum"),
                format!("{} value(s) of this integer `enum` are outside the 64-bit integer range and were left out", before - values.len()),
            );
        }
    }
}

/// An integral number within `i64`, whatever its JSON form (`1.0`, `1e3`).
fn as_i64(n: &Number) -> Option<i64> {
    let f = n.as_f64()?;
    // `i64::MAX` printed as a float is 2^63 (9223372036854776000): it stands for `i64::MAX`,
    // and `as` saturates to exactly that.
    (f.fract() == 0.0 && f >= -(2f64.powi(63)) && f <= 2f64.powi(63)).then_some(f as i64)
}

fn drop_keyword(map: &mut Map<String, Value>, key: &str, at: &str, why: &str, diags: &mut Diagnostics) {
    let value = map.remove(key).unwrap_or(Value::Null);
    diags.warn(
        format!("{at}/{}", escape_segment(key)),
        format!("`{key}: {value}` {why}; the keyword is left out (it does not change the generated type)"),
    );
}
