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
    /// `const_labels:`, sorted by name: `(name, value)` on every series of
    /// every family of the spec.
    pub const_labels: Vec<(String, String)>,
    /// Every closed label-value set: shared ones first (spec order), then the
    /// inline sets of metrics in the order the metrics appear.
    pub enums: Vec<Enum>,
    /// The groups, in spec order.
    pub groups: Vec<Group>,
    /// The service-level objectives, in spec order.
    pub objectives: Vec<Objective>,
}

impl Spec {
    /// Every metric of every group, in spec order.
    pub fn metrics(&self) -> impl Iterator<Item = (&Group, &Metric)> {
        self.groups
            .iter()
            .flat_map(|g| g.metrics.iter().map(move |m| (g, m)))
    }

    /// The metric whose spec `name` (without namespace) is `name`, with its group.
    pub fn metric(&self, name: &str) -> Option<(&Group, &Metric)> {
        self.metrics().find(|(_, m)| m.name == name)
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
    /// Where the set is declared (its name under `enums:`, or the inline list).
    pub location: Location,
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
    /// Where the group's name is written.
    pub location: Location,
    /// `static: true`: the collector is built by a `const fn` and lives in
    /// the user's `static`, not in `Metrics` (generate/statics.rs).
    pub is_static: bool,
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
    /// The Rust name of the labels struct the accessor takes instead of
    /// positional arguments, when two labels would be parameters of the same
    /// type (two free-form labels, or one enum used twice): named fields
    /// cannot be swapped silently.
    pub labels_struct: Option<String>,
    /// Upper bounds of a histogram's buckets (`+Inf` implied); empty otherwise.
    pub buckets: Vec<f64>,
    /// Lints this metric is allowed to break, and why.
    pub waivers: Vec<Waiver>,
    /// Its stability promise, deprecation and renames.
    pub lifecycle: Lifecycle,
    /// Alerting rules declared on the metric.
    pub alerts: Vec<Alert>,
    /// Where the metric is declared.
    pub location: Location,
    /// `sharded: true`: an int counter with closed labels whose increments go
    /// to per-thread shards, summed when read (no contention between threads).
    pub sharded: bool,
    /// The series budget of a metric with a free-form label (`None` when
    /// every label is a closed set: those series are fixed at compile time).
    pub budget: Option<SeriesBudget>,
    /// How the runtime stores the series, decided once here.
    pub storage: Storage,
    /// The OpenMetrics unit (`seconds`), a suffix of the name, if declared.
    pub unit: Option<String>,
    /// `exemplars: true`: a counter or histogram that keeps exemplars.
    pub exemplars: bool,
    /// A histogram's native (sparse) buckets, when the spec asks for them.
    pub native: Option<Native>,
}

/// How a native histogram lays out its buckets (`native:` in the spec).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Native {
    /// The initial schema, -4 to 8: `2^schema` buckets per power of two.
    pub schema: i8,
    /// Populated buckets kept before the resolution is halved.
    pub max_buckets: u32,
    /// Observations with an absolute value at or below it go to the zero bucket.
    pub zero_threshold: f64,
}

/// The storage shape of a family: what every generator matches on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Storage {
    /// No labels: one series.
    Scalar,
    /// Only closed label sets: a dense array indexed by the label code.
    Dense,
    /// `sharded: true`: a dense array of per-thread-sharded counters.
    Sharded,
    /// A free-form label: series created on first use, within a budget.
    Bounded(SeriesBudget),
}

impl Storage {
    /// The shape of a metric with these labels, `sharded` flag and budget.
    pub fn of(labels: &[Label], sharded: bool, budget: Option<SeriesBudget>) -> Storage {
        match budget {
            Some(budget) => Storage::Bounded(budget),
            None if sharded => Storage::Sharded,
            None if labels.is_empty() => Storage::Scalar,
            None => Storage::Dense,
        }
    }
}

impl Metric {
    /// `true` when every label is a closed set, so every series exists up front.
    pub fn is_closed(&self) -> bool {
        self.labels
            .iter()
            .all(|l| matches!(l.values, LabelValues::Enum(_)))
    }
}

/// How many series a metric with free-form labels may hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesBudget {
    /// Live series at most; past it, updates go to the overflow series.
    pub max_series: usize,
    /// Series untouched for this many seconds are dropped at scrape.
    pub expire_after_seconds: Option<f64>,
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

/// How much a metric's consumers may rely on it staying as it is (the
/// Kubernetes metric stability levels). `diff` fails on a breaking change to
/// a metric that was `stable`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stability {
    /// May change or go away in any release (the default: a promise is opt-in).
    #[default]
    Alpha,
    /// Expected to stay; changes are announced.
    Beta,
    /// Name, type, labels and buckets are a contract.
    Stable,
}

impl Stability {
    /// Every level, lowest first.
    pub const ALL: [Stability; 3] = [Stability::Alpha, Stability::Beta, Stability::Stable];

    /// The level's name in the spec.
    pub fn as_str(self) -> &'static str {
        match self {
            Stability::Alpha => "alpha",
            Stability::Beta => "beta",
            Stability::Stable => "stable",
        }
    }
}

/// A metric's evolution: stability, deprecation, old Rust names, old exported name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lifecycle {
    /// The stability promise (`alpha` when the spec says nothing).
    pub stability: Stability,
    /// Set when the metric is on its way out.
    pub deprecated: Option<Deprecation>,
    /// Earlier accessor names, kept as deprecated accessors forwarding to this one.
    pub aliases: Vec<String>,
    /// The exported name this metric had before a rename.
    pub renamed_from: Option<Rename>,
}

/// Why a metric is deprecated and what replaces it.
#[derive(Debug, Clone, PartialEq)]
pub struct Deprecation {
    /// What users should know.
    pub note: String,
    /// The spec name of the metric that replaces it, if any.
    pub renamed_to: Option<String>,
}

/// The exported name a metric had before it was renamed.
#[derive(Debug, Clone, PartialEq)]
pub struct Rename {
    /// The old exported name, with namespace.
    pub exported: String,
    /// `true` while the scrape carries the family under both names.
    pub dual_emit: bool,
}

/// An alerting rule on one metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// The alert's name (`MapekCyclesFailing`).
    pub name: String,
    /// When it fires.
    pub condition: Condition,
    /// How long the condition must hold (`5m`), if at all.
    pub for_: Option<String>,
    /// `critical`, `warning` or `info`.
    pub severity: String,
    /// One line for the people it pages.
    pub summary: String,
}

/// When an alert fires.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// A PromQL expression written in the spec.
    Expr(String),
    /// The metric's default query (rate, p95 or value) compared to a threshold.
    Threshold {
        /// A PromQL comparison operator (`>`, `<`, `>=`, `<=`, `==`, `!=`).
        op: String,
        /// The bound.
        threshold: f64,
    },
}

/// The `le` label value of a histogram bucket bound, exactly as the
/// exposition writes it (`f64`'s `Display`: `0.25`, `1`, `0.0001`), so a
/// query matching one bucket finds it.
pub fn bucket_label(bound: f64) -> String {
    format!("{bound}")
}

/// A service-level objective: the share of good events a service promises
/// over a rolling window, and how its events are counted.
#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    /// snake_case name (`mapek_cycle_success`): the `slo` label of its rules.
    pub name: String,
    /// Its name in PascalCase (`MapekCycleSuccess`), which starts its alerts' names.
    pub alert_prefix: String,
    /// What it promises, in words (the spec's `description`, or a default).
    pub description: String,
    /// The ratio of good events promised, strictly between 0 and 1 (`0.99`).
    pub target: f64,
    /// The rolling window the target holds over.
    pub window: Window,
    /// How good and total events are counted.
    pub indicator: Indicator,
    /// Where the objective is declared.
    pub location: Location,
}

impl Objective {
    /// The name of its burn-rate alert for `severity` (a [`BurnWindow::severity`]):
    /// `MapekCycleSuccessBudgetBurnPage`.
    pub fn alert_name(&self, severity: &str) -> String {
        alert_name(&self.alert_prefix, severity)
    }
}

/// `<prefix>BudgetBurn<Severity>`; validation checks these names against the
/// spec's other alerts.
pub(crate) fn alert_name(prefix: &str, severity: &str) -> String {
    let mut chars = severity.chars();
    let severity: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    format!("{prefix}BudgetBurn{severity}")
}

/// The severities of [`BURN_WINDOWS`], each once, in order.
pub fn burn_severities() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for w in &BURN_WINDOWS {
        if !out.contains(&w.severity) {
            out.push(w.severity);
        }
    }
    out
}

/// An objective's window: a Prometheus duration of whole days.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// As written, or the default `30d`.
    pub text: String,
    /// Its length in days.
    pub days: u32,
}

/// How an objective counts its events.
#[derive(Debug, Clone, PartialEq)]
pub enum Indicator {
    /// Good events over all events, from counters.
    Availability {
        /// The good events: a counter, or one counter narrowed to the label
        /// values that mean success.
        good: Selector,
        /// All events.
        total: Selector,
    },
    /// Observations of a histogram at or under one of its bucket bounds.
    Latency {
        /// The histogram's exported name.
        histogram: String,
        /// The bucket bound a good event stays under (one of the histogram's).
        threshold: f64,
        /// The series counted (empty: all of them).
        matchers: Vec<Matcher>,
    },
}

/// A counter and the series of it that count.
#[derive(Debug, Clone, PartialEq)]
pub struct Selector {
    /// The counter's exported name.
    pub metric: String,
    /// The series counted (empty: all of them).
    pub matchers: Vec<Matcher>,
}

/// One label and the values it may have (one value: equality; several: any of them).
#[derive(Debug, Clone, PartialEq)]
pub struct Matcher {
    /// The label name (one of the metric's).
    pub label: String,
    /// Its accepted values, in spec order (for closed labels, each one of the set).
    pub values: Vec<String>,
}

impl Matcher {
    /// `label` accepting any of `values`.
    pub fn new(label: &str, values: &[&str]) -> Matcher {
        Matcher {
            label: label.to_string(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }
}

/// One multi-window, multi-burn-rate alert condition (Google SRE workbook,
/// chapter 5): the error ratio over both windows exceeds `factor` times the
/// error budget, where the factor is the burn rate that spends
/// `budget_percent` of the window's budget within `long_hours`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BurnWindow {
    /// `page` or `ticket`: who is told.
    pub severity: &'static str,
    /// The long window, in hours.
    pub long_hours: u32,
    /// The short window, in minutes: it makes the alert stop soon after the burn does.
    pub short_minutes: u32,
    /// The percentage of the whole window's budget spent when the alert fires.
    pub budget_percent: u32,
}

/// The workbook's four conditions: 2% of the budget in 1h or 5% in 6h
/// pages; 10% in 1d or in 3d opens a ticket. Over 30 days these are the
/// burn rates 14.4, 6, 3 and 1.
pub const BURN_WINDOWS: [BurnWindow; 4] = [
    BurnWindow {
        severity: "page",
        long_hours: 1,
        short_minutes: 5,
        budget_percent: 2,
    },
    BurnWindow {
        severity: "page",
        long_hours: 6,
        short_minutes: 30,
        budget_percent: 5,
    },
    BurnWindow {
        severity: "ticket",
        long_hours: 24,
        short_minutes: 120,
        budget_percent: 10,
    },
    BurnWindow {
        severity: "ticket",
        long_hours: 72,
        short_minutes: 360,
        budget_percent: 10,
    },
];

impl Window {
    /// The burn rate (multiple of the error budget) at which `w` fires.
    pub fn burn_factor(&self, w: &BurnWindow) -> f64 {
        // One division of exact integers, so 30 days give 14.4, not 14.399999999999999.
        f64::from(w.budget_percent * self.days * 24) / f64::from(100 * w.long_hours)
    }
}
