//! Step 2, validate: collect every problem with its JSON pointer before lowering anything.
//!
//! Every problem found here is one the generator can work around (`Diagnostics::recover`): the
//! document is repaired (see [`repair`]) and generation goes on, each repair a warning naming
//! its pointer; `cargo xtask lint` reports the same problems as errors.

mod quick;
pub mod repair;
mod refs;

pub use quick::passes;

use crate::diag::{pointer, Diagnostics};
use repair::{Fix, Repairs};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};

const METHODS: &[&str] = crate::ir::HttpMethod::KEYS;

/// Runs every check on the raw document and repairs what each found. Returns whether anything
/// changed.
pub fn validate(doc: &mut Value, diags: &mut Diagnostics) -> bool {
    // A reference repaired away can leave another pointing at nothing (a component that was
    // itself a reference): a few rounds settle it.
    let mut changed = false;
    for _ in 0..4 {
        let repairs = refs::check(doc, diags);
        if repairs.is_empty() {
            break;
        }
        repairs.apply(doc);
        changed = true;
    }
    let mut repairs = check_operation_ids(doc, diags);
    repairs.extend(check_path_params(doc, diags));
    repairs.extend(crate::ext::validate(doc, diags));
    changed |= !repairs.is_empty();
    repairs.apply(doc);
    changed
}

/// Resolves a local `$ref` (`#/components/schemas/X`) in the document.
pub fn resolve_pointer<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let rest = reference.strip_prefix('#')?;
    if rest.is_empty() {
        return Some(doc);
    }
    let mut node = doc;
    for raw in rest.strip_prefix('/')?.split('/') {
        let seg = crate::pointer::unescape(raw);
        node = match node {
            Value::Object(m) => m.get(&seg)?,
            Value::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

fn operations(doc: &Value) -> impl Iterator<Item = (&str, &str, &serde_json::Map<String, Value>, &Value)> {
    doc.get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.iter())
        .flat_map(|(path, item)| {
            METHODS.iter().filter_map(move |m| {
                item.get(*m).and_then(Value::as_object).map(|op| (path.as_str(), *m, op, item))
            })
        })
}

/// A repeated operationId: the later operation gets the id with the first free number after it
/// (`getThing2`).
fn check_operation_ids(doc: &Value, diags: &mut Diagnostics) -> Repairs {
    let mut repairs = Repairs::default();
    let all: HashSet<&str> = operations(doc).filter_map(|(_, _, op, _)| op.get("operationId").and_then(Value::as_str)).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for (path, method, op, _) in operations(doc) {
        let Some(id) = op.get("operationId").and_then(Value::as_str) else { continue };
        let here = pointer(&["paths", path, method, "operationId"]);
        if let Some(first) = seen.get(id) {
            let renamed = (2..).map(|n| format!("{id}{n}")).find(|c| !all.contains(c.as_str()) && !taken.contains(c)).unwrap_or_default();
            diags.recover(
                here,
                format!("duplicate operationId `{id}` (first used at {first})"),
                format!("this operation is generated as `{renamed}`"),
                Some("give every operation a unique operationId".to_string()),
            );
            repairs.push(&["paths", path, method, "operationId"], Fix::Replace(Value::String(renamed.clone())));
            taken.insert(renamed);
        } else {
            seen.insert(id.to_string(), here);
        }
    }
    repairs
}

/// Names in `{braces}` in a path template.
pub fn template_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        out.push(rest[start + 1..start + len].to_string());
        rest = &rest[start + len + 1..];
    }
    out
}

/// The path parameters in a `parameters` list, each with its index there.
fn declared_path_params(doc: &Value, params: Option<&Value>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, p) in params.and_then(Value::as_array).into_iter().flatten().enumerate() {
        let p = match p.get("$ref").and_then(Value::as_str) {
            Some(r) => match resolve_pointer(doc, r) {
                Some(v) => v,
                None => continue,
            },
            None => p,
        };
        if p.get("in").and_then(Value::as_str) == Some("path") {
            if let Some(name) = p.get("name").and_then(Value::as_str) {
                out.push((i, name.to_string()));
            }
        }
    }
    out
}

/// Every operation's path parameters that its template uses and its declared ones, as sets.
fn path_params(doc: &Value) -> impl Iterator<Item = (&str, &str, BTreeSet<String>, BTreeSet<String>)> {
    operations(doc).map(|(path, method, op, item)| {
        let used: BTreeSet<String> = template_params(path).into_iter().collect();
        let mut declared: BTreeSet<String> = declared_path_params(doc, item.get("parameters")).into_iter().map(|(_, n)| n).collect();
        declared.extend(declared_path_params(doc, op.get("parameters")).into_iter().map(|(_, n)| n));
        (path, method, used, declared)
    })
}

/// Errors for path parameters that a template uses but the operation does not declare: not run
/// by [`validate`], since generation takes each as a required string with a warning (see
/// lowering), but run by `cargo xtask lint`, which holds the workspace's own specs to it.
pub fn check_undeclared_path_params(doc: &Value, diags: &mut Diagnostics) {
    for (path, method, used, declared) in path_params(doc) {
        for name in used.difference(&declared) {
            diags.error(
                pointer(&["paths", path, method]),
                format!("path parameter `{name}` is used in `{path}` but not declared"),
                Some(format!("add `{{name: {name}, in: path, required: true, schema: {{type: string}}}}` to the operation's parameters")),
            );
        }
    }
}

/// Declared path parameters that the template does not use: the value would have nowhere to
/// go, so the declaration is dropped (a template variable left without one is still a required
/// string argument; lowering warns).
fn check_path_params(doc: &Value, diags: &mut Diagnostics) -> Repairs {
    let mut repairs = Repairs::default();
    for (path, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
        let used: BTreeSet<String> = template_params(path).into_iter().collect();
        let mut lists = vec![vec![path.as_str()]];
        lists.extend(METHODS.iter().filter(|m| item.get(**m).is_some_and(Value::is_object)).map(|m| vec![path.as_str(), *m]));
        for at in lists {
            let Some(node) = at.get(1).map_or(Some(item), |m| item.get(*m)) else { continue };
            for (i, name) in declared_path_params(doc, node.get("parameters")) {
                if used.contains(&name) {
                    continue;
                }
                let index = i.to_string();
                let mut place = vec!["paths"];
                place.extend(&at);
                place.extend(["parameters", index.as_str()]);
                diags.recover(
                    pointer(&place),
                    format!("path parameter `{name}` is declared but `{path}` has no `{{{name}}}`"),
                    "the declaration is dropped",
                    Some(format!("remove the parameter or add `{{{name}}}` to the path")),
                );
                repairs.push(&place, Fix::Remove);
            }
        }
    }
    repairs
}
