//! Semver for the generated crates: the version a breaking change needs, and writing it into a
//! spec's `x-rust-client.version` without disturbing the rest of the file.

use serde_json::Value;

/// The generator's default when a spec has no `x-rust-client.version`.
pub const DEFAULT_VERSION: &str = "0.1.0";

/// `x-rust-client.version` of a parsed spec, or the default.
pub fn version_of(doc: &Value) -> String {
    doc.pointer("/x-rust-client/version").and_then(Value::as_str).unwrap_or(DEFAULT_VERSION).to_string()
}

fn parse(v: &str) -> Option<(u64, u64, u64)> {
    let mut it = v.trim().split('.').map(|p| p.parse::<u64>().ok());
    let out = (it.next()??, it.next()??, it.next()??);
    it.next().is_none().then_some(out)
}

/// The version a breaking change after `base` needs: the next major, or the next minor below 1.0.
pub fn next_breaking(base: &str) -> Result<String, String> {
    match parse(base) {
        Some((0, minor, _)) => Ok(format!("0.{}.0", minor + 1)),
        Some((major, _, _)) => Ok(format!("{}.0.0", major + 1)),
        None => Err(format!("`{base}` is not a semver version such as 0.1.0")),
    }
}

/// Whether `head` is already at least the version a breaking change after `base` needs.
pub fn is_bumped(base: &str, head: &str) -> bool {
    match (next_breaking(base).ok().as_deref().and_then(parse), parse(head)) {
        (Some(needed), Some(head)) => head >= needed,
        _ => false,
    }
}

/// `text` (a YAML or JSON spec) with `x-rust-client.version` set to `version`, the key and the
/// block added when absent. YAML is edited in place, keeping comments and layout; JSON is
/// re-printed. The result is re-parsed and must differ from the original in that key only.
pub fn set_version(text: &str, version: &str) -> Result<String, String> {
    let before = parse_spec(text)?;
    let edited = if text.trim_start().starts_with('{') { json(&before, version)? } else { yaml(text, version)? };
    let mut after = parse_spec(&edited)?;
    if after.pointer("/x-rust-client/version").and_then(Value::as_str) != Some(version) {
        return Err("could not set `x-rust-client.version`: set it by hand".into());
    }
    let mut expected = before;
    set(&mut expected, version);
    set(&mut after, version);
    if after != expected {
        return Err("setting `x-rust-client.version` would change other parts of the spec: set it by hand".into());
    }
    Ok(edited)
}

fn parse_spec(text: &str) -> Result<Value, String> {
    serde_yaml::from_str(text).map_err(|e| format!("the spec does not parse: {e}"))
}

fn set(doc: &mut Value, version: &str) {
    if let Some(map) = doc.as_object_mut() {
        let client = map.entry("x-rust-client").or_insert_with(|| Value::Object(Default::default()));
        if let Some(c) = client.as_object_mut() {
            c.insert("version".into(), Value::String(version.into()));
        }
    }
}

fn json(doc: &Value, version: &str) -> Result<String, String> {
    let mut doc = doc.clone();
    set(&mut doc, version);
    serde_json::to_string_pretty(&doc).map(|s| s + "\n").map_err(|e| e.to_string())
}

fn yaml(text: &str, version: &str) -> Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let newline = if text.ends_with('\n') { "\n" } else { "" };
    let Some(start) = lines.iter().position(|l| l.trim_end() == "x-rust-client:" || l.starts_with("x-rust-client:")) else {
        let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
        return Ok(format!("{text}{sep}x-rust-client:\n  version: {version}\n"));
    };
    let rest = lines[start]["x-rust-client:".len()..].trim();
    if !rest.is_empty() && !rest.starts_with('#') {
        return Err("`x-rust-client` is written in flow style: set `version:` in it by hand".into());
    }
    // The block's children: the lines after it that are indented (or blank).
    let end = (start + 1..lines.len()).find(|&i| !lines[i].trim().is_empty() && !lines[i].starts_with([' ', '#'])).unwrap_or(lines.len());
    let indent = lines[start + 1..end]
        .iter()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.len() - l.trim_start().len())
        .unwrap_or(2);
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let key = format!("{}version:", " ".repeat(indent));
    match (start + 1..end).find(|&i| lines[i].starts_with(&key)) {
        Some(i) => {
            let after = &lines[i][key.len()..];
            let value_start = after.len() - after.trim_start().len();
            let value = after.trim_start();
            let value_len = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].find(q).map(|e| e + 2).unwrap_or(value.len()),
                _ => value.find(char::is_whitespace).unwrap_or(value.len()),
            };
            out[i] = format!("{key}{}{version}{}", &after[..value_start.max(1)], &value[value_len..]);
        }
        None => out.insert(start + 1, format!("{key} {version}")),
    }
    Ok(out.join("\n") + newline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(next_breaking("0.1.0").unwrap(), "0.2.0");
        assert_eq!(next_breaking("0.3.7").unwrap(), "0.4.0");
        assert_eq!(next_breaking("1.2.3").unwrap(), "2.0.0");
        assert!(next_breaking("v1").is_err());
        assert!(is_bumped("0.1.0", "0.2.0"));
        assert!(is_bumped("0.1.0", "1.0.0"));
        assert!(!is_bumped("0.1.0", "0.1.5"));
        assert!(!is_bumped("1.0.0", "1.9.0"));
    }

    #[test]
    fn edits_yaml_in_place() {
        let text = "openapi: 3.0.3\nx-rust-client:\n  name: a   # the prefix\n  version: 0.1.0   # crates\npaths: {}\n";
        assert_eq!(
            set_version(text, "0.2.0").unwrap(),
            "openapi: 3.0.3\nx-rust-client:\n  name: a   # the prefix\n  version: 0.2.0   # crates\npaths: {}\n"
        );
        let quoted = "x-rust-client:\n    version: \"0.1.0\"\n";
        assert_eq!(set_version(quoted, "0.2.0").unwrap(), "x-rust-client:\n    version: 0.2.0\n");
        let no_key = "openapi: 3.0.3\nx-rust-client:\n  name: a\npaths: {}\n";
        assert_eq!(set_version(no_key, "0.2.0").unwrap(), "openapi: 3.0.3\nx-rust-client:\n  version: 0.2.0\n  name: a\npaths: {}\n");
        let no_block = "openapi: 3.0.3\npaths: {}";
        assert_eq!(set_version(no_block, "0.2.0").unwrap(), "openapi: 3.0.3\npaths: {}\nx-rust-client:\n  version: 0.2.0\n");
        assert!(set_version("x-rust-client: {name: a}\n", "0.2.0").is_err());
    }

    #[test]
    fn edits_json() {
        let text = "{\"openapi\": \"3.0.3\", \"x-rust-client\": {\"name\": \"a\"}}";
        let out = set_version(text, "1.0.0").unwrap();
        assert!(out.contains("\"version\": \"1.0.0\""), "{out}");
    }
}
