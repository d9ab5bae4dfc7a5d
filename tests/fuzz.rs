//! No input panics the generator. Property tests feed it arbitrary text and mutated specs (the
//! fixtures and the workspace's own specs, with nodes deleted, retyped, duplicated or replaced;
//! a property of its own mutates only the OpenAPI 3.1 ones, with 3.1's keywords among the values).
//!
//! CI runs a few thousand cases; `PROPTEST_CASES=100000 cargo test --release -p workspace-tests
//! --test fuzz` runs the long version.

use generator::{generate, Settings};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};

/// Set by the panic hook when any thread panics, including the generator's own worker threads,
/// whose panics would otherwise only be printed.
static PANICKED: AtomicBool = AtomicBool::new(false);

/// Generates, and fails the case if any thread panicked meanwhile.
fn generate_checked(text: &str) -> Result<(), TestCaseError> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICKED.store(true, Ordering::SeqCst);
            default(info);
        }));
    });
    let _ = generate(text, &settings());
    prop_assert!(!PANICKED.load(Ordering::SeqCst), "a generator thread panicked on:\n{text}");
    Ok(())
}

fn corpus() -> &'static [Value] {
    static CORPUS: OnceLock<Vec<Value>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = workspace_tests::root();
        let mut out = Vec::new();
        for dir in ["specs", "tests/fixtures", "tests/specs"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).unwrap();
                if let Ok(v) = serde_yaml::from_str::<Value>(&text) {
                    out.push(v);
                }
            }
        }
        out
    })
}

fn settings() -> Settings {
    Settings::for_spec("fuzz.yaml")
}

/// Values that tend to break assumptions: wrong types, odd names, references, schema keywords.
fn nasty() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(true)),
        Just(json!(-1)),
        Just(json!(1.5)),
        Just(json!("")),
        Just(json!("in")),
        Just(json!("{id}")),
        Just(json!("#/components/schemas/Missing")),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"$ref": "#/components/schemas/Token"})),
        Just(json!({"$ref": "#/"})),
        Just(json!({"type": "array"})),
        Just(json!({"type": "object", "additionalProperties": true})),
        Just(json!({"type": "string", "enum": ["a", "A", "", "1", null]})),
        Just(json!({"type": "integer", "enum": [1, 1, -9223372036854775808i64]})),
        Just(json!({"allOf": [{"type": "string"}, {"type": "object"}]})),
        Just(json!({"oneOf": [], "discriminator": {"propertyName": "x"}})),
        Just(json!({"anyOf": [{"$ref": "#/components/schemas/Missing"}]})),
        Just(json!({"not": {}})),
        Just(json!({"x-rust-name": "fn"})),
        Just(json!({"x-rust-method": "a.b.c"})),
        // OpenAPI 3.1 / JSON Schema 2020-12.
        Just(json!(["string", "null"])),
        Just(json!(["integer", "string", "object", "null"])),
        Just(json!(["nope"])),
        Just(json!({"type": "null"})),
        Just(json!({"type": ["array", "null"], "prefixItems": [{"type": "string"}, true, false]})),
        Just(json!({"anyOf": [{"type": "null"}]})),
        Just(json!({"oneOf": [{"$ref": "#/components/schemas/Token"}, {"type": "null"}]})),
        Just(json!({"oneOf": [{"properties": {"k": {"const": "a"}}}, {"properties": {"k": {"const": "a"}}}]})),
        Just(json!({"const": null})),
        Just(json!({"$ref": "#/components/schemas/Token", "description": "d", "properties": {"x": false}, "type": "string"})),
        Just(json!({"$dynamicRef": "#node"})),
        Just(json!({"$ref": "#/components/pathItems/Missing"})),
        Just(json!({"type": "integer", "minimum": -9223372036854776000.0, "exclusiveMaximum": 1e30, "enum": [1e300]})),
        Just(json!({"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png", "examples": [1, "a"]})),
        Just(json!({"patternProperties": {"^a": {"type": "string"}, "^b": true}})),
        Just(json!({"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}}})),
        "[a-zA-Z0-9_${}./ -]{0,12}".prop_map(Value::String),
        any::<i64>().prop_map(|n| json!(n)),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete,
    Replace(Value),
    Insert(String, Value),
    Duplicate,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Delete),
        nasty().prop_map(Mutation::Replace),
        (
            prop_oneof![
                Just("type".to_string()),
                Just("$ref".to_string()),
                Just("allOf".to_string()),
                Just("oneOf".to_string()),
                Just("enum".to_string()),
                Just("nullable".to_string()),
                Just("required".to_string()),
                Just("properties".to_string()),
                Just("items".to_string()),
                Just("x-rust-method".to_string()),
                Just("in".to_string()),
                Just("const".to_string()),
                Just("prefixItems".to_string()),
                Just("examples".to_string()),
                Just("webhooks".to_string()),
                Just("pathItems".to_string()),
                Just("exclusiveMinimum".to_string()),
                Just("$dynamicRef".to_string()),
                "[a-z{}]{1,6}",
            ],
            nasty()
        )
            .prop_map(|(k, v)| Mutation::Insert(k, v)),
        Just(Mutation::Duplicate),
    ]
}

/// Applies `m` to the `pick`-th node (in a depth-first walk) of `doc`.
fn mutate(doc: &mut Value, pick: usize, m: &Mutation) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Object(o) => o.values().map(count).sum(),
            Value::Array(a) => a.iter().map(count).sum(),
            _ => 0,
        }
    }
    fn walk(v: &mut Value, target: &mut usize, m: &Mutation) -> bool {
        let children: Vec<String> = match v {
            Value::Object(o) => o.keys().cloned().collect(),
            Value::Array(a) => (0..a.len()).map(|i| i.to_string()).collect(),
            _ => Vec::new(),
        };
        for key in children {
            if *target == 0 {
                match (m, &mut *v) {
                    (Mutation::Delete, Value::Object(o)) => {
                        o.shift_remove(&key);
                    }
                    (Mutation::Delete, Value::Array(a)) => {
                        a.remove(key.parse::<usize>().unwrap());
                    }
                    (Mutation::Replace(new), Value::Object(o)) => {
                        o.insert(key, new.clone());
                    }
                    (Mutation::Replace(new), Value::Array(a)) => a[key.parse::<usize>().unwrap()] = new.clone(),
                    (Mutation::Insert(k, new), Value::Object(o)) => {
                        o.insert(k.clone(), new.clone());
                    }
                    (Mutation::Duplicate, Value::Object(o)) => {
                        let copy = o[&key].clone();
                        o.insert(format!("{key}2"), copy);
                    }
                    (Mutation::Duplicate, Value::Array(a)) => {
                        let copy = a[key.parse::<usize>().unwrap()].clone();
                        a.push(copy);
                    }
                    _ => {}
                }
                return true;
            }
            *target -= 1;
            let child = match v {
                Value::Object(o) => o.get_mut(&key).unwrap(),
                Value::Array(a) => &mut a[key.parse::<usize>().unwrap()],
                _ => unreachable!(),
            };
            if walk(child, target, m) {
                return true;
            }
        }
        false
    }
    let total = count(doc).max(1);
    let mut target = pick % total;
    walk(doc, &mut target, m);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        generate_checked(&text)?;
    }

    #[test]
    fn mutated_specs_never_panic(
        which in any::<usize>(),
        mutations in prop::collection::vec((any::<usize>(), mutation()), 1..6),
        as_json in any::<bool>(),
    ) {
        let corpus = corpus();
        mutated_never_panics(corpus[which % corpus.len()].clone(), &mutations, as_json)?;
    }

    /// The same, on the OpenAPI 3.1 specs only, which the load step rewrites before reading.
    #[test]
    fn mutated_31_specs_never_panic(
        which in any::<usize>(),
        mutations in prop::collection::vec((any::<usize>(), mutation()), 1..6),
        as_json in any::<bool>(),
    ) {
        let corpus: Vec<&Value> = corpus().iter().filter(|d| d["openapi"].as_str().is_some_and(|v| v.starts_with("3.1"))).collect();
        prop_assert!(!corpus.is_empty(), "the fixtures hold OpenAPI 3.1 specs");
        mutated_never_panics(corpus[which % corpus.len()].clone(), &mutations, as_json)?;
    }
}

fn mutated_never_panics(mut doc: Value, mutations: &[(usize, Mutation)], as_json: bool) -> Result<(), TestCaseError> {
    {
        for (pick, m) in mutations {
            mutate(&mut doc, *pick, m);
        }
        let text = if as_json { doc.to_string() } else { serde_yaml::to_string(&doc).unwrap() };
        if as_json {
            // The generator reads JSON in pieces; it must read exactly what serde would, except
            // that a 3.1 document is left to the load step's rewrite.
            // (and a document with JSON Schema references to resolve first).
            let usual = serde_json::from_str::<openapiv3::OpenAPI>(&text)
                .ok()
                .filter(|d| !generator::load::is_31(&d.openapi) && !generator::load::has_schema_references(&text));
            prop_assert_eq!(generator::load::typed_from_json(&text), usual.clone(), "the piecewise parse differs on:\n{}", text);
            // The quick check never passes a spec the full validation would fault.
            if usual.is_some_and(|doc| generator::validate::passes(&text, &doc)) {
                // Strict: a defect generation would work around counts as an error here.
                let mut diags = generator::diag::Diagnostics::strict("fuzz.json");
                let mut value = generator::load::raw(&text, &mut diags).expect("the text passed the quick check");
                generator::validate::validate(&mut value, &mut diags);
                // Loading may warn (a number it had to leave out); it must not find an error.
                let errors = diags.into_vec().into_iter().filter(|d| d.severity == generator::Severity::Error).count();
                prop_assert!(errors == 0, "the quick check passed a spec validation faults:\n{}", text);
            }
        }
        generate_checked(&text)?;
    }
    Ok(())
}

/// Cases per property: `PROPTEST_CASES`, else a CI-sized default.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1500)
}
