//! Diagnostics: what is wrong with a spec, where, and how to fix it.
//!
//! Every stage of the pipeline pushes into one `Context` instead of stopping
//! at the first problem (serde_derive's `Ctxt` pattern), so a user sees every
//! mistake of a spec in one build.

use std::fmt;

mod render;

pub use render::Color;

/// A position in the spec file, 1-based. Line 0 means "the file as a whole"
/// (an unreadable file has no position inside it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Line, counting from 1.
    pub line: u64,
    /// Column in characters, counting from 1.
    pub column: u64,
    /// How many characters the key or value written there covers, so a
    /// rendered diagnostic underlines the whole token; 0 when unknown (a
    /// syntax error, the file as a whole).
    pub len: u64,
}

impl Location {
    /// The position used for problems that concern the whole file.
    pub const FILE: Location = Location::new(0, 0);

    /// Builds a location from a 1-based line and column, of unknown extent.
    pub const fn new(line: u64, column: u64) -> Self {
        Location {
            line,
            column,
            len: 0,
        }
    }

    /// The same position, covering `len` characters.
    pub const fn spanning(self, len: u64) -> Self {
        Location { len, ..self }
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
    /// docs/SPEC.md lists every one; `x0tta-metrics explain <rule>` prints its entry.
    pub rule: &'static str,
    /// Where in the YAML the offending key or value stands.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is more to say than the message (a
    /// did-you-mean, the keys a mapping takes).
    pub help: Option<String>,
    /// Other places the problem involves, such as the first definition of a
    /// duplicate, each with what it is.
    pub related: Vec<Related>,
}

/// A second location a diagnostic points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Where it stands.
    pub location: Location,
    /// What it is (`first defined here`).
    pub label: String,
}

impl Diagnostic {
    /// Renders the diagnostic as one line,
    /// `<path>:<line>:<col>: <message> — <help> [<rule>]`: the short form for
    /// editors' problem matchers (`x0tta-metrics check --format short`).
    pub fn render(&self, path: &str) -> String {
        format!("{path}:{self}")
    }

    /// Renders the diagnostic as rustc does: a header with the rule id, the
    /// YAML line from `source` (the spec's text) with the offending token
    /// underlined, related places as secondary spans, the help, and a note
    /// naming `x0tta-metrics explain <rule>`. Without `source` (a file that
    /// could not be read) only the header, path and notes are shown.
    pub fn render_snippet(&self, path: &str, source: Option<&str>, color: Color) -> String {
        render::snippet(self, path, source, render::Target::Terminal(color))
    }

    /// The same, as the message of a compile error: the compiler prints
    /// `error: ` before it, so its first line is `<message> [<rule>]`, and
    /// it has no colour.
    pub fn render_for_compiler(&self, path: &str, source: Option<&str>) -> String {
        render::snippet(self, path, source, render::Target::Compiler)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " — {help}")?;
        }
        write!(f, " [{}]", self.rule)
    }
}

/// A rule: its stable id and what it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The id printed after each diagnostic, and used in `allow:` for lints.
    pub id: &'static str,
    /// What the rule asks for, for the docs.
    pub summary: &'static str,
}

/// Every error rule: problems that no waiver can lift. The lints, which can
/// be waived, are [`crate::lint::RULES`].
pub const ERRORS: &[Rule] = &[
    Rule { id: "file-unreadable", summary: "the spec file exists and can be read" },
    Rule { id: "file-too-large", summary: "the spec is at most 8 MiB" },
    Rule { id: "file-not-utf8", summary: "the spec is UTF-8 text" },
    Rule { id: "yaml-syntax", summary: "the spec is valid YAML, nested at most 16 levels, each key once per mapping (so labels, enums and presets are unique)" },
    Rule { id: "wrong-type", summary: "each key holds the kind of value it takes (a list, a mapping, a scalar, a number)" },
    Rule { id: "unknown-key", summary: "every key is one the format defines (typos are never ignored)" },
    Rule { id: "missing-key", summary: "required keys are present: `groups`; a group's `name`, `help`; a metric's `name`, `type`, `help`" },
    Rule { id: "empty-value", summary: "`name`, `type`, `help` and constant label values are not empty" },
    Rule { id: "invalid-name", summary: "names use the Prometheus charset, no `:`, and make Rust identifiers" },
    Rule { id: "reserved-label", summary: "no label starts with `__`; no `quantile` label; no `le` label on a histogram" },
    Rule { id: "const-label-clash", summary: "a constant label is no metric's own label" },
    Rule { id: "duplicate-group", summary: "group names are unique" },
    Rule { id: "duplicate-metric", summary: "exported metric names are unique across all groups" },
    Rule { id: "duplicate-value", summary: "a value set lists each value once" },
    Rule { id: "empty-enum", summary: "a closed value set has at least one value" },
    Rule { id: "empty-group", summary: "a group has at least one metric" },
    Rule { id: "undefined-enum", summary: "a label's value set is `string`, an inline list, or a name under `enums:`" },
    Rule { id: "undefined-buckets", summary: "a bucket preset name is defined under `buckets:`" },
    Rule { id: "unknown-type", summary: "`type` is counter, gauge or histogram (summary is refused, with why)" },
    Rule { id: "unknown-value-type", summary: "`value` is int or float" },
    Rule { id: "int-histogram", summary: "a histogram has no `value: int`" },
    Rule { id: "buckets-not-histogram", summary: "only histograms have buckets" },
    Rule { id: "bucket-empty", summary: "a bucket list has at least one bound" },
    Rule { id: "bucket-not-increasing", summary: "bucket bounds increase strictly" },
    Rule { id: "bucket-not-finite", summary: "bucket bounds are finite (`+Inf` is implied)" },
    Rule { id: "bucket-generator", summary: "a generator has one kind, count 1..=256, factor > 1, width > 0, start > 0 (exponential)" },
    Rule { id: "bucket-too-many", summary: "a histogram has at most 256 buckets" },
    Rule { id: "rust-name-clash", summary: "names stay distinct after conversion to Rust identifiers" },
    Rule { id: "sample-name-clash", summary: "no family is named like a histogram's `_bucket`, `_count` or `_sum` samples" },
    Rule { id: "too-many-series", summary: "a metric with only closed labels has at most 4,096 label combinations" },
    Rule { id: "sharded-not-counter", summary: "`sharded: true` only on counters" },
    Rule { id: "sharded-not-int", summary: "a sharded counter counts integers (no `value: float`)" },
    Rule { id: "sharded-free-label", summary: "a sharded counter has only closed label sets" },
    Rule { id: "budget-closed-labels", summary: "`max_series` and `expire_after_seconds` only on metrics with a free-form label" },
    Rule { id: "invalid-budget", summary: "`max_series` is a whole number from 1 to 1,000,000; `expire_after_seconds` is positive, at most ten years" },
    Rule { id: "invalid-unit", summary: "`unit` is a lowercase word of letters, digits and `_`" },
    Rule { id: "unit-suffix", summary: "a metric's name ends with `_<unit>` (before a counter's `_total`)" },
    Rule { id: "exemplars-kind", summary: "`exemplars: true` only on counters and histograms" },
    Rule { id: "exemplars-sharded", summary: "a sharded counter has no `exemplars`" },
    Rule { id: "static-group", summary: "a `static: true` group holds only counters, gauges and classic histograms with closed label sets, neither sharded, native nor with exemplars" },
    // Native histograms (validate/native.rs).
    Rule { id: "native-not-histogram", summary: "`native` only on histograms" },
    Rule { id: "native-schema-and-factor", summary: "`native` takes `schema` or `factor`, not both" },
    Rule { id: "native-schema", summary: "a native `schema` is a whole number from -4 to 8" },
    Rule { id: "native-factor", summary: "a native `factor` is a finite number greater than 1" },
    Rule { id: "native-max-buckets", summary: "a native `max_buckets` is a whole number from 1 to 10,000" },
    Rule { id: "native-zero-threshold", summary: "a native `zero_threshold` is a finite number ≥ 0" },
    Rule { id: "waiver-unknown-rule", summary: "`allow:` names lint rules that exist" },
    Rule { id: "waiver-unused", summary: "`allow:` waives only rules the metric breaks" },
    Rule { id: "waiver-without-reason", summary: "`allow:` comes with a `reason`" },
    Rule { id: "reason-without-waiver", summary: "`reason` comes with an `allow:`" },
    // Evolution and alerting keys (validate/lifecycle.rs).
    Rule { id: "unknown-stability", summary: "`stability` is stable, beta or alpha" },
    Rule { id: "deprecated-unknown-target", summary: "`deprecated.renamed_to` names another metric of the spec" },
    Rule { id: "invalid-alias", summary: "an alias is a snake_case Rust method name" },
    Rule { id: "alias-clash", summary: "an alias is not already a method of the group's collector" },
    Rule { id: "rename-clash", summary: "`renamed_from` names no exported name of the spec, and no other metric's old name" },
    Rule { id: "dual-emit-without-rename", summary: "`dual_emit` comes with a `renamed_from`" },
    Rule { id: "invalid-alert", summary: "an alert has a name of letters, digits and `_`, and either an `expr` or a `threshold` with a comparison `op`" },
    Rule { id: "unknown-severity", summary: "an alert's `severity` is critical, warning or info" },
    Rule { id: "invalid-duration", summary: "an alert's `for` is a Prometheus duration (`5m`, `1h30m`)" },
    Rule { id: "duplicate-alert", summary: "alert names are unique across the spec, including those objectives generate" },
    // Service-level objectives (validate/objectives.rs).
    Rule { id: "invalid-objective", summary: "an objective has one indicator: `availability` (`metric` + `success`, or `good` + `total`) or `latency`" },
    Rule { id: "duplicate-objective", summary: "objective names are unique" },
    Rule { id: "objective-target", summary: "an objective's `target` is a ratio strictly between 0 and 1 that its fastest burn-rate alert can reach" },
    Rule { id: "objective-window", summary: "an objective's `window` is a whole number of days from 3 to 365 (`30d`, `4w`)" },
    Rule { id: "objective-unknown-metric", summary: "an objective's metrics are metrics of the spec (names without namespace)" },
    Rule { id: "objective-metric-type", summary: "availability counts with counters, latency with a histogram" },
    Rule { id: "objective-threshold", summary: "a latency `threshold` is one of the histogram's bucket bounds" },
    Rule { id: "objective-matcher", summary: "`success` and `matchers` name labels of the metric and, for closed labels, values of their sets" },
];

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
        self.push(rule, location, message.into(), Vec::new());
    }

    /// An error that also points at another place, such as the first
    /// definition of a duplicate.
    pub(crate) fn error_related(
        &mut self,
        rule: &'static str,
        location: Location,
        message: impl Into<String>,
        related: Location,
        label: &str,
    ) {
        let related = vec![Related {
            location: related,
            label: label.to_string(),
        }];
        self.push(rule, location, message.into(), related);
    }

    /// Every message is written `what is wrong — how to fix it`; the part
    /// after the dash becomes the help, so the rendered form can show it on
    /// its own `help:` line while the short form reads as before.
    fn push(
        &mut self,
        rule: &'static str,
        location: Location,
        message: String,
        related: Vec<Related>,
    ) {
        let (message, help) = match message.split_once(" — ") {
            Some((what, help)) => (what.to_string(), Some(help.to_string())),
            None => (message, None),
        };
        self.found.push(Diagnostic {
            rule,
            location,
            message,
            help,
            related,
        });
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.found.is_empty()
    }

    /// Hands back everything found, in file order (by line and column; in
    /// the order found for equal positions, whatever the tokens' extents).
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        self.found
            .sort_by_key(|d| (d.location.line, d.location.column));
        self.found
    }
}
