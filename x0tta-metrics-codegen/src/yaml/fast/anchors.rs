//! The fast path's anchors and aliases: an anchor on a one-line node keeps
//! a copy of it; an alias is that copy, every node of it located at the
//! alias, charged to the same budget as in `tree.rs`.

use super::{Anchored, Reader};
use crate::yaml::tree::relocate;
use crate::yaml::{Node, Value, MAX_DEPTH};

impl<'a> Reader<'a> {
    /// The anchor `&name ` at `pos`: its name, and the nodes and scalar
    /// bytes read before the node it anchors. `pos` is left at that node.
    pub(super) fn anchor(&mut self) -> Option<(&'a str, (usize, usize))> {
        let b = self.bytes;
        let start = self.pos + 1;
        let end = name_end(b, start);
        if end == start || end == b.len() || b[end] != b' ' {
            return None;
        }
        let name = self.text.get(start..end)?;
        for anchored in &self.anchors {
            if anchored.name == name {
                // Redefined: left to the granit path.
                return None;
            }
        }
        let mut i = end;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i == b.len() || matches!(b[i], b'\n' | b'#' | b'&' | b'*' | b'!') {
            return None;
        }
        self.pos = i;
        Some((name, (self.nodes, self.scalar_bytes)))
    }

    /// Keeps `node` as anchor `name`, with what it cost since `before`.
    pub(super) fn define(&mut self, name: &'a str, node: &Node, before: (usize, usize)) {
        self.anchors.push(Anchored {
            name,
            node: node.clone(),
            height: height(node),
            nodes: self.nodes - before.0,
            bytes: self.scalar_bytes - before.1,
        });
    }

    /// The alias `*name` at `pos`, followed by one of `ends` (or the end of
    /// the text): a copy of the anchored node, every node of it located at
    /// the alias, as the granit path places it.
    pub(super) fn alias(&mut self, depth: usize, ends: &[u8]) -> Option<Node> {
        let b = self.bytes;
        let start = self.pos + 1;
        let end = name_end(b, start);
        if end == start || (end < b.len() && !ends.contains(&b[end])) {
            return None;
        }
        let name = self.text.get(start..end)?;
        let mut found = None;
        for anchored in &self.anchors {
            if anchored.name == name {
                found = Some(anchored);
            }
        }
        let anchored = found?;
        if depth + anchored.height - 1 > MAX_DEPTH {
            return None;
        }
        let mut node = anchored.node.clone();
        self.nodes += anchored.nodes;
        self.scalar_bytes += anchored.bytes;
        let at = self.here(end - self.pos);
        relocate(&mut node, at, self.text.get(self.pos..end)?);
        self.pos = end;
        Some(node)
    }
}

/// Where the anchor or alias name starting at `i` ends: names here are
/// ASCII letters, digits, `_` and `-`.
pub(super) fn name_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
        i += 1;
    }
    i
}

/// Levels of nesting in `node`, itself included, as the granit path counts
/// them for an alias's depth (`tree::height`, `Entries::finish`): a scalar
/// 1, a sequence one more than its deepest item, a mapping two more than its
/// deepest key or value.
pub(super) fn height(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => {
            let mut deepest = 0;
            for item in items {
                deepest = deepest.max(height(item));
            }
            deepest + 1
        }
        Value::Map(entries) => {
            let mut deepest = 0;
            for (k, v) in entries {
                deepest = deepest.max(height(k) + 1).max(height(v) + 1);
            }
            deepest + 1
        }
        _ => 1,
    }
}
