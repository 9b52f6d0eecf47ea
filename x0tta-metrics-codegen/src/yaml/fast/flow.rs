//! The fast path's one-line flow collections: `[a, b]`, `{k: v}`, nested.

use super::scalars::is_key;
use super::{Keys, Reader};
use crate::yaml::{Node, Value, MAX_DEPTH};

impl<'a> Reader<'a> {
    /// A one-line flow collection at `pos` (`[` or `{`); `pos` is left
    /// after its closing bracket.
    pub(super) fn flow(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.nodes += 1;
        let b = self.bytes;
        let map = b[self.pos] == b'{';
        let close = if map { b'}' } else { b']' };
        let location = self.here(1);
        self.pos += 1;
        self.flow_spaces();
        let mut items = Vec::new();
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut keys = Keys::default();
        if self.pos < b.len() && b[self.pos] == close {
            self.pos += 1;
        } else {
            loop {
                let first = self.flow_node(depth + 1)?;
                let i = self.pos;
                let key = i + 1 < b.len() && b[i] == b':' && b[i + 1] == b' ';
                if key != map {
                    return None;
                }
                if map {
                    if !is_key(&first) || !keys.insert(&first, &entries) {
                        return None;
                    }
                    self.pos += 2;
                    self.flow_spaces();
                    let value = self.flow_node(depth + 1)?;
                    entries.push((first, value));
                } else {
                    items.push(first);
                }
                self.flow_spaces();
                let i = self.pos;
                if i == b.len() {
                    return None;
                }
                if b[i] == close {
                    self.pos += 1;
                    break;
                }
                if b[i] != b',' {
                    return None;
                }
                self.pos += 1;
                self.flow_spaces();
                if self.pos == b.len() || b[self.pos] == close {
                    // A trailing comma: left to the granit path.
                    return None;
                }
            }
        }
        let value = if map {
            Value::Map(entries)
        } else {
            Value::Seq(items)
        };
        Some(Node {
            location,
            value,
            source: None,
        })
    }

    /// A flow collection or a scalar inside a flow collection at `pos`;
    /// `pos` is left after it.
    pub(super) fn flow_node(&mut self, depth: usize) -> Option<Node> {
        let b = self.bytes;
        let start = self.pos;
        if start == b.len() {
            return None;
        }
        match b[start] {
            b'[' | b'{' => return self.flow(depth),
            b'\'' | b'"' => return self.quoted(depth),
            b'*' => return self.alias(depth, b" ,]}"),
            b'&' => {
                let (name, before) = self.anchor()?;
                let node = self.flow_node(depth)?;
                self.define(name, &node, before);
                return Some(node);
            }
            _ => {}
        }
        self.plain(depth, true)
    }

    /// Skips spaces inside a flow collection.
    pub(super) fn flow_spaces(&mut self) {
        let b = self.bytes;
        while self.pos < b.len() && b[self.pos] == b' ' {
            self.pos += 1;
        }
    }
}
