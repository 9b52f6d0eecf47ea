//! YAML text → a tree of nodes that remember where they stand in the file.
//!
//! The spec is read into this generic tree first (not straight into typed
//! structs) so that the next stage can report *every* unknown key and wrong
//! type at once, each at its own line and column.
//!
//! The tree is built straight from granit-parser's events (`tree`), not
//! through a serde deserializer: the macro runs unoptimized in a dev build,
//! where serde's visitor layers per located node cost most of its time.
//! Before it, `fast` reads the subset of YAML specs are written in straight
//! into the same tree, and hands anything else to it.

mod fast;
mod mapping;
mod scalar;
mod tree;

#[cfg(test)]
mod differential;
#[cfg(test)]
mod fast_differential;
#[cfg(test)]
mod oracle;

use crate::diagnostic::{Context, Location};

/// Deeper nesting than this is no spec; refusing it keeps recursion bounded.
pub(crate) const MAX_DEPTH: usize = 16;

/// One YAML value and where it was written.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) location: Location,
    pub(crate) value: Value,
    /// The scalar exactly as written, for plain scalars that YAML typed as
    /// numbers, booleans or null (label values such as `200` or `true` are
    /// exported as spelled, not as re-printed numbers).
    pub(crate) source: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// What the value is, for "expected a list, found a number" messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The scalar as text: strings as they are, other scalars as written.
    pub(crate) fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Seq(_) | Value::Map(_) => None,
            Value::Null => Some(self.source.clone().unwrap_or_default()),
            Value::Bool(b) => Some(self.source.clone().unwrap_or_else(|| b.to_string())),
            Value::Int(i) => Some(self.source.clone().unwrap_or_else(|| i.to_string())),
            Value::Float(x) => Some(self.source.clone().unwrap_or_else(|| x.to_string())),
        }
    }
}

/// Parses `text` into a node tree; a syntax error becomes one diagnostic.
pub(crate) fn parse(text: &str, cx: &mut Context) -> Option<Node> {
    let read = match fast::read(text) {
        Some(node) => Ok(node),
        None => tree::read(text),
    };
    match read {
        Ok(mut node) => {
            // A document that is only `---` is "null" where the file ends;
            // point at its start, a line that exists.
            if matches!(node.value, Value::Null)
                && node.location.line as usize > text.lines().count()
            {
                node.location = Location::new(1, 1);
            }
            Some(node)
        }
        Err(Failure { at, message }) => {
            let (at, message) =
                if message.contains("found a tab") || message.starts_with("tabs disallowed") {
                    let message = "a tab where YAML expects indentation — indent with spaces only";
                    (first_tab_from(text, at).unwrap_or(at), message.to_owned())
                } else {
                    (at, message)
                };
            cx.error(
                "yaml-syntax",
                at,
                format!("the file is not valid YAML: {message}"),
            );
            None
        }
    }
}

/// Why the text is no YAML tree, and where.
#[derive(Debug)]
struct Failure {
    at: Location,
    message: String,
}

impl Failure {
    fn new(at: Location, message: impl Into<String>) -> Self {
        Failure {
            at,
            message: message.into(),
        }
    }
}

/// The parser reports a tab where the scalar before it ends, often on the
/// line before; the token to change is the tab itself.
fn first_tab_from(text: &str, at: Location) -> Option<Location> {
    let first = usize::try_from(at.line).ok()?.checked_sub(1)?;
    text.lines().enumerate().skip(first).find_map(|(n, line)| {
        let column = line.chars().position(|c| c == '\t')?;
        Some(Location::new(n as u64 + 1, column as u64 + 1))
    })
}
