//! Typed `multipart/form-data` bodies: a [`FilePart`] per file, and the [`Multipart`] form that
//! generated request structs fill field by field.
//!
//! A form whose parts are all in memory is rebuilt for every attempt, so its call is retried
//! like any other; a form holding a streamed file is sent once.

use std::fmt;

use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;

/// A file sent as one part of a multipart body: bytes in memory or a stream, with an optional
/// file name and content type (`application/octet-stream` when none is set).
///
/// ```
/// use api_runtime::FilePart;
///
/// let photo = FilePart::bytes(vec![0x89, b'P', b'N', b'G'])
///     .file_name("photo.png")
///     .content_type("image/png");
/// ```
pub struct FilePart {
    data: Data,
    file_name: Option<String>,
    content_type: Option<String>,
}

/// The contents of a part.
enum Data {
    /// Cloned cheaply for every attempt.
    Bytes(Bytes),
    /// Sent once; `None` after it was taken.
    Stream(Option<reqwest::Body>),
}

impl FilePart {
    /// A file held in memory. A body whose files are all bytes can be retried.
    pub fn bytes(bytes: impl Into<Bytes>) -> Self {
        FilePart { data: Data::Bytes(bytes.into()), file_name: None, content_type: None }
    }

    /// A file read from a stream of chunks (e.g. `tokio_util::io::ReaderStream` over a file),
    /// sent as it is read. A body with a streamed file is sent only once, never retried.
    pub fn stream<S>(stream: S) -> Self
    where
        S: futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        let body = reqwest::Body::wrap_stream(stream);
        FilePart { data: Data::Stream(Some(body)), file_name: None, content_type: None }
    }

    /// The file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's `Content-Type` (e.g. `image/png`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        FilePart::bytes(bytes)
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        FilePart::bytes(bytes)
    }
}

impl fmt::Debug for Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Data::Bytes(b) => write!(f, "{} bytes", b.len()),
            Data::Stream(_) => f.write_str("stream"),
        }
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("data", &self.data)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// One part, as it will be sent.
#[derive(Debug)]
struct Part {
    name: String,
    data: Data,
    file_name: Option<String>,
    content_type: Option<String>,
}

/// A `multipart/form-data` body built part by part; generated body structs convert into it, and
/// [`Call::multipart`](crate::Call::multipart) sends it.
///
/// Fields are written by what their value serializes to: absent (`None`) values are left out;
/// a string, number or boolean is a text part; a list of those is one text part per item; an
/// object, or a list holding objects, is one `application/json` part. A content type given for a
/// field (the spec's `encoding`) wins: a JSON one sends the whole value as one JSON part.
///
/// ```
/// use api_runtime::{FilePart, Multipart};
///
/// let form = Multipart::new()
///     .file("file", FilePart::bytes("a,b\n1,2\n").file_name("data.csv").content_type("text/csv"))
///     .field("title", "Quarterly numbers")
///     .field("tags", &["finance", "q3"])
///     .field("meta", &serde_json::json!({"draft": true}));
/// assert!(form.is_retryable());
/// ```
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
    /// The first field that could not be written; the call fails with it when sent.
    invalid: Option<String>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a field written by the shape of its value (see [`Multipart`]).
    pub fn field<V: Serialize + ?Sized>(self, name: &str, value: &V) -> Self {
        self.value(name, value, None)
    }

    /// Adds a field with the content type the spec's `encoding` gives it: a JSON type sends the
    /// whole value as one part of that type; any other labels each text part.
    pub fn field_as<V: Serialize + ?Sized>(self, name: &str, value: &V, content_type: &str) -> Self {
        self.value(name, value, Some(content_type))
    }

    /// Adds a file part, when there is one.
    pub fn file(mut self, name: &str, file: impl Into<Option<FilePart>>) -> Self {
        if let Some(file) = file.into() {
            self.push_file(name, file, None);
        }
        self
    }

    /// Adds a file part whose content type, when the file has none, is `content_type`.
    pub fn file_as(mut self, name: &str, file: impl Into<Option<FilePart>>, content_type: &str) -> Self {
        if let Some(file) = file.into() {
            self.push_file(name, file, Some(content_type));
        }
        self
    }

    /// Adds one part per file, all under `name`.
    pub fn files(mut self, name: &str, files: impl Into<Option<Vec<FilePart>>>) -> Self {
        for file in files.into().into_iter().flatten() {
            self.push_file(name, file, None);
        }
        self
    }

    /// Adds one part per file, all under `name`; files without a content type get `content_type`.
    pub fn files_as(mut self, name: &str, files: impl Into<Option<Vec<FilePart>>>, content_type: &str) -> Self {
        for file in files.into().into_iter().flatten() {
            self.push_file(name, file, Some(content_type));
        }
        self
    }

    /// Whether the form can be sent again (no part is a stream), so its call can be retried.
    pub fn is_retryable(&self) -> bool {
        self.parts.iter().all(|p| matches!(p.data, Data::Bytes(_)))
    }

    /// How many parts the form holds.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether the form has no parts.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    pub(crate) fn take_invalid(&mut self) -> Option<String> {
        self.invalid.take()
    }

    fn value<V: Serialize + ?Sized>(mut self, name: &str, value: &V, content_type: Option<&str>) -> Self {
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(e) => {
                if self.invalid.is_none() {
                    self.invalid = Some(format!("multipart field {name:?} does not serialize: {e}"));
                }
                return self;
            }
        };
        match value {
            Value::Null => {}
            value if content_type.is_some_and(is_json) => self.push_json(name, &value, content_type),
            Value::Array(items) if items.iter().all(|v| !v.is_array() && !v.is_object()) => {
                for item in items {
                    self.push_text(name, item, content_type);
                }
            }
            value @ (Value::Array(_) | Value::Object(_)) => self.push_json(name, &value, content_type),
            scalar => self.push_text(name, scalar, content_type),
        }
        self
    }

    fn push_text(&mut self, name: &str, value: Value, content_type: Option<&str>) {
        let text = match value {
            Value::Null => return,
            Value::String(s) => s,
            other => other.to_string(),
        };
        self.push(name, Data::Bytes(text.into()), None, content_type.map(str::to_owned));
    }

    fn push_json(&mut self, name: &str, value: &Value, content_type: Option<&str>) {
        let text = value.to_string();
        let content_type = content_type.unwrap_or("application/json");
        self.push(name, Data::Bytes(text.into()), None, Some(content_type.to_owned()));
    }

    fn push_file(&mut self, name: &str, file: FilePart, default_type: Option<&str>) {
        let content_type = file.content_type.or_else(|| default_type.map(str::to_owned));
        let content_type = content_type.unwrap_or_else(|| "application/octet-stream".to_owned());
        self.push(name, file.data, file.file_name, Some(content_type));
    }

    fn push(&mut self, name: &str, data: Data, file_name: Option<String>, content_type: Option<String>) {
        self.parts.push(Part { name: name.to_owned(), data, file_name, content_type });
    }

    /// The `reqwest` form for one attempt: bytes are cloned, streams taken (so a form with a
    /// stream is built once). Part names are written as given (`name="<any part name>"`), as
    /// browsers do, not in the `name*=` form servers do not read.
    pub(crate) fn build(&mut self) -> Result<reqwest::multipart::Form, SendError> {
        let mut form = reqwest::multipart::Form::new().percent_encode_noop();
        for part in &mut self.parts {
            let mut built = match &mut part.data {
                Data::Bytes(bytes) => {
                    reqwest::multipart::Part::stream_with_length(bytes.clone(), bytes.len() as u64)
                }
                Data::Stream(body) => match body.take() {
                    Some(body) => reqwest::multipart::Part::stream(body),
                    None => return Err(SendError::StreamSent { part: part.name.clone() }),
                },
            };
            if let Some(file_name) = &part.file_name {
                built = built.file_name(file_name.clone());
            }
            if let Some(content_type) = &part.content_type {
                built = built
                    .mime_str(content_type)
                    .map_err(|_| SendError::ContentType { content_type: content_type.clone(), part: part.name.clone() })?;
            }
            form = form.part(quoted_name(&part.name), built);
        }
        Ok(form)
    }
}

/// A part name as it goes between the quotes of `name="..."`: a quote, CR and LF
/// percent-encoded, everything else as it is (the HTML form encoding).
fn quoted_name(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// Whether a media type is JSON (`application/json`, `application/problem+json`).
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// Why a multipart body cannot be sent (again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SendError {
    /// A raw `reqwest` form was already sent by an earlier attempt.
    FormSent,
    /// A streamed part was already sent by an earlier attempt.
    StreamSent { part: String },
    /// A part's content type is not a media type.
    ContentType { content_type: String, part: String },
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::FormSent => f.write_str("the multipart form was already sent"),
            SendError::StreamSent { part } => write!(f, "the stream of multipart part {part:?} was already sent"),
            SendError::ContentType { content_type, part } => write!(f, "invalid content type {content_type:?} for multipart part {part:?}"),
        }
    }
}

impl std::error::Error for SendError {}

/// The multipart body of a call: a `reqwest` form given as it is (sent once), or a typed form
/// rebuilt for each attempt.
pub(crate) enum FormBody {
    Raw(Option<reqwest::multipart::Form>),
    Parts(Multipart),
}

impl FormBody {
    /// Whether the body can be sent only once.
    pub(crate) fn single_shot(&self) -> bool {
        match self {
            FormBody::Raw(_) => true,
            FormBody::Parts(parts) => !parts.is_retryable(),
        }
    }

    /// The form for the next attempt.
    pub(crate) fn next(&mut self) -> Result<reqwest::multipart::Form, SendError> {
        match self {
            FormBody::Raw(form) => form.take().ok_or(SendError::FormSent),
            FormBody::Parts(parts) => parts.build(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(form: &Multipart) -> Vec<(String, String, Option<String>)> {
        form.parts
            .iter()
            .map(|p| {
                let data = match &p.data {
                    Data::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                    Data::Stream(_) => "<stream>".to_owned(),
                };
                (p.name.clone(), data, p.content_type.clone())
            })
            .collect()
    }

    #[test]
    fn fields_are_written_by_shape() {
        let form = Multipart::new()
            .field("title", "hi")
            .field("count", &3)
            .field("flag", &true)
            .field("none", &None::<String>)
            .field("tags", &["a", "b"])
            .field("meta", &serde_json::json!({"k": 1}))
            .field("items", &serde_json::json!([{"k": 1}]));
        let json = Some("application/json".to_owned());
        assert_eq!(
            shapes(&form),
            vec![
                ("title".into(), "hi".into(), None),
                ("count".into(), "3".into(), None),
                ("flag".into(), "true".into(), None),
                ("tags".into(), "a".into(), None),
                ("tags".into(), "b".into(), None),
                ("meta".into(), r#"{"k":1}"#.into(), json.clone()),
                ("items".into(), r#"[{"k":1}]"#.into(), json),
            ]
        );
        assert!(form.is_retryable());
    }

    #[test]
    fn encoding_content_types_win() {
        let form = Multipart::new()
            .field_as("ids", &[1, 2], "application/json")
            .field_as("note", "x", "text/markdown")
            .file_as("doc", FilePart::bytes("d"), "application/pdf")
            .file_as("img", FilePart::bytes("i").content_type("image/png"), "application/pdf")
            .file("raw", FilePart::bytes("r"));
        let ct = |s: &str| Some(s.to_owned());
        assert_eq!(
            shapes(&form),
            vec![
                ("ids".into(), "[1,2]".into(), ct("application/json")),
                ("note".into(), "x".into(), ct("text/markdown")),
                ("doc".into(), "d".into(), ct("application/pdf")),
                ("img".into(), "i".into(), ct("image/png")),
                ("raw".into(), "r".into(), ct("application/octet-stream")),
            ]
        );
    }

    #[test]
    fn a_stream_makes_the_form_single_shot() {
        let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(Bytes::from("x"))]);
        let mut body = FormBody::Parts(Multipart::new().files("f", vec![FilePart::bytes("a"), FilePart::stream(chunks)]));
        assert!(body.single_shot());
        assert!(body.next().is_ok());
        assert_eq!(body.next().unwrap_err(), SendError::StreamSent { part: "f".into() });
        let mut bytes = FormBody::Parts(Multipart::new().file("f", None::<FilePart>).field("a", "b"));
        assert!(!bytes.single_shot());
        assert!(bytes.next().is_ok() && bytes.next().is_ok());
    }

    #[test]
    fn a_field_that_does_not_serialize_is_reported() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(vec![1u8], 1);
        let mut form = Multipart::new().field("m", &map);
        assert!(form.take_invalid().is_some_and(|m| m.contains("\"m\"")));
    }

    #[test]
    fn part_names_are_quoted_as_browsers_do() {
        assert_eq!(quoted_name("<any part name>"), "<any part name>");
        assert_eq!(quoted_name("a\"b\r\nc"), "a%22b%0D%0Ac");
    }

    #[test]
    fn a_bad_content_type_fails_the_build() {
        let mut form = Multipart::new().file("f", FilePart::bytes("a").content_type("not a type"));
        let err = form.build().unwrap_err();
        assert_eq!(err.to_string(), "invalid content type \"not a type\" for multipart part \"f\"");
    }
}
