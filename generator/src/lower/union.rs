//! Unions: `oneOf`/`anyOf` as an untagged enum whose variants are named after what each branch
//! holds, or, with a `discriminator`, a tagged enum.

use super::branch;
use super::schema::Types;
use crate::ir::*;
use crate::names::{camel_repeated, type_name, union_variant, Namespace};
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};
use rustc_hash::FxHashSet as HashSet;

impl Types<'_> {
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
