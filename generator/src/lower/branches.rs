//! An object with `properties` and a `oneOf`/`anyOf` whose branches add properties of their own
//! (svix's `DestinationIn`: common settings, then `type` and `config` per kind): a struct of the
//! object's properties with a field `variant` holding the union of the branches, flattened into
//! the same JSON object, so a value carries both and sends both.

use super::schema::Types;
use crate::ir::{Field, Gate, Ty, TypeDef, TypeKind};
use crate::names::type_name;
use openapiv3::{ReferenceOr, Schema};

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
        let adds = |part: &ReferenceOr<Schema>| {
            self.resolve(part).is_some_and(|b| super::branch::properties(b).iter().any(|p| !own.iter().any(|(o, _, _)| o == p)))
        };
        if !parts.iter().any(adds) {
            return None;
        }
        let rust = type_name(&format!("{name}Variant"));
        let claimed = self.names.claim(&rust, &rust);
        let id = self.types.len();
        let at = format!("{ptr}/{key}");
        self.types.push(TypeDef { name: claimed.clone(), doc: None, kind: TypeKind::Alias(Ty::Json), origin: at.clone(), gate: Gate::Always });
        let kind = self.union(parts, s, &claimed, &at);
        self.types[id].kind = kind;
        Some(Ty::Named(id))
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
        read_only: false,
        write_only: false,
        default: None,
        flatten: true,
    }
}
