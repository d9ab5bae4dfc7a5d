//! `gen --spec … --runtime vendor` output is self-contained: copied alone to a fresh directory
//! outside this workspace, it builds, and a small program using it calls a real server.

use std::path::{Path, PathBuf};
use std::process::Command;

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A fresh, empty directory under the system's temporary directory (outside the workspace).
fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("api-vendored-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Runs `cargo` with `args` in `dir` and a target directory kept inside this workspace's, so
/// later runs are incremental; panics with its output when it fails.
fn cargo(dir: &Path, args: &[&str], env: &[(&str, String)]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join("target").join("vendored"))
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "cargo {args:?} failed in {}:\n{stdout}\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

const PROGRAM: &str = r#"#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = sitecore_tokens_client::Client::from_env()?;
    let token = client.tokens().get("t-1").await?;
    println!("label: {}", token.label.unwrap_or_default());
    Ok(())
}
"#;

#[tokio::test(flavor = "multi_thread")]
async fn vendored_output_builds_and_runs_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let generated = fresh_dir("gen");
    let args: Vec<String> = [
        "--spec",
        &root.join("specs/sitecore-tokens.yaml").to_string_lossy(),
        "--out",
        &generated.to_string_lossy(),
        "--runtime",
        "vendor",
        "--quiet-warnings",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert!(xtask::gen::run(&args).unwrap());

    // The copy of the runtime is the runtime, byte for byte; only its manifests differ.
    for (vendored, original) in [("api-runtime", "runtime"), ("api-runtime/macros", "runtime/macros")] {
        for file in files(&root.join(original).join("src")) {
            let rel = file.strip_prefix(root.join(original)).unwrap();
            let copy = std::fs::read(generated.join(vendored).join(rel)).unwrap();
            assert_eq!(copy, std::fs::read(&file).unwrap(), "{} differs from the runtime", rel.display());
        }
        let manifest = std::fs::read_to_string(generated.join(vendored).join("Cargo.toml")).unwrap();
        assert!(manifest.starts_with("# @generated"), "{manifest}");
    }
    // Nothing points back into this workspace.
    for file in files(&generated).into_iter().filter(|f| f.ends_with("Cargo.toml")) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("../runtime"), "{}: {text}", file.display());
    }

    // Copied alone into a user's repository (`vendor/`), beside the user's own program.
    let repo = fresh_dir("repo");
    copy_tree(&generated, &repo.join("vendor"));
    std::fs::remove_dir_all(&generated).unwrap();
    cargo(&repo.join("vendor"), &["check", "--workspace", "--quiet"], &[]);

    let app = repo.join("app");
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(
        app.join("Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n\n[dependencies]\n\
         sitecore-tokens-client = { path = \"../vendor/sitecore-tokens-client\" }\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n",
    )
    .unwrap();
    std::fs::write(app.join("src/main.rs"), PROGRAM).unwrap();

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/token/v2/t-1"))
        .and(header("authorization", "Bearer vendored-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "t-1", "label": "Delivery token", "lastUse": null
        })))
        .expect(1)
        .mount(&server)
        .await;
    let env = [("SITECORE_API_TOKEN", "vendored-token".to_string()), ("SITECORE_BASE_URL", server.uri())];
    let stdout = tokio::task::spawn_blocking(move || cargo(&app, &["run", "--quiet"], &env)).await.unwrap();
    assert_eq!(stdout, "label: Delivery token\n");
    std::fs::remove_dir_all(&repo).unwrap();
}
