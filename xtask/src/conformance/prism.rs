//! Stoplight Prism, the validating mock server: installed with `npm ci` from the pinned
//! `xtask/conformance/package.json` and its lockfile into `target/conformance/mock/` (no global
//! install), started per spec and run, and stopped with its whole process group.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Prism may take to load a spec and listen (Cloudflare's takes a while).
const STARTUP: Duration = Duration::from_secs(300);

/// The `prism` executable, installed when needed; `Err` says why it is not available.
pub fn install(root: &Path) -> Result<PathBuf, String> {
    let pinned = root.join("xtask").join("conformance");
    let dir = root.join("target").join("conformance").join("mock");
    let bin = dir.join("node_modules").join(".bin").join("prism");
    let lock = std::fs::read_to_string(pinned.join("package-lock.json")).map_err(|e| format!("xtask/conformance/package-lock.json: {e}"))?;
    let stamp = dir.join("installed-lock.json");
    if bin.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(lock.as_str()) {
        return Ok(bin);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(pinned.join(file), dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    eprintln!("installing the mock server (npm ci in {})", dir.display());
    let status = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "error"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("npm could not be run ({e}); install Node.js and npm"))?;
    if !status.success() || !bin.exists() {
        return Err(format!("npm ci failed in {} ({status})", dir.display()));
    }
    std::fs::write(&stamp, lock).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(bin)
}

/// A running Prism, stopped (its process group killed) when dropped.
pub struct Prism {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
}

impl Prism {
    /// Starts `prism mock --errors SPEC` on a free port (`-d --seed N` with a seed), logging
    /// warnings and errors (less logging answers faster) to
    /// `log`, and waits until it listens. `Err` with the log's tail when it exits or never listens.
    pub fn start(bin: &Path, spec: &Path, seed: Option<u32>, log: &Path) -> Result<Prism, String> {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| format!("no free port: {e}"))?.port();
        let out = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let mut cmd = Command::new(bin);
        cmd.arg("mock").arg("--errors").arg(spec).args(["-h", "127.0.0.1", "-p", &port.to_string(), "-v", "warn"]);
        if let Some(seed) = seed {
            cmd.args(["-d", "--seed", &seed.to_string()]);
        }
        cmd.stdin(Stdio::null()).stdout(out).stderr(err).process_group(0);
        let child = cmd.spawn().map_err(|e| format!("could not start prism: {e}"))?;
        let mut prism = Prism { child, url: format!("http://127.0.0.1:{port}") };
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while started.elapsed() < STARTUP {
            if let Ok(Some(status)) = prism.child.try_wait() {
                return Err(format!("prism exited ({status}): {}", tail(log)));
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(prism);
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        prism.stop();
        Err(format!("prism did not listen within {} s: {}", STARTUP.as_secs(), tail(log)))
    }

    /// Kills the process group and reaps the process.
    pub fn stop(&mut self) {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: signalling our own child's process group (made for it with `process_group(0)`).
        unsafe {
            libc::kill(-pid, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // SAFETY: as above.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// The last line of a log that says something.
fn tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no output").chars().take(300).collect()
}
