//! A JSON value for a schema of the raw document: the schema's own valid example, else its
//! `default`, `const` or first `enum` value, else one made from its keywords (type, format,
//! bounds, lengths, pattern, required properties, `allOf` merged, a `oneOf`/`anyOf` branch that
//! only it matches, the discriminator set).

use super::check::valid;
use crate::pointer::Pointer;
use serde_json::{Map, Number, Value};

/// How deep a value nests before optional parts are left out and required ones are cut short.
const DEPTH: usize = 8;

/// Makes values for the schemas of one document.
pub struct Sampler<'d> {
    doc: &'d Value,
    /// Checks values as requests: a required `readOnly` property may be left out (OpenAPI 3.0
    /// requires it only in responses).
    request: bool,
}

impl<'d> Sampler<'d> {
    /// A sampler over a raw (3.0-shaped) document.
    pub fn new(doc: &'d Value) -> Self {
        Self { doc, request: false }
    }

    /// A sampler whose checks read values as requests (see [`Sampler::excused`]).
    pub fn for_requests(doc: &'d Value) -> Self {
        Self { doc, request: true }
    }

    /// Whether a value of `s` may leave out the required property `name`: in a request, when
    /// it is read-only.
    pub fn excused(&self, s: &Value, name: &str) -> bool {
        self.request && self.declared(s, name, 0).is_some_and(|d| read_only(self.resolve(d).0))
    }

    /// The schema a `$ref` chain ends at (itself when it is none), and the name of the last
    /// component it went through.
    pub fn resolve<'a>(&'a self, mut s: &'a Value) -> (&'a Value, Option<&'a str>) {
        let mut name = None;
        for _ in 0..32 {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else { break };
            let Some(next) = crate::validate::resolve_pointer(self.doc, r) else { break };
            name = r.rsplit('/').next();
            s = next;
        }
        (s, name)
    }

    /// Whether a value of a request may match more than one branch of the `oneOf` `branches`:
    /// when no value tells them apart (see [`Sampler::indistinct`]), the spec's fault.
    pub fn excused_one_of(&self, branches: &[Value]) -> bool {
        self.request && self.indistinct(branches)
    }

    /// Whether no value tells the `oneOf` `branches` apart: each branch's own value, with every
    /// property, satisfies another branch too.
    pub fn indistinct(&self, branches: &[Value]) -> bool {
        let alike = |b: &Value| {
            let v = self.value(b, true);
            branches.iter().filter(|x| valid(self, x, &v)).count() > 1
        };
        branches.len() > 1 && branches.iter().all(alike)
    }

    /// A value for `schema`: with every optional property when `all`, else only required ones.
    pub fn value(&self, schema: &Value, all: bool) -> Value {
        self.at(schema, all, 0)
    }

    fn at(&self, schema: &Value, all: bool, depth: usize) -> Value {
        let (s, name) = self.resolve(schema);
        if depth > DEPTH * 2 {
            return Value::Null;
        }
        if let Some(v) = self.given(s) {
            return v;
        }
        if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
            return self.merged(s, parts, name, all, depth);
        }
        // Branches beside `type: array` and `items` are the items' (as the generator reads them).
        let list = s.get("type").and_then(Value::as_str) == Some("array") && s.get("items").is_some();
        for key in ["oneOf", "anyOf"].into_iter().filter(|_| !list) {
            if let Some(branches) = s.get(key).and_then(Value::as_array).filter(|b| !b.is_empty()) {
                if s.get("properties").is_some() {
                    return self.constrained(s, key, branches, all, depth);
                }
                return self.branch(s, branches, all, depth);
            }
        }
        match kind(s) {
            "object" => self.object(s, all, depth),
            "array" => self.array(s, all, depth),
            "integer" => integer(s),
            "number" => number(s),
            "boolean" => Value::Bool(true),
            "null" => Value::Null,
            _ => Value::String(super::text::string(s)),
        }
    }

    /// The schema's own value, when it gives a valid one: `example`, `examples`, `default`,
    /// `const`, the first `enum` value. An object with properties is built instead, so that
    /// every property the call may send is there.
    fn given(&self, s: &Value) -> Option<Value> {
        let object = s.get("properties").is_some_and(|p| p.as_object().is_some_and(|p| !p.is_empty()));
        let examples = s.get("examples").and_then(Value::as_array).into_iter().flatten();
        let candidates = s.get("example").into_iter().chain(examples).chain(s.get("default")).filter(|_| !object);
        let fixed = s.get("const").into_iter().chain(s.get("enum").and_then(Value::as_array).into_iter().flatten());
        candidates.chain(fixed).find(|v| !v.is_null() && valid(self, s, v)).cloned()
    }

    /// `allOf`: the parts' objects merged, the discriminator of a part set to this schema's name.
    /// A property that this schema or any part requires is there, wherever it is declared (the
    /// outer `required` often names a property of a part; see [`Sampler::required_fill`]).
    fn merged(&self, s: &Value, parts: &[Value], name: Option<&str>, all: bool, depth: usize) -> Value {
        let mut merged = Map::new();
        let mut other = None;
        let own = std::iter::once(s).filter(|s| s.get("properties").is_some());
        for part in parts.iter().chain(own) {
            let (p, _) = self.resolve(part);
            // A part that only constrains (`required: [..]`, or a union of such lists) adds those
            // properties below.
            if self.constraint_only(p, 0) {
                continue;
            }
            let part_value = match std::ptr::eq(part, s) {
                true => Value::Object(self.properties(s, all, depth)),
                false => self.at(part, all, depth + 1),
            };
            match part_value {
                Value::Object(m) => merged.extend(m),
                v => other = other.or(Some(v)),
            }
        }
        if merged.is_empty() {
            if let Some(v) = other {
                return v;
            }
        }
        self.required_fill(s, &mut merged, all, depth);
        let mut merged = Value::Object(merged);
        for part in parts {
            let (p, _) = self.resolve(part);
            if let (Some(prop), Some(name)) = (discriminator(p), name) {
                merged = self.tagged(s, merged, prop, tag_for(p, name));
            }
        }
        merged
    }

    /// Sets in `out` every property `s` (or one of its `allOf` parts) requires that is not
    /// there or not a value of its declaration (a part filled it as undeclared): from its last
    /// declaration in `s` and its parts, else (declared nowhere: JSON Schema then requires the
    /// property with any value) from `additionalProperties`, else any value. Read-only
    /// properties are left out, as a client sends them.
    fn required_fill(&self, s: &Value, out: &mut Map<String, Value>, all: bool, depth: usize) {
        let mut names = Vec::new();
        self.all_required(s, &mut names, 0);
        for name in names {
            match self.declared(s, name, 0) {
                Some(decl) if read_only(self.resolve(decl).0) => {
                    out.remove(name);
                }
                Some(decl) if out.get(name).is_some_and(|v| valid(self, decl, v)) => {}
                Some(decl) => {
                    out.insert(name.to_string(), self.at(decl, all, depth + 1));
                }
                None if out.contains_key(name) || s.get("additionalProperties") == Some(&Value::Bool(false)) => {}
                None => {
                    let any = Value::Object(Map::new());
                    let extra = s.get("additionalProperties").filter(|a| a.is_object()).unwrap_or(&any);
                    out.insert(name.to_string(), self.at(extra, all, depth + 1));
                }
            }
        }
    }

    /// The names `s` and its `allOf` parts require, with the first branch's of a part that is a
    /// union of `required` lists (`anyOf: [{required: [breakout]}, {required: [priority]}]`).
    fn all_required<'a>(&'a self, s: &'a Value, out: &mut Vec<&'a str>, depth: usize) {
        let s = self.resolve(s).0;
        let unions = ["oneOf", "anyOf"].into_iter().filter_map(|k| s.get(k)?.as_array()?.first());
        let first = unions.filter(|_| self.constraint_only(s, 0)).flat_map(|b| required(self.resolve(b).0));
        let names: Vec<&str> = required(s).chain(first).collect();
        out.extend(names.into_iter().filter(|n| !out.contains(n)).collect::<Vec<_>>());
        for part in s.get("allOf").and_then(Value::as_array).into_iter().flatten().filter(|_| depth < DEPTH) {
            self.all_required(part, out, depth + 1);
        }
    }

    /// Whether `s` only constrains an object's properties: no type, properties, value or parts,
    /// at most `required` and a union of such schemas.
    fn constraint_only(&self, s: &Value, depth: usize) -> bool {
        let s = self.resolve(s).0;
        let unions = ["oneOf", "anyOf"].into_iter().filter_map(|k| s.get(k)?.as_array());
        let plain = kind(s).is_empty() && ["allOf", "enum", "const"].iter().all(|k| s.get(k).is_none());
        plain && depth < DEPTH && unions.flatten().all(|b| self.constraint_only(b, depth + 1))
    }

    /// The last declaration of the property `name` in `s` and its `allOf` parts (a later part
    /// refines an earlier one, and the schema's own properties come last, as the generator
    /// reads them).
    pub(super) fn declared<'a>(&'a self, s: &'a Value, name: &str, depth: usize) -> Option<&'a Value> {
        let s = self.resolve(s).0;
        let own = s.get("properties").and_then(|p| p.get(name));
        let parts = s.get("allOf").and_then(Value::as_array).into_iter().flatten().filter(|_| depth < DEPTH);
        own.or_else(|| parts.rev().find_map(|p| self.declared(p, name, depth + 1)))
    }

    /// The object `v` of `schema` with its discriminator `prop` set to `tag`, unless the tag
    /// breaks a value the schema accepted (the property's own `enum` or `const` says otherwise:
    /// a spec whose implicit tag, the schema's name, is not a value of the property).
    fn tagged(&self, schema: &Value, v: Value, prop: &str, tag: String) -> Value {
        let Value::Object(m) = &v else { return v };
        let mut with = m.clone();
        with.insert(prop.to_string(), Value::String(tag));
        let with = Value::Object(with);
        match valid(self, schema, &with) || !valid(self, schema, &v) {
            true => with,
            false => v,
        }
    }

    /// `oneOf`/`anyOf`: the first branch whose value no other branch accepts (else the first),
    /// with the discriminator set to the branch's tag, and of the type the union itself says
    /// (`{type: object, oneOf: [binary string, object]}` is the object). Branches whose required
    /// properties are alike (`{}` satisfies every branch with only optional properties) are
    /// told apart by their values with every property; branches whose values with every
    /// property are alike (a branch of only optional properties accepts them all), by their
    /// values with only the required ones.
    fn branch(&self, s: &Value, branches: &[Value], all: bool, depth: usize) -> Value {
        let mut first = None;
        for every in [all, !all] {
            for (i, b) in branches.iter().enumerate() {
                let v = self.branch_value(s, b, every, depth);
                let alone = branches.iter().enumerate().all(|(j, other)| j == i || !valid(self, other, &v));
                if alone && valid(self, b, &v) && super::check::matches_kind(kind(s), &v) {
                    return v;
                }
                first.get_or_insert(v);
            }
        }
        first.unwrap_or(Value::Null)
    }

    /// A value for the branch `b` of `s`, with what `s` itself requires, and the discriminator
    /// set to the branch's tag (see [`Sampler::tagged`]).
    fn branch_value(&self, s: &Value, b: &Value, all: bool, depth: usize) -> Value {
        let mut v = self.at(b, all, depth + 1);
        if let Value::Object(m) = &mut v {
            // The union's own `required` (Cloudflare's DNS record: `oneOf` of record types beside
            // `required: [id, ...]`), from the branch's declarations.
            let missing: Vec<&str> = required(s).filter(|n| !m.contains_key(*n)).collect();
            for name in missing {
                match self.declared(b, name, 0).or_else(|| s.get("properties")?.get(name)) {
                    Some(decl) if read_only(self.resolve(decl).0) => {}
                    Some(decl) => {
                        m.insert(name.to_string(), self.at(decl, all, depth + 1));
                    }
                    None => {
                        m.insert(name.to_string(), self.at(&Value::Object(Map::new()), all, depth + 1));
                    }
                }
            }
        }
        match (discriminator(s), self.resolve(b)) {
            (Some(prop), (_, Some(name))) => {
                let tag = b.get("$ref").and_then(Value::as_str).map_or_else(|| name.to_string(), |r| tag_of_ref(s, r, name));
                self.tagged(b, v, prop, tag)
            }
            _ => v,
        }
    }

    /// An object whose `oneOf`/`anyOf` branches add to its own properties (often only
    /// `required` lists): the object with the first branch's additions that satisfies it.
    fn constrained(&self, s: &Value, key: &str, branches: &[Value], all: bool, depth: usize) -> Value {
        let mut first = None;
        for b in branches {
            let (b, _) = self.resolve(b);
            let mut merged = s.clone();
            if let Some(m) = merged.as_object_mut() {
                m.remove(key);
                for (k, extra) in b.as_object().into_iter().flatten() {
                    match (m.get_mut(k), extra) {
                        (Some(Value::Object(own)), Value::Object(more)) => own.extend(more.clone()),
                        (Some(Value::Array(own)), Value::Array(more)) => own.extend(more.iter().cloned()),
                        (None, _) => {
                            m.insert(k.clone(), extra.clone());
                        }
                        _ => {}
                    }
                }
            }
            let v = self.object(&merged, all, depth);
            if valid(self, s, &v) {
                return v;
            }
            // With every optional property set, the properties other branches require may
            // break a `oneOf` ("exactly one of"): the value without them.
            let v = without_others(&merged, branches.iter().map(|x| self.resolve(x).0).filter(|x| !std::ptr::eq(*x, b)), v);
            if valid(self, s, &v) {
                return v;
            }
            first.get_or_insert(v);
        }
        first.unwrap_or(Value::Null)
    }

    /// An object of `s`: its properties (required ones, or every one when `all`), and every
    /// property it requires (see [`Sampler::required_fill`]).
    fn object(&self, s: &Value, all: bool, depth: usize) -> Value {
        let mut out = self.properties(s, all, depth);
        self.required_fill(s, &mut out, all, depth);
        Value::Object(out)
    }

    /// The object of `s`'s own `properties` (required ones, or every one when `all`; never a
    /// read-only one), with an `additionalProperties` entry when it needs one.
    fn properties(&self, s: &Value, all: bool, depth: usize) -> Map<String, Value> {
        let required: Vec<&str> = required(s).collect();
        let mut out = Map::new();
        let props = s.get("properties").and_then(Value::as_object);
        for (name, prop) in props.into_iter().flatten() {
            let (p, _) = self.resolve(prop);
            let wanted = required.contains(&name.as_str()) || (all && depth < DEPTH);
            if wanted && !read_only(p) {
                out.insert(name.clone(), self.at(prop, all, depth + 1));
            }
        }
        let min = s.get("minProperties").and_then(Value::as_u64).unwrap_or(0) as usize;
        if let Some(extra) = s.get("additionalProperties").filter(|a| a.is_object()) {
            if out.len() < min.max(usize::from(props.is_none_or(|p| p.is_empty()) && all)) {
                out.insert("key".to_string(), self.at(extra, all, depth + 1));
            }
        }
        out
    }

    fn array(&self, s: &Value, all: bool, depth: usize) -> Value {
        let min = s.get("minItems").and_then(Value::as_u64).unwrap_or(0).min(8) as usize;
        let Some(items) = s.get("items") else { return Value::Array(vec![Value::String("item".into()); min.max(1)]) };
        let n = if depth > DEPTH && min == 0 { 0 } else { min.max(1) };
        let one = self.at(items, all, depth + 1);
        let unique = s.get("uniqueItems").and_then(Value::as_bool) == Some(true);
        let mut out = vec![one.clone(); n];
        if unique && n > 1 {
            // Distinct values for a list of unique scalars: the value, then numbered copies.
            for (i, v) in out.iter_mut().enumerate().skip(1) {
                *v = match &one {
                    Value::String(t) => Value::String(format!("{t}{i}")),
                    Value::Number(x) => x.as_i64().map_or_else(|| one.clone(), |x| Value::from(x + i as i64)),
                    other => other.clone(),
                };
            }
        }
        Value::Array(out)
    }
}

/// Whether a (resolved) schema says `readOnly: true`.
pub fn read_only(s: &Value) -> bool {
    s.get("readOnly").and_then(Value::as_bool) == Some(true)
}

/// The names in a schema's `required`.
fn required(s: &Value) -> impl Iterator<Item = &str> {
    s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
}

/// The object `v` of schema `own` without the properties `others` require and `own` does not.
fn without_others<'a>(own: &Value, others: impl Iterator<Item = &'a Value>, v: Value) -> Value {
    let Value::Object(mut m) = v else { return v };
    let keep: Vec<&str> = required(own).collect();
    for other in others {
        for name in required(other).filter(|n| !keep.contains(n)) {
            m.remove(name);
        }
    }
    Value::Object(m)
}

/// The schema's type, said or implied.
pub fn kind(s: &Value) -> &str {
    match s.get("type") {
        Some(Value::String(t)) => t,
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("null"),
        _ if s.get("properties").is_some() || s.get("additionalProperties").is_some() => "object",
        _ if s.get("items").is_some() => "array",
        // Keywords of one type imply it, as the generator reads them.
        _ => crate::lower::implied::of_json(s).unwrap_or(""),
    }
}

/// The property a schema's discriminator names.
fn discriminator(s: &Value) -> Option<&str> {
    s.get("discriminator")?.get("propertyName")?.as_str()
}

/// The tag of the branch `reference` (named `name`): the mapping's key for it, else its name.
fn tag_of_ref(s: &Value, reference: &str, name: &str) -> String {
    let mapping = s.get("discriminator").and_then(|d| d.get("mapping")).and_then(Value::as_object);
    let key = mapping.into_iter().flatten().find(|(_, v)| v.as_str().is_some_and(|v| v == reference || v == name));
    key.map_or_else(|| name.to_string(), |(k, _)| k.clone())
}

/// The tag of schema `name` under the discriminator of `base`.
fn tag_for(base: &Value, name: &str) -> String {
    tag_of_ref(base, Pointer::component("schemas", name).as_str(), name)
}

/// The bounds of a number: (lowest allowed, highest allowed), each with whether it is exclusive.
fn bounds(s: &Value) -> (Option<f64>, bool, Option<f64>, bool) {
    let flag = |k: &str| s.get(k).and_then(Value::as_bool) == Some(true);
    let num = |k: &str| s.get(k).and_then(Value::as_f64);
    // 3.1's numeric exclusive bounds were rewritten to 3.0's booleans by the load step, but a
    // number left there is honoured too.
    let (min, min_ex) = match num("exclusiveMinimum") {
        Some(m) => (Some(m), true),
        None => (num("minimum"), flag("exclusiveMinimum")),
    };
    let (max, max_ex) = match num("exclusiveMaximum") {
        Some(m) => (Some(m), true),
        None => (num("maximum"), flag("exclusiveMaximum")),
    };
    (min, min_ex, max, max_ex)
}

fn integer(s: &Value) -> Value {
    let (min, min_ex, max, max_ex) = bounds(s);
    let step = s.get("multipleOf").and_then(Value::as_f64).filter(|m| *m >= 1.0).map_or(1, |m| m as i64);
    let low = min.map(|m| if min_ex { m.floor() as i64 + 1 } else { m.ceil() as i64 });
    let high = max.map(|m| if max_ex { m.ceil() as i64 - 1 } else { m.floor() as i64 });
    let mut v = match (low, high) {
        (Some(l), _) => l,
        (None, Some(h)) => h.min(1),
        (None, None) => 1,
    };
    if v % step != 0 {
        v += step - v.rem_euclid(step);
    }
    Value::from(v)
}

fn number(s: &Value) -> Value {
    let (min, min_ex, max, max_ex) = bounds(s);
    let v = match (min, max) {
        (Some(l), Some(h)) if min_ex || max_ex => (l + h) / 2.0,
        (Some(l), _) if min_ex => l + 1.0,
        (Some(l), _) => l,
        (None, Some(h)) if max_ex => h.min(1.0) - 1.0,
        (None, Some(h)) => h.min(1.0),
        (None, None) => 1.5,
    };
    Number::from_f64(v).map_or(Value::from(1), Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({"components": {"schemas": {
            "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                    "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"}}},
            "Cat": {"type": "object", "required": ["kind", "lives"], "properties": {
                "kind": {"type": "string"}, "lives": {"type": "integer", "minimum": 1, "maximum": 9}}},
            "Dog": {"type": "object", "required": ["kind", "bark"], "properties": {
                "kind": {"type": "string"}, "bark": {"type": "string", "enum": ["woof", "yap"]}}},
            "Order": {"type": "object", "required": ["id", "size", "when"], "properties": {
                "id": {"type": "integer", "minimum": 10, "exclusiveMinimum": true, "multipleOf": 5},
                "size": {"type": "number", "maximum": 0.5, "exclusiveMaximum": true},
                "when": {"type": "string", "format": "date-time"},
                "code": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{2}$", "example": "not a code"},
                "tags": {"type": "array", "minItems": 2, "uniqueItems": true, "items": {"type": "string", "minLength": 3}},
                "status": {"type": "string", "enum": ["open", "closed"], "default": "closed"},
                "secret": {"type": "string", "readOnly": true},
                "pet": {"$ref": "#/components/schemas/Pet"},
                "contact": {"type": "object", "properties": {"email": {"type": "string"}, "phone": {"type": "string"}},
                            "anyOf": [{"required": ["email"]}, {"required": ["phone"]}]},
                "monitor": {"allOf": [{"$ref": "#/components/schemas/Cat"}, {"required": ["name"]}, {"properties": {"name": {"type": "string"}}}]},
                "extra": {"type": "object", "additionalProperties": {"type": "string"}, "example": {"a": 1.5}},
                "base": {"allOf": [{"$ref": "#/components/schemas/Cat"}, {"type": "object", "properties": {"name": {"type": "string", "maxLength": 2}}}]}}}
        }}})
    }

    #[test]
    fn values_satisfy_their_schema() {
        let doc = doc();
        let sampler = Sampler::new(&doc);
        let order = &doc["components"]["schemas"]["Order"];
        for all in [false, true] {
            let v = sampler.value(order, all);
            assert!(valid(&sampler, order, &v), "{v}");
            let id = v["id"].as_i64().unwrap();
            assert!(id > 10 && id % 5 == 0, "{v}");
            assert!(v["size"].as_f64().unwrap() < 0.5, "{v}");
            assert_eq!(v.as_object().unwrap().contains_key("code"), all, "{v}");
        }
        let full = sampler.value(order, true);
        // The example does not match the pattern: a matching value is made instead.
        assert_eq!(full["code"], "AAA-00");
        assert_eq!(full["status"], "closed");
        assert_eq!(full["tags"], json!(["conformance", "conformance1"]));
        assert!(full.get("secret").is_none(), "read-only properties are not sent: {full}");
        assert_eq!(full["base"]["lives"], 1);
        assert_eq!(full["base"]["name"], "co");
        // The example's value is not a string: one is made instead.
        assert_eq!(full["extra"], json!({"key": "conformance"}));
        // An `allOf` part that only requires a property of another part.
        assert_eq!(sampler.value(&order["properties"]["monitor"], false), json!({"kind": "conformance", "lives": 1, "name": "conformance"}));
        // Branches that only require properties of the object: the object with the first's.
        let contact = &order["properties"]["contact"];
        assert_eq!(sampler.value(contact, false), json!({"email": "conformance"}));
        // With every property: still exactly one branch's (a `oneOf` of `required` lists).
        let mut one = contact.clone();
        one["oneOf"] = one["anyOf"].take();
        one.as_object_mut().unwrap().remove("anyOf");
        assert_eq!(sampler.value(&one, true), json!({"email": "conformance"}));
    }

    #[test]
    fn a_property_required_outside_its_declaration_is_there() {
        let doc = json!({"components": {"schemas": {
            "Base": {"type": "object", "properties": {"name": {"type": "string"}, "caching": {"type": "boolean"}}},
            // Cloudflare's Hyperdrive create: the outer `required` names a part's property.
            "Create": {"type": "object", "allOf": [{"$ref": "#/components/schemas/Base"}], "properties": {"origin": {"type": "integer"}}, "required": ["name", "origin"]},
            // Zaraz's config: a part requires a property another part declares.
            "Config": {"allOf": [{"$ref": "#/components/schemas/Settings"}, {"properties": {"tools": {"type": "object", "additionalProperties": {"type": "integer"}}}}]},
            "Settings": {"type": "object", "required": ["tools", "debug"], "properties": {"debug": {"type": "boolean"}}},
            // A rate limit: `required` names a property no `properties` declare (any value).
            "Limit": {"type": "object", "required": ["id", "period"], "properties": {"period": {"type": "integer", "minimum": 10}}},
            "Closed": {"type": "object", "required": ["id"], "additionalProperties": false, "properties": {"period": {"type": "integer"}}},
            "Counts": {"type": "object", "required": ["id"], "additionalProperties": {"type": "integer"}, "properties": {"period": {"type": "integer"}}},
            // Magic's app config: a part that is a union of `required` lists of another part's properties.
            "Magic": {"type": "object", "allOf": [
                {"oneOf": [{"properties": {"a": {"type": "string"}}, "required": ["a"]}, {"properties": {"b": {"type": "string"}}, "required": ["b"]}]},
                {"anyOf": [{"required": ["breakout"]}, {"required": ["priority"]}]},
                {"properties": {"breakout": {"type": "boolean"}, "priority": {"type": "integer"}}}]},
            // Cloudflare's DNS record: a union's own `required` names the branches' properties.
            "Record": {"oneOf": [{"$ref": "#/components/schemas/ARecord"}], "required": ["id", "type", "created"]},
            "ARecord": {"allOf": [{"properties": {"type": {"enum": ["A"]}}}, {"$ref": "#/components/schemas/RecordBase"}], "required": ["type"]},
            "RecordBase": {"properties": {"id": {"type": "string"}, "created": {"type": "string", "readOnly": true}}}
        }}});
        let sampler = Sampler::new(&doc);
        let schema = |name: &str| doc["components"]["schemas"][name].clone();
        for all in [false, true] {
            for name in ["Create", "Config", "Limit", "Counts", "Magic"] {
                let v = sampler.value(&schema(name), all);
                assert!(valid(&sampler, &schema(name), &v), "{name}: {v}");
            }
        }
        assert_eq!(sampler.value(&schema("Create"), false), json!({"name": "conformance", "origin": 1}));
        assert_eq!(sampler.value(&schema("Config"), false), json!({"debug": true, "tools": {}}));
        assert_eq!(sampler.value(&schema("Limit"), false), json!({"id": "conformance", "period": 10}));
        assert_eq!(sampler.value(&schema("Counts"), false), json!({"id": 1}));
        assert_eq!(sampler.value(&schema("Magic"), false), json!({"a": "conformance", "breakout": true}));
        // The read-only `created` is left out, as a request leaves it.
        assert_eq!(sampler.value(&schema("Record"), false), json!({"type": "A", "id": "conformance"}));
        // No value satisfies a closed object that requires what it does not declare.
        assert_eq!(sampler.value(&schema("Closed"), false), json!({}));
    }

    #[test]
    fn a_union_takes_a_branch_with_its_discriminator() {
        let doc = doc();
        let sampler = Sampler::new(&doc);
        let pet = &doc["components"]["schemas"]["Pet"];
        let v = sampler.value(pet, false);
        assert_eq!(v, json!({"kind": "cat", "lives": 1}));
        assert!(valid(&sampler, pet, &v));
        assert!(!valid(&sampler, pet, &json!({"kind": "cat"})), "required properties are checked");
        assert!(!valid(&sampler, &doc["components"]["schemas"]["Dog"], &json!({"kind": "dog", "bark": "meow"})), "enums are checked");
    }

    #[test]
    fn a_tag_the_branch_does_not_allow_gives_way_to_its_own_value() {
        // No mapping: the implicit tag is the schema's name, which the branch's `enum` refuses.
        let doc = json!({"components": {"schemas": {
            "Format": {"anyOf": [{"$ref": "#/components/schemas/Text"}, {"$ref": "#/components/schemas/Json"}], "discriminator": {"propertyName": "type"}},
            "Text": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "enum": ["text"]}}},
            "Json": {"type": "object", "required": ["type", "schema"], "properties": {"type": {"type": "string", "enum": ["json"]}, "schema": {"type": "object"}}}
        }}});
        let sampler = Sampler::new(&doc);
        let format = &doc["components"]["schemas"]["Format"];
        assert_eq!(sampler.value(format, false), json!({"type": "text"}));
    }

    #[test]
    fn branches_with_only_optional_properties_are_told_apart_by_them() {
        // Cloudflare's IP access rule `configuration`: `{}` would satisfy every branch, and the
        // `oneOf` none; the branch's value with its properties satisfies only its own.
        let doc = json!({});
        let sampler = Sampler::new(&doc);
        let target = |t: &str| json!({"properties": {"target": {"enum": [t]}, "value": {"type": "string"}}});
        let configuration = json!({"oneOf": [target("ip"), target("country")]});
        for all in [false, true] {
            let v = sampler.value(&configuration, all);
            assert_eq!(v, json!({"target": "ip", "value": "conformance"}));
            assert!(valid(&sampler, &configuration, &v), "{v}");
        }
        assert!(!valid(&sampler, &configuration, &json!({})), "`{{}}` matches both branches");
        // The same branches beside `type: array` and `items`: a list of the items.
        let list = json!({"type": "array", "anyOf": [target("ip"), target("country")], "items": {"anyOf": [target("ip"), target("country")]}});
        assert_eq!(sampler.value(&list, false), json!([{"target": "ip", "value": "conformance"}]));
    }
}
