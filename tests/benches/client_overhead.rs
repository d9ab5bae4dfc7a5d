//! The cost of the generated client over plain `reqwest` + `serde_json`, on loopback.
//!
//! Both sides make the same request (`GET .../accounts/{account_id}/tokens/{token_id}` with a
//! bearer token) to the same local server, which answers with the same ~2 KB JSON body, and
//! both decode it into the same model type (`models::Token`):
//!
//! - `generated`: `client.accounts().tokens().get(account, token).await` (retries, timeout,
//!   tracing span, error mapping and envelope decoding included);
//! - `plain_reqwest`: `reqwest::Client::get(url).bearer_auth(..).send()`, status check, body
//!   bytes, `serde_json::from_slice::<TokenDetailsEnvelope>` and `.result`.
//!
//! The server is a minimal HTTP/1.1 keep-alive responder on its own thread, so that its cost is
//! small and the same for both. Criterion measures each side; then, because the two criterion
//! runs happen one after the other (and a shared 2-core machine drifts), the two sides are also
//! timed in alternating rounds and the median of the per-round ratios is printed.
//!
//! `cargo bench -p workspace-tests --bench client_overhead` prints the ratio generated/plain at
//! the end. Under `cargo test` (`--benches`, or `--bench client_overhead`) criterion runs each
//! side once, as a test, and nothing more is measured.

use std::hint::black_box;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use api_runtime::reqwest;
use cloudflare_tokens_client::{models, Client};
use criterion::Criterion;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::runtime::Runtime;
use workspace_tests::{response_example, spec};

const TOKEN: &str = "bench-token-0123456789abcdef";
const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN_ID: &str = "ed17574386854bf78a67040be0a770b0";
const GROUP: &str = "client_overhead";

/// The documented token-details response, with more policies until the body is about 2 KB.
fn body_of_about_2kb() -> Vec<u8> {
    let mut body =
        response_example(&spec("cloudflare-tokens.yaml"), "/accounts/{account_id}/tokens/{token_id}", "get", "200");
    body["errors"] = json!([]);
    body["messages"] = json!([]);
    let policies = body["result"]["policies"].as_array().unwrap().clone();
    let mut n = 0;
    while serde_json::to_vec(&body).unwrap().len() < 2000 {
        let mut policy: Value = policies[n % policies.len()].clone();
        policy["id"] = json!(format!("{:032x}", 0xf267_e341_u64 + n as u64));
        body["result"]["policies"].as_array_mut().unwrap().push(policy);
        n += 1;
    }
    serde_json::to_vec(&body).unwrap()
}

/// A minimal HTTP/1.1 server on 127.0.0.1 answering every request (no request body expected)
/// with `body`, keeping connections open. Runs on its own thread until the process exits.
fn start_server(body: Vec<u8>) -> SocketAddr {
    let mut response =
        format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len())
            .into_bytes();
    response.extend_from_slice(&body);
    let response: &'static [u8] = Box::leak(response.into_boxed_slice());

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                socket.set_nodelay(true).unwrap();
                tokio::spawn(async move {
                    let mut buf = Vec::with_capacity(4096);
                    let mut chunk = [0u8; 4096];
                    loop {
                        let n = match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => n,
                        };
                        buf.extend_from_slice(&chunk[..n]);
                        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            buf.drain(..end + 4);
                            if socket.write_all(response).await.is_err() {
                                return;
                            }
                        }
                    }
                });
            }
        });
    });
    addr
}

struct Sides {
    rt: Runtime,
    generated: Client,
    plain: reqwest::Client,
    plain_url: String,
}

impl Sides {
    fn new(addr: SocketAddr) -> Self {
        let base = format!("http://{addr}/client/v4");
        let generated = Client::builder().bearer_token(TOKEN).base_url(&base).build().unwrap();
        let plain = reqwest::Client::new();
        let plain_url = format!("{base}/accounts/{ACCOUNT}/tokens/{TOKEN_ID}");
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        Sides { rt, generated, plain, plain_url }
    }

    async fn generated_call(&self) -> models::Token {
        self.generated.accounts().tokens().get(ACCOUNT, TOKEN_ID).await.unwrap()
    }

    async fn plain_call(&self) -> models::Token {
        let response = self.plain.get(&self.plain_url).bearer_auth(TOKEN).send().await.unwrap();
        assert!(response.status().is_success());
        let bytes = response.bytes().await.unwrap();
        let envelope: models::TokenDetailsEnvelope = serde_json::from_slice(&bytes).unwrap();
        envelope.result.unwrap()
    }

    fn generated(&self) -> models::Token {
        self.rt.block_on(self.generated_call())
    }

    fn plain(&self) -> models::Token {
        self.rt.block_on(self.plain_call())
    }

    /// Times `n` calls of each side in alternating rounds (the order flipping every round) and
    /// returns the per-call times (generated, plain) of each round.
    fn interleaved(&self, rounds: usize, n: usize) -> Vec<(Duration, Duration)> {
        let time = |f: &dyn Fn() -> models::Token| {
            let started = Instant::now();
            for _ in 0..n {
                black_box(f());
            }
            started.elapsed() / n as u32
        };
        (0..rounds)
            .map(|round| {
                if round % 2 == 0 {
                    let g = time(&|| self.generated());
                    (g, time(&|| self.plain()))
                } else {
                    let p = time(&|| self.plain());
                    (time(&|| self.generated()), p)
                }
            })
            .collect()
    }
}

/// Criterion's output directory, found the way criterion finds it.
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    let metadata = std::env::var_os("CARGO").and_then(|cargo| {
        let output =
            std::process::Command::new(cargo).args(["metadata", "--format-version", "1", "--no-deps"]).output().ok()?;
        let value: Value = serde_json::from_slice(&output.stdout).ok()?;
        Some(PathBuf::from(value["target_directory"].as_str()?))
    });
    metadata.map(|t| t.join("criterion")).unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// Criterion's typical time (the slope of its linear sampling, which it prints, else the mean)
/// and median for a benchmark, in nanoseconds, if it was measured since `since` (a filtered run
/// leaves an older estimate of the other side behind).
fn criterion_estimate(name: &str, since: SystemTime) -> Option<(f64, f64)> {
    let path = criterion_home().join(GROUP).join(name).join("new").join("estimates.json");
    if std::fs::metadata(&path).ok()?.modified().ok()? < since {
        return None;
    }
    let estimates: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let point = |key: &str| estimates[key]["point_estimate"].as_f64();
    Some((point("slope").or_else(|| point("mean"))?, point("median")?))
}

fn micros(ns: f64) -> String {
    format!("{:.1} µs", ns / 1000.0)
}

fn main() {
    let body = body_of_about_2kb();
    let sides = Sides::new(start_server(body.clone()));

    // Both sides get the same value.
    let expected: models::TokenDetailsEnvelope = serde_json::from_slice(&body).unwrap();
    assert_eq!(sides.generated(), expected.result.clone().unwrap());
    assert_eq!(sides.plain(), expected.result.unwrap());

    // Criterion benchmarks only under `cargo bench` (`--bench`), and not with `--test`,
    // `--list` or `--profile-time`; otherwise it runs each benchmark once, as a test.
    let args: Vec<String> = std::env::args().collect();
    let benchmarking = args.iter().any(|a| a == "--bench")
        && !args.iter().any(|a| a == "--test" || a == "--list" || a.starts_with("--profile-time"));
    let started = SystemTime::now();
    let mut criterion = Criterion::default().configure_from_args();
    {
        let mut group = criterion.benchmark_group(GROUP);
        group.measurement_time(Duration::from_secs(5));
        group.bench_function("generated", |b| b.iter(|| sides.generated()));
        group.bench_function("plain_reqwest", |b| b.iter(|| sides.plain()));
        group.finish();
    }
    criterion.final_summary();
    if !benchmarking {
        return;
    }

    println!();
    println!("response body: {} bytes of JSON decoded into models::Token", body.len());
    match (criterion_estimate("generated", started), criterion_estimate("plain_reqwest", started)) {
        (Some((g, g_median)), Some((p, p_median))) => println!(
            "criterion:   generated {} (median {}), plain reqwest {} (median {}): ratio generated/plain {:.3} (of medians {:.3}; \
             the two sides ran one after the other, so machine load skews this one)",
            micros(g),
            micros(g_median),
            micros(p),
            micros(p_median),
            g / p,
            g_median / p_median
        ),
        _ => println!("criterion:   no estimates of both sides from this run in {} (filtered run?)", criterion_home().display()),
    }

    let (count, per_round) = (200, 50);
    let rounds = sides.interleaved(count, per_round);
    let mut ratios: Vec<f64> = rounds.iter().map(|(g, p)| g.as_secs_f64() / p.as_secs_f64()).collect();
    ratios.sort_by(f64::total_cmp);
    let mut generated: Vec<f64> = rounds.iter().map(|r| r.0.as_nanos() as f64).collect();
    let mut plain: Vec<f64> = rounds.iter().map(|r| r.1.as_nanos() as f64).collect();
    generated.sort_by(f64::total_cmp);
    plain.sort_by(f64::total_cmp);
    let median = |v: &[f64]| v[v.len() / 2];
    println!(
        "interleaved: {count} alternating rounds of {per_round} calls per side: generated {} per call, plain reqwest {} \
         (medians; fastest rounds {} and {})",
        micros(median(&generated)),
        micros(median(&plain)),
        micros(generated[0]),
        micros(plain[0]),
    );
    println!(
        "ratio generated/plain: {:.3} (median of per-round ratios; middle half {:.3}..{:.3}; fastest rounds {:.3})",
        median(&ratios),
        ratios[ratios.len() / 4],
        ratios[ratios.len() * 3 / 4],
        generated[0] / plain[0],
    );
}
