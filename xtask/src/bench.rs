//! `cargo xtask bench [--spec FILE] [--iterations N] [--max-ratio R]`: how long generation takes
//! next to parsing the spec alone.
//!
//! Each iteration times (a) parsing the spec into `openapiv3::OpenAPI` (serde_json, or serde_yaml
//! for YAML) and (b) the whole generation (`generator::generate`: load, validate, lower, emit,
//! format), interleaved so both see the same machine; after one warm-up round the medians are
//! printed with (b)/(a), and the median of the rounds' own ratios (each round's (a) and (b) run
//! back to back, so a machine that changes speed during the run moves both). The default spec is Cloudflare's (`$SHARED_DIR/real-specs/
//! cloudflare-openapi.json`, `SHARED_DIR` defaulting to `../shared`); without it the command
//! says it skipped and succeeds.
//!
//! The figures mean something only for an optimized build: run from a debug build (as the
//! `cargo xtask` alias does), the command runs itself again with `cargo run --release`.

use crate::paths;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

struct Options {
    spec: Option<PathBuf>,
    iterations: usize,
    max_ratio: Option<f64>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options { spec: None, iterations: 7, max_ratio: None };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--spec" => o.spec = Some(it.next().ok_or("--spec needs a FILE")?.into()),
            "--iterations" => {
                let n = it.next().ok_or("--iterations needs a number")?;
                o.iterations = n.parse().ok().filter(|n| *n > 0).ok_or(format!("--iterations: `{n}` is not a positive number"))?;
            }
            "--max-ratio" => {
                let r = it.next().ok_or("--max-ratio needs a number")?;
                o.max_ratio = Some(r.parse().map_err(|_| format!("--max-ratio: `{r}` is not a number"))?);
            }
            other => return Err(format!("unknown argument `{other}` for `bench`")),
        }
    }
    Ok(o)
}

/// Runs the command; `Ok(false)` means "exit 1" (the ratio is above `--max-ratio`).
pub fn run(args: &[String]) -> Result<bool, String> {
    let o = parse(args)?;
    if cfg!(debug_assertions) {
        return rerun_optimized(args);
    }
    let spec = o.spec.clone().map(|s| paths::absolute(&s)).unwrap_or_else(paths::cloudflare_spec);
    if !spec.is_file() {
        println!("bench skipped: {} not found (set SHARED_DIR or pass --spec FILE)", spec.display());
        return Ok(true);
    }
    let text = std::fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let display = spec.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let settings = generator::Settings::for_spec(&display);
    let yaml = !text.trim_start().starts_with('{');

    let mut parse_times = Vec::new();
    let mut gen_times = Vec::new();
    let mut round_ratios = Vec::new();
    let mut steps: Vec<(&'static str, Vec<Duration>)> = Vec::new();
    let mut summary = String::new();
    for round in 0..=o.iterations {
        let started = Instant::now();
        let parsed = parse_only(&text, yaml)?;
        let parse_time = started.elapsed();
        drop(parsed);

        let started = Instant::now();
        let out = generator::generate(&text, &settings);
        let gen_time = started.elapsed();
        let out = out.map_err(|diags| format!("{display} does not generate: {} diagnostic(s), the first: {}", diags.len(), diags.first().map(ToString::to_string).unwrap_or_default()))?;
        if round == 0 {
            let bytes: usize = out.files.iter().map(|f| f.contents.len()).sum();
            summary = format!(
                "{display}: {} KiB, {} operations, {} types, {} fallbacks (warnings), {:.1} MiB generated",
                text.len() / 1024,
                out.operations,
                out.types,
                out.warnings.len(),
                bytes as f64 / (1024.0 * 1024.0)
            );
            continue; // warm-up
        }
        parse_times.push(parse_time);
        gen_times.push(gen_time);
        round_ratios.push(gen_time.as_secs_f64() / parse_time.as_secs_f64().max(1e-9));
        for (i, (name, time)) in out.timings.iter().enumerate() {
            match steps.get_mut(i) {
                Some((_, times)) => times.push(*time),
                None => steps.push((name, vec![*time])),
            }
        }
    }
    let (parse, generate) = (median(&mut parse_times), median(&mut gen_times));
    let ratio = generate.as_secs_f64() / parse.as_secs_f64().max(1e-9);
    println!("{summary}");
    println!("iterations: {} (after one warm-up), medians:", o.iterations);
    println!("  (a) parse into openapiv3::OpenAPI: {:>9.1} ms", ms(parse));
    println!("  (b) whole generation:              {:>9.1} ms", ms(generate));
    println!("  (b)/(a):                           {ratio:>9.2}");
    round_ratios.sort_by(f64::total_cmp);
    let (low, high) = (round_ratios[0], round_ratios[round_ratios.len() - 1]);
    println!("  (b)/(a) of each round, median:     {:>9.2} (from {low:.2} to {high:.2})", round_ratios[round_ratios.len() / 2]);
    println!("steps of (b), medians (they need not add up exactly):");
    for (name, times) in &mut steps {
        println!("  {name:<33} {:>9.1} ms", ms(median(times)));
    }
    if let Some(max) = o.max_ratio {
        if ratio > max {
            eprintln!("generation costs {ratio:.2} times the parse, above --max-ratio {max}");
            return Ok(false);
        }
    }
    Ok(true)
}

/// The spec parsed into the typed document, as a program that only reads it would.
fn parse_only(text: &str, yaml: bool) -> Result<openapiv3::OpenAPI, String> {
    if yaml {
        serde_yaml::from_str(text).map_err(|e| format!("the spec does not parse: {e}"))
    } else {
        serde_json::from_str(text).map_err(|e| format!("the spec does not parse: {e}"))
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Builds and runs the optimized xtask with the same arguments.
fn rerun_optimized(args: &[String]) -> Result<bool, String> {
    eprintln!("bench: running the optimized build (cargo run --release -p xtask -- bench ...)");
    let status = Command::new(paths::cargo())
        .current_dir(paths::root())
        .args(["run", "--quiet", "--release", "--package", "xtask", "--", "bench"])
        .args(args)
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    match status.code() {
        Some(0) => Ok(true),
        Some(1) => Ok(false),
        _ => Err(format!("the optimized bench failed ({status})")),
    }
}
