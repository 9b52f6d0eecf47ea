//! Checks across the whole spec: generated type names and exported sample
//! names must not collide. Both run on the spec as written, so a group or
//! metric with another problem is checked too, and fixing that problem
//! never reveals a clash the same build could have shown.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::{shares_a_type, FREE_FORM, OVERFLOW_METRIC};
use crate::ast;
use crate::diagnostic::{Context, Location};
use crate::members;
use crate::naming::{inline_enum_type, pascal_ident, prometheus_name_problem};

/// A metric with a legal name, its name and its exported name.
pub(super) type Named<'a> = (&'a ast::Metric, &'a ast::Text, String);

/// The spec's metrics with a legal name, each once (a second one of the same
/// exported name is a `duplicate-metric`), with their exported names. Made
/// once per check and shared by the checks below.
pub(super) fn metrics(spec: &ast::Spec) -> Vec<Named<'_>> {
    let namespace = spec.namespace.as_ref().map(|ns| ns.value.as_str());
    // A set, not a list: specs of 10,000 metrics are checked at every build.
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for metric in spec.groups.iter().flat_map(|g| &g.metrics) {
        let Some(name) = metric.name.as_ref() else {
            continue;
        };
        if prometheus_name_problem(&name.value).is_some() {
            continue;
        }
        let exported = match namespace {
            Some(ns) => format!("{ns}_{}", name.value),
            None => name.value.clone(),
        };
        if seen.insert(exported.clone()) {
            out.push((metric, name, exported));
        }
    }
    out
}

/// Every generated type (enums, collectors, labels structs, `Metrics`) needs its own name.
pub(super) fn type_names_are_distinct(spec: &ast::Spec, metrics: &[Named], cx: &mut Context) {
    let mut owners: HashMap<String, String> = HashMap::new();
    owners.insert(members::REGISTRY_TYPE.into(), "the registry type".into());
    let mut candidates: Vec<(String, String, Location)> = Vec::new();
    let mut group_names = Vec::new();
    for name in spec.groups.iter().filter_map(|g| g.name.as_ref()) {
        // A second group of the same name is a `duplicate-group`.
        if group_names.contains(&&name.value) || prometheus_name_problem(&name.value).is_some() {
            continue;
        }
        group_names.push(&name.value);
        if let Some(pascal) = pascal_ident(&name.value) {
            let owner = format!("group \"{}\"", name.value);
            candidates.push((members::collector_type(&pascal), owner, name.at));
        }
    }
    for def in &spec.enums {
        let name = &def.name;
        if name.value == FREE_FORM || prometheus_name_problem(&name.value).is_some() {
            continue;
        }
        if let Some(pascal) = pascal_ident(&name.value) {
            candidates.push((pascal, format!("enum \"{}\"", name.value), name.at));
        }
    }
    for (metric, name, _) in metrics {
        for label in &metric.labels {
            if let ast::LabelValues::Inline(list) = &label.values {
                if let Some(ty) = inline_enum_type(&name.value, &label.name.value) {
                    let owner = format!("enum \"{}.{}\"", name.value, label.name.value);
                    candidates.push((ty, owner, list.at));
                }
            }
        }
        let named: Vec<&str> = metric
            .labels
            .iter()
            .filter_map(|l| match &l.values {
                ast::LabelValues::Named(set) => Some(set.value.as_str()),
                ast::LabelValues::Inline(_) => None,
            })
            .collect();
        if shares_a_type(&named) {
            if let Some(pascal) = pascal_ident(&name.value) {
                let owner = format!("the labels of metric \"{}\"", name.value);
                candidates.push((members::labels_type(&pascal), owner, name.at));
            }
        }
    }
    // In file order, so the clash is reported at the later of the two.
    candidates.sort_by_key(|c| c.2);
    for (rust_name, owner, at) in candidates {
        match owners.get(&rust_name) {
            Some(first) => cx.error(
                "rust-name-clash",
                at,
                format!("{owner} and {first} both become the Rust type `{rust_name}` — rename one"),
            ),
            None => {
                owners.insert(rust_name, owner);
            }
        }
    }
}

/// A histogram `x` exports `x_bucket`, `x_count` and `x_sum`; no other family may.
pub(super) fn samples_are_distinct(metrics: &[Named], cx: &mut Context) {
    for (_, name, exported) in metrics {
        if exported == OVERFLOW_METRIC {
            cx.error(
                "sample-name-clash",
                name.at,
                format!("\"{OVERFLOW_METRIC}\" is the self-metric that counts overflowed updates — choose another name"),
            );
        }
    }
    // Each name is looked up once under each suffix it could carry, so
    // the check stays linear in the number of metrics.
    let histograms: HashSet<&str> = metrics
        .iter()
        .filter(|(m, _, _)| is_histogram(m))
        .map(|(_, _, exported)| exported.as_str())
        .collect();
    for (_, name, other) in metrics {
        let clash = HISTOGRAM_SUFFIXES.into_iter().find_map(|suffix| {
            let histogram = other.strip_suffix(suffix)?;
            histograms.get(histogram).map(|h| (*h, suffix))
        });
        if let Some((histogram, suffix)) = clash {
            cx.error(
                "sample-name-clash",
                name.at,
                format!(
                    "\"{other}\" clashes with the `{suffix}` samples of histogram \"{histogram}\" — rename one"
                ),
            );
        }
    }
}

/// The exported names of the spec's histograms.
pub(super) fn histograms(metrics: &[Named]) -> Vec<String> {
    metrics
        .iter()
        .filter(|(m, _, _)| is_histogram(m))
        .map(|(_, _, exported)| exported.clone())
        .collect()
}

/// The samples a histogram exports besides its name.
const HISTOGRAM_SUFFIXES: [&str; 3] = ["_bucket", "_count", "_sum"];

fn is_histogram(metric: &ast::Metric) -> bool {
    metric.kind.as_ref().is_some_and(|k| k.value == "histogram")
}

/// The sample suffix by which `other` meets the samples of `histogram`, if any.
pub(super) fn histogram_sample_suffix(histogram: &str, other: &str) -> Option<&'static str> {
    let suffix = other.strip_prefix(histogram)?;
    HISTOGRAM_SUFFIXES.into_iter().find(|s| *s == suffix)
}
