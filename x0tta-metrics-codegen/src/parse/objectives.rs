//! Shape of `objectives:` (service-level objectives): each entry has a
//! name, a target, a window and exactly one indicator, `availability` or
//! `latency`. What the names refer to is checked in validate/objectives.rs.

use super::{entries, items, number, text, Fields};
use crate::ast::{Availability, Latency, Matcher, Objective};
use crate::diagnostic::Context;
use crate::yaml::{Node, Value};

const OBJECTIVE_KEYS: &[&str] = &[
    "name",
    "description",
    "target",
    "window",
    "availability",
    "latency",
];
const AVAILABILITY_KEYS: &[&str] = &["metric", "success", "good", "total", "matchers"];
const LATENCY_KEYS: &[&str] = &["metric", "threshold", "matchers"];

pub(super) fn objectives(spec: &Fields<'_>, cx: &mut Context) -> Vec<Objective> {
    match spec.get("objectives") {
        Some(list) => items(list, "objectives", cx)
            .iter()
            .filter_map(|n| objective(n, cx))
            .collect(),
        None => Vec::new(),
    }
}

fn objective(node: &Node, cx: &mut Context) -> Option<Objective> {
    let f = Fields::of(node, "an objective", OBJECTIVE_KEYS, cx)?;
    Some(Objective {
        at: node.location,
        name: f.required("name", "objective", cx),
        description: f
            .get("description")
            .and_then(|n| text(n, "description", cx)),
        target: match f.get("target") {
            Some(n) => number(n, cx),
            None => {
                cx.error(
                    "missing-key",
                    node.location,
                    "this objective has no `target` — add the ratio of good events it promises, e.g. `target: 0.99`",
                );
                None
            }
        },
        window: f.get("window").and_then(|n| text(n, "window", cx)),
        availability: f.get("availability").and_then(|n| availability(n, cx)),
        latency: f.get("latency").and_then(|n| latency(n, cx)),
    })
}

fn availability(node: &Node, cx: &mut Context) -> Option<Availability> {
    let f = Fields::of(node, "`availability`", AVAILABILITY_KEYS, cx)?;
    let name = |key: &str, cx: &mut Context| f.get(key).and_then(|n| text(n, key, cx));
    Some(Availability {
        at: node.location,
        metric: name("metric", cx),
        good: name("good", cx),
        total: name("total", cx),
        success: f.get("success").map(|n| matchers(n, "success", cx)),
        matchers: f
            .get("matchers")
            .map_or_else(Vec::new, |n| matchers(n, "matchers", cx)),
        had_unknown_keys: matches!(&node.value, Value::Map(m) if m.len() > f.entries.len()),
    })
}

fn latency(node: &Node, cx: &mut Context) -> Option<Latency> {
    let f = Fields::of(node, "`latency`", LATENCY_KEYS, cx)?;
    Some(Latency {
        at: node.location,
        metric: f.required("metric", "latency objective", cx),
        threshold: match f.get("threshold") {
            Some(n) => number(n, cx),
            None => {
                cx.error(
                    "missing-key",
                    node.location,
                    "this latency objective has no `threshold` — add the bucket bound (in the histogram's unit) a good event stays under",
                );
                None
            }
        },
        matchers: f
            .get("matchers")
            .map_or_else(Vec::new, |n| matchers(n, "matchers", cx)),
    })
}

/// `{label: value, label: [value, …]}`.
fn matchers(node: &Node, what: &str, cx: &mut Context) -> Vec<Matcher> {
    entries(node, what, cx)
        .iter()
        .filter_map(|(k, v)| {
            let label = text(k, "a label name", cx)?;
            let values = match &v.value {
                Value::Seq(_) => items(v, "label values", cx)
                    .iter()
                    .filter_map(|x| text(x, "a label value", cx))
                    .collect(),
                _ => vec![text(v, "a label value", cx)?],
            };
            Some(Matcher { label, values })
        })
        .collect()
}
