//! Repairs on the raw document: what a check does instead of refusing the spec (drop a
//! declaration, rename an operation, read a schema as any value). The checks collect them while
//! they read the tree; they are applied afterwards, array entries from the last to the first, so
//! that every path still leads where it did.

use serde_json::Value;
use std::cmp::Reverse;

/// One change to the node at a path (segments, unescaped).
#[derive(Clone, Debug)]
pub enum Fix {
    /// Take the node out of its mapping or list.
    Remove,
    /// Put this value in its place.
    Replace(Value),
}

/// The repairs one run of the checks asks for.
#[derive(Clone, Debug, Default)]
pub struct Repairs(Vec<(Vec<String>, Fix)>);

fn key(p: &[String]) -> Vec<Seg<'_>> {
    p.iter().map(|s| s.parse().map(Seg::Index).unwrap_or(Seg::Key(s.as_str()))).collect()
}

/// One path segment, ordered so that list indices compare as numbers.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Seg<'a> {
    Index(usize),
    Key(&'a str),
}

impl Repairs {
    /// Asks for `fix` at `path`.
    pub fn push<S: AsRef<str>>(&mut self, path: &[S], fix: Fix) {
        self.0.push((path.iter().map(|s| s.as_ref().to_string()).collect(), fix));
    }

    /// Whether nothing is to change.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Moves every repair of `other` into this list.
    pub fn extend(&mut self, other: Repairs) {
        self.0.extend(other.0);
    }

    /// Applies every repair: replacements first, then removals, later list entries first. A
    /// path that no longer leads anywhere (its parent was removed) is skipped.
    pub fn apply(mut self, doc: &mut Value) {
        self.0.sort_by(|(a, fa), (b, fb)| {
            let removal = |f: &Fix| matches!(f, Fix::Remove);
            (removal(fa), Reverse(key(a))).cmp(&(removal(fb), Reverse(key(b))))
        });
        for (path, fix) in self.0 {
            let Some((last, parent)) = path.split_last() else { continue };
            let Some(parent) = node_mut(doc, parent) else { continue };
            match (parent, fix) {
                (Value::Object(map), Fix::Remove) => {
                    map.shift_remove(last);
                }
                (Value::Array(items), Fix::Remove) => {
                    if let Some(i) = last.parse::<usize>().ok().filter(|i| *i < items.len()) {
                        items.remove(i);
                    }
                }
                (Value::Object(map), Fix::Replace(v)) => {
                    map.insert(last.clone(), v);
                }
                (Value::Array(items), Fix::Replace(v)) => {
                    if let Some(slot) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                        *slot = v;
                    }
                }
                _ => {}
            }
        }
    }
}

/// The node at a path of unescaped segments.
pub fn node_mut<'a, S: AsRef<str>>(doc: &'a mut Value, path: &[S]) -> Option<&'a mut Value> {
    let mut node = doc;
    for seg in path {
        node = match node {
            Value::Object(m) => m.get_mut(seg.as_ref())?,
            Value::Array(a) => a.get_mut(seg.as_ref().parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn removals_go_from_the_last_entry_to_the_first() {
        let mut doc = json!({"a": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "b": {"x": 1, "y": 2}});
        let mut repairs = Repairs::default();
        repairs.push(&["a", "2"], Fix::Remove);
        repairs.push(&["a", "10"], Fix::Remove);
        repairs.push(&["a", "3"], Fix::Replace(json!("three")));
        repairs.push(&["b", "x"], Fix::Remove);
        repairs.push(&["nowhere", "x"], Fix::Remove);
        repairs.apply(&mut doc);
        assert_eq!(doc, json!({"a": [0, 1, "three", 4, 5, 6, 7, 8, 9, 11], "b": {"y": 2}}));
    }
}
