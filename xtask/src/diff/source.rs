//! Where the two sides of a diff come from: the specs in `specs/` at a git revision, in the
//! working tree, or two files.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Spec file name (e.g. `cloudflare-tokens.yaml`) -> text.
pub type Specs = BTreeMap<String, String>;

fn is_spec(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json")
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!("`git {}` failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("`git {}` printed text that is not UTF-8", args.join(" ")))
}

/// The specs in `specs/` at git revision `rev` (`git show REV:specs/NAME`).
pub fn at_rev(root: &Path, rev: &str) -> Result<Specs, String> {
    git(root, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| format!("`{rev}` is not a git revision (and not a file)"))?;
    let mut out = Specs::new();
    // A revision without specs/ has no specs (every spec is then added).
    let Ok(listing) = git(root, &["ls-tree", "--name-only", &format!("{rev}:./specs")]) else { return Ok(out) };
    for name in listing.lines().filter(|n| is_spec(n)) {
        let text = git(root, &["show", &format!("{rev}:./specs/{name}")])?;
        // With the overlays it names, as they are at `rev`.
        let read = |overlay: &str| git(root, &["show", &format!("{rev}:./specs/{overlay}")]);
        out.insert(name.to_string(), crate::overlays::apply(&format!("specs/{name}"), text, read, &[])?);
    }
    Ok(out)
}

/// The specs in `root/specs/` as they are on disk.
pub fn work_tree(root: &Path) -> Result<Specs, String> {
    let mut out = Specs::new();
    for path in crate::paths::specs(&root.join("specs")) {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let text = crate::overlays::read_file(&path, &format!("specs/{name}"), &[])?;
        out.insert(name, text);
    }
    Ok(out)
}
