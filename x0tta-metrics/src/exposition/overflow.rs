//! The overflow self-metric: one counter family for the whole spec, one
//! series per bounded metric, written once at its place among the families.

use super::{Encoder, Header, MetricKind, Sample};
use crate::storage::insert_const_labels;

/// The counter family of updates routed to overflow series: one series per
/// bounded metric, `(metric's exported name, overflowed updates)`, given
/// sorted by name; each also carries the spec's `const_labels` (sorted by name).
pub fn overflow(
    encoder: &mut dyn Encoder,
    name: &str,
    help: &str,
    series: &[(&str, u64)],
    const_labels: &[(&str, &str)],
) {
    encoder.family(&Header {
        name,
        help,
        kind: MetricKind::Counter,
        unit: "",
    });
    let mut labels = Vec::with_capacity(const_labels.len() + 1);
    for &(metric, count) in series {
        labels.clear();
        labels.push(("metric", metric));
        insert_const_labels(&mut labels, const_labels);
        encoder.sample(&labels, Sample::Count(count));
    }
    encoder.end_family();
}
