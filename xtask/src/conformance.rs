//! `cargo xtask conformance [SPEC...] [--ci] [--seeds N] [--without-security]`: proves
//! generated clients against the spec at runtime. For each spec (default: the shared corpus,
//! Cloudflare's spec and `specs/`), it generates the crates under `target/conformance/<spec>/`,
//! writes a program that calls every operation through the client (inputs sampled from the
//! spec by `generator::sample`: once with only the required ones, once with every optional
//! input set), builds it with one shared target dir, and runs it against Stoplight Prism
//! (`prism mock --errors`): once with the spec's examples, then with responses generated from
//! the schemas (`-d --seed 1..=N`, default 3). Each operation is `ok` when every call of it in
//! every run is; else it is classed by its first failure (`report`). Without npm, it says it
//! skipped and succeeds.
//!
//! `--ci` adds the specs CI runs (`specs/` and the part of the shared corpus that fits CI's
//! time). `--without-security` gives Prism a copy of each spec with no `security` requirement,
//! so that what a client that cannot yet send a spec's schemes gets wrong beyond authentication
//! shows.

mod build;
mod prism;
mod report;

use crate::{corpus, paths};
use generator::sample::{self, OperationRef};
use report::{Call, SpecReport};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The runs against Prism: static (`None`), then one per seed.
fn runs(seeds: u32) -> Vec<Option<u32>> {
    std::iter::once(None).chain((1..=seeds).map(Some)).collect()
}

/// Runs the command; `Ok(false)` means "exit 1".
pub fn run(args: &[String]) -> Result<bool, String> {
    let (mut specs, options) = parse(args)?;
    let root = paths::root();
    if options.ci {
        specs.extend(ci_specs(&root));
    }
    if specs.is_empty() {
        specs = default_specs(&root);
    }
    let prism = match prism::install(&root) {
        Ok(bin) => bin,
        Err(why) => {
            println!("conformance skipped: the mock server (Stoplight Prism, via npm) is not available: {why}");
            return Ok(true);
        }
    };
    let started = Instant::now();
    let out = root.join("target").join("conformance");
    let target = out.join("target");
    let mut reports = Vec::new();
    for spec in &specs {
        let took = Instant::now();
        let mut report = one_spec(&root, &out, &target, &prism, spec, &options);
        report.seconds = took.elapsed().as_secs_f64();
        eprintln!("{}: {} of {} conform ({:.0} s)", report.spec, report.ok(), report.counted(), report.seconds);
        for line in report.error.iter().map(|e| format!("FAILED: {e}")).chain(report.failure_lines()) {
            eprintln!("  {line}");
        }
        reports.push(report);
    }
    let text = report::render(&reports, started.elapsed().as_secs_f64());
    print!("{text}");
    let _ = std::fs::write(out.join("report.md"), &text);
    Ok(reports.iter().all(SpecReport::passes))
}

/// How the specs are run.
#[derive(Debug, PartialEq)]
struct Options {
    /// Runs with generated responses after the static one.
    seeds: u32,
    /// Prism gets the spec without its `security` requirements.
    without_security: bool,
    /// The specs CI runs, besides those given.
    ci: bool,
}

/// `[SPEC...] [--ci] [--seeds N] [--without-security]`.
fn parse(args: &[String]) -> Result<(Vec<PathBuf>, Options), String> {
    let mut specs = Vec::new();
    let mut options = Options { seeds: 3, without_security: false, ci: false };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seeds" => options.seeds = it.next().and_then(|n| n.parse().ok()).ok_or("--seeds needs a number, e.g. 3")?,
            "--without-security" => options.without_security = true,
            "--ci" => options.ci = true,
            a if !a.starts_with('-') => specs.push(paths::absolute(Path::new(a))),
            _ => return Err(format!("usage: cargo xtask conformance [SPEC...] [--ci] [--seeds N] [--without-security] (got {args:?})")),
        }
    }
    Ok((specs, options))
}

/// The specs CI runs (`--ci`): `specs/` and those of the shared corpus that fit CI's time.
/// Each of these conforms fully today (two of them only since the client sends their API keys);
/// the other corpus specs fail on classes still open (see the README).
const CI_CORPUS: &[&str] = &["apideck-crm.yaml", "e2b-api.yaml", "open-meteo-air-quality.yaml"];

/// `specs/`, and the specs of the shared corpus named in [`CI_CORPUS`] that are there.
fn ci_specs(root: &Path) -> Vec<PathBuf> {
    let corpus = paths::shared_dir().join("real-specs").join("corpus");
    let mut specs: Vec<PathBuf> = CI_CORPUS.iter().map(|name| corpus.join(name)).filter(|p| p.exists()).collect();
    specs.extend(paths::specs(&root.join("specs")));
    specs
}

/// The shared corpus, Cloudflare's spec (when the shared directory has them) and `specs/`.
fn default_specs(root: &Path) -> Vec<PathBuf> {
    let mut specs = paths::specs(&paths::shared_dir().join("real-specs").join("corpus"));
    if specs.is_empty() {
        println!("conformance: no shared specs (set SHARED_DIR); only specs/");
    }
    specs.extend(Some(paths::cloudflare_spec()).filter(|p| p.exists()));
    specs.extend(paths::specs(&root.join("specs")));
    specs
}

/// Generates, builds and runs one spec; a step that fails is the report's error.
fn one_spec(root: &Path, out: &Path, target: &Path, prism: &Path, spec: &Path, options: &Options) -> SpecReport {
    let name = spec.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let mut report = SpecReport::new(&name);
    let (row, workspace) = corpus::generate_one(root, out, spec);
    let Some((dir, mut crates)) = workspace else {
        report.error = Some(row.error.unwrap_or_else(|| "generation failed".into()));
        return report;
    };
    let text = std::fs::read_to_string(spec).unwrap_or_default();
    let mut settings = generator::Settings::for_spec(&name);
    settings.runtime_path = paths::relative(&dir.join("crate"), &root.join("runtime"));
    let prepared = match sample::prepare(&text, &settings) {
        Ok(p) => p,
        Err(d) => {
            report.error = Some(d.first().map_or("the spec does not load".into(), |d| d.to_string()));
            return report;
        }
    };
    report.operations = prepared.operations();
    report.spec_faults = prepared.spec_faults();
    crates.push("conformance".into());
    let values = dir.join("values.json");
    let written = corpus::write(&dir.join("Cargo.toml"), &crate::gen::workspace_manifest(&crates))
        .and_then(|()| corpus::write(&values, &serde_json::to_string_pretty(&prepared.values()).unwrap_or_default()));
    if let Err(e) = written {
        report.error = Some(e);
        return report;
    }
    eprintln!("building the conformance program of {name}");
    let built = match build::build(&prepared, &dir, root, target) {
        Ok(b) => b,
        Err(e) => {
            report.error = Some(e);
            return report;
        }
    };
    report.not_compiled = built.not_compiled;
    let served = match options.without_security {
        true => match without_security(&text, &dir.join("spec-without-security.json")) {
            Ok(p) => p,
            Err(e) => {
                report.error = Some(e);
                return report;
            }
        },
        false => spec.to_path_buf(),
    };
    for seed in runs(options.seeds) {
        let label = seed.map_or("static".to_string(), |s| format!("seed {s}"));
        let log = dir.join(format!("prism-{}.log", label.replace(' ', "-")));
        let mut server = match prism::Prism::start(prism, &served, seed, &log) {
            Ok(s) => s,
            Err(e) => {
                report.error = Some(format!("{label}: {e}"));
                return report;
            }
        };
        for mode in ["required", "full"] {
            match call_all(&built.exe, &server.url, &values, mode, &report.operations) {
                Ok(calls) => report.add(&label, mode, calls.into_iter().map(|c| c.judged(&prepared)).collect()),
                Err(e) => report.error = Some(format!("{label}, {mode}: {e}")),
            }
        }
        server.stop();
    }
    report
}

/// Runs the program once against `url`: the outcome of each operation it called.
fn call_all(exe: &Path, url: &str, values: &Path, mode: &str, ops: &[OperationRef]) -> Result<Vec<Call>, String> {
    let out = Command::new(exe).arg(url).arg(values).arg(mode).output().map_err(|e| format!("{}: {e}", exe.display()))?;
    if !out.status.success() {
        return Err(format!("the program failed: {}", String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or_default()));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text.lines().filter_map(|l| Call::parse(l, ops)).collect())
}

/// Writes the spec (JSON or YAML) as JSON to `to`, without the document's and the operations'
/// `security`.
fn without_security(text: &str, to: &Path) -> Result<PathBuf, String> {
    let read = match text.trim_start().starts_with('{') {
        true => serde_json::from_str(text).map_err(|e| e.to_string()),
        false => serde_yaml::from_str(text).map_err(|e| e.to_string()),
    };
    let mut doc: serde_json::Value = read.map_err(|e| format!("the spec does not read as YAML or JSON: {e}"))?;
    if let Some(root) = doc.as_object_mut() {
        root.remove("security");
    }
    for item in doc.get_mut("paths").and_then(|p| p.as_object_mut()).into_iter().flat_map(|p| p.values_mut()) {
        for op in item.as_object_mut().into_iter().flat_map(|i| i.values_mut()) {
            if let Some(op) = op.as_object_mut() {
                op.remove("security");
            }
        }
    }
    corpus::write(to, &serde_json::to_string(&doc).unwrap_or_default())?;
    Ok(to.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs_and_options() {
        let args: Vec<String> = ["a.yaml", "--seeds", "2", "--without-security"].iter().map(|s| s.to_string()).collect();
        let (specs, options) = parse(&args).unwrap();
        assert_eq!(specs, vec![paths::absolute(Path::new("a.yaml"))]);
        assert_eq!(options, Options { seeds: 2, without_security: true, ci: false });
        assert!(parse(&["--seeds".to_string()]).is_err());
        assert!(parse(&["--fast".to_string()]).unwrap_err().starts_with("usage"));
    }
}
