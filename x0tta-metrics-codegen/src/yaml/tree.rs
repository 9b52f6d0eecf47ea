//! granit-parser's events → the located node tree, in one pass.
//!
//! Anchored nodes are kept as built; an alias is a copy of one, located
//! where the alias is written (the token to change when its use is wrong).
//! Copies are charged to a budget so that aliases of aliases (a "billion
//! laughs" file) end in a diagnostic, not in an out-of-memory.

use granit_parser::{ErrorKind, Event, Options, Parser, ScanError, Span, StrInput};

use super::mapping::Entries;
use super::scalar::{self, Explicit, Kind};
use super::{Failure, Node, Value, MAX_DEPTH};
use crate::diagnostic::Location;

/// Nodes a spec may hold once its aliases are expanded, keys included.
/// The 10,000-family benchmark spec holds 111,418, under half of this.
pub(super) const MAX_NODES: usize = 250_000;

/// Bytes of scalar text a spec may hold once its aliases are expanded.
pub(super) const MAX_SCALAR_BYTES: usize = 64 * 1024 * 1024;

pub(super) const TOO_LARGE: &str = "it grows too large once its aliases are expanded (aliases of aliases multiply) — write the spec with fewer nested aliases";
const RECURSIVE: &str = "an alias refers to the anchored value it stands inside — an alias must name a value defined outside it";
const MULTIPLE: &str = "the file holds more than one YAML document (a `---` line starts another) — a spec is one document";

/// Reads the one document of `text`.
pub(super) fn read(text: &str) -> Result<Node, Failure> {
    let mut options = Options::default();
    // Comments are no data; asking for none keeps them out of the event stream
    // even when another crate of the build turns the parser's feature on.
    options.set_emit_comments(false);
    let mut builder = Builder {
        parser: Parser::new_from_str_with_options(text, options),
        text,
        anchors: Vec::new(),
        nodes: 0,
        bytes: 0,
    };
    builder.document()
}

/// A node as built, with what an alias or a merge of it needs.
pub(super) struct Built {
    pub(super) node: Node,
    /// Where the node is referenced: its own text, or the alias naming it.
    pub(super) span: Span,
    /// Levels of nesting in it, itself included.
    pub(super) height: usize,
}

struct Anchored {
    node: Node,
    height: usize,
    /// Nodes and scalar bytes one copy adds.
    nodes: usize,
    bytes: usize,
}

pub(super) struct Builder<'a> {
    parser: Parser<'a, StrInput<'a>>,
    text: &'a str,
    /// Anchored nodes by the parser's anchor id; `None` while the anchored
    /// node is still open (an alias to it then stands inside it).
    anchors: Vec<Option<Anchored>>,
    nodes: usize,
    bytes: usize,
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), Failure> {
        match self.parser.next_event() {
            Some(Ok(event)) => Ok(event),
            Some(Err(err)) => Err(scan_failure(&err)),
            None => Err(Failure::new(Location::FILE, "unexpected end of input")),
        }
    }

    fn document(&mut self) -> Result<Node, Failure> {
        let root = loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentStart(..) | Event::DocumentEnd => {}
                // An empty or comment-only file: nothing, at its start.
                Event::StreamEnd => {
                    return Ok(Node {
                        location: Location::new(1, 1),
                        value: Value::Null,
                        source: Some(String::new()),
                    })
                }
                event => break self.node(event, span, 1)?.node,
            }
        };
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::DocumentStart(..) | Event::DocumentEnd => {}
                Event::StreamEnd => return Ok(root),
                _ => return Err(Failure::new(start(&span), MULTIPLE)),
            }
        }
    }

    /// The node `event` starts, `depth` levels down from the root (1).
    pub(super) fn node(
        &mut self,
        event: Event<'a>,
        span: Span,
        depth: usize,
    ) -> Result<Built, Failure> {
        check_tag(&event, &span)?;
        if depth > MAX_DEPTH {
            return Err(Failure::new(
                start(&span),
                format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.charge(&span, 1, text.len())?;
                let value = scalar::value(&text, style, Explicit::of(tag.as_deref()))
                    .map_err(|ty| Failure::new(start(&span), format!("invalid {ty}")))?;
                let node = self.located(value, &span);
                self.anchor(anchor, &node, 1, 1, text.len());
                Ok(Built {
                    node,
                    span,
                    height: 1,
                })
            }
            Event::SequenceStart(_, anchor, _) => {
                let before = (self.nodes, self.bytes);
                let items = self.sequence(anchor, &span, depth)?;
                let height = height(&items);
                let items = items.into_iter().map(|item| item.node).collect();
                Ok(self.close(anchor, span, Value::Seq(items), height, before))
            }
            Event::MappingStart(_, anchor, _) => {
                let before = (self.nodes, self.bytes);
                self.open(anchor);
                self.charge(&span, 1, 0)?;
                let mut entries = Entries::default();
                loop {
                    let (event, key_span) = self.next()?;
                    if matches!(event, Event::MappingEnd) {
                        break;
                    }
                    entries.entry(self, event, key_span, depth + 1)?;
                }
                let (entries, height) = entries.finish();
                Ok(self.close(anchor, span, Value::Map(entries), height, before))
            }
            Event::Alias(id) => self.alias(id, span, depth),
            _ => Err(Failure::new(start(&span), "unexpected event")),
        }
    }

    /// The next node of the stream: a mapping's value.
    pub(super) fn next_node(&mut self, depth: usize) -> Result<Built, Failure> {
        let (event, span) = self.next()?;
        self.node(event, span, depth)
    }

    /// The items of the sequence just opened at `span`, up to its end.
    fn sequence(
        &mut self,
        anchor: usize,
        span: &Span,
        depth: usize,
    ) -> Result<Vec<Built>, Failure> {
        self.open(anchor);
        self.charge(span, 1, 0)?;
        let mut items = Vec::new();
        loop {
            let (event, item_span) = self.next()?;
            if matches!(event, Event::SequenceEnd) {
                return Ok(items);
            }
            items.push(self.node(event, item_span, depth + 1)?);
        }
    }

    /// The value of a merge key: one node, or each item of a sequence
    /// (each merged entry stands where its item is written).
    pub(super) fn merge_sources(&mut self, depth: usize) -> Result<Vec<Built>, Failure> {
        let (event, span) = self.next()?;
        let Event::SequenceStart(_, anchor, _) = event else {
            return Ok(vec![self.node(event, span, depth)?]);
        };
        let before = (self.nodes, self.bytes);
        let items = self.sequence(anchor, &span, depth)?;
        if anchor != 0 {
            let nodes = items.iter().map(|item| item.node.clone()).collect();
            self.close(anchor, span, Value::Seq(nodes), height(&items), before);
        }
        Ok(items)
    }

    fn alias(&mut self, id: usize, span: Span, depth: usize) -> Result<Built, Failure> {
        let at = start(&span);
        let anchored = match self.anchors.get(id) {
            Some(Some(anchored)) => anchored,
            Some(None) => return Err(Failure::new(at, RECURSIVE)),
            None => return Err(Failure::new(at, "alias references unknown anchor")),
        };
        if depth + anchored.height - 1 > MAX_DEPTH {
            return Err(Failure::new(
                at,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        let (nodes, bytes, height) = (anchored.nodes, anchored.bytes, anchored.height);
        let mut node = anchored.node.clone();
        self.charge(&span, nodes, bytes)?;
        relocate(&mut node, self.location(&span), &self.source(&span));
        Ok(Built { node, span, height })
    }

    /// The collection opened at `span`, anchored as `anchor` (0: none) with
    /// what it cost since the counts were `before`.
    fn close(
        &mut self,
        anchor: usize,
        span: Span,
        value: Value,
        height: usize,
        before: (usize, usize),
    ) -> Built {
        let node = self.located(value, &span);
        let (nodes, bytes) = (self.nodes - before.0, self.bytes - before.1);
        self.anchor(anchor, &node, height, nodes, bytes);
        Built { node, span, height }
    }

    /// Counts `nodes` more nodes and `bytes` more scalar text against the budget.
    fn charge(&mut self, span: &Span, nodes: usize, bytes: usize) -> Result<(), Failure> {
        self.nodes = self.nodes.saturating_add(nodes);
        self.bytes = self.bytes.saturating_add(bytes);
        if self.nodes > MAX_NODES || self.bytes > MAX_SCALAR_BYTES {
            return Err(Failure::new(start(span), TOO_LARGE));
        }
        Ok(())
    }

    /// Marks anchor `id` as open: an alias to it before it closes is recursive.
    fn open(&mut self, id: usize) {
        if id != 0 {
            if self.anchors.len() <= id {
                self.anchors.resize_with(id + 1, || None);
            }
            self.anchors[id] = None;
        }
    }

    fn anchor(&mut self, id: usize, node: &Node, height: usize, nodes: usize, bytes: usize) {
        if id == 0 {
            return;
        }
        self.open(id);
        self.anchors[id] = Some(Anchored {
            node: node.clone(),
            height,
            nodes,
            bytes,
        });
    }

    /// `value` located at `span`; scalars YAML typed keep their text as written.
    fn located(&self, value: Value, span: &Span) -> Node {
        let source = match value {
            Value::Str(_) | Value::Seq(_) | Value::Map(_) => None,
            _ => Some(self.source(span)),
        };
        Node {
            location: self.location(span),
            value,
            source,
        }
    }

    pub(super) fn location(&self, span: &Span) -> Location {
        start(span).spanning(span.len() as u64)
    }

    /// The text `span` covers, trimmed.
    pub(super) fn source(&self, span: &Span) -> String {
        let (Some(from), Some(to)) = (span.start.byte_offset(), span.end.byte_offset()) else {
            return String::new();
        };
        self.text.get(from..to).unwrap_or("").trim().to_owned()
    }
}

/// Levels of nesting in a sequence of `items`, itself included.
fn height(items: &[Built]) -> usize {
    items.iter().map(|item| item.height + 1).max().unwrap_or(1)
}

/// Every node of `node` located at `at` (an alias or a merge site);
/// scalars YAML typed read `source` there.
pub(super) fn relocate(node: &mut Node, at: Location, source: &str) {
    node.location = at;
    match &mut node.value {
        Value::Str(_) => {}
        Value::Seq(items) => items.iter_mut().for_each(|n| relocate(n, at, source)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            relocate(k, at, source);
            relocate(v, at, source);
        }),
        _ => node.source = Some(source.to_owned()),
    }
}

/// A node's tag fits its kind (`!!seq` a sequence, `!!int` a scalar), and
/// a scalar's is one a spec value can have.
fn check_tag(event: &Event<'_>, span: &Span) -> Result<(), Failure> {
    let (tag, kind) = match event {
        Event::Scalar(_, _, _, Some(tag)) => (tag, Kind::Scalar),
        Event::SequenceStart(_, _, Some(tag)) => (tag, Kind::Seq),
        Event::MappingStart(_, _, Some(tag)) => (tag, Kind::Map),
        _ => return Ok(()),
    };
    let explicit = Explicit::of(Some(tag));
    if !explicit.fits(kind) {
        let message = format!("unsupported tag `{}`", scalar::spelled(tag));
        return Err(Failure::new(start(span), message));
    }
    if explicit == Explicit::Refused {
        let message = format!(
            "a `{}` scalar is no spec value — write the text itself, untagged",
            scalar::spelled(tag)
        );
        return Err(Failure::new(start(span), message));
    }
    Ok(())
}

/// 1-based line and column of where `span` starts.
pub(super) fn start(span: &Span) -> Location {
    Location::new(span.start.line() as u64, span.start.col() as u64 + 1)
}

/// The parser's error, in the words the old stage used for it.
fn scan_failure(err: &ScanError) -> Failure {
    let mark = err.marker();
    let at = Location::new(mark.line() as u64, mark.col() as u64 + 1);
    let message = match err.kind() {
        ErrorKind::UnknownAnchor => "alias references unknown anchor".to_owned(),
        _ => err.info(),
    };
    Failure::new(at, message)
}

#[cfg(test)]
mod tests {
    use super::{read, MAX_NODES, MAX_SCALAR_BYTES, TOO_LARGE};
    use crate::yaml::{Node, Value};

    /// `l: &l [0, …]` of `anchored` nodes, then `u:` a list of `aliases` aliases of it.
    fn aliases_of(anchored: usize, aliases: usize) -> String {
        let items = vec!["0"; anchored - 1].join(", ");
        let uses = vec!["*l"; aliases].join(", ");
        format!("l: &l [{items}]\nu: [{uses}]\n")
    }

    fn uses(root: &Node) -> usize {
        match &root.value {
            Value::Map(entries) => match &entries[1].1.value {
                Value::Seq(items) => items.len(),
                _ => 0,
            },
            _ => 0,
        }
    }

    #[test]
    fn aliases_expand_up_to_the_node_budget_and_fail_at_the_alias_past_it() {
        // The root, `l`, `u` and `u`'s list are 4 nodes; the anchored list 1,000.
        let under = (MAX_NODES - 4 - 1_000) / 1_000;
        let root = read(&aliases_of(1_000, under)).expect("within the budget");
        assert_eq!(uses(&root), under);

        let failure = read(&aliases_of(1_000, under + 1)).expect_err("past the budget");
        assert_eq!(failure.message, TOO_LARGE);
        // The alias that crosses the limit: `u: [` then `*l, ` per alias.
        let column = 5 + 4 * under as u64;
        assert_eq!((failure.at.line, failure.at.column), (2, column));
    }

    #[test]
    fn aliases_expand_up_to_the_scalar_byte_budget() {
        let copies = 64;
        let len = MAX_SCALAR_BYTES / copies - 100;
        let text = |aliases: usize| {
            let uses = vec!["*s"; aliases].join(", ");
            format!("s: &s {}\nu: [{uses}]\n", "a".repeat(len))
        };
        let root = read(&text(copies - 1)).expect("within the budget");
        assert_eq!(uses(&root), copies - 1);
        let failure = read(&text(copies)).expect_err("past the budget");
        assert_eq!(failure.message, TOO_LARGE);
    }
}
