//! `cargo xtask diff`: pairs of spec revisions (`tests/diff-specs/<case>/{old,new}.yaml`), one per
//! class of change, with the Markdown report pinned as a snapshot; the exit status (breaking
//! changes fail unless allowed or the version is bumped); `--bump` on a temp copy; and git
//! revisions in a scratch repository.

use std::path::{Path, PathBuf};
use std::process::Command;
use workspace_tests::root;
use xtask::diff::{diff_texts, render, run_in};

fn case(name: &str) -> (PathBuf, PathBuf) {
    let dir = root().join("tests/diff-specs").join(name);
    (dir.join("old.yaml"), dir.join("new.yaml"))
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn path_arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn reports_each_class_of_change() {
    insta::glob!("diff-specs/*/new.yaml", |new| {
        let dir = new.parent().unwrap();
        let case = dir.file_name().unwrap().to_string_lossy();
        let old_text = std::fs::read_to_string(dir.join("old.yaml")).unwrap();
        let new_text = std::fs::read_to_string(new).unwrap();
        let diff = diff_texts("things.yaml", Some(&old_text), Some(&new_text)).unwrap();
        let report = render::markdown(&format!("tests/diff-specs/{case}/old.yaml"), &format!("tests/diff-specs/{case}/new.yaml"), &[diff]);
        insta::assert_snapshot!(report);
    });
}

#[test]
fn breaking_changes_fail_unless_allowed_or_bumped() {
    for (name, passes) in [("enums", false), ("fields", false), ("operations", false), ("refactor_only", true), ("version_bumped", true)] {
        let (old, new) = case(name);
        let ok = run_in(&root(), &[path_arg(&old), path_arg(&new)]).unwrap();
        assert_eq!(ok, passes, "{name}: exit status");
        let allowed = run_in(&root(), &[path_arg(&old), path_arg(&new), "--allow-breaking".into()]).unwrap();
        assert!(allowed, "{name}: --allow-breaking must pass");
    }
    assert!(run_in(&root(), &args(&["--nope", "a"])).is_err());
    assert!(run_in(&root(), &args(&[])).is_err());
    let (old, _) = case("enums");
    assert!(run_in(&root(), &[path_arg(&old)]).is_err(), "one file is a usage error");
}

#[test]
fn bump_sets_the_version_in_the_new_spec_once() {
    let (old, new) = case("enums");
    let dir = scratch("diff-bump");
    let copy = dir.join("things.yaml");
    let original = std::fs::read_to_string(&new).unwrap();
    std::fs::write(&copy, &original).unwrap();
    let bump = [path_arg(&old), path_arg(&copy), "--bump".into()];
    assert!(run_in(&root(), &bump).unwrap(), "a bumped breaking change passes");
    let bumped = std::fs::read_to_string(&copy).unwrap();
    assert_eq!(bumped, original.replace("x-rust-client:\n", "x-rust-client:\n  version: 0.2.0\n"), "only the version line is added");
    // Running it again finds the version already bumped and leaves the file alone.
    assert!(run_in(&root(), &bump).unwrap());
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), bumped);
    // The generator reads the version.
    let out = generator::generate(&bumped, &generator::Settings::for_spec("things.yaml")).unwrap();
    let manifest = out.files.iter().find(|f| f.path == "things-client/Cargo.toml").unwrap();
    assert!(manifest.contents.contains("version = \"0.2.0\""), "{}", manifest.contents);
    // A non-breaking change is not bumped.
    let (old, new) = case("refactor_only");
    let copy = dir.join("refactor.yaml");
    std::fs::copy(&new, &copy).unwrap();
    assert!(run_in(&root(), &[path_arg(&old), path_arg(&copy), "--bump".into()]).unwrap());
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), std::fs::read_to_string(&new).unwrap());
}

#[test]
fn the_real_specs_do_not_differ_from_themselves_in_another_format() {
    for (path, shown) in xtask::lint::default_specs(&root()) {
        let yaml = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
        let json = serde_json::to_string_pretty(&value).unwrap();
        let diff = diff_texts(&shown, Some(&yaml), Some(&json)).unwrap();
        assert!(diff.changes.is_empty(), "{shown}: {:?}", diff.changes);
    }
}

fn git(dir: &Path, list: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(list)
        .status()
        .unwrap();
    assert!(status.success(), "git {list:?}");
}

#[test]
fn compares_git_revisions_and_the_working_tree() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let repo = scratch("diff-git");
    std::fs::create_dir_all(repo.join("specs")).unwrap();
    let (old, new) = case("enums");
    let spec = repo.join("specs/things.yaml");
    std::fs::copy(&old, &spec).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    assert!(run_in(&repo, &args(&["HEAD"])).unwrap(), "an unchanged working tree passes");

    std::fs::copy(&new, &spec).unwrap();
    assert!(!run_in(&repo, &args(&["HEAD"])).unwrap(), "a breaking change in the working tree fails");
    git(&repo, &["commit", "-q", "-am", "remove a status"]);
    assert!(!run_in(&repo, &args(&["HEAD~1", "HEAD"])).unwrap(), "a breaking change between revisions fails");
    assert!(run_in(&repo, &args(&["HEAD", "HEAD"])).unwrap());
    assert!(run_in(&repo, &args(&["HEAD~1", "HEAD", "--bump"])).is_err(), "--bump edits only the working tree");
    assert!(run_in(&repo, &args(&["no-such-revision"])).unwrap_err().contains("not a git revision"));

    // A new spec in the working tree is an added API; --bump fixes the breaking one.
    std::fs::write(repo.join("specs/other.yaml"), std::fs::read_to_string(&old).unwrap().replace("name: things", "name: other")).unwrap();
    assert!(run_in(&repo, &args(&["HEAD~1", "--bump"])).unwrap());
    assert!(std::fs::read_to_string(&spec).unwrap().contains("  version: 0.2.0\n"));
    let base = xtask::diff::source::at_rev(&repo, "HEAD~1").unwrap();
    let head = xtask::diff::source::work_tree(&repo).unwrap();
    let added = diff_texts("other.yaml", base.get("other.yaml").map(String::as_str), head.get("other.yaml").map(String::as_str)).unwrap();
    let report = render::markdown("HEAD~1", "working tree", &[added]);
    assert!(report.contains("| non-breaking | API added | `other` |"), "{report}");
}
