//! Step 4, emit: IR -> token streams and the files around them.

mod cargo;
mod client;
mod docs;
mod errors;
mod gate;
mod models;
mod operation;
mod summary;
mod ty;

use crate::format::format_rust;
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
    Ok(vec![
        GeneratedFile { path: format!("{models_dir}/Cargo.toml"), contents: cargo::models(api, &header) },
        GeneratedFile { path: format!("{models_dir}/src/lib.rs"), contents: format_rust(models::lib(api), &header)? },
        GeneratedFile { path: format!("{client_dir}/Cargo.toml"), contents: cargo::client(api, settings, &header) },
        GeneratedFile { path: format!("{client_dir}/src/lib.rs"), contents: format_rust(client::lib(api), &header)? },
        GeneratedFile { path: format!("{client_dir}/API.md"), contents: summary::markdown(api) },
    ])
}
