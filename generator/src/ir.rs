//! The intermediate representation: what to generate, independent of OpenAPI's shape.
//!
//! Every name in here is already a valid, collision-free Rust identifier (see `names`).

/// Index of a type in [`Api::types`].
pub type TypeId = usize;

/// A whole API, ready to emit.
#[derive(Debug, Clone)]
pub struct Api {
    /// Crate prefix, e.g. `cloudflare-tokens`.
    pub name: String,
    /// Version of the generated crates.
    pub version: String,
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The spec path printed in the `@generated` header.
    pub spec_path: String,
    /// Client settings.
    pub client: ClientConfig,
    /// Named types, in emission order.
    pub types: Vec<TypeDef>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
    /// Resource groups (`client.accounts().tokens()`), in first-use order.
    pub groups: Vec<Group>,
    /// Cargo features, one per tag, in first-use order. Empty: the crates have no features and no
    /// `cfg`s (see `lower::features` for when they are made).
    pub features: Vec<Feature>,
    /// Webhooks (OpenAPI 3.1 `webhooks`, or `x-webhooks`): requests the API sends to its users,
    /// whose payload types the models crate holds. In spec order.
    pub webhooks: Vec<Webhook>,
}

impl Api {
    /// Whether a struct has a tri-state field, so the models crate uses `api_macros::Nullable`.
    pub fn has_tri_state(&self) -> bool {
        self.types.iter().any(|t| matches!(&t.kind, TypeKind::Struct(s) if s.fields.iter().any(Field::is_tri_state)))
    }
}

/// A request the API sends to a URL its user registers.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// The webhook's name in the spec (`endpoint.created`).
    pub name: String,
    /// HTTP method.
    pub method: HttpMethod,
    /// Summary or description.
    pub doc: Option<String>,
    /// The payload's type, when the request has a body.
    pub payload: Option<Ty>,
    /// The payload's media type.
    pub content_type: Option<String>,
}

/// A Cargo feature that enables the operations of one tag and the types they use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// Feature name (snake_case tag), unique, never `default` or `full`.
    pub name: String,
    /// The tag it comes from.
    pub tag: String,
}

/// When an item is compiled, in crates with features.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Gate {
    /// Always.
    #[default]
    Always,
    /// Only with the `full` feature: a type no operation uses.
    Full,
    /// When any of these features (indices into [`Api::features`], sorted) is on.
    Any(Vec<usize>),
}

/// How the client authenticates and where it connects.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Default server URL; may contain `{region}`.
    pub server_url: String,
    /// Env vars overriding the server URL, first set wins.
    pub base_url_env: Vec<String>,
    /// Security schemes and the default requirement.
    pub security: Security,
    /// Response header carrying the request id.
    pub request_id_header: Option<String>,
    /// Success bodies are wrapped in an envelope.
    pub envelope: Option<Envelope>,
    /// How error variants are selected.
    pub error_code: ErrorCodeStyle,
}

/// The API's security schemes and the requirement of operations without their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Security {
    /// Every scheme of `components.securitySchemes` the client can send, in spec order.
    pub schemes: Vec<Scheme>,
    /// What operations without a `security` of their own send: the document's `security`.
    pub default: Requirement,
    /// The distinct requirements of operations that have their own, in operation order (each
    /// emitted once, as `SECURITY_<index>`).
    pub own: Vec<Requirement>,
}

/// One security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    /// Its key in `components.securitySchemes`.
    pub key: String,
    /// How its credential is sent.
    pub kind: SchemeKind,
    /// Environment variables `from_env` reads, one per part of the credential
    /// (`api_runtime::codegen::SchemeKind::env_parts`).
    pub env: Vec<String>,
    /// The spec's description.
    pub description: Option<String>,
    /// The method of the client crate's `Credentials` trait that sets this scheme's value, for
    /// APIs with several keys (see `lower::security`).
    pub setter: Option<String>,
}

/// How a scheme's credential is sent (mirrors `api_runtime::codegen::SchemeKind`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `http` `bearer`.
    Bearer,
    /// `http` `basic`.
    Basic,
    /// Any other `http` scheme, as written in the spec.
    Http(String),
    /// `apiKey` in a header, query parameter or cookie.
    ApiKey {
        /// `header`, `query` or `cookie`.
        location: KeyLocation,
        /// The header, parameter or cookie name.
        name: String,
    },
    /// `oauth2`; the `clientCredentials` flow's token URL when it has one.
    OAuth2 {
        /// The client-credentials flow's `tokenUrl`.
        token_url: Option<String>,
    },
    /// `openIdConnect`.
    OpenIdConnect,
    /// `mutualTLS` (OpenAPI 3.1).
    MutualTls,
    /// AWS SigV4 (`x-rust-auth: aws-sigv4`).
    AwsSigV4 {
        /// The signing name.
        signing_name: String,
    },
}

/// Where an `apiKey` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// A header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// A security requirement: alternatives (the first whose credentials are all configured is
/// sent), each a set of schemes used together; an empty alternative makes credentials optional,
/// and no alternative at all means none are sent.
pub type Requirement = Vec<Vec<SchemeUse>>;

/// One scheme of an alternative, with the OAuth2 scopes it needs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchemeUse {
    /// Index into [`Security::schemes`].
    pub scheme: usize,
    /// Scopes, as listed in the requirement.
    pub scopes: Vec<String>,
}

/// The wire names of an envelope.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// Property holding the payload.
    pub result: String,
    /// Boolean property: `false` means failure.
    pub success: Option<String>,
}

/// How an error response picks its typed variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCodeStyle {
    /// By HTTP status.
    Status,
    /// AWS: `x-amzn-errortype`, body `code`, body `__type`.
    Aws,
}

/// A named Rust type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust type name.
    pub name: String,
    /// Doc comment.
    pub doc: Option<String>,
    /// What it is.
    pub kind: TypeKind,
    /// JSON pointer of the schema it came from.
    pub origin: String,
    /// When it is compiled.
    pub gate: Gate,
}

/// The shape of a named type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Struct),
    /// A string enum with an `Unknown(String)` fallback.
    StringEnum(Vec<Variant>),
    /// An integer enum (serialized as its number), with an `Unknown(i64)` fallback.
    IntEnum(Vec<IntVariant>),
    /// An untagged union: the first variant that deserializes wins.
    Untagged(Vec<UnionVariant>),
    /// A union tagged by a property (`discriminator`).
    Tagged {
        /// The tag property's wire name.
        tag: String,
        /// Variants with their tag values.
        variants: Vec<TaggedVariant>,
    },
    /// `pub type Name = Ty;`
    Alias(Ty),
}

/// Struct body.
#[derive(Debug, Clone, Default)]
pub struct Struct {
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// `additionalProperties` with a schema: captured in a flattened map.
    pub extra: Option<Ty>,
    /// The struct holds a sensitive field, so Debug is written by hand.
    pub has_sensitive: bool,
    /// Error details: how `Display` summarizes this type, when it is used as an error body.
    pub display: Option<ErrorDisplay>,
}

/// How an error body is summarized in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorDisplay {
    /// `{code, message}` items: `[code] message; ...`, from an array field (`errors: [...]`) or
    /// from one object field (`error: {...}`).
    CodeMessages {
        /// The field holding the items.
        field: FieldAccess,
        /// The field is a list of items, else one item.
        list: bool,
        /// The item's code field access, when it has one.
        code: Option<FieldAccess>,
        /// The item's message field access.
        message: FieldAccess,
    },
    /// RFC 7807 problem details: `title: detail`.
    Problem {
        /// `title` field access.
        title: Option<FieldAccess>,
        /// `detail` field access.
        detail: Option<FieldAccess>,
    },
    /// A single `message` field.
    Message(FieldAccess),
    /// No field says what went wrong: the body, written as JSON.
    Json,
}

/// A field to read when summarizing, with whether it is an `Option`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAccess {
    /// Rust field name.
    pub ident: String,
    /// The field's type is `Option<_>` or `Nullable<_>`.
    pub optional: bool,
    /// The field's type is `Nullable<_>` (see [`Field::is_tri_state`]).
    pub tri_state: bool,
}

/// One struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust name.
    pub ident: String,
    /// JSON name.
    pub wire: String,
    /// Type, without the `Option` or `Nullable` that `required`/`nullable` add.
    pub ty: Ty,
    /// Present in `required`.
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// Doc comment.
    pub doc: Option<String>,
    /// Redacted in Debug.
    pub sensitive: bool,
    /// Box it to break a cycle.
    pub boxed: bool,
    /// Filled from a response header (error bodies).
    pub from_header: Option<String>,
    /// Which way the property travels (`readOnly`, `writeOnly`).
    pub access: Access,
    /// The object's `oneOf`/`anyOf` beside its properties: a union of the branches, whose
    /// fields are the object's own (`#[serde(flatten)]`); `wire` is empty.
    pub flatten: bool,
    /// `default` value, as JSON.
    pub default: Option<serde_json::Value>,
}

impl Field {
    /// Whether the Rust type is wrapped in `Option` or, for a tri-state field, `Nullable`: a
    /// value may leave it out.
    pub fn is_option(&self) -> bool {
        !self.required || self.nullable
    }

    /// Optional and nullable: absent, `null` and a value are three states
    /// (`api_macros::Nullable<T>`). A field filled from a response header stays an `Option`: it
    /// is never sent.
    pub fn is_tri_state(&self) -> bool {
        !self.required && self.nullable && self.from_header.is_none()
    }
}

/// A string enum variant.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust name.
    pub ident: String,
    /// Wire value.
    pub value: String,
}

/// An integer enum variant.
#[derive(Debug, Clone)]
pub struct IntVariant {
    /// Rust name.
    pub ident: String,
    /// Wire value.
    pub value: i64,
}

/// A variant of an untagged union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust name.
    pub ident: String,
    /// Payload.
    pub ty: Ty,
    /// Doc comment.
    pub doc: Option<String>,
    /// Box it to break a cycle.
    pub boxed: bool,
}

/// A variant of a tagged union.
#[derive(Debug, Clone)]
pub struct TaggedVariant {
    /// Rust name.
    pub ident: String,
    /// Tag value on the wire.
    pub tag_value: String,
    /// Payload type (a struct).
    pub ty: Ty,
    /// Box it to break a cycle.
    pub boxed: bool,
}

/// A type reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    /// `String`.
    String,
    /// `chrono::DateTime<chrono::Utc>`.
    DateTime,
    /// `chrono::NaiveDate`.
    Date,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// `serde_json::Value`.
    Json,
    /// A binary string (`format: binary`). As a whole body, a response body or a multipart file
    /// it is bytes (`api_runtime::Bytes`, `FilePart`); inside JSON (a models type) it is a JSON
    /// string, so `String`: the octets' text as the server sent it. `Vec<u8>` would be written
    /// as a list of numbers and could not read the string back; base64 is `format: byte`'s
    /// encoding, not this one's, and is also a `String` (`Ty::String`).
    Bytes,
    /// `()`: no body.
    Unit,
    /// A named type.
    Named(TypeId),
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    /// `Option<T>`: a value that may be `null`, where its schema allows it (an array item, a map
    /// value, a success body; see `lower::nullable`). A field says it with [`Field::nullable`]
    /// instead, and a parameter or request body never is one.
    Option(Box<Ty>),
}

/// A resource group: `client.accounts()` returns one.
#[derive(Debug, Clone)]
pub struct Group {
    /// Path of snake_case segments, e.g. `["accounts", "tokens"]`.
    pub path: Vec<String>,
    /// Rust struct name, e.g. `AccountsTokens`.
    pub struct_name: String,
    /// When it is compiled: when any operation below it is.
    pub gate: Gate,
}

/// One API operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId` (or a derived one).
    pub id: String,
    /// Group path (empty: on the client itself).
    pub group: Vec<String>,
    /// Rust method name.
    pub method_name: String,
    /// Dotted call path for messages, e.g. `accounts.tokens.get`.
    pub call_path: String,
    /// HTTP method.
    pub http_method: HttpMethod,
    /// Path template.
    pub path: String,
    /// Doc comment.
    pub doc: Option<String>,
    /// Parameters: path (in path order), then query, header.
    pub params: Vec<Param>,
    /// Request body.
    pub body: Option<Body>,
    /// Success response.
    pub response: Response,
    /// Error responses.
    pub errors: Errors,
    /// Builder struct name when the call has optional inputs.
    pub builder_name: Option<String>,
    /// Deprecated in the spec.
    pub deprecated: bool,
    /// Its only documented outcome is `101 Switching Protocols` (a WebSocket): the client sends
    /// the request but cannot complete the upgrade (see `lower::upgrade`).
    pub upgrade: bool,
    /// The operation's tags, as in the spec.
    pub tags: Vec<String>,
    /// When it is compiled (from its tags).
    pub gate: Gate,
    /// The streaming variant (`<method>_stream`) of the operation before it, which also has
    /// another success body; it shares that operation's error enum.
    pub stream_variant: bool,
    /// How its pages are walked, for a list operation (detected, or `x-rust-pagination`).
    pub pagination: Option<Pagination>,
    /// Its own security requirement when it differs from the client's default.
    pub security: Option<Requirement>,
}

/// How a list operation's pages are walked (`api_runtime::codegen::Pagination`). Pointers are JSON
/// pointers into the raw response body, before any envelope is unwrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// What gives the next page.
    pub style: PageStyle,
    /// Pointer to the page's array of items (`""`: the body is the array).
    pub items: String,
    /// The type of one item.
    pub item: Ty,
}

/// What gives the next page; `param` is the query parameter (wire name) carrying the position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageStyle {
    /// The cursor at pointer `next`.
    Cursor { param: String, next: String },
    /// While the boolean at `has_more` is true, the id (pointer `id` inside an item) of the last item.
    StartingAfter { param: String, has_more: String, id: String },
    /// The page number, up to the number at `total_pages` or until the items received reach
    /// the number at `total` (each when the body has it).
    Page { param: String, total_pages: Option<String>, total: Option<String> },
    /// The offset, advanced by the items received, up to the number at `total` (when the body
    /// has it).
    Offset { param: String, total: Option<String> },
    /// The `Link: <url>; rel="next"` response header.
    Link,
}

impl PageStyle {
    /// The style's kind.
    pub fn kind(&self) -> PageKind {
        match self {
            PageStyle::Cursor { .. } => PageKind::Cursor,
            PageStyle::StartingAfter { .. } => PageKind::StartingAfter,
            PageStyle::Page { .. } => PageKind::Page,
            PageStyle::Offset { .. } => PageKind::Offset,
            PageStyle::Link => PageKind::Link,
        }
    }

    /// The style's name in `x-rust-pagination` and the gen summary.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }
}

/// The pagination styles, without their places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// [`PageStyle::Cursor`].
    Cursor,
    /// [`PageStyle::StartingAfter`].
    StartingAfter,
    /// [`PageStyle::Page`].
    Page,
    /// [`PageStyle::Offset`].
    Offset,
    /// [`PageStyle::Link`].
    Link,
}

impl PageKind {
    /// The kinds in the order the gen summary counts them.
    pub const ALL: [PageKind; 5] = [PageKind::Cursor, PageKind::StartingAfter, PageKind::Page, PageKind::Offset, PageKind::Link];

    /// Their names in `x-rust-pagination` and the gen summary, in the same order.
    pub const NAMES: [&'static str; 5] = ["cursor", "starting-after", "page", "offset", "link"];

    /// The kind's name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// A request header.
    Header,
    /// A cookie in the `Cookie` header.
    Cookie,
}

/// How an array or object query parameter is serialized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `a=1&a=2` (form, explode) or `a=1,2` (form, no explode).
    Form {
        /// Repeat the name per value.
        explode: bool,
    },
    /// `a[b]=1`.
    DeepObject,
    /// `a=1 2`.
    SpaceDelimited,
    /// `a=1|2`.
    PipeDelimited,
}

/// One parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Rust name.
    pub ident: String,
    /// Wire name.
    pub wire: String,
    /// Location.
    pub location: ParamLocation,
    /// Type.
    pub ty: Ty,
    /// Positional when required.
    pub required: bool,
    /// Doc comment.
    pub doc: Option<String>,
    /// Query serialization style.
    pub style: QueryStyle,
    /// An example value from the spec.
    pub example: Option<serde_json::Value>,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// Encoding, with what only that encoding has.
    pub kind: BodyKind,
    /// Payload type (`Ty::Bytes` for raw bytes, a raw multipart form and an inline multipart
    /// schema, which has no models type).
    pub ty: Ty,
    /// Positional when required.
    pub required: bool,
    /// Content type to send.
    pub content_type: String,
    /// Doc comment.
    pub doc: Option<String>,
}

/// Which way a property travels, read by `lower::read_write` to relax `required` in the
/// types on the side it does not travel to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Access {
    /// Both ways.
    #[default]
    Both,
    /// `readOnly: true`: set by the server; optional in what the client sends.
    ReadOnly,
    /// `writeOnly: true`: never returned; optional in what the client reads.
    WriteOnly,
    /// Named by a `required` list that no `properties` declare (`lower::undeclared`): required
    /// in what the client sends, optional in what it reads, since such a list is as often a
    /// response's misplaced one.
    Undeclared,
}

impl Access {
    /// `readOnly` and `writeOnly` as a spec says them (`readOnly` wins where both are said).
    pub fn of(read_only: bool, write_only: bool) -> Self {
        match (read_only, write_only) {
            (true, _) => Access::ReadOnly,
            (false, true) => Access::WriteOnly,
            (false, false) => Access::Both,
        }
    }

    /// Whether the client sends it (a read-only property is optional there).
    pub fn sent(self) -> bool {
        self != Access::ReadOnly
    }

    /// Whether the server is sure to return it (else it is optional where the client reads it).
    pub fn received(self) -> bool {
        matches!(self, Access::Both | Access::ReadOnly)
    }
}

/// How one property of an `application/x-www-form-urlencoded` body is written
/// (`api_runtime::codegen::FormField`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEncoding {
    /// As a query parameter of this style.
    Styled(QueryStyle),
    /// One pair holding the property's JSON text (`contentType: application/json`).
    Json,
}

/// A typed multipart body: a struct of the client crate, one part per field; or, for a
/// `oneOf`/`anyOf` of objects, an enum with one variant per branch, each holding its struct.
#[derive(Debug, Clone)]
pub enum MultipartBody {
    /// One struct.
    Struct(PartStruct),
    /// An enum of the branches' structs.
    Union {
        /// Rust name of the enum in the client crate.
        name: String,
        /// Doc comment.
        doc: Option<String>,
        /// The branches, in spec order.
        branches: Vec<MultipartBranch>,
    },
}

/// A struct of the client crate sent as a multipart body, one part per field.
#[derive(Debug, Clone)]
pub struct PartStruct {
    /// Rust name in the client crate.
    pub name: String,
    /// Doc comment.
    pub doc: Option<String>,
    /// Fields in spec order.
    pub fields: Vec<PartField>,
    /// The inline schema whose properties `fields` are, which has no models type (the untyped
    /// report counts its fields there); `None` when the schema has one.
    pub inline_at: Option<String>,
}

/// One branch of a [`MultipartBody::Union`]: an enum variant holding the branch's struct.
#[derive(Debug, Clone)]
pub struct MultipartBranch {
    /// Variant name.
    pub variant: String,
    /// The branch's struct.
    pub body: PartStruct,
}

impl MultipartBody {
    /// The Rust name of the body type in the client crate.
    pub fn name(&self) -> &str {
        match self {
            MultipartBody::Struct(s) => &s.name,
            MultipartBody::Union { name, .. } => name,
        }
    }

    /// The body with this doc comment.
    pub fn with_doc(self, doc: Option<String>) -> MultipartBody {
        match self {
            MultipartBody::Struct(s) => MultipartBody::Struct(PartStruct { doc, ..s }),
            MultipartBody::Union { name, branches, .. } => MultipartBody::Union { name, doc, branches },
        }
    }

    /// Its structs: itself, or each branch's.
    pub fn structs(&self) -> Vec<&PartStruct> {
        match self {
            MultipartBody::Struct(s) => vec![s],
            MultipartBody::Union { branches, .. } => branches.iter().map(|b| &b.body).collect(),
        }
    }

    /// Every field of its structs.
    pub fn all_fields(&self) -> impl Iterator<Item = &PartField> {
        self.structs().into_iter().flat_map(|s| &s.fields)
    }
}

/// One field of a [`PartStruct`].
#[derive(Debug, Clone)]
pub struct PartField {
    /// Rust name.
    pub ident: String,
    /// Part name on the wire.
    pub wire: String,
    /// Type of a [`PartKind::Value`] field, without the `Option` that `required`/`nullable` add.
    pub ty: Ty,
    /// Present in `required`.
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// Doc comment.
    pub doc: Option<String>,
    /// Redacted in Debug.
    pub sensitive: bool,
    /// How it is sent.
    pub kind: PartKind,
    /// The content type the spec's `encoding` gives the part.
    pub content_type: Option<String>,
}

impl PartField {
    /// Whether the Rust type is wrapped in `Option`.
    pub fn is_option(&self) -> bool {
        !self.required || self.nullable
    }
}

/// What a multipart field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A binary string: one `FilePart`.
    File,
    /// A list of binary strings: one part per `FilePart`.
    Files,
    /// Anything else: text or JSON parts, by what the value serializes to.
    Value,
}

/// Request body encodings, each with what only it has.
#[derive(Debug, Clone)]
pub enum BodyKind {
    /// `application/json`.
    Json {
        /// The body's `x-idempotency-token` property (wire name): filled with a fresh UUID when
        /// the caller leaves it empty.
        idempotency_token: Option<String>,
    },
    /// `application/x-www-form-urlencoded`.
    Form {
        /// The properties (by wire name, in spec order) whose `encoding` entry writes them
        /// otherwise than `style: form, explode: true`.
        encoding: Vec<(String, FormEncoding)>,
    },
    /// `multipart/form-data` with an object schema (or a union of them): the client-crate type
    /// it takes.
    Multipart(MultipartBody),
    /// `multipart/form-data` whose schema is not an object with properties (nor a union of
    /// them): a raw `reqwest::multipart::Form`.
    RawMultipart,
    /// Raw bytes with a content type.
    Bytes,
}

impl BodyKind {
    /// A `multipart/form-data` body, typed or raw.
    pub fn is_multipart(&self) -> bool {
        matches!(self, BodyKind::Multipart(_) | BodyKind::RawMultipart)
    }

    /// The typed multipart body, when it is one.
    pub fn multipart(&self) -> Option<&MultipartBody> {
        match self {
            BodyKind::Multipart(m) => Some(m),
            _ => None,
        }
    }
}

/// The success response.
#[derive(Debug, Clone)]
pub struct Response {
    /// What the call returns (with several success bodies: the first one's).
    pub ty: Ty,
    /// How it is decoded.
    pub decode: Decode,
    /// What the call returns, from `ty`.
    pub shape: ResponseShape,
    /// The documented 3xx statuses (`302`, `3XX`): the call's results, never followed
    /// (`Call::redirections`).
    pub redirections: Vec<StatusMatch>,
}

/// What a call returns, from its success response.
#[derive(Debug, Clone)]
pub enum ResponseShape {
    /// The body, as [`Response::ty`] and [`Response::decode`] say.
    Body,
    /// Every documented status is a 3xx (and they share one body type):
    /// `api_runtime::Redirection<ty>`.
    Redirection,
    /// Several success statuses with different bodies: this enum.
    ByStatus(ByStatus),
}

impl Response {
    /// The enum of a call whose success statuses have different bodies.
    pub fn by_status(&self) -> Option<&ByStatus> {
        match &self.shape {
            ResponseShape::ByStatus(b) => Some(b),
            _ => None,
        }
    }

    /// Whether the call returns `api_runtime::Redirection<ty>`.
    pub fn is_redirection(&self) -> bool {
        matches!(self.shape, ResponseShape::Redirection)
    }
}

/// A client-crate enum with one variant per success status, for operations whose success
/// responses have different bodies.
#[derive(Debug, Clone)]
pub struct ByStatus {
    /// Type name in the client crate.
    pub name: String,
    /// In status order (2xx, then documented 3xx); the first also takes undeclared 2xx statuses.
    pub variants: Vec<StatusBody>,
}

/// One success status of a [`ByStatus`] enum.
#[derive(Debug, Clone)]
pub struct StatusBody {
    /// Variant name (`Ok`, `Accepted`, `Status299`, `Status2xx`).
    pub ident: String,
    /// `200`, or `2XX` as a range.
    pub status: StatusMatch,
    /// The body type (`Unit` when there is none).
    pub ty: Ty,
    /// How the body is decoded.
    pub decode: Decode,
    /// The response's description.
    pub doc: Option<String>,
}

/// The HTTP method of an operation: one of the eight a path item can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    /// The keys of a path item that are operations, in the order OpenAPI lists them.
    pub const KEYS: &'static [&'static str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// The method of a path item key (`get`, `post`, ...).
    pub fn of_key(key: &str) -> Option<HttpMethod> {
        Some(match key {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            "trace" => HttpMethod::Trace,
            _ => return None,
        })
    }

    /// Its key in a path item, lower case: `get`.
    pub fn key(self) -> &'static str {
        match self {
            HttpMethod::Get => "get",
            HttpMethod::Put => "put",
            HttpMethod::Post => "post",
            HttpMethod::Delete => "delete",
            HttpMethod::Options => "options",
            HttpMethod::Head => "head",
            HttpMethod::Patch => "patch",
            HttpMethod::Trace => "trace",
        }
    }

    /// As HTTP writes it: `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which statuses a response covers: the one status pattern of the IR (a `default` response is
/// none, and says so where it matters, e.g. [`ErrorVariant::default`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// `2XX`: the hundreds digit.
    Range(u16),
}

impl StatusMatch {
    /// A documented 3xx: returned as `api_runtime::Redirection`, never followed.
    pub fn is_redirection(self) -> bool {
        match self {
            StatusMatch::Code(c) => (300..400).contains(&c),
            StatusMatch::Range(r) => r == 3,
        }
    }

    /// The pattern of a response key (`404`, `4XX`).
    pub fn of(code: &openapiv3::StatusCode) -> StatusMatch {
        match code {
            openapiv3::StatusCode::Code(c) => StatusMatch::Code(*c),
            openapiv3::StatusCode::Range(r) => StatusMatch::Range(*r),
        }
    }

    /// The statuses it covers, inclusive.
    pub fn bounds(self) -> (u16, u16) {
        match self {
            StatusMatch::Code(c) => (c, c),
            StatusMatch::Range(r) => (r * 100, r * 100 + 99),
        }
    }
}

/// Success body decoders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decode {
    /// JSON into the type.
    Json,
    /// JSON envelope: the payload is its result property.
    Envelope,
    /// `String` from a text body.
    Text,
    /// `Bytes` as received.
    Bytes,
    /// No body (`()`).
    Empty,
    /// A `text/event-stream`: the call gives an `api_runtime::EventStream` whose events' data
    /// decode into the type (JSON, or the data as it is for a string).
    EventStream,
}

/// Error responses of an operation.
#[derive(Debug, Clone)]
pub enum Errors {
    /// No typed error bodies: details are raw JSON.
    Untyped,
    /// Every error body is this type.
    Single(Ty),
    /// A per-operation enum (in the client crate) choosing by status or error code.
    Enum(ErrorEnum),
}

/// A per-operation error enum.
#[derive(Debug, Clone)]
pub struct ErrorEnum {
    /// Rust name.
    pub name: String,
    /// Variants.
    pub variants: Vec<ErrorVariant>,
}

/// One error variant.
#[derive(Debug, Clone)]
pub struct ErrorVariant {
    /// Rust name.
    pub ident: String,
    /// Body type.
    pub ty: Ty,
    /// Error code that selects it (AWS style).
    pub code: Option<String>,
    /// HTTP statuses that select it (status style): exact codes and `4XX` ranges.
    pub statuses: Vec<StatusMatch>,
    /// Whether the `default` response has this body too: the variant then also takes every
    /// status no other variant claims (beside its own `statuses`).
    pub default: bool,
    /// Spec-marked retryable.
    pub retryable: bool,
    /// Fields filled from response headers: (field ident, header name, field type).
    pub header_fields: Vec<(String, String, Ty)>,
}
