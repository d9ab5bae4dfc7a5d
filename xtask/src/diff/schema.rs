//! Semantic schema comparison. References are followed and `allOf` parts merged before anything
//! is compared, so moving a schema inline or into a component is not a change: only what a user
//! of the generated crates sees is (fields, their Rust types and optionality, enum values, union
//! variants).

use super::change::{Change, Kind};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Whether a schema is sent (request) or received (response): an added required field breaks
/// users who build requests, not those who read responses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dir {
    /// Parameters and request bodies.
    Request,
    /// Response bodies.
    Response,
}

/// A schema with references followed and `allOf` merged.
#[derive(Default)]
pub struct Norm<'a> {
    /// The component it came from, when reached through a `$ref`.
    pub origin: Option<String>,
    ty: Option<String>,
    format: Option<String>,
    nullable: bool,
    enum_values: Vec<&'a Value>,
    props: Vec<(String, &'a Value)>,
    required: BTreeSet<String>,
    additional: Option<&'a Value>,
    items: Option<&'a Value>,
    variants: Vec<&'a Value>,
    tagged: bool,
}

const MAX_DEPTH: usize = 48;

/// Normalizes `s`, a schema in `doc`.
pub fn norm<'a>(doc: &'a Value, s: &'a Value, depth: usize) -> Norm<'a> {
    let mut origin = None;
    let mut s = s;
    for _ in 0..32 {
        let Some(r) = s.get("$ref").and_then(Value::as_str) else { break };
        if origin.is_none() {
            origin = generator::pointer::component_name(r, "schemas");
        }
        match generator::validate::resolve_pointer(doc, r) {
            Some(target) => s = target,
            None => return Norm { origin, ..Norm::default() },
        }
    }
    let Some(map) = s.as_object() else { return Norm { origin, ..Norm::default() } };
    let str_of = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
    let mut n = Norm {
        origin,
        ty: str_of("type"),
        format: str_of("format"),
        nullable: map.get("nullable") == Some(&Value::Bool(true)),
        enum_values: map.get("enum").and_then(Value::as_array).into_iter().flatten().filter(|v| !v.is_null()).collect(),
        props: map.get("properties").and_then(Value::as_object).into_iter().flatten().map(|(k, v)| (k.clone(), v)).collect(),
        required: map.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect(),
        additional: map.get("additionalProperties").filter(|v| v.is_object()),
        items: map.get("items"),
        variants: map.get("oneOf").or_else(|| map.get("anyOf")).and_then(Value::as_array).into_iter().flatten().collect(),
        tagged: map.contains_key("discriminator"),
    };
    let parts: Vec<&Value> = map.get("allOf").and_then(Value::as_array).into_iter().flatten().collect();
    if depth > MAX_DEPTH || parts.is_empty() {
        return n;
    }
    if let ([one], true) = (parts.as_slice(), n.props.is_empty() && n.ty.is_none()) {
        // `allOf: [$ref]` attaches a description (or nullable) to a reference.
        let mut inner = norm(doc, one, depth + 1);
        inner.nullable |= n.nullable;
        inner.origin = n.origin.or(inner.origin);
        return inner;
    }
    let own_props = std::mem::take(&mut n.props);
    for part in parts {
        let p = norm(doc, part, depth + 1);
        let object_like = p.ty.as_deref().is_none_or(|t| t == "object");
        if !object_like && n.ty.is_none() {
            n.ty = p.ty;
            n.format = p.format;
            n.enum_values = p.enum_values;
            n.items = p.items;
        }
        for (k, v) in p.props {
            n.props.retain(|(name, _)| *name != k);
            n.props.push((k, v));
        }
        n.required.extend(p.required);
        n.additional = n.additional.or(p.additional);
        if n.variants.is_empty() {
            n.variants = p.variants;
            n.tagged |= p.tagged;
        }
    }
    for (k, v) in own_props {
        n.props.retain(|(name, _)| *name != k);
        n.props.push((k, v));
    }
    n
}

impl Norm<'_> {
    /// What the generator makes of it (compared for type changes), and how to say that.
    pub fn kind(&self) -> (&'static str, String) {
        let ty = self.ty.clone().or_else(|| {
            if !self.props.is_empty() || self.additional.is_some() {
                Some("object".into())
            } else if self.items.is_some() {
                Some("array".into())
            } else if !self.variants.is_empty() {
                Some("union".into())
            } else {
                match self.enum_values.first() {
                    Some(Value::String(_)) => Some("string".into()),
                    Some(v) if v.is_i64() => Some("integer".into()),
                    _ => None,
                }
            }
        });
        let format = self.format.as_deref();
        match ty.as_deref() {
            Some("string") if !self.enum_values.is_empty() => ("string-enum", "string enum".into()),
            Some("string") => match format {
                Some("date-time") => ("date-time", "string (date-time)".into()),
                Some("date") => ("date", "string (date)".into()),
                Some("binary") => ("bytes", "string (binary)".into()),
                _ => ("string", "string".into()),
            },
            Some("integer") if !self.enum_values.is_empty() => ("integer-enum", "integer enum".into()),
            Some("integer") if format == Some("int32") => ("i32", "integer (int32)".into()),
            Some("integer") => ("i64", if format == Some("int64") { "integer (int64)".into() } else { "integer".into() }),
            Some("number") => ("f64", "number".into()),
            Some("boolean") => ("bool", "boolean".into()),
            Some("array") => ("array", "array".into()),
            Some("object") if !self.props.is_empty() => ("struct", "object".into()),
            Some("object") if self.additional.is_some() => ("map", "map (additionalProperties)".into()),
            Some("object" | "union") if !self.variants.is_empty() => ("union", "oneOf/anyOf".into()),
            _ => ("json", "any JSON".into()),
        }
    }

    fn optional(&self, name: &str, prop: &Norm<'_>) -> bool {
        !self.required.contains(name) || prop.nullable
    }
}

/// Where a change is: the nearest component (or the operation part) and the property path below.
#[derive(Clone, Debug)]
pub struct Label {
    root: String,
    path: String,
}

impl Label {
    /// A label at the top of `root`.
    pub fn new(root: impl Into<String>) -> Self {
        Self { root: root.into(), path: String::new() }
    }

    fn child(&self, segment: &str) -> Self {
        let sep = if self.path.is_empty() || segment.starts_with('[') || segment.starts_with('{') { "" } else { "." };
        let path = if self.path.is_empty() && (segment.starts_with('[') || segment.starts_with('{')) {
            segment.to_string()
        } else {
            format!("{}{sep}{segment}", self.path)
        };
        Self { root: self.root.clone(), path }
    }

    /// `Token.policies[].effect`, in backticks, or the root alone.
    pub fn show(&self) -> String {
        match (self.path.is_empty(), self.root.starts_with('`') || self.root.contains(' ')) {
            (true, true) => self.root.clone(),
            (true, false) => format!("`{}`", self.root),
            (false, true) => format!("`{}` in {}", self.path, self.root),
            (false, false) => format!("`{}.{}`", self.root, self.path),
        }
    }
}

type Key = (bool, Kind, String, String);
type PairKey = (String, String, Dir);

/// Collects the changes between two documents, and which calls each one touches.
pub struct Comparer<'a> {
    old: &'a Value,
    new: &'a Value,
    changes: BTreeMap<Key, Change>,
    memo: HashMap<PairKey, Vec<Key>>,
    active: HashSet<PairKey>,
    frames: Vec<Vec<Key>>,
    /// The Rust call being compared, recorded on every change found under it.
    pub current: String,
}

impl<'a> Comparer<'a> {
    /// A comparer of `old` and `new`.
    pub fn new(old: &'a Value, new: &'a Value) -> Self {
        Self {
            old,
            new,
            changes: BTreeMap::new(),
            memo: HashMap::new(),
            active: HashSet::new(),
            frames: Vec::new(),
            current: String::new(),
        }
    }

    /// Records a change (once; each call it is found under is added to it).
    pub fn record(&mut self, breaking: bool, kind: Kind, subject: String, detail: String) {
        let key = (!breaking, kind, subject.clone(), detail.clone());
        let current = self.current.clone();
        let change = self.changes.entry(key.clone()).or_insert_with(|| Change { breaking, kind, subject, detail, calls: BTreeSet::new() });
        if !current.is_empty() {
            change.calls.insert(current);
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.push(key);
        }
    }

    /// Every change, breaking first.
    pub fn finish(self) -> Vec<Change> {
        self.changes.into_values().collect()
    }

    /// Compares two schemas at `label`.
    pub fn schema(&mut self, old: &'a Value, new: &'a Value, label: &Label, dir: Dir) {
        self.schema_at(old, new, label, dir, 0);
    }

    fn schema_at(&mut self, old: &'a Value, new: &'a Value, label: &Label, dir: Dir, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let o = norm(self.old, old, 0);
        let n = norm(self.new, new, 0);
        let label = match n.origin.clone().or_else(|| o.origin.clone()) {
            Some(name) => Label::new(name),
            None => label.clone(),
        };
        let pair = match (&o.origin, &n.origin) {
            (Some(a), Some(b)) => Some((a.clone(), b.clone(), dir)),
            _ => None,
        };
        if let Some(pair) = &pair {
            if let Some(keys) = self.memo.get(pair).cloned() {
                let current = self.current.clone();
                for key in keys {
                    if let Some(change) = self.changes.get_mut(&key) {
                        change.calls.insert(current.clone());
                    }
                    if let Some(frame) = self.frames.last_mut() {
                        frame.push(key);
                    }
                }
                return;
            }
            if !self.active.insert(pair.clone()) {
                return; // a recursive schema: its changes are being found further up
            }
            self.frames.push(Vec::new());
        }
        self.body(&o, &n, &label, dir, depth);
        if let Some(pair) = pair {
            self.active.remove(&pair);
            let keys = self.frames.pop().unwrap_or_default();
            if let Some(parent) = self.frames.last_mut() {
                parent.extend(keys.iter().cloned());
            }
            self.memo.insert(pair, keys);
        }
    }

    fn body(&mut self, o: &Norm<'a>, n: &Norm<'a>, label: &Label, dir: Dir, depth: usize) {
        let (old_kind, old_desc) = o.kind();
        let (new_kind, new_desc) = n.kind();
        if old_kind != new_kind {
            self.record(true, Kind::TypeChanged, label.show(), format!("`{old_desc}` → `{new_desc}`"));
            return;
        }
        match new_kind {
            "string-enum" | "integer-enum" => self.enum_values(o, n, label),
            "struct" => self.fields(o, n, label, dir, depth),
            "map" => {
                if let (Some(a), Some(b)) = (o.additional, n.additional) {
                    self.schema_at(a, b, &label.child("{}"), dir, depth + 1);
                }
            }
            "array" => {
                if let (Some(a), Some(b)) = (o.items, n.items) {
                    self.schema_at(a, b, &label.child("[]"), dir, depth + 1);
                }
            }
            "union" => self.variants(o, n, label, dir, depth),
            _ => {}
        }
    }

    fn enum_values(&mut self, o: &Norm<'_>, n: &Norm<'_>, label: &Label) {
        for v in &o.enum_values {
            if !n.enum_values.contains(v) {
                self.record(true, Kind::EnumValueRemoved, label.show(), format!("`{v}`"));
            }
        }
        for v in &n.enum_values {
            if !o.enum_values.contains(v) {
                self.record(false, Kind::EnumValueAdded, label.show(), format!("`{v}`"));
            }
        }
    }

    fn fields(&mut self, o: &Norm<'a>, n: &Norm<'a>, label: &Label, dir: Dir, depth: usize) {
        for (name, old_prop) in &o.props {
            let here = label.child(name);
            let Some((_, new_prop)) = n.props.iter().find(|(k, _)| k == name) else {
                self.record(true, Kind::FieldRemoved, here.show(), String::new());
                continue;
            };
            let (po, pn) = (norm(self.old, old_prop, 0), norm(self.new, new_prop, 0));
            let (was, is) = (o.optional(name, &po), n.optional(name, &pn));
            let (req_was, req_is) = (o.required.contains(name), n.required.contains(name));
            if was != is {
                let (kind, detail) = if is {
                    (Kind::FieldNowOptional, "`T` → `Option<T>`")
                } else {
                    (Kind::FieldNowRequired, "`Option<T>` → `T`")
                };
                self.record(true, kind, here.show(), detail.to_string());
            } else if req_was != req_is {
                let kind = if req_is { Kind::FieldNowRequired } else { Kind::FieldNowOptional };
                self.record(false, kind, here.show(), "nullable, so still `Option<T>`".to_string());
            }
            self.schema_at(old_prop, new_prop, &here, dir, depth + 1);
        }
        for (name, _) in &n.props {
            if o.props.iter().any(|(k, _)| k == name) {
                continue;
            }
            let required = n.required.contains(name);
            let breaking = required && dir == Dir::Request;
            let detail = match (required, dir) {
                (true, Dir::Request) => "required: requests must set it",
                (true, Dir::Response) => "required",
                (false, _) => "optional",
            };
            self.record(breaking, Kind::FieldAdded, label.child(name).show(), detail.to_string());
        }
    }

    fn variants(&mut self, o: &Norm<'a>, n: &Norm<'a>, label: &Label, dir: Dir, depth: usize) {
        let name = |doc: &'a Value, v: &'a Value, i: usize| norm(doc, v, 0).origin.unwrap_or_else(|| format!("#{i}"));
        let old: Vec<(String, &'a Value)> = o.variants.iter().enumerate().map(|(i, v)| (name(self.old, v, i), *v)).collect();
        let new: Vec<(String, &'a Value)> = n.variants.iter().enumerate().map(|(i, v)| (name(self.new, v, i), *v)).collect();
        for (k, v) in &old {
            match new.iter().find(|(nk, _)| nk == k) {
                Some((_, nv)) => self.schema_at(v, nv, &label.child(&format!("{{{k}}}")), dir, depth + 1),
                None => self.record(true, Kind::VariantRemoved, label.show(), format!("`{k}`")),
            }
        }
        for (k, _) in &new {
            if !old.iter().any(|(ok, _)| ok == k) {
                // Untagged unions have no fallback variant: a new one breaks exhaustive matches.
                self.record(!n.tagged, Kind::VariantAdded, label.show(), format!("`{k}`"));
            }
        }
    }
}
