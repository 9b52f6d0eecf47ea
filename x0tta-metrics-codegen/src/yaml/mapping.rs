//! A mapping's entries: duplicate keys and merge keys (`<<`).
//!
//! A key may appear once. `<<: *defaults` (or a list of anchored mappings)
//! adds the entries of those mappings that the mapping does not write
//! itself: explicit keys win, then earlier merge sources over later ones.

use std::collections::HashSet;

use granit_parser::{Event, ScalarStyle, Span};

use super::tree::{relocate, start, Builder, Built};
use super::{Failure, Node, Value};

const MERGE_SCALAR: &str = "a merge key (`<<`) takes a mapping or a list of mappings, not a scalar — merge an anchored mapping";

/// Beyond this many keys a mapping looks its keys up by hash, not by scan.
const SCAN_LIMIT: usize = 16;

#[derive(Default)]
pub(super) struct Entries {
    explicit: Vec<(Node, Node)>,
    /// The keys of `explicit`, once it outgrows `SCAN_LIMIT`.
    index: Option<HashSet<KeyId>>,
    /// Entries of merge sources, in merge order, before explicit keys win.
    merged: Vec<(Node, Node)>,
    /// Levels of nesting under the mapping.
    height: usize,
}

impl Entries {
    /// Reads the entry whose key `event` starts, `depth` levels down.
    pub(super) fn entry<'a>(
        &mut self,
        builder: &mut Builder<'a>,
        event: Event<'a>,
        span: Span,
        depth: usize,
    ) -> Result<(), Failure> {
        let merge = is_merge_key(&event);
        let key = builder.node(event, span, depth)?;
        if merge {
            return self.merge(builder, &key, depth);
        }
        if self.contains(&key.node) {
            let message = match key.node.scalar_text() {
                Some(text) => format!("duplicate mapping key: {text}"),
                None => "duplicate mapping key".to_owned(),
            };
            return Err(Failure::new(
                start(&key.span),
                format!("{message} — a key may appear only once in a mapping"),
            ));
        }
        let value = builder.next_node(depth)?;
        self.height = self.height.max(key.height + 1).max(value.height + 1);
        if let Some(index) = &mut self.index {
            index.insert(KeyId::of(&key.node));
        } else if self.explicit.len() == SCAN_LIMIT {
            let mut index: HashSet<KeyId> =
                self.explicit.iter().map(|(k, _)| KeyId::of(k)).collect();
            index.insert(KeyId::of(&key.node));
            self.index = Some(index);
        }
        self.explicit.push((key.node, value.node));
        Ok(())
    }

    /// The entries (explicit ones, then merged ones no explicit key
    /// overrides) and the mapping's height.
    pub(super) fn finish(self) -> (Vec<(Node, Node)>, usize) {
        let Entries {
            mut explicit,
            merged,
            height,
            ..
        } = self;
        if !merged.is_empty() {
            let mut seen: HashSet<KeyId> = explicit.iter().map(|(k, _)| KeyId::of(k)).collect();
            for (key, value) in merged {
                if seen.insert(KeyId::of(&key)) {
                    explicit.push((key, value));
                }
            }
        }
        (explicit, height + 1)
    }

    fn contains(&self, key: &Node) -> bool {
        match &self.index {
            Some(index) => index.contains(&KeyId::of(key)),
            None => self.explicit.iter().any(|(k, _)| same_key(k, key)),
        }
    }

    /// Reads the value of the merge key `key`: a mapping or a list of them.
    fn merge(
        &mut self,
        builder: &mut Builder<'_>,
        key: &Built,
        depth: usize,
    ) -> Result<(), Failure> {
        let not_mapping = || Failure::new(start(&key.span), MERGE_SCALAR);
        let sources = builder.merge_sources(depth)?;
        for source in sources {
            let entries = match source.node.value {
                Value::Map(entries) => entries,
                // `<<:` with nothing merges nothing.
                Value::Null => continue,
                _ => return Err(not_mapping()),
            };
            self.height = self.height.max(source.height);
            // A merged entry stands where its mapping is referenced.
            let at = builder.location(&source.span);
            let text = builder.source(&source.span);
            for (mut k, mut v) in entries {
                relocate(&mut k, at, &text);
                relocate(&mut v, at, &text);
                self.merged.push((k, v));
            }
        }
        Ok(())
    }
}

/// `<<` written plain, or tagged `!!merge`.
fn is_merge_key(event: &Event<'_>) -> bool {
    match event {
        Event::Scalar(text, ScalarStyle::Plain, _, None) => text == "<<",
        Event::Scalar(_, _, _, Some(tag)) => tag.is_yaml_core_schema_tag("merge"),
        _ => false,
    }
}

/// Whether two keys are the same key: the same integer (`1`, `0x1`), or
/// the same text whether quoted or not (`true`, `"true"`).
fn same_key(a: &Node, b: &Node) -> bool {
    // Strings and integers, nearly every key, compare without building ids.
    match (&a.value, &b.value) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        _ => KeyId::of(a) == KeyId::of(b),
    }
}

/// What makes a key the key it is, for the duplicate check.
#[derive(PartialEq, Eq, Hash)]
enum KeyId {
    Int(i128),
    Null(String),
    Text(String),
    Seq(Vec<KeyId>),
    Map(Vec<(KeyId, KeyId)>),
}

impl KeyId {
    fn of(node: &Node) -> KeyId {
        match &node.value {
            Value::Int(i) => KeyId::Int(*i),
            Value::Str(s) => KeyId::Text(s.clone()),
            Value::Null => KeyId::Null(node.source.clone().unwrap_or_default()),
            Value::Bool(_) | Value::Float(_) => {
                KeyId::Text(node.source.clone().unwrap_or_default())
            }
            Value::Seq(items) => KeyId::Seq(items.iter().map(KeyId::of).collect()),
            Value::Map(entries) => KeyId::Map(
                entries
                    .iter()
                    .map(|(k, v)| (KeyId::of(k), KeyId::of(v)))
                    .collect(),
            ),
        }
    }
}
