//! `cargo xtask diff BASE [HEAD]` (git revisions; HEAD defaults to the working tree) or
//! `cargo xtask diff OLD_FILE NEW_FILE`: what changed in each API for users of the generated
//! crates, as a Markdown report for a pull request, each change classified as breaking or not.
//!
//! The command fails on a breaking change unless the crates' version is already bumped past it
//! (`--bump` does that, in the HEAD spec's `x-rust-client.version`) or `--allow-breaking` is given.

pub mod bump;
pub mod change;
pub mod operations;
pub mod render;
pub mod schema;
pub mod source;

use change::{Change, Kind};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The changes to one API.
#[derive(Clone, Debug)]
pub struct ApiDiff {
    /// The spec's file name, e.g. `cloudflare-tokens.yaml`.
    pub file: String,
    /// The crate prefix.
    pub name: String,
    /// The generated crates' version before; `None` when the API is new.
    pub old_version: Option<String>,
    /// The generated crates' version after; `None` when the API is gone.
    pub new_version: Option<String>,
    /// The changes, breaking first.
    pub changes: Vec<Change>,
}

impl ApiDiff {
    /// How many changes are breaking.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    /// Whether the version after is already past the one a breaking change needs.
    pub fn bumped(&self) -> bool {
        match (&self.old_version, &self.new_version) {
            (Some(old), Some(new)) => bump::is_bumped(old, new),
            _ => false,
        }
    }

    /// Breaking changes that no version bump accounts for.
    pub fn blocks(&self) -> bool {
        self.breaking() > 0 && !self.bumped()
    }
}

fn parse(file: &str, side: &str, text: &str) -> Result<Value, String> {
    let doc: Value = serde_yaml::from_str(text).map_err(|e| format!("{file} ({side}) does not parse: {e}"))?;
    if !doc.is_object() {
        return Err(format!("{file} ({side}) is not an OpenAPI document"));
    }
    Ok(doc)
}

fn name_of(doc: &Value, file: &str) -> String {
    doc.pointer("/x-rust-client/name")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| generator::Settings::for_spec(file).default_name)
}

/// Compares two versions of one spec (`None`: the spec does not exist on that side).
pub fn diff_texts(file: &str, old: Option<&str>, new: Option<&str>) -> Result<ApiDiff, String> {
    let old = old.map(|t| parse(file, "base", t)).transpose()?;
    let new = new.map(|t| parse(file, "head", t)).transpose()?;
    let name = new.as_ref().or(old.as_ref()).map(|d| name_of(d, file)).unwrap_or_default();
    let mut changes = Vec::new();
    let subject = format!("`{name}`");
    match (&old, &new) {
        (Some(o), Some(n)) => {
            let mut cmp = schema::Comparer::new(o, n);
            operations::compare(o, n, &mut cmp);
            changes = cmp.finish();
        }
        (Some(_), None) => changes.push(Change { breaking: true, kind: Kind::ApiRemoved, subject, detail: String::new(), calls: Default::default() }),
        (None, Some(_)) => changes.push(Change { breaking: false, kind: Kind::ApiAdded, subject, detail: String::new(), calls: Default::default() }),
        (None, None) => {}
    }
    Ok(ApiDiff {
        file: file.to_string(),
        name,
        old_version: old.as_ref().map(bump::version_of),
        new_version: new.as_ref().map(bump::version_of),
        changes,
    })
}

/// One spec on both sides: its file name, the base and head texts (`None`: absent on that side)
/// and the file `--bump` may edit.
type Pair = (String, Option<String>, Option<String>, Option<PathBuf>);

struct Options {
    base: String,
    head: Option<String>,
    allow_breaking: bool,
    bump: bool,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut positional = Vec::new();
    let (mut allow_breaking, mut bump) = (false, false);
    for a in args {
        match a.as_str() {
            "--allow-breaking" => allow_breaking = true,
            "--bump" => bump = true,
            flag if flag.starts_with('-') => return Err(format!("unknown argument `{flag}` for `diff`")),
            _ => positional.push(a.clone()),
        }
    }
    match positional.as_slice() {
        [base] => Ok(Options { base: base.clone(), head: None, allow_breaking, bump }),
        [base, head] => Ok(Options { base: base.clone(), head: Some(head.clone()), allow_breaking, bump }),
        _ => Err("usage: `cargo xtask diff BASE [HEAD] [--allow-breaking] [--bump]` (git revisions) or `cargo xtask diff OLD_FILE NEW_FILE`".into()),
    }
}

/// Runs the command in the workspace; `Ok(false)` means "exit 1" (breaking changes).
pub fn run(args: &[String]) -> Result<bool, String> {
    run_in(&crate::paths::root(), args)
}

/// Runs the command with `root` as the workspace (git revisions and `specs/` are read there).
/// Prints the report to stdout.
pub fn run_in(root: &Path, args: &[String]) -> Result<bool, String> {
    let o = options(args)?;
    let mut pairs: Vec<Pair> = Vec::new();
    let head_label;
    match &o.head {
        Some(head) if Path::new(&o.base).is_file() && Path::new(head).is_file() => {
            let read = |p: &str| crate::overlays::read_file(Path::new(p), p, &[]);
            let file = Path::new(head).file_name().unwrap_or_default().to_string_lossy().into_owned();
            pairs.push((file, Some(read(&o.base)?), Some(read(head)?), Some(PathBuf::from(head))));
            head_label = head.clone();
        }
        _ if Path::new(&o.base).is_file() => {
            return Err(format!("`{}` is a file: compare two files with `cargo xtask diff OLD_FILE NEW_FILE`", o.base));
        }
        head => {
            let base = source::at_rev(root, &o.base)?;
            let (current, editable) = match head {
                Some(rev) => (source::at_rev(root, rev)?, false),
                None => (source::work_tree(root)?, true),
            };
            if o.bump && !editable {
                return Err("`--bump` edits the specs in the working tree: leave out HEAD".into());
            }
            head_label = head.clone().unwrap_or_else(|| "working tree".into());
            let mut names: Vec<&String> = base.keys().chain(current.keys()).collect();
            names.sort();
            names.dedup();
            for name in names {
                let target = editable.then(|| root.join("specs").join(name));
                pairs.push((name.clone(), base.get(name).cloned(), current.get(name).cloned(), target));
            }
        }
    }
    let mut diffs = Vec::new();
    for (file, old, new, target) in &pairs {
        let mut d = diff_texts(file, old.as_deref(), new.as_deref())?;
        if let (true, true, Some(target), Some(old_version), Some(text)) = (o.bump, d.blocks(), target, &d.old_version, new) {
            let needed = bump::next_breaking(old_version)?;
            let edited = bump::set_version(text, &needed).map_err(|e| format!("{}: {e}", target.display()))?;
            std::fs::write(target, edited).map_err(|e| format!("{}: {e}", target.display()))?;
            eprintln!("{}: x-rust-client.version set to {needed}; now run `cargo xtask gen`", target.display());
            d.new_version = Some(needed);
        }
        diffs.push(d);
    }
    print!("{}", render::markdown(&o.base, &head_label, &diffs));
    let blocking: Vec<&str> = diffs.iter().filter(|d| d.blocks()).map(|d| d.name.as_str()).collect();
    if blocking.is_empty() || o.allow_breaking {
        return Ok(true);
    }
    eprintln!(
        "breaking changes in {}: bump the crates' version (`--bump`) or pass `--allow-breaking`",
        blocking.join(", ")
    );
    Ok(false)
}
