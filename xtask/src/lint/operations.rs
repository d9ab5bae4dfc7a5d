//! Every operation has an `operationId`, a `summary` and a security requirement (its own
//! `security`, or the document's), naming only declared security schemes.

use super::walk::{at, operations, text};
use super::Raw;
use serde_json::Value;

/// Checks every operation.
pub fn check(doc: &Value, out: &mut Vec<Raw>) {
    let schemes = doc.pointer("/components/securitySchemes").and_then(Value::as_object);
    let global = doc.get("security");
    check_requirements(global, &["security".to_string()], schemes, out);
    let global_set = global.and_then(Value::as_array).is_some_and(|r| !r.is_empty());
    for op in operations(doc) {
        let name = format!("`{} {}`", op.method.to_ascii_uppercase(), op.path);
        if text(op.op, "operationId").is_none() {
            out.push(Raw::error(
                "operation-id",
                op.at.clone(),
                format!("{name} has no `operationId`"),
                "add a unique `operationId`: it names the operation in errors, traces and (without `x-rust-method`) the Rust method",
            ));
        }
        if text(op.op, "summary").is_none() {
            out.push(Raw::error(
                "summary",
                op.at.clone(),
                format!("{name} has no `summary`"),
                "add `summary:`, one line saying what the operation does (it heads the generated method's docs)",
            ));
        }
        match op.op.get("security") {
            Some(Value::Array(reqs)) if reqs.is_empty() => out.push(Raw::warning(
                "security",
                at(&op.at, &["security"]),
                format!("{name} has `security: []`: it is sent without credentials"),
            )),
            Some(reqs) => check_requirements(Some(reqs), &at(&op.at, &["security"]), schemes, out),
            None if global_set => {}
            None => out.push(Raw::error(
                "security",
                op.at.clone(),
                format!("{name} has no security requirement, and the document has none"),
                "add `security: [{<scheme>: []}]` to the operation or the document; write `security: []` if it really takes no credentials",
            )),
        }
    }
}

/// Each scheme a requirement names exists.
fn check_requirements(reqs: Option<&Value>, base: &[String], schemes: Option<&serde_json::Map<String, Value>>, out: &mut Vec<Raw>) {
    for (i, req) in reqs.and_then(Value::as_array).into_iter().flatten().enumerate() {
        for name in req.as_object().into_iter().flatten().map(|(k, _)| k) {
            if !schemes.is_some_and(|s| s.contains_key(name)) {
                let declared: Vec<String> = schemes.into_iter().flatten().map(|(k, _)| format!("`{k}`")).collect();
                out.push(Raw::error(
                    "security",
                    at(base, &[&i.to_string(), name]),
                    format!("security requirement names `{name}`, which is not in `components.securitySchemes`"),
                    if declared.is_empty() {
                        "declare the scheme under `components.securitySchemes`".to_string()
                    } else {
                        format!("declared schemes: {}", declared.join(", "))
                    },
                ));
            }
        }
    }
}
