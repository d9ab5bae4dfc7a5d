//! Where the generated code is untyped: every place that became `serde_json::Value` or raw
//! bytes, with its JSON pointer in the spec and why (`cargo xtask gen --report-untyped`).
//!
//! The places come from the IR: type aliases, struct fields and extra properties, union variants,
//! parameters, request bodies and success and error bodies whose type is `Value` or bytes,
//! directly or as the items or values of a list or map. A named type that is untyped is one place;
//! the fields and calls that use it by name are not counted again. Each place is found in the
//! typed document to give its pointer (`locate`). A place with a warning at its pointer is a
//! construct the generator could not express; otherwise a `Value` is a schema that allows any
//! JSON, and bytes are a binary body or field.

mod locate;

use crate::diag::{pointer, Diagnostic, Location, Severity};
use crate::ir::*;
use openapiv3::{OpenAPI, StatusCode};
use std::collections::BTreeMap;
use std::fmt;

/// Why a place is untyped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// A construct the generator cannot express (`not`, a `$ref` it cannot follow, a parameter
    /// that is not a scalar...); it carries a warning, or it is a schema that says more than "any
    /// JSON" and was lowered to `Value` without one.
    Unsupported,
    /// The spec allows any JSON there (`{}`, `type: object` without properties).
    FreeForm,
    /// Binary data (`format: binary`, a non-JSON body): raw bytes, or, inside JSON, the JSON
    /// string as sent (a `String`).
    Binary,
}

impl Reason {
    /// Every reason, in report order.
    pub const ALL: [Reason; 3] = [Reason::Unsupported, Reason::FreeForm, Reason::Binary];

    /// A one-word name: `unsupported`, `free-form`, `binary`.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Unsupported => "unsupported",
            Reason::FreeForm => "free-form",
            Reason::Binary => "binary",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::Unsupported => "a construct the generator cannot express (serde_json::Value)",
            Reason::FreeForm => "the spec allows any JSON (serde_json::Value)",
            Reason::Binary => "binary data (bytes; inside JSON, the string as sent)",
        })
    }
}

/// One untyped place in the generated code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Untyped {
    /// JSON pointer of the schema (or parameter, body, response) in the spec.
    pub pointer: String,
    /// Why it is untyped.
    pub reason: Reason,
    /// What it is in the generated code: "field `Token.meta`", "request body of `files.upload`".
    pub place: String,
    /// The warning at that pointer, for [`Reason::Unsupported`]; `None` when lowering gave
    /// `Value` without one.
    pub warning: Option<String>,
}

/// Finds every untyped place of `api`, lowered from `doc` with `warnings`; sorted by reason, then
/// pointer.
pub fn find(doc: &OpenAPI, api: &Api, warnings: &[Diagnostic]) -> Vec<Untyped> {
    let mut w = Walk { doc, api, found: Vec::new(), origin: String::new() };
    w.types();
    w.operations();
    let warned: BTreeMap<&str, &str> = warnings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .filter_map(|d| match &d.location {
            Location::Pointer(p) => Some((p.as_str(), d.message.as_str())),
            _ => None,
        })
        .collect();
    // A property merged into several structs (`allOf`) is one place: the struct that declares it.
    w.found.sort_by_key(|(_, _, _, owned)| !owned);
    let mut out: BTreeMap<String, Untyped> = BTreeMap::new();
    for (pointer, ty, place, _) in w.found {
        let (reason, warning) = match warned.get(pointer.as_str()) {
            Some(message) => (Reason::Unsupported, Some(message.to_string())),
            None if ty == Ty::Bytes => (Reason::Binary, None),
            None if locate::is_free_form(doc, &pointer) => (Reason::FreeForm, None),
            // The schema says more than `Value` does, and nothing was said: still a construct the
            // generator did not express.
            None => (Reason::Unsupported, None),
        };
        let pointer = locate::canonical(doc, &pointer);
        out.entry(pointer.clone()).or_insert(Untyped { pointer, reason, place, warning });
    }
    // A fallback warning the walk did not meet at its pointer still counts.
    for d in warnings.iter().filter(|d| d.is_untyped_fallback()) {
        if let Location::Pointer(p) = &d.location {
            let p = locate::canonical(doc, p);
            out.entry(p.clone()).or_insert_with(|| Untyped {
                pointer: p,
                reason: Reason::Unsupported,
                place: "(see the warning)".to_string(),
                warning: Some(d.message.clone()),
            });
        }
    }
    let mut out: Vec<Untyped> = out.into_values().collect();
    out.sort_by(|a, b| (a.reason, &a.pointer).cmp(&(b.reason, &b.pointer)));
    out
}

struct Walk<'d> {
    doc: &'d OpenAPI,
    api: &'d Api,
    /// (pointer, `Json` or `Bytes`, place, whether the pointer is inside the place's own schema)
    found: Vec<(String, Ty, String, bool)>,
    /// The origin of the type being walked.
    origin: String,
}

impl Walk<'_> {
    /// Records `ty` at `ptr` when it is untyped, or its items or values when they are.
    fn ty(&mut self, ty: &Ty, ptr: String, place: String) {
        match ty {
            Ty::Json | Ty::Bytes => {
                let owned = ptr.strip_prefix(self.origin.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
                self.found.push((ptr, ty.clone(), place, owned));
            }
            Ty::Vec(inner) => self.ty(inner, format!("{ptr}/items"), format!("items of {place}")),
            Ty::Map(inner) => self.ty(inner, format!("{ptr}/additionalProperties"), format!("values of {place}")),
            Ty::Option(inner) => self.ty(inner, ptr, place),
            _ => {}
        }
    }

    fn types(&mut self) {
        for t in &self.api.types {
            let origin = &t.origin;
            self.origin.clone_from(origin);
            match &t.kind {
                TypeKind::Alias(ty) => self.ty(ty, origin.clone(), format!("type `{}`", t.name)),
                TypeKind::Struct(s) => {
                    for f in &s.fields {
                        if !untyped_in(&f.ty) {
                            continue;
                        }
                        let ptr = locate::property(self.doc, origin, &f.wire)
                            .unwrap_or_else(|| format!("{origin}/properties/{}", crate::diag::escape_segment(&f.wire)));
                        self.ty(&f.ty, ptr, format!("field `{}.{}`", t.name, f.ident));
                    }
                    if let Some(extra) = &s.extra {
                        self.ty(extra, format!("{origin}/additionalProperties"), format!("extra properties of `{}`", t.name));
                    }
                }
                TypeKind::Untagged(variants) => {
                    // The branches are not kept in order: the union's list is the place.
                    let untyped: Vec<&UnionVariant> = variants.iter().filter(|v| untyped_in(&v.ty)).collect();
                    if !untyped.is_empty() {
                        let list = ["oneOf", "anyOf"]
                            .into_iter()
                            .map(|k| format!("{origin}/{k}"))
                            .find(|p| locate::schema_at(self.doc, &format!("{p}/0")).is_some())
                            .unwrap_or_else(|| origin.clone());
                        let names: Vec<String> = untyped.iter().map(|v| format!("`{}::{}`", t.name, v.ident)).collect();
                        let ty = if untyped.iter().all(|v| bytes_in(&v.ty)) { Ty::Bytes } else { Ty::Json };
                        self.found.push((list, ty, format!("variant {}", names.join(", ")), true));
                    }
                }
                TypeKind::Tagged { .. } | TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
            }
        }
    }

    fn operations(&mut self) {
        let (doc, api) = (self.doc, self.api);
        for op in &api.operations {
            let method = op.http_method.key();
            let op_ptr = pointer(&["paths", op.path.as_str(), method]);
            self.origin.clone_from(&op_ptr);
            let call = &op.call_path;
            for p in &op.params {
                if untyped_in(&p.ty) {
                    let ptr = locate::parameter_pointer(doc, &op.path, method, &p.wire, p.location)
                        .unwrap_or_else(|| format!("{op_ptr}/parameters"));
                    self.ty(&p.ty, ptr, format!("parameter `{}` of `{call}`", p.wire));
                }
            }
            if let Some(b) = &op.body {
                if !b.kind.is_multipart() && untyped_in(&b.ty) {
                    let media = format!("{op_ptr}/requestBody/content/{}", crate::diag::escape_segment(&b.content_type));
                    let ptr = match matches!(b.kind, BodyKind::Bytes) || locate::schema_at(doc, &format!("{media}/schema")).is_none() {
                        true => media,
                        false => format!("{media}/schema"),
                    };
                    self.ty(&b.ty, ptr, format!("request body of `{call}`"));
                }
                // The structs of an inline typed multipart body (or of a union's inline branches)
                // have no models type: their fields are counted here (a `$ref` one's are, with its type).
                for s in b.kind.multipart().into_iter().flat_map(|m| m.structs()) {
                    let Some(at) = &s.inline_at else { continue };
                    for f in s.fields.iter().filter(|f| f.kind == PartKind::Value && untyped_in(&f.ty)) {
                        let ptr = format!("{at}/properties/{}", crate::diag::escape_segment(&f.wire));
                        self.ty(&f.ty, ptr, format!("multipart field `{}` of `{call}`", f.wire));
                    }
                }
            }
            match op.response.by_status() {
                Some(by) => {
                    for v in &by.variants {
                        let code = match v.status {
                            StatusMatch::Code(c) => StatusCode::Code(c),
                            StatusMatch::Range(r) => StatusCode::Range(r),
                        };
                        self.response(&v.ty, Some(&code), &op.path, method, format!("response {code} of `{call}`"));
                    }
                }
                None => {
                    let code = locate::first_success(doc, &op.path, method);
                    let ptr = code.as_ref().and_then(|c| locate::response_pointer(doc, &op.path, method, Some(c)));
                    // No success response at all: the call returns whatever JSON comes.
                    let ptr = ptr.unwrap_or_else(|| format!("{op_ptr}/responses"));
                    if untyped_in(&op.response.ty) {
                        self.ty(&op.response.ty, ptr, format!("response of `{call}`"));
                    }
                }
            }
            let errors: Vec<(&Ty, Option<StatusCode>)> = match &op.errors {
                Errors::Untyped => Vec::new(),
                Errors::Single(ty) => vec![(ty, None)],
                Errors::Enum(e) => e.variants.iter().map(|v| (&v.ty, error_status(v))).collect(),
            };
            for (ty, code) in errors {
                if !untyped_in(ty) {
                    continue;
                }
                let ptr = code.as_ref().and_then(|c| locate::response_pointer(doc, &op.path, method, Some(c)));
                self.ty(ty, ptr.unwrap_or_else(|| format!("{op_ptr}/responses")), format!("error body of `{call}`"));
            }
        }
    }

    fn response(&mut self, ty: &Ty, code: Option<&StatusCode>, path: &str, method: &str, place: String) {
        if !untyped_in(ty) {
            return;
        }
        let ptr = locate::response_pointer(self.doc, path, method, code)
            .unwrap_or_else(|| format!("{}/responses", pointer(&["paths", path, method])));
        self.ty(ty, ptr, place);
    }
}

/// The status a status-style error variant stands for, when it is one code or one range.
fn error_status(v: &ErrorVariant) -> Option<StatusCode> {
    match v.statuses.as_slice() {
        [StatusMatch::Code(c)] => Some(StatusCode::Code(*c)),
        [StatusMatch::Range(r)] => Some(StatusCode::Range(*r)),
        _ => None,
    }
}

/// Whether `ty` is bytes, or a list or map of them.
fn bytes_in(ty: &Ty) -> bool {
    match ty {
        Ty::Bytes => true,
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => bytes_in(inner),
        _ => false,
    }
}

/// Whether `ty` is `Value` or bytes, or a list or map of them.
fn untyped_in(ty: &Ty) -> bool {
    match ty {
        Ty::Json | Ty::Bytes => true,
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => untyped_in(inner),
        _ => false,
    }
}

/// How many untyped places there are for each reason, in [`Reason::ALL`] order.
pub fn counts(untyped: &[Untyped]) -> [(Reason, usize); 3] {
    Reason::ALL.map(|r| (r, untyped.iter().filter(|u| u.reason == r).count()))
}

/// `7 untyped (2 unsupported, 4 free-form, 1 binary)` (reasons with none left out), as the summary line of `gen` says it.
pub fn summary(untyped: &[Untyped]) -> String {
    let parts: Vec<String> = counts(untyped).iter().filter(|(_, n)| *n > 0).map(|(r, n)| format!("{n} {}", r.label())).collect();
    match parts.is_empty() {
        true => "0 untyped".to_string(),
        false => format!("{} untyped ({})", untyped.len(), parts.join(", ")),
    }
}

/// The report of `gen --report-untyped`: the places grouped by reason, one line each.
pub fn report(spec: &str, untyped: &[Untyped]) -> String {
    use std::fmt::Write;
    let mut out = format!("{spec}: {}\n", summary(untyped));
    for (reason, n) in counts(untyped) {
        if n == 0 {
            continue;
        }
        let _ = writeln!(out, "  {} ({n}): {reason}", reason.label());
        for u in untyped.iter().filter(|u| u.reason == reason) {
            let _ = write!(out, "    {}  {}", u.pointer, u.place);
            match (&u.warning, u.reason) {
                (Some(w), _) => {
                    let _ = write!(out, ": {w}");
                }
                (None, Reason::Unsupported) => out.push_str(": no warning was given"),
                (None, _) => {}
            }
            out.push('\n');
        }
    }
    out
}
