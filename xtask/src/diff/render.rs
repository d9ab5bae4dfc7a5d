//! The Markdown report, ready to paste into a pull request.

use super::bump::next_breaking;
use super::ApiDiff;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

const MAX_CALLS: usize = 3;

/// The report comparing `base` with `head`.
pub fn markdown(base: &str, head: &str, diffs: &[ApiDiff]) -> String {
    let changed: Vec<&ApiDiff> = diffs.iter().filter(|d| !d.changes.is_empty()).collect();
    let breaking: usize = diffs.iter().map(ApiDiff::breaking).sum();
    let total: usize = diffs.iter().map(|d| d.changes.len()).sum();
    let mut out = String::from("## API changes\n\n");
    out.push_str(&format!("`{base}` → `{head}`: "));
    if total == 0 {
        out.push_str("no changes to the generated APIs.\n");
        return out;
    }
    out.push_str(&format!(
        "{}, {} non-breaking, in {} of {}.\n",
        plural(breaking, "breaking change", "breaking changes"),
        total - breaking,
        changed.len(),
        plural(diffs.len(), "API", "APIs")
    ));
    for d in &changed {
        out.push_str(&format!("\n### {}\n\n", d.name));
        out.push_str(&version_note(d));
        out.push_str("\n| | Change | Where | Details | Rust |\n|---|---|---|---|---|\n");
        for c in &d.changes {
            let class = if c.breaking { "**breaking**" } else { "non-breaking" };
            let mut calls: Vec<String> = c.calls.iter().take(MAX_CALLS).map(|call| format!("`{call}`")).collect();
            if c.calls.len() > MAX_CALLS {
                calls.push(format!("and {} more", c.calls.len() - MAX_CALLS));
            }
            out.push_str(&format!(
                "| {class} | {} | {} | {} | {} |\n",
                c.kind.label(),
                cell(&c.subject),
                cell(&c.detail),
                cell(&calls.join("<br>"))
            ));
        }
    }
    let unchanged: Vec<String> = diffs.iter().filter(|d| d.changes.is_empty()).map(|d| format!("`{}`", d.name)).collect();
    if !unchanged.is_empty() {
        out.push_str(&format!("\nUnchanged: {}.\n", unchanged.join(", ")));
    }
    out
}

fn version_note(d: &ApiDiff) -> String {
    let crates = format!("`{0}-models` and `{0}-client`", d.name);
    let n = d.breaking();
    match (&d.old_version, &d.new_version) {
        (Some(old), Some(new)) if n > 0 && d.bumped() => {
            format!("**{}**: {crates} go from {old} to {new}.\n", plural(n, "breaking change", "breaking changes"))
        }
        (Some(old), Some(_)) if n > 0 => {
            let needed = next_breaking(old).unwrap_or_else(|_| "a new major version".into());
            format!(
                "**{}**: {crates} are at {old} and need {needed}: run the diff with `--bump`, then `cargo xtask gen`.\n",
                plural(n, "breaking change", "breaking changes")
            )
        }
        (Some(old), Some(new)) if old != new => format!("No breaking changes; {crates} go from {old} to {new}.\n"),
        (Some(old), Some(_)) => format!("No breaking changes; {crates} stay at {old}.\n"),
        (None, Some(new)) => format!("A new API: {crates} start at {new}.\n"),
        (_, None) => format!("**The API is removed**: {crates} are no longer generated.\n"),
    }
}
