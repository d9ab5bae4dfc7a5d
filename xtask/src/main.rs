//! `cargo xtask`: the only code in the workspace that writes files.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use xtask::{bench, check_cloudflare, conformance, corpus, diff, gen, lint, surface};

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  cargo xtask gen [--check]              regenerate every spec in specs/ into generated/
  cargo xtask gen --spec FILE --out DIR  generate one spec (YAML or JSON) into DIR
       [--runtime vendor|path=P]          where its crates find api-runtime: a copy written into DIR
                                         (vendor, the default outside this workspace) or the crate
                                         at P (the default inside it: this workspace's runtime/)
       [--overlay FILE]...                apply OpenAPI Overlays (1.0, 1.1) to the spec first, in order,
                                         after those it names in x-rust-client.overlays
       [--report-untyped]                 (both forms) list every place that is serde_json::Value or
                                         bytes, grouped by reason, with its JSON pointer
  cargo xtask lint [SPEC...]             review checks on specs (default: every spec in specs/)
  cargo xtask diff BASE [HEAD]           API changes between git revisions (HEAD: working tree) as Markdown
       [--allow-breaking] [--bump]       fail on breaking changes unless allowed; --bump sets x-rust-client.version
  cargo xtask diff OLD_FILE NEW_FILE     the same for two spec files
  cargo xtask bench [--spec FILE]        time parsing alone vs the whole generation (medians and ratio);
       [--iterations N] [--max-ratio R]  default spec: $SHARED_DIR/real-specs/cloudflare-openapi.json
                                         (SHARED_DIR defaults to ../shared); always measures the release
                                         build (same as `cargo run --release -p xtask -- bench`)
  cargo xtask check-cloudflare [--once] [--clippy]
                                         generate Cloudflare's full spec into target/cloudflare-check/
                                         and cargo check (or clippy) it, with the time taken
  cargo xtask check-cloudflare --against REV [--rounds N]
                                         cargo check time and peak memory of today's crates against
                                         those the generator at git revision REV writes, alternating
                                         N rounds (default 3) in one run, with medians and ratios
  cargo xtask check-cloudflare --features LIST [--call \"METHOD PATH\"]
                                         the same, then cargo build a program using one call (default
                                         GET /user/tokens/verify) with only those client features
  cargo xtask corpus [DIR]               generate every spec in DIR (default $SHARED_DIR/real-specs/corpus)
                                         into target/corpus/, cargo check each one's crates (one shared
                                         target dir), and print a row per spec and `N of M compile`
  cargo xtask corpus [DIR] --against REV each spec's check time and peak memory today against those of
                                         the crates the generator at git revision REV writes, in one run
  cargo xtask surface [SPEC...]          each client's call surface: groups, entries on Client, median and
       [--against REV]                   longest method name (default: Cloudflare's spec and the corpus);
                                         with --against, the generator at REV's beside it
  cargo xtask conformance [SPEC...]     call every operation of each spec's client (default: the
       [--seeds N]                        shared corpus, Cloudflare's spec and specs/) against the
                                         validating mock Stoplight Prism (installed with npm ci into
                                         target/conformance/mock), with examples and N seeds of
                                         generated responses (default 3); `N of M operations conform`
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => gen::run(&args[1..]),
        Some("lint") => lint::run(&args[1..]),
        Some("diff") => diff::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("check-cloudflare") => check_cloudflare::run(&args[1..]),
        Some("corpus") => corpus::run(&args[1..]),
        Some("surface") => surface::run(&args[1..]),
        Some("conformance") => conformance::run(&args[1..]),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            Ok(true)
        }
        Some(other) => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
