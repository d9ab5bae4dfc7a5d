//! Step 4, emit: IR -> token streams and the files around them.

mod attrs;
mod cargo;
mod client;
mod docs;
mod enums;
mod errors;
mod gate;
mod models;
mod operation;
mod summary;
mod ty;

use crate::format::{format_files, RustFile};
use crate::ir::Api;
use crate::{GeneratedFile, Settings};

/// "the X API": the title, with " API" added unless it already says so.
pub(crate) fn api_title(api: &Api) -> String {
    let t = api.title.trim();
    if t.to_ascii_lowercase().ends_with("api") {
        t.to_string()
    } else {
        format!("{t} API")
    }
}

/// Every file of the two crates, paths relative to the output directory.
pub fn emit(api: &Api, settings: &Settings) -> Result<Vec<GeneratedFile>, String> {
    let models_dir = format!("{}-models", api.name);
    let client_dir = format!("{}-client", api.name);
    let header = crate::format::header(&api.spec_path);
    let t0 = std::time::Instant::now();
    let sources = format_files(
        vec![
            RustFile { path: format!("{models_dir}/src/lib.rs"), parts: models::parts(api) },
            RustFile { path: format!("{client_dir}/src/lib.rs"), parts: client::parts(api) },
        ],
        &header,
    )?;
    let mut sources = sources.into_iter().map(|(path, contents)| GeneratedFile { path, contents });
    let (Some(models_lib), Some(client_lib)) = (sources.next(), sources.next()) else {
        return Err("internal error: a source file is missing".to_string());
    };
    let t1 = t0.elapsed();
    let v = vec![
        GeneratedFile { path: format!("{models_dir}/Cargo.toml"), contents: cargo::models(api, settings, &header) },
        models_lib,
        GeneratedFile { path: format!("{client_dir}/Cargo.toml"), contents: cargo::client(api, settings, &header) },
        client_lib,
        GeneratedFile { path: format!("{client_dir}/API.md"), contents: summary::markdown(api) },
    ];
    if std::env::var("LT").is_ok() { eprintln!("format_files {t1:?} rest {:?}", t0.elapsed() - t1); }
    Ok(v)
}

/// How many items of one kind go in one [`Part`](crate::format::Part): small enough to spread a
/// large spec over the threads, large enough that a small spec is one part per kind.
pub(crate) const CHUNK: usize = 32;
