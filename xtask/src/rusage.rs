//! Running a command and measuring its peak memory, without `/usr/bin/time`.

use std::process::Command;

/// Runs `cmd` to completion: whether it succeeded, and its peak resident set size in KiB, the
/// largest of the process and the descendants it waited for (cargo's rustc processes), as
/// `wait4` reports it. `None` where that is not available.
#[cfg(unix)]
pub fn run(cmd: &mut Command) -> std::io::Result<(bool, Option<u64>)> {
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain integers, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our child and not yet reaped (`Child` only waits when asked to); both
        // pointers are to live locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
    drop(child);
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let max = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    // Linux reports KiB, macOS bytes.
    Ok((ok, Some(if cfg!(target_os = "macos") { max / 1024 } else { max })))
}

/// Runs `cmd` to completion: whether it succeeded (the peak memory is not measured here).
#[cfg(not(unix))]
pub fn run(cmd: &mut Command) -> std::io::Result<(bool, Option<u64>)> {
    Ok((cmd.status()?.success(), None))
}

/// KiB as whole MiB, as the commands print peak memory.
pub fn mib(kib: u64) -> String {
    format!("{} MiB", kib / 1024)
}
