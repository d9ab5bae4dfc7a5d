//! Lowering operations: parameters, bodies, success and error responses, call paths.

use super::schema::Types;
use crate::diag::{escape_segment, pointer};
use crate::ext::{Key, OperationExt, SchemaExt};
use crate::ir::*;
use crate::names::{camel, camel_repeated, error_body_name, snake, status_name, type_name, Namespace};
use crate::validate::template_params;
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, PathItem, QueryStyle as OaQueryStyle, ReferenceOr, RequestBody,
    Response as OaResponse, StatusCode,
};

/// State shared by all operations of one API.
pub struct Ops<'t, 'a> {
    pub types: &'t mut Types<'a>,
    pub client_names: Namespace,
    pub envelope: Option<Envelope>,
    pub error_code: ErrorCodeStyle,
    /// The API's security schemes, for each operation's requirement.
    pub security: &'t super::security::Lowered,
}

impl<'t, 'a> Ops<'t, 'a> {
    /// Lowers every operation in spec order.
    pub fn lower_all(&mut self) -> Vec<Operation> {
        let doc = self.types.doc;
        let mut out = Vec::with_capacity(doc.paths.paths.len() * 2);
        // Streaming variants come last, so their names never displace an operation's.
        let mut variants = Vec::new();
        let mut calls = Self::derived_calls(doc).into_iter();
        for (path, item) in doc.paths.iter() {
            let item_ptr = pointer(&["paths", path]);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    self.types.diags.recover(
                        item_ptr,
                        format!("path item references (`{reference}`) are not supported"),
                        "the path's operations are not generated",
                        Some("inline the path item".to_string()),
                    );
                    continue;
                }
            };
            for (key, op) in item.iter() {
                // `PathItem::iter` yields the eight methods only.
                let Some(method) = HttpMethod::of_key(key) else { continue };
                let ptr = pointer(&["paths", path, key]);
                let derived = if Key::Method.is_in(&op.extensions) { None } else { calls.next().flatten() };
                let (main, variant) = self.lower_one(path, method, item, op, &ptr, derived);
                out.push(main);
                variants.extend(variant);
            }
        }
        out.extend(variants);
        out
    }

    /// The resource grouping's call for each operation without `x-rust-method`, in the order
    /// `lower_all` meets them (see `grouping`).
    fn derived_calls(doc: &openapiv3::OpenAPI) -> Vec<Option<super::grouping::Call>> {
        let mut inputs = Vec::new();
        for (path, item) in doc.paths.iter() {
            let ReferenceOr::Item(item) = item else { continue };
            for (method, op) in item.iter().filter(|(_, op)| !Key::Method.is_in(&op.extensions)) {
                inputs.push(super::grouping::Input { id: op.operation_id.as_deref(), path, method, tags: &op.tags });
            }
        }
        super::grouping::plan(&inputs)
    }

    /// The operation, and its streaming variant when it has an event stream beside another
    /// success body. `derived`: its call from the resource grouping.
    fn lower_one(
        &mut self,
        path: &str,
        method: HttpMethod,
        item: &PathItem,
        op: &'a openapiv3::Operation,
        ptr: &str,
        derived: Option<super::grouping::Call>,
    ) -> (Operation, Option<Operation>) {
        let id = op.operation_id.clone().unwrap_or_else(|| format!("{}{}", method.key(), path.replace(['{', '}'], "")));
        let ext = OperationExt::of(&op.extensions);
        let (group, method_name) = match (ext.method, derived) {
            (Some(call), _) => {
                let mut segs: Vec<String> = call.0.iter().map(|s| snake(s)).collect();
                let last = segs.pop().unwrap_or_else(|| snake(&id));
                (segs, last)
            }
            (None, Some(call)) => (call.group, call.method),
            (None, None) => (Vec::new(), snake(&id)),
        };
        let call_path = group.iter().chain(std::iter::once(&method_name)).cloned().collect::<Vec<_>>().join(".");
        let type_prefix = camel(&call_path.replace('.', "_"));

        let mut names = Namespace::new();
        let mut params = self.params(path, item, op, ptr, &type_prefix, &mut names);
        let body = op.request_body.as_ref().and_then(|b| self.body(b, &format!("{ptr}/requestBody"), &type_prefix, &mut names));
        // Required inputs are positional: path params in path order, then required query/header, then the body.
        let template = template_params(path);
        params.sort_by_key(|p| match p.location {
            ParamLocation::Path => (0, template.iter().position(|t| *t == p.wire).unwrap_or(usize::MAX)),
            _ if p.required => (1, 0),
            _ => (2, 0),
        });
        let events = self.find_event_stream(op, ptr);
        let (response, raw_body) = match &events {
            Some(found) if Self::only_events(&events) => (self.stream_response(op, ptr, &type_prefix, found), None),
            _ => self.success(op, ptr, &type_prefix, &id),
        };
        let errors = self.errors(op, ptr, &type_prefix);
        let envelope = self.envelope.as_ref().map(|e| e.result.clone());
        let pagination = super::pagination::lower(
            self.types,
            &super::pagination::Inputs {
                at: ptr,
                ext: ext.pagination.as_ref(),
                params: &params,
                response: &response,
                body: raw_body,
                envelope: envelope.as_deref().filter(|_| response.decode == Decode::Envelope),
                multipart: body.as_ref().is_some_and(|b| b.kind.is_multipart()),
                method: method.key(),
            },
        );
        // POST and PATCH are retried only when the caller sets an idempotency key on the call.
        // A paginated call always gets a builder: `pages()` and `items()` are on it.
        let needs_builder =
            params.iter().any(|p| !p.required) || body.as_ref().is_some_and(|b| !b.required) || pagination.is_some();
        let builder_name = needs_builder.then(|| self.client_names.claim(&format!("{type_prefix}Request"), &id));
        let doc = match (&op.summary, &op.description) {
            (Some(s), Some(d)) if s.trim() != d.trim() => Some(format!("{s}\n\n{d}")),
            (Some(s), _) => Some(s.clone()),
            (None, Some(d)) => Some(d.clone()),
            (None, None) => None,
        };
        let main = Operation {
            id,
            group,
            method_name,
            call_path,
            http_method: method,
            path: path.to_string(),
            doc,
            params,
            body,
            response,
            errors,
            builder_name,
            deprecated: op.deprecated,
            upgrade: super::upgrade::only_upgrade(op, ptr, self.types.diags),
            tags: op.tags.clone(),
            gate: Gate::Always,
            stream_variant: false,
            pagination,
            security: self.security.operation(op.security.as_ref(), ptr, self.types.diags),
        };
        let variant = match &events {
            Some(found) if !Self::only_events(&events) => Some(self.stream_variant(&main, op, ptr, found)),
            _ => None,
        };
        (main, variant)
    }

    fn resolve_param<'p>(&mut self, p: &'p ReferenceOr<Parameter>, at: &str) -> Option<&'p Parameter>
    where
        'a: 'p,
    {
        match crate::pointer::resolve(self.types.doc, p) {
            Ok(p) => Some(p),
            Err(e) => {
                self.types.diags.recover(at, format!("parameter reference {e}"), "parameter skipped", Some("point the `$ref` at a component of this kind that is not itself a reference back".to_string()));
                None
            }
        }
    }

    fn params(&mut self, path: &str, item: &PathItem, op: &openapiv3::Operation, ptr: &str, prefix: &str, names: &mut Namespace) -> Vec<Param> {
        let item_ptr = pointer(&["paths", path]);
        let mut raw: Vec<(&Parameter, String)> = Vec::new();
        for (i, p) in item.parameters.iter().enumerate() {
            let at = format!("{item_ptr}/parameters/{i}");
            if let Some(p) = self.resolve_param(p, &at) {
                raw.push((p, at));
            }
        }
        for (i, p) in op.parameters.iter().enumerate() {
            let at = format!("{ptr}/parameters/{i}");
            if let Some(p) = self.resolve_param(p, &at) {
                let data = p.parameter_data_ref();
                // An operation-level parameter overrides a path-level one with the same name and location.
                raw.retain(|(q, _)| !(q.parameter_data_ref().name == data.name && std::mem::discriminant(*q) == std::mem::discriminant(p)));
                raw.push((p, at));
            }
        }
        // Names the request builders already use (`call_options!` adds the per-request options);
        // a parameter with one of them becomes `<name>_param`.
        const TAKEN: [&str; 8] = ["body", "timeout", "retries", "header", "query", "send", "call", "into_future"];
        for taken in TAKEN {
            names.reserve(taken);
        }
        let mut out = Vec::new();
        for (p, at) in raw {
            let data = p.parameter_data_ref();
            let (location, style) = match p {
                Parameter::Path { .. } => (ParamLocation::Path, QueryStyle::Form { explode: false }),
                // `simple`, the only style of a header: `explode` says how an object is written.
                Parameter::Header { .. } => (ParamLocation::Header, QueryStyle::Form { explode: data.explode.unwrap_or(false) }),
                Parameter::Query { style, .. } => {
                    let style = match style {
                        OaQueryStyle::Form => QueryStyle::Form { explode: data.explode.unwrap_or(true) },
                        OaQueryStyle::DeepObject => QueryStyle::DeepObject,
                        OaQueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                        OaQueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                    };
                    (ParamLocation::Query, style)
                }
                // `form` (the only style a cookie has): a list is one value, its items joined by commas.
                Parameter::Cookie { .. } => (ParamLocation::Cookie, QueryStyle::Form { explode: false }),
            };
            let hint = format!("{prefix}{}", camel_repeated(&data.name));
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(s) => self.types.ty_of(s, &hint, &format!("{at}/schema")),
                ParameterSchemaOrContent::Content(c) => match c.iter().next().and_then(|(_, m)| m.schema.as_ref()) {
                    Some(s) => self.types.ty_of(s, &hint, &format!("{at}/content")),
                    None => Ty::String,
                },
            };
            let ty = self.param_ty(ty, location, &at, &data.name);
            let example = data.example.clone().or_else(|| match &data.format {
                ParameterSchemaOrContent::Schema(s) => self.types.resolve(s).and_then(|s| s.schema_data.example.clone()),
                ParameterSchemaOrContent::Content(_) => None,
            });
            out.push(Param {
                ident: {
                    let base = snake(&data.name);
                    let base = if TAKEN.contains(&base.as_str()) { format!("{base}_param") } else { base };
                    names.claim(&base, &data.name)
                },
                wire: data.name.clone(),
                location,
                required: data.required || location == ParamLocation::Path,
                doc: data.description.clone(),
                style,
                ty,
                example,
            });
        }
        // A name the template uses but no parameter declares (a common slip in published specs)
        // is still a required argument, as text.
        for name in template_params(path) {
            if out.iter().any(|p| p.location == ParamLocation::Path && p.wire == name) {
                continue;
            }
            self.types.diags.warn(
                ptr,
                format!("path parameter `{name}` is used in `{path}` but not declared; the method takes it as a required `&str`"),
            );
            let base = snake(&name);
            let base = if TAKEN.contains(&base.as_str()) { format!("{base}_param") } else { base };
            out.push(Param {
                ident: names.claim(&base, &name),
                wire: name,
                location: ParamLocation::Path,
                required: true,
                doc: None,
                style: QueryStyle::Form { explode: false },
                ty: Ty::String,
                example: None,
            });
        }
        out
    }

    /// Parameters are text on the wire. Scalars and lists of scalars (outside the path) keep their
    /// types; so does whatever the query can carry (objects, unions, maps, lists of them: the
    /// runtime writes them per `style`); elsewhere free-form values and unions of scalars are
    /// taken as text; anything else falls back to `serde_json::Value`, sent as JSON text, with a
    /// warning.
    fn param_ty(&mut self, ty: Ty, location: ParamLocation, at: &str, name: &str) -> Ty {
        let resolved = self.types.resolve_alias(&ty).clone();
        if location == ParamLocation::Query && self.queryable(&resolved, 0) {
            return ty;
        }
        if location == ParamLocation::Header && self.flat_object(&resolved) {
            return ty;
        }
        let shaped = match self.scalar(&ty) {
            Some(Scalar::Typed) => Some(ty),
            Some(Scalar::Text) => Some(Ty::String),
            None => match &resolved {
                Ty::Vec(inner) if location != ParamLocation::Path => match self.scalar(inner) {
                    Some(Scalar::Typed) => Some(ty),
                    Some(Scalar::Text) => Some(Ty::Vec(Box::new(Ty::String))),
                    None => None,
                },
                Ty::Map(inner) if location == ParamLocation::Query => match self.scalar(inner) {
                    Some(Scalar::Typed) => Some(ty),
                    Some(Scalar::Text) => Some(Ty::Map(Box::new(Ty::String))),
                    None => None,
                },
                _ => None,
            },
        };
        shaped.unwrap_or_else(|| {
            self.types.diags.warn(
                at,
                format!(
                    "parameter `{name}` is not a scalar or a list of scalars; the method takes a `serde_json::Value`, \
                     sent as JSON text (a string as it is)"
                ),
            );
            Ty::Json
        })
    }

    /// Whether a query parameter of this type keeps it: typed values, and objects, unions, maps
    /// and lists of them, which the runtime serializes per `style`. Free-form values (taken as
    /// text) and bytes do not, nor do lists nested past any sense (an alias of a list of itself).
    fn queryable(&self, ty: &Ty, depth: usize) -> bool {
        match self.types.resolve_alias(ty) {
            Ty::String | Ty::Bool | Ty::I32 | Ty::I64 | Ty::F64 | Ty::DateTime | Ty::Date => true,
            Ty::Vec(inner) | Ty::Map(inner) => depth < 8 && self.queryable(inner, depth + 1),
            Ty::Named(id) => self.types.types.get(*id).is_some_and(|t| !matches!(t.kind, TypeKind::Alias(_))),
            Ty::Json | Ty::Bytes | Ty::Unit | Ty::Option(_) => false,
        }
    }

    /// Whether a header of this type keeps it: an object whose properties are all typed scalars
    /// (no `additionalProperties`), or a map of typed scalars, which the runtime writes in the
    /// `simple` style (`k,v,k,v`). Anything deeper has no defined text in a header.
    fn flat_object(&self, ty: &Ty) -> bool {
        let typed = |t: &Ty| matches!(self.scalar(t), Some(Scalar::Typed));
        match ty {
            Ty::Map(inner) => typed(inner),
            Ty::Named(id) => match self.types.types.get(*id).map(|t| &t.kind) {
                Some(TypeKind::Struct(s)) => s.extra.is_none() && !s.fields.is_empty() && s.fields.iter().all(|f| typed(&f.ty)),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether a parameter value is a scalar with a type of its own, or just text.
    fn scalar(&self, ty: &Ty) -> Option<Scalar> {
        match self.types.resolve_alias(ty) {
            Ty::String | Ty::Bool | Ty::I32 | Ty::I64 | Ty::F64 | Ty::DateTime | Ty::Date => Some(Scalar::Typed),
            Ty::Json => Some(Scalar::Text),
            Ty::Named(id) => match &self.types.types.get(*id)?.kind {
                TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => Some(Scalar::Typed),
                // A union of scalars keeps its type (the models crate gives it `Display`, which
                // writes the scalar it holds); with a free-form branch it is text.
                TypeKind::Untagged(vs) => {
                    let scalar = |t: &Ty| {
                        matches!(t, Ty::String | Ty::Bool | Ty::I32 | Ty::I64 | Ty::F64 | Ty::DateTime | Ty::Date)
                            || matches!(t, Ty::Named(i) if matches!(self.types.types.get(*i).map(|t| &t.kind), Some(TypeKind::StringEnum(_) | TypeKind::IntEnum(_))))
                    };
                    let tys: Vec<&Ty> = vs.iter().map(|v| self.types.resolve_alias(&v.ty)).collect();
                    match tys.iter().all(|t| scalar(t) || **t == Ty::Json) {
                        true if tys.iter().all(|t| scalar(t)) => Some(Scalar::Typed),
                        true => Some(Scalar::Text),
                        false => None,
                    }
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn body(&mut self, b: &ReferenceOr<RequestBody>, at: &str, prefix: &str, names: &mut Namespace) -> Option<Body> {
        let rb = match crate::pointer::resolve(self.types.doc, b) {
            Ok(rb) => rb,
            Err(e) => {
                self.types.diags.recover(at, format!("request body reference {e}"), "the body is raw bytes", Some("point the `$ref` at a component of this kind that is not itself a reference back".to_string()));
                return Some(Body { kind: BodyKind::Bytes, ty: Ty::Bytes, required: true, content_type: "application/octet-stream".into(), doc: None });
            }
        };
        names.reserve("body");
        let pick = |pred: &dyn Fn(&str) -> bool| rb.content.iter().find(|(ct, _)| pred(&ct.to_ascii_lowercase()));
        let hint = format!("{prefix}Body");
        let (encoding, ct, media) = if let Some((ct, m)) = pick(&is_json) {
            (Encoding::Json, ct, m)
        } else if let Some((ct, m)) = pick(&|c| c.starts_with("application/x-www-form-urlencoded")) {
            (Encoding::Form, ct, m)
        } else if let Some((ct, m)) = pick(&|c| c.starts_with("multipart/")) {
            (Encoding::Multipart, ct, m)
        } else if let Some((ct, m)) = rb.content.iter().next() {
            (Encoding::Bytes, ct, m)
        } else {
            return None;
        };
        let media_ptr = format!("{at}/content/{}", escape_segment(ct));
        let schema_ptr = format!("{media_ptr}/schema");
        let (kind, ty) = match (encoding, &media.schema) {
            (Encoding::Json, Some(s)) => {
                let ty = self.types.ty_of(s, &hint, &schema_ptr);
                (BodyKind::Json { idempotency_token: super::idempotency::token(self.types, s, &schema_ptr) }, ty)
            }
            (Encoding::Json, None) => (BodyKind::Json { idempotency_token: None }, Ty::Json),
            (Encoding::Form, schema) => {
                let ty = match schema {
                    Some(s) => self.types.ty_of(s, &hint, &schema_ptr),
                    None => Ty::Map(Box::new(Ty::String)),
                };
                (BodyKind::Form { encoding: super::form::encoding(self.types, media, &media_ptr, &ty) }, ty)
            }
            (Encoding::Multipart, Some(_)) => match super::multipart::lower(self.types, &mut self.client_names, media, &media_ptr, prefix) {
                Some((ty, typed)) => (BodyKind::Multipart(typed), ty),
                None => (BodyKind::RawMultipart, Ty::Bytes),
            },
            (Encoding::Multipart, None) => (BodyKind::RawMultipart, Ty::Bytes),
            (Encoding::Bytes, _) => (BodyKind::Bytes, Ty::Bytes),
        };
        let doc = rb.description.clone();
        Some(Body { kind, ty, required: rb.required, content_type: ct.clone(), doc })
    }

    fn resolve_response<'r>(&mut self, r: &'r ReferenceOr<OaResponse>, at: &str) -> Option<&'r OaResponse>
    where
        'a: 'r,
    {
        match crate::pointer::resolve(self.types.doc, r) {
            Ok(r) => Some(r),
            Err(e) => {
                self.types.diags.recover(at, format!("response reference {e}"), "its body is read as `serde_json::Value`", Some("point the `$ref` at a component of this kind that is not itself a reference back".to_string()));
                None
            }
        }
    }

    /// The response `r` is or refers to, without a warning when it cannot be followed.
    pub(super) fn lookup_response<'r>(&self, r: &'r ReferenceOr<OaResponse>) -> Option<&'r OaResponse>
    where
        'a: 'r,
    {
        crate::pointer::resolve(self.types.doc, r).ok()
    }

    /// The success response, and the first body's type before any envelope is unwrapped with
    /// whether it declares a `Link` header (what pagination reads).
    fn success(&mut self, op: &openapiv3::Operation, ptr: &str, prefix: &str, op_id: &str) -> (Response, Option<(Ty, bool)>) {
        let mut candidates: Vec<(&StatusCode, &ReferenceOr<OaResponse>)> =
            op.responses.responses.iter().filter(|(code, _)| is_outcome(code)).collect();
        candidates.sort_by_key(|(code, _)| success_order(code));
        let mut bodies: Vec<StatusBody> = Vec::new();
        let mut raw_body = None;
        for (i, (code, r)) in candidates.iter().enumerate() {
            let at = format!("{ptr}/responses/{}", code_key(code));
            // The first body keeps the plain name, so a second status does not rename it.
            let hint = if i == 0 { format!("{prefix}Response") } else { format!("{prefix}Response{}", code_key(code)) };
            let (ty, decode, doc) = match self.resolve_response(r, &at) {
                Some(resp) => {
                    let (ty, decode, raw) = self.success_body(resp, &at, &hint);
                    // What pagination reads: a 2xx body (a 3xx one is a `Redirection`).
                    if i == 0 && is_success(code) {
                        raw_body = raw.map(|raw| (raw, resp.headers.keys().any(|h| h.eq_ignore_ascii_case("link"))));
                    }
                    (ty, decode, Some(resp.description.clone()).filter(|d| !d.trim().is_empty()))
                }
                None => (Ty::Json, Decode::Json, None),
            };
            let status = StatusMatch::of(code);
            bodies.push(StatusBody { ident: status_variant(status), status, ty, decode, doc });
        }
        let redirections: Vec<StatusMatch> = bodies.iter().map(|b| b.status).filter(|s| s.is_redirection()).collect();
        let Some(first) = bodies.first() else {
            return (Response { ty: Ty::Json, decode: Decode::Json, shape: ResponseShape::Body, redirections }, None);
        };
        let (ty, decode, redirection) = (first.ty.clone(), first.decode, first.status.is_redirection());
        // Statuses that all decode into the same type need no enum, unless some are 3xx and
        // others not: a 3xx is returned with its `Location`, as a `Redirection`.
        let same = |b: &StatusBody| b.decode == decode && self.types.resolve_alias(&b.ty) == self.types.resolve_alias(&ty);
        if bodies.iter().all(|b| same(b) && b.status.is_redirection() == redirection) {
            let shape = if redirection { ResponseShape::Redirection } else { ResponseShape::Body };
            return (Response { ty, decode, shape, redirections }, raw_body);
        }
        let name = self.client_names.claim(&format!("{prefix}Response"), op_id);
        (Response { ty, decode, shape: ResponseShape::ByStatus(ByStatus { name, variants: bodies }), redirections }, raw_body)
    }

    /// The type and decoder of one success response's body, and a JSON body's type before any
    /// envelope is unwrapped.
    fn success_body(&mut self, resp: &OaResponse, at: &str, hint: &str) -> (Ty, Decode, Option<Ty>) {
        let Some((ct, media)) = pick_media(&resp.content) else {
            return (Ty::Unit, Decode::Empty, None);
        };
        let media_ptr = format!("{at}/content/{}", escape_segment(ct));
        let lower = ct.to_ascii_lowercase();
        if is_json(&lower) {
            // A nullable body (`null` is a valid answer) is an `Option`; pages and envelopes are
            // found in the type it holds.
            let ty = match &media.schema {
                Some(s) => self.types.value_ty(s, hint, &format!("{media_ptr}/schema")),
                None => Ty::Json,
            };
            let raw = match &ty {
                Ty::Option(inner) => (**inner).clone(),
                ty => ty.clone(),
            };
            if let Some(env) = &self.envelope {
                if let Some(inner) = self.envelope_result(&raw, &env.result) {
                    return (inner, Decode::Envelope, Some(raw));
                }
            }
            (ty, Decode::Json, Some(raw))
        } else if lower.starts_with("text/") {
            (Ty::String, Decode::Text, None)
        } else {
            (Ty::Bytes, Decode::Bytes, None)
        }
    }

    fn envelope_result(&self, ty: &Ty, result: &str) -> Option<Ty> {
        let Ty::Named(id) = self.types.resolve_alias(ty) else { return None };
        match &self.types.types[*id].kind {
            TypeKind::Struct(s) => s.fields.iter().find(|f| f.wire == result).map(|f| f.ty.clone()),
            _ => None,
        }
    }

    fn errors(&mut self, op: &openapiv3::Operation, ptr: &str, prefix: &str) -> Errors {
        // (status pattern, none for `default`; body type)
        type Found = (Option<StatusMatch>, Ty);
        let mut found: Vec<Found> = Vec::new();
        let mut entries: Vec<(Option<&StatusCode>, &ReferenceOr<OaResponse>)> =
            op.responses.responses.iter().filter(|(c, _)| !is_outcome(c)).map(|(c, r)| (Some(c), r)).collect();
        if let Some(d) = &op.responses.default {
            entries.push((None, d));
        }
        for (code, r) in entries {
            let key = code.map(code_key).unwrap_or_else(|| "default".into());
            let status = code.map(StatusMatch::of);
            let at = format!("{ptr}/responses/{key}");
            let Some(resp) = self.resolve_response(r, &at) else { continue };
            let Some((ct, media)) = pick_media(&resp.content) else { continue };
            if !is_json(&ct.to_ascii_lowercase()) {
                continue;
            }
            let Some(schema) = &media.schema else { continue };
            let hint = error_body_name(prefix, status);
            let ty = self.types.ty_of(schema, &hint, &format!("{at}/content/{}/schema", escape_segment(ct)));
            found.push((status, ty));
        }
        if found.is_empty() {
            return Errors::Untyped;
        }
        let first = found[0].1.clone();
        let all_same = found.iter().all(|(_, t)| *t == first);
        if all_same && self.error_code == ErrorCodeStyle::Status {
            return if self.displayable(&first) { Errors::Single(first) } else { Errors::Untyped };
        }
        let mut variant_names = Namespace::new();
        variant_names.reserve("Unknown");
        let mut variants: Vec<ErrorVariant> = Vec::new();
        for (status, ty) in found {
            if let Some(v) = variants.iter_mut().find(|v| v.ty == ty) {
                // A `default` sharing an earlier body keeps its meaning: every other status.
                v.statuses.extend(status);
                v.default |= status.is_none();
                continue;
            }
            let ErrorMeta { base, code, retryable, header_fields } = self.error_meta(&ty, status);
            if !self.displayable(&ty) {
                continue;
            }
            variants.push(ErrorVariant {
                ident: variant_names.claim(&base, &base),
                ty,
                code,
                statuses: status.into_iter().collect(),
                default: status.is_none(),
                retryable,
                header_fields,
            });
        }
        if variants.is_empty() {
            return Errors::Untyped;
        }
        let name = self.client_names.claim(&format!("{prefix}Error"), prefix);
        Errors::Enum(ErrorEnum { name, variants })
    }

    /// Error bodies must be structs so a one-line summary can be written for them.
    fn displayable(&mut self, ty: &Ty) -> bool {
        let Ty::Named(id) = self.types.resolve_alias(ty) else { return false };
        let id = *id;
        let display = match &self.types.types[id].kind {
            TypeKind::Struct(s) => super::error_display::infer(s, &self.types.types),
            _ => return false,
        };
        if let TypeKind::Struct(s) = &mut self.types.types[id].kind {
            if s.display.is_none() {
                s.display = Some(display.unwrap_or(ErrorDisplay::Json));
            }
        }
        true
    }

    /// What an error body's type says about its variant. A component keeps its name
    /// (`ValidationFailure`); an anonymous body is named after its status (`Conflict`).
    fn error_meta(&self, ty: &Ty, status: Option<StatusMatch>) -> ErrorMeta {
        let Ty::Named(id) = ty else {
            return ErrorMeta { base: status_name(status), code: None, retryable: false, header_fields: Vec::new() };
        };
        let def = &self.types.types[*id];
        let component = crate::pointer::component_name(&def.origin, "schemas");
        let schema_ext = component.as_deref().and_then(|c| match self.types.doc.components.as_ref()?.schemas.get(c)? {
            ReferenceOr::Item(s) => Some(&s.schema_data.extensions),
            _ => None,
        });
        let schema_ext = schema_ext.map(SchemaExt::of).unwrap_or_default();
        let code = schema_ext.error_code.or_else(|| component.clone());
        let retryable = schema_ext.retryable;
        let header_fields = match &def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .filter_map(|f| f.from_header.as_ref().map(|h| (f.ident.clone(), h.clone(), f.ty.clone())))
                .collect(),
            _ => Vec::new(),
        };
        let base = match (self.error_code, &component) {
            (ErrorCodeStyle::Aws, _) => def.name.clone(),
            (_, Some(_)) => type_name(&def.name),
            (_, None) => status_name(status),
        };
        let code = if self.error_code == ErrorCodeStyle::Aws { code } else { None };
        ErrorMeta { base, code, retryable, header_fields }
    }
}

/// How a parameter value is written.
enum Scalar {
    /// Keeps its type (numbers, enums, dates).
    Typed,
    /// Taken as a string.
    Text,
}

/// What an error body's schema says about its variant.
struct ErrorMeta {
    base: String,
    code: Option<String>,
    retryable: bool,
    header_fields: Vec<(String, String, Ty)>,
}

/// Success statuses in order: codes, each range after its codes.
pub(super) fn success_order(code: &StatusCode) -> u16 {
    match code {
        StatusCode::Code(c) => *c,
        StatusCode::Range(r) => r * 100 + 99,
    }
}

pub(super) fn is_success(code: &StatusCode) -> bool {
    match code {
        StatusCode::Code(c) => (200..300).contains(c),
        StatusCode::Range(r) => *r == 2,
    }
}

/// A 2xx or a documented 3xx: the call's result, not an error.
pub(super) fn is_outcome(code: &StatusCode) -> bool {
    match code {
        StatusCode::Code(c) => (200..400).contains(c),
        StatusCode::Range(r) => *r == 2 || *r == 3,
    }
}

/// `Ok`, `Created`, `Accepted`, `NoContent`, `Found`, `NotModified`...; other codes are
/// `Status<code>`, ranges `Status2xx`.
fn status_variant(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(200) => "Ok".into(),
        StatusMatch::Code(201) => "Created".into(),
        StatusMatch::Code(202) => "Accepted".into(),
        StatusMatch::Code(203) => "NonAuthoritative".into(),
        StatusMatch::Code(204) => "NoContent".into(),
        StatusMatch::Code(205) => "ResetContent".into(),
        StatusMatch::Code(206) => "PartialContent".into(),
        StatusMatch::Code(300) => "MultipleChoices".into(),
        StatusMatch::Code(301) => "MovedPermanently".into(),
        StatusMatch::Code(302) => "Found".into(),
        StatusMatch::Code(303) => "SeeOther".into(),
        StatusMatch::Code(304) => "NotModified".into(),
        StatusMatch::Code(307) => "TemporaryRedirect".into(),
        StatusMatch::Code(308) => "PermanentRedirect".into(),
        StatusMatch::Code(c) => format!("Status{c}"),
        StatusMatch::Range(r) => format!("Status{r}xx"),
    }
}

pub(super) fn code_key(code: &StatusCode) -> String {
    match code {
        StatusCode::Code(c) => c.to_string(),
        StatusCode::Range(r) => format!("{r}XX"),
    }
}

/// What the client reads as JSON (lower-case `ct`): a JSON media type ([`names_json`]) or a range
/// that admits one (`*/*`, `application/*`).
pub fn is_json(ct: &str) -> bool {
    let essence = ct.split(';').next().unwrap_or("").trim();
    names_json(ct) || essence == "*/*" || essence == "application/*"
}

/// A JSON media type (lower-case `ct`): `application/json`, `application/problem+json`,
/// `text/json` and the like, with or without parameters; not a range.
pub fn names_json(ct: &str) -> bool {
    let essence = ct.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json") || essence.ends_with("/json")
}

pub(super) fn pick_media(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content.iter().find(|(ct, _)| is_json(&ct.to_ascii_lowercase())).or_else(|| content.iter().next())
}

/// The request body encoding a media type is picked for, before its schema is lowered.
#[derive(Clone, Copy)]
enum Encoding {
    Json,
    Form,
    Multipart,
    Bytes,
}
