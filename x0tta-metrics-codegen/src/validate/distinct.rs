//! Checks across the whole spec: generated type names and exported sample
//! names must not collide.

use std::collections::HashMap;

use super::OVERFLOW_METRIC;
use crate::diagnostic::{Context, Location};
use crate::members;
use crate::model::{Kind, Spec};

/// Every generated type (enums, collectors, labels structs, `Metrics`) needs its own name.
pub(super) fn type_names_are_distinct(spec: &Spec, cx: &mut Context) {
    let mut owners: HashMap<&str, String> = HashMap::new();
    owners.insert(members::REGISTRY_TYPE, "the registry type".into());
    // In file order, so the clash is reported at the later of the two.
    let mut candidates: Vec<(&str, String, Location)> = spec
        .groups
        .iter()
        .map(|g| {
            (
                g.rust_name.as_str(),
                format!("group \"{}\"", g.name),
                g.location,
            )
        })
        .chain(spec.metrics().filter_map(|(_, m)| {
            let labels = m.labels_struct.as_deref()?;
            Some((
                labels,
                format!("the labels of metric \"{}\"", m.name),
                m.location,
            ))
        }))
        .chain(spec.enums.iter().map(|e| {
            (
                e.rust_name.as_str(),
                format!("enum \"{}\"", e.name),
                e.location,
            )
        }))
        .collect();
    candidates.sort_by_key(|c| c.2);
    for (rust_name, owner, at) in candidates {
        match owners.get(rust_name) {
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
pub(super) fn samples_are_distinct(spec: &Spec, cx: &mut Context) {
    for (_, metric) in spec
        .metrics()
        .filter(|(_, m)| m.exported == OVERFLOW_METRIC)
    {
        cx.error(
            "sample-name-clash",
            metric.location,
            format!("\"{OVERFLOW_METRIC}\" is the self-metric that counts overflowed updates — choose another name"),
        );
    }
    let mut owners: HashMap<String, &str> = HashMap::new();
    for (_, metric) in spec.metrics() {
        owners.insert(metric.exported.clone(), &metric.exported);
    }
    for (_, metric) in spec.metrics().filter(|(_, m)| m.kind == Kind::Histogram) {
        for suffix in ["_bucket", "_count", "_sum"] {
            let sample = format!("{}{suffix}", metric.exported);
            if let Some(other) = owners.get(&sample) {
                let at = spec
                    .metrics()
                    .find(|(_, m)| m.exported == **other)
                    .map_or(metric.location, |(_, m)| m.location);
                cx.error(
                    "sample-name-clash",
                    at,
                    format!(
                        "\"{other}\" clashes with the `{suffix}` samples of histogram \"{}\" — rename one",
                        metric.exported
                    ),
                );
            }
        }
    }
}
