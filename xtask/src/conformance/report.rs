//! What the conformance runs found: each operation's class (`ok` when every call of it was, else
//! its first failure's, a failure of the client before one of the mock's), a table per spec, the
//! failures with their details, and `N of M operations conform` per spec and in all. `mock`
//! (Prism itself could not answer, e.g. the spec's own example is invalid) and `spec` (Prism
//! rejected an input no client can send right: `generator::sample` names the spec's fault, e.g.
//! a body schema no value satisfies) are listed with their reasons but not counted.

use generator::sample::{OperationRef, Prepared};
use std::collections::BTreeMap;

/// The classes, in table order.
pub const CLASSES: [&str; 8] = ["ok", "request-rejected", "decode", "auth", "not-compiled", "other", "mock", "spec"];

/// The classes that are not the client's: listed, not counted.
const NOT_COUNTED: [&str; 2] = ["mock", "spec"];

/// One call of one operation, as the program printed it.
pub struct Call {
    pub op: usize,
    pub class: String,
    pub detail: String,
    /// The status and body of a response the client could not decode.
    pub answer: Option<(u16, String)>,
}

impl Call {
    /// A line of the program's output (`{"op": 3, "class": "ok", "detail": ""}`).
    pub fn parse(line: &str, ops: &[OperationRef]) -> Option<Call> {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let op = usize::try_from(v.get("op")?.as_u64()?).ok().filter(|op| *op < ops.len())?;
        let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
        let status = v.get("status").and_then(|s| s.as_u64()).and_then(|s| u16::try_from(s).ok());
        let answer = status.map(|s| (s, text("body")));
        Some(Call { op, class: text("class"), detail: text("detail"), answer })
    }

    /// The call, with a decode failure on a body the spec's own schema does not allow classed
    /// `mock` (with where the body breaks it): the mock's fault, listed, not counted.
    /// So is a rejection of a request Prism cannot accept however it is sent.
    pub fn judged(mut self, prepared: &Prepared) -> Call {
        let why = match (self.class.as_str(), &self.answer) {
            ("decode", Some((status, body))) => {
                // `at result[0]: invalid type: ...`: serde's path where the client failed.
                let client_at = self.detail.strip_prefix("at ").and_then(|d| d.split_once(": ")).map(|(at, _)| at);
                let why = prepared.disallowed(self.op, *status, body, client_at);
                why.map(|why| format!("the mock answered a body its schema does not allow: {why}"))
            }
            ("request-rejected", _) => prepared.mock_limit(self.op, &self.detail),
            _ => None,
        };
        if let Some(why) = why {
            self.detail = format!("{why} (the client: {})", self.detail);
            self.class = "mock".into();
        }
        self
    }
}

/// One spec's results.
pub struct SpecReport {
    pub spec: String,
    pub operations: Vec<OperationRef>,
    pub not_compiled: BTreeMap<usize, String>,
    /// Per operation: the spec's own faults in its inputs (a request rejected over them is
    /// `spec`, not `request-rejected`).
    pub spec_faults: BTreeMap<usize, Vec<String>>,
    /// Per operation: its first failure (run, mode, class, detail), and whether it ever was
    /// only the mock's.
    failures: BTreeMap<usize, (String, String, String, String)>,
    /// A step that failed for the whole spec.
    pub error: Option<String>,
    pub seconds: f64,
}

impl SpecReport {
    pub fn new(spec: &str) -> Self {
        SpecReport { spec: spec.into(), operations: Vec::new(), not_compiled: BTreeMap::new(), spec_faults: BTreeMap::new(), failures: BTreeMap::new(), error: None, seconds: 0.0 }
    }

    /// Adds one run's calls; a failure of the client replaces a `mock` one recorded before.
    pub fn add(&mut self, run: &str, mode: &str, calls: Vec<Call>) {
        for c in calls.into_iter().filter(|c| c.class != "ok") {
            let replace = self.failures.get(&c.op).is_none_or(|(_, _, class, _)| class == "mock" && c.class != "mock");
            if replace {
                self.failures.insert(c.op, (run.into(), mode.into(), c.class, c.detail));
            }
        }
    }

    /// Each operation's class.
    pub fn classes(&self) -> Vec<&str> {
        (0..self.operations.len())
            .map(|i| match (self.not_compiled.contains_key(&i), self.failures.get(&i)) {
                (true, _) => "not-compiled",
                (false, Some((_, _, class, _))) if class == "request-rejected" && self.spec_faults.contains_key(&i) => "spec",
                (false, Some((_, _, class, _))) => class.as_str(),
                (false, None) => "ok",
            })
            .collect()
    }

    fn count(&self, class: &str) -> usize {
        self.classes().iter().filter(|c| **c == class).count()
    }

    /// Operations that conform.
    pub fn ok(&self) -> usize {
        if self.error.is_some() {
            return 0;
        }
        self.count("ok")
    }

    /// Operations counted (all but `mock` and `spec`).
    pub fn counted(&self) -> usize {
        self.operations.len() - NOT_COUNTED.iter().map(|c| self.count(c)).sum::<usize>()
    }

    /// Whether every counted operation conforms and nothing failed for the whole spec.
    pub fn passes(&self) -> bool {
        self.error.is_none() && self.ok() == self.counted()
    }

    /// `- class call (ROUTE) [run, mode]: detail`, one line per failing operation.
    pub fn failure_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let classes = self.classes();
        for (i, op) in self.operations.iter().enumerate() {
            let (class, detail) = match (self.not_compiled.get(&i), self.failures.get(&i)) {
                (Some(message), _) => ("not-compiled".to_string(), message.clone()),
                (None, Some((run, mode, _, detail))) if classes[i] == "spec" => {
                    let why = self.spec_faults.get(&i).map(|f| f.join("; ")).unwrap_or_default();
                    ("spec".to_string(), format!("{why} [{run}, {mode}] the mock: {detail}"))
                }
                (None, Some((run, mode, class, detail))) => (class.clone(), format!("[{run}, {mode}] {detail}")),
                (None, None) => continue,
            };
            let detail: String = detail.chars().take(400).collect();
            lines.push(format!("- {class} `{}` ({}): {detail}", op.call, op.route));
        }
        lines
    }
}

/// The report: one table row per spec (and the total), `N of M operations conform` per spec and
/// in all, then every failure.
pub fn render(reports: &[SpecReport], seconds: f64) -> String {
    let mut out = String::from("| spec | ops | ");
    out.push_str(&CLASSES.join(" | "));
    out.push_str(" | conform | s |\n|---|---:|");
    out.push_str(&"---:|".repeat(CLASSES.len() + 2));
    out.push('\n');
    let mut totals = [0usize; CLASSES.len()];
    let (mut ops, mut ok, mut counted) = (0, 0, 0);
    for r in reports {
        let counts: Vec<usize> = CLASSES.iter().map(|c| if r.error.is_some() { 0 } else { r.count(c) }).collect();
        for (t, c) in totals.iter_mut().zip(&counts) {
            *t += c;
        }
        ops += r.operations.len();
        ok += r.ok();
        counted += r.counted();
        let cells: Vec<String> = counts.iter().map(usize::to_string).collect();
        out.push_str(&format!("| {} | {} | {} | {} | {:.0} |\n", r.spec, r.operations.len(), cells.join(" | "), percent(r.ok(), r.counted()), r.seconds));
    }
    let cells: Vec<String> = totals.iter().map(usize::to_string).collect();
    out.push_str(&format!("| all | {ops} | {} | {} | {seconds:.0} |\n\n", cells.join(" | "), percent(ok, counted)));
    for r in reports {
        out.push_str(&format!("{}: {} of {} operations conform\n", r.spec, r.ok(), r.counted()));
        if let Some(e) = &r.error {
            out.push_str(&format!("  FAILED: {e}\n"));
        }
        for line in r.failure_lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push_str(&format!("{ok} of {counted} operations conform ({seconds:.0} s)\n"));
    out
}

fn percent(n: usize, of: usize) -> String {
    if of == 0 {
        return "-".into();
    }
    format!("{:.1}%", 100.0 * n as f64 / of as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(n: usize) -> Vec<OperationRef> {
        (0..n).map(|index| OperationRef { index, call: format!("op{index}"), route: format!("GET /{index}") }).collect()
    }

    fn call(op: usize, class: &str, detail: &str) -> Call {
        Call { op, class: class.into(), detail: detail.into(), answer: None }
    }

    #[test]
    fn a_rejection_over_the_specs_fault_is_listed_with_its_reason_not_counted() {
        let mut r = SpecReport::new("a.yaml");
        r.operations = ops(4);
        r.spec_faults.insert(1, vec!["request body: no value satisfies the schema".into()]);
        r.spec_faults.insert(2, vec!["request body: no value satisfies the schema".into()]);
        r.add("static", "required", vec![call(0, "ok", ""), call(1, "request-rejected", "request.body: bad"), call(2, "decode", "at x"), call(3, "request-rejected", "request.query.q: bad")]);
        // A fault of the spec's explains a rejection only: a decode failure stays the client's.
        assert_eq!(r.classes(), ["ok", "spec", "decode", "request-rejected"]);
        assert_eq!((r.ok(), r.counted()), (1, 3));
        assert!(!r.passes());
        let lines = r.failure_lines();
        assert!(lines[0].starts_with("- spec `op1` (GET /1): request body: no value satisfies the schema [static, required] the mock: request.body: bad"), "{lines:?}");
        let table = render(&[r], 1.0);
        assert!(table.contains("| a.yaml | 4 | 1 | 1 | 1 | 0 | 0 | 0 | 0 | 1 | 33.3% | 0 |"), "{table}");
    }
}
