//! Resource groups for operations without `x-rust-method`, from the spec alone.
//!
//! The evidence, strongest first:
//! 1. an `operationId` namespace: `actions/cancel-workflow-run`, `repos.get`, `v1.message.create`
//!    (version segments such as `v1` are left out) → `actions().cancel_workflow_run()`;
//! 2. the operation's first tag: a tag is a group, and tags that share their first words nest
//!    under them (`Access applications`, `Access groups` → `access().applications()`,
//!    `access().groups()`);
//! 3. the path's first static segment after what every path shares (`/api/v1`): above the tag
//!    groups when they are too many for `Client` (more than [`TOP_MAX`]), and the group of an
//!    operation without tags.
//!
//! The method name is the `operationId` (or, without one or with one that is a path, the HTTP
//! method's verb and the path's static segments) less the words its groups already say: the
//! tag's words where the `operationId` starts with them (`access-applications-add-an-application`
//! under `access().applications()` → `add_an_application`), then the words of the whole tag, of
//! its last group when that is a phrase, of each other group and of the path's resource, at their
//! first place (`listOrganizationDashboards` under `dashboards()` on
//! `/organizations/{org}/dashboards` → `list`). Where two calls of a group would get the same
//! short name, or a short name is a child group's, they keep the whole name (less the tag's words
//! it starts with); a group of tags or paths with a single call and no group is folded into its
//! parent. An API of at most [`FLAT_MAX`] such operations stays flat, unless most of its
//! `operationId`s name namespaces.

use crate::names::{snake, words};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// At most this many operations (of those without `x-rust-method`) stay on `Client` itself.
pub const FLAT_MAX: usize = 20;
/// More top-level tag groups than this, and the path's first segment goes above them.
pub const TOP_MAX: usize = 40;
/// Names every group (and `Client`) keeps for itself.
const RESERVED: &[&str] = &["builder", "from_env", "core", "clone", "fmt", "from"];
/// Words that say nothing alone: a short name made only of them keeps the whole name.
const STOP: &[&str] = &["a", "an", "the", "for", "of", "by", "to", "in", "on", "with", "and", "or", "all", "s"];

/// What the grouping reads of one operation.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The `operationId`.
    pub id: Option<&'a str>,
    /// The path template.
    pub path: &'a str,
    /// The HTTP method, lower case.
    pub method: &'a str,
    /// The operation's tags.
    pub tags: &'a [String],
}

/// Where a call goes: its group path (snake_case segments; empty: on `Client`) and method name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub group: Vec<String>,
    pub method: String,
}

/// A call before names are made unique in its group.
struct Draft {
    group: Vec<String>,
    short: String,
    long: String,
    /// From tags or paths, not a namespace the operationId names.
    derived: bool,
}

/// The call of each operation, in order; `None` for all when the API stays flat.
pub fn plan(ops: &[Input<'_>]) -> Vec<Option<Call>> {
    let spaces: Vec<Option<Vec<&str>>> = ops.iter().map(|o| o.id.and_then(namespace)).collect();
    let namespaced = spaces.iter().flatten().count();
    let context = Context::new(ops);
    // Flat; an id that is a path (`get-/tax-rates/v1/tax-rates`) is named as if absent.
    let flat = |op: &Input<'_>| path_like(op.id).then(|| Call { group: Vec::new(), method: snake(&context.restful(op).join("_")) });
    let small = ops.len() <= FLAT_MAX;
    if small && (namespaced == 0 || namespaced * 2 < ops.len()) {
        return ops.iter().map(flat).collect();
    }
    let drafts: Vec<Option<Draft>> = ops
        .iter()
        .zip(&spaces)
        .map(|(op, space)| match space {
            Some(parts) => Some(namespaced_draft(parts)),
            // A small API grouped by its namespaces leaves its other calls on `Client`.
            None if small => None,
            None => Some(context.derived_draft(op)),
        })
        .collect();
    let mut drafts = drafts;
    hoist_lone_calls(drafts.iter_mut().flatten());
    let calls = unique(drafts.iter().flatten().collect());
    let mut calls = calls.into_iter();
    ops.iter().zip(&drafts).map(|(op, d)| if d.is_some() { calls.next() } else { flat(op) }).collect()
}

/// `actions/cancel-workflow-run` → `["actions", "cancel-workflow-run"]`; `None` when the id is not
/// made of at least two word-like parts joined by `/` or `.` (`get-/tax-rates/v1` is a path).
fn namespace(id: &str) -> Option<Vec<&str>> {
    let sep = if id.contains('/') { '/' } else { '.' };
    let parts: Vec<&str> = id.split(sep).collect();
    let word_like = |p: &&str| {
        p.starts_with(|c: char| c.is_ascii_alphabetic())
            && p.ends_with(|c: char| c.is_ascii_alphanumeric())
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    (parts.len() >= 2 && parts.iter().all(word_like)).then_some(parts)
}

/// An id with a `/` that is no namespace: a path, which makes a poor name.
fn path_like(id: Option<&str>) -> bool {
    id.is_some_and(|id| id.contains('/') && namespace(id).is_none())
}

/// `v1`, `v2beta1`, `0`: a version, never a group.
fn version_like(segment: &str) -> bool {
    let s = segment.to_ascii_lowercase();
    let t = s.strip_prefix('v').unwrap_or(&s);
    t.starts_with(|c: char| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

fn namespaced_draft(parts: &[&str]) -> Draft {
    let (last, groups) = parts.split_last().unwrap_or((&"", &[]));
    let group: Vec<Vec<String>> = groups.iter().filter(|p| !version_like(p)).map(|p| words(p)).filter(|w| !w.is_empty()).collect();
    let base = words(last);
    Draft { short: strip(&base, &group, None, &[]), long: snake(last), group: group.iter().map(|w| snake(&w.join("_"))).collect(), derived: false }
}

/// `applications` and `application` are the same word here (`policies`, `policy` too).
fn norm(word: &str) -> &str {
    if let Some(stem) = word.strip_suffix("ies") {
        return stem;
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        return &word[..word.len() - 1];
    }
    word.strip_suffix('y').filter(|s| s.len() > 2).unwrap_or(word)
}

fn same(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| norm(x) == norm(y))
}

/// How many words of `w`, from `start`, spell `seg` (as [`same`] compares, or letter for letter:
/// `c`, `as` spell `cas`).
fn spells(w: &[String], start: usize, seg: &[String]) -> Option<usize> {
    if w.len() >= start + seg.len() && same(&w[start..start + seg.len()], seg) {
        return Some(seg.len());
    }
    let target: String = seg.concat();
    let mut spelled = String::new();
    for (n, word) in w[start..].iter().enumerate() {
        spelled.push_str(word);
        if spelled.len() >= target.len() {
            return (spelled == target).then_some(n + 1);
        }
    }
    None
}

/// `base` less the tag's words where it starts with them, then less the words of the whole tag,
/// of its last group, of each other group and of the path's resource, at their first place; `base` itself when nothing but stop words would be left.
fn strip(base: &[String], group: &[Vec<String>], tag: Option<&[String]>, path: &[Vec<String>]) -> String {
    let mut w = base.to_vec();
    let spelled = tag.and_then(|t| spells(&w, 0, t)).filter(|&n| n < w.len());
    let tag = tag.filter(|_| spelled.is_some());
    if let Some(n) = spelled {
        w.drain(..n);
    }
    // The tag's own groups are dropped as the whole tag only (`add_an_application` stays).
    let in_tag = |seg: &[String]| tag.is_some_and(|t| seg.iter().all(|x| t.iter().any(|y| norm(x) == norm(y))));
    let whole_tag = tag.map(<[String]>::to_vec);
    // The tag's last group when it is a phrase (`short_lived_certificate_cas`), not a noun
    // (`add_an_application` stays).
    let leaf = group.iter().rev().find(|seg| in_tag(seg)).filter(|seg| seg.len() > 1);
    for seg in whole_tag.iter().chain(leaf).chain(group.iter().filter(|seg| !in_tag(seg))).chain(path) {
        if seg.is_empty() {
            continue;
        }
        if let Some((i, n)) = (0..w.len()).find_map(|i| Some((i, spells(&w, i, seg)?))).filter(|(_, n)| *n < w.len()) {
            let rest: Vec<String> = w[..i].iter().chain(&w[i + n..]).cloned().collect();
            if !rest.iter().all(|x| STOP.contains(&x.as_str())) {
                w = rest;
            }
        }
    }
    // `delete_an` (from `delete-an-access-application`) is `delete`.
    while w.len() > 1 && w.len() < base.len() && w.last().is_some_and(|x| STOP.contains(&x.as_str())) {
        w.pop();
    }
    if w.iter().all(|x| STOP.contains(&x.as_str())) {
        w = base.to_vec();
    }
    snake(&w.join("_"))
}

/// What the tag and path rules need to know of the whole API.
struct Context<'a> {
    /// Each tag's group path (segments as words).
    tags: HashMap<&'a str, Vec<Vec<String>>>,
    /// Leading path segments every operation shares.
    prefix: usize,
    /// Whether the path's first segment goes above the tag groups.
    by_path: bool,
    /// Every path with a GET, to tell a collection from an item.
    gets: HashSet<&'a str>,
}

impl<'a> Context<'a> {
    fn new(ops: &[Input<'a>]) -> Self {
        let distinct: BTreeSet<&str> = ops.iter().filter_map(|o| o.tags.first()).map(String::as_str).collect();
        let mut tags = HashMap::new();
        // One tag for everything says nothing: paths group then.
        if distinct.len() >= 2 {
            let list: Vec<(&str, Vec<String>)> = distinct.iter().map(|t| (*t, words(t))).collect();
            let items: Vec<(&str, &[String])> = list.iter().map(|(t, w)| (*t, w.as_slice())).collect();
            radix(&items, &mut Vec::new(), &mut tags);
        }
        let mut context = Context { tags, prefix: common_prefix(ops), by_path: false, gets: HashSet::new() };
        context.gets = ops.iter().filter(|o| o.method == "get").map(|o| o.path).collect();
        let roots: BTreeSet<Vec<String>> = ops.iter().map(|o| context.tag_group(o).into_iter().next().unwrap_or_default()).collect();
        context.by_path = roots.len() > TOP_MAX || context.tags.is_empty();
        context
    }

    fn tag_group(&self, op: &Input<'_>) -> Vec<Vec<String>> {
        op.tags.first().and_then(|t| self.tags.get(t.as_str())).cloned().unwrap_or_else(|| self.path_group(op.path).into_iter().collect())
    }

    /// The first static segment after the shared prefix, versions and `api` left out.
    fn path_group(&self, path: &str) -> Option<Vec<String>> {
        let segment = path.split('/').filter(|s| !s.is_empty()).skip(self.prefix).find(|s| !version_like(s) && !s.eq_ignore_ascii_case("api"))?;
        let w = words(segment);
        (!segment.starts_with('{') && !w.is_empty()).then_some(w)
    }

    fn derived_draft(&self, op: &Input<'_>) -> Draft {
        let mut group: Vec<Vec<String>> = Vec::new();
        if self.by_path {
            group.extend(self.path_group(op.path));
        }
        let tag_words = op.tags.first().filter(|t| self.tags.contains_key(t.as_str())).map(|t| words(t));
        for seg in self.tag_group(op) {
            if !group.iter().any(|g| same(g, &seg)) {
                group.push(seg);
            }
        }
        let (base, long) = match op.id.filter(|_| !path_like(op.id)) {
            Some(id) => (words(id), snake(id)),
            None => {
                let restful = self.restful(op);
                let long = snake(&restful.join("_"));
                (restful, long)
            }
        };
        let resource: Vec<Vec<String>> = self.path_group(op.path).into_iter().collect();
        // On a clash, the name less only the tag's words it starts with.
        let long = match &tag_words {
            Some(t) => spells(&base, 0, t).filter(|&n| n < base.len()).map_or(long, |n| snake(&base[n..].join("_"))),
            None => long,
        };
        Draft { short: strip(&base, &group, tag_words.as_deref(), &resource), long, group: group.iter().map(|w| snake(&w.join("_"))).collect(), derived: true }
    }

    /// For an operation without `operationId`: a verb (`list` for a GET of a collection,
    /// `get`, `create`, `update`, `delete`; none for a POST to an action such as
    /// `/sandboxes/{id}/pause`) and the path's static words.
    fn restful(&self, op: &Input<'_>) -> Vec<String> {
        let segments: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
        let is_param = |s: &&str| s.starts_with('{');
        let ends_in_param = segments.last().is_some_and(is_param);
        let collection = self.gets.iter().any(|p| p.strip_prefix(op.path).and_then(|r| r.strip_prefix('/')).is_some_and(|r| r.starts_with('{') && !r.contains('/')));
        let action = !ends_in_param && segments.len() >= 2 && is_param(&segments[segments.len() - 2]);
        let verb = match op.method {
            "get" if collection => "list",
            "get" => "get",
            "post" if action => "",
            "post" => "create",
            "put" | "patch" => "update",
            other => other,
        };
        let mut statics: Vec<&str> =
            segments.iter().skip(self.prefix).copied().filter(|s| !is_param(s) && !version_like(s) && !s.eq_ignore_ascii_case("api")).collect();
        statics.dedup();
        let statics = statics.into_iter().flat_map(words);
        std::iter::once(verb.to_string()).filter(|v| !v.is_empty()).chain(statics).collect()
    }
}

/// The number of leading path segments every path shares (never a whole path).
fn common_prefix(ops: &[Input<'_>]) -> usize {
    let paths: Vec<Vec<&str>> = ops.iter().map(|o| o.path.split('/').filter(|s| !s.is_empty()).collect()).collect();
    let Some(first) = paths.first() else { return 0 };
    let shortest = paths.iter().map(Vec::len).min().unwrap_or(0);
    (0..shortest.saturating_sub(1)).take_while(|&i| !first[i].starts_with('{') && paths.iter().all(|p| p[i] == first[i])).count()
}

/// Tags as a tree of their words: tags that share their first word (as [`norm`] compares
/// words) nest under the words they all share, and so on below.
fn radix<'a>(items: &[(&'a str, &[String])], above: &mut Vec<Vec<String>>, out: &mut HashMap<&'a str, Vec<Vec<String>>>) {
    let mut classes: BTreeMap<&str, Vec<(&'a str, &[String])>> = BTreeMap::new();
    for (tag, w) in items {
        match w.first() {
            None => {
                out.insert(tag, above.clone());
            }
            Some(first) => classes.entry(norm(first)).or_default().push((tag, w)),
        }
    }
    for (first, class) in &classes {
        // `for a zone`, `for an account`: leaves, never a group `for`.
        if class.len() == 1 || STOP.contains(first) {
            for (tag, w) in class {
                let mut path = above.clone();
                path.push(w.to_vec());
                out.insert(tag, path);
            }
            continue;
        }
        if let [(tag, w)] = class.as_slice() {
            let mut path = above.clone();
            path.push(w.to_vec());
            out.insert(tag, path);
            continue;
        }
        let first = class[0].1;
        let mut shared = (1..=first.len()).take_while(|&n| class.iter().all(|(_, w)| w.len() >= n && norm(&w[n - 1]) == norm(&first[n - 1]))).last().unwrap_or(1);
        // A group is never named `logpush_jobs_for`.
        while shared > 1 && STOP.contains(&first[shared - 1].as_str()) {
            shared -= 1;
        }
        // Each word as its longest spelling (`applications` over `application`).
        let node = (0..shared).map(|i| class.iter().map(|(_, w)| &w[i]).max_by_key(|w| w.len()).cloned().unwrap_or_default()).collect();
        above.push(node);
        let rests: Vec<(&'a str, &[String])> = class.iter().map(|(t, w)| (*t, &w[shared..])).collect();
        radix(&rests, above, out);
        above.pop();
    }
}

/// A group of tags or paths that would hold one call and no group (`health().health()`): the
/// call goes to the group above, under its whole name (less the tag's words it starts with).
fn hoist_lone_calls<'d>(drafts: impl Iterator<Item = &'d mut Draft>) {
    let drafts: Vec<&mut Draft> = drafts.collect();
    let mut calls: HashMap<Vec<String>, usize> = HashMap::new();
    let mut parents: HashSet<Vec<String>> = HashSet::new();
    for d in &drafts {
        *calls.entry(d.group.clone()).or_default() += 1;
        for n in 0..d.group.len() {
            parents.insert(d.group[..n].to_vec());
        }
    }
    for d in drafts {
        if d.derived && !d.group.is_empty() && calls[&d.group] == 1 && !parents.contains(&d.group) {
            d.group.pop();
            d.short = d.long.clone();
        }
    }
}

/// Each draft's short name, or its whole name where the short one is taken twice in its group,
/// is a child group's, or is reserved.
fn unique(drafts: Vec<&Draft>) -> Vec<Call> {
    let mut children: HashSet<(&[String], &str)> = HashSet::new();
    for d in &drafts {
        for n in 1..=d.group.len() {
            children.insert((&d.group[..n - 1], d.group[n - 1].as_str()));
        }
    }
    let mut count: HashMap<(&[String], &str), usize> = HashMap::new();
    for d in &drafts {
        *count.entry((&d.group, &d.short)).or_default() += 1;
    }
    drafts
        .iter()
        .map(|d| {
            let key = (d.group.as_slice(), d.short.as_str());
            let clash = count[&key] > 1 || children.contains(&key) || RESERVED.contains(&d.short.as_str());
            Call { group: d.group.clone(), method: if clash { d.long.clone() } else { d.short.clone() } }
        })
        .collect()
}

#[cfg(test)]
mod tests;
