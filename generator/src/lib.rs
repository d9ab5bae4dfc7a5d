//! OpenAPI 3.0 -> Rust crates.
//!
//! The generator is pure: text in, files out, no file system and no processes. Data flows one way:
//! [`load`](mod@load) (YAML or JSON to `openapiv3`), [`validate`](mod@validate) (every problem, each
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
pub mod validate;

pub use diag::{Diagnostic, Location, Severity};

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
        let stem = spec_path.rsplit(['/', '\\']).next().unwrap_or(spec_path);
        let stem = stem.split('.').next().unwrap_or(stem);
        Self {
            spec_path: spec_path.to_string(),
            default_name: names::snake(stem).replace('_', "-"),
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
    /// Crate prefix.
    pub name: String,
    /// Number of operations generated.
    pub operations: usize,
    /// Number of named types generated.
    pub types: usize,
    /// Wall-clock time of each step, in order: `load + validate`, `lower`, `emit + format`.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Generates the models and client crates for one spec. On failure, every diagnostic is returned
/// and nothing should be written.
pub fn generate(text: &str, settings: &Settings) -> Result<Output, Vec<Diagnostic>> {
    let mut diags = diag::Diagnostics::new(&settings.spec_path);
    let started = std::time::Instant::now();
    // The typed document is parsed from the text on a second thread while this one reads the
    // raw tree and validates it; on a large spec the two take about as long as each other.
    // A document of the wrong shape reports only that (as a sequential load would).
    let doc = std::thread::scope(|s| {
        let typed = s.spawn(|| load::typed_from_json(text));
        let value = load::raw(text, &mut diags)?;
        let mut checks = diag::Diagnostics::new(&settings.spec_path);
        validate::validate(&value, &mut checks);
        let typed = typed.join();
        let doc = typed.ok().flatten().or_else(|| load::typed(&value, &mut diags))?;
        diags.append(checks);
        Some(doc)
    });
    let Some(doc) = doc else {
        return Err(diags.into_vec());
    };
    if diags.has_errors() {
        return Err(diags.into_vec());
    }
    let loaded = std::time::Instant::now();
    let api = lower::lower(&doc, settings, &mut diags);
    drop(doc);
    if diags.has_errors() {
        return Err(diags.into_vec());
    }
    let lowered = std::time::Instant::now();
    match emit::emit(&api, settings) {
        Ok(files) => Ok(Output {
            timings: vec![
                ("load + validate", loaded - started),
                ("lower", lowered - loaded),
                ("emit + format", lowered.elapsed()),
            ],
            files,
            warnings: diags.into_vec(),
            name: api.name.clone(),
            operations: api.operations.len(),
            types: api.types.len(),
        }),
        Err(message) => {
            diags.error("#", message, Some("this is a generator bug; please report it with the spec".to_string()));
            Err(diags.into_vec())
        }
    }
}
