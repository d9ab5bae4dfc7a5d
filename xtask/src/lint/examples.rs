//! Every `example`, and every entry of `examples`, validates against its schema: examples in
//! schemas (against that schema), and in parameters, headers and media types (against their
//! `schema`), component examples included where they are used.

use super::validator::{display_at, Issue, Validator};
use super::walk::{at, ref_path, schema_sites, schemas, Path};
use super::Raw;
use serde_json::Value;

/// Checks every example; returns how many were validated.
pub fn check(doc: &Value, out: &mut Vec<Raw>) -> usize {
    let mut validator = Validator::new(doc);
    let mut checked = 0;
    for (schema, path, direction) in schemas(doc) {
        if schema.get("$ref").is_some() {
            continue;
        }
        // OpenAPI 3.1 schemas list `examples` (the load step also copies the first to `example`).
        if let Some(Value::Array(examples)) = schema.get("examples") {
            for (i, example) in examples.iter().enumerate() {
                let issues = validator.validate(example, schema, &path, direction);
                report(issues, &at(&path, &["examples", &i.to_string()]), None, out);
                checked += 1;
            }
            continue;
        }
        let Some(example) = schema.get("example") else { continue };
        let issues = validator.validate(example, schema, &path, direction);
        report(issues, &at(&path, &["example"]), None, out);
        checked += 1;
    }
    for site in schema_sites(doc) {
        let Some(schema) = site.node.get("schema") else { continue };
        let schema_at = at(&site.at, &["schema"]);
        let mut run = |value: &Value, value_at: Path, used_by: Option<&Path>, out: &mut Vec<Raw>| {
            let issues = validator.validate(value, schema, &schema_at, site.direction);
            report(issues, &value_at, used_by, out);
            checked += 1;
        };
        if let Some(example) = site.node.get("example") {
            run(example, at(&site.at, &["example"]), None, out);
        }
        for (name, entry) in site.node.get("examples").and_then(Value::as_object).into_iter().flatten() {
            let entry_at = at(&site.at, &["examples", name]);
            let (entry, entry_path, used_by) = match entry.get("$ref").and_then(Value::as_str) {
                Some(r) => match (generator::validate::resolve_pointer(doc, r), ref_path(r)) {
                    (Some(target), Some(path)) => (target, path, Some(&entry_at)),
                    _ => continue, // reported by the generator's reference check
                },
                None => (entry, entry_at.clone(), None),
            };
            match (entry.get("value"), entry.get("externalValue")) {
                (Some(value), _) => run(value, at(&entry_path, &["value"]), used_by, out),
                (None, Some(_)) => out.push(Raw::warning(
                    "example",
                    entry_path.clone(),
                    format!("example `{name}` has only an `externalValue`, which is not checked"),
                )),
                (None, None) => out.push(Raw::error(
                    "example",
                    entry_path.clone(),
                    format!("example `{name}` has no `value`"),
                    "an entry of `examples` is an Example Object: put the example under `value:`",
                )),
            }
        }
    }
    checked
}

fn report(issues: Vec<Issue>, example_at: &Path, used_by: Option<&Path>, out: &mut Vec<Raw>) {
    for issue in issues {
        if issue.on_schema {
            let path = ref_path(&issue.schema).unwrap_or_default();
            out.push(Raw::warning("example", path, issue.message));
            continue;
        }
        let mut path = example_at.clone();
        path.extend(issue.at.iter().cloned());
        let mut message = if issue.at.is_empty() {
            format!("the example does not match its schema: {}", issue.message)
        } else {
            format!("the example does not match its schema at `{}`: {}", display_at(&issue.at), issue.message)
        };
        if let Some(site) = used_by {
            message.push_str(&format!(" (as used by {})", super::walk::pointer(site)));
        }
        let help = format!("the schema is {}", issue.schema);
        out.push(if issue.warning {
            Raw::warning("example", path, message).with_help(help)
        } else {
            Raw::error("example", path, message, help)
        });
    }
}
