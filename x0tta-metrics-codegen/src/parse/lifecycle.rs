//! Shape of the evolution keys (`stability`, `deprecated`, `aliases`,
//! `renamed_from`, `dual_emit`) and of `alerts:` on a metric.

use super::{items, number, text, Fields};
use crate::ast::{Alert, Deprecated, Lifecycle};
use crate::diagnostic::Context;
use crate::keys;
use crate::yaml::Node;

pub(super) fn lifecycle(fields: &Fields<'_>, cx: &mut Context) -> Lifecycle {
    Lifecycle {
        stability: fields
            .get("stability")
            .and_then(|n| text(n, "stability", cx)),
        deprecated: fields.get("deprecated").and_then(|n| deprecated(n, cx)),
        aliases: match fields.get("aliases") {
            Some(a) => items(a, "aliases", cx)
                .iter()
                .filter_map(|n| text(n, "an alias", cx))
                .collect(),
            None => Vec::new(),
        },
        renamed_from: fields
            .get("renamed_from")
            .and_then(|n| text(n, "renamed_from", cx)),
        dual_emit: fields
            .get("dual_emit")
            .and_then(|n| text(n, "dual_emit", cx)),
    }
}

pub(super) fn alerts(fields: &Fields<'_>, cx: &mut Context) -> Vec<Alert> {
    match fields.get("alerts") {
        Some(a) => items(a, "alerts", cx)
            .iter()
            .filter_map(|n| alert(n, cx))
            .collect(),
        None => Vec::new(),
    }
}

fn deprecated(node: &Node, cx: &mut Context) -> Option<Deprecated> {
    let f = Fields::of(node, &keys::DEPRECATED, cx)?;
    Some(Deprecated {
        note: f.required("note", cx),
        renamed_to: f.get("renamed_to").and_then(|n| text(n, "renamed_to", cx)),
    })
}

fn alert(node: &Node, cx: &mut Context) -> Option<Alert> {
    let f = Fields::of(node, &keys::ALERT, cx)?;
    let optional = |key: &str, cx: &mut Context| f.get(key).and_then(|n| text(n, key, cx));
    Some(Alert {
        at: node.location,
        name: f.required("name", cx),
        expr: optional("expr", cx),
        op: optional("op", cx),
        threshold: f.get("threshold").and_then(|n| number(n, cx)),
        for_: optional("for", cx),
        severity: f.required("severity", cx),
        summary: f.required("summary", cx),
    })
}
