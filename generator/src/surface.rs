//! The shape of a client's call surface, as numbers: how many groups, what sits on `Client`
//! itself, and how long method names are. The gen summary prints it, so a change to naming
//! shows as numbers (`cargo xtask surface` prints it for many specs at once).

use crate::ir::Api;
use std::collections::BTreeSet;

/// The call surface of one client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Surface {
    /// Resource groups, at every depth.
    pub groups: usize,
    /// Groups reached directly from `Client` (`client.accounts()`).
    pub client_groups: usize,
    /// Methods on `Client` itself.
    pub client_methods: usize,
    /// The median length of a method name (the last segment of a call), in characters.
    pub median_name: usize,
    /// The longest method name.
    pub longest_name: String,
    /// Calls whose group already has a call of the same name (always 0: names are made unique).
    pub same_name: usize,
}

impl Surface {
    /// The surface of a lowered API.
    pub fn of(api: &Api) -> Self {
        let mut lengths: Vec<usize> = api.operations.iter().map(|op| op.method_name.len()).collect();
        lengths.sort_unstable();
        let longest_name = api.operations.iter().map(|op| &op.method_name).max_by_key(|n| n.len()).cloned().unwrap_or_default();
        let mut seen = BTreeSet::new();
        let same_name = api.operations.iter().filter(|op| !seen.insert((&op.group, &op.method_name))).count();
        Surface {
            groups: api.groups.len(),
            client_groups: api.groups.iter().filter(|g| g.path.len() == 1).count(),
            client_methods: api.operations.iter().filter(|op| op.group.is_empty()).count(),
            median_name: lengths.get(lengths.len() / 2).copied().unwrap_or(0),
            longest_name,
            same_name,
        }
    }

    /// Entries directly on `Client`: its groups and its methods.
    pub fn client_entries(&self) -> usize {
        self.client_groups + self.client_methods
    }
}

impl std::fmt::Display for Surface {
    /// `12 groups, 5 on Client (3 groups, 2 methods), method names median 9, longest 23 (`list_things`)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} groups, {} on Client ({} groups, {} methods), method names median {}, longest {} (`{}`)",
            self.groups,
            self.client_entries(),
            self.client_groups,
            self.client_methods,
            self.median_name,
            self.longest_name.len(),
            self.longest_name
        )
    }
}
