//! The conformance program (written by `cargo xtask conformance`; not a checked-in file):
//! calls every operation of the client against a mock server and prints one JSON line per
//! operation: `{"op": <index>, "class": "ok" | "request-rejected" | "decode" | "auth" | "mock" | "other", "detail": ...}`,
//! and for a body the client could not decode, the response's `status` and `body` (which
//! `cargo xtask conformance` checks against the documented schema).
//!
//! Usage: `conformance BASE_URL VALUES_JSON required|full`.
#![allow(dead_code, clippy::all)]

use api_runtime::ErrorKind;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

/// The host of the mock server's URL.
const MOCK_HOST: &str = "127.0.0.1";

/// One call's result: its class and what went wrong.
struct Outcome {
    class: &'static str,
    detail: String,
    /// The status and body of a response the client could not decode.
    answer: Option<(u16, String)>,
}

type Run<'a> = Pin<Box<dyn Future<Output = Result<Outcome, String>> + 'a>>;
type Op = for<'a> fn(&'a Client, &'a Value) -> Run<'a>;

/// The client, pointed at the mock server, without retries.
fn builder(base_url: &str) -> api_runtime::ClientBuilder<Client> {
    Client::builder().base_url(base_url).retries(0).timeout(std::time::Duration::from_secs(60))
}

/// The credentials: the same placeholder for every variable the client reads (values set on
/// the builder, such as the base URL, win).
fn credentials(builder: api_runtime::ClientBuilder<Client>) -> Result<Client, api_runtime::ConfigError> {
    // Every credential the crate reads gets a value (an access token wins over OAuth2 client
    // credentials, so no token is fetched), except a mutual-TLS certificate file: the mock
    // speaks plain HTTP.
    builder
        .from_env_with(|name| (!name.ends_with("_CLIENT_CERT_FILE")).then(|| "conformance-credential".to_string()))?
        .build()
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, base_url, values, mode] = args.as_slice() else {
        eprintln!("usage: conformance BASE_URL VALUES_JSON required|full");
        return std::process::ExitCode::from(2);
    };
    let values: Value = match std::fs::read_to_string(values).map_err(|e| e.to_string()).and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string())) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("cannot read {values}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let client = match credentials(builder(base_url)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot configure the client: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    for (i, op) in OPS {
        // No `full` inputs: they would be the required ones, already called.
        let Some(v) = values.get(i.to_string()).and_then(|x| x.get(mode.as_str())) else { continue };
        let out = runtime.block_on(op(&client, v)).unwrap_or_else(|detail| Outcome { class: "other", detail, answer: None });
        let mut line = serde_json::json!({"op": i, "class": out.class, "detail": out.detail});
        if let Some((status, body)) = out.answer {
            line["status"] = status.into();
            line["body"] = body.into();
        }
        println!("{line}");
    }
    std::process::ExitCode::SUCCESS
}

/// The input `key` of `v` as a `T`.
fn arg<T: DeserializeOwned>(v: &Value, key: &str) -> Result<T, String> {
    let x = v.get(key).cloned().unwrap_or(Value::Null);
    serde_path_to_error::deserialize(x).map_err(|e| format!("the sampled input `{key}` is not a value of its Rust type (at `{}`): {}", e.path(), e.inner()))
}

/// The input `key` of `v` as a `T`, when it is given.
fn opt<T: DeserializeOwned>(v: &Value, key: &str) -> Result<Option<T>, String> {
    match v.get(key) {
        None => Ok(None),
        Some(_) => arg(v, key).map(Some),
    }
}

/// The multipart part `wire` of the body as a `T`.
fn part<T: DeserializeOwned>(v: &Value, wire: &str) -> Result<T, String> {
    arg(v.get("body").unwrap_or(&Value::Null), wire)
}

/// Whether the body has the part `wire`.
fn has_part(v: &Value, wire: &str) -> bool {
    v.get("body").and_then(|b| b.get(wire)).is_some()
}

/// A small in-memory file.
fn file() -> api_runtime::FilePart {
    api_runtime::FilePart::bytes(&b"conformance"[..]).file_name("conformance.txt")
}

/// A raw body: the sampled string's bytes, or the sampled JSON.
fn bytes(v: &Value) -> Vec<u8> {
    match v.get("body") {
        Some(Value::String(s)) => s.clone().into_bytes(),
        Some(x) => serde_json::to_vec(x).unwrap_or_default(),
        None => b"conformance".to_vec(),
    }
}

/// An untyped multipart form: one text part per property of the sampled body.
fn form(v: &Value) -> api_runtime::reqwest::multipart::Form {
    let mut form = api_runtime::reqwest::multipart::Form::new();
    for (k, x) in v.get("body").and_then(Value::as_object).into_iter().flatten() {
        form = form.text(k.clone(), x.as_str().map_or_else(|| x.to_string(), str::to_string));
    }
    form
}

/// Finds serde's path into a body the client could not decode, for success types that
/// deserialize (autoref specialization: `(&probe(&result)).path_of(body, envelope)`).
struct Probe<T>(PhantomData<T>);

fn probe<T, E>(_: &Result<T, api_runtime::Error<E>>) -> Probe<T> {
    Probe(PhantomData)
}

trait PathOf {
    /// `envelope` names the property the client unwraps the payload from, when it does.
    fn path_of(&self, body: &[u8], envelope: Option<&str>) -> Option<String>;
}

impl<T: DeserializeOwned> PathOf for Probe<T> {
    fn path_of(&self, body: &[u8], envelope: Option<&str>) -> Option<String> {
        let whole: Value = serde_json::from_slice(body).ok()?;
        // What the client decodes: the envelope's payload (absent is `null`), else the body.
        let (prefix, value) = match envelope {
            Some(key) => (key, whole.get(key).cloned().unwrap_or(Value::Null)),
            None => ("", whole),
        };
        let e = serde_path_to_error::deserialize::<_, T>(value).err()?;
        let at = e.path().to_string();
        Some(match (prefix, at.as_str()) {
            (_, ".") if !prefix.is_empty() => format!("{prefix}: {}", e.inner()),
            ("", _) => format!("{at}: {}", e.inner()),
            _ => format!("{prefix}.{at}: {}", e.inner()),
        })
    }
}

trait NoPath {
    fn path_of(&self, _body: &[u8], _envelope: Option<&str>) -> Option<String> {
        None
    }
}

impl<T> NoPath for &Probe<T> {}

/// The class of a call's result. Prism names what it rejected in `sl-violations`; its own
/// failures are problem documents of type `https://stoplight.io/prism/errors#...`.
fn outcome<T, E: std::fmt::Display + std::fmt::Debug>(result: &Result<T, api_runtime::Error<E>>, path: Option<String>) -> Outcome {
    let e = match result {
        Ok(_) => return Outcome { class: "ok", detail: String::new(), answer: None },
        Err(e) => e,
    };
    let violations = e.headers().and_then(|h| h.get("sl-violations")).and_then(|v| v.to_str().ok());
    let (list, cut) = violations.map(violation_list).unwrap_or_default();
    let mut named: Vec<String> = list.iter().map(violation).collect();
    if cut {
        named.push(format!("{CUT} ({} shown)", list.len()));
    }
    let problem: Value = serde_json::from_slice(e.body()).unwrap_or(Value::Null);
    let prism = problem.get("type").and_then(Value::as_str).and_then(|t| t.strip_prefix("https://stoplight.io/prism/errors#"));
    // A warning (a deprecated parameter) does not reject the request.
    let in_request = list.iter().any(|x| x["location"].get(0).and_then(Value::as_str) == Some("request") && x["severity"] != "Warning");
    let auth = list.iter().any(|x| x["code"] == 401 || x["code"] == "401" || x["message"].as_str().is_some_and(|m| m.contains("security scheme")));
    // The mock server stopped answering (it crashed): its failure, not the client's.
    let mock_gone = matches!(e.kind(), ErrorKind::Connect | ErrorKind::Timeout) && e.to_string().contains(MOCK_HOST);
    let class = match prism {
        _ if mock_gone => "mock",
        _ if auth => "auth",
        Some("UNAUTHORIZED") => "auth",
        Some("VIOLATIONS") if in_request => "request-rejected",
        Some("UNPROCESSABLE_ENTITY" | "INVALID_CONTENT_TYPE" | "NOT_ACCEPTABLE" | "NO_PATH_MATCHED_ERROR" | "NO_METHOD_MATCHED_ERROR") => "request-rejected",
        Some(_) => "mock",
        None if !list.is_empty() => "request-rejected",
        None if e.kind() == ErrorKind::Decode => "decode",
        None => "other",
    };
    let detail = match (class, prism) {
        ("decode", _) => {
            let source = std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default();
            path.map_or(source, |p| format!("at {p}"))
        }
        (_, _) if !named.is_empty() => named.join("; "),
        (_, Some(kind)) => {
            // Prism's own 422 lists what it rejected in `validation`.
            let found: Vec<String> = problem.get("validation").and_then(Value::as_array).into_iter().flatten().map(violation).collect();
            match found.is_empty() {
                true => {
                    // Prism's own crash has an empty `detail`; its `title` says what broke.
                    let said = ["detail", "title"].iter().filter_map(|k| problem.get(*k).and_then(Value::as_str)).find(|t| !t.is_empty());
                    format!("{kind}: {}", said.and_then(|t| t.lines().next()).unwrap_or_default())
                }
                false => format!("{kind}: {}", found.join("; ")),
            }
        }
        // Counted as the client's (it cannot do what the spec documents), under its own reason.
        _ if e.status().is_some_and(|s| s.as_u16() == 101) => {
            "101 Switching Protocols: the operation upgrades the connection (a WebSocket), which the client cannot complete".to_string()
        }
        _ => e.to_string(),
    };
    let answer = (class == "decode").then(|| (e.status().map_or(0, |s| s.as_u16()), String::from_utf8_lossy(e.body()).into_owned()));
    Outcome { class, detail, answer }
}

/// Prism keeps one value per name of a multipart or form body (the last part or pair), so a
/// list field sent as OpenAPI says, one part or pair per item (`tests/multipart.rs` and
/// `tests/form_bodies.rs` check it on the wire), never reads as an array to it unless the body's
/// `encoding` gives the field a style: a rejection that says only that is the mock's.
fn repeated_fields(out: Outcome) -> Outcome {
    let errors: Vec<&str> = out.detail.split("; ").filter(|v| !v.contains(": (warning) ")).collect();
    let only_lists = errors.iter().all(|v| v.contains("request.body.") && v.ends_with(" must be array"));
    if out.class != "request-rejected" || errors.is_empty() || !only_lists {
        return out;
    }
    let detail = format!("Prism reads one value per name of a multipart or form body, not a list field's part or pair per item: {}", out.detail);
    Outcome { class: "mock", detail, answer: None }
}

/// What the detail of a rejection says when Prism cut its list of violations: the rest is
/// unknown, so no rejection with it is judged the mock's.
const CUT: &str = "Prism cut its list of violations at 8 KiB";

/// Prism's `sl-violations`: a JSON list, or past 8 KiB `Too many violations! ` and the list's
/// first 8 KiB. The violations that are whole, and whether the list was cut.
fn violation_list(text: &str) -> (Vec<Value>, bool) {
    let Some(cut) = text.strip_prefix("Too many violations! ") else { return (serde_json::from_str(text).unwrap_or_default(), false) };
    let mut rest = cut.trim_start().strip_prefix('[').unwrap_or(cut);
    let mut out = Vec::new();
    loop {
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let Some(Ok(v)) = values.next() else { break };
        out.push(v);
        rest = rest[values.byte_offset()..].trim_start().trim_start_matches(',');
    }
    (out, true)
}

/// `request.body.name: must be string` (a warning: `request.query.old: (warning) ... is deprecated`).
fn violation(x: &Value) -> String {
    let at: Vec<String> = x["location"].as_array().into_iter().flatten().map(|s| s.as_str().map_or_else(|| s.to_string(), str::to_string)).collect();
    let warning = if x["severity"] == "Warning" { "(warning) " } else { "" };
    format!("{}: {warning}{}", at.join("."), x["message"].as_str().unwrap_or_default())
}
