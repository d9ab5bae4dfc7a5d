//! One operation: its method, its optional-input builder, and how its inputs are sent.

use super::docs::{doc_attrs, doc_paragraphs};
use super::gate;
use super::ty::{ident, ty};
use crate::format::parse;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// Required inputs, in argument order (params, then the body).
pub fn positional(op: &Operation) -> Vec<&Param> {
    op.params.iter().filter(|p| p.required).collect()
}

/// A placeholder argument for the crate-level example, when a literal can stand for it.
pub fn example_arg(api: &Api, p: &Param) -> Option<String> {
    Some(match base(api, &p.ty) {
        Ty::String => match &p.example {
            Some(serde_json::Value::String(s)) if !s.contains(['"', '\\', '\n']) => format!("\"{s}\""),
            _ => format!("\"{}\"", p.wire.replace(['"', '\\'], "")),
        },
        Ty::Bool => "true".into(),
        Ty::I32 | Ty::I64 => "1".into(),
        Ty::F64 => "1.0".into(),
        Ty::Vec(_) => "&[]".into(),
        Ty::Named(id) => match &api.types[id].kind {
            TypeKind::StringEnum(vs) if !vs.is_empty() => format!("models::{}::{}", api.types[id].name, vs[0].ident),
            TypeKind::IntEnum(vs) if !vs.is_empty() => format!("models::{}::{}", api.types[id].name, vs[0].ident),
            _ => return None,
        },
        _ => return None,
    })
}

/// Follows aliases to the type that decides how a value is written.
pub fn base(api: &Api, t: &Ty) -> Ty {
    match t {
        Ty::Named(id) => match &api.types[*id].kind {
            TypeKind::Alias(inner) => base(api, inner),
            _ => t.clone(),
        },
        other => other.clone(),
    }
}

fn models() -> TokenStream {
    quote!(models::)
}

/// The Rust type of an argument.
pub(crate) fn arg_ty(api: &Api, p: &Param) -> TokenStream {
    match base(api, &p.ty) {
        Ty::String => quote!(&str),
        Ty::Vec(inner) => {
            let inner = arg_elem_ty(api, &inner);
            quote!(&[#inner])
        }
        Ty::Map(inner) => {
            let inner = arg_elem_ty(api, &inner);
            quote!(&std::collections::BTreeMap<String, #inner>)
        }
        Ty::Named(id) if is_compound(api, id) => {
            let t = ty(api, &p.ty, &models());
            quote!(&#t)
        }
        other => ty(api, &other, &models()),
    }
}

/// Whether a named type is a struct or a union (an object parameter, passed by reference).
pub fn is_compound(api: &Api, id: TypeId) -> bool {
    matches!(api.types.get(id).map(|t| &t.kind), Some(TypeKind::Struct(_) | TypeKind::Untagged(_) | TypeKind::Tagged { .. }))
}

/// Whether a value of type `t` is one piece of text (a scalar or an enum of them).
fn is_scalar(api: &Api, t: &Ty) -> bool {
    match base(api, t) {
        Ty::String | Ty::Bool | Ty::I32 | Ty::I64 | Ty::F64 | Ty::DateTime | Ty::Date => true,
        Ty::Named(id) => matches!(api.types.get(id).map(|t| &t.kind), Some(TypeKind::StringEnum(_) | TypeKind::IntEnum(_))),
        _ => false,
    }
}

/// Whether `t` is a struct or a map.
fn is_object(api: &Api, t: &Ty) -> bool {
    match base(api, t) {
        Ty::Map(_) => true,
        Ty::Named(id) => matches!(api.types.get(id).map(|t| &t.kind), Some(TypeKind::Struct(_))),
        _ => false,
    }
}

fn arg_elem_ty(api: &Api, t: &Ty) -> TokenStream {
    ty(api, &base(api, t), &models())
}

/// An expression turning a scalar value (of type `t`, bound as `v`) into text.
fn text(api: &Api, t: &Ty, v: TokenStream) -> TokenStream {
    match base(api, t) {
        Ty::String => v,
        Ty::DateTime => quote!(#v.to_rfc3339()),
        _ => quote!(#v.to_string()),
    }
}

/// A scalar value (of type `t`, bound as `v`) as passed to `Call::query` or `Call::header`,
/// which take anything `ToString`: only dates need converting.
fn arg_value(api: &Api, t: &Ty, v: TokenStream) -> TokenStream {
    match base(api, t) {
        Ty::DateTime => quote!(#v.to_rfc3339()),
        _ => v,
    }
}

/// An expression joining the elements of the slice `value` with `sep` into one `String`.
fn joined(api: &Api, t: &Ty, value: &proc_macro2::Ident, sep: &str) -> TokenStream {
    match base(api, t) {
        Ty::String => quote!(#value.join(#sep)),
        Ty::DateTime => quote!(#value.iter().map(|item| item.to_rfc3339()).collect::<Vec<_>>().join(#sep)),
        _ => quote!(#value.iter().map(|item| item.to_string()).collect::<Vec<_>>().join(#sep)),
    }
}

/// How one input is added to a `Call`: a method call chained onto it (`.query("page", page)`).
struct Step(TokenStream);

/// The tokens that take `call` (an expression) through `steps`: one chained expression.
fn through(call: TokenStream, steps: &[Step]) -> TokenStream {
    let chains = steps.iter().map(|s| &s.0);
    quote!(#call #(#chains)*)
}

/// The body of a request builder's setter: `Self { call: self.call.query(..) }`.
fn setter_body(step: Option<Step>) -> TokenStream {
    match step {
        Some(Step(chain)) => quote!(Self { call: self.call #chain }),
        None => quote!(self),
    }
}

/// How one parameter's value (bound to its own name) is added to the call; `None` for path
/// parameters, which are part of the path.
fn apply(api: &Api, p: &Param) -> Option<Step> {
    let wire = &p.wire;
    let value = ident(&p.ident);
    let chain = match (p.location, base(api, &p.ty)) {
        (ParamLocation::Path, _) => return None,
        (ParamLocation::Query, Ty::Vec(inner)) if is_scalar(api, &inner) => {
            let item = text(api, &inner, quote!(item));
            let sep = match p.style {
                QueryStyle::Form { explode: true } | QueryStyle::DeepObject => None,
                QueryStyle::Form { explode: false } => Some(","),
                QueryStyle::SpaceDelimited => Some(" "),
                QueryStyle::PipeDelimited => Some("|"),
            };
            match sep {
                None if matches!(base(api, &inner), Ty::DateTime) => {
                    quote!(.query_each(#wire, #value.iter().map(|item| #item)))
                }
                None => quote!(.query_each(#wire, #value)),
                Some(sep) => {
                    let joined = joined(api, &inner, &value, sep);
                    quote!(.query(#wire, #joined))
                }
            }
        }
        // Objects, unions, maps and lists of them: the runtime writes them per `style`.
        (ParamLocation::Query, t) if !is_scalar(api, &t) && t != Ty::Json => {
            let style = runtime_style(p.style);
            quote!(.query_styled(#wire, #value, api_runtime::codegen::QueryStyle::#style))
        }
        (ParamLocation::Query, t) => {
            let v = arg_value(api, &t, quote!(#value));
            quote!(.query(#wire, #v))
        }
        (ParamLocation::Header, Ty::Vec(inner)) => {
            let joined = joined(api, &inner, &value, ",");
            quote!(.header(#wire, #joined))
        }
        // An object or a map (the lowering keeps only flat ones): `simple` style.
        (ParamLocation::Header, t) if is_object(api, &t) => {
            let explode = matches!(p.style, QueryStyle::Form { explode: true });
            quote!(.header_styled(#wire, #value, #explode))
        }
        (ParamLocation::Header, t) if p.wire.eq_ignore_ascii_case("idempotency-key") => {
            // Setting the key makes a POST or PATCH safe to retry.
            let v = arg_value(api, &t, quote!(#value));
            quote!(.idempotency_key(#wire, #v))
        }
        (ParamLocation::Header, t) => {
            let v = arg_value(api, &t, quote!(#value));
            quote!(.header(#wire, #v))
        }
        // Each item encoded, the separating commas kept.
        (ParamLocation::Cookie, Ty::Vec(inner)) => match base(api, &inner) {
            Ty::DateTime => quote!(.cookie_list(#wire, #value.iter().map(|item| item.to_rfc3339()))),
            _ => quote!(.cookie_list(#wire, #value)),
        },
        (ParamLocation::Cookie, t) => {
            let v = arg_value(api, &t, quote!(#value));
            quote!(.cookie(#wire, #v))
        }
    };
    Some(Step(chain))
}

fn body_arg_ty(api: &Api, b: &Body) -> TokenStream {
    match &b.kind {
        BodyKind::Json { .. } | BodyKind::Form { .. } => {
            let t = ty(api, &b.ty, &models());
            quote!(&#t)
        }
        BodyKind::Multipart(m) => {
            let name = ident(m.name());
            quote!(#name)
        }
        BodyKind::RawMultipart => quote!(api_runtime::reqwest::multipart::Form),
        BodyKind::Bytes => quote!(impl Into<api_runtime::Bytes>),
    }
}

fn apply_body(b: &Body) -> Step {
    let ct = &b.content_type;
    Step(match &b.kind {
        BodyKind::Json { idempotency_token: Some(token) } => quote!(.json_body_with_token(body, #token)),
        BodyKind::Json { idempotency_token: None } => quote!(.json_body(body)),
        BodyKind::Form { encoding } if !encoding.is_empty() => {
            let entries = encoding.iter().map(|(name, encoding)| {
                let field = form_field(*encoding);
                quote!((#name, api_runtime::codegen::FormField::#field))
            });
            quote!(.form_body_encoded(body, &[#(#entries),*]))
        }
        BodyKind::Form { .. } => quote!(.form_body(body)),
        BodyKind::Multipart(_) => quote!(.multipart(body)),
        BodyKind::RawMultipart => quote!(.multipart_body(body)),
        BodyKind::Bytes => quote!(.bytes_body(#ct, body)),
    })
}

/// The `api_runtime::codegen::FormField` variant of a form property's encoding.
fn form_field(encoding: FormEncoding) -> TokenStream {
    match encoding {
        FormEncoding::Json => quote!(Json),
        FormEncoding::Styled(style) => {
            let style = runtime_style(style);
            quote!(Styled(api_runtime::codegen::QueryStyle::#style))
        }
    }
}

/// The `api_runtime::codegen::QueryStyle` variant of a style.
fn runtime_style(style: QueryStyle) -> TokenStream {
    match style {
        QueryStyle::Form { explode: true } => quote!(Form),
        QueryStyle::Form { explode: false } => quote!(FormFlat),
        QueryStyle::SpaceDelimited => quote!(SpaceDelimited),
        QueryStyle::PipeDelimited => quote!(PipeDelimited),
        QueryStyle::DeepObject => quote!(DeepObject),
    }
}

/// The `Call<T, E>` type of an operation.
pub fn call_ty(api: &Api, op: &Operation) -> TokenStream {
    let out = output_ty(api, op);
    let (err, _) = super::errors::spec(api, op);
    quote!(api_runtime::Call<#out, #err>)
}

/// The error details type used by most operations (the default of `Error<E>`).
pub fn default_error(api: &Api) -> TokenStream {
    let mut counts: BTreeMap<String, (usize, TokenStream)> = BTreeMap::new();
    for op in api.operations.iter().filter(|op| always_compiled_errors(api, op)) {
        let (err, _) = super::errors::spec(api, op);
        let entry = counts.entry(err.to_string()).or_insert((0, err));
        entry.0 += 1;
    }
    counts.into_values().max_by_key(|(n, _)| *n).map(|(_, t)| t).unwrap_or(quote!(serde_json::Value))
}

/// Whether the error details type of `op` compiles whatever the features (it may be the default
/// of `Error<E>`): always true without features.
fn always_compiled_errors(api: &Api, op: &Operation) -> bool {
    fn named_always(api: &Api, t: &Ty) -> bool {
        match t {
            Ty::Named(id) => api.types[*id].gate == Gate::Always,
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => named_always(api, inner),
            _ => true,
        }
    }
    match &op.errors {
        Errors::Untyped => true,
        Errors::Single(t) => named_always(api, t),
        Errors::Enum(_) => op.gate == Gate::Always,
    }
}

/// The method on the client or group struct.
pub fn method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let required = positional(op);
    let mut args: Vec<TokenStream> = required
        .iter()
        .map(|p| {
            let pi = ident(&p.ident);
            let pt = arg_ty(api, p);
            quote!(#pi: #pt)
        })
        .collect();
    let required_body = op.body.as_ref().filter(|b| b.required);
    if let Some(b) = required_body {
        let bt = body_arg_ty(api, b);
        args.push(quote!(body: #bt));
    }

    let call_name = &op.call_path;
    let id = &op.id;
    let method = ident(op.http_method.key());
    let path_template = &op.path;
    let path_expr = path_expr(api, op);
    let decoder = decoder(api, op);
    let (_, spec) = super::errors::spec(api, op);
    let applies = required.iter().map(|p| apply(api, p));
    let body_apply = required_body.map(apply_body);
    let call_ty = call_ty(api, op);

    let mut doc_parts: Vec<String> = Vec::new();
    if let Some(d) = &op.doc {
        doc_parts.push(d.clone());
    }
    doc_parts.push(format!("`{} {}` (operation `{}`).", op.http_method, op.path, op.id));
    if op.upgrade {
        doc_parts.push(
            "**Protocol upgrade.** The server answers `101 Switching Protocols` (a WebSocket): this \
             client speaks HTTP only, so it sends the request but cannot complete the upgrade, and the \
             call returns the 101 as an error. Use a WebSocket client for this endpoint."
                .to_string(),
        );
    }
    if op.response.decode == Decode::EventStream {
        doc_parts.push(
            "Streams server-sent events: `.await` gives an [`api_runtime::EventStream`] once the response \
             head has arrived; the per-request timeout covers only that."
                .to_string(),
        );
    }
    // Arguments the spec says nothing about are left out: the signature already names them.
    let arg_docs: Vec<String> = required
        .iter()
        .filter_map(|p| {
            let first = p.doc.as_deref()?.lines().map(str::trim).find(|l| !l.is_empty())?;
            Some(format!("- `{}`: {first}", p.ident))
        })
        .collect();
    if !arg_docs.is_empty() {
        doc_parts.push(format!("# Arguments\n\n{}", arg_docs.join("\n")));
    }
    let doc_refs: Vec<Option<&str>> = doc_parts.iter().map(|s| Some(s.as_str())).collect();
    let doc = doc_paragraphs(&doc_refs);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated(note = "deprecated in the API spec")]));

    let steps: Vec<Step> = redirections(op).into_iter().chain(applies.flatten()).chain(body_apply).collect();
    let start = match op.response.decode {
        Decode::EventStream => quote!(self.core.stream(&OPERATION, #path_expr, #decoder, #spec)),
        _ => quote!(self.core.call(&OPERATION, #path_expr, #decoder, #spec)),
    };
    let make = through(start, &steps);
    let (ret, body) = match &op.builder_name {
        Some(b) => {
            let b = ident(b);
            (quote!(#b), quote!(#b { call: #make }))
        }
        None => (call_ty, make),
    };
    let cfg = gate::cfg(api, &op.gate);
    let operation = match &op.security {
        None => quote!(api_runtime::codegen::Operation::#method(#call_name, #id, #path_template)),
        Some(req) => {
            let secured = quote::format_ident!("{}_secured", method.to_string());
            let req = super::security::requirement_name(api, req);
            quote!(api_runtime::codegen::Operation::#secured(#call_name, #id, #path_template, #req))
        }
    };
    quote! {
        #doc
        #deprecated
        #cfg
        pub fn #name(&self, #(#args),*) -> #ret {
            static OPERATION: api_runtime::codegen::Operation = #operation;
            #body
        }
    }
}

/// `.redirections(&[302..=302])`: the documented 3xx statuses, which the call returns instead
/// of following.
fn redirections(op: &Operation) -> Option<Step> {
    if op.response.redirections.is_empty() {
        return None;
    }
    let ranges = op.response.redirections.iter().map(|status| {
        let (low, high) = status.bounds();
        let (low, high) = (proc_macro2::Literal::u16_unsuffixed(low), proc_macro2::Literal::u16_unsuffixed(high));
        quote!(#low..=#high)
    });
    Some(Step(quote!(.redirections(&[#(#ranges),*]))))
}

fn path_expr(api: &Api, op: &Operation) -> TokenStream {
    let mut fmt = String::new();
    let mut values = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        fmt.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        let name = &rest[start + 1..start + len];
        match op.params.iter().find(|p| p.location == ParamLocation::Path && p.wire == name) {
            Some(p) => {
                fmt.push_str("{}");
                let v = text(api, &p.ty, {
                    let pi = ident(&p.ident);
                    quote!(#pi)
                });
                let v = match base(api, &p.ty) {
                    Ty::String => v,
                    _ => quote!(&#v),
                };
                values.push(quote!(api_runtime::codegen::encode_path(#v)));
            }
            None => fmt.push_str(&rest[start..start + len + 1].replace('{', "{{").replace('}', "}}")),
        }
        rest = &rest[start + len + 1..];
    }
    fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    if values.is_empty() {
        quote!(String::from(#fmt))
    } else {
        quote!(format!(#fmt, #(#values),*))
    }
}

/// What the call returns: the response type, `Bytes` for raw bodies, or the by-status enum.
fn output_ty(api: &Api, op: &Operation) -> TokenStream {
    match op.response.by_status() {
        Some(b) => {
            let name = ident(&b.name);
            quote!(#name)
        }
        None if op.response.decode == Decode::EventStream => {
            let item = ty(api, &op.response.ty, &models());
            let (err, _) = super::errors::spec(api, op);
            quote!(api_runtime::EventStream<#item, #err>)
        }
        None if op.response.is_redirection() => {
            let t = body_ty(api, &op.response.ty, op.response.decode);
            quote!(api_runtime::Redirection<#t>)
        }
        None => body_ty(api, &op.response.ty, op.response.decode),
    }
}

/// The decoder of an event's data: the data as it is for a string, else JSON.
fn event_decoder(api: &Api, item: &Ty) -> TokenStream {
    match base(api, item) {
        Ty::String => quote!(api_runtime::codegen::sse::text),
        _ => quote!(api_runtime::codegen::sse::json),
    }
}

fn body_ty(api: &Api, t: &Ty, decode: Decode) -> TokenStream {
    match decode {
        Decode::Bytes => quote!(api_runtime::Bytes),
        _ => ty(api, t, &models()),
    }
}

/// A function of the head and body (a path, or a closure that captures nothing).
/// The decoder function of a body; its type comes from the call's, so none is named.
fn decode_fn(decode: Decode) -> TokenStream {
    match decode {
        Decode::Json => quote!(api_runtime::codegen::decode::json),
        Decode::Envelope => quote!(envelope),
        Decode::Text => quote!(api_runtime::codegen::decode::text),
        Decode::Bytes => quote!(api_runtime::codegen::decode::bytes),
        Decode::Empty => quote!(api_runtime::codegen::decode::empty),
        // Never a status variant's: a streaming call has one success response.
        Decode::EventStream => quote!(api_runtime::codegen::decode::text),
    }
}

fn decoder(api: &Api, op: &Operation) -> TokenStream {
    let Some(b) = op.response.by_status() else {
        return match op.response.decode {
            Decode::EventStream => event_decoder(api, &op.response.ty),
            decode if op.response.is_redirection() => {
                let f = decode_fn(decode);
                quote!(|head, body| api_runtime::codegen::decode::redirection(head, body, #f))
            }
            decode => decode_fn(decode),
        };
    };
    let name = ident(&b.name);
    let arm = |v: &StatusBody| {
        let vi = ident(&v.ident);
        let f = decode_fn(v.decode);
        match v.decode {
            _ if v.status.is_redirection() => quote!(api_runtime::codegen::decode::redirection(head, body, #f).map(#name::#vi)),
            Decode::Empty => quote!(#f(head, body).map(|()| #name::#vi)),
            _ => quote!(#f(head, body).map(#name::#vi)),
        }
    };
    // Exact codes first, then ranges; the first variant takes any other 2xx. With ranges, the
    // first variant's own code needs an arm too, or a range would take it.
    let has_range = b.variants.iter().any(|v| matches!(v.status, StatusMatch::Range(_)));
    let mut arms = Vec::new();
    for v in b.variants.iter().skip(usize::from(!has_range)).filter(|v| matches!(v.status, StatusMatch::Code(_))) {
        let StatusMatch::Code(c) = v.status else { continue };
        let c = proc_macro2::Literal::u16_unsuffixed(c);
        let body = arm(v);
        arms.push(quote!(#c => #body));
    }
    for v in b.variants.iter().skip(1).filter(|v| matches!(v.status, StatusMatch::Range(_))) {
        let StatusMatch::Range(r) = v.status else { continue };
        let r = proc_macro2::Literal::u16_unsuffixed(r);
        let body = arm(v);
        arms.push(quote!(status if status / 100 == #r => #body));
    }
    let fallback = b.variants.first().map(arm);
    quote! {
        |head, body| match head.status.as_u16() {
            #(#arms,)*
            _ => #fallback,
        }
    }
}

/// The enum a call returns when its success statuses have different bodies.
pub fn status_enum(api: &Api, op: &Operation) -> Option<TokenStream> {
    let b = op.response.by_status()?;
    let name = ident(&b.name);
    let variants = b.variants.iter().map(|v| {
        let vi = ident(&v.ident);
        let status = match v.status {
            StatusMatch::Code(c) => c.to_string(),
            StatusMatch::Range(r) => format!("{r}XX"),
        };
        let doc = match v.doc.as_deref().map(str::trim) {
            Some(d) => format!("`{status}`: {d}"),
            None => format!("`{status}`"),
        };
        let doc = doc_attrs(Some(&doc));
        match v.decode {
            _ if v.status.is_redirection() => {
                let t = body_ty(api, &v.ty, v.decode);
                quote!(#doc #vi(api_runtime::Redirection<#t>))
            }
            Decode::Empty => quote!(#doc #vi),
            _ => {
                let t = body_ty(api, &v.ty, v.decode);
                quote!(#doc #vi(#t))
            }
        }
    });
    let doc = format!(" What `{}` returns: its success statuses have different bodies.", op.call_path);
    let cfg = gate::cfg(api, &op.gate);
    Some(quote! {
        #[doc = #doc]
        #cfg
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants,)*
        }
    })
}

/// `Some("...")` or `None`.
fn optional(text: &Option<String>) -> TokenStream {
    match text {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}

/// The builder's `PAGINATION` const (`api_runtime::codegen::Pagination`, data) and
/// `api_runtime::paginated!(Builder => Page, Item, Error)`, which reads it: `pages()` and `items()`.
fn paginated(api: &Api, name: &proc_macro2::Ident, out: &TokenStream, err: &TokenStream, p: &Pagination, cfg: &TokenStream) -> (TokenStream, TokenStream) {
    let item = ty(api, &p.item, &models());
    let items = &p.items;
    let style = match &p.style {
        PageStyle::Cursor { param, next } => quote!(Cursor { param: #param, next: #next, items: #items }),
        PageStyle::StartingAfter { param, has_more, id } => {
            quote!(StartingAfter { param: #param, has_more: #has_more, id: #id, items: #items })
        }
        PageStyle::Page { param, total_pages, total } => {
            let (total_pages, total) = (optional(total_pages), optional(total));
            quote!(Page { param: #param, total_pages: #total_pages, total: #total, items: #items })
        }
        PageStyle::Offset { param, total } => {
            let total = optional(total);
            quote!(Offset { param: #param, total: #total, items: #items })
        }
        PageStyle::Link => quote!(LinkHeader { items: #items }),
    };
    let data = quote! {
        const PAGINATION: api_runtime::codegen::Pagination = api_runtime::codegen::Pagination::#style;
    };
    let methods = quote! {
        #cfg
        api_runtime::paginated!(#name => #out, #item, #err);
    };
    (data, methods)
}

/// The request builder of an operation with optional inputs: the struct, its setters and
/// `call_options!`. Setter attributes are peeled off as values (see `attrs::peel`).
pub fn builder(api: &Api, op: &Operation) -> Option<Result<Vec<syn::Item>, String>> {
    let name = ident(op.builder_name.as_ref()?);
    let call_ty = call_ty(api, op);
    let out = output_ty(api, op);
    let (err, _) = super::errors::spec(api, op);
    let setters = op.params.iter().filter(|p| !p.required).map(|p| {
        let pi = ident(&p.ident);
        let pt = arg_ty(api, p);
        let body = setter_body(apply(api, p));
        let doc = doc_paragraphs(&[p.doc.as_deref(), Some(&format!("Sent as the `{}` {}.", p.wire, match p.location {
            ParamLocation::Query => "query parameter",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
            ParamLocation::Path => "path parameter",
        }))]);
        quote! {
            #doc
            pub fn #pi(self, #pi: #pt) -> Self {
                #body
            }
        }
    });
    let body_setter = op.body.as_ref().filter(|b| !b.required).map(|b| {
        let bt = body_arg_ty(api, b);
        let setter = setter_body(Some(apply_body(b)));
        let doc = doc_paragraphs(&[b.doc.as_deref(), Some(&format!("Sent as `{}`.", b.content_type))]);
        quote! {
            #doc
            pub fn body(self, body: #bt) -> Self {
                #setter
            }
        }
    });
    let doc = format!(
        " The request of `{}`, with setters for its optional inputs. `.await` sends it.",
        op.call_path
    );
    let cfg = gate::cfg(api, &op.gate);
    let (pagination, paginated) = op.pagination.as_ref().map(|p| paginated(api, &name, &out, &err, p, &cfg)).unzip();
    let build = || {
        let mut items: Vec<syn::Item> = parse::<syn::File>(quote! {
            #[doc = #doc]
            #cfg
            #[derive(Debug)]
            #[must_use = "a request does nothing until it is awaited"]
            pub struct #name {
                call: #call_ty,
            }

            #cfg
            impl #name {
                #pagination
            }

            #cfg
            api_runtime::call_options!(#name => #out, #err);

            #paginated
        })?
        .items;
        if let Some(syn::Item::Impl(block)) = items.get_mut(1) {
            for setter in setters.chain(body_setter) {
                block.items.push(syn::ImplItem::Fn(super::attrs::method(setter)?));
            }
        }
        Ok(items)
    };
    Some(build())
}

