//! OpenAPI 3.0 and 3.1 -> Rust crates.
//!
//! The generator is pure: text in, files out, no file system and no processes. Data flows one way:
//! [`load`](mod@load) (YAML or JSON to `openapiv3`, a 3.1 document rewritten into 3.0's shape first), [`validate`](mod@validate) (every problem, each
//! with a JSON pointer), [`lower`](mod@lower) (to the [`ir`]), `emit` (tokens with `quote!`) and
//! `format` (`prettyplease`, behind the `@generated` header).

pub mod diag;
mod emit;
pub mod ext;
mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod overlay;
mod parallel;
pub mod pointer;
pub mod sample;
mod subschema;
pub mod surface;
pub mod untyped;
pub mod validate;

pub use diag::{Diagnostic, Location, Severity};
pub use surface::Surface;
pub use untyped::{Reason, Untyped};

use std::time::{Duration, Instant};

/// How to generate, apart from the spec itself.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The spec path as printed in headers and messages, e.g. `specs/cloudflare-tokens.yaml`.
    pub spec_path: String,
    /// Crate prefix when the spec has no `x-rust-client.name` (usually the file stem).
    pub default_name: String,
    /// Path from a generated crate's directory to the runtime crate, as written in `Cargo.toml`.
    pub runtime_path: String,
}

impl Settings {
    /// Settings for a spec at `spec_path` generated into the workspace's `generated/`.
    pub fn for_spec(spec_path: &str) -> Self {
        let file = spec_path.rsplit(['/', '\\']).next().unwrap_or(spec_path);
        let stem = file.rsplit_once('.').map_or(file, |(stem, _extension)| stem);
        Self {
            spec_path: spec_path.to_string(),
            default_name: names::crate_prefix(stem),
            runtime_path: "../../runtime".to_string(),
        }
    }
}

/// One generated file, its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path, `/`-separated.
    pub path: String,
    /// Full contents.
    pub contents: String,
}

/// What a successful generation produced.
#[derive(Debug)]
pub struct Output {
    /// The files, in a fixed order.
    pub files: Vec<GeneratedFile>,
    /// Warnings: constructs that got a fallback.
    pub warnings: Vec<Diagnostic>,
    /// Every place in the generated code that is `serde_json::Value` or raw bytes, with why;
    /// sorted by reason, then pointer (see [`untyped`]).
    pub untyped: Vec<Untyped>,
    /// Crate prefix.
    pub name: String,
    /// Number of operations generated.
    pub operations: usize,
    /// Number of named types generated.
    pub types: usize,
    /// Number of paginated operations per style, in the order of [`ir::PageKind::ALL`].
    pub paginated: [usize; 5],
    /// The call surface: groups, what is on `Client`, method name lengths.
    pub surface: Surface,
    /// Wall-clock time of each step, named, in order; steps marked "beside it" ran on a second
    /// thread at the same time as the one before them.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Generates the models and client crates for one spec. On failure, every diagnostic is returned
/// and nothing should be written.
pub fn generate(text: &str, settings: &Settings) -> Result<Output, Vec<Diagnostic>> {
    load_and_lower(text, settings, |api, untyped, mut diags, mut timings| {
        let lowered = Instant::now();
        let result = emit::emit(&api, settings);
        timings.push(("emit + format", lowered.elapsed()));
        match result {
            Ok(files) => Ok(Output {
                timings,
                files,
                warnings: diags.into_vec(),
                untyped,
                name: api.name.clone(),
                operations: api.operations.len(),
                types: api.types.len(),
                paginated: paginated(&api),
                surface: Surface::of(&api),
            }),
            Err(message) => {
                diags.error("#", message, Some("this is a generator bug; please report it with the spec".to_string()));
                Err(diags.into_vec())
            }
        }
    })
}

/// Paginated operations per style (see [`Output::paginated`]).
fn paginated(api: &ir::Api) -> [usize; 5] {
    let mut counts = [0; 5];
    for p in api.operations.iter().filter_map(|op| op.pagination.as_ref()) {
        counts[p.style.kind() as usize] += 1;
    }
    counts
}

/// The gen summary's pagination part: `12 paginated (10 page, 2 cursor)`, styles with none left out.
pub fn pagination_summary(counts: &[usize; 5]) -> String {
    let total: usize = counts.iter().sum();
    let parts: Vec<String> =
        ir::PageKind::NAMES.iter().zip(counts).filter(|(_, n)| **n > 0).map(|(name, n)| format!("{n} {name}")).collect();
    if parts.is_empty() {
        "0 paginated".to_string()
    } else {
        format!("{total} paginated ({})", parts.join(", "))
    }
}

type Timings = Vec<(&'static str, Duration)>;

/// Load, validate and lower, then hand the lowered API to `then`. For a JSON spec, a second
/// thread parses the typed document straight from the text (itself on every thread) and lowers
/// it, while this thread checks the spec: first with one streaming pass over the text and the
/// typed document (`validate::passes`), and only when that is not sure, by reading the raw tree
/// and validating it, which reports every problem and repairs what it can. The lowering is kept
/// only if the spec needed no repair. The second thread frees the typed document while `then` runs. A document of the
/// wrong shape reports only that.
fn load_and_lower<R>(
    text: &str,
    settings: &Settings,
    then: impl FnOnce(ir::Api, Vec<Untyped>, diag::Diagnostics, Timings) -> Result<R, Vec<Diagnostic>>,
) -> Result<R, Vec<Diagnostic>> {
    let mut diags = diag::Diagnostics::new(&settings.spec_path);
    let mut timings = Vec::new();
    let lower_typed = |doc: &openapiv3::OpenAPI| {
        let mut found = diag::Diagnostics::new(&settings.spec_path);
        let api = lower::lower(doc, settings, &mut found);
        let untyped = untyped::find(doc, &api, found.items());
        ((api, untyped), found)
    };
    std::thread::scope(|s| {
        let (send, lowered) = std::sync::mpsc::channel();
        let (send_parsed, parsed) = std::sync::mpsc::channel();
        s.spawn(move || {
            let started = Instant::now();
            let doc = load::typed_from_json(text).map(std::sync::Arc::new);
            let _ = send_parsed.send(doc.clone());
            let Some(doc) = doc else {
                let _ = send.send(None);
                return;
            };
            let parsed = Instant::now();
            let lowered = lower_typed(&doc);
            let _ = send.send(Some((lowered, parsed - started, parsed.elapsed())));
            drop(doc);
        });
        // The typed parse keeps both cores busy; the checks run beside the lowering.
        let doc = parsed.recv().ok().flatten();
        let started = Instant::now();
        let quick = doc.as_deref().is_some_and(|doc| validate::passes(text, doc));
        // When the typed parse failed (a 3.1 document, a number `openapiv3` cannot hold, a
        // problem to report), the tree read here is the one that gets typed.
        let typed_failed = doc.is_none();
        drop(doc);
        let json = load::looks_like_json(text);
        let checked = if quick {
            Some((diag::Diagnostics::new(&settings.spec_path), None))
        } else {
            load::raw(text, &mut diags).map(|mut value| {
                let mut checks = diag::Diagnostics::new(&settings.spec_path);
                let repaired = validate::validate(&mut value, &mut checks);
                // A JSON spec's typed document comes from the other thread, unless the checks
                // repaired the tree; YAML's from this tree.
                (checks, (!json || typed_failed || repaired).then_some(value))
            })
        };
        let check = (if quick { "check the text in one pass" } else { "read + validate the raw tree" }, started.elapsed());
        let side = lowered.recv().ok().flatten();
        let Some((checks, value)) = checked else { return Err(diags.into_vec()) };
        // A tree kept for a JSON spec whose typed parse succeeded was repaired: type it again.
        let side = side.filter(|_| value.is_none());
        let ((api, untyped), found) = match side {
            Some((lowered, parse, lower)) => {
                timings.push(("parse into openapiv3", parse));
                timings.push(check);
                timings.push(("lower (beside it)", lower));
                lowered
            }
            None => {
                // YAML, or JSON whose typed parse failed: then the tree is read again, to
                // report the problem.
                let value = value.or_else(|| load::raw(text, &mut diag::Diagnostics::new(&settings.spec_path)));
                let Some(doc) = value.and_then(|value| load::typed(&value, &mut diags)) else { return Err(diags.into_vec()) };
                if checks.has_errors() {
                    diags.append(checks);
                    return Err(diags.into_vec());
                }
                let started = Instant::now();
                let lowered = lower_typed(&doc);
                timings.push(check);
                timings.push(("lower", started.elapsed()));
                lowered
            }
        };
        diags.append(checks);
        if diags.has_errors() {
            return Err(diags.into_vec());
        }
        diags.append(found);
        if diags.has_errors() {
            return Err(diags.into_vec());
        }
        // A 3.1 document was rewritten before it was typed: name each place where the spec has it.
        let mut untyped = untyped;
        for u in &mut untyped {
            u.pointer = diags.original(&u.pointer);
        }
        untyped.sort_by(|a, b| (a.reason, &a.pointer).cmp(&(b.reason, &b.pointer)));
        then(api, untyped, diags, timings)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_from_any_stem() {
        for (path, want) in [
            ("specs/box.json", "box"),
            ("type.yaml", "type"),
            ("a/b\\2fa.yaml", "api-2fa"),
            ("my api.v2.json", "my-api-v2"),
            ("日本.yaml", "api"),
            (".yaml", "api"),
            ("core", "core"),
        ] {
            assert_eq!(Settings::for_spec(path).default_name, want, "{path}");
        }
    }

    #[test]
    fn a_given_name_is_sanitized_like_a_stem() {
        let spec = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nx-rust-client: {name: 2fa--api}\npaths: {}\n";
        let out = generate(spec, &Settings::for_spec("self.yaml")).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(out.name, "api-2fa-api");
        let client = out.files.iter().find(|f| f.path == "api-2fa-api-client/src/lib.rs").expect("the client's lib.rs");
        assert!(client.contents.contains("pub use api_2fa_api_models as models;"), "{}", client.contents);
    }
}
