//! Objects: an object schema's properties, those of its `allOf` parts merged in (through
//! `$ref`s, a later part refining an earlier one's property), `additionalProperties` kept as a
//! flattened map, and the struct they make.

use super::schema::{is_scalar, Types};
use super::shape::Object;
use super::undeclared;
use crate::diag::escape_segment;
use crate::ext::SchemaExt;
use crate::ir::*;
use crate::names::{camel_repeated, snake, Namespace};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};
use rustc_hash::FxHashSet as HashSet;

/// Properties gathered from an object schema or an `allOf`.
#[derive(Default)]
struct Gathered<'s> {
    props: Vec<(String, &'s ReferenceOr<Box<Schema>>, String)>,
    required: HashSet<String>,
    /// Each name of a `required` list, with the list's pointer (see `lower::undeclared`).
    required_at: Vec<(String, String)>,
    /// `additionalProperties: false` in the object or a part.
    closed: bool,
    /// The properties the branches of `union` declare: a `required` name among them is the
    /// union's to carry, not an undeclared one (see `lower::undeclared`).
    union_names: HashSet<String>,
    /// `additionalProperties` beside the properties: a schema, or `None` for `true` (any value).
    extra: Option<(Option<&'s ReferenceOr<Schema>>, String)>,
    description: Option<String>,
    /// The `oneOf`/`anyOf` beside the properties, as a named union (see `lower::branches`).
    union: Option<Ty>,
}

impl<'a> Types<'a> {
    /// An object's properties, those of its `allOf` parts merged in, and the union beside them.
    pub(super) fn object(&mut self, s: &Schema, object: Object<'_>, name: &str, ptr: &str) -> TypeKind {
        let mut g = Gathered::default();
        let mut visited = HashSet::default();
        for (i, part) in object.all_of.iter().enumerate() {
            self.gather_ref(part, &format!("{ptr}/allOf/{i}"), &mut g, &mut visited, 0);
        }
        self.gather_object(object.properties, object.required, object.additional, ptr, &mut g);
        if g.props.is_empty() && matches!(g.extra, None | Some((None, _))) {
            return TypeKind::Alias(Ty::Json);
        }
        if let Some((parts, keyword)) = object.union {
            g.union = self.flattened_union(s, parts, keyword, &g.props, name, ptr);
            if g.union.is_some() {
                g.union_names = self.branch_names(parts, &format!("{ptr}/{keyword}"));
            }
        }
        TypeKind::Struct(self.build_struct(g, name))
    }

    pub(super) fn all_of(&mut self, s: &Schema, parts: &[ReferenceOr<Schema>], name: &str, ptr: &str) -> TypeKind {
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
            if let Some((ty, twice, names)) = self.part_union(parts, &g.props, name, ptr) {
                g.props.retain(|(n, _, _)| !twice.contains(n));
                g.union_names = names;
                g.union = Some(ty);
                g.description = g.description.or_else(|| s.schema_data.description.clone());
                return TypeKind::Struct(self.build_struct(g, name));
            }
        }
        if !object_like {
            // e.g. allOf of a string and a constraint: use the first non-object part.
            if let Some((j, first)) = parts.iter().enumerate().find(|(_, p)| self.resolve(*p).is_some_and(|r| !is_object_like(r))) {
                return TypeKind::Alias(self.ty_of(first, name, &format!("{ptr}/allOf/{j}")));
            }
        }
        if g.description.is_none() {
            g.description = s.schema_data.description.clone();
        }
        TypeKind::Struct(self.build_struct(g, name))
    }

    /// The property names the branches `parts` (at `ptr`) declare, through their `allOf` parts
    /// and `$ref`s.
    pub(super) fn branch_names(&self, parts: &[ReferenceOr<Schema>], ptr: &str) -> HashSet<String> {
        let mut names = HashSet::default();
        for (i, part) in parts.iter().enumerate() {
            let mut g = Gathered::default();
            self.gather_ref(part, &format!("{ptr}/{i}"), &mut g, &mut HashSet::default(), 0);
            names.extend(g.props.into_iter().map(|(n, _, _)| n));
        }
        names
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
                match self.component_place(reference) {
                    Some((s, at)) => (s, at.to_string()),
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

    fn build_struct(&mut self, mut g: Gathered<'_>, name: &str) -> Struct {
        let mut ns = Namespace::new();
        if g.extra.is_some() {
            // The flattened map's field.
            ns.reserve("additional_properties");
        }
        let mut fields = Vec::with_capacity(g.props.len());
        let mut has_sensitive = false;
        for (wire, pschema, here) in g.props {
            let ident = ns.claim(&snake(&wire), &wire);
            let resolved = self.resolve(pschema);
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
            let read_only = own.is_some_and(|d| d.read_only) || data.is_some_and(|d| d.read_only);
            let access = Access::of(read_only, own.is_some_and(|d| d.write_only) || data.is_some_and(|d| d.write_only));
            fields.push(Field {
                ident,
                // Relaxed for read-only and write-only properties by `lower::read_write`.
                required: g.required.contains(&wire),
                nullable: null_ty || self.is_nullable(pschema) || is_null_only(resolved),
                doc: own.and_then(|d| d.description.clone()).or_else(|| data.and_then(|d| d.description.clone())),
                sensitive,
                boxed: false,
                from_header: own_ext.header,
                access,
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
        g.required_at.retain(|(wire, _)| !g.union_names.contains(wire));
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
