//! `diff`: what changed between two versions of a spec, for the people and
//! dashboards that scrape it.
//!
//! Breaking: a metric removed, renamed or retyped; a label added, removed or
//! renamed; the spec's `const_labels` changed (reported on every metric); a label value removed or a free-form label closed; buckets
//! changed; a unit suffix changed; stability lowered. Safe: metrics added,
//! label values added, a closed label opened, deprecations, help text, a
//! rename while the old name is still emitted (`dual_emit`).
//!
//! The gate uses the stability the *old* spec promised: a promise made in a
//! release is what consumers relied on.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use clap::ValueEnum;
use serde_json::json;
use x0tta_metrics_codegen::model::{LabelValues, Metric, Spec, Stability};

use crate::{spec, Failed, Format, Outcome};

/// The lowest stability whose breaking changes fail `diff`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// Only `stable` metrics (the default).
    Stable,
    /// `beta` and `stable` metrics.
    Beta,
    /// Every metric.
    Alpha,
}

impl FailOn {
    fn fails(self, stability: Stability) -> bool {
        let floor = match self {
            FailOn::Stable => Stability::Stable,
            FailOn::Beta => Stability::Beta,
            FailOn::Alpha => Stability::Alpha,
        };
        stability >= floor
    }
}

/// One difference between the two specs.
#[derive(Debug, PartialEq)]
pub(crate) struct Change {
    /// The exported name in the old spec (in the new one for added metrics).
    pub(crate) metric: String,
    /// Change id (`label-removed`, `metric-added`, …).
    pub(crate) kind: &'static str,
    pub(crate) breaking: bool,
    /// What the old spec promised (the new one's for added metrics).
    pub(crate) stability: Stability,
    pub(crate) message: String,
}

pub(crate) fn run(old: &Path, new: &Path, format: Format, fail_on: FailOn) -> Outcome {
    let (old_spec, new_spec) = (spec::load(old)?, spec::load(new)?);
    let changes = compare(&old_spec, &new_spec);
    let failing = changes
        .iter()
        .filter(|c| c.breaking && fail_on.fails(c.stability))
        .count();
    match format {
        Format::Human => {
            for c in &changes {
                let tag = if c.breaking { "BREAKING" } else { "safe" };
                println!(
                    "{tag} [{}] {}: {} [{}]",
                    c.stability.as_str(),
                    c.metric,
                    c.message,
                    c.kind
                );
            }
            let breaking = changes.iter().filter(|c| c.breaking).count();
            eprintln!(
                "{}, {} failing the gate, {}",
                spec::count(breaking, "breaking change"),
                failing,
                spec::count(changes.len() - breaking, "safe change")
            );
        }
        Format::Json => {
            let items: Vec<_> = changes
                .iter()
                .map(|c| {
                    json!({
                        "metric": c.metric,
                        "change": c.kind,
                        "breaking": c.breaking,
                        "fails": c.breaking && fail_on.fails(c.stability),
                        "stability": c.stability.as_str(),
                        "message": c.message,
                    })
                })
                .collect();
            println!("{}", serde_json::Value::Array(items));
        }
    }
    if failing > 0 {
        Err(Failed)
    } else {
        Ok(())
    }
}

/// Every change from `old` to `new`, old metrics first in spec order, then added ones.
pub(crate) fn compare(old: &Spec, new: &Spec) -> Vec<Change> {
    let olds: HashMap<&str, &Metric> = old
        .metrics()
        .map(|(_, m)| (m.exported.as_str(), m))
        .collect();
    let news: HashMap<&str, &Metric> = new
        .metrics()
        .map(|(_, m)| (m.exported.as_str(), m))
        .collect();
    // New metrics that say which old name they replace.
    let renames: HashMap<&str, &Metric> = new
        .metrics()
        .filter_map(|(_, m)| {
            m.lifecycle
                .renamed_from
                .as_ref()
                .map(|r| (r.exported.as_str(), m))
        })
        .filter(|(old_name, _)| olds.contains_key(old_name) && !news.contains_key(old_name))
        .collect();
    let mut matched: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for (_, o) in old.metrics() {
        let mut push = |kind, breaking, message: String| {
            out.push(Change {
                metric: o.exported.clone(),
                kind,
                breaking,
                stability: o.lifecycle.stability,
                message,
            })
        };
        if let Some(n) = news.get(o.exported.as_str()) {
            matched.insert(&n.exported);
            compare_metric(o, old, n, new, &mut push);
        } else if let Some(n) = renames.get(o.exported.as_str()) {
            matched.insert(&n.exported);
            let dual = n
                .lifecycle
                .renamed_from
                .as_ref()
                .is_some_and(|r| r.dual_emit);
            let still = if dual {
                ", still exported under the old name (dual_emit)"
            } else {
                ""
            };
            push(
                "metric-renamed",
                !dual,
                format!("renamed to \"{}\"{still}", n.exported),
            );
            compare_metric(o, old, n, new, &mut push);
        } else if let Some(n) = unit_change(o, &news) {
            matched.insert(&n.exported);
            push(
                "unit-changed",
                true,
                format!("unit suffix changed: now exported as \"{}\"", n.exported),
            );
        } else {
            push("metric-removed", true, "metric removed".to_string());
        }
    }
    for (_, n) in new
        .metrics()
        .filter(|(_, n)| !matched.contains(n.exported.as_str()))
    {
        out.push(Change {
            metric: n.exported.clone(),
            kind: "metric-added",
            breaking: false,
            stability: n.lifecycle.stability,
            message: format!("new {}", n.kind.as_str()),
        });
    }
    out
}

/// Compares one metric across versions (same name, or a declared rename).
fn compare_metric(
    o: &Metric,
    old: &Spec,
    n: &Metric,
    new: &Spec,
    push: &mut impl FnMut(&'static str, bool, String),
) {
    // Every series carries the spec's constant labels: changing them
    // changes every series' identity.
    if old.const_labels != new.const_labels {
        let show = |spec: &Spec| {
            let pairs: Vec<String> = spec
                .const_labels
                .iter()
                .map(|(k, v)| format!("{k}={v:?}"))
                .collect();
            format!("{{{}}}", pairs.join(", "))
        };
        push(
            "const-labels-changed",
            true,
            format!(
                "constant labels changed from {} to {}",
                show(old),
                show(new)
            ),
        );
    }
    if o.kind != n.kind {
        push(
            "type-changed",
            true,
            format!(
                "type changed from {} to {}",
                o.kind.as_str(),
                n.kind.as_str()
            ),
        );
    } else if o.buckets != n.buckets {
        push(
            "buckets-changed",
            true,
            "histogram buckets changed".to_string(),
        );
    }
    let names = |m: &Metric| m.labels.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
    let (old_labels, new_labels) = (names(o), names(n));
    let removed: Vec<&String> = old_labels
        .iter()
        .filter(|l| !new_labels.contains(l))
        .collect();
    let added: Vec<&String> = new_labels
        .iter()
        .filter(|l| !old_labels.contains(l))
        .collect();
    if let ([from], [to]) = (removed.as_slice(), added.as_slice()) {
        push(
            "label-renamed",
            true,
            format!("label \"{from}\" renamed to \"{to}\""),
        );
    } else {
        for l in removed {
            push("label-removed", true, format!("label \"{l}\" removed"));
        }
        for l in added {
            push("label-added", true, format!("label \"{l}\" added"));
        }
    }
    for ol in &o.labels {
        let Some(nl) = n.labels.iter().find(|l| l.name == ol.name) else {
            continue;
        };
        match (ol.values, nl.values) {
            (LabelValues::Enum(a), LabelValues::Enum(b)) => {
                let values = |spec: &Spec, i: usize| -> Vec<String> {
                    spec.enums[i]
                        .values
                        .iter()
                        .map(|v| v.value.clone())
                        .collect()
                };
                let (before, after) = (values(old, a), values(new, b));
                for v in before.iter().filter(|v| !after.contains(v)) {
                    push(
                        "label-value-removed",
                        true,
                        format!("value \"{v}\" of label \"{}\" removed", ol.name),
                    );
                }
                for v in after.iter().filter(|v| !before.contains(v)) {
                    push(
                        "label-value-added",
                        false,
                        format!("value \"{v}\" of label \"{}\" added", ol.name),
                    );
                }
            }
            (LabelValues::Enum(_), LabelValues::Free) => {
                push(
                    "label-opened",
                    false,
                    format!("label \"{}\" is now free-form", ol.name),
                );
            }
            (LabelValues::Free, LabelValues::Enum(_)) => {
                push(
                    "label-closed",
                    true,
                    format!("label \"{}\" is now limited to a closed set", ol.name),
                );
            }
            (LabelValues::Free, LabelValues::Free) => {}
        }
    }
    let (was, is) = (o.lifecycle.stability, n.lifecycle.stability);
    if is < was {
        push(
            "stability-lowered",
            true,
            format!("stability lowered from {} to {}", was.as_str(), is.as_str()),
        );
    } else if is > was {
        push(
            "stability-raised",
            false,
            format!("stability raised from {} to {}", was.as_str(), is.as_str()),
        );
    }
    if o.lifecycle.deprecated.is_none() {
        if let Some(d) = &n.lifecycle.deprecated {
            push(
                "metric-deprecated",
                false,
                format!("deprecated: {}", d.note),
            );
        }
    }
    if o.help != n.help {
        push("help-changed", false, "help text changed".to_string());
    }
}

/// Units a name may end in (before `_total`), base and not.
const UNITS: &[&str] = &[
    "seconds",
    "milliseconds",
    "microseconds",
    "nanoseconds",
    "minutes",
    "hours",
    "days",
    "bytes",
    "kilobytes",
    "megabytes",
    "gigabytes",
    "bits",
    "ratio",
    "percent",
    "percentage",
    "meters",
    "celsius",
    "volts",
    "amperes",
    "joules",
    "grams",
    "kilograms",
];

/// A new metric that is `o` with another unit suffix (`_milliseconds` → `_seconds`).
fn unit_change<'a>(o: &Metric, news: &HashMap<&str, &'a Metric>) -> Option<&'a Metric> {
    let (stem, unit) = split_unit(&o.exported)?;
    news.values()
        .copied()
        .filter(|n| split_unit(&n.exported).is_some_and(|(s, u)| s == stem && u != unit))
        .min_by(|a, b| a.exported.cmp(&b.exported))
}

/// `("x_request_duration", "seconds", "_total"?)` → stem with the `_total` marker, and unit.
fn split_unit(name: &str) -> Option<(String, &str)> {
    let (base, total) = match name.strip_suffix("_total") {
        Some(base) => (base, "_total"),
        None => (name, ""),
    };
    let (stem, unit) = base.rsplit_once('_')?;
    UNITS
        .contains(&unit)
        .then(|| (format!("{stem}{total}"), unit))
}
