//! `cargo xtask corpus [DIR]`: generates every spec in DIR (default
//! `$SHARED_DIR/real-specs/corpus`; `SHARED_DIR` defaults to `../shared`) into its own workspace
//! under `target/corpus/`, runs `cargo check` on each one's crates with one shared target dir,
//! and prints one row per spec: OpenAPI version, operations, types, fallbacks (warnings), untyped
//! places, generation time, check time, the check's peak memory, and whether it compiled. A spec
//! that does not generate is a row with the first error, and the run goes on. The last line is
//! `N of M compile`; the command fails when any spec does not. Without DIR it says it skipped and
//! succeeds.
//!
//! The dependencies are built once, by checking first (untimed) the smallest of the specs whose
//! crates declare the most dependencies; each
//! spec's crates are cleaned before their check (without incremental compilation), so each row's
//! check time is what its generated code costs, on every run.
//!
//! `--against REV` compares each spec's check time and peak memory with those of the crates the
//! generator at git revision `REV` writes, in one run (`corpus/against.rs`).

mod against;

use crate::{gen, paths};
use generator::{generate, Settings, Severity};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One spec's row.
pub(crate) struct Row {
    spec: String,
    version: String,
    /// Operations, types, fallbacks, untyped, generation time; `None` when generation failed.
    generated: Option<(usize, usize, usize, usize, Duration)>,
    /// Check time, peak RSS in KiB, success.
    checked: Option<(Duration, Option<u64>, bool)>,
    /// Why it failed, in one line.
    pub(crate) error: Option<String>,
}

/// Runs the command; `Ok(false)` means "exit 1".
pub fn run(args: &[String]) -> Result<bool, String> {
    let (dir, against) = parse(args)?;
    let dir = dir.map_or_else(|| paths::shared_dir().join("real-specs").join("corpus"), |d| paths::absolute(&d));
    let specs = paths::specs(&dir);
    if specs.is_empty() {
        println!("corpus skipped: no specs (*.yaml, *.yml, *.json) in {} (set SHARED_DIR or pass DIR)", dir.display());
        return Ok(true);
    }
    if let Some(rev) = against {
        return against::run(&specs, &rev);
    }
    let started = Instant::now();
    let root = paths::root();
    let out = root.join("target").join("corpus");
    let target = out.join("target");
    let mut rows = Vec::new();
    let mut workspaces = Vec::new();
    for spec in &specs {
        let (row, workspace) = generate_one(&root, &out, spec);
        eprintln!("generated {}: {}", row.spec, row.error.as_deref().unwrap_or("ok"));
        rows.push(row);
        workspaces.push(workspace);
    }
    let sized: Vec<_> = workspaces.iter().zip(&rows).filter_map(|(w, r)| Some((w.as_ref()?, r.generated?.1))).collect();
    let warm_up = warm_up(&sized, &target);
    for (row, workspace) in rows.iter_mut().zip(&workspaces) {
        let Some((dir, crates)) = workspace else { continue };
        eprintln!("cargo check {}", row.spec);
        match check(dir, &target, crates) {
            Ok((took, rss, ok, stderr)) => {
                if !ok {
                    row.error = Some(first_error(&stderr));
                    let log = dir.join("check.log");
                    if let Err(e) = std::fs::write(&log, &stderr) {
                        eprintln!("warning: could not write {}: {e}", log.display());
                    }
                }
                row.checked = Some((took, rss, ok));
            }
            Err(e) => row.error = Some(e),
        }
    }
    print_table(&rows);
    let ok = rows.iter().filter(|r| r.checked.is_some_and(|(_, _, ok)| ok)).count();
    println!(
        "total: {:.0} s (generation, the dependencies' build and every check; the warm-up check: {:.0} s)",
        started.elapsed().as_secs_f64(),
        warm_up.as_secs_f64()
    );
    println!("{ok} of {} compile", rows.len());
    Ok(ok == rows.len())
}

/// `[DIR] [--against REV]`, in any order.
fn parse(args: &[String]) -> Result<(Option<PathBuf>, Option<String>), String> {
    let (mut dir, mut against) = (None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--against" => match it.next() {
                Some(rev) if !rev.starts_with('-') => against = Some(rev.clone()),
                _ => return Err("--against needs a git revision, e.g. HEAD~3".into()),
            },
            a if !a.starts_with('-') && dir.is_none() => dir = Some(PathBuf::from(a)),
            _ => return Err(format!("usage: cargo xtask corpus [DIR] [--against REV] (got {args:?})")),
        }
    }
    Ok((dir, against))
}

/// A generated workspace and the names of its crates.
pub(crate) type Workspace = (PathBuf, Vec<String>);

/// Brings the dependencies in `target` up to date, untimed in the rows: of the workspaces
/// (each with its number of types) whose crates have the most dependencies, checks the smallest.
fn warm_up(workspaces: &[(&Workspace, usize)], target: &Path) -> Duration {
    let smallest = workspaces.iter().min_by_key(|((dir, crates), types)| (std::cmp::Reverse(dependencies(dir, crates)), *types));
    let Some(((dir, _), _)) = smallest else { return Duration::ZERO };
    eprintln!("building the dependencies once (cargo check of {})", dir.display());
    match cargo(dir, target, &["check", "--workspace"]) {
        Ok((took, _, true, _)) => took,
        Ok((took, _, false, stderr)) => {
            // The dependencies may be built anyway; each check's row tells.
            eprintln!("warning: the warm-up check of {} failed: {}", dir.display(), first_error(&stderr));
            took
        }
        Err(e) => {
            eprintln!("warning: the warm-up check of {} did not run: {e}", dir.display());
            Duration::ZERO
        }
    }
}

/// `cargo clean -p` of a workspace's crates, so that they are checked from scratch, then a timed
/// `cargo check`: (time, peak RSS in KiB, success, stderr).
fn check(dir: &Path, target: &Path, crates: &[String]) -> Result<(Duration, Option<u64>, bool, String), String> {
    let mut clean = vec!["clean", "--quiet"];
    for c in crates {
        clean.extend(["-p", c.as_str()]);
    }
    // A clean that failed would time a partly built check: the row says so instead.
    let (_, _, cleaned, stderr) = cargo(dir, target, &clean)?;
    if !cleaned {
        return Err(format!("cargo clean failed: {}", first_error(&stderr)));
    }
    cargo(dir, target, &["check", "--workspace", "--message-format", "short"])
}

/// Generates one spec into `out/<stem>/` with a workspace manifest; the row, and the workspace
/// with its crate names when it generated.
pub(crate) fn generate_one(root: &Path, out: &Path, spec: &Path) -> (Row, Option<Workspace>) {
    let name = spec.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let mut row = Row { spec: name.clone(), version: "?".into(), generated: None, checked: None, error: None };
    let text = match std::fs::read_to_string(spec) {
        Ok(t) => t,
        Err(e) => {
            row.error = Some(format!("cannot read: {e}"));
            return (row, None);
        }
    };
    row.version = openapi_version(&text);
    let dir = out.join(stem(&name));
    let mut settings = Settings::for_spec(&name);
    settings.runtime_path = paths::relative(&dir.join("crate"), &root.join("runtime"));
    let started = Instant::now();
    let generated = generate(&text, &settings);
    let took = started.elapsed();
    let output = match generated {
        Ok(o) => o,
        Err(diags) => {
            let first = diags.iter().find(|d| d.severity == Severity::Error).or(diags.first());
            let line = first.map_or("generation failed".into(), |d| d.to_string().lines().next().unwrap_or_default().to_string());
            // The row names the spec already.
            row.error = Some(line.replacen(&format!(": {name}: "), ": ", 1));
            return (row, None);
        }
    };
    let warnings = output.warnings.iter().filter(|w| w.severity == Severity::Warning).count();
    row.generated = Some((output.operations, output.types, warnings, output.untyped.len(), took));
    let crates = vec![format!("{}-models", output.name), format!("{}-client", output.name)];
    let mut files = output.files;
    files.push(generator::GeneratedFile { path: "Cargo.toml".into(), contents: gen::workspace_manifest(&crates) });
    for f in &files {
        if let Err(e) = write(&dir.join(&f.path), &f.contents) {
            row.error = Some(e);
            return (row, None);
        }
    }
    // The same dependency versions as this workspace, so every spec shares the built ones.
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        if let Err(e) = std::fs::copy(root.join("Cargo.lock"), &lock) {
            eprintln!("warning: could not copy this workspace's Cargo.lock to {}: {e}; its dependencies resolve on their own", lock.display());
        }
    }
    (row, Some((dir, crates)))
}

/// A spec's file name without its extension: the name of its output directory.
fn stem(file_name: &str) -> &str {
    file_name.rsplit_once('.').map_or(file_name, |(s, _)| s)
}

/// How many dependencies the crates of a generated workspace declare (lines in their manifests'
/// dependency tables).
fn dependencies(dir: &Path, crates: &[String]) -> usize {
    crates
        .iter()
        .filter_map(|c| std::fs::read_to_string(dir.join(c).join("Cargo.toml")).ok())
        .map(|m| {
            let mut in_deps = false;
            m.lines()
                .filter(|l| {
                    if l.starts_with('[') {
                        in_deps = l.contains("dependencies");
                        return false;
                    }
                    in_deps && l.contains(" = ")
                })
                .count()
        })
        .sum()
}

/// `openapi: 3.0.3` or `"openapi": "3.1.0"`, from the text.
fn openapi_version(text: &str) -> String {
    let re = regex::Regex::new(r#"(?m)^\s*"?openapi"?\s*:\s*["']?([0-9][0-9A-Za-z.\-]*)"#).expect("valid regex");
    re.captures(text).map_or("?".into(), |c| c[1].to_string())
}

/// Writes a file unless it already has this content (so cargo does not rebuild for nothing).
pub(crate) fn write(path: &Path, contents: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

/// The first `error` line of cargo's output, or its last line.
fn first_error(stderr: &str) -> String {
    let line = stderr.lines().find(|l| l.contains("error")).or_else(|| stderr.lines().last()).unwrap_or("cargo failed");
    line.trim().chars().take(160).collect()
}

/// Runs cargo in `dir` with the shared target dir: (time, peak RSS in KiB, success, stderr).
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(Duration, Option<u64>, bool, String), String> {
    let exe = paths::cargo();
    let log = target.with_file_name("cargo.stderr");
    std::fs::create_dir_all(target).map_err(|e| format!("{}: {e}", target.display()))?;
    let file = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let mut cmd = Command::new(exe);
    // Without incremental compilation: every check starts from scratch, and writes no cache.
    cmd.current_dir(dir).args(args).env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0");
    cmd.stdout(std::process::Stdio::null()).stderr(file);
    let started = Instant::now();
    let (ok, rss) = crate::rusage::run(&mut cmd).map_err(|e| format!("could not run cargo: {e}"))?;
    let took = started.elapsed();
    let stderr = std::fs::read_to_string(&log).map_err(|e| format!("cargo's output {}: {e}", log.display()))?;
    Ok((took, rss, ok, stderr))
}

fn print_table(rows: &[Row]) {
    let header = ["spec", "openapi", "ops", "types", "fallbacks", "untyped", "gen ms", "check s", "peak RSS", "ok"];
    let mut lines: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
    for r in rows {
        let mut cells = vec![r.spec.clone(), r.version.clone()];
        match r.generated {
            Some((ops, types, fallbacks, untyped, took)) => cells.extend([
                ops.to_string(),
                types.to_string(),
                fallbacks.to_string(),
                untyped.to_string(),
                format!("{}", took.as_millis()),
            ]),
            None => cells.extend(std::iter::repeat_n("-".to_string(), 5)),
        }
        match r.checked {
            Some((took, rss, _)) => cells.extend([
                format!("{:.1}", took.as_secs_f64()),
                rss.map_or("-".into(), crate::rusage::mib),
            ]),
            None => cells.extend(["-".to_string(), "-".to_string()]),
        }
        let ok = r.checked.is_some_and(|(_, _, ok)| ok);
        cells.push(match (&r.error, ok) {
            (_, true) => "ok".into(),
            (Some(e), false) => format!("FAILED: {e}"),
            (None, false) => "FAILED".into(),
        });
        lines.push(cells);
    }
    let widths: Vec<usize> = (0..header.len() - 1).map(|i| lines.iter().map(|l| l[i].chars().count()).max().unwrap_or(0)).collect();
    for (n, l) in lines.iter().enumerate() {
        let mut text = String::from("|");
        for (i, cell) in l.iter().enumerate() {
            // Names left, numbers right; the last column as it is.
            match widths.get(i) {
                Some(w) if i < 2 => text.push_str(&format!(" {cell:<w$} |")),
                Some(w) => text.push_str(&format!(" {cell:>w$} |")),
                None => text.push_str(&format!(" {cell} |")),
            }
        }
        println!("{text}");
        if n == 0 {
            let rule: Vec<String> = widths.iter().enumerate().map(|(i, w)| if i < 2 { "-".repeat(w + 2) } else { format!("{}:", "-".repeat(w + 1)) }).collect();
            println!("|{}|---|", rule.join("|"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use std::path::PathBuf;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_the_directory_and_the_revision() {
        assert_eq!(parse(&args(&[])), Ok((None, None)));
        assert_eq!(parse(&args(&["specs"])), Ok((Some(PathBuf::from("specs")), None)));
        assert_eq!(parse(&args(&["--against", "HEAD~2", "specs"])), Ok((Some(PathBuf::from("specs")), Some("HEAD~2".into()))));
    }

    /// A workspace that cannot be cleaned is a failed row, not a check timed on stale output.
    #[test]
    fn a_failed_clean_is_reported() {
        // Outside the project, so that cargo finds no manifest above it either.
        let scratch = std::env::temp_dir().join(format!("xtask-failed-clean-{}", std::process::id()));
        let dir = scratch.join("not-a-workspace");
        std::fs::create_dir_all(&dir).unwrap();
        let result = super::check(&dir, &scratch.join("target"), &["missing-client".into()]);
        std::fs::remove_dir_all(&scratch).unwrap();
        let error = result.expect_err("cargo clean outside a workspace fails");
        assert!(error.starts_with("cargo clean failed: ") && error.contains("Cargo.toml"), "{error}");
    }

    #[test]
    fn rejects_what_it_does_not_know() {
        assert_eq!(parse(&args(&["--against"])), Err("--against needs a git revision, e.g. HEAD~3".into()));
        assert_eq!(parse(&args(&["--against", "--rounds"])), Err("--against needs a git revision, e.g. HEAD~3".into()));
        assert!(parse(&args(&["a", "b"])).unwrap_err().starts_with("usage: cargo xtask corpus"));
        assert!(parse(&args(&["--rounds", "2"])).unwrap_err().starts_with("usage: cargo xtask corpus"));
    }
}
