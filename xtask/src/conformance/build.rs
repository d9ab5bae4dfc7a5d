//! Writes a spec's conformance program and builds it; the operations whose calls do not compile
//! are found from the compiler's spans (`src/main.rs:LINE` inside `fn op_<i>`), set aside, and
//! the program built again without them.

use crate::paths;
use generator::sample::Prepared;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// How many times the program is rebuilt with more operations set aside.
const ROUNDS: usize = 4;

/// The built program, and the operations set aside with the compiler's first message for each.
pub struct Built {
    pub exe: PathBuf,
    pub not_compiled: BTreeMap<usize, String>,
}

/// Writes the program into `workspace/conformance/` and builds it with the shared `target`.
pub fn build(prepared: &Prepared, workspace: &Path, root: &Path, target: &Path) -> Result<Built, String> {
    let dir = workspace.join("conformance");
    let runtime = paths::relative(&dir, &root.join("runtime"));
    crate::corpus::write(&dir.join("Cargo.toml"), &prepared.manifest(&runtime))?;
    let package = format!("{}-conformance", prepared.name());
    let mut not_compiled: BTreeMap<usize, String> = BTreeMap::new();
    for _ in 0..ROUNDS {
        let skip: BTreeSet<usize> = not_compiled.keys().copied().collect();
        let main = prepared.main_rs(&skip)?;
        crate::corpus::write(&dir.join("src").join("main.rs"), &main)?;
        let (ok, stderr) = cargo_build(workspace, target, &package)?;
        if ok {
            return Ok(Built { exe: target.join("debug").join(&package), not_compiled });
        }
        let failing = failing_ops(&main, &stderr);
        if failing.is_empty() {
            let log = workspace.join("build.log");
            let _ = std::fs::write(&log, &stderr);
            return Err(format!("the program does not build outside its operations (see {})", log.display()));
        }
        not_compiled.extend(failing);
    }
    Err(format!("the program still does not build after {ROUNDS} rounds"))
}

fn cargo_build(workspace: &Path, target: &Path, package: &str) -> Result<(bool, String), String> {
    let out = Command::new(paths::cargo())
        .args(["build", "--quiet", "--message-format", "short", "-p", package])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        // Each spec's program is new code every run: incremental state would only fill the disk
        // (gigabytes for Cloudflare's) without making the next build faster.
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    Ok((out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned()))
}

/// Each operation an error of `stderr` points into, with the first such error.
fn failing_ops(main: &str, stderr: &str) -> BTreeMap<usize, String> {
    let starts: Vec<(usize, usize)> = main
        .lines()
        .enumerate()
        .filter_map(|(n, l)| {
            let rest = l.trim_start().strip_prefix("fn op_")?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((n + 1, digits.parse().ok()?))
        })
        .collect();
    let mut out = BTreeMap::new();
    for line in stderr.lines().filter(|l| l.contains(": error")) {
        let Some(rest) = line.split("src/main.rs:").nth(1) else { continue };
        let Some(at) = rest.split(':').next().and_then(|n| n.parse::<usize>().ok()) else { continue };
        if let Some((_, op)) = starts.iter().rev().find(|(start, _)| *start <= at) {
            let message = rest.split_once(": error").map_or(rest, |(_, m)| m).trim_start_matches([':', ' ']);
            out.entry(*op).or_insert_with(|| message.chars().take(200).collect());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::failing_ops;

    #[test]
    fn errors_are_traced_to_their_operation() {
        let main = "use x;\nfn op_0() {\n}\nfn op_7() {\n  bad\n}\n";
        let stderr = "conformance/src/main.rs:5:3: error[E0425]: cannot find value `bad`\nerror: could not compile";
        let found = failing_ops(main, stderr);
        assert_eq!(found.len(), 1);
        assert_eq!(found[&7], "[E0425]: cannot find value `bad`");
        assert!(failing_ops(main, "conformance/src/main.rs:1:1: error: x").is_empty());
    }
}
