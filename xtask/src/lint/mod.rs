//! `cargo xtask lint [SPEC...]`: review checks on specs. Every finding names the file, the line
//! and the JSON pointer; errors make the command fail, warnings do not.
//!
//! The checks: the generator's own (syntax, shape, references, extensions, lowering), then
//! [`operations`] (operationId, summary, security), [`descriptions`] (parameters and
//! properties), [`examples`] (each example validates against its schema, see [`validator`]),
//! [`enums`] (values and the Rust names they get) and [`unused`] (components). Lines come from
//! [`lines::LineIndex`].

pub mod descriptions;
pub mod enums;
pub mod examples;
pub mod lines;
pub mod operations;
pub mod unused;
pub mod validator;
pub mod walk;

use crate::paths;
use generator::{Diagnostic, Location, Settings};
pub use generator::Severity;
use lines::LineIndex;
use std::fmt;
use std::path::{Path, PathBuf};
use walk::Path as Segments;

/// One problem in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Error (fails the lint) or warning.
    pub severity: Severity,
    /// Which check found it, e.g. `summary` or `example`.
    pub rule: &'static str,
    /// The spec file as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, for syntax errors.
    pub column: Option<usize>,
    /// JSON pointer of the node, e.g. `#/paths/~1a/get`; `None` for syntax errors.
    pub pointer: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{level}[{}]: {}:{}", self.rule, self.file, self.line)?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        f.write_str(": ")?;
        if let Some(p) = &self.pointer {
            write!(f, "{p}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

/// The findings for one spec.
#[derive(Clone, Debug)]
pub struct Report {
    /// The spec file as given.
    pub file: String,
    /// Findings, by line.
    pub findings: Vec<Finding>,
    /// How many examples were validated against their schemas.
    pub examples_checked: usize,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).count()
    }

    /// Every finding, one per line (help lines indented), then a summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            out.push_str(&f.to_string());
            out.push('\n');
        }
        out.push_str(&format!(
            "{}: {} error(s), {} warning(s), {} example(s) validated\n",
            self.file,
            self.errors(),
            self.warnings(),
            self.examples_checked
        ));
        out
    }
}

/// A finding from a check, before it has a file and a line.
#[derive(Clone, Debug)]
pub struct Raw {
    severity: Severity,
    rule: &'static str,
    at: Segments,
    message: String,
    help: Option<String>,
}

impl Raw {
    /// An error, with how to fix it.
    pub fn error(rule: &'static str, at: Segments, message: String, help: impl Into<String>) -> Self {
        Self { severity: Severity::Error, rule, at, message, help: Some(help.into()) }
    }

    /// A warning.
    pub fn warning(rule: &'static str, at: Segments, message: String) -> Self {
        Self { severity: Severity::Warning, rule, at, message, help: None }
    }

    /// The same finding with a help line.
    pub fn with_help(mut self, help: String) -> Self {
        self.help = Some(help);
        self
    }
}

/// Lints one spec's text; `file` is how the findings name it.
pub fn lint_text(text: &str, file: &str) -> Report {
    let index = LineIndex::new(text);
    // Every defect generation works around is an error here: these are the team's own specs.
    let mut diags = generator::diag::Diagnostics::strict(file);
    let mut findings = Vec::new();
    let mut examples_checked = 0;
    if let Some((value, doc)) = generator::load::load(text, &mut diags) {
        // The checks repair what they find; the other checks read the document as written.
        generator::validate::validate(&mut value.clone(), &mut diags);
        // Generation takes an undeclared path parameter as a string, with a warning; our own
        // specs declare every one.
        generator::validate::check_undeclared_path_params(&value, &mut diags);
        if !diags.has_errors() {
            generator::lower::lower(&doc, &Settings::for_spec(file), &mut diags);
        }
        let mut raw = Vec::new();
        operations::check(&value, &mut raw);
        descriptions::check(&value, &mut raw);
        examples_checked = examples::check(&value, &mut raw);
        enums::check(&value, &mut raw);
        unused::check(&value, &mut raw);
        findings.extend(raw.into_iter().map(|r| {
            // The checks read the document as the load step rewrote it (a 3.1 document into 3.0's shape).
            let pointer = diags.original(&walk::pointer(&r.at));
            Finding {
                severity: r.severity,
                rule: r.rule,
                file: file.to_string(),
                line: index.line(&pointer),
                column: None,
                pointer: Some(pointer),
                message: r.message,
                help: r.help,
            }
        }));
    }
    // A generator warning where a check of the lint already reports an error says less.
    let errors_at: Vec<Option<String>> =
        findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.pointer.clone()).collect();
    findings.extend(
        diags
            .into_vec()
            .into_iter()
            .map(|d| from_diagnostic(d, &index))
            .filter(|f| f.severity == Severity::Error || !errors_at.contains(&f.pointer)),
    );
    findings.sort_by(|a, b| (a.line, &a.pointer, a.rule, &a.message).cmp(&(b.line, &b.pointer, b.rule, &b.message)));
    findings.dedup();
    Report { file: file.to_string(), findings, examples_checked }
}

fn from_diagnostic(d: Diagnostic, index: &LineIndex) -> Finding {
    let (rule, line, column, pointer) = match d.location {
        Location::Pointer(p) => ("generator", index.line(&p), None, Some(p)),
        Location::LineColumn(l, c) => ("syntax", l, Some(c), None),
        Location::Document => ("syntax", 1, None, None),
    };
    Finding { severity: d.severity, rule, file: d.file, line, column, pointer, message: d.message, help: d.help }
}

/// Lints a spec file; `shown` is how the findings name it. An unreadable file is an error finding.
pub fn lint_file(path: &Path, shown: &str) -> Report {
    match crate::overlays::read_file(path, shown, &[]) {
        Ok(text) => lint_text(&text, shown),
        Err(e) => Report {
            file: shown.to_string(),
            findings: vec![Finding {
                severity: Severity::Error,
                rule: "read",
                file: shown.to_string(),
                line: 1,
                column: None,
                pointer: None,
                message: format!("cannot read the spec: {e}"),
                help: None,
            }],
            examples_checked: 0,
        },
    }
}

/// The specs `cargo xtask lint` checks without arguments: every spec in `specs/`, named
/// `specs/<file>`.
pub fn default_specs(root: &Path) -> Vec<(PathBuf, String)> {
    paths::specs(&root.join("specs"))
        .into_iter()
        .map(|p| {
            let shown = format!("specs/{}", p.file_name().unwrap_or_default().to_string_lossy());
            (p, shown)
        })
        .collect()
}

/// Runs the command; `Ok(false)` means "exit 1" (a spec has errors).
pub fn run(args: &[String]) -> Result<bool, String> {
    if let Some(flag) = args.iter().find(|a| a.starts_with('-')) {
        return Err(format!("unknown argument `{flag}` for `lint`: usage `cargo xtask lint [SPEC...]`"));
    }
    let specs: Vec<(PathBuf, String)> = if args.is_empty() {
        let found = default_specs(&paths::root());
        if found.is_empty() {
            return Err("no specs found in specs/".into());
        }
        found
    } else {
        args.iter().map(|a| (PathBuf::from(a), a.clone())).collect()
    };
    let mut errors = 0;
    for (path, shown) in &specs {
        let report = lint_file(path, shown);
        errors += report.errors();
        print!("{}", report.render());
    }
    Ok(errors == 0)
}
