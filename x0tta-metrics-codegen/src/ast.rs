//! The spec as the user wrote it: every field optional, every value located.
//!
//! `parse` fills these from the YAML tree; `validate` turns them into the
//! [`model`](crate::model). Nothing here has been checked beyond its shape.

use crate::diagnostic::Location;

/// A scalar and where it stands.
#[derive(Debug, Clone)]
pub(crate) struct Text {
    pub(crate) value: String,
    pub(crate) at: Location,
}

/// A number and where it stands.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Number {
    pub(crate) value: f64,
    pub(crate) at: Location,
}

#[derive(Debug, Default)]
pub(crate) struct Spec {
    pub(crate) namespace: Option<Text>,
    /// `const_labels: {name: value}`: labels on every series of the spec.
    pub(crate) const_labels: Vec<ConstLabel>,
    pub(crate) enums: Vec<EnumDef>,
    pub(crate) buckets: Vec<BucketPreset>,
    pub(crate) groups: Vec<Group>,
    /// `objectives:` (parse/objectives.rs).
    pub(crate) objectives: Vec<Objective>,
}

/// One entry of `const_labels:`.
#[derive(Debug)]
pub(crate) struct ConstLabel {
    pub(crate) name: Text,
    pub(crate) value: Text,
}

#[derive(Debug)]
pub(crate) struct EnumDef {
    pub(crate) name: Text,
    pub(crate) values: ValueList,
}

/// A closed list of label values, written inline or under `enums:`.
#[derive(Debug)]
pub(crate) struct ValueList {
    pub(crate) values: Vec<Text>,
    pub(crate) at: Location,
}

#[derive(Debug)]
pub(crate) struct BucketPreset {
    pub(crate) name: Text,
    pub(crate) buckets: Buckets,
}

#[derive(Debug)]
pub(crate) enum Buckets {
    /// A reference to a preset under `buckets:`.
    Preset(Text),
    List {
        bounds: Vec<Number>,
        at: Location,
    },
    Exponential {
        start: Number,
        factor: Number,
        count: Number,
        at: Location,
    },
    Linear {
        start: Number,
        width: Number,
        count: Number,
        at: Location,
    },
}

#[derive(Debug)]
pub(crate) struct Group {
    pub(crate) at: Location,
    pub(crate) name: Option<Text>,
    pub(crate) help: Option<Text>,
    /// How many entries `metrics:` has, including ones too broken to parse.
    pub(crate) written_metrics: usize,
    pub(crate) metrics: Vec<Metric>,
    /// `static: true|false` and where it stands.
    pub(crate) is_static: Option<(bool, Location)>,
}

#[derive(Debug)]
pub(crate) struct Metric {
    pub(crate) at: Location,
    pub(crate) name: Option<Text>,
    pub(crate) kind: Option<Text>,
    pub(crate) help: Option<Text>,
    pub(crate) value: Option<Text>,
    pub(crate) labels: Vec<Label>,
    pub(crate) buckets: Option<Buckets>,
    pub(crate) allow: Vec<Text>,
    pub(crate) reason: Option<Text>,
    pub(crate) lifecycle: Lifecycle,
    pub(crate) alerts: Vec<Alert>,
    /// `max_series: N`: the series budget of a metric with free-form labels.
    pub(crate) max_series: Option<Number>,
    /// `expire_after_seconds: N`: idle series are dropped at scrape.
    pub(crate) expire_after_seconds: Option<Number>,
    /// `sharded: true|false` and where it stands.
    pub(crate) sharded: Option<(bool, Location)>,
    /// `unit: seconds`: the OpenMetrics unit, which the name must end with.
    pub(crate) unit: Option<Text>,
    /// `exemplars: true|false` and where it stands.
    pub(crate) exemplars: Option<(bool, Location)>,
    /// `native: {…}`: native (sparse) histogram buckets.
    pub(crate) native: Option<Native>,
}

/// `native: {schema | factor, max_buckets, zero_threshold}`.
#[derive(Debug)]
pub(crate) struct Native {
    pub(crate) at: Location,
    pub(crate) schema: Option<Number>,
    pub(crate) factor: Option<Number>,
    pub(crate) max_buckets: Option<Number>,
    pub(crate) zero_threshold: Option<Number>,
}

#[derive(Debug)]
pub(crate) struct Label {
    pub(crate) name: Text,
    pub(crate) values: LabelValues,
}

#[derive(Debug)]
pub(crate) enum LabelValues {
    /// `[a, b, c]`: a closed set private to this metric.
    Inline(ValueList),
    /// A shared enum's name, or `string` for a free-form value.
    Named(Text),
}

/// How a metric evolves: its stability promise, deprecation and renames.
#[derive(Debug, Default)]
pub(crate) struct Lifecycle {
    pub(crate) stability: Option<Text>,
    pub(crate) deprecated: Option<Deprecated>,
    pub(crate) aliases: Vec<Text>,
    pub(crate) renamed_from: Option<Text>,
    pub(crate) dual_emit: Option<Text>,
}

/// `deprecated: {note, renamed_to}`.
#[derive(Debug)]
pub(crate) struct Deprecated {
    pub(crate) note: Option<Text>,
    pub(crate) renamed_to: Option<Text>,
}

/// One entry of a metric's `alerts:`.
#[derive(Debug)]
pub(crate) struct Alert {
    pub(crate) at: Location,
    pub(crate) name: Option<Text>,
    pub(crate) expr: Option<Text>,
    pub(crate) op: Option<Text>,
    pub(crate) threshold: Option<Number>,
    pub(crate) for_: Option<Text>,
    pub(crate) severity: Option<Text>,
    pub(crate) summary: Option<Text>,
}

/// One entry of `objectives:`: a service-level objective on metrics of the spec.
#[derive(Debug)]
pub(crate) struct Objective {
    pub(crate) at: Location,
    pub(crate) name: Option<Text>,
    pub(crate) description: Option<Text>,
    pub(crate) target: Option<Number>,
    pub(crate) window: Option<Text>,
    pub(crate) availability: Option<Availability>,
    pub(crate) latency: Option<Latency>,
}

/// `availability: {metric, success}` or `availability: {good, total}`, with
/// optional `matchers`.
#[derive(Debug)]
pub(crate) struct Availability {
    pub(crate) at: Location,
    pub(crate) metric: Option<Text>,
    pub(crate) success: Option<Vec<Matcher>>,
    pub(crate) good: Option<Text>,
    pub(crate) total: Option<Text>,
    pub(crate) matchers: Vec<Matcher>,
    /// Some key was unknown (already reported): its shape is not reported again.
    pub(crate) had_unknown_keys: bool,
}

/// `latency: {metric, threshold, matchers}`.
#[derive(Debug)]
pub(crate) struct Latency {
    pub(crate) at: Location,
    pub(crate) metric: Option<Text>,
    pub(crate) threshold: Option<Number>,
    pub(crate) matchers: Vec<Matcher>,
}

/// `label: value` or `label: [values…]` narrowing the series an objective reads.
#[derive(Debug)]
pub(crate) struct Matcher {
    pub(crate) label: Text,
    pub(crate) values: Vec<Text>,
}
