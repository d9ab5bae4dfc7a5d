//! The runtime under load: `cargo bench -p workspace-tests --bench load`.
//!
//! 1. 10,000 calls, 64 in flight, through the generated client of `tests/specs/load.yaml` against
//!    a local server that answers 5% of attempts with a 503, resets 1% of connections after
//!    reading the request and leaves 1% unanswered past the client's timeout (1 s). Every
//!    call's outcome and every attempt the server saw are checked against the runtime's retry
//!    rules (`load/harness.rs`); the figures, the connections the server saw and the RSS before
//!    and after are printed as a table.
//! 2. Without faults, the same 10,000 calls through the generated client and through plain
//!    `reqwest` (`Client::new()`: no timeout, no retries; the same server code, requests and
//!    decoding into the model type, 64 in flight),
//!    in seven alternating rounds after a warm-up: calls/s of each and their ratio, measured in
//!    this run on this machine (not an absolute claim).
//!
//! Any rule broken makes the process fail. Nothing is timed against a limit. Run without
//! `--bench` (e.g. `cargo test --benches`), it makes 1,000 calls and one round.

#[allow(dead_code)]
#[path = "../load/harness.rs"]
mod harness;

use harness::{generated_client, plain_client, rss_kib, show_rss, Report, Server, Settings};

const SEED: u64 = 0x5eed_0001;

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let (calls, rounds) = if bench { (10_000, 7) } else { (1_000, 1) };
    // One server per client, so that each server's connection counts are one client's pool.
    let server = Server::start(SEED);
    let generated_server = Server::start(SEED);
    let plain_server = Server::start(SEED);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let rss_start = rss_kib();

    // 1. Faults.
    let report = rt.block_on(harness::faulty_run(&server, calls));
    let rss_after_faults = rss_kib();
    let mut problems = report.problems.len();

    // 2. Throughput without faults.
    let settings = Settings::fault_free(calls);
    let client = generated_client(&generated_server, &settings);
    let plain = plain_client();
    let base_url = plain_server.base_url();
    let generated_round = |settings: &Settings| -> (f64, Report) {
        generated_server.reset(false);
        let (outcomes, elapsed) = rt.block_on(harness::run_generated(&client, settings));
        let report = harness::check(settings, &outcomes, elapsed, &generated_server);
        (settings.calls as f64 / elapsed.as_secs_f64(), report)
    };
    let plain_round = |settings: &Settings| -> (f64, usize) {
        plain_server.reset(false);
        let (ok, elapsed) = rt.block_on(harness::run_plain(&plain, &base_url, settings));
        plain_server.take();
        (settings.calls as f64 / elapsed.as_secs_f64(), ok)
    };
    // Warm-up: both open their connections.
    let warm_up = Settings::fault_free(1_000);
    problems += generated_round(&warm_up).1.problems.len();
    plain_round(&warm_up);

    let mut rows = Vec::new();
    let mut ratios = Vec::new();
    let mut max_open = 0;
    for round in 0..rounds {
        let (g, p, g_report, p_ok) = if round % 2 == 0 {
            let (g, r) = generated_round(&settings);
            let (p, ok) = plain_round(&settings);
            (g, p, r, ok)
        } else {
            let (p, ok) = plain_round(&settings);
            let (g, r) = generated_round(&settings);
            (g, p, r, ok)
        };
        problems += g_report.problems.len();
        for problem in g_report.problems.iter().take(5) {
            eprintln!("fault-free generated run: {problem}");
        }
        if p_ok as u64 != calls {
            eprintln!("fault-free plain run: {} of {calls} calls failed", calls - p_ok as u64);
            problems += 1;
        }
        max_open = max_open.max(g_report.connections.max_open);
        ratios.push(g / p);
        rows.push(format!("| round {} | {g:.0} | {p:.0} | {:.3} |", round + 1, g / p));
    }
    ratios.sort_by(f64::total_cmp);
    let rss_end = rss_kib();

    println!();
    println!("## Load: {calls} calls, 64 in flight, faults (5% 503, 1% reset, 1% unanswered past the 1 s timeout), 3 retries");
    println!();
    println!("| what | figure |");
    println!("|---|---|");
    println!("{report}");
    println!("| RSS: before the faulty run; after it; at the end | {}; {}; {} |", show_rss(rss_start), show_rss(rss_after_faults), show_rss(rss_end));
    println!();
    println!("## Throughput without faults: {calls} calls, 64 in flight (most connections open at once: {max_open})");
    println!();
    println!("| round | generated client (calls/s) | plain reqwest (calls/s) | generated / plain |");
    println!("|---|---|---|---|");
    for row in &rows {
        println!("{row}");
    }
    println!("| median | | | {:.3} |", ratios[ratios.len() / 2]);
    println!();

    if problems > 0 {
        eprintln!("{problems} rule violations");
        std::process::exit(1);
    }
}
