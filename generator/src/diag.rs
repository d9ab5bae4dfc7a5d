//! Diagnostics: every problem names the file, where in it, what is wrong and how to fix it.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A spec defect read in the one typed way its schema allows (`properties` beside `type:
    /// array`: the list its type says); nothing falls back. Generation goes on; the lint
    /// reports it as an error.
    Note,
    /// Generation went on, with a fallback for the construct named.
    Warning,
    /// Generation stops; nothing is written.
    Error,
}

/// Where in the spec a diagnostic points.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// A JSON pointer such as `#/paths/~1user~1tokens~1verify/get`.
    Pointer(String),
    /// A line and column (1-based), for syntax errors.
    LineColumn(usize, usize),
    /// The document as a whole.
    Document,
}

/// One problem found in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The spec file, as given to the generator.
    pub file: String,
    /// Where in the file.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: ", self.file)?;
        match &self.location {
            Location::Pointer(p) => write!(f, "{p}: ")?,
            Location::LineColumn(l, c) => write!(f, "line {l} column {c}: ")?,
            Location::Document => {}
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// Whether this is a warning for a place that became `serde_json::Value` or raw bytes. By
    /// convention such a warning's message says so: "using `serde_json::Value`", "takes a
    /// `serde_json::Value`", "the body is raw bytes". The untyped report (`untyped`) finds those
    /// places in the generated code; this only catches the ones it does not see there.
    pub fn is_untyped_fallback(&self) -> bool {
        self.severity == Severity::Warning && (self.message.contains("`serde_json::Value`") || self.message.contains("raw bytes"))
    }
}

pub use crate::pointer::escape as escape_segment;

/// Builds a JSON pointer from segments: `pointer(&["paths", "/a"])` is `#/paths/~1a`.
pub fn pointer<S: AsRef<str>>(segments: &[S]) -> String {
    crate::pointer::Pointer::from_segments(segments).into()
}

/// Where nodes moved when the load step rewrote the document (a 3.1 document into the 3.0
/// shape): pairs of (pointer prefix in the rewritten tree, the same node in the original), in
/// the order the rewrites happened.
#[derive(Debug, Default, Clone)]
pub struct Remap(Vec<(String, String)>);

impl Remap {
    /// Records that what is now at `now` was at `was`.
    pub fn add(&mut self, now: &str, was: &str) {
        if now != was {
            self.0.push((now.to_string(), was.to_string()));
        }
    }

    /// Whether nothing moved.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pointer in the original document of what is now at `pointer`: the moves are undone
    /// from the last to the first.
    pub fn original(&self, pointer: &str) -> String {
        let mut out = pointer.to_string();
        for (now, was) in self.0.iter().rev() {
            if let Some(rest) = out.strip_prefix(now.as_str()) {
                if rest.is_empty() || rest.starts_with('/') {
                    out = format!("{was}{rest}");
                }
            }
        }
        out
    }
}

/// Collects diagnostics for one spec file.
///
/// A recoverable defect (see [`Diagnostics::recover`]) is a warning when generating (a spec a
/// user brings: the generator works around it) and an error in a strict collection (`cargo
/// xtask lint`: a spec the team writes must not have it).
#[derive(Debug, Default)]
pub struct Diagnostics {
    file: String,
    items: Vec<Diagnostic>,
    /// Where and what each diagnostic says: a defect met again (a schema merged into several
    /// others) is reported once.
    seen: rustc_hash::FxHashSet<(Location, String)>,
    remap: Remap,
    strict: bool,
}

impl Diagnostics {
    /// An empty collection for `file`, for generation: recoverable defects are warnings.
    pub fn new(file: impl Into<String>) -> Self {
        Self { file: file.into(), items: Vec::new(), seen: Default::default(), remap: Remap::default(), strict: false }
    }

    /// An empty collection for `file` in which every recoverable defect is an error (the lint).
    pub fn strict(file: impl Into<String>) -> Self {
        Self { strict: true, ..Self::new(file) }
    }

    /// Whether recoverable defects are errors here. When they are, the checks still make the
    /// same repairs, so that every later problem is found too.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// Records a defect the generator works around: `problem` at `pointer`, then `fallback`,
    /// what was done instead. A warning saying both, or (strict) an error with `help`.
    pub fn recover(&mut self, pointer: impl Into<String>, problem: impl Into<String>, fallback: impl AsRef<str>, help: impl Into<Option<String>>) {
        let (problem, help) = (problem.into(), help.into());
        if self.strict {
            self.push(Severity::Error, Location::Pointer(pointer.into()), problem, help);
        } else {
            let message = format!("{problem}; {}", fallback.as_ref());
            self.push(Severity::Warning, Location::Pointer(pointer.into()), message, help);
        }
    }

    /// Records a defect read in the one typed way the schema allows: `problem` at `pointer`, then
    /// `reading`, how it was read. A note (nothing falls back), or (strict) an error with `help`.
    pub fn reinterpret(&mut self, pointer: impl Into<String>, problem: impl Into<String>, reading: &str, help: String) {
        let (pointer, problem) = (Location::Pointer(pointer.into()), problem.into());
        match self.strict {
            true => self.push(Severity::Error, pointer, problem, Some(help)),
            false => self.push(Severity::Note, pointer, format!("{problem}; {reading}"), Some(help)),
        }
    }

    /// Records an error at a JSON pointer.
    pub fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>, help: impl Into<Option<String>>) {
        self.push(Severity::Error, Location::Pointer(pointer.into()), message.into(), help.into());
    }

    /// Records a warning at a JSON pointer.
    pub fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, Location::Pointer(pointer.into()), message.into(), None);
    }

    /// Records a diagnostic, unless the same one is already recorded at the same place.
    pub fn push(&mut self, severity: Severity, location: Location, message: String, help: Option<String>) {
        if self.seen.insert((location.clone(), message.clone())) {
            self.items.push(Diagnostic { severity, file: self.file.clone(), location, message, help });
        }
    }

    /// Moves every diagnostic of `other` to the end of this collection.
    pub fn append(&mut self, other: Diagnostics) {
        for d in other.items {
            if self.seen.insert((d.location.clone(), d.message.clone())) {
                self.items.push(d);
            }
        }
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics so far, in the order they were found (pointers into the rewritten document).
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Where a pointer into the document as rewritten by the load step points in the original.
    pub fn original(&self, pointer: &str) -> String {
        self.remap.original(pointer)
    }

    /// From now on, pointers are reported in the original document through `remap`.
    pub fn set_remap(&mut self, remap: Remap) {
        self.remap = remap;
    }

    /// All diagnostics, in the order they were found, each pointing into the original document.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        let mut items = self.items;
        if !self.remap.is_empty() {
            for d in &mut items {
                if let Location::Pointer(p) = &mut d.location {
                    *p = self.remap.original(p);
                }
            }
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remap_undoes_moves_from_the_last_to_the_first() {
        let mut remap = Remap::default();
        // A `$ref` with siblings, inside the second branch of a `oneOf`, was wrapped in `allOf`;
        // then the `null` branch before it was taken out, moving it from `oneOf/1` to `oneOf/0`.
        remap.add("#/components/schemas/A/oneOf/1/allOf/0", "#/components/schemas/A/oneOf/1");
        remap.add("#/components/schemas/A/oneOf/0", "#/components/schemas/A/oneOf/1");
        remap.add("#/x-webhooks", "#/webhooks");
        assert_eq!(remap.original("#/components/schemas/A/oneOf/0/allOf/0/$ref"), "#/components/schemas/A/oneOf/1/$ref");
        assert_eq!(remap.original("#/x-webhooks/order.created/post"), "#/webhooks/order.created/post");
        // Only whole segments match, and pointers nothing moved stay as they are.
        assert_eq!(remap.original("#/x-webhooks2/a"), "#/x-webhooks2/a");
        assert_eq!(remap.original("#/components/schemas/A/oneOf/10"), "#/components/schemas/A/oneOf/10");

        let mut diags = Diagnostics::new("spec.yaml");
        diags.set_remap(remap);
        diags.warn("#/x-webhooks/a", "moved");
        assert_eq!(diags.into_vec()[0].location, Location::Pointer("#/webhooks/a".into()));
    }
}
