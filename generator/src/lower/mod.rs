//! Step 3, lower: OpenAPI -> IR. Names are made here and only here (through `names`).

mod branch;
mod branches;
mod cycles;
mod dedup;
mod error_display;
mod event_stream;
pub mod features;
mod form;
pub mod grouping;
mod idempotency;
pub(crate) mod implied;

mod multipart;
mod object;
mod nullable;
mod operation;
mod pagination;
mod pointer;
mod read_write;
mod schema;
mod shape;
mod undeclared;
mod union;
mod upgrade;
pub mod security;
mod webhooks;

pub use operation::{is_json, names_json};

use crate::diag::Diagnostics;
use crate::ir::*;
use crate::names::{camel, Namespace};
use crate::Settings;
use openapiv3::OpenAPI;

/// Names the client crate itself defines or re-exports from the runtime.
const CLIENT_RESERVED: &[&str] = &["Client", "Error", "SERVICE", "Envelope", "models", "Call", "ClientBuilder", "ConfigError", "ErrorKind", "FilePart", "StreamExt", "TryStreamExt", "Event", "EventStream", "Nullable", "Credentials"];

/// Lowers a validated document.
pub fn lower(doc: &OpenAPI, settings: &Settings, diags: &mut Diagnostics) -> Api {
    crate::names::clear_memo();
    let api = lower_doc(doc, settings, diags);
    crate::names::clear_memo();
    api
}

fn lower_doc(doc: &OpenAPI, settings: &Settings, diags: &mut Diagnostics) -> Api {
    let ext = crate::ext::client(&doc.extensions);
    let name = crate::names::crate_prefix(ext.name.as_ref().map_or(&settings.default_name, |n| &n.0));
    let version = ext.version.as_ref().map_or("0.1.0", |v| &v.0).to_string();
    let envelope = ext.envelope.as_ref().map(|e| Envelope { result: e.result.clone(), success: e.success.clone() });
    let error_code = ext.error_code.map_or(ErrorCodeStyle::Status, |e| e.0);
    let base_url_env = match &ext.base_url_env {
        Some(names) => names.0.clone(),
        None => vec![format!("{}_BASE_URL", env_prefix(&name))],
    };
    let security = security::lower(doc, &ext, &env_prefix(&name), diags);
    let server_url = server_url(doc);

    let mut type_names = Namespace::new();
    let mut types = schema::Types::new(doc, diags, std::mem::take(&mut type_names));
    types.lower_components();
    let mut client_names = Namespace::new();
    for r in CLIENT_RESERVED {
        client_names.reserve(r);
    }
    let mut ops = operation::Ops {
        types: &mut types,
        client_names,
        envelope: envelope.clone(),
        error_code,
        security: &security,
    };
    let mut operations = ops.lower_all();
    let mut client_names = std::mem::take(&mut ops.client_names);
    let webhooks = webhooks::lower(&mut types, doc);
    let mut type_defs = std::mem::take(&mut types.types);
    read_write::relax(&mut type_defs, &operations);
    cycles::break_alias_cycles(&mut type_defs, diags);
    dedup::dedup(&mut type_defs);
    cycles::box_cycles(&mut type_defs);

    let groups = groups(&mut operations, &mut client_names);
    let mut api = Api {
        name,
        version,
        title: doc.info.title.clone(),
        description: doc.info.description.clone(),
        spec_path: settings.spec_path.clone(),
        client: ClientConfig {
            server_url,
            base_url_env,
            security: Security { own: security::own_requirements(&operations), ..security.security.clone() },
            request_id_header: ext.request_id_header.map(|h| h.0),
            envelope,
            error_code,
        },
        types: type_defs,
        operations,
        groups,
        features: Vec::new(),
        webhooks,
    };
    features::assign(&mut api);
    api
}

/// `cloudflare-tokens` -> `CLOUDFLARE_TOKENS`.
pub fn env_prefix(name: &str) -> String {
    name.to_ascii_uppercase().replace('-', "_")
}

fn server_url(doc: &OpenAPI) -> String {
    let Some(server) = doc.servers.first() else { return "http://localhost".to_string() };
    let mut url = server.url.clone();
    if let Some(vars) = &server.variables {
        for (k, v) in vars {
            // `{region}` stays for the runtime to fill; other variables take their defaults.
            if k != "region" {
                url = url.replace(&format!("{{{k}}}"), &v.default);
            }
        }
    }
    url.trim_end_matches('/').to_string()
}

/// Registers groups (and the accessor names that reach them) and makes method names unique
/// within each container.
fn groups(operations: &mut [Operation], client_names: &mut Namespace) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for op in operations.iter() {
        for depth in 1..=op.group.len() {
            let path = &op.group[..depth];
            if !groups.iter().any(|g| g.path == path) {
                let struct_name = client_names.claim(&camel(&path.join("_")), &path.join("."));
                groups.push(Group { path: path.to_vec(), struct_name, gate: Gate::Always });
            }
        }
    }
    // Per container: child group accessors first, then methods.
    let mut containers: std::collections::HashMap<Vec<String>, Namespace> = std::collections::HashMap::new();
    for g in &groups {
        let parent = g.path[..g.path.len() - 1].to_vec();
        containers.entry(parent).or_default().reserve(g.path.last().map(String::as_str).unwrap_or(""));
    }
    for ns in containers.values_mut() {
        for r in ["builder", "from_env", "core", "clone", "fmt", "from"] {
            ns.reserve(r);
        }
    }
    containers.entry(Vec::new()).or_default();
    for op in operations.iter_mut() {
        let ns = containers.entry(op.group.clone()).or_insert_with(|| {
            let mut ns = Namespace::new();
            for r in ["builder", "from_env", "core", "clone", "fmt", "from"] {
                ns.reserve(r);
            }
            ns
        });
        let unique = ns.claim(&op.method_name, &op.id);
        if unique != op.method_name {
            op.method_name = unique;
            op.call_path = op.group.iter().chain(std::iter::once(&op.method_name)).cloned().collect::<Vec<_>>().join(".");
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    /// The call paths and group structs of a spec whose operations are `(method, path, x-rust-method)`.
    fn calls(ops: &[(&str, &str, &str)]) -> (Vec<String>, Vec<(String, String)>) {
        let mut paths = String::new();
        for (i, (method, path, call)) in ops.iter().enumerate() {
            paths.push_str(&format!("  {path}:\n    {method}:\n      operationId: Op{i}\n      x-rust-method: {call}\n      responses: {{'204': {{description: ok}}}}\n"));
        }
        let spec = format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}");
        let doc: openapiv3::OpenAPI = serde_yaml::from_str(&spec).unwrap_or_else(|e| panic!("{e}\n{spec}"));
        let api = super::lower(&doc, &crate::Settings::for_spec("t.yaml"), &mut crate::diag::Diagnostics::new("t.yaml"));
        let groups = api.groups.iter().map(|g| (g.path.join("."), g.struct_name.clone())).collect();
        (api.operations.iter().map(|o| o.call_path.clone()).collect(), groups)
    }

    #[test]
    fn method_names_are_unique_per_container_and_avoid_the_clients_own() {
        let (calls, groups) = calls(&[
            ("get", "/a", "things.get"),
            ("post", "/b", "things.get"),
            ("get", "/c", "things.builder"),
            ("get", "/d", "things.list"),
            ("put", "/e", "other.get"),
            ("get", "/f", "clone"),
        ]);
        assert_eq!(calls, ["things.get", "things.get_2", "things.builder_2", "things.list", "other.get", "clone_2"]);
        assert_eq!(groups, [("things".to_string(), "Things".to_string()), ("other".into(), "Other".into())]);
    }

    #[test]
    fn a_group_named_like_a_client_item_gets_another_struct_name() {
        let (calls, groups) = calls(&[("get", "/a", "client.get"), ("get", "/b", "models.tokens.list")]);
        assert_eq!(calls, ["client.get", "models.tokens.list"]);
        // `Client` is the client's own struct: the group's takes the case hint of its
        // all-lower-case spelling (see `Namespace::claim`).
        assert_eq!(
            groups,
            [("client".to_string(), "ClientLower".to_string()), ("models".into(), "Models".into()), ("models.tokens".into(), "ModelsTokens".into())]
        );
    }
}
