//! Lowering schemas to IR types. Every component gets its id before any is converted, so
//! forward references and cycles resolve; inline schemas get stable names from their parent.

use super::branch;
use super::undeclared;
use super::pointer::{self, Node, Target};
use crate::diag::{escape_segment, Diagnostics};
use crate::ext::SchemaExt;
use crate::ir::*;
use crate::names::{camel_repeated, snake, type_name, union_variant, Namespace};
use openapiv3::{
    AdditionalProperties, IntegerFormat, OpenAPI, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The part of lowering that turns schemas into types.
pub struct Types<'a> {
    pub doc: &'a OpenAPI,
    pub diags: &'a mut Diagnostics,
    pub types: Vec<TypeDef>,
    pub by_component: HashMap<String, TypeId>,
    pub names: Namespace,
    /// The type of each `$ref` that is not a component reference, once resolved (see `pointer`).
    by_pointer: HashMap<String, Ty>,
    /// The named type made for a schema (by its address in the document), and whether a `$ref`
    /// made it: the schema's own position reuses that one, and a `$ref` reuses any.
    by_address: HashMap<usize, (TypeId, bool)>,
    /// The `$ref`s being followed to another `$ref`: one seen twice is a cycle.
    following: HashSet<String>,
    /// Whether a schema reached by such a `$ref` is being lowered: its inline parts then reuse
    /// the types their own positions already made.
    in_pointer: bool,
    /// The named types whose bodies are being lowered, by their schema's address: a schema met
    /// again inside itself (an inline `allOf` that merges the struct it is a property of) is that
    /// type, or lowering it would never end.
    lowering: HashMap<usize, TypeId>,
}

/// Properties gathered from an object schema or an `allOf`.
#[derive(Default)]
struct Gathered<'s> {
    props: Vec<(String, &'s ReferenceOr<Box<Schema>>, String)>,
    required: HashSet<String>,
    /// Each name of a `required` list, with the list's pointer (see `lower::undeclared`).
    required_at: Vec<(String, String)>,
    /// `additionalProperties: false` in the object or a part.
    closed: bool,
    /// `additionalProperties` beside the properties: a schema, or `None` for `true` (any value).
    extra: Option<(Option<&'s ReferenceOr<Schema>>, String)>,
    description: Option<String>,
    /// The `oneOf`/`anyOf` beside the properties, as a named union (see `lower::branches`).
    union: Option<Ty>,
}


impl<'a> Types<'a> {
    /// Registers every component schema (names first, then bodies).
    pub fn new(doc: &'a OpenAPI, diags: &'a mut Diagnostics, names: Namespace) -> Self {
        // Inline schemas add about as many types again as the components (Cloudflare: 3,716 + 5,774).
        let components = doc.components.as_ref().map_or(0, |c| c.schemas.len());
        let types = Vec::with_capacity(components * 3);
        let by_component = HashMap::with_capacity_and_hasher(components, Default::default());
        let (by_pointer, by_address, following) = Default::default();
        let mut me = Self { doc, diags, types, by_component, names, by_pointer, by_address, following, in_pointer: false, lowering: HashMap::default() };
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
        let mut node = self.step(reference)?;
        for _ in 0..32 {
            match node {
                Node::Schema(s) => return Some(s),
                Node::Ref(next) => node = self.step(next)?,
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
    pub fn resolve<'s>(&self, schema: &'s ReferenceOr<Schema>) -> Option<&'s Schema>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => self.component_schema(reference),
        }
    }

    pub(super) fn resolve_boxed<'s>(&self, schema: &'s ReferenceOr<Box<Schema>>) -> Option<&'s Schema>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => self.component_schema(reference),
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
        if let Some(ty) = self.by_pointer.get(reference) {
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
        self.by_pointer.insert(reference.to_string(), ty.clone());
        ty
    }

    /// The schema at `reference`: a scalar is its scalar type; anything else gets a named type,
    /// registered before its body is lowered so that a reference back to it ends there.
    fn pointer_schema(&mut self, s: &Schema, name: &str, reference: &str) -> Ty {
        let key = address(s);
        if let Some((id, _)) = self.by_address.get(&key) {
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
    pub fn ty_of(&mut self, schema: &ReferenceOr<Schema>, hint: &str, ptr: &str) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, ptr),
            ReferenceOr::Item(s) => self.inline(s, hint, ptr),
        }
    }

    pub(super) fn ty_of_boxed(&mut self, schema: &ReferenceOr<Box<Schema>>, hint: &str, ptr: &str) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, ptr),
            ReferenceOr::Item(s) => self.inline(s, hint, ptr),
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
        if let Some(id) = self.lowering.get(&address(s)) {
            return Ty::Named(*id);
        }
        // A `$ref` to this very schema (by pointer) came first, or this is part of a schema
        // reached by such a `$ref` and its own position came first: that type is this one.
        if let Some((id, by_ref)) = self.by_address.get(&address(s)) {
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
        let key = address(s);
        self.by_address.entry(key).or_insert((id, by_ref));
        let outer = self.lowering.insert(key, id);
        let kind = self.kind_of(s, &name, ptr);
        match outer {
            Some(outer) => self.lowering.insert(key, outer),
            None => self.lowering.remove(&key),
        };
        if let TypeKind::Alias(ty) = &kind {
            // It turned out to need no type of its own (e.g. a one-part allOf), and nothing uses it.
            if self.types.len() == id + 1 && !mentions(ty, id) {
                self.types.pop();
                if self.by_address.get(&key) == Some(&(id, by_ref)) {
                    self.by_address.remove(&key);
                }
                return ty.clone();
            }
        }
        self.types[id].kind = kind;
        Ty::Named(id)
    }

    /// What a schema is, for a type named `name`.
    pub fn kind_of(&mut self, s: &Schema, name: &str, ptr: &str) -> TypeKind {
        match &s.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                let values: Vec<String> = st.enumeration.iter().flatten().cloned().collect();
                if !values.is_empty() {
                    return TypeKind::StringEnum(self.string_variants(&values));
                }
                let format = match &st.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
                    VariantOrUnknownOrEmpty::Unknown(other) => Some(other.as_str()),
                    _ => None,
                };
                TypeKind::Alias(scalar_ty("string", format))
            }
            SchemaKind::Type(Type::Integer(it)) => {
                let values: Vec<i64> = it.enumeration.iter().flatten().copied().collect();
                if !values.is_empty() {
                    return TypeKind::IntEnum(int_variants(&values));
                }
                let format = match &it.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32"),
                    VariantOrUnknownOrEmpty::Unknown(other) => Some(other.as_str()),
                    _ => None,
                };
                TypeKind::Alias(scalar_ty("integer", format))
            }
            SchemaKind::Type(Type::Number(_)) => TypeKind::Alias(scalar_ty("number", None)),
            SchemaKind::Type(Type::Boolean(_)) => TypeKind::Alias(scalar_ty("boolean", None)),
            SchemaKind::Type(Type::Array(at)) => {
                let item = match &at.items {
                    Some(items) => self.value_ty_boxed(items, &format!("{name}Item"), &format!("{ptr}/items")),
                    None => Ty::Json,
                };
                TypeKind::Alias(Ty::Vec(Box::new(item)))
            }
            SchemaKind::Type(Type::Object(ot)) => {
                if ot.properties.is_empty() && is_closed(ot.additional_properties.as_ref()) {
                    // `{type: object, additionalProperties: false}`: always `{}`.
                    return TypeKind::Struct(Struct::default());
                }
                if ot.properties.is_empty() {
                    return TypeKind::Alias(match &ot.additional_properties {
                        Some(AdditionalProperties::Schema(ap)) => {
                            Ty::Map(Box::new(self.value_ty(ap, &format!("{name}Value"), &format!("{ptr}/additionalProperties"))))
                        }
                        _ => Ty::Json,
                    });
                }
                let mut g = Gathered::default();
                self.gather_object(&ot.properties, &ot.required, ot.additional_properties.as_ref(), ptr, &mut g);
                TypeKind::Struct(self.build_struct(g, name))
            }
            SchemaKind::AllOf { all_of } => self.all_of(s, all_of, name, ptr),
            SchemaKind::OneOf { one_of } => self.union(one_of, s, name, &format!("{ptr}/oneOf")),
            SchemaKind::AnyOf { any_of } => self.union(any_of, s, name, &format!("{ptr}/anyOf")),
            SchemaKind::Not { .. } => {
                self.diags.warn(ptr, "`not` cannot be expressed in Rust types; using `serde_json::Value`");
                TypeKind::Alias(Ty::Json)
            }
            SchemaKind::Any(any) => self.any(s, any, name, ptr),
        }
    }

    fn any(&mut self, s: &Schema, any: &openapiv3::AnySchema, name: &str, ptr: &str) -> TypeKind {
        // `allOf` beside a keyword `openapiv3` has no place for in an `allOf` schema
        // (`{allOf: [$ref: Messages], minLength: 1}`): the same as a plain `allOf`.
        if !any.all_of.is_empty() && any.properties.is_empty() && any.additional_properties.is_none() {
            return self.all_of(s, &any.all_of, name, ptr);
        }
        // `properties` beside a `type` that is not `object` (`{type: array, items: .., properties:
        // ..}`) do not apply to the value: the type wins.
        let not_object = any.typ.as_deref().filter(|t| *t != "object" && any.all_of.is_empty());
        if let Some(t) = not_object.filter(|_| !any.properties.is_empty()) {
            let help = "remove `properties`, or make the schema `type: object`".to_string();
            self.diags.recover(ptr, format!("`properties` beside `type: {t}` apply only to objects"), "ignored", help);
        }
        if not_object.is_none() && (!any.all_of.is_empty() || !any.properties.is_empty()) {
            let mut g = Gathered::default();
            let mut visited = HashSet::default();
            for (i, part) in any.all_of.iter().enumerate() {
                self.gather_ref(part, &format!("{ptr}/allOf/{i}"), &mut g, &mut visited, 0);
            }
            self.gather_object(&any.properties, &any.required, any.additional_properties.as_ref(), ptr, &mut g);
            if g.props.is_empty() && matches!(g.extra, None | Some((None, _))) {
                return TypeKind::Alias(Ty::Json);
            }
            g.union = self.flattened_union(s, any, &g.props, name, ptr);
            return TypeKind::Struct(self.build_struct(g, name));
        }
        // `oneOf`/`anyOf` beside `type: array` and `items` (Cloudflare's Zone Lockdown
        // `configurations`: the item's branches repeated on the list): the list of `items`.
        if let (Some("array"), Some(items), false) = (not_object, &any.items, any.one_of.is_empty() && any.any_of.is_empty()) {
            let help = "keep the branches in `items` only".to_string();
            self.diags.recover(ptr, "`oneOf`/`anyOf` beside `type: array` and `items`", "read as the list of `items`", help);
            return TypeKind::Alias(Ty::Vec(Box::new(self.ty_of_boxed(items, &format!("{name}Item"), &format!("{ptr}/items")))));
        }
        if !any.one_of.is_empty() {
            return self.union(&any.one_of, s, name, &format!("{ptr}/oneOf"));
        }
        if !any.any_of.is_empty() {
            return self.union(&any.any_of, s, name, &format!("{ptr}/anyOf"));
        }
        let strings: Vec<String> = any.enumeration.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
        let non_null = any.enumeration.iter().filter(|v| !v.is_null()).count();
        if !strings.is_empty() && strings.len() == non_null {
            return TypeKind::StringEnum(self.string_variants(&strings));
        }
        let ints: Vec<i64> = any.enumeration.iter().filter_map(serde_json::Value::as_i64).collect();
        if !ints.is_empty() && ints.len() == non_null {
            return TypeKind::IntEnum(int_variants(&ints));
        }
        // `enum: [true]` without a type: a boolean.
        let booleans = any.enumeration.iter().any(|v| v.is_boolean()) && any.enumeration.iter().all(|v| v.is_boolean() || v.is_null());
        // `items` without `type: array` still describes a list, `additionalProperties` a map.
        let typ = any.typ.as_deref().or(booleans.then_some("boolean")).or(any.items.as_ref().map(|_| "array")).or(any.additional_properties.as_ref().map(|_| "object"));
        TypeKind::Alias(match typ {
            Some(t @ ("string" | "integer" | "number" | "boolean")) => scalar_ty(t, any.format.as_deref()),
            Some("array") => match &any.items {
                Some(items) => Ty::Vec(Box::new(self.value_ty_boxed(items, &format!("{name}Item"), &format!("{ptr}/items")))),
                None => Ty::Vec(Box::new(Ty::Json)),
            },
            Some("object") => match &any.additional_properties {
                Some(AdditionalProperties::Schema(ap)) => {
                    Ty::Map(Box::new(self.value_ty(ap, &format!("{name}Value"), &format!("{ptr}/additionalProperties"))))
                }
                _ => Ty::Json,
            },
            _ => Ty::Json,
        })
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

    fn all_of(&mut self, s: &Schema, parts: &[ReferenceOr<Schema>], name: &str, ptr: &str) -> TypeKind {
        if parts.len() == 1 {
            // `allOf: [$ref]` is how specs attach a description to a reference.
            return TypeKind::Alias(self.ty_of(&parts[0], name, &format!("{ptr}/allOf/0")));
        }
        let mut g = Gathered::default();
        let mut visited = HashSet::default();
        let mut object_like = true;
        for (i, part) in parts.iter().enumerate() {
            let here = format!("{ptr}/allOf/{i}");
            if let Some(resolved) = self.resolve(part) {
                if !is_object_like(resolved) {
                    object_like = false;
                }
            }
            self.gather_ref(part, &here, &mut g, &mut visited, 0);
        }
        if !object_like && !g.props.is_empty() {
            // A union part beside object parts: their fields, the union flattened beside them.
            if let Some((ty, twice)) = self.part_union(parts, &g.props, name, ptr) {
                g.props.retain(|(n, _, _)| !twice.contains(n));
                g.union = Some(ty);
                g.description = g.description.or_else(|| s.schema_data.description.clone());
                return TypeKind::Struct(self.build_struct(g, name));
            }
        }
        if !object_like {
            // e.g. allOf of a string and a constraint: use the first non-object part.
            if let Some(first) = parts.iter().find(|p| self.resolve(p).is_some_and(|r| !is_object_like(r))) {
                return TypeKind::Alias(self.ty_of(first, name, ptr));
            }
        }
        if g.description.is_none() {
            g.description = s.schema_data.description.clone();
        }
        TypeKind::Struct(self.build_struct(g, name))
    }

    fn gather_ref<'s>(
        &self,
        part: &'s ReferenceOr<Schema>,
        ptr: &str,
        g: &mut Gathered<'s>,
        visited: &mut HashSet<String>,
        depth: usize,
    ) where
        'a: 's,
    {
        if depth > 32 {
            return;
        }
        let (schema, here) = match part {
            ReferenceOr::Reference { reference } => {
                if !visited.insert(reference.clone()) {
                    return;
                }
                match self.component_schema(reference) {
                    Some(s) => (s, reference.clone()),
                    None => return,
                }
            }
            ReferenceOr::Item(s) => (s, ptr.to_string()),
        };
        self.gather_schema(schema, &here, g, visited, depth + 1);
    }

    fn gather_schema<'s>(&self, schema: &'s Schema, ptr: &str, g: &mut Gathered<'s>, visited: &mut HashSet<String>, depth: usize)
    where
        'a: 's,
    {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(ot)) => {
                self.gather_object(&ot.properties, &ot.required, ot.additional_properties.as_ref(), ptr, g)
            }
            SchemaKind::AllOf { all_of } => {
                for (i, part) in all_of.iter().enumerate() {
                    self.gather_ref(part, &format!("{ptr}/allOf/{i}"), g, visited, depth);
                }
            }
            SchemaKind::Any(any) => {
                for (i, part) in any.all_of.iter().enumerate() {
                    self.gather_ref(part, &format!("{ptr}/allOf/{i}"), g, visited, depth);
                }
                self.gather_object(&any.properties, &any.required, any.additional_properties.as_ref(), ptr, g);
            }
            _ => {}
        }
        if g.description.is_none() {
            g.description = schema.schema_data.description.clone();
        }
    }

    fn gather_object<'s>(
        &self,
        props: &'s indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&'s AdditionalProperties>,
        ptr: &str,
        g: &mut Gathered<'s>,
    ) {
        for (pname, pschema) in props {
            let here = format!("{ptr}/properties/{}", escape_segment(pname));
            if let Some(existing) = g.props.iter_mut().find(|(n, _, _)| n == pname) {
                // A later allOf part refines the property: the later schema wins.
                existing.1 = pschema;
                existing.2 = here;
            } else {
                g.props.push((pname.clone(), pschema, here));
            }
        }
        g.required.extend(required.iter().cloned());
        g.required_at.extend(required.iter().enumerate().map(|(i, r)| (r.clone(), format!("{ptr}/required/{i}"))));
        // Extra keys are kept when the spec says so (`true` or a schema), not when it is silent:
        // a map on every struct would be noise. In an allOf, a part's schema wins over `true`.
        match additional {
            Some(AdditionalProperties::Schema(ap)) => g.extra = Some((Some(ap.as_ref()), format!("{ptr}/additionalProperties"))),
            Some(AdditionalProperties::Any(true)) if g.extra.is_none() => g.extra = Some((None, format!("{ptr}/additionalProperties"))),
            Some(AdditionalProperties::Any(false)) => g.closed = true,
            _ => {}
        }
    }

    fn build_struct(&mut self, g: Gathered<'_>, name: &str) -> Struct {
        let mut ns = Namespace::new();
        if g.extra.is_some() {
            // The flattened map's field.
            ns.reserve("additional_properties");
        }
        let mut fields = Vec::with_capacity(g.props.len());
        let mut has_sensitive = false;
        for (wire, pschema, here) in g.props {
            let ident = ns.claim(&snake(&wire), &wire);
            let resolved = self.resolve_boxed(pschema);
            let data = resolved.map(|s| &s.schema_data);
            let own = match pschema {
                ReferenceOr::Item(s) => Some(&s.schema_data),
                ReferenceOr::Reference { .. } => None,
            };
            // An inline property schema is named after its struct and itself.
            let ty = match pschema {
                ReferenceOr::Reference { reference } => self.reference(reference, &here),
                ReferenceOr::Item(s) if is_scalar(s) => self.inline(s, "", &here),
                ReferenceOr::Item(s) => self.inline(s, &format!("{name}{}", camel_repeated(&wire)), &here),
            };
            // A field says `null` with its flag, not with its type.
            let (ty, null_ty) = match ty {
                Ty::Option(inner) => (*inner, true),
                ty => (ty, false),
            };
            let own_ext = own.map(|d| SchemaExt::of(&d.extensions)).unwrap_or_default();
            let data_ext = data.map(|d| SchemaExt::of(&d.extensions)).unwrap_or_default();
            let sensitive = own_ext.sensitive || data_ext.sensitive;
            has_sensitive |= sensitive;
            let (read_only, write_only) = (own.is_some_and(|d| d.read_only) || data.is_some_and(|d| d.read_only), own.is_some_and(|d| d.write_only) || data.is_some_and(|d| d.write_only));
            fields.push(Field {
                ident,
                // Relaxed for read-only and write-only properties by `lower::read_write`.
                required: g.required.contains(&wire),
                nullable: null_ty || self.is_nullable_boxed(pschema) || is_null_only(resolved),
                doc: own.and_then(|d| d.description.clone()).or_else(|| data.and_then(|d| d.description.clone())),
                sensitive,
                boxed: false,
                from_header: own_ext.header,
                read_only,
                write_only,
                flatten: false,
                default: data.and_then(|d| d.default.clone()),
                wire,
                ty,
            });
        }
        let extra = match &g.extra {
            Some((Some(_), _)) => undeclared::Extra::Map,
            None if g.closed => undeclared::Extra::Closed,
            _ => undeclared::Extra::Any,
        };
        fields.extend(undeclared::fields(self.diags, &g.required_at, &fields, extra, &mut ns));
        let extra = g.extra.map(|(ap, here)| match ap {
            Some(ap) => self.value_ty(ap, &format!("{name}Extra"), &here),
            None => Ty::Json,
        });
        if let Some(ty) = g.union {
            fields.push(super::branches::field(ns.claim("variant", "variant"), ty));
        }
        Struct { fields, extra, has_sensitive, display: None }
    }

    pub(super) fn union(&mut self, parts: &[ReferenceOr<Schema>], s: &Schema, name: &str, ptr: &str) -> TypeKind {
        // `oneOf: [X, {nullable}]`-style and single-part unions collapse.
        if parts.len() == 1 {
            return TypeKind::Alias(self.ty_of(&parts[0], name, &format!("{ptr}/0")));
        }
        if let Some(disc) = &s.schema_data.discriminator {
            if let Some(kind) = self.tagged(parts, disc, name, ptr) {
                return kind;
            }
        }
        let mut ns = Namespace::new();
        let mut variants = Vec::new();
        let mut seen_tys = HashSet::default();
        let siblings: Vec<Vec<&str>> = parts.iter().map(|p| self.resolve(p).map(branch::properties).unwrap_or_default()).collect();
        for (i, part) in parts.iter().enumerate() {
            let here = format!("{ptr}/{i}");
            let (ident, ty) = match part {
                ReferenceOr::Reference { reference } => match self.component(reference) {
                    Some(component) => {
                        let base = type_name(&component);
                        (ns.claim(&base, &base), self.reference(reference, &here))
                    }
                    None => {
                        // Any other pointer: the variant is named after its type.
                        let ty = self.reference(reference, &here);
                        let base = match (&ty, self.resolve(part)) {
                            (Ty::Named(id), _) => self.types[*id].name.clone(),
                            (_, Some(item)) => self.variant_name(item, i, &siblings),
                            _ => format!("Variant{i}"),
                        };
                        (ns.claim(&base, &base), ty)
                    }
                },
                ReferenceOr::Item(item) => {
                    // An inline branch's own type is named after its variant: `BookRatingUnrated`.
                    let base = self.variant_name(item, i, &siblings);
                    let ident = ns.claim(&base, &base);
                    let ty = self.ty_of(part, &format!("{name}{ident}"), &here);
                    (ident, ty)
                }
            };
            if !seen_tys.insert(ty.clone()) {
                continue; // the same Rust type twice could never pick the second
            }
            let doc = self.resolve(part).and_then(|r| r.schema_data.description.clone());
            variants.push(UnionVariant { ident, ty, doc, boxed: false });
        }
        // Most specific first: untagged tries variants in order, and a free-form value matches anything.
        variants.sort_by_key(|v| matches!(v.ty, Ty::Json));
        TypeKind::Untagged(variants)
    }

    /// The base name of an untagged union's variant for the branch `s` at `index`.
    fn variant_name(&self, s: &Schema, index: usize, siblings: &[Vec<&str>]) -> String {
        let named = |reference: &str| {
            let id = self.by_component.get(&self.component(reference)?)?;
            Some(self.types[*id].name.clone())
        };
        let held = branch::branch(s, index, siblings, &named);
        union_variant(s.schema_data.title.as_deref(), &held, index)
    }

    fn tagged(&mut self, parts: &[ReferenceOr<Schema>], disc: &openapiv3::Discriminator, name: &str, ptr: &str) -> Option<TypeKind> {
        let mut ns = Namespace::new();
        ns.reserve("Unknown");
        let mut variants = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let (tag_value, ty) = match part {
                ReferenceOr::Reference { reference } => {
                    let component = self.component(reference);
                    // A reference to another place than a component has no implicit tag: the mapping names it.
                    let tag_value = disc
                        .mapping
                        .iter()
                        .find(|(_, target)| *target == reference || Some(target.as_str()) == component.as_deref())
                        .map(|(k, _)| k.clone())
                        .or(component)?;
                    (tag_value, self.reference(reference, &format!("{ptr}/{i}")))
                }
                // An inline branch names its tag value itself: `kind: {enum: [circle]}` (a 3.1 `const`).
                ReferenceOr::Item(item) => {
                    let tag_value = fixed_value(item, &disc.property_name)?;
                    let ty = self.inline(item, &format!("{name}{}", camel_repeated(&tag_value)), &format!("{ptr}/{i}"));
                    (tag_value, ty)
                }
            };
            variants.push(TaggedVariant { ident: ns.claim(&camel_repeated(&tag_value), &tag_value), tag_value, ty, boxed: false });
        }
        Some(TypeKind::Tagged { tag: disc.property_name.clone(), variants })
    }
}

/// The one string value an inline object schema fixes `property` to (`enum: [v]`).
fn fixed_value(s: &Schema, property: &str) -> Option<String> {
    let props = match &s.schema_kind {
        SchemaKind::Type(Type::Object(o)) => &o.properties,
        SchemaKind::Any(any) => &any.properties,
        _ => return None,
    };
    let ReferenceOr::Item(p) = props.get(property)? else { return None };
    match &p.schema_kind {
        SchemaKind::Type(Type::String(st)) => match st.enumeration.as_slice() {
            [Some(v)] => Some(v.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A schema's identity: the same schema in the document is the same type.
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

fn address(s: &Schema) -> usize {
    s as *const Schema as usize
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
fn is_scalar(s: &Schema) -> bool {
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

pub(super) fn is_object_like(s: &Schema) -> bool {
    match &s.schema_kind {
        SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => true,
        SchemaKind::Any(any) => any.typ.as_deref().is_none_or(|t| t == "object"),
        _ => false,
    }
}

/// `{enum: [null]}`: a value that is always null.
fn is_null_only(s: Option<&Schema>) -> bool {
    match s.map(|s| &s.schema_kind) {
        Some(SchemaKind::Any(any)) => !any.enumeration.is_empty() && any.enumeration.iter().all(|v| v.is_null()),
        _ => false,
    }
}
