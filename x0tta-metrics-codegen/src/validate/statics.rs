//! `static: true` on a group: its collector is built by a `const fn`, so
//! every family must be one whose cells have a `const` constructor and
//! whose series are all known up front (the runtime's `StaticFamily`):
//! counters, gauges and classic histograms (their bucket counts an inline
//! array sized by the spec's bounds) with closed label sets. Native
//! histograms (sparse buckets that grow), free-form labels (a map that
//! grows), sharded counters (shards on the heap) and exemplars (a slot per
//! series behind a lock) cannot. Each is reported at the key or value to
//! change, with the group's `static: true` as the related place.

use crate::ast;
use crate::diagnostic::{Context, Location};

use super::FREE_FORM;

/// Whether `group` is static; `None` if it is and one of its metrics
/// cannot be (each such metric reported).
pub(super) fn group(group: &ast::Group, cx: &mut Context) -> Option<bool> {
    let Some((true, static_at)) = group.is_static else {
        return Some(false);
    };
    let mut ok = true;
    let mut refuse = |at: Location, message: String| {
        cx.error_related(
            "static-group",
            at,
            message,
            static_at,
            "the group is static here",
        );
        ok = false;
    };
    for metric in &group.metrics {
        let name = metric.name.as_ref().map_or("", |n| n.value.as_str());
        if let Some(native) = &metric.native {
            refuse(
                native.at,
                format!(
                    "native histogram \"{name}\" cannot be in a static group (its sparse buckets grow on the heap) — remove `native` to keep its classic buckets, or move the metric to a group without `static: true`"
                ),
            );
        }
        for label in &metric.labels {
            if let ast::LabelValues::Named(set) = &label.values {
                if set.value == FREE_FORM {
                    refuse(
                        set.at,
                        format!(
                            "label \"{}\" of \"{name}\" is free-form, and a static group's series are all created up front — list its values, or move the metric to a group without `static: true`",
                            label.name.value
                        ),
                    );
                }
            }
        }
        let keys = [
            (metric.sharded, "sharded", "its shards are on the heap"),
            (
                metric.exemplars,
                "exemplars",
                "its exemplar slots are on the heap",
            ),
        ];
        for (flag, key, why) in keys {
            if let Some((true, at)) = flag {
                refuse(
                    at,
                    format!(
                        "\"{name}\" cannot be `{key}` in a static group ({why}) — remove `{key}`, or move the metric to a group without `static: true`"
                    ),
                );
            }
        }
    }
    ok.then_some(true)
}
