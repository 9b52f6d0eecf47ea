//! The scrape against the spec: every way a running target drifts from it.

use std::collections::{BTreeSet, HashMap, HashSet};

use x0tta_metrics_codegen::model::{Kind, LabelValues, Metric};
use x0tta_metrics_codegen::{Spec, OVERFLOW_METRIC};

use super::budget;
use super::exposition::{Exposition, Family, Format, MetricType};

/// How serious a finding is; `--fail-on` picks the lowest that fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// Worth a look: the target may simply be older or newer than the spec.
    Warning,
    /// The target breaks the spec's contract.
    Error,
}

impl Level {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// What kind of drift a finding is; the report groups by it, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Drift {
    /// A spec family the target does not expose.
    Absent,
    /// A family the spec does not have.
    NotInSpec,
    /// Exposed with another type.
    Type,
    /// An OpenMetrics `# UNIT` the spec's name does not carry.
    Unit,
    /// Label names other than the spec's.
    LabelNames,
    /// A closed label's value outside its set.
    UnknownValue,
    /// A series budget at or past its limit.
    Budget,
    /// A deprecated metric, or a renamed metric's old name, still scraped.
    Deprecated,
}

impl Drift {
    /// The id in JSON output.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Drift::Absent => "absent",
            Drift::NotInSpec => "not-in-spec",
            Drift::Type => "type",
            Drift::Unit => "unit",
            Drift::LabelNames => "label-names",
            Drift::UnknownValue => "unknown-value",
            Drift::Budget => "budget",
            Drift::Deprecated => "deprecated",
        }
    }

    /// The heading of its group in human output.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Drift::Absent => "in the spec, not scraped",
            Drift::NotInSpec => "scraped, not in the spec",
            Drift::Type => "type mismatches",
            Drift::Unit => "unit mismatches",
            Drift::LabelNames => "label names that differ",
            Drift::UnknownValue => "closed label values not in the spec",
            Drift::Budget => "series budgets at or past their limit",
            Drift::Deprecated => "deprecated names still scraped",
        }
    }
}

/// One difference between the scrape and the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Finding {
    pub(crate) drift: Drift,
    pub(crate) family: String,
    pub(crate) level: Level,
    pub(crate) message: String,
}

/// Every finding, sorted by kind and family.
pub(crate) fn compare(spec: &Spec, exposition: &Exposition) -> Vec<Finding> {
    let by_name: HashMap<&str, &Metric> = spec
        .metrics()
        .map(|(_, m)| (m.exported.as_str(), m))
        .collect();
    let by_old_name: HashMap<&str, &Metric> = spec
        .metrics()
        .filter_map(|(_, m)| Some((m.lifecycle.renamed_from.as_ref()?.exported.as_str(), m)))
        .collect();
    let mut findings = Vec::new();
    let mut scraped = HashSet::new();
    let mut budgets = Vec::new();
    let mut overflowed: HashMap<&str, f64> = HashMap::new();
    for family in &exposition.families {
        let name = spec_name(family, exposition.format, |n| {
            by_name.contains_key(n) || by_old_name.contains_key(n)
        });
        let mut finding = |drift, level, message| {
            findings.push(Finding {
                drift,
                family: name.clone(),
                level,
                message,
            });
        };
        if name == OVERFLOW_METRIC {
            for s in &family.samples {
                if let Some(metric) = s.label("metric") {
                    *overflowed.entry(metric).or_default() += s.value;
                }
            }
        } else if let Some(metric) = by_name.get(name.as_str()) {
            scraped.insert(name.clone());
            check_family(spec, metric, family, &mut finding);
            if let Some(used) = budget::count(metric, family) {
                budgets.push(used);
            }
        } else if let Some(metric) = by_old_name.get(name.as_str()) {
            let dual = metric
                .lifecycle
                .renamed_from
                .as_ref()
                .is_some_and(|r| r.dual_emit);
            let why = if dual {
                "the spec still dual-emits it (`dual_emit: true`)"
            } else {
                "the target predates the rename"
            };
            finding(
                Drift::Deprecated,
                Level::Warning,
                format!("old name of \"{}\", still scraped: {why}", metric.exported),
            );
        } else {
            finding(
                Drift::NotInSpec,
                Level::Warning,
                format!("{} family not in the spec", family.kind.as_str()),
            );
        }
    }
    for (_, metric) in spec.metrics() {
        if !scraped.contains(&metric.exported) {
            findings.push(Finding {
                drift: Drift::Absent,
                family: metric.exported.clone(),
                level: Level::Warning,
                message: format!("{} in the spec, not in the scrape", metric.kind.as_str()),
            });
        }
    }
    for used in budgets {
        findings.extend(budget::check(&used, &overflowed));
    }
    findings.sort();
    findings
}

/// The name the spec would give `family`: OpenMetrics names a counter
/// family without the `_total` its samples (and the spec's name) carry.
/// When only the bare name is known (the spec has a gauge the target
/// exposes as a counter), the bare name, so the type is what gets reported.
fn spec_name(family: &Family, format: Format, known: impl Fn(&str) -> bool) -> String {
    if format == Format::OpenMetrics && family.kind == MetricType::Counter {
        let total = format!("{}_total", family.name);
        if total == OVERFLOW_METRIC || known(&total) || !known(&family.name) {
            return total;
        }
    }
    family.name.clone()
}

pub(super) fn expected_type(kind: Kind) -> MetricType {
    match kind {
        Kind::Counter => MetricType::Counter,
        Kind::Gauge => MetricType::Gauge,
        Kind::Histogram => MetricType::Histogram,
    }
}

/// Type, unit, label names, closed values and deprecation of a family the spec has.
fn check_family(
    spec: &Spec,
    metric: &Metric,
    family: &Family,
    finding: &mut impl FnMut(Drift, Level, String),
) {
    let want = expected_type(metric.kind);
    if family.kind != want {
        finding(
            Drift::Type,
            Level::Error,
            format!(
                "scraped as {}, the spec says {}",
                family.kind.as_str(),
                want.as_str()
            ),
        );
    }
    if let Some(unit) = family.unit.as_deref().filter(|u| !u.is_empty()) {
        let base = match metric.kind {
            Kind::Counter => metric
                .exported
                .strip_suffix("_total")
                .unwrap_or(&metric.exported),
            _ => &metric.exported,
        };
        if !base.ends_with(&format!("_{unit}")) {
            finding(
                Drift::Unit,
                Level::Error,
                format!("`# UNIT {unit}`, but the spec's name does not end in `_{unit}`"),
            );
        }
    }
    check_labels(spec, metric, family, finding);
    if let Some(deprecated) = &metric.lifecycle.deprecated {
        finding(
            Drift::Deprecated,
            Level::Warning,
            format!("deprecated, still scraped: {}", deprecated.note),
        );
    }
}

/// The label names of every sample against the spec's, and the values of
/// its closed labels against their sets.
fn check_labels(
    spec: &Spec,
    metric: &Metric,
    family: &Family,
    finding: &mut impl FnMut(Drift, Level, String),
) {
    let structural = expected_type(metric.kind).structural_label();
    // The spec's constant labels are on every series of its families.
    let constant = spec.const_labels.iter().map(|(name, _)| name.as_str());
    let declared: BTreeSet<&str> = metric
        .labels
        .iter()
        .map(|l| l.name.as_str())
        .chain(constant)
        .collect();
    let mut extra = BTreeSet::new();
    let mut missing = BTreeSet::new();
    for sample in &family.samples {
        let names: BTreeSet<&str> = sample
            .labels
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| Some(*n) != structural)
            .collect();
        extra.extend(names.difference(&declared).copied());
        missing.extend(declared.difference(&names).copied());
    }
    if !extra.is_empty() || !missing.is_empty() {
        let mut parts = Vec::new();
        if !extra.is_empty() {
            parts.push(format!("unexpected {}", quoted_list(&extra)));
        }
        if !missing.is_empty() {
            parts.push(format!("missing {}", quoted_list(&missing)));
        }
        finding(
            Drift::LabelNames,
            Level::Error,
            format!(
                "labels {} (the spec says {})",
                parts.join(", "),
                quoted_list(&declared)
            ),
        );
    }
    for (name, value) in &spec.const_labels {
        let other: BTreeSet<&str> = family
            .samples
            .iter()
            .filter_map(|s| s.label(name))
            .filter(|v| v != value)
            .collect();
        if !other.is_empty() {
            finding(
                Drift::UnknownValue,
                Level::Error,
                format!(
                    "constant label \"{name}\" has {}, the spec says {value:?}",
                    quoted_list(&other)
                ),
            );
        }
    }
    for label in &metric.labels {
        let LabelValues::Enum(index) = label.values else {
            continue;
        };
        let allowed: HashSet<&str> = spec.enums[index]
            .values
            .iter()
            .map(|v| v.value.as_str())
            .collect();
        let unknown: BTreeSet<&str> = family
            .samples
            .iter()
            .filter_map(|s| s.label(&label.name))
            .filter(|v| !allowed.contains(v))
            .collect();
        if !unknown.is_empty() {
            finding(
                Drift::UnknownValue,
                Level::Error,
                format!(
                    "label \"{}\" has {} outside its closed set",
                    label.name,
                    quoted_list(&unknown)
                ),
            );
        }
    }
}

/// `"a", "b"`.
fn quoted_list(names: &BTreeSet<&str>) -> String {
    if names.is_empty() {
        return "no labels".to_owned();
    }
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
