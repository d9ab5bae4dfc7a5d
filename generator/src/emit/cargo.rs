//! `Cargo.toml` of the generated crates.

use crate::emit::api_title;
use crate::ir::*;
use crate::Settings;

fn uses(api: &Api, pred: &dyn Fn(&Ty) -> bool) -> bool {
    fn walk(t: &Ty, pred: &dyn Fn(&Ty) -> bool) -> bool {
        pred(t)
            || match t {
                Ty::Vec(i) | Ty::Map(i) | Ty::Option(i) => walk(i, pred),
                _ => false,
            }
    }
    api.types.iter().any(|t| match &t.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| walk(&f.ty, pred)) || s.extra.as_ref().is_some_and(|e| walk(e, pred)),
        TypeKind::Alias(a) => walk(a, pred),
        TypeKind::Untagged(vs) => vs.iter().any(|v| walk(&v.ty, pred)),
        _ => false,
    }) || api.operations.iter().any(|o| o.params.iter().any(|p| walk(&p.ty, pred)) || walk(&o.response.ty, pred))
}

fn uses_chrono(api: &Api) -> bool {
    uses(api, &|t| matches!(t, Ty::DateTime | Ty::Date))
}

/// Whether a parameter's argument type names `chrono`: a date, or a list or map of dates, through
/// aliases (see `operation::arg_ty`).
fn names_chrono(api: &Api, t: &Ty) -> bool {
    use crate::emit::operation::base;
    match base(api, t) {
        Ty::DateTime | Ty::Date => true,
        Ty::Vec(inner) | Ty::Map(inner) => matches!(base(api, &inner), Ty::DateTime | Ty::Date),
        _ => false,
    }
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const CHRONO: &str = "chrono = { version = \"0.4.40\", default-features = false, features = [\"serde\", \"std\"] }\n";

/// The models crate manifest.
pub fn models(api: &Api, settings: &Settings, header: &str) -> String {
    let mut out = format!(
        "{header}\n[package]\nname = \"{}-models\"\nversion = \"{}\"\nedition = \"2021\"\ndescription = {}\npublish = false\n\n[dependencies]\n",
        api.name,
        api.version,
        toml_str(&one_line(&format!("Types of the {}", api_title(api))))
    );
    if api.has_tri_state() || api.types.iter().any(|t| matches!(&t.kind, TypeKind::StringEnum(_) | TypeKind::IntEnum(_)) || matches!(&t.kind, TypeKind::Struct(s) if s.extra.is_none())) {
        out.push_str(&format!("api-macros = {{ path = {} }}\n", toml_str(&format!("{}/macros", settings.runtime_path))));
    }
    if uses_chrono(api) {
        out.push_str(CHRONO);
    }
    out.push_str("serde = { version = \"1.0.200\", features = [\"derive\"] }\nserde_json = \"1.0.120\"\n");
    features(api, &mut out, |_| "[]".to_string(), None);
    out
}

/// `[features]`: `default = ["full"]`, `full` with every tag feature, and one line per tag
/// feature with what it enables (`enables(name)`, a TOML array). Nothing without features.
fn features(api: &Api, out: &mut String, enables: impl Fn(&str) -> String, full_extra: Option<String>) {
    if api.features.is_empty() {
        return;
    }
    out.push_str("\n[features]\ndefault = [\"full\"]\n# Every tag of the API.\nfull = [\n");
    for f in &api.features {
        out.push_str(&format!("    {},\n", toml_str(&f.name)));
    }
    if let Some(extra) = full_extra {
        out.push_str(&format!("    {},\n", toml_str(&extra)));
    }
    out.push_str("]\n");
    for (i, f) in api.features.iter().enumerate() {
        let ops = api.operations.iter().filter(|o| matches!(&o.gate, Gate::Any(fs) if fs.contains(&i))).count();
        out.push_str(&format!("# Tag {}: {ops} operation(s).\n{} = {}\n", toml_str(&one_line(&f.tag)), f.name, enables(&f.name)));
    }
}

/// The client crate manifest.
pub fn client(api: &Api, settings: &Settings, header: &str) -> String {
    let mut out = format!(
        "{header}\n[package]\nname = \"{name}-client\"\nversion = \"{version}\"\nedition = \"2021\"\ndescription = {desc}\npublish = false\n\n[dependencies]\n\
         api-runtime = {{ path = {runtime} }}\n",
        name = api.name,
        version = api.version,
        desc = toml_str(&one_line(&format!("Async client for the {}", api_title(api)))),
        runtime = toml_str(&settings.runtime_path),
    );
    if api.operations.iter().any(|o| o.params.iter().any(|p| names_chrono(api, &p.ty))) {
        out.push_str(CHRONO);
    }
    out.push_str(&format!(
        "{name}-models = {{ path = \"../{name}-models\", version = \"{version}\"{default_features} }}\nserde = {{ version = \"1.0.200\", features = [\"derive\"] }}\nserde_json = \"1.0.120\"\n",
        name = api.name,
        version = api.version,
        // The models crate's features follow the client's.
        default_features = if api.features.is_empty() { "" } else { ", default-features = false" },
    ));
    let models = format!("{}-models", api.name);
    features(api, &mut out, |f| format!("[{}]", toml_str(&format!("{models}/{f}"))), Some(format!("{models}/full")));
    out
}
