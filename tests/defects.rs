//! `gen --spec` never refuses a spec it can understand: mutations of real specs that keep the
//! document readable (a path parameter renamed, a declaration dropped, `$recursiveRef` or
//! `$dynamicRef` inserted, a `$ref` pointed nowhere, an `operationId` repeated) always generate,
//! with a warning naming the mutated pointer; and the output of a few of them compiles.
//!
//! The specs are the public corpus (`$SHARED_DIR/real-specs/corpus`, skipped with a message when
//! absent; specs over 1 MB are left to `cargo xtask corpus`, to keep the time reasonable) and the
//! workspace's own specs and fixtures, so the test always runs something.
//! `PROPTEST_CASES=N` runs more cases.

use generator::{generate, Location, Settings};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use workspace_tests::root;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/// Corpus specs larger than this are not mutated here (the debug build takes seconds on them).
const MAX_CORPUS_BYTES: u64 = 1_000_000;

/// The defects, each keeping the document readable.
#[derive(Clone, Copy, Debug)]
enum Defect {
    RenamePathParam,
    DropPathParam,
    RecursiveRef,
    DynamicRef,
    RefNowhere,
    DuplicateOperationId,
}

const DEFECTS: [Defect; 6] =
    [Defect::RenamePathParam, Defect::DropPathParam, Defect::RecursiveRef, Defect::DynamicRef, Defect::RefNowhere, Defect::DuplicateOperationId];

fn escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Every operation, in the order validation reads them: (path, method).
fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
        for m in METHODS {
            if item.get(*m).is_some_and(Value::is_object) {
                out.push((path.clone(), m.to_string()));
            }
        }
    }
    out
}

/// Path parameters declared inline on an operation and used by its template, and not declared
/// on the path item too: (path, method, index in `parameters`, name).
fn path_params(doc: &Value) -> Vec<(String, String, usize, String)> {
    let mut out = Vec::new();
    for (path, method) in operations(doc) {
        let item = &doc["paths"][&path];
        let on_item = |name: &str| {
            item.get("parameters").and_then(Value::as_array).into_iter().flatten().any(|p| p.get("name").and_then(Value::as_str) == Some(name))
        };
        for (i, p) in item[&method].get("parameters").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            let used = path.contains(&format!("{{{name}}}"));
            let declared_twice = item[&method]["parameters"].as_array().unwrap().iter().filter(|q| q.get("name") == p.get("name") && q.get("in") == p.get("in")).count() > 1;
            if p.get("in").and_then(Value::as_str) == Some("path") && used && !on_item(name) && !declared_twice {
                out.push((path.clone(), method.clone(), i, name.to_string()));
            }
        }
    }
    out
}

/// Component schemas that are objects with a `properties` mapping.
fn object_components(doc: &Value) -> Vec<String> {
    let schemas = doc.pointer("/components/schemas").and_then(Value::as_object);
    schemas.into_iter().flatten().filter(|(_, s)| s.get("properties").is_some_and(Value::is_object)).map(|(n, _)| n.clone()).collect()
}

/// Properties of component schemas that are a `$ref` alone: (component, property).
fn ref_properties(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in object_components(doc) {
        for (prop, s) in doc["components"]["schemas"][&name]["properties"].as_object().into_iter().flatten() {
            if s.as_object().is_some_and(|s| s.len() == 1 && s.get("$ref").is_some_and(Value::is_string)) {
                out.push((name.clone(), prop.clone()));
            }
        }
    }
    out
}

/// Applies `defect` to its `pick`-th candidate place; returns the pointer that must be warned at,
/// or `None` when the document has no place for it.
fn apply(doc: &mut Value, defect: Defect, pick: usize) -> Option<String> {
    let choose = |n: usize| if n == 0 { None } else { Some(pick % n) };
    match defect {
        Defect::RenamePathParam | Defect::DropPathParam => {
            let params = path_params(doc);
            let (path, method, i, name) = params[choose(params.len())?].clone();
            let list = doc["paths"][&path][&method]["parameters"].as_array_mut()?;
            if matches!(defect, Defect::RenamePathParam) {
                list[i]["name"] = json!(format!("{name}_renamed"));
                Some(format!("#/paths/{}/{method}/parameters/{i}", escape(&path)))
            } else {
                list.remove(i);
                Some(format!("#/paths/{}/{method}", escape(&path)))
            }
        }
        Defect::RecursiveRef | Defect::DynamicRef => {
            let names = object_components(doc);
            let name = names[choose(names.len())?].clone();
            let schema = doc["components"]["schemas"][&name].as_object_mut()?;
            let (node, property, key) = if matches!(defect, Defect::RecursiveRef) {
                (json!({"type": "array", "items": {"$recursiveRef": "#"}}), "mutated_recursive", "$recursiveRef")
            } else {
                schema.insert("$dynamicAnchor".into(), json!("mutated"));
                (json!({"type": "array", "items": {"$dynamicRef": "#mutated"}}), "mutated_dynamic", "$dynamicRef")
            };
            schema["properties"].as_object_mut()?.insert(property.into(), node);
            Some(format!("#/components/schemas/{}/properties/{property}/items/{key}", escape(&name)))
        }
        Defect::RefNowhere => {
            let refs = ref_properties(doc);
            let (name, prop) = refs[choose(refs.len())?].clone();
            doc["components"]["schemas"][&name]["properties"][&prop]["$ref"] = json!("#/components/schemas/MutatedNowhere");
            Some(format!("#/components/schemas/{}/properties/{}/$ref", escape(&name), escape(&prop)))
        }
        Defect::DuplicateOperationId => {
            let ops: Vec<(String, String)> =
                operations(doc).into_iter().filter(|(p, m)| doc["paths"][p][m].get("operationId").is_some_and(Value::is_string)).collect();
            if ops.len() < 2 {
                return None;
            }
            let (first, second) = (pick % (ops.len() - 1), ops.len() - 1);
            let id = doc["paths"][&ops[first].0][&ops[first].1]["operationId"].clone();
            let (path, method) = &ops[second];
            doc["paths"][path][method]["operationId"] = id;
            Some(format!("#/paths/{}/{method}/operationId", escape(path)))
        }
    }
}

/// Applies the first defect, from `start` on, that the document has a place for.
fn apply_some(doc: &mut Value, start: usize, pick: usize) -> Option<(Defect, String)> {
    (0..DEFECTS.len()).map(|k| DEFECTS[(start + k) % DEFECTS.len()]).find_map(|d| apply(doc, d, pick).map(|p| (d, p)))
}

fn read_specs(dir: &Path, max_bytes: u64) -> Vec<(String, Value)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(ext, "yaml" | "yml" | "json") || p.metadata().map_or(true, |m| m.len() > max_bytes) {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let value = if ext == "json" { serde_json::from_str(&text).ok() } else { serde_yaml::from_str(&text).ok() };
        if let Some(v) = value.filter(|v: &Value| v.get("openapi").is_some()) {
            out.push((p.file_name().unwrap().to_string_lossy().into_owned(), v));
        }
    }
    out
}

/// The corpus specs (up to `MAX_CORPUS_BYTES`), or none when the shared material is absent.
fn corpus() -> &'static [(String, Value)] {
    static CORPUS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    CORPUS.get_or_init(|| match workspace_tests::shared_dir("the corpus part of the defects property test") {
        Some(shared) => read_specs(&shared.join("real-specs/corpus"), MAX_CORPUS_BYTES),
        None => Vec::new(),
    })
}

/// The workspace's own specs and fixtures.
fn own() -> &'static [(String, Value)] {
    static OWN: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    OWN.get_or_init(|| ["specs", "tests/fixtures", "tests/specs"].iter().flat_map(|d| read_specs(&root().join(d), u64::MAX)).collect())
}

/// Mutates a spec, generates it, and checks that it generated with a warning at the pointer.
fn generates_with_warning(name: &str, mut doc: Value, start: usize, pick: usize, as_json: bool) -> Result<(), TestCaseError> {
    let Some((defect, pointer)) = apply_some(&mut doc, start, pick) else { return Ok(()) };
    let text = if as_json { doc.to_string() } else { serde_yaml::to_string(&doc).unwrap() };
    let out = generate(&text, &Settings::for_spec("mutated.yaml"));
    let out = match out {
        Ok(out) => out,
        Err(d) => return Err(TestCaseError::fail(format!("{name} with {defect:?} at {pointer} was refused:\n{}", render(&d)))),
    };
    let warned = out.warnings.iter().any(|w| w.location == Location::Pointer(pointer.clone()));
    prop_assert!(warned, "{} with {:?}: no warning at {}:\n{}", name, defect, pointer, render(&out.warnings));
    Ok(())
}

fn render(diags: &[generator::Diagnostic]) -> String {
    diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(24), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_corpus_specs_generate_with_a_warning_at_the_defect(which in any::<usize>(), start in 0..DEFECTS.len(), pick in any::<usize>()) {
        let corpus = corpus();
        if corpus.is_empty() {
            return Ok(());
        }
        let (name, doc) = &corpus[which % corpus.len()];
        generates_with_warning(name, doc.clone(), start, pick, true)?;
    }

    #[test]
    fn mutated_own_specs_generate_with_a_warning_at_the_defect(which in any::<usize>(), start in 0..DEFECTS.len(), pick in any::<usize>(), as_json in any::<bool>()) {
        let own = own();
        prop_assert!(!own.is_empty(), "the workspace's specs and fixtures are readable");
        let (name, doc) = &own[which % own.len()];
        generates_with_warning(name, doc.clone(), start, pick, as_json)?;
    }
}

/// Every defect has a place in the workspace's own specs, so the properties above exercise each.
#[test]
fn every_defect_applies_to_some_own_spec() {
    for defect in DEFECTS {
        let applies = own().iter().any(|(_, doc)| apply(&mut doc.clone(), defect, 0).is_some());
        assert!(applies, "{defect:?} applies to no spec in specs/ or tests/");
    }
}

/// The output of a small sample compiles: one spec of the workspace's own and (when the shared
/// material is there) the smallest corpus spec, each with every defect it has a place for, are
/// checked with `cargo check` in one scratch workspace, sharing the fixtures' target directory.
#[test]
fn mutated_specs_output_compiles() {
    let mut sample: Vec<(String, Value)> = Vec::new();
    sample.extend(own().iter().find(|(n, _)| n == "cloudflare-tokens.yaml").cloned());
    sample.extend(corpus().iter().min_by_key(|(_, d)| d.to_string().len()).cloned());
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutated-crates");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut members = Vec::new();
    for (i, (name, mut doc)) in sample.into_iter().enumerate() {
        let mut applied = Vec::new();
        // Dropping a declaration first: it moves the parameters after it, so a later rename's
        // pointer is the one in the final document.
        for d in [Defect::DropPathParam, Defect::RenamePathParam, Defect::RecursiveRef, Defect::DynamicRef, Defect::RefNowhere, Defect::DuplicateOperationId] {
            applied.extend(apply(&mut doc, d, 1).map(|p| (d, p)));
        }
        assert!(!applied.is_empty(), "{name}: no defect applies");
        let mut settings = Settings::for_spec(&format!("mutated-{i}.yaml"));
        settings.runtime_path = xtask::paths::relative(&scratch.join("crate"), &root().join("runtime"));
        let out = generate(&doc.to_string(), &settings).unwrap_or_else(|d| panic!("{name} was refused:\n{}", render(&d)));
        for (d, pointer) in &applied {
            assert!(out.warnings.iter().any(|w| w.location == Location::Pointer(pointer.clone())), "{name} {d:?}: no warning at {pointer}");
        }
        for f in &out.files {
            let dest = scratch.join(&f.path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, &f.contents).unwrap();
        }
        members.push(format!("\"{0}-models\", \"{0}-client\"", out.name));
    }
    std::fs::write(scratch.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "))).unwrap();
    std::fs::copy(root().join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--workspace"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "mutated specs' crates do not compile:\n{}", String::from_utf8_lossy(&output.stderr));
}
