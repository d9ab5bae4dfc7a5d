//! Values for a spec's inputs, and the program that calls every operation with them, for
//! `cargo xtask conformance`. The values are JSON, made from the raw document's schemas (see
//! [`Sampler`]); the program turns them into each argument's Rust type with
//! `serde_json::from_value` (which exercises the models too) and calls the operation as
//! `API.md` documents it.

mod answer;
mod check;
mod faults;
mod inputs;
mod mock_limits;
mod program;
mod request_read_only;
mod schema;
mod text;

pub use check::{valid, violation};
pub use schema::Sampler;

use crate::diag::Diagnostics;
use crate::{ir, Diagnostic, Settings};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// How the program's detail says that Prism cut its list of violations (see `runner.rs`).
const CUT: &str = "Prism cut its list of violations";

/// A spec ready to be sampled: its raw document and its lowered API.
pub struct Prepared {
    doc: Value,
    api: ir::Api,
}

/// One operation, as the conformance report names it.
#[derive(Debug, Clone)]
pub struct OperationRef {
    /// Index in the program (`op_<index>`).
    pub index: usize,
    /// `accounts.tokens.get`.
    pub call: String,
    /// `GET /accounts/{account_id}/tokens/{token_id}`.
    pub route: String,
}

/// Loads and lowers a spec for sampling.
pub fn prepare(text: &str, settings: &Settings) -> Result<Prepared, Vec<Diagnostic>> {
    let mut diags = Diagnostics::new(&settings.spec_path);
    let Some(doc) = crate::load::raw(text, &mut diags) else { return Err(diags.into_vec()) };
    let Some(typed) = crate::load::typed(&doc, &mut diags) else { return Err(diags.into_vec()) };
    let api = crate::lower::lower(&typed, settings, &mut diags);
    Ok(Prepared { doc, api })
}

/// A test spec (`t.yaml`), prepared: the setup of the tests of the instrument's classes.
#[cfg(test)]
pub(crate) fn prepared(spec: &str) -> Prepared {
    prepare(spec, &Settings::for_spec("t.yaml")).expect("the spec loads")
}

impl Prepared {
    /// The crate prefix (`<name>-client`).
    pub fn name(&self) -> &str {
        &self.api.name
    }

    /// The operations, in program order.
    pub fn operations(&self) -> Vec<OperationRef> {
        let ops = self.api.operations.iter().enumerate();
        ops.map(|(index, op)| OperationRef { index, call: op.call_path.clone(), route: format!("{} {}", op.http_method, op.path) }).collect()
    }

    /// Every operation's inputs: `{"<index>": {"required": {..}, "full": {..}}}`, without
    /// `full` when it is the same as `required` (the operation has no optional input).
    pub fn values(&self) -> Value {
        let sampler = Sampler::new(&self.doc);
        let mut out = Map::new();
        for (i, op) in self.api.operations.iter().enumerate() {
            let inputs = inputs::inputs(&sampler, &self.doc, op);
            let mut both = Map::new();
            if inputs.full != inputs.required {
                both.insert("full".into(), Value::Object(inputs.full));
            }
            both.insert("required".into(), Value::Object(inputs.required));
            out.insert(i.to_string(), Value::Object(both));
        }
        Value::Object(out)
    }

    /// Why the body the mock answered with `status` to operation `op` (an index of
    /// [`Prepared::operations`]) breaks the response schema the spec documents, when it
    /// definitely does: the failure to decode it is then the mock's, not the client's.
    /// `client_at` is serde's path where the client failed, when known: the violation must be
    /// on it or inside it.
    pub fn disallowed(&self, op: usize, status: u16, body: &str, client_at: Option<&str>) -> Option<String> {
        let op = self.api.operations.get(op)?;
        answer::disallowed(&Sampler::new(&self.doc), &self.doc, op, status, body, client_at)
    }

    /// Why Prism's rejection `detail` of a request of operation `op` is no client's fault (a
    /// multipart part typed as an object or a list; a `oneOf` whose branches no value tells
    /// apart; a read-only property required, also inside a union; a typeless query enum of
    /// non-strings; an exploded object query parameter whose properties only its `oneOf` branches
    /// declare), when it is
    /// not.
    pub fn mock_limit(&self, op: usize, detail: &str) -> Option<String> {
        let op = self.api.operations.get(op)?;
        if detail.contains(CUT) {
            // Violations not shown may be the client's.
            return None;
        }
        let sampler = Sampler::new(&self.doc);
        mock_limits::mock_limit(op, detail)
            .or_else(|| mock_limits::indistinct_one_of(&sampler, &self.doc, op, detail))
            .or_else(|| mock_limits::read_only_required(&sampler, &self.doc, op, detail))
            .or_else(|| request_read_only::read_only_in_union(&self.doc, op, detail))
            .or_else(|| mock_limits::uncoerced_query_enum(&sampler, &self.doc, op, detail))
            .or_else(|| mock_limits::exploded_union_query(&sampler, &self.doc, op, detail))
    }

    /// The spec's own faults in each operation's inputs, by index: inputs no client can send
    /// right (a request body schema no value satisfies, a `oneOf` parameter whose branches no
    /// value on the wire tells apart), each with the reason.
    pub fn spec_faults(&self) -> std::collections::BTreeMap<usize, Vec<String>> {
        let sampler = Sampler::new(&self.doc);
        let ops = self.api.operations.iter().enumerate();
        ops.map(|(i, op)| (i, inputs::inputs(&sampler, &self.doc, op).faults)).filter(|(_, f)| !f.is_empty()).collect()
    }

    /// The program's `src/main.rs`, without the operations in `skip`.
    pub fn main_rs(&self, skip: &BTreeSet<usize>) -> Result<String, String> {
        program::main_rs(&self.api, skip)
    }

    /// The program's `Cargo.toml`: package `<name>-conformance`, next to the generated crates.
    pub fn manifest(&self, runtime_path: &str) -> String {
        let name = &self.api.name;
        format!(
            "[package]\nname = \"{name}-conformance\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
             api-runtime = {{ path = \"{runtime_path}\" }}\n{name}-client = {{ path = \"../{name}-client\" }}\n\
             serde = \"1\"\nserde_json = \"1\"\nserde_path_to_error = \"0.1\"\n\
             tokio = {{ version = \"1\", features = [\"rt\"] }}\n\
             chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }}\n"
        )
    }
}
