//! `cargo xtask check-cloudflare [--clippy]`: generates Cloudflare's official spec (all of it,
//! unedited) into `target/cloudflare-check/` and runs `cargo check` (or `cargo clippy`, warnings
//! denied) on the two crates, printing the operation and fallback counts and how long the check
//! took. The spec comes from `$SHARED_DIR/real-specs/cloudflare-openapi.json` (`SHARED_DIR`
//! defaults to `../shared`); without it the command says it skipped and succeeds.

use crate::{gen, paths};
use std::process::Command;
use std::time::Instant;

/// Runs the command; `Ok(false)` means "exit 1".
pub fn run(args: &[String]) -> Result<bool, String> {
    let mut clippy = false;
    for a in args {
        match a.as_str() {
            "--clippy" => clippy = true,
            other => return Err(format!("unknown argument `{other}` for `check-cloudflare`")),
        }
    }
    let spec = paths::cloudflare_spec();
    if !spec.is_file() {
        println!("check-cloudflare skipped: {} not found (set SHARED_DIR)", spec.display());
        return Ok(true);
    }
    let root = paths::root();
    let out = root.join("target").join("cloudflare-check");
    // `gen` prints the operation, type and fallback counts.
    let gen_args: Vec<String> =
        ["--spec", &spec.to_string_lossy(), "--out", &out.to_string_lossy(), "--quiet-warnings"].iter().map(|s| s.to_string()).collect();
    if !gen::run(&gen_args)? {
        return Ok(false);
    }
    // The generated workspace resolves the same dependency versions as this one, offline.
    let lock = out.join("Cargo.lock");
    if !lock.exists() {
        let _ = std::fs::copy(root.join("Cargo.lock"), &lock);
    }
    let client = std::fs::read_dir(&out)
        .map_err(|e| format!("{}: {e}", out.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with("-client")))
        .ok_or("no client crate was generated")?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(&out).arg(if clippy { "clippy" } else { "check" }).arg("--workspace");
    if clippy {
        command.args(["--", "-D", "warnings"]);
    }
    // The models crate is a dependency of the client: `--workspace` checks both.
    eprintln!("running cargo {} on {} and its models crate", if clippy { "clippy" } else { "check" }, client.display());
    let started = Instant::now();
    let status = command.status().map_err(|e| format!("could not run cargo: {e}"))?;
    let took = started.elapsed();
    println!("cargo {}: {} in {:.1} s", if clippy { "clippy" } else { "check" }, if status.success() { "ok" } else { "FAILED" }, took.as_secs_f64());
    Ok(status.success())
}
