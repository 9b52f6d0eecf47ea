//! Shape of `objectives:` (service-level objectives), whose keys are the
//! tables `keys::OBJECTIVE`, `AVAILABILITY` and `LATENCY`. Which indicator
//! is written and what the names refer to is checked in
//! validate/objectives.rs.

use super::{entries, items, number, text, Fields};
use crate::ast::{Availability, Latency, Matcher, Objective};
use crate::diagnostic::Context;
use crate::keys;
use crate::yaml::{Node, Value};

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
    let f = Fields::of(node, &keys::OBJECTIVE, cx)?;
    Some(Objective {
        at: node.location,
        name: f.required("name", cx),
        description: f
            .get("description")
            .and_then(|n| text(n, "description", cx)),
        target: f.get("target").and_then(|n| number(n, cx)),
        window: f.get("window").and_then(|n| text(n, "window", cx)),
        availability: f.get("availability").and_then(|n| availability(n, cx)),
        latency: f.get("latency").and_then(|n| latency(n, cx)),
    })
}

fn availability(node: &Node, cx: &mut Context) -> Option<Availability> {
    let f = Fields::of(node, &keys::AVAILABILITY, cx)?;
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
    let f = Fields::of(node, &keys::LATENCY, cx)?;
    Some(Latency {
        at: node.location,
        metric: f.required("metric", cx),
        threshold: f.get("threshold").and_then(|n| number(n, cx)),
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
