//! The validated spec: what the generator, the docs and other tools read.
//!
//! Every name in here has passed validation: it is a legal Prometheus name
//! and a legal, collision-free Rust identifier, so code generation never
//! has to check anything again.

use crate::diagnostic::Location;

/// A whole validated spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// The prefix of every exported name (`x0tta6bl4`), if any.
    pub namespace: Option<String>,
    /// Every closed label-value set: shared ones first (spec order), then the
    /// inline sets of metrics in the order the metrics appear.
    pub enums: Vec<Enum>,
    /// The groups, in spec order.
    pub groups: Vec<Group>,
}

impl Spec {
    /// Every metric of every group, in spec order.
    pub fn metrics(&self) -> impl Iterator<Item = (&Group, &Metric)> {
        self.groups.iter().flat_map(|g| g.metrics.iter().map(move |m| (g, m)))
    }
}

/// A closed set of label values; one Rust enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// The name under `enums:`, or `<metric>.<label>` for an inline set.
    pub name: String,
    /// The Rust type name (`CycleStatus`, `MapekCycleDurationSecondsPhase`).
    pub rust_name: String,
    /// `true` for a set declared under `enums:`.
    pub shared: bool,
    /// The values, in spec order.
    pub values: Vec<EnumValue>,
}

/// One value of a closed set.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The exported label value, exactly as written in the spec.
    pub value: String,
    /// The Rust variant name (`Success`, `V5xx`).
    pub variant: String,
}

/// One group of metrics; one generated collector.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The group's name in the spec (`mapek`).
    pub name: String,
    /// What the group covers.
    pub help: String,
    /// The collector's Rust type (`MapekMetrics`).
    pub rust_name: String,
    /// The registry field holding the collector (`mapek`).
    pub field: String,
    /// The metrics, in spec order.
    pub metrics: Vec<Metric>,
}

/// One metric family.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// The name in the spec, without namespace (`mapek_cycles_total`).
    pub name: String,
    /// The exported name, with namespace (`x0tta6bl4_mapek_cycles_total`).
    pub exported: String,
    /// The accessor method's name (`mapek_cycles_total`).
    pub accessor: String,
    /// Counter, gauge or histogram.
    pub kind: Kind,
    /// Integer or floating-point value.
    pub value: ValueType,
    /// The help text.
    pub help: String,
    /// The labels, in spec order (the accessor's argument order).
    pub labels: Vec<Label>,
    /// Upper bounds of a histogram's buckets (`+Inf` implied); empty otherwise.
    pub buckets: Vec<f64>,
    /// Lints this metric is allowed to break, and why.
    pub waivers: Vec<Waiver>,
    /// Where the metric is declared.
    pub location: Location,
    /// `sharded: true`: an int counter with closed labels whose increments go
    /// to per-thread shards, summed when read (no contention between threads).
    pub sharded: bool,
}

impl Metric {
    /// `true` when every label is a closed set, so every series exists up front.
    pub fn is_closed(&self) -> bool {
        self.labels.iter().all(|l| matches!(l.values, LabelValues::Enum(_)))
    }
}

/// A metric type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A monotonically increasing total.
    Counter,
    /// A value that goes up and down.
    Gauge,
    /// A distribution of observations in buckets.
    Histogram,
}

impl Kind {
    /// The type's name in the exposition format and the spec.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Counter => "counter",
            Kind::Gauge => "gauge",
            Kind::Histogram => "histogram",
        }
    }
}

/// A metric's value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// `u64` counters, `i64` gauges.
    Int,
    /// `f64`.
    Float,
}

/// One label of a metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The exported label name.
    pub name: String,
    /// The accessor's argument name.
    pub arg: String,
    /// What values the label takes.
    pub values: LabelValues,
}

/// The values a label takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelValues {
    /// A closed set: an index into [`Spec::enums`].
    Enum(usize),
    /// Any string (`string` in the spec).
    Free,
}

/// A lint a metric may break.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    /// The rule id.
    pub rule: String,
    /// Why the rule is waived.
    pub reason: String,
}
