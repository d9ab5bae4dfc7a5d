//! `generated/` is the reviewed output of `specs/`: this fails when it is stale, exactly as
//! `cargo xtask gen --check` does, and checks that generation is deterministic.

use workspace_tests::root;

#[test]
fn generated_crates_are_up_to_date() {
    let drift = xtask::gen::workspace_drift(&root()).expect("the specs generate");
    assert!(drift.is_empty(), "generated code is out of date; run `cargo xtask gen`:\n{}", drift.join("\n"));
}

#[test]
fn generating_twice_gives_identical_bytes() {
    for (specs, out) in xtask::gen::TARGETS {
        let jobs = xtask::gen::workspace_jobs(&root(), specs, out);
        let first = xtask::gen::generate_all(&jobs, true).unwrap().expect("specs generate");
        let second = xtask::gen::generate_all(&jobs, true).unwrap().expect("specs generate");
        assert_eq!(first.0, second.0, "output of {specs}/ differs between two runs");
    }
}
