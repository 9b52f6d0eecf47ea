//! A fast path for the YAML that specs are written in: text → the located
//! node tree, without granit-parser, or `None` for anything else.
//!
//! Why it exists: the proc macro and its dependencies run at opt-level 0 in
//! a user's dev build, where granit-parser's event loop alone took
//! 0.26–0.29 s on the 10,000-family benchmark spec and the stage built on
//! its events 0.32–0.35 s (`stage_times` in `differential.rs`), against a
//! budget of 1 s for the whole expansion. This reader is one pass of
//! byte-index loops over the text, with few function layers, no large
//! values moved through layers of calls and scalars sliced from the input:
//! 0.028–0.040 s on the same spec.
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

use std::collections::HashSet;

use granit_parser::ScalarStyle;

use super::scalar::{self, Explicit};
use super::tree::{relocate, MAX_NODES, MAX_SCALAR_BYTES};
use super::{Node, Value, MAX_DEPTH};
use crate::diagnostic::Location;

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

    /// The anchor `&name ` at `pos`: its name, and the nodes and scalar
    /// bytes read before the node it anchors. `pos` is left at that node.
    fn anchor(&mut self) -> Option<(&'a str, (usize, usize))> {
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
    fn define(&mut self, name: &'a str, node: &Node, before: (usize, usize)) {
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
    fn alias(&mut self, depth: usize, ends: &[u8]) -> Option<Node> {
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

    /// A plain or quoted scalar in block context at `pos`; for a key, `pos`
    /// is left at its `:`, otherwise after the scalar.
    fn block_scalar(&mut self, depth: usize) -> Option<Scalar> {
        let b = self.bytes;
        let start = self.pos;
        if start == b.len() {
            return None;
        }
        if b[start] == b'\'' || b[start] == b'"' {
            let node = self.quoted(depth)?;
            let i = self.pos;
            let key = i < b.len()
                && b[i] == b':'
                && (i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\n');
            return scalar(node, key);
        }
        self.plain(depth, false)
    }

    /// A plain scalar at `pos`, inside a flow collection when `flow`;
    /// `pos` is left at what ends it (for a key, its `:`).
    fn plain(&mut self, depth: usize, flow: bool) -> Option<Scalar> {
        let b = self.bytes;
        let start = self.pos;
        if depth > MAX_DEPTH || !plain_start(b, start) {
            return None;
        }
        let location = self.here(0);
        let wide = self.wide;
        let mut i = start;
        let mut end = start;
        let mut key = false;
        while i < b.len() {
            let c = b[i];
            if c == b'\n' || (flow && (c == b',' || c == b']' || c == b'}')) {
                break;
            }
            if c == b':' {
                if i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\n' {
                    key = true;
                    break;
                }
                if flow {
                    // `a:b` in a flow collection: left to the granit path.
                    return None;
                }
            }
            if c == b' ' {
                if i + 1 < b.len() && b[i + 1] == b'#' {
                    break;
                }
                i += 1;
                continue;
            }
            if c >= 0x80 {
                i += self.wide_char(i)?;
            } else if c < 0x20 || c == 0x7f || (flow && (c == b'[' || c == b'{')) {
                return None;
            } else {
                i += 1;
            }
            end = i;
        }
        if key && end != i {
            // `key :`: rare, left to the granit path.
            return None;
        }
        self.pos = i;
        let text = self.text.get(start..end)?;
        self.nodes += 1;
        self.scalar_bytes += text.len();
        let value = scalar::value(text, ScalarStyle::Plain, Explicit::None).ok()?;
        let source = match value {
            Value::Str(_) => None,
            _ => Some(text.to_owned()),
        };
        let len = end - start - (self.wide - wide);
        let node = Node {
            location: location.spanning(len as u64),
            value,
            source,
        };
        scalar(node, key)
    }

    /// A one-line quoted scalar at `pos` (`'…'` with `''`, or `"…"` without
    /// escapes); `pos` is left after its closing quote.
    fn quoted(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let b = self.bytes;
        let quote = b[self.pos];
        let location = self.here(0);
        let wide = self.wide;
        let start = self.pos + 1;
        let mut i = start;
        // Set at the first `''`: the text then differs from the slice.
        let mut unescaped: Option<String> = None;
        let mut from = start;
        loop {
            if i == b.len() {
                return None;
            }
            let c = b[i];
            if c == quote {
                if quote == b'\'' && i + 1 < b.len() && b[i + 1] == b'\'' {
                    let text = unescaped.get_or_insert_with(String::new);
                    text.push_str(self.text.get(from..=i)?);
                    i += 2;
                    from = i;
                    continue;
                }
                break;
            }
            if c == b'\\' && quote == b'"' {
                return None;
            }
            if c >= 0x80 {
                i += self.wide_char(i)?;
            } else if c < 0x20 || c == 0x7f {
                return None;
            } else {
                i += 1;
            }
        }
        let text = match unescaped {
            Some(mut text) => {
                text.push_str(self.text.get(from..i)?);
                text
            }
            None => self.text.get(start..i)?.to_owned(),
        };
        self.pos = i + 1;
        let len = self.pos - start + 1 - (self.wide - wide);
        self.nodes += 1;
        self.scalar_bytes += text.len();
        Some(Node {
            location: location.spanning(len as u64),
            value: Value::Str(text),
            source: None,
        })
    }

    /// A one-line flow collection at `pos` (`[` or `{`); `pos` is left
    /// after its closing bracket.
    fn flow(&mut self, depth: usize) -> Option<Node> {
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
    fn flow_node(&mut self, depth: usize) -> Option<Node> {
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
        Some(self.plain(depth, true)?.node)
    }

    /// Skips spaces inside a flow collection.
    fn flow_spaces(&mut self) {
        let b = self.bytes;
        while self.pos < b.len() && b[self.pos] == b' ' {
            self.pos += 1;
        }
    }

    /// The length of the non-ASCII character at `i`, counted into `wide`;
    /// `None` for those YAML may read otherwise than as text: C1 controls
    /// (U+0085 is a line break in YAML 1.1), U+2028/U+2029, a byte-order
    /// mark and the non-characters U+FFFE/U+FFFF.
    fn wide_char(&mut self, i: usize) -> Option<usize> {
        let b = self.bytes;
        let lead = b[i];
        let len = if lead >= 0xf0 {
            4
        } else if lead >= 0xe0 {
            3
        } else {
            2
        };
        if refused(b, i) {
            return None;
        }
        self.wide += len - 1;
        Some(len)
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

/// `node` read as a key when `key`, if it may be one here: a string (no
/// merge key) of a length YAML allows.
fn scalar(node: Node, key: bool) -> Option<Scalar> {
    (!key || is_key(&node)).then_some(Scalar { node, key })
}

fn is_key(node: &Node) -> bool {
    matches!(&node.value, Value::Str(text) if text != "<<") && node.location.len <= MAX_KEY
}

/// Where the anchor or alias name starting at `i` ends: names here are
/// ASCII letters, digits, `_` and `-`.
fn name_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
        i += 1;
    }
    i
}

/// Levels of nesting in `node`, itself included, as the granit path counts
/// them for an alias's depth (`tree::height`, `Entries::finish`): a scalar
/// 1, a sequence one more than its deepest item, a mapping two more than its
/// deepest key or value.
fn height(node: &Node) -> usize {
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

/// Whether the non-ASCII character at `i` is one YAML may read otherwise
/// than as text.
fn refused(b: &[u8], i: usize) -> bool {
    let lead = b[i];
    let next = b.get(i + 1).copied().unwrap_or(0);
    let third = b.get(i + 2).copied().unwrap_or(0);
    (lead == 0xc2 && next < 0xa0)
        || (lead == 0xe2 && next == 0x80 && (third == 0xa8 || third == 0xa9))
        || (lead == 0xef && next == 0xbb && third == 0xbf)
        || (lead == 0xef && next == 0xbf && third >= 0xbe)
}

/// Whether a plain scalar may start at `i`: not at an indicator YAML gives
/// a meaning there (a `-` only before a character that is no space).
fn plain_start(b: &[u8], i: usize) -> bool {
    if i >= b.len() {
        return false;
    }
    match b[i] {
        b'-' => i + 1 < b.len() && !matches!(b[i + 1], b' ' | b'\n' | b',' | b']' | b'}'),
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
        | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' => false,
        _ => true,
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
