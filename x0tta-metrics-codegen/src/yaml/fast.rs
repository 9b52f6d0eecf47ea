//! A fast path for the YAML that specs are written in: text → the located
//! node tree, without granit-parser, or `None` for anything else.
//!
//! Why it exists: the proc macro and its dependencies run at opt-level 0 in
//! a user's dev build, where granit-parser's event loop alone took
//! 0.26–0.31 s on the 10,000-family benchmark spec and the stage built on
//! its events 0.32–0.38 s (`stage_times` in `differential.rs`), against a
//! budget of 1 s for the whole expansion. This reader is one pass of
//! byte-index loops over the text, with few function layers, no large
//! values moved through layers of calls and scalars sliced from the input:
//! 0.031–0.036 s on the same spec.
//!
//! granit-parser stays the reference: this module reads a subset of YAML —
//! block mappings and sequences (compact `- key: v` items, `- ` lists at the
//! parent key's indentation), one-line flow mappings and sequences, plain
//! scalars, one-line quoted scalars without `\` escapes, comments, blank
//! lines, a leading `---`, anchors on one-line nodes and their aliases
//! (copies located at the alias, as `tree.rs` makes them) — and returns
//! `None` the moment it meets anything else: tabs, tags, merge keys, block
//! scalars, multi-line scalars, complex keys, anchors on block collections
//! or defined twice, aliases before their anchor, several documents,
//! directives, empty sequence items, duplicate keys, characters YAML may
//! read as line breaks or byte-order marks, nesting past `MAX_DEPTH`, more
//! nodes or text than `tree.rs`'s budget. It never reports an error: every problem, even in
//! subset-looking text, is reported by the granit path (`tree::read`), so
//! diagnostics are exactly what they were. Where it returns a tree, that
//! tree is the one `tree::read` builds, node for node, value, `source` and
//! location alike (`differential.rs` checks this on every spec of the
//! repository, `fast_differential.rs` on generated documents and
//! near-misses). Scalars are typed by the same code, `scalar::value`.

mod anchors;
mod flow;
mod scalars;

use std::collections::HashSet;

use super::tree::{MAX_NODES, MAX_SCALAR_BYTES};
use super::{Node, Value, MAX_DEPTH};
use crate::diagnostic::Location;
use scalars::refused;

/// Longest key read here, in characters: YAML allows an implicit key 1024
/// (granit-parser's lookahead); keys near that are left to the granit path.
const MAX_KEY: u64 = 1000;

/// Beyond this many keys a mapping checks duplicates by hash, not by scan.
const SCAN_LIMIT: usize = 16;

/// The one document of `text`, or `None` when it is not in the subset.
pub(super) fn read(text: &str) -> Option<Node> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
        wide: 0,
        indent: -1,
        opening: true,
        nodes: 0,
        scalar_bytes: 0,
        anchors: Vec::new(),
    };
    reader.next_content()?;
    reader.opening = false;
    let b = reader.bytes;
    let at = reader.pos;
    // A leading `---` (alone, or before a comment) opens the document.
    if reader.indent == 0 && b.len() >= at + 3 && &b[at..at + 3] == b"---" {
        if at + 3 < b.len() && b[at + 3] != b' ' && b[at + 3] != b'\n' {
            return None;
        }
        reader.pos = at + 3;
        reader.end_line()?;
    }
    if reader.indent < 0 {
        // Empty: the granit path places its null.
        return None;
    }
    let root = reader.block(1, reader.pos - reader.line_start)?;
    let within = reader.nodes <= MAX_NODES && reader.scalar_bytes <= MAX_SCALAR_BYTES;
    (reader.indent < 0 && within).then_some(root)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Byte index of the next token.
    pos: usize,
    /// 1-based line of `pos`.
    line: u64,
    /// Byte index where `pos`'s line starts.
    line_start: usize,
    /// Bytes past the first of each character between `line_start` and
    /// `pos`: columns count characters, as granit's do.
    wide: usize,
    /// Indentation of the content line `pos` stands on after `next_content`;
    /// -1 at the end of the text, so that the end closes every collection.
    indent: isize,
    /// Before the first content line, where a `---` may open the document.
    opening: bool,
    /// Nodes and scalar bytes, for the granit path's budget.
    nodes: usize,
    scalar_bytes: usize,
    /// Anchored nodes so far, in the order written.
    anchors: Vec<Anchored<'a>>,
}

/// An anchored node, with what a copy of it adds to the budget.
struct Anchored<'a> {
    name: &'a str,
    node: Node,
    /// Levels of nesting, as the granit path counts them.
    height: usize,
    nodes: usize,
    bytes: usize,
}

/// How a scalar ended: a key's `:` (with a space or line end after it), or not.
struct Scalar {
    node: Node,
    key: bool,
}

impl<'a> Reader<'a> {
    /// Where `pos` stands, covering `len` characters.
    fn here(&self, len: usize) -> Location {
        let column = self.pos - self.line_start - self.wide + 1;
        Location::new(self.line, column as u64).spanning(len as u64)
    }

    /// The block collection starting at `pos`, at column `indent`.
    fn block(&mut self, depth: usize, indent: usize) -> Option<Node> {
        if self.dash() {
            return self.sequence(depth, indent, false);
        }
        let first = self.block_scalar(depth + 1)?;
        if !first.key {
            return None;
        }
        self.mapping(depth, indent, first.node)
    }

    /// Whether `pos` is a block sequence's `- `.
    fn dash(&self) -> bool {
        let b = self.bytes;
        let i = self.pos;
        i < b.len() && b[i] == b'-' && (i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\n')
    }

    /// A block mapping at column `indent` whose first key was just read.
    fn mapping(&mut self, depth: usize, indent: usize, first: Node) -> Option<Node> {
        // Its keys stand one level down (a compact mapping's first key was
        // read as the sequence item it might have been).
        if depth + 1 > MAX_DEPTH {
            return None;
        }
        self.nodes += 1;
        let location = first.location.spanning(0);
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut keys = Keys::default();
        let mut key = first;
        loop {
            if !keys.insert(&key, &entries) {
                return None;
            }
            // `pos` is at the key's `:`.
            let colon = self.here(0);
            self.pos += 1;
            let value = self.block_value(depth + 1, indent, colon)?;
            entries.push((key, value));
            if self.indent < indent as isize {
                break;
            }
            if self.indent > indent as isize || self.dash() {
                return None;
            }
            let next = self.block_scalar(depth + 1)?;
            if !next.key {
                return None;
            }
            key = next.node;
        }
        Some(Node {
            location,
            value: Value::Map(entries),
            source: None,
        })
    }

    /// A block mapping's value, after the `:` of its key at column `indent`
    /// (`colon`: where an empty value stands).
    fn block_value(&mut self, depth: usize, indent: usize, colon: Location) -> Option<Node> {
        let b = self.bytes;
        let mut i = self.pos;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i == b.len() || b[i] == b'\n' || b[i] == b'#' {
            self.end_line()?;
            let next = self.indent;
            if next > indent as isize {
                return self.block(depth, next as usize);
            }
            if next == indent as isize && self.dash() {
                return self.sequence(depth, indent, true);
            }
            if depth > MAX_DEPTH {
                return None;
            }
            self.nodes += 1;
            return Some(Node {
                location: colon,
                value: Value::Null,
                source: Some(String::new()),
            });
        }
        self.pos = i;
        let value = self.inline(depth)?;
        if value.key {
            return None;
        }
        self.end_line()?;
        Some(value.node)
    }

    /// A node written on the line at `pos` in block context: a flow
    /// collection, an alias, an anchored node or a scalar (maybe a key).
    fn inline(&mut self, depth: usize) -> Option<Scalar> {
        let b = self.bytes;
        match b[self.pos] {
            b'[' | b'{' => {
                let node = self.flow(depth)?;
                Some(Scalar { node, key: false })
            }
            b'*' => {
                let node = self.alias(depth, b" \n")?;
                Some(Scalar { node, key: false })
            }
            b'&' => {
                let (name, before) = self.anchor()?;
                let node = match b[self.pos] {
                    b'[' | b'{' => self.flow(depth)?,
                    _ => {
                        let scalar = self.block_scalar(depth)?;
                        if scalar.key {
                            return None;
                        }
                        scalar.node
                    }
                };
                self.define(name, &node, before);
                Some(Scalar { node, key: false })
            }
            _ => self.block_scalar(depth),
        }
    }

    /// A block sequence whose first `- ` is at `pos`, column `indent`;
    /// `indentless`: written at its parent key's indentation.
    fn sequence(&mut self, depth: usize, indent: usize, indentless: bool) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.nodes += 1;
        let mut location = self.here(0);
        let mut items = Vec::new();
        loop {
            // `pos` is at a `- `: the item follows on the same line.
            let b = self.bytes;
            let mut i = self.pos + 1;
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            if i == b.len() || b[i] == b'\n' || b[i] == b'#' {
                return None;
            }
            self.pos = i;
            if indentless && items.is_empty() {
                // The granit path places such a list at its first item.
                location = self.here(0);
            }
            let column = i - self.line_start;
            let item = if self.dash() {
                self.sequence(depth + 1, column, false)?
            } else {
                let value = self.inline(depth + 1)?;
                if value.key {
                    self.mapping(depth + 1, column, value.node)?
                } else {
                    self.end_line()?;
                    value.node
                }
            };
            items.push(item);
            if self.indent < indent as isize {
                break;
            }
            if self.indent > indent as isize {
                return None;
            }
            if !self.dash() {
                // The parent mapping's next key, or no YAML.
                if indentless {
                    break;
                }
                return None;
            }
        }
        Some(Node {
            location,
            value: Value::Seq(items),
            source: None,
        })
    }

    /// Ends the line at `pos`: spaces, a comment after at least one space,
    /// then the line break; then finds the next content line.
    fn end_line(&mut self) -> Option<()> {
        let b = self.bytes;
        let start = self.pos;
        let mut i = start;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i < b.len() && b[i] == b'#' {
            if i == start {
                return None;
            }
            i = self.comment(i)?;
        }
        if i < b.len() {
            if b[i] != b'\n' {
                return None;
            }
            i += 1;
            self.line += 1;
        }
        self.pos = i;
        self.next_content()
    }

    /// The line break (or end) that ends the comment at `i`.
    fn comment(&self, mut i: usize) -> Option<usize> {
        let b = self.bytes;
        while i < b.len() && b[i] != b'\n' {
            let c = b[i];
            if c >= 0x80 {
                // Checked as in scalars; the line's columns end here.
                if refused(b, i) {
                    return None;
                }
            } else if c < 0x20 || c == 0x7f {
                return None;
            }
            i += 1;
        }
        Some(i)
    }

    /// From the start of a line: past blank and comment lines to the next
    /// content, setting `indent` (-1 at the end of the text).
    fn next_content(&mut self) -> Option<()> {
        let b = self.bytes;
        let mut i = self.pos;
        loop {
            let start = i;
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            if i == b.len() {
                self.pos = i;
                self.indent = -1;
                return Some(());
            }
            let c = b[i];
            if c == b'\n' {
                i += 1;
                self.line += 1;
                continue;
            }
            if c == b'#' {
                i = self.comment(i)?;
                if i < b.len() {
                    i += 1;
                    self.line += 1;
                }
                continue;
            }
            if c < 0x20 || c == 0x7f {
                return None;
            }
            // Directives, a document's end, and a `---` past the one that
            // may open the document: other documents.
            if i == start && b.len() >= i + 3 {
                let marker = &b[i..i + 3];
                if marker == b"..." || (marker == b"---" && !self.opening) {
                    return None;
                }
            }
            if i == start && c == b'%' {
                return None;
            }
            self.line_start = start;
            self.wide = 0;
            self.pos = i;
            self.indent = (i - start) as isize;
            return Some(());
        }
    }
}

/// The keys of one mapping, for refusing a duplicate (the granit path
/// reports it). Keys here are strings.
#[derive(Default)]
struct Keys {
    index: Option<HashSet<String>>,
}

impl Keys {
    /// Adds `key` unless `entries` (the mapping so far) hold it already.
    fn insert(&mut self, key: &Node, entries: &[(Node, Node)]) -> bool {
        let Value::Str(text) = &key.value else {
            return false;
        };
        if let Some(index) = &mut self.index {
            return index.insert(text.clone());
        }
        for (k, _) in entries {
            if matches!(&k.value, Value::Str(other) if other == text) {
                return false;
            }
        }
        if entries.len() == SCAN_LIMIT {
            let mut index = HashSet::new();
            for (k, _) in entries {
                if let Value::Str(other) = &k.value {
                    index.insert(other.clone());
                }
            }
            index.insert(text.clone());
            self.index = Some(index);
        }
        true
    }
}
