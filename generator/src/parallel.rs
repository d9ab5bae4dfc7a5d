//! Runs independent jobs on every thread the machine has, taking them in order, and gives the
//! results back in order: the output never depends on the number of threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `job(0)`, `job(1)`, ... `job(n - 1)`, spread over the available threads (the caller's
/// included); the results in job order. Put the longest jobs first.
pub fn map<T: Send>(n: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let slots: Vec<Mutex<Option<T>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= n {
            break;
        }
        let result = job(i);
        if let Ok(mut slot) = slots[i].lock() {
            *slot = Some(result);
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(n);
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
    // A job that panicked took its thread down, and the scope has re-raised the panic by now;
    // every slot is filled.
    slots.into_iter().filter_map(|slot| slot.into_inner().ok().flatten()).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_job_order() {
        let squares = super::map(100, |i| i * i);
        assert_eq!(squares, (0..100).map(|i| i * i).collect::<Vec<_>>());
        assert!(super::map(0, |i| i).is_empty());
    }
}
