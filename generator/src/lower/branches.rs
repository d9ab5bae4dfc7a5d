//! An object with `properties` and a `oneOf`/`anyOf` whose branches add properties of their own
//! (svix's `DestinationIn`: common settings, then `type` and `config` per kind): a struct of the
//! object's properties with a field `variant` holding the union of the branches, flattened into
//! the same JSON object, so a value carries both and sends both. Likewise an `allOf` whose
//! part is such a union beside object parts.

use super::schema::Types;
use crate::ir::{Field, Gate, Ty, TypeDef, TypeKind};
use crate::names::type_name;
use openapiv3::{ReferenceOr, Schema, SchemaKind};
use rustc_hash::FxHashSet as HashSet;

impl Types<'_> {
    /// The union type of the `oneOf` or `anyOf` (`keyword`) `parts` beside the properties `own`, named
    /// `<name>Variant`; `None` when no branch declares a property the object does not (branches
    /// that only list `required` properties are constraints, not shapes).
    pub(super) fn flattened_union(
        &mut self,
        s: &Schema,
        parts: &[ReferenceOr<Schema>],
        key: &str,
        own: &[(String, &ReferenceOr<Box<Schema>>, String)],
        name: &str,
        ptr: &str,
    ) -> Option<Ty> {
        if !self.adds(parts, own) {
            return None;
        }
        Some(self.named_union(s, parts, key, name, ptr))
    }

    /// The union of an `allOf` part that is a `oneOf`/`anyOf` (Cloudflare's Magic app config:
    /// `allOf: [{oneOf: [account app, managed app]}, {properties: {breakout, priority}}]`),
    /// beside the properties `own` of the other parts: a component's type by reference, an
    /// inline union named `<name>Variant`. `None` unless every part is an object or a union and
    /// exactly one union adds properties (the others only list `required` ones). With it, the
    /// properties of `own` that every branch declares again (the branch's say more: Cloudflare's
    /// deployment `strategy`, a string beside the branch's `enum: [percentage]`): the struct
    /// leaves them to the union, or a value would carry them twice. `None` too when only some
    /// branches declare one of `own`'s properties again. Last, the names every branch declares.
    pub(super) fn part_union(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        own: &[(String, &ReferenceOr<Box<Schema>>, String)],
        name: &str,
        ptr: &str,
    ) -> Option<(Ty, Vec<String>, HashSet<String>)> {
        let mut found = None;
        for (i, part) in parts.iter().enumerate() {
            let s = self.resolve(part)?;
            let Some((branches, key)) = union_of(s) else {
                if !super::object::is_object_like(s) {
                    return None;
                }
                continue;
            };
            if self.adds(branches, own) {
                if found.is_some() {
                    return None;
                }
                found = Some((i, part, s, branches, key));
            }
        }
        let (i, part, s, branches, key) = found?;
        let declared: Vec<Vec<&str>> = branches.iter().map(|b| self.resolve(b).map(super::branch::properties).unwrap_or_default()).collect();
        let again = |n: &str, every: bool| match every {
            true => declared.iter().all(|d| d.contains(&n)),
            false => declared.iter().any(|d| d.contains(&n)),
        };
        let twice: Vec<String> = own.iter().map(|(n, _, _)| n.clone()).filter(|n| again(n, false)).collect();
        if !twice.iter().all(|n| again(n, true)) {
            return None;
        }
        let at = format!("{ptr}/allOf/{i}");
        let names = self.branch_names(branches, &format!("{at}/{key}"));
        let ty = match part {
            ReferenceOr::Reference { reference } => self.reference(reference, &at),
            ReferenceOr::Item(_) => self.named_union(s, branches, key, name, &at),
        };
        Some((ty, twice, names))
    }

    /// Whether a branch of `parts` declares a property that `own` does not.
    fn adds(&self, parts: &[ReferenceOr<Schema>], own: &[(String, &ReferenceOr<Box<Schema>>, String)]) -> bool {
        let adds = |part: &ReferenceOr<Schema>| {
            self.resolve(part).is_some_and(|b| super::branch::properties(b).iter().any(|p| !own.iter().any(|(o, _, _)| o == p)))
        };
        parts.iter().any(adds)
    }

    /// The union of `parts` (the `key` of `s`), as a type named `<name>Variant`.
    fn named_union(&mut self, s: &Schema, parts: &[ReferenceOr<Schema>], key: &str, name: &str, ptr: &str) -> Ty {
        let rust = type_name(&format!("{name}Variant"));
        let claimed = self.names.claim(&rust, &rust);
        let id = self.types.len();
        let at = format!("{ptr}/{key}");
        self.types.push(TypeDef { name: claimed.clone(), doc: None, kind: TypeKind::Alias(Ty::Json), origin: at.clone(), gate: Gate::Always });
        let kind = self.union(parts, s, &claimed, &at);
        self.types[id].kind = kind;
        Ty::Named(id)
    }
}

/// The branches of a schema that is only a `oneOf` or an `anyOf` (with no properties or
/// parts of its own, and no type but `object`), and which keyword holds them.
fn union_of(s: &Schema) -> Option<(&[ReferenceOr<Schema>], &'static str)> {
    let other_type = matches!(&s.schema_kind, SchemaKind::Any(any) if any.typ.as_deref().is_some_and(|t| t != "object"));
    match super::shape::Shape::of(s).0 {
        super::shape::Shape::Union(parts, keyword) if !other_type => Some((parts, keyword)),
        _ => None,
    }
}

/// The struct field holding a flattened union.
pub(super) fn field(ident: String, ty: Ty) -> Field {
    Field {
        ident,
        wire: String::new(),
        ty,
        required: true,
        nullable: false,
        doc: Some("The `oneOf`/`anyOf` branch this value takes; its properties sit beside the fields above.".to_string()),
        sensitive: false,
        boxed: false,
        from_header: None,
        access: crate::ir::Access::Both,
        default: None,
        flatten: true,
    }
}
