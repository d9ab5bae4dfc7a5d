//! JSON pointer -> line number, found by scanning the spec's text.
//!
//! serde_yaml 0.9 does not report where a node is, so lint findings get their line from this
//! index. It reads the text once and records the line of every key and list item it can place:
//!
//! - block YAML: a key's depth comes from its indentation, `- ` starts a list item (items may sit
//!   at their parent key's indentation), `|` and `>` block scalars and multi-line plain or quoted
//!   scalars are skipped, comments and document markers are ignored;
//! - flow collections, `{...}` and `[...]`, on one line or over many: keys and items are placed
//!   on the line where they start. Pretty-printed JSON is one big flow collection.
//!
//! That is enough for block-style YAML and pretty JSON, the ways specs are written. What it cannot
//! place (anchors and aliases, complex `? ` keys, a value written in an unusual style) resolves to
//! its nearest ancestor that it could place, and the document's first line at worst.

use std::collections::HashMap;

/// Where each node of a spec starts.
#[derive(Debug, Default)]
pub struct LineIndex {
    lines: HashMap<String, usize>,
}

impl LineIndex {
    /// Indexes `text` (YAML or JSON).
    pub fn new(text: &str) -> Self {
        let mut scanner = Scanner { lines: text.lines().collect(), out: HashMap::new() };
        scanner.document();
        Self { lines: scanner.out }
    }

    /// The 1-based line of the node at `pointer` (`#/paths/~1a/get` or `/paths/~1a/get`), or of
    /// its nearest indexed ancestor.
    pub fn line(&self, pointer: &str) -> usize {
        let mut p = pointer.strip_prefix('#').unwrap_or(pointer);
        loop {
            if let Some(line) = self.lines.get(p) {
                return *line;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return 1,
            }
        }
    }
}

fn join(path: &[String], segment: &str) -> Vec<String> {
    let mut out = path.to_vec();
    out.push(segment.to_string());
    out
}

fn pointer(path: &[String]) -> String {
    path.iter().map(|s| format!("/{}", generator::pointer::escape(s))).collect()
}

/// One open block node: a key or a list item, at a column.
struct Frame {
    col: isize,
    path: Vec<String>,
    dash: bool,
    items: usize,
}

/// One open flow collection.
struct Flow {
    path: Vec<String>,
    object: bool,
    key: Option<String>,
    index: usize,
    expect: Expect,
}

#[derive(PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    Comma,
}

struct Scanner<'t> {
    lines: Vec<&'t str>,
    out: HashMap<String, usize>,
}

impl Scanner<'_> {
    fn record(&mut self, path: &[String], line: usize) {
        self.out.entry(pointer(path)).or_insert(line);
    }

    fn document(&mut self) {
        let first = self.lines.iter().position(|l| !l.trim().is_empty());
        if let Some(i) = first {
            let trimmed = self.lines[i].trim_start();
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                let col = self.lines[i].len() - trimmed.len();
                self.flow(i, col, Vec::new());
                return;
            }
        }
        self.block();
    }

    fn block(&mut self) {
        let mut stack = vec![Frame { col: -1, path: Vec::new(), dash: false, items: 0 }];
        let mut i = 0;
        while i < self.lines.len() {
            let raw = self.lines[i];
            let content = raw.trim_start_matches(' ');
            let indent = raw.len() - content.len();
            let skip = content.trim().is_empty()
                || content.starts_with('#')
                || content.starts_with("---")
                || content.starts_with("...")
                || content.starts_with('%');
            if skip {
                i += 1;
                continue;
            }
            let line = i + 1;
            let mut col = indent;
            let mut rest = content;
            let mut next = i + 1;
            loop {
                if rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t") {
                    while stack.len() > 1 {
                        let top = &stack[stack.len() - 1];
                        if top.col > col as isize || (top.col == col as isize && top.dash) {
                            stack.pop();
                        } else {
                            break;
                        }
                    }
                    let parent = stack.last_mut().expect("the root frame is never popped");
                    let path = join(&parent.path, &parent.items.to_string());
                    parent.items += 1;
                    self.record(&path, line);
                    stack.push(Frame { col: col as isize, path, dash: true, items: 0 });
                    let after = &rest[1..];
                    let trimmed = after.trim_start();
                    col += 1 + after.len() - trimmed.len();
                    rest = trimmed;
                    if rest.is_empty() || rest.starts_with('#') {
                        break;
                    }
                    continue;
                }
                if let Some((key, after_colon)) = split_key(rest) {
                    while stack.len() > 1 && stack[stack.len() - 1].col >= col as isize {
                        stack.pop();
                    }
                    let parent = stack.last().expect("the root frame is never popped");
                    let path = join(&parent.path, &key);
                    self.record(&path, line);
                    stack.push(Frame { col: col as isize, path: path.clone(), dash: false, items: 0 });
                    let value = rest[after_colon..].trim_start();
                    let value_col = col + rest.len() - value.len();
                    next = self.after_value(i, col as isize, value, value_col, path);
                    break;
                }
                // A value where a node was expected: a scalar list item or a flow collection.
                let (owner, path) = stack.last().map(|f| (f.col, f.path.clone())).unwrap_or_default();
                next = self.after_value(i, owner, rest, col, path);
                break;
            }
            i = next;
        }
    }

    /// Handles the value that follows a key (or a dash) on line `i`; returns the next line to read.
    fn after_value(&mut self, i: usize, owner_col: isize, value: &str, value_col: usize, path: Vec<String>) -> usize {
        let bare = value.split_whitespace().all(|w| w.starts_with('&') || w.starts_with('!'));
        if value.is_empty() || value.starts_with('#') || bare {
            return i + 1;
        }
        if value.starts_with('{') || value.starts_with('[') {
            return self.flow(i, value_col, path) + 1;
        }
        // A block scalar (`|`, `>`), or a plain or quoted scalar: lines indented deeper continue it.
        let mut j = i + 1;
        while j < self.lines.len() {
            let l = self.lines[j];
            let content = l.trim_start_matches(' ');
            if !content.trim().is_empty() && (l.len() - content.len()) as isize <= owner_col {
                break;
            }
            j += 1;
        }
        j
    }

    /// Scans a flow collection starting at line `i`, byte `col`; returns the line it ends on.
    fn flow(&mut self, start: usize, col: usize, base: Vec<String>) -> usize {
        let mut stack: Vec<Flow> = Vec::new();
        let mut i = start;
        let mut pos = col;
        while i < self.lines.len() {
            let text = self.lines[i];
            let bytes = text.as_bytes();
            while pos < bytes.len() {
                let c = bytes[pos];
                if c == b' ' || c == b'\t' || c == b'\r' {
                    pos += 1;
                    continue;
                }
                if c == b'#' && (pos == 0 || matches!(bytes[pos - 1], b' ' | b'\t')) {
                    break;
                }
                let Some(top) = stack.last_mut() else {
                    if c == b'{' || c == b'[' {
                        stack.push(Flow { path: base.clone(), object: c == b'{', key: None, index: 0, expect: open_expect(c) });
                    }
                    pos += 1;
                    continue;
                };
                match c {
                    b'}' | b']' => {
                        stack.pop();
                        match stack.last_mut() {
                            Some(parent) => parent.expect = Expect::Comma,
                            None => return i,
                        }
                        pos += 1;
                    }
                    b',' => {
                        if top.object {
                            top.key = None;
                            top.expect = Expect::Key;
                        } else {
                            top.index += 1;
                            top.expect = Expect::Value;
                        }
                        pos += 1;
                    }
                    b':' if top.object && top.expect == Expect::Colon => {
                        top.expect = Expect::Value;
                        pos += 1;
                    }
                    _ if top.object && top.expect == Expect::Key => {
                        let (key, end) = token(text, pos, true);
                        let path = join(&top.path, &key);
                        top.key = Some(key);
                        top.expect = Expect::Colon;
                        pos = end;
                        self.record(&path, i + 1);
                    }
                    _ if top.expect == Expect::Value => {
                        let path = match (&top.key, top.object) {
                            (Some(k), true) => join(&top.path, k),
                            _ => join(&top.path, &top.index.to_string()),
                        };
                        self.record(&path, i + 1);
                        top.expect = Expect::Comma;
                        if c == b'{' || c == b'[' {
                            stack.push(Flow { path, object: c == b'{', key: None, index: 0, expect: open_expect(c) });
                            pos += 1;
                        } else {
                            pos = token(text, pos, false).1;
                        }
                    }
                    _ => pos += 1,
                }
            }
            i += 1;
            pos = 0;
        }
        self.lines.len().saturating_sub(1)
    }
}

fn open_expect(c: u8) -> Expect {
    if c == b'{' {
        Expect::Key
    } else {
        Expect::Value
    }
}

/// Reads a scalar in a flow collection from byte `pos`: a quoted string or a plain scalar. Keys
/// end at `: `; values end at `,`, `}` or `]`. Returns the text and the byte after it.
fn token(text: &str, pos: usize, key: bool) -> (String, usize) {
    let bytes = text.as_bytes();
    if let Some((s, end)) = quoted(text, pos) {
        return (s, end);
    }
    let mut end = pos;
    while end < bytes.len() {
        let c = bytes[end];
        if matches!(c, b',' | b'}' | b']') {
            break;
        }
        if key && c == b':' && bytes.get(end + 1).is_none_or(|n| matches!(n, b' ' | b'\t' | b',' | b'}' | b']')) {
            break;
        }
        end += 1;
    }
    let end = end.max(pos + 1).min(bytes.len());
    (text.get(pos..end).unwrap_or("").trim().to_string(), end)
}

/// A quoted scalar starting at byte `pos`, unescaped, and the byte after its closing quote.
fn quoted(text: &str, pos: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let q = *bytes.get(pos)?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let mut end = pos + 1;
    while end < bytes.len() {
        if q == b'"' && bytes[end] == b'\\' {
            end += 2;
            continue;
        }
        if bytes[end] == q {
            if q == b'\'' && bytes.get(end + 1) == Some(&b'\'') {
                end += 2;
                continue;
            }
            let raw = &text[pos..=end];
            let value = if q == b'"' {
                serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw[1..raw.len() - 1].to_string())
            } else {
                raw[1..raw.len() - 1].replace("''", "'")
            };
            return Some((value, end + 1));
        }
        end += 1;
    }
    None
}

/// A block mapping key at the start of `rest`: the key and the byte after its colon.
fn split_key(rest: &str) -> Option<(String, usize)> {
    let bytes = rest.as_bytes();
    let colon_ends = |i: usize| bytes.get(i + 1).is_none_or(|c| matches!(c, b' ' | b'\t'));
    if let Some((key, end)) = quoted(rest, 0) {
        let after = rest[end..].trim_start();
        let at = rest.len() - after.len();
        return (after.starts_with(':') && colon_ends(at)).then_some((key, at + 1));
    }
    if rest.starts_with(['{', '[', '?', '&', '*', '!', '|', '>']) {
        return None;
    }
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b':' if colon_ends(i) => return Some((rest[..i].trim_end().to_string(), i + 1)),
            b'#' if i > 0 && matches!(bytes[i - 1], b' ' | b'\t') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    const YAML: &str = "\
openapi: 3.0.3
# comment
info:
  title: T
  description: >-
    folded: not a key
    still folded
paths:
  /a/{id}:
    get:
      parameters:
      - name: id
        in: path
      -   name: q
          in: query
      tags: [a, b]
      x: {k: v, 'q:x': [1, {z: 2}]}
      responses:
        \"200\":
          example: {
              \"list\": [
                1,
                {\"deep\": true}
              ]
            }
        default:
          description: plain
            continued: not a key
";

    #[test]
    fn block_yaml() {
        let idx = LineIndex::new(YAML);
        assert_eq!(idx.line("#"), 1);
        assert_eq!(idx.line("#/openapi"), 1);
        assert_eq!(idx.line("#/info/title"), 4);
        assert_eq!(idx.line("#/info/description"), 5);
        assert_eq!(idx.line("#/paths"), 8);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get"), 10);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/parameters/0"), 12);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/parameters/0/in"), 13);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/parameters/1/name"), 14);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/parameters/1/in"), 15);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/tags/1"), 16);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/x/q:x/1/z"), 17);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/responses/200"), 19);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/responses/200/example/list/0"), 22);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/responses/200/example/list/1/deep"), 23);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/responses/default/description"), 27);
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/responses/default/continued"), 26);
        // unknown nodes resolve to their nearest ancestor
        assert_eq!(idx.line("#/paths/~1a~1{id}/get/responses/default/description/x"), 27);
        assert_eq!(idx.line("#/nowhere"), 1);
    }

    #[test]
    fn pretty_json() {
        let json = "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"tags\": [\n          \"x\",\n          \"y\"\n        ]\n      }\n    }\n  }\n}\n";
        let idx = LineIndex::new(json);
        assert_eq!(idx.line("#/openapi"), 2);
        assert_eq!(idx.line("#/paths/~1a/get"), 5);
        assert_eq!(idx.line("#/paths/~1a/get/tags/1"), 8);
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in ["", "- ", "{", "a: [", "'unterminated", "\"x\": {\"y\"", "- - - a: b", ": :", "é: ü\n  - ö"] {
            let _ = LineIndex::new(text).line("#/a/b");
        }
    }
}
