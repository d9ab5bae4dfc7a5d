//! The generated client crates build without OpenSSL: TLS comes from rustls, so users need no
//! system OpenSSL (nor its headers) to build them.

use std::collections::BTreeSet;
use std::process::Command;
use workspace_tests::root;

/// The package names of every generated client crate (`generated/*-client`,
/// `tests/generated/*-client`).
fn client_crates() -> Vec<String> {
    let root = root();
    let mut crates = Vec::new();
    for dir in [root.join("generated"), root.join("tests").join("generated")] {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with("-client") {
                crates.push(name);
            }
        }
    }
    crates.sort();
    crates
}

/// The packages in a crate's normal (non-dev, non-build) dependency tree, as `name version`.
fn dependency_tree(package: &str) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["tree", "--quiet", "-p", package, "-e", "normal", "--prefix", "none"])
        .current_dir(root())
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "cargo tree -p {package} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .collect()
}

#[test]
fn no_client_crate_depends_on_openssl() {
    let crates = client_crates();
    assert!(crates.len() >= 4, "expected the three generated clients and the widgets test client, found {crates:?}");
    for package in &crates {
        let tree = dependency_tree(package);
        let names: BTreeSet<&str> = tree.iter().filter_map(|p| p.split(' ').next()).collect();
        eprintln!("{package}: {} packages in the normal dependency tree", tree.len());
        // The tree is real: the runtime and HTTP stack are in it, with rustls for TLS.
        for expected in ["api-runtime", "reqwest", "rustls"] {
            assert!(names.contains(expected), "{package}: no {expected} in its tree: {names:?}");
        }
        for forbidden in ["openssl-sys", "openssl", "native-tls"] {
            assert!(!names.contains(forbidden), "{package} depends on {forbidden}: {tree:?}");
        }
    }
}
