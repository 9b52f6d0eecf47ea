//! The overflow self-metric: one counter family for the whole spec, one
//! series per bounded metric, written once at its place among the families.

use super::{Encoder, Header, MetricKind, Sample};

/// The counter family of updates routed to overflow series: one series per
/// bounded metric, `(metric's exported name, overflowed updates)`, given
/// sorted by name.
pub fn overflow(encoder: &mut dyn Encoder, name: &str, help: &str, series: &[(&str, u64)]) {
    encoder.family(&Header {
        name,
        help,
        kind: MetricKind::Counter,
        unit: "",
    });
    for &(metric, count) in series {
        encoder.sample(&[("metric", metric)], Sample::Count(count));
    }
    encoder.end_family();
}
