//! Step 4, emit: IR -> token streams and the files around them.

mod attrs;
mod cargo;
mod client;
mod construct;
mod docs;
mod enums;
mod errors;
mod gate;
mod models;
mod multipart;
pub(crate) mod operation;
mod redact;
mod scalar_union;
mod security;
mod summary;
pub(crate) mod ty;

use crate::format::{format_files, OutFile};
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
    let files = format_files(
        vec![
            OutFile::text(format!("{models_dir}/Cargo.toml"), || cargo::models(api, settings, &header)),
            OutFile::rust(format!("{models_dir}/src/lib.rs"), models::parts(api)),
            OutFile::text(format!("{client_dir}/Cargo.toml"), || cargo::client(api, settings, &header)),
            OutFile::rust(format!("{client_dir}/src/lib.rs"), client::parts(api)),
            OutFile::text(format!("{client_dir}/API.md"), || summary::markdown(api)),
        ],
        &header,
    )?;
    Ok(files.into_iter().map(|(path, contents)| GeneratedFile { path, contents }).collect())
}

/// How many items of one kind go in one [`Part`](crate::format::Part): small enough to spread a
/// large spec over the threads, large enough that a small spec is one part per kind.
pub(crate) const CHUNK: usize = 32;
