//! The runtime's load test, shared by `tests/load.rs` (1,000 calls, correctness only) and
//! `benches/load.rs` (10,000 calls, with figures).
//!
//! A hand-written HTTP/1.1 keep-alive server on 127.0.0.1 (its own thread and runtime) decides
//! each attempt's fate from a hash of (seed, call id, attempt number), the attempt number being
//! how many requests of that call it has already seen: a 503 (5%, half of them with
//! `x-should-retry: true`), a connection reset after reading the request (1%), no answer until
//! the client gives up (1%), else a 200 with the item as JSON. It records every attempt of every
//! call, the connections it accepted and the most open at once.
//!
//! The generated client (`tests/specs/load.yaml`) makes the calls, 64 in flight: even ids are
//! `GET /items/{id}` (idempotent), odd ids `POST /orders/{id}` (not idempotent). Because the
//! fates are a function of (call, attempt), what the runtime must do is computable from its
//! retry rules (`runtime/src/execute.rs`), and [`check`] compares it with what the server saw
//! and what each call returned:
//!
//! - a failed attempt is retried while retries are left if it is transient (a 5xx, a transport
//!   failure, a timeout) and safe to repeat: the call is idempotent, or the request cannot have
//!   reached the server (a connect failure, which this server never causes), or the response
//!   said `x-should-retry: true`. Any response, a reset after the request was sent and a timeout
//!   all mean the server may have acted, so a POST is never repeated after them, except after a
//!   503 with `x-should-retry: true`;
//! - the call returns the last attempt's outcome: the item (with the attempt that answered), or
//!   an error of kind `Server` (503), `Connect` (reset) or `Timeout`, with `attempts()` equal to
//!   the number of requests the server saw.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api_runtime::{reqwest, RetryPolicy};
use load_client::models::{Item, NewOrder};
use load_client::{Client, ErrorKind};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const TOKEN: &str = "load-test-token-0123456789";

/// How a load run is made.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub calls: u64,
    pub in_flight: usize,
    pub retries: u32,
    /// The client's per-attempt timeout.
    pub timeout: Duration,
    /// Whether the server injects faults.
    pub faults: bool,
}

impl Settings {
    /// `calls` calls with faults, 64 in flight, 3 retries, a 1 s per-attempt timeout (long
    /// enough that an answered request never times out on a busy machine; a stalled one costs
    /// the timeout).
    pub fn faulty(calls: u64) -> Self {
        Settings {
            calls,
            in_flight: 64,
            retries: 3,
            timeout: Duration::from_secs(1),
            faults: true,
        }
    }

    pub fn fault_free(calls: u64) -> Self {
        Settings {
            faults: false,
            ..Settings::faulty(calls)
        }
    }

    /// The most connections the server may see open at once. More than the calls in flight
    /// are normal: when a call finds no idle connection, the pool starts opening one and also
    /// waits for one to be returned; if a returned one wins, the new one still joins the pool.
    /// Faults kill connections often, so this happens often (10,000 calls: 82 to 105 at most,
    /// for 64 in flight). A leak would grow with the calls (hundreds here).
    pub fn connection_bound(&self) -> usize {
        3 * self.in_flight
    }
}

/// What the server does with one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// 200 with the item as JSON.
    Ok,
    /// 503 with a JSON body; `should_retry` adds `x-should-retry: true`.
    Unavailable { should_retry: bool },
    /// The request is read (so the server may have acted), then the connection is reset.
    Reset,
    /// The request is read (the server acts) and no answer comes before the client gives up.
    Stall,
}

/// The fate of attempt `attempt` (0 for the first) of call `id`.
pub fn fate(seed: u64, id: u64, attempt: u32, faults: bool) -> Fate {
    if !faults {
        return Fate::Ok;
    }
    let h = splitmix64(seed ^ splitmix64(id.wrapping_mul(0x1_0000_0001) ^ u64::from(attempt)));
    match h % 1000 {
        0..=24 => Fate::Unavailable { should_retry: false },
        25..=49 => Fate::Unavailable { should_retry: true },
        50..=59 => Fate::Reset,
        60..=69 => Fate::Stall,
        _ => Fate::Ok,
    }
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Odd calls are POSTs (not idempotent), even ones GETs.
pub fn is_post(id: u64) -> bool {
    id % 2 == 1
}

/// Whether the runtime's rules allow another attempt after `fate` (retries permitting).
fn may_repeat(fate: Fate, post: bool) -> bool {
    match fate {
        Fate::Ok => false,
        // Transient; a response means the server may have acted, so a POST is repeated only
        // when the server says so.
        Fate::Unavailable { should_retry } => !post || should_retry,
        // Transient, and the request was sent: the server may have acted.
        Fate::Reset | Fate::Stall => !post,
    }
}

/// The fates of every attempt the runtime should make for call `id`.
pub fn expected_attempts(seed: u64, id: u64, settings: &Settings) -> Vec<Fate> {
    let post = is_post(id);
    let mut fates = Vec::new();
    for attempt in 0..=settings.retries {
        let f = fate(seed, id, attempt, settings.faults);
        fates.push(f);
        if !may_repeat(f, post) {
            break;
        }
    }
    fates
}

// ---------------------------------------------------------------------------------------------
// The server

/// What the server saw of one call.
#[derive(Clone, Debug, Default)]
pub struct Seen {
    pub post: bool,
    /// The fate of each attempt, in order.
    pub fates: Vec<Fate>,
}

struct State {
    seed: u64,
    faults: AtomicBool,
    calls: Mutex<HashMap<u64, Seen>>,
    problems: Mutex<Vec<String>>,
    accepted: AtomicUsize,
    open: AtomicUsize,
    max_open: AtomicUsize,
}

impl State {
    fn problem(&self, text: String) {
        self.problems.lock().unwrap().push(text);
    }

    /// Records an attempt of call `id` and returns its number and fate.
    fn record(&self, id: u64, post: bool) -> (u32, Fate) {
        let mut calls = self.calls.lock().unwrap();
        let seen = calls.entry(id).or_insert_with(|| Seen {
            post,
            fates: Vec::new(),
        });
        let attempt = seen.fates.len() as u32;
        let f = fate(self.seed, id, attempt, self.faults.load(Ordering::SeqCst));
        seen.fates.push(f);
        (attempt, f)
    }
}

/// Counts a connection as open while it lives.
struct OpenGuard(Arc<State>);

impl OpenGuard {
    fn new(state: Arc<State>) -> Self {
        state.accepted.fetch_add(1, Ordering::SeqCst);
        let now = state.open.fetch_add(1, Ordering::SeqCst) + 1;
        state.max_open.fetch_max(now, Ordering::SeqCst);
        OpenGuard(state)
    }
}

impl Drop for OpenGuard {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The load test's server; it runs on its own thread until the process exits.
pub struct Server {
    pub addr: SocketAddr,
    state: Arc<State>,
}

/// The server's connection counts for one run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Connections {
    pub accepted: usize,
    pub max_open: usize,
    /// Open when the run ended: the pool's idle connections, and any the client has not closed.
    pub open_at_end: usize,
}

impl Server {
    pub fn start(seed: u64) -> Server {
        let state = Arc::new(State {
            seed,
            faults: AtomicBool::new(false),
            calls: Mutex::new(HashMap::new()),
            problems: Mutex::new(Vec::new()),
            accepted: AtomicUsize::new(0),
            open: AtomicUsize::new(0),
            max_open: AtomicUsize::new(0),
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let server_state = state.clone();
        std::thread::Builder::new()
            .name("load-server".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                    loop {
                        let Ok((socket, _)) = listener.accept().await else { continue };
                        let _ = socket.set_nodelay(true);
                        let guard = OpenGuard::new(server_state.clone());
                        tokio::spawn(serve(socket, guard));
                    }
                });
            })
            .unwrap();
        Server { addr, state }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// Forgets what the server saw and sets whether it injects faults, for a new run. (Connections
    /// still open from the last run keep counting as open.)
    pub fn reset(&self, faults: bool) {
        let s = &self.state;
        s.faults.store(faults, Ordering::SeqCst);
        s.calls.lock().unwrap().clear();
        s.problems.lock().unwrap().clear();
        s.accepted.store(0, Ordering::SeqCst);
        s.max_open.store(s.open.load(Ordering::SeqCst), Ordering::SeqCst);
    }

    /// What the server saw since the last reset.
    pub fn take(&self) -> (HashMap<u64, Seen>, Vec<String>, Connections) {
        let s = &self.state;
        let calls = std::mem::take(&mut *s.calls.lock().unwrap());
        let problems = std::mem::take(&mut *s.problems.lock().unwrap());
        let connections = Connections {
            accepted: s.accepted.load(Ordering::SeqCst),
            max_open: s.max_open.load(Ordering::SeqCst),
            open_at_end: s.open.load(Ordering::SeqCst),
        };
        (calls, problems, connections)
    }
}

/// One request as the server read it.
struct Request {
    method: String,
    path: String,
    authorization: Option<String>,
}

/// Reads the next request (head and body) from `socket`; `None` once the client closed it.
async fn read_request(socket: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Request> {
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let path = request_line.next()?.to_owned();
    let mut content_length = 0usize;
    let mut authorization = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            content_length = value.parse().ok()?;
        } else if name.eq_ignore_ascii_case("authorization") {
            authorization = Some(value.to_owned());
        }
    }
    while buf.len() < head_end + content_length {
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    buf.drain(..head_end + content_length);
    Some(Request {
        method,
        path,
        authorization,
    })
}

fn response(status: &str, extra: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{extra}\r\n{body}",
        body.len()
    )
    .into_bytes()
}

async fn serve(mut socket: TcpStream, guard: OpenGuard) {
    let state = guard.0.clone();
    let mut buf = Vec::with_capacity(1024);
    while let Some(request) = read_request(&mut socket, &mut buf).await {
        let expected_auth = format!("Bearer {TOKEN}");
        let call = match (request.method.as_str(), request.path.rsplit_once('/')) {
            ("GET", Some(("/v1/items", id))) => id.parse::<u64>().ok().map(|id| (id, false)),
            ("POST", Some(("/v1/orders", id))) => id.parse::<u64>().ok().map(|id| (id, true)),
            _ => None,
        };
        let (id, post) = match call {
            Some(call) if request.authorization.as_deref() == Some(expected_auth.as_str()) => call,
            _ => {
                state.problem(format!(
                    "unexpected request {} {} (authorization {:?})",
                    request.method, request.path, request.authorization
                ));
                let answer = response("400 Bad Request", "", r#"{"error":"bad request"}"#);
                if socket.write_all(&answer).await.is_err() {
                    return;
                }
                continue;
            }
        };
        let (attempt, f) = state.record(id, post);
        let answer = match f {
            Fate::Ok => response("200 OK", "", &format!(r#"{{"id":{id},"attempt":{attempt}}}"#)),
            Fate::Unavailable { should_retry } => response(
                "503 Service Unavailable",
                if should_retry { "x-should-retry: true\r\n" } else { "" },
                r#"{"error":"unavailable"}"#,
            ),
            Fate::Reset => {
                // RST instead of FIN: the client sees "connection reset".
                let _ = socket.set_zero_linger();
                return;
            }
            Fate::Stall => {
                // No answer: wait (up to a minute) for the client to give up and close.
                let mut chunk = [0u8; 1024];
                let closed = async {
                    loop {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(_) => state.problem(format!(
                                "call {id}: the client sent more on a connection awaiting an answer"
                            )),
                        }
                    }
                };
                let _ = tokio::time::timeout(Duration::from_secs(60), closed).await;
                return;
            }
        };
        if socket.write_all(&answer).await.is_err() {
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The clients

/// The generated client for `server`: bearer token, `settings`' timeout and retries, and a fast
/// retry policy (millisecond backoffs).
pub fn generated_client(server: &Server, settings: &Settings) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .bearer_token(TOKEN)
        .timeout(settings.timeout)
        .retries(settings.retries)
        .retry_policy(
            RetryPolicy::default()
                .initial_backoff(Duration::from_millis(2))
                .max_backoff(Duration::from_millis(20)),
        )
        .build()
        .unwrap()
}

/// What one call returned.
#[derive(Debug)]
pub enum Outcome {
    Ok(Item),
    Err {
        kind: ErrorKind,
        status: Option<u16>,
        attempts: u32,
        message: String,
    },
}

fn order() -> NewOrder {
    NewOrder { quantity: 3 }
}

/// Runs `settings.calls` calls (ids `0..calls`), `settings.in_flight` at a time, each made by
/// `call`; returns each call's result, in id order, and the elapsed time.
async fn drive<R, F, Fut>(settings: &Settings, call: F) -> (Vec<R>, Duration)
where
    R: Send + 'static,
    F: Fn(u64) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = R> + Send,
{
    let next = Arc::new(AtomicU64::new(0));
    let calls = settings.calls;
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..settings.in_flight {
        let next = next.clone();
        let call = call.clone();
        workers.spawn(async move {
            let mut results = Vec::new();
            loop {
                let id = next.fetch_add(1, Ordering::SeqCst);
                if id >= calls {
                    return results;
                }
                results.push((id, call(id).await));
            }
        });
    }
    let mut all = Vec::with_capacity(calls as usize);
    while let Some(results) = workers.join_next().await {
        all.extend(results.unwrap());
    }
    let elapsed = started.elapsed();
    all.sort_by_key(|(id, _)| *id);
    (all.into_iter().map(|(_, r)| r).collect(), elapsed)
}

/// The calls through the generated client.
pub async fn run_generated(client: &Client, settings: &Settings) -> (Vec<Outcome>, Duration) {
    let client = client.clone();
    drive(settings, move |id| {
        let client = client.clone();
        async move {
            let result = if is_post(id) {
                client.orders().create(id as i64, &order()).await
            } else {
                client.items().get(id as i64).await
            };
            match result {
                Ok(item) => Outcome::Ok(item),
                Err(e) => Outcome::Err {
                    kind: e.kind(),
                    status: e.status().map(|s| s.as_u16()),
                    attempts: e.attempts(),
                    message: e.to_string(),
                },
            }
        }
    })
    .await
}

/// The same calls with plain `reqwest` (no retries): send, check the status, read the body,
/// decode the item. Returns how many succeeded and the elapsed time.
pub async fn run_plain(http: &reqwest::Client, base_url: &str, settings: &Settings) -> (usize, Duration) {
    let http = http.clone();
    let base_url = base_url.to_owned();
    let (results, elapsed) = drive(settings, move |id| {
        let http = http.clone();
        let base_url = base_url.clone();
        async move {
            let request = if is_post(id) {
                http.post(format!("{base_url}/orders/{id}")).json(&order())
            } else {
                http.get(format!("{base_url}/items/{id}"))
            };
            let response = request.bearer_auth(TOKEN).send().await.ok()?;
            if !response.status().is_success() {
                return None;
            }
            let bytes = response.bytes().await.ok()?;
            let item: Item = serde_json::from_slice(&bytes).ok()?;
            (item.id == id as i64).then_some(())
        }
    })
    .await;
    (results.iter().filter(|r| r.is_some()).count(), elapsed)
}

/// A plain `reqwest` client as most programs make one (`reqwest::Client::new()`: no timeout, no
/// retries), so the comparison shows the whole cost of the runtime, its timeouts included.
pub fn plain_client() -> reqwest::Client {
    reqwest::Client::new()
}

// ---------------------------------------------------------------------------------------------
// The check

/// What a run showed, and every way it broke the rules (`problems`, empty when all hold).
#[derive(Debug, Default)]
pub struct Report {
    pub calls: u64,
    pub elapsed: Duration,
    pub succeeded: usize,
    /// Failed calls by error kind.
    pub failed: BTreeMap<String, usize>,
    /// Attempts the server saw, by fate.
    pub fates: BTreeMap<String, usize>,
    pub attempts: usize,
    pub max_attempts: usize,
    pub retried_calls: usize,
    /// POSTs repeated after a 503 with `x-should-retry: true` (allowed).
    pub post_repeats_server_asked: usize,
    /// POSTs repeated after an attempt the server may have acted on without asking for a retry
    /// (must be 0).
    pub post_repeats_unsafe: usize,
    pub connections: Connections,
    pub connection_bound: usize,
    pub problems: Vec<String>,
}

fn fate_name(f: Fate) -> &'static str {
    match f {
        Fate::Ok => "200",
        Fate::Unavailable { should_retry: false } => "503",
        Fate::Unavailable { should_retry: true } => "503 + x-should-retry",
        Fate::Reset => "reset",
        Fate::Stall => "no answer",
    }
}

/// Checks each call's outcome and the server's record against the runtime's rules.
pub fn check(
    settings: &Settings,
    outcomes: &[Outcome],
    elapsed: Duration,
    server: &Server,
) -> Report {
    let seed = server.state.seed;
    let (mut seen, server_problems, connections) = server.take();
    let mut report = Report {
        calls: settings.calls,
        elapsed,
        connections,
        connection_bound: settings.connection_bound(),
        ..Report::default()
    };
    report.problems.extend(server_problems);
    for (id, outcome) in outcomes.iter().enumerate() {
        let id = id as u64;
        let post = is_post(id);
        let what = if post { "POST" } else { "GET" };
        let expected = expected_attempts(seed, id, settings);
        let actual = seen.remove(&id).unwrap_or(Seen { post, fates: Vec::new() });
        if actual.post != post {
            report.problems.push(format!("call {id}: the server saw the wrong method"));
        }
        for f in &actual.fates {
            *report.fates.entry(fate_name(*f).to_owned()).or_default() += 1;
        }
        report.attempts += actual.fates.len();
        report.max_attempts = report.max_attempts.max(actual.fates.len());
        if actual.fates.len() > 1 {
            report.retried_calls += 1;
        }
        if actual.fates.len() > 1 + settings.retries as usize {
            report.problems.push(format!(
                "{what} {id}: {} attempts, more than 1 + {} retries",
                actual.fates.len(),
                settings.retries
            ));
        }
        if post {
            for f in &actual.fates[..actual.fates.len().saturating_sub(1)] {
                if *f == (Fate::Unavailable { should_retry: true }) {
                    report.post_repeats_server_asked += 1;
                } else {
                    report.post_repeats_unsafe += 1;
                    report.problems.push(format!(
                        "POST {id} was sent again after `{}`: the server may have acted on it",
                        fate_name(*f)
                    ));
                }
            }
        }
        if actual.fates != expected {
            report.problems.push(format!(
                "{what} {id}: the server saw attempts {:?}, the rules give {:?}",
                actual.fates.iter().map(|f| fate_name(*f)).collect::<Vec<_>>(),
                expected.iter().map(|f| fate_name(*f)).collect::<Vec<_>>()
            ));
        }
        // The outcome must be that of the last attempt the server saw.
        let last = actual.fates.last().copied();
        let n = actual.fates.len();
        match (outcome, last) {
            (Outcome::Ok(item), Some(Fate::Ok)) => {
                report.succeeded += 1;
                if item.id != id as i64 || item.attempt as usize != n - 1 {
                    report.problems.push(format!(
                        "{what} {id}: returned item {item:?}, expected id {id}, attempt {}",
                        n - 1
                    ));
                }
            }
            (
                Outcome::Err {
                    kind,
                    status,
                    attempts,
                    message,
                },
                last,
            ) => {
                *report.failed.entry(format!("{kind:?}")).or_default() += 1;
                let right = match last {
                    Some(Fate::Unavailable { .. }) => *kind == ErrorKind::Server && *status == Some(503),
                    Some(Fate::Reset) => *kind == ErrorKind::Connect && status.is_none(),
                    Some(Fate::Stall) => *kind == ErrorKind::Timeout && status.is_none(),
                    Some(Fate::Ok) | None => false,
                };
                if !right || *attempts as usize != n {
                    report.problems.push(format!(
                        "{what} {id}: failed with {kind:?} after {attempts} attempts ({message}); \
                         the server saw {:?}",
                        actual.fates.iter().map(|f| fate_name(*f)).collect::<Vec<_>>()
                    ));
                }
            }
            (Outcome::Ok(item), last) => report.problems.push(format!(
                "{what} {id}: returned {item:?}, but the server's last attempt was {:?}",
                last.map(fate_name)
            )),
        }
    }
    for id in seen.keys() {
        report.problems.push(format!("the server saw call {id}, which was never made"));
    }
    if connections.max_open > report.connection_bound {
        report.problems.push(format!(
            "{} connections open at once, more than {} for {} calls in flight",
            connections.max_open, report.connection_bound, settings.in_flight
        ));
    }
    report
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let failed: Vec<String> = self.failed.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let fates: Vec<String> = self.fates.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        writeln!(f, "| calls | {} in {:.2} s |", self.calls, self.elapsed.as_secs_f64())?;
        writeln!(f, "| succeeded | {} |", self.succeeded)?;
        writeln!(f, "| failed, by kind | {} |", if failed.is_empty() { "none".into() } else { failed.join(", ") })?;
        writeln!(f, "| attempts the server saw | {} ({}) |", self.attempts, fates.join(", "))?;
        writeln!(f, "| calls retried; most attempts of one call | {}; {} |", self.retried_calls, self.max_attempts)?;
        writeln!(
            f,
            "| POSTs repeated: after `x-should-retry: true`; after the server may have acted | {}; {} |",
            self.post_repeats_server_asked, self.post_repeats_unsafe
        )?;
        writeln!(
            f,
            "| connections: accepted; most open at once (bound); open at the end | {}; {} ({}); {} |",
            self.connections.accepted, self.connections.max_open, self.connection_bound, self.connections.open_at_end
        )?;
        write!(f, "| rule violations | {} |", self.problems.len())?;
        for p in self.problems.iter().take(20) {
            write!(f, "\n  - {p}")?;
        }
        if self.problems.len() > 20 {
            write!(f, "\n  - … and {} more", self.problems.len() - 20)?;
        }
        Ok(())
    }
}

/// The process's resident set size in KiB (`VmRSS` of `/proc/self/status`), on Linux.
pub fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn show_rss(kib: Option<u64>) -> String {
    match kib {
        Some(kib) => format!("{:.1} MiB", kib as f64 / 1024.0),
        None => "n/a".to_owned(),
    }
}

/// One run with faults through the generated client, checked.
pub async fn faulty_run(server: &Server, calls: u64) -> Report {
    let settings = Settings::faulty(calls);
    server.reset(true);
    let client = generated_client(server, &settings);
    let (outcomes, elapsed) = run_generated(&client, &settings).await;
    check(&settings, &outcomes, elapsed, server)
}
