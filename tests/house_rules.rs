//! Rules of the house that the compiler does not check, over the hand-written crates
//! (`generator/`, `runtime/`, `xtask/`): no function longer than 100 lines, the
//! `#/components/` prefix spelled out only in `generator/src/pointer.rs` (tests aside), and the
//! runtime's `codegen` module holding exactly what the generator writes and the contract lists.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const MAX_FUNCTION_LINES: usize = 100;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Every `.rs` file under the hand-written crates' sources.
fn sources() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> =
        ["generator/src", "runtime/src", "runtime/macros/src", "xtask/src"].iter().map(|d| root().join(d)).collect();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(out.len() > 50, "found only {} source files", out.len());
    out
}

/// `(name, first line, length)` of each function in rustfmt-formatted source: from its `fn`
/// line to the `}` at the same indentation.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let mut words = trimmed.split_whitespace().skip_while(|w| {
            w.starts_with("pub") || matches!(*w, "const" | "async" | "unsafe" | "extern" | "\"C\"" | "default")
        });
        if words.next() != Some("fn") {
            continue;
        }
        let name: String = words.next().unwrap_or("").chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        // A one-line function, or a signature over several lines ending in `;`, has no body here.
        if trimmed.ends_with('}') {
            continue;
        }
        // The signature ends at the first line ending in `{` (a body) or `;` (a declaration).
        let Some(open) = lines[i..].iter().position(|l| l.trim_end().ends_with('{') || l.trim_end().ends_with(';')) else {
            continue;
        };
        if lines[i + open].trim_end().ends_with(';') {
            continue;
        }
        let close = format!("{indent}}}");
        if let Some(offset) = lines[i + open..].iter().position(|l| *l == close) {
            out.push((name, i + 1, open + offset + 1));
        }
    }
    out
}

#[test]
fn no_function_is_longer_than_100_lines() {
    let mut long = Vec::new();
    for file in sources() {
        let text = fs::read_to_string(&file).unwrap();
        for (name, line, len) in functions(&text) {
            if len > MAX_FUNCTION_LINES {
                long.push(format!("{}:{line}: `{name}` has {len} lines", file.strip_prefix(root()).unwrap().display()));
            }
        }
    }
    assert!(long.is_empty(), "split these functions:\n{}", long.join("\n"));
}

#[test]
fn the_scanner_measures_functions() {
    let text = "fn short() {\n    1;\n}\n\npub(crate) async fn long(\n    x: u8,\n) {\n    a();\n}\n    fn inner(x: u8) -> u8 { x }\n    fn declared(\n        x: u8,\n    ) -> u8;\n";
    assert_eq!(functions(text), vec![("short".to_string(), 1, 3), ("long".to_string(), 5, 5)]);
}

#[test]
fn the_components_prefix_is_written_once() {
    let home = root().join("generator/src/pointer.rs");
    let mut found = Vec::new();
    for file in sources() {
        if file == home {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        // Test modules build documents by hand; only the code above them counts.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (i, line) in code.lines().enumerate() {
            if line.contains("\"#/components/") && !line.trim_start().starts_with("//") {
                found.push(format!("{}:{}: {}", file.strip_prefix(root()).unwrap().display(), i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "use generator::pointer (Pointer::component, component_name, COMPONENTS):\n{}", found.join("\n"));
}

/// The items of the runtime's `codegen` module, as its `pub use` lines name them: `Operation`,
/// or `decode::json` for one in a nested module.
fn codegen_exports(lib: &str) -> BTreeSet<String> {
    let body = lib.split("pub mod codegen {").nth(1).expect("runtime/src/lib.rs has `pub mod codegen`");
    let (mut out, mut nested, mut depth) = (BTreeSet::new(), None::<String>, 1usize);
    for line in body.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("pub mod ").and_then(|l| l.strip_suffix(" {")) {
            (nested, depth) = (Some(name.to_string()), depth + 1);
        } else if let Some(path) = line.strip_prefix("pub use ").and_then(|l| l.strip_suffix(';')) {
            let names = match path.split_once("::{") {
                Some((_, list)) => list.trim_end_matches('}').split(',').map(str::trim).filter(|n| !n.is_empty()).collect(),
                None => vec![path.rsplit("::").next().unwrap()],
            };
            out.extend(names.into_iter().map(|n| nested.as_ref().map_or(n.to_string(), |m| format!("{m}::{n}"))));
        } else if line == "}" {
            depth -= 1;
            nested = None;
            if depth == 0 {
                break;
            }
        }
    }
    out
}

/// The `codegen` items that `text` writes as `api_runtime::codegen::` paths: a type (`Operation`
/// of `Operation::get`), a function, or a nested module's function (`decode::json`).
fn codegen_paths(text: &str) -> BTreeSet<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    text.split("api_runtime::codegen::")
        .skip(1)
        .map(|rest| {
            let first = ident(rest);
            let after = &rest[first.len()..];
            let second = after.strip_prefix("::").map(ident).unwrap_or_default();
            match first.starts_with(char::is_lowercase) && !second.is_empty() {
                true => format!("{first}::{second}"),
                false => first,
            }
        })
        .collect()
}

#[test]
fn the_codegen_module_is_what_the_generator_writes() {
    let exported = codegen_exports(&fs::read_to_string(root().join("runtime/src/lib.rs")).unwrap());
    let mut written = BTreeSet::new();
    for file in sources().into_iter().filter(|f| f.starts_with(root().join("generator/src"))) {
        written.extend(codegen_paths(&fs::read_to_string(&file).unwrap()));
    }
    let contract = fs::read_to_string(root().join("docs/runtime-contract.md")).unwrap();
    let listed: BTreeSet<String> = contract
        .split("<!-- codegen items -->")
        .nth(1)
        .and_then(|s| s.split("<!-- end codegen items -->").next())
        .expect("docs/runtime-contract.md marks the codegen items")
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(written.len() > 15, "found only {written:?} in the generator");
    assert_eq!(exported, written, "runtime/src/lib.rs's `codegen` module against the paths the generator writes");
    assert_eq!(listed, written, "docs/runtime-contract.md's codegen items against the paths the generator writes");
}

#[test]
fn the_codegen_scanners_read_paths_and_exports() {
    let text = "quote!(api_runtime::codegen::Operation::get(#n)); api_runtime::codegen::decode::json::<T>, api_runtime::codegen::encode_path(x)";
    assert_eq!(codegen_paths(text), BTreeSet::from(["Operation".into(), "decode::json".into(), "encode_path".into()]));
    let lib = "pub mod codegen {\n    pub use crate::a::{B, c};\n    pub use crate::d::E;\n    /// Doc.\n    pub mod m {\n        pub use crate::m::{f, g};\n    }\n}\npub use x::Y;\n";
    let want: BTreeSet<String> = ["B", "c", "E", "m::f", "m::g"].map(String::from).into();
    assert_eq!(codegen_exports(lib), want);
}
