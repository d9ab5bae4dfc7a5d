//! The runtime under load, correctness only: 1,000 calls, 64 in flight, through the generated
//! client of `tests/specs/load.yaml`, against a local server that answers 5% of attempts with a
//! 503, resets 1% of connections after reading the request and leaves 1% unanswered past the
//! client's timeout. Every call's outcome and every attempt the server saw must follow the
//! runtime's retry rules (see `load/harness.rs`). No timing is asserted; `cargo bench -p
//! workspace-tests --bench load` runs 10,000 calls and prints the figures.

#[allow(dead_code)]
#[path = "load/harness.rs"]
mod harness;

use harness::{Server, Settings};

const SEED: u64 = 0x5eed_0001;

#[test]
fn a_thousand_calls_with_faults_follow_the_retry_rules() {
    let server = Server::start(SEED);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let report = rt.block_on(harness::faulty_run(&server, 1_000));
    println!("{report}");
    assert!(report.problems.is_empty(), "the load broke the rules:\n{report}");

    // The seed gives every fault, so the run is not vacuous: 503s with and without
    // `x-should-retry`, resets and unanswered requests, with GETs and POSTs failing and retried.
    for fate in ["200", "503", "503 + x-should-retry", "reset", "no answer"] {
        assert!(report.fates.get(fate).copied().unwrap_or(0) > 0, "no attempt was `{fate}`:\n{report}");
    }
    assert!(report.post_repeats_server_asked > 0, "{report}");
    assert!(report.retried_calls > 0, "{report}");
    assert_eq!(report.succeeded + report.failed.values().sum::<usize>(), 1_000);
    let settings = Settings::faulty(1_000);
    assert!(report.max_attempts <= 1 + settings.retries as usize);
}
