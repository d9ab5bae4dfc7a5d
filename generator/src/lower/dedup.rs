//! Merges structurally identical types. Large specs repeat the same shapes under many names
//! (Cloudflare's per-product `messages`, `errors` and response wrappers): the first type of each
//! shape keeps its body and the others become `pub type Other = First;`, so every name stays and
//! the models crate compiles each shape once.
//!
//! Two types are the same when their bodies are equal with every named type replaced by its
//! class: partition refinement from "same kind", repeated until the number of classes stops
//! growing. Field and variant docs are part of the body, so no type gets another's docs; the
//! type's own doc stays on its alias.

use crate::ir::*;
use rustc_hash::FxHashMap;
use std::fmt::Write;

/// Turns every type whose shape an earlier type already has into an alias of that type.
/// Returns how many types became aliases.
pub fn dedup(types: &mut [TypeDef]) -> usize {
    let n = types.len();
    let target = alias_targets(types);
    // Each body is written once, with a `#` where a named type goes; the rounds only compare
    // the text's number and the classes of those named types.
    let mut texts: FxHashMap<String, usize> = FxHashMap::with_capacity_and_hasher(n, Default::default());
    // Free text (docs) is written as the number of its first occurrence: equal texts, equal
    // numbers, and the bodies stay short.
    let mut docs: FxHashMap<&str, usize> = FxHashMap::default();
    let shapes: Vec<(usize, Vec<TypeId>)> = types
        .iter()
        .map(|t| {
            let mut w = Writer { out: String::new(), refs: Vec::new(), target: &target, docs: &mut docs };
            w.kind(&t.kind);
            let len = texts.len();
            let text = *texts.entry(w.out).or_insert(len);
            (text, w.refs)
        })
        .collect();
    drop((texts, docs));
    let mut class = vec![0usize; n];
    let mut count = 0;
    // Each round refines the partition, so at most n rounds; usually a handful.
    for _ in 0..=n {
        let mut classes: FxHashMap<Vec<usize>, usize> = FxHashMap::with_capacity_and_hasher(n, Default::default());
        let mut next = vec![0usize; n];
        for (id, (text, refs)) in shapes.iter().enumerate() {
            let mut key = Vec::with_capacity(refs.len() + 2);
            key.push(class[id]);
            key.push(*text);
            key.extend(refs.iter().map(|r| class[*r]));
            let len = classes.len();
            next[id] = *classes.entry(key).or_insert(len);
        }
        class = next;
        if classes.len() == count {
            break;
        }
        count = classes.len();
    }
    let mut first: FxHashMap<usize, TypeId> = FxHashMap::default();
    let mut merged = 0;
    for id in 0..n {
        if matches!(types[id].kind, TypeKind::Alias(_)) {
            continue;
        }
        match first.get(&class[id]) {
            Some(&canonical) => {
                types[id].kind = TypeKind::Alias(Ty::Named(canonical));
                merged += 1;
            }
            None => {
                first.insert(class[id], id);
            }
        }
    }
    merged
}

/// For every alias of a named type, the non-alias type it ends at (aliases are transparent:
/// a field of type `A` where `type A = B;` has the shape of a field of type `B`).
fn alias_targets(types: &[TypeDef]) -> Vec<Option<Ty>> {
    (0..types.len())
        .map(|id| {
            let mut ty = Ty::Named(id);
            for _ in 0..64 {
                match &ty {
                    Ty::Named(i) => match types.get(*i).map(|t| &t.kind) {
                        Some(TypeKind::Alias(inner)) => ty = inner.clone(),
                        _ => return Some(ty),
                    },
                    _ => return Some(ty),
                }
            }
            None // an alias cycle: left alone
        })
        .collect()
}

/// Writes a type body as text; named types that end at a non-alias type become `#` and are
/// listed in `refs`, in order.
struct Writer<'a, 'd> {
    out: String,
    refs: Vec<TypeId>,
    target: &'a [Option<Ty>],
    /// Every free text met so far, numbered.
    docs: &'a mut FxHashMap<&'d str, usize>,
}

impl<'d> Writer<'_, 'd> {
    /// A name or wire name, length-prefixed so that no two different runs of names write the same.
    fn name(&mut self, name: &str) {
        let _ = write!(self.out, "{}:", name.len());
        self.out.push_str(name);
    }

    /// Free text, by its number.
    fn text(&mut self, text: Option<&'d str>) {
        match text {
            Some(t) => {
                let len = self.docs.len();
                let id = *self.docs.entry(t).or_insert(len);
                let _ = write!(self.out, "d{id}:");
            }
            None => self.out.push('-'),
        }
    }

    fn ty(&mut self, ty: &Ty) {
        self.ty_at(ty, 0);
    }

    fn ty_at(&mut self, ty: &Ty, depth: usize) {
        match ty {
            Ty::Named(id) => match self.target.get(*id).and_then(Option::as_ref) {
                Some(Ty::Named(t)) => {
                    self.out.push('#');
                    self.refs.push(*t);
                }
                // `type A = Vec<B>;` reads as `Vec<B>`; `type A = Vec<A>;` would never end.
                Some(other) if depth < 8 => self.ty_at(other, depth + 1),
                _ => {
                    let _ = write!(self.out, "@{id}");
                }
            },
            Ty::Vec(inner) => {
                self.out.push_str("V<");
                self.ty_at(inner, depth);
                self.out.push('>');
            }
            Ty::Map(inner) => {
                self.out.push_str("M<");
                self.ty_at(inner, depth);
                self.out.push('>');
            }
            Ty::Option(inner) => {
                self.out.push_str("O<");
                self.ty_at(inner, depth);
                self.out.push('>');
            }
            Ty::String => self.out.push('s'),
            Ty::DateTime => self.out.push('t'),
            Ty::Date => self.out.push('d'),
            Ty::Bool => self.out.push('b'),
            Ty::I32 => self.out.push('i'),
            Ty::I64 => self.out.push('l'),
            Ty::F64 => self.out.push('f'),
            Ty::Json => self.out.push('j'),
            Ty::Bytes => self.out.push('y'),
            Ty::Unit => self.out.push('u'),
        }
    }

    fn kind(&mut self, kind: &'d TypeKind) {
        match kind {
            TypeKind::Struct(s) => {
                self.out.push('S');
                for f in &s.fields {
                    self.name(&f.ident);
                    self.name(&f.wire);
                    for flag in [f.required, f.nullable, f.sensitive, f.boxed, f.flatten] {
                        self.out.push(if flag { '1' } else { '0' });
                    }
                    let _ = write!(self.out, "{:?}", f.access);
                    self.text(f.from_header.as_deref());
                    match &f.default {
                        Some(value) => {
                            let _ = write!(self.out, "={value}:");
                        }
                        None => self.out.push('-'),
                    }
                    self.text(f.doc.as_deref());
                    self.ty(&f.ty);
                    self.out.push(',');
                }
                if let Some(extra) = &s.extra {
                    self.out.push_str("+extra:");
                    self.ty(extra);
                }
                if let Some(display) = &s.display {
                    let _ = write!(self.out, "|{display:?}");
                }
            }
            TypeKind::StringEnum(vs) => {
                self.out.push('E');
                for v in vs {
                    let _ = write!(self.out, "{}={:?},", v.ident, v.value);
                }
            }
            TypeKind::IntEnum(vs) => {
                self.out.push('I');
                for v in vs {
                    let _ = write!(self.out, "{}={},", v.ident, v.value);
                }
            }
            TypeKind::Untagged(vs) => {
                self.out.push('U');
                for v in vs {
                    let _ = write!(self.out, "{}:", v.ident);
                    self.text(v.doc.as_deref());
                    self.ty(&v.ty);
                    self.out.push(',');
                }
            }
            TypeKind::Tagged { tag, variants } => {
                let _ = write!(self.out, "T{tag:?}");
                for v in variants {
                    let _ = write!(self.out, "{}={:?}:", v.ident, v.tag_value);
                    self.ty(&v.ty);
                    self.out.push(',');
                }
            }
            TypeKind::Alias(ty) => {
                self.out.push('A');
                self.ty(ty);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef { name: name.into(), doc: None, kind, origin: String::new(), gate: Gate::Always }
    }

    fn field(name: &str, ty: Ty) -> Field {
        Field {
            ident: name.into(),
            wire: name.into(),
            ty,
            required: true,
            nullable: false,
            doc: None,
            sensitive: false,
            boxed: false,
            from_header: None,
            access: Access::Both,
            flatten: false,
            default: None,
        }
    }

    fn st(fields: Vec<Field>) -> TypeKind {
        TypeKind::Struct(Struct { fields, ..Default::default() })
    }

    #[test]
    fn same_shapes_merge_through_references() {
        let mut types = vec![
            def("Msg", st(vec![field("code", Ty::I64)])),
            def("List", st(vec![field("items", Ty::Vec(Box::new(Ty::Named(0))))])),
            def("Msg2", st(vec![field("code", Ty::I64)])),
            def("List2", st(vec![field("items", Ty::Vec(Box::new(Ty::Named(2))))])),
            def("Other", st(vec![field("code", Ty::String)])),
            def("MsgAlias", TypeKind::Alias(Ty::Named(2))),
            def("List3", st(vec![field("items", Ty::Vec(Box::new(Ty::Named(5))))])),
        ];
        assert_eq!(dedup(&mut types), 3);
        assert!(matches!(types[2].kind, TypeKind::Alias(Ty::Named(0))));
        assert!(matches!(types[3].kind, TypeKind::Alias(Ty::Named(1))));
        assert!(matches!(types[4].kind, TypeKind::Struct(_)));
        assert!(matches!(types[6].kind, TypeKind::Alias(Ty::Named(1))));
    }

    #[test]
    fn recursive_shapes_merge_and_alias_cycles_stay() {
        let mut types = vec![
            def("A", st(vec![field("next", Ty::Vec(Box::new(Ty::Named(0))))])),
            def("B", st(vec![field("next", Ty::Vec(Box::new(Ty::Named(1))))])),
            def("C", TypeKind::Alias(Ty::Named(3))),
            def("D", TypeKind::Alias(Ty::Named(2))),
        ];
        assert_eq!(dedup(&mut types), 1);
        assert!(matches!(types[1].kind, TypeKind::Alias(Ty::Named(0))));
    }
}
