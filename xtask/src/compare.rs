//! `cargo xtask check-cloudflare --against REV [--rounds N]`: the compile cost of Cloudflare's
//! generated crates today against their cost as generated at git revision `REV`, measured in one
//! run so that the machine's drift affects both alike.
//!
//! The generator at `REV` is extracted with `git archive` into `target/baseline/` and run there
//! (its output uses its own runtime). Each output is checked once to build its dependencies, then
//! `cargo check` runs `N` times per side (default 3), alternating sides, each time after
//! `cargo clean -p` of the generated crates, without incremental compilation. It prints every round and the medians of the time and
//! of the peak memory of one compiler process, and their ratio (today / baseline).

use crate::paths;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One side of the comparison: a generated workspace and its crates.
struct Side {
    label: String,
    dir: PathBuf,
    crates: Vec<String>,
}

/// Runs the comparison; `current` is the output of today's generator, already written.
pub fn run(root: &Path, spec: &Path, current: &Path, rev: &str, rounds: usize) -> Result<bool, String> {
    let baseline_src = baseline(root, rev)?;
    let baseline_out = root.join("target").join("cloudflare-baseline");
    eprintln!("generating {} with the generator at {rev}", spec.display());
    generate_at(root, &baseline_src, spec, &baseline_out)?;
    let sides = [side(&format!("baseline {rev}"), &baseline_out)?, side("today", current)?];
    for s in &sides {
        eprintln!("{}: building dependencies (not timed)", s.label);
        measure(s)?;
    }
    let mut results: Vec<Vec<(f64, Option<u64>)>> = vec![Vec::new(), Vec::new()];
    for round in 1..=rounds {
        for (i, s) in sides.iter().enumerate() {
            let (secs, rss, ok) = measure(s)?;
            if !ok {
                return Err(format!("{}: cargo check failed", s.label));
            }
            println!("round {round}: {:<22} cargo check {secs:>6.1} s, peak RSS {}", s.label, mib(rss));
            results[i].push((secs, rss));
        }
    }
    let summary: Vec<(f64, Option<u64>)> = results.iter().map(|r| medians(r)).collect();
    println!("\n| | cargo check (median of {rounds}) | peak RSS of one rustc (median) |\n|---|--:|--:|");
    for (s, (secs, rss)) in sides.iter().zip(&summary) {
        println!("| {} | {secs:.1} s | {} |", s.label, mib(*rss));
    }
    let (base, today) = (summary[0], summary[1]);
    let rss_ratio = match (today.1, base.1) {
        (Some(t), Some(b)) if b > 0 => format!("{:.2}", t as f64 / b as f64),
        _ => "n/a".into(),
    };
    println!("| today / baseline | {:.2} | {rss_ratio} |", today.0 / base.0);
    Ok(true)
}

/// The tree of `rev`, extracted into `target/baseline/` (kept, with its build, while `rev` is the same).
pub fn baseline(root: &Path, rev: &str) -> Result<PathBuf, String> {
    let dir = root.join("target").join("baseline");
    extract(root, rev, &dir)?;
    Ok(dir)
}

/// Runs the generator of the `baseline` tree on `spec`, writing into `out`, with the dependency
/// versions of this workspace (`root`'s `Cargo.lock`), as today's output has.
pub fn generate_at(root: &Path, baseline: &Path, spec: &Path, out: &Path) -> Result<(), String> {
    let status = Command::new(paths::cargo())
        .current_dir(baseline)
        .args(["run", "--quiet", "--release", "--package", "xtask", "--", "gen", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(out)
        .arg("--quiet-warnings")
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("the baseline generator failed on {}", spec.display()));
    }
    let _ = std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"));
    Ok(())
}

fn side(label: &str, dir: &Path) -> Result<Side, String> {
    Ok(Side { label: label.to_string(), dir: dir.to_path_buf(), crates: generated_crates(dir)? })
}

/// The generated crates (`*-models`, `*-client`) of an output directory, sorted.
pub fn generated_crates(dir: &Path) -> Result<Vec<String>, String> {
    let mut crates: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-client") || n.ends_with("-models"))
        .collect();
    crates.sort();
    Ok(crates)
}

/// `cargo clean -p` the generated crates, then a timed `cargo check --workspace`: seconds, peak
/// RSS in KiB, success.
fn measure(s: &Side) -> Result<(f64, Option<u64>, bool), String> {
    crate::check_cloudflare::clean(&s.dir, &s.crates)?;
    let mut check = Command::new(paths::cargo());
    // Without incremental compilation, so that no cache left by an earlier round is reused.
    check.current_dir(&s.dir).env("CARGO_INCREMENTAL", "0").args(["check", "--quiet", "--workspace"]);
    let started = Instant::now();
    let (ok, rss) = crate::rusage::run(&mut check).map_err(|e| format!("could not run cargo: {e}"))?;
    Ok((started.elapsed().as_secs_f64(), rss, ok))
}

/// The tree of `rev` in `dir` (replacing what was there).
fn extract(root: &Path, rev: &str, dir: &Path) -> Result<(), String> {
    let marker = dir.join(".rev");
    let sha = git(root, &["rev-parse", &format!("{rev}^{{commit}}")])?;
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(sha.as_str()) {
        return Ok(());
    }
    // Keep the baseline's own target/ (its build), replace its sources.
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_name() != "target" {
            let p = entry.path();
            let _ = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let archive = Command::new("git")
        .current_dir(root)
        .args(["archive", "--format=tar", &sha])
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    if !archive.status.success() {
        return Err(format!("git archive {rev}: {}", String::from_utf8_lossy(&archive.stderr)));
    }
    let mut tar = Command::new("tar")
        .current_dir(dir)
        .args(["-xf", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run tar: {e}"))?;
    use std::io::Write;
    tar.stdin.take().ok_or("tar has no stdin")?.write_all(&archive.stdout).map_err(|e| e.to_string())?;
    if !tar.wait().map_err(|e| e.to_string())?.success() {
        return Err("tar failed".into());
    }
    std::fs::write(&marker, &sha).map_err(|e| format!("{}: {e}", marker.display()))
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git").current_dir(root).args(args).output().map_err(|e| format!("could not run git: {e}"))?;
    if !out.status.success() {
        return Err(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn medians(rounds: &[(f64, Option<u64>)]) -> (f64, Option<u64>) {
    let mut secs: Vec<f64> = rounds.iter().map(|r| r.0).collect();
    secs.sort_by(f64::total_cmp);
    let mut rss: Vec<u64> = rounds.iter().filter_map(|r| r.1).collect();
    rss.sort();
    (secs.get(secs.len() / 2).copied().unwrap_or(0.0), rss.get(rss.len() / 2).copied())
}

/// KiB as MiB, or `n/a`.
pub fn mib(kib: Option<u64>) -> String {
    kib.map_or("n/a".into(), crate::rusage::mib)
}
