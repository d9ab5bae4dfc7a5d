//! Lowering schemas to IR types. Every component gets its id before any is converted, so
//! forward references and cycles resolve; inline schemas get stable names from their parent.
//! A schema is read once into its [`Shape`](super::shape::Shape), then mapped here
//! ([`Types::kind_of`]); objects are built in `object`, unions in `union`. A type is known by
//! the place of its schema (a JSON pointer), so a schema's position and a `$ref` to it meet.

use super::pointer::{self, Node, SchemaRef, Target};
use super::shape::Shape;
use crate::diag::Diagnostics;
use crate::ext::SchemaExt;
use crate::ir::*;
use crate::pointer::Pointer;
use crate::names::{camel_repeated, type_name, Namespace};
use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The part of lowering that turns schemas into types.
pub struct Types<'a> {
    pub doc: &'a OpenAPI,
    pub diags: &'a mut Diagnostics,
    pub types: Vec<TypeDef>,
    pub by_component: HashMap<String, TypeId>,
    pub names: Namespace,
    /// The type of each `$ref` that is not a component reference, once resolved (see `pointer`).
    by_pointer: HashMap<Pointer, Ty>,
    /// The named type made for the schema at a place (its JSON pointer, as [`place`] writes it),
    /// and whether a `$ref` made it: the schema's own position reuses that one, and a `$ref`
    /// reuses any.
    by_place: HashMap<Pointer, (TypeId, bool)>,
    /// The `$ref`s being followed to another `$ref`: one seen twice is a cycle.
    following: HashSet<String>,
    /// Whether a schema reached by such a `$ref` is being lowered: its inline parts then reuse
    /// the types their own positions already made.
    in_pointer: bool,
    /// The named types whose bodies are being lowered, by their schema's place: a schema met
    /// again inside itself (an inline `allOf` that merges the struct it is a property of) is that
    /// type, or lowering it would never end.
    lowering: HashMap<Pointer, TypeId>,
}

impl<'a> Types<'a> {
    /// Registers every component schema (names first, then bodies).
    pub fn new(doc: &'a OpenAPI, diags: &'a mut Diagnostics, names: Namespace) -> Self {
        // Inline schemas add about as many types again as the components (Cloudflare: 3,716 + 5,774).
        let components = doc.components.as_ref().map_or(0, |c| c.schemas.len());
        let types = Vec::with_capacity(components * 3);
        let by_component = HashMap::with_capacity_and_hasher(components, Default::default());
        let (by_pointer, by_place, following) = Default::default();
        let mut me = Self { doc, diags, types, by_component, names, by_pointer, by_place, following, in_pointer: false, lowering: HashMap::default() };
        if let Some(components) = &doc.components {
            for (name, schema) in &components.schemas {
                let rust = match schema {
                    ReferenceOr::Item(s) => SchemaExt::of(&s.schema_data.extensions).name,
                    _ => None,
                };
                let rust = rust.unwrap_or_else(|| type_name(name));
                let claimed = me.names.claim(&rust, name);
                let origin = String::from(crate::pointer::Pointer::component("schemas", name));
                me.by_component.insert(name.clone(), me.types.len());
                me.types.push(TypeDef { name: claimed, doc: None, kind: TypeKind::Alias(Ty::Json), origin, gate: Gate::Always });
            }
        }
        me
    }

    /// Converts every component body.
    pub fn lower_components(&mut self) {
        let Some(components) = &self.doc.components else { return };
        for (name, schema) in &components.schemas {
            let id = self.by_component[name];
            let ptr = self.types[id].origin.clone();
            let (kind, doc) = match schema {
                ReferenceOr::Reference { reference } => (TypeKind::Alias(self.reference(reference, &ptr)), None),
                ReferenceOr::Item(s) => {
                    let type_name = self.types[id].name.clone();
                    (self.kind_of(s, &type_name, &ptr), s.schema_data.description.clone())
                }
            };
            self.types[id].kind = kind;
            self.types[id].doc = doc;
        }
    }

    /// The component a `$ref` names, if it is a schema component (not a place inside one).
    pub fn component(&self, reference: &str) -> Option<String> {
        crate::pointer::component_name(reference, "schemas")
    }

    /// The schema a `$ref` leads to, through a chain of references; a cycle (`A: $ref B`,
    /// `B: $ref A`) has no schema.
    fn component_schema(&self, reference: &str) -> Option<&'a Schema> {
        self.component_place(reference).map(|(s, _)| s)
    }

    /// [`Self::component_schema`], with the last `$ref` of the chain: the schema's place.
    pub(super) fn component_place<'r>(&self, reference: &'r str) -> Option<(&'a Schema, &'r str)>
    where
        'a: 'r,
    {
        let mut last = reference;
        let mut node = self.step(reference)?;
        for _ in 0..32 {
            match node {
                Node::Schema(s) => return Some((s, last)),
                Node::Ref(next) => {
                    last = next;
                    node = self.step(next)?;
                }
            }
        }
        None
    }

    /// Where one `$ref` leads: a component directly, any other pointer through `pointer::find`.
    fn step(&self, reference: &str) -> Option<Node<'a>> {
        let doc: &'a OpenAPI = self.doc;
        let schemas = &doc.components.as_ref()?.schemas;
        if let Some(schema) = self.component(reference).and_then(|name| schemas.get(&name)) {
            return Some(Node::of(schema));
        }
        match pointer::find(doc, reference)?.target {
            Target::Component(name) => schemas.get(name).map(Node::of),
            Target::Ref(next) => Some(Node::Ref(next)),
            Target::Schema(s) => Some(Node::Schema(s)),
        }
    }

    /// Follows references to the schema itself (for `nullable`, descriptions and merging).
    pub fn resolve<'s, S: SchemaRef + ?Sized>(&self, schema: &'s S) -> Option<&'s Schema>
    where
        'a: 's,
    {
        match schema.node() {
            Node::Schema(s) => Some(s),
            Node::Ref(reference) => self.component_schema(reference),
        }
    }

    /// Follows aliases (`type A = B;`) to the type they stand for; stops after a few steps so an
    /// alias cycle cannot loop.
    pub fn resolve_alias<'t>(&'t self, ty: &'t Ty) -> &'t Ty {
        let mut ty = ty;
        for _ in 0..32 {
            match ty {
                Ty::Named(id) => match self.types.get(*id).map(|t| &t.kind) {
                    Some(TypeKind::Alias(inner)) => ty = inner,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }

    pub(super) fn reference(&mut self, reference: &str, ptr: &str) -> Ty {
        match self.component(reference).and_then(|n| self.by_component.get(&n)) {
            Some(id) => Ty::Named(*id),
            None => self.pointer_ref(reference, ptr),
        }
    }

    /// A `$ref` to any other place in the document (`#/components/parameters/Limit/schema`,
    /// `#/components/schemas/A/properties/b`...): the schema there, named after the way to it.
    fn pointer_ref(&mut self, reference: &str, ptr: &str) -> Ty {
        let key = place(reference);
        if let Some(ty) = self.by_pointer.get(&key) {
            return ty.clone();
        }
        let doc: &'a OpenAPI = self.doc;
        let ty = match pointer::find(doc, reference) {
            Some(found) => match found.target {
                Target::Component(name) => self.by_component.get(name).map_or(Ty::Json, |id| Ty::Named(*id)),
                Target::Ref(next) => {
                    if !self.following.insert(reference.to_string()) {
                        self.diags.warn(ptr, format!("`{reference}` is part of a cycle of references; using `serde_json::Value`"));
                        return Ty::Json;
                    }
                    let ty = self.reference(next, ptr);
                    self.following.remove(reference);
                    ty
                }
                Target::Schema(s) => {
                    let prefix = found.component.and_then(|c| self.by_component.get(c)).map(|id| self.types[*id].name.as_str());
                    let name = format!("{}{}", prefix.unwrap_or(""), found.suffix);
                    let name = if name.is_empty() { "Schema".to_string() } else { name };
                    self.pointer_schema(s, &name, reference)
                }
            },
            None => {
                // validate() already reported unresolvable references; a pointer to something
                // that is not a schema lands here.
                self.diags.warn(ptr, format!("`{reference}` does not lead to a schema; using `serde_json::Value`"));
                Ty::Json
            }
        };
        self.by_pointer.insert(key, ty.clone());
        ty
    }

    /// The schema at `reference`: a scalar is its scalar type; anything else gets a named type,
    /// registered before its body is lowered so that a reference back to it ends there.
    fn pointer_schema(&mut self, s: &Schema, name: &str, reference: &str) -> Ty {
        if let Some((id, _)) = self.by_place.get(&place(reference)) {
            return Ty::Named(*id);
        }
        if is_scalar(s) {
            return self.inline(s, "", reference);
        }
        let rust = SchemaExt::of(&s.schema_data.extensions).name.unwrap_or_else(|| type_name(name));
        let claimed = self.names.claim(&rust, name);
        let outer = std::mem::replace(&mut self.in_pointer, true);
        let ty = self.lower_named(s, claimed, reference, true);
        self.in_pointer = outer;
        ty
    }

    /// The type for a schema in a position named `hint` (e.g. `TokenCondition`).
    pub fn ty_of<S: SchemaRef + ?Sized>(&mut self, schema: &S, hint: &str, ptr: &str) -> Ty {
        match schema.node() {
            Node::Ref(reference) => self.reference(reference, ptr),
            Node::Schema(s) => self.inline(s, hint, ptr),
        }
    }

    /// An inline schema: primitives stay inline, anything with a shape of its own gets a named type.
    pub fn inline(&mut self, s: &Schema, hint: &str, ptr: &str) -> Ty {
        if !needs_name(s) {
            return match self.kind_of(s, hint, ptr) {
                TypeKind::Alias(ty) => ty,
                _ => Ty::Json,
            };
        }
        let key = place(ptr);
        if let Some(id) = self.lowering.get(&key) {
            return Ty::Named(*id);
        }
        // A `$ref` to this very schema (by pointer) came first, or this is part of a schema
        // reached by such a `$ref` and its own position came first: that type is this one.
        if let Some((id, by_ref)) = self.by_place.get(&key) {
            if *by_ref || self.in_pointer {
                return Ty::Named(*id);
            }
        }
        let rust = SchemaExt::of(&s.schema_data.extensions).name.unwrap_or_else(|| type_name(hint));
        let name = self.names.claim(&rust, hint);
        self.lower_named(s, name, ptr, false)
    }

    /// Registers a named type for `s`, then lowers its body.
    fn lower_named(&mut self, s: &Schema, name: String, ptr: &str, by_ref: bool) -> Ty {
        let id = self.types.len();
        self.types.push(TypeDef {
            name: name.clone(),
            doc: s.schema_data.description.clone(),
            kind: TypeKind::Alias(Ty::Json),
            origin: ptr.to_string(),
            gate: Gate::Always,
        });
        let key = place(ptr);
        self.by_place.entry(key.clone()).or_insert((id, by_ref));
        let outer = self.lowering.insert(key.clone(), id);
        let kind = self.kind_of(s, &name, ptr);
        match outer {
            Some(outer) => self.lowering.insert(key.clone(), outer),
            None => self.lowering.remove(&key),
        };
        if let TypeKind::Alias(ty) = &kind {
            // It turned out to need no type of its own (e.g. a one-part allOf), and nothing uses it.
            if self.types.len() == id + 1 && !mentions(ty, id) {
                self.types.pop();
                if self.by_place.get(&key) == Some(&(id, by_ref)) {
                    self.by_place.remove(&key);
                }
                return ty.clone();
            }
        }
        self.types[id].kind = kind;
        Ty::Named(id)
    }

    /// What a schema is, for a type named `name`: its [`Shape`], mapped to a type.
    pub fn kind_of(&mut self, s: &Schema, name: &str, ptr: &str) -> TypeKind {
        let (shape, defects) = Shape::of(s);
        for defect in &defects {
            defect.report(ptr, self.diags);
        }
        match shape {
            Shape::Scalar(typ, format) => TypeKind::Alias(scalar_ty(typ, format)),
            Shape::StringEnum(values) => TypeKind::StringEnum(self.string_variants(&values)),
            Shape::IntEnum(values) => TypeKind::IntEnum(int_variants(&values)),
            Shape::List(items) => {
                let item = match items {
                    Some(items) => self.value_ty(items, &format!("{name}Item"), &format!("{ptr}/items")),
                    None => Ty::Json,
                };
                TypeKind::Alias(Ty::Vec(Box::new(item)))
            }
            Shape::Map(values) => {
                let value = self.value_ty(values, &format!("{name}Value"), &format!("{ptr}/additionalProperties"));
                TypeKind::Alias(Ty::Map(Box::new(value)))
            }
            Shape::Empty => TypeKind::Struct(Struct::default()),
            Shape::Object(object) => self.object(s, object, name, ptr),
            Shape::AllOf(parts) => self.all_of(s, parts, name, ptr),
            Shape::Union(parts, keyword) => self.union(parts, s, name, &format!("{ptr}/{keyword}")),
            Shape::Not => {
                self.diags.warn(ptr, "`not` cannot be expressed in Rust types; using `serde_json::Value`");
                TypeKind::Alias(Ty::Json)
            }
            Shape::Any => TypeKind::Alias(Ty::Json),
        }
    }

    fn string_variants(&mut self, values: &[String]) -> Vec<Variant> {
        let mut ns = Namespace::new();
        ns.reserve("Unknown");
        let mut seen = HashSet::default();
        values
            .iter()
            .filter(|v| seen.insert(v.as_str()))
            .map(|v| Variant { ident: ns.claim(&camel_repeated(v), v), value: v.clone() })
            .collect()
    }
}

/// The Rust type of a scalar JSON type and its `format`: the one mapping for typed and
/// untyped (`AnySchema`) schemas alike. `int32` is `i32`; other integer formats (`int64`,
/// none, unknown) `i64`; unknown string formats `String`.
fn scalar_ty(typ: &str, format: Option<&str>) -> Ty {
    match (typ, format) {
        ("string", Some("date-time")) => Ty::DateTime,
        ("string", Some("date")) => Ty::Date,
        ("string", Some("binary")) => Ty::Bytes,
        ("string", _) => Ty::String,
        ("integer", Some("int32")) => Ty::I32,
        ("integer", _) => Ty::I64,
        ("number", _) => Ty::F64,
        ("boolean", _) => Ty::Bool,
        _ => Ty::Json,
    }
}

/// A schema's identity: its place in the document, as a JSON pointer with every segment
/// escaped one way (a `$ref` may percent-encode what a position escapes), so that a schema's
/// own position and a `$ref` to it are one key.
fn place(ptr: &str) -> Pointer {
    match Pointer::parse(ptr) {
        Some(p) => Pointer::from_segments(&p.segments()),
        None => Pointer::root().join(ptr),
    }
}

/// Whether `ty` is or contains the named type `id`.
fn mentions(ty: &Ty, id: TypeId) -> bool {
    match ty {
        Ty::Named(n) => *n == id,
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => mentions(inner, id),
        _ => false,
    }
}

fn int_variants(values: &[i64]) -> Vec<IntVariant> {
    let mut ns = Namespace::new();
    ns.reserve("Unknown");
    let mut seen = HashSet::default();
    values
        .iter()
        .filter(|v| seen.insert(**v))
        .map(|v| {
            let base = if *v < 0 { format!("Minus{}", v.unsigned_abs()) } else { format!("V{v}") };
            IntVariant { ident: ns.claim(&base, &base), value: *v }
        })
        .collect()
}

/// Whether an inline schema needs a named type of its own.
/// A string, integer, number or boolean schema without an `enum`: its type is a Rust scalar,
/// whatever its position is called.
pub(super) fn is_scalar(s: &Schema) -> bool {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) => st.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(it)) => it.enumeration.is_empty(),
        SchemaKind::Type(Type::Number(_) | Type::Boolean(_)) => true,
        _ => false,
    }
}

fn needs_name(s: &Schema) -> bool {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) => st.enumeration.iter().any(Option::is_some),
        SchemaKind::Type(Type::Integer(it)) => it.enumeration.iter().any(Option::is_some),
        SchemaKind::Type(Type::Object(ot)) => !ot.properties.is_empty() || is_closed(ot.additional_properties.as_ref()),
        SchemaKind::AllOf { all_of } => all_of.len() > 1,
        SchemaKind::OneOf { one_of } => one_of.len() > 1,
        SchemaKind::AnyOf { any_of } => any_of.len() > 1,
        SchemaKind::Any(any) => {
            !any.properties.is_empty()
                || any.all_of.len() > 1
                || any.one_of.len() > 1
                || any.any_of.len() > 1
                || any.enumeration.iter().any(|v| v.is_string() || v.is_i64())
        }
        _ => false,
    }
}

/// `additionalProperties: false`.
fn is_closed(additional: Option<&AdditionalProperties>) -> bool {
    matches!(additional, Some(AdditionalProperties::Any(false)))
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
