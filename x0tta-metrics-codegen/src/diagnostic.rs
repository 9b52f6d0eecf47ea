//! Diagnostics: what is wrong with a spec, where, and how to fix it.
//!
//! Every stage of the pipeline pushes into one [`Context`] instead of stopping
//! at the first problem (serde_derive's `Ctxt` pattern), so a user sees every
//! mistake of a spec in one build.

use std::fmt;

/// A position in the spec file, 1-based. Line 0 means "the file as a whole"
/// (an unreadable file has no position inside it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Line, counting from 1.
    pub line: u64,
    /// Column in characters, counting from 1.
    pub column: u64,
}

impl Location {
    /// The position used for problems that concern the whole file.
    pub const FILE: Location = Location { line: 0, column: 0 };

    /// Builds a location from a 1-based line and column.
    pub const fn new(line: u64, column: u64) -> Self {
        Location { line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A file-level problem still prints as `path:1:1` so editors can jump to it.
        write!(f, "{}:{}", self.line.max(1), self.column.max(1))
    }
}

/// One problem found in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable identifier of the rule that fired (`unknown-key`, `counter-total-suffix`, …).
    /// The README's spec reference lists every one.
    pub rule: &'static str,
    /// Where in the YAML the offending key or value stands.
    pub location: Location,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// Renders the diagnostic as `<path>:<line>:<col>: <message> [<rule>]`, the
    /// form the macro and the command-line tool print.
    pub fn render(&self, path: &str) -> String {
        format!("{path}:{}: {} [{}]", self.location, self.message, self.rule)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.location, self.message, self.rule)
    }
}

/// Collects the diagnostics of every stage; sorted by position when finished.
#[derive(Default, Debug)]
pub(crate) struct Context {
    found: Vec<Diagnostic>,
}

impl Context {
    pub(crate) fn error(
        &mut self,
        rule: &'static str,
        location: Location,
        message: impl Into<String>,
    ) {
        self.found.push(Diagnostic {
            rule,
            location,
            message: message.into(),
        });
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.found.is_empty()
    }

    /// Hands back everything found, in file order (stable for equal positions).
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        self.found.sort_by_key(|d| d.location);
        self.found
    }
}
