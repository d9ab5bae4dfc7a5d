//! `cargo xtask check-cloudflare [--once] [--clippy] [--features LIST [--call "METHOD PATH"]]`: generates
//! Cloudflare's official spec (all of it, unedited) into `target/cloudflare-check/`, then:
//!
//! - by default, runs `cargo check` (or `cargo clippy`, warnings denied) on the two crates with
//!   their default features (every tag);
//! - with `--features`, builds a tiny downstream program in `target/cloudflare-downstream/` that
//!   depends on the client with `default-features = false, features = [LIST]` and calls one
//!   operation (`--call`, default `GET /user/tokens/verify`), as a user of a few tags would.
//!
//! Each runs cargo twice: once to bring everything (dependencies included) up to date, then,
//! after `cargo clean -p` of the generated crates (and the program), once more, timed: that second
//! time is what compiling the generated code costs. `--once` (what CI runs) stops after the first
//! run: it shows that the crates compile without timing them. The operation, type and fallback counts are
//! printed too, and each timed run's peak memory (of the largest compiler process).
//!
//! `--against REV [--rounds N]` compares instead: see [`crate::compare`]. The spec comes from `$SHARED_DIR/real-specs/cloudflare-openapi.json`
//! (`SHARED_DIR` defaults to `../shared`); without it the command says it skipped and succeeds.

use crate::{gen, paths};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const DEFAULT_CALL: &str = "GET /user/tokens/verify";
const DOWNSTREAM: &str = "cloudflare-downstream";

struct Options {
    once: bool,
    clippy: bool,
    features: Option<Vec<String>>,
    call: String,
    against: Option<String>,
    rounds: usize,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options { once: false, clippy: false, features: None, call: DEFAULT_CALL.to_string(), against: None, rounds: 3 };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--once" => o.once = true,
            "--clippy" => o.clippy = true,
            "--features" => {
                let list = it.next().ok_or("--features needs a comma-separated list of features")?;
                o.features = Some(list.split([',', ' ']).filter(|f| !f.is_empty()).map(str::to_string).collect());
            }
            "--call" => o.call = it.next().ok_or("--call needs \"METHOD PATH\", e.g. \"GET /user/tokens/verify\"")?.clone(),
            "--against" => o.against = Some(it.next().ok_or("--against needs a git revision, e.g. HEAD~3")?.clone()),
            "--rounds" => {
                let n = it.next().ok_or("--rounds needs a number")?;
                o.rounds = n.parse().ok().filter(|n| *n > 0).ok_or_else(|| format!("--rounds takes a positive number, not `{n}`"))?;
            }
            other => return Err(format!("unknown argument `{other}` for `check-cloudflare`")),
        }
    }
    if o.features.is_some() && o.clippy {
        return Err("--clippy checks the crates with their default features; it does not go with --features".into());
    }
    Ok(o)
}

/// Runs the command; `Ok(false)` means "exit 1".
pub fn run(args: &[String]) -> Result<bool, String> {
    let o = parse(args)?;
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
    copy_lock(&root, &out);
    if let Some(rev) = &o.against {
        return crate::compare::run(&root, &spec, &out, rev, o.rounds);
    }
    let client = std::fs::read_dir(&out)
        .map_err(|e| format!("{}: {e}", out.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with("-client")))
        .ok_or("no client crate was generated")?;
    let client_name = client.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let models_name = format!("{}-models", client_name.trim_end_matches("-client"));

    match &o.features {
        None => {
            let verb = if o.clippy { "clippy" } else { "check" };
            eprintln!("running cargo {verb} on {} and its models crate (default features)", client.display());
            let mut args = vec![verb, "--workspace"];
            if o.clippy {
                args.extend(["--", "-D", "warnings"]);
            }
            timed_twice(&out, &args, &[&models_name, &client_name], &format!("cargo {verb}"), o.once)
        }
        Some(features) => {
            let program = root.join("target").join(DOWNSTREAM);
            let call = find_call(&client.join("API.md"), &o.call)?;
            write_program(&program, &client, &client_name, features, &call)?;
            copy_lock(&root, &program);
            eprintln!(
                "building {} (`{call}`) against {client_name} with default-features = false, features = {features:?}",
                program.display()
            );
            timed_twice(&program, &["build"], &[&models_name, &client_name, DOWNSTREAM], "cargo build", o.once)
        }
    }
}

fn copy_lock(root: &Path, dir: &Path) {
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::copy(root.join("Cargo.lock"), &lock);
    }
}

/// Runs `cargo ARGS` in `dir` to bring everything up to date, cleans `packages`, and runs it again,
/// printing both times; with `once`, only the first run.
fn timed_twice(dir: &Path, args: &[&str], packages: &[&str], what: &str, once: bool) -> Result<bool, String> {
    let cargo = paths::cargo();
    let started = Instant::now();
    let status = Command::new(&cargo).current_dir(dir).args(args).status().map_err(|e| format!("could not run cargo: {e}"))?;
    let first = started.elapsed();
    println!("{what}: {} in {:.1} s (dependencies built as needed)", if status.success() { "ok" } else { "FAILED" }, first.as_secs_f64());
    if !status.success() || once {
        return Ok(status.success());
    }
    clean(dir, packages)?;
    let started = Instant::now();
    let (ok, rss) = crate::rusage::run(Command::new(&cargo).current_dir(dir).args(args)).map_err(|e| format!("could not run cargo: {e}"))?;
    let took = started.elapsed();
    println!(
        "{what}: {} in {:.1} s, peak RSS {} ({} only, dependencies already built)",
        if ok { "ok" } else { "FAILED" },
        took.as_secs_f64(),
        rss.map_or("n/a".into(), crate::rusage::mib),
        packages.join(", ")
    );
    Ok(ok)
}

/// `cargo clean -p` each of `packages` in the workspace at `dir`.
pub fn clean(dir: &Path, packages: &[impl AsRef<str>]) -> Result<(), String> {
    let mut clean = Command::new(paths::cargo());
    clean.current_dir(dir).args(["clean", "--quiet"]);
    for p in packages {
        clean.args(["-p", p.as_ref()]);
    }
    if !clean.status().map_err(|e| format!("could not run cargo: {e}"))?.success() {
        let names: Vec<&str> = packages.iter().map(AsRef::as_ref).collect();
        return Err(format!("cargo clean -p {} failed", names.join(" -p ")));
    }
    Ok(())
}

/// The Rust call of `METHOD PATH`, from the client's `API.md` table, with literal arguments
/// (`"<name>"` for string parameters): `client.user().api_tokens().verify_token()`.
fn find_call(api_md: &Path, wanted: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(api_md).map_err(|e| format!("{}: {e}", api_md.display()))?;
    let http = format!("`{}`", wanted.trim());
    let row = text
        .lines()
        .find(|l| l.split(" | ").nth(1).is_some_and(|cell| cell.trim() == http))
        .ok_or_else(|| format!("no operation `{wanted}` in {}", api_md.display()))?;
    let call = row.trim_start_matches("| `").split('`').next().unwrap_or_default();
    let (head, args) = call.split_once('(').ok_or_else(|| format!("unexpected call `{call}` in {}", api_md.display()))?;
    let args = args.trim_end_matches(')');
    let mut literal = Vec::new();
    for arg in args.split(", ").filter(|a| !a.is_empty()) {
        match arg.split_once(": ") {
            Some((name, "&str")) => literal.push(format!("{name:?}")),
            _ => return Err(format!("`{call}`: only string arguments are supported by --call (`{arg}`)")),
        }
    }
    Ok(format!("{head}({})", literal.join(", ")))
}

fn write_program(dir: &Path, client: &Path, client_name: &str, features: &[String], call: &str) -> Result<(), String> {
    let dep_path = paths::relative(dir, client);
    let features: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
    let manifest = format!(
        "# Written by `cargo xtask check-cloudflare --features`.\n[package]\nname = \"{DOWNSTREAM}\"\nversion = \"0.0.0\"\n\
         edition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\n\
         {client_name} = {{ path = {dep_path:?}, default-features = false, features = [{}] }}\n",
        features.join(", ")
    );
    let krate = client_name.replace('-', "_");
    let main = format!(
        "//! Written by `cargo xtask check-cloudflare --features`: a program that uses one operation.\n\n\
         use {krate}::Client;\n\n\
         async fn call(client: &Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
         \x20   let result = {call}.await?;\n\
         \x20   println!(\"{{result:?}}\");\n\
         \x20   Ok(())\n\
         }}\n\n\
         fn main() {{\n\
         \x20   match Client::from_env() {{\n\
         \x20       // Building the request is enough to compile it; nothing is sent.\n\
         \x20       Ok(client) => drop(call(&client)),\n\
         \x20       Err(err) => eprintln!(\"{{err}}\"),\n\
         \x20   }}\n\
         }}\n"
    );
    write(&dir.join("Cargo.toml"), &manifest)?;
    write(&dir.join("src").join("main.rs"), &main)
}

/// Writes a file unless it already has this content (so cargo does not rebuild for nothing).
fn write(path: &PathBuf, contents: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}
