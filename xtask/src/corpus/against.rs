//! `cargo xtask corpus [DIR] --against REV`: each spec's check time and peak memory today against
//! those of the crates the generator at git revision `REV` writes, in one run, so that the
//! machine's drift affects both alike.
//!
//! The generator at `REV` is extracted into `target/baseline/` (as `check-cloudflare --against`
//! does) and writes into `target/corpus-baseline/<spec>/`; today's output goes to
//! `target/corpus/<spec>/` as usual. Each side builds its dependencies once in its own target dir
//! (untimed). Then, spec by spec, the baseline's crates and today's are each cleaned and checked,
//! one after the other. The table has both times and peaks with their ratios, and a last row with
//! the sums.

use super::{check, generate_one, stem, warm_up, Workspace};
use crate::compare::{self, mib};
use crate::{paths, rusage};
use std::path::Path;
use std::time::Duration;

/// One spec's check on both sides: (time, peak RSS in KiB), or why there is none.
struct Compared {
    spec: String,
    before: Result<(Duration, Option<u64>), String>,
    today: Result<(Duration, Option<u64>), String>,
}

/// Runs the comparison; `Ok(false)` when a spec did not generate or check on either side.
pub fn run(specs: &[std::path::PathBuf], rev: &str) -> Result<bool, String> {
    let root = paths::root();
    let baseline_src = compare::baseline(&root, rev)?;
    let (out_today, out_before) = (root.join("target").join("corpus"), root.join("target").join("corpus-baseline"));
    let mut sides: Vec<(String, Option<Workspace>, Option<Workspace>, usize)> = Vec::new();
    for spec in specs {
        let (row, today) = generate_one(&root, &out_today, spec);
        let dir = out_before.join(stem(&row.spec));
        eprintln!("generating {} with the generator at {rev}", row.spec);
        let before = match compare::generate_at(&root, &baseline_src, spec, &dir).and_then(|()| compare::generated_crates(&dir)) {
            Ok(crates) => Some((dir, crates)),
            Err(e) => {
                eprintln!("{e}");
                None
            }
        };
        sides.push((row.spec.clone(), before, today, row.generated.map_or(0, |g| g.1)));
    }
    let targets = [out_before.join("target"), out_today.join("target")];
    for (i, target) in targets.iter().enumerate() {
        let ws: Vec<(&Workspace, usize)> =
            sides.iter().filter_map(|(_, b, t, types)| Some((if i == 0 { b.as_ref()? } else { t.as_ref()? }, *types))).collect();
        warm_up(&ws, target);
    }
    let mut rows = Vec::new();
    for (spec, before, today, _) in &sides {
        eprintln!("cargo check {spec}: baseline {rev}, then today");
        let measure = |w: &Option<Workspace>, target: &Path| -> Result<(Duration, Option<u64>), String> {
            let (dir, crates) = w.as_ref().ok_or("did not generate")?;
            match check(dir, target, crates)? {
                (took, rss, true, _) => Ok((took, rss)),
                (.., stderr) => Err(super::first_error(&stderr)),
            }
        };
        let before = measure(before, &targets[0]);
        let today = measure(today, &targets[1]);
        rows.push(Compared { spec: spec.clone(), before, today });
    }
    print(&rows, rev);
    Ok(rows.iter().all(|r| r.before.is_ok() && r.today.is_ok()))
}

fn print(rows: &[Compared], rev: &str) {
    println!("\n| spec | check s at {rev} | check s today | ratio | peak RSS at {rev} | peak RSS today | ratio |");
    println!("|---|--:|--:|--:|--:|--:|--:|");
    let (mut secs, mut kib) = ([0.0f64; 2], [0u64; 2]);
    for r in rows {
        match (&r.before, &r.today) {
            (Ok((b, brss)), Ok((t, trss))) => {
                let (b, t) = (b.as_secs_f64(), t.as_secs_f64());
                secs[0] += b;
                secs[1] += t;
                kib[0] += brss.unwrap_or(0);
                kib[1] += trss.unwrap_or(0);
                println!(
                    "| {} | {b:.1} | {t:.1} | {} | {} | {} | {} |",
                    r.spec,
                    ratio(t, b),
                    mib(*brss),
                    mib(*trss),
                    match (brss, trss) {
                        (Some(b), Some(t)) => ratio(*t as f64, *b as f64),
                        _ => "n/a".into(),
                    }
                );
            }
            (before, today) => {
                let why = |side: &Result<_, String>| side.as_ref().err().cloned().unwrap_or_else(|| "ok".into());
                println!("| {} | {} | {} | | | | |", r.spec, why(before), why(today));
            }
        }
    }
    println!(
        "| sum | {:.1} | {:.1} | {} | {} | {} | {} |",
        secs[0],
        secs[1],
        ratio(secs[1], secs[0]),
        rusage::mib(kib[0]),
        rusage::mib(kib[1]),
        ratio(kib[1] as f64, kib[0] as f64)
    );
}

fn ratio(today: f64, before: f64) -> String {
    if before > 0.0 {
        format!("{:.2}", today / before)
    } else {
        "n/a".into()
    }
}
