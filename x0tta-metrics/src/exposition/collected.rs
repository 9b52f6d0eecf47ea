//! Families that exist only as a `prometheus` collector (free-form labels
//! in a `BoundedFamily`) and the overflow self-metric, fed into the same
//! encoders as the cells' walk.

use prometheus::core::Collector;
use prometheus::proto::{MetricFamily, MetricType};

use super::{Encoder, Header, MetricKind, Sample};
use crate::storage::HistogramSnapshot;

/// Walks what `collector` collects, with series in `gather()` order, its
/// OpenMetrics unit `unit` (or empty). A family without series writes
/// nothing, as `gather()` drops it.
pub fn collected(encoder: &mut dyn Encoder, collector: &dyn Collector, unit: &str) {
    for family in collector.collect() {
        walk(encoder, family, None, unit);
    }
}

/// [`collected`] under another name and help: the old name of a family
/// during a rename with dual emission.
pub fn collected_as(encoder: &mut dyn Encoder, collector: &dyn Collector, name: &str, help: &str) {
    for family in collector.collect() {
        walk(encoder, family, Some((name, help)), "");
    }
}

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

fn walk(
    encoder: &mut dyn Encoder,
    mut family: MetricFamily,
    rename: Option<(&str, &str)>,
    unit: &str,
) {
    if family.get_metric().is_empty() {
        return;
    }
    // As `gather()` sorts them: by label values, labels in name order.
    family.mut_metric().sort_by(|a, b| {
        let values = |m: &prometheus::proto::Metric| {
            m.get_label()
                .iter()
                .map(|l| l.value().to_owned())
                .collect::<Vec<_>>()
        };
        values(a).cmp(&values(b))
    });
    let kind = match family.get_field_type() {
        MetricType::COUNTER => MetricKind::Counter,
        MetricType::HISTOGRAM => MetricKind::Histogram,
        _ => MetricKind::Gauge,
    };
    let (name, help) = rename.unwrap_or((family.name(), family.help()));
    encoder.family(&Header {
        name,
        help,
        kind,
        unit,
    });
    let (mut bounds, mut cumulative) = (Vec::new(), Vec::new());
    for metric in family.get_metric() {
        let labels: Vec<(&str, &str)> = metric
            .get_label()
            .iter()
            .map(|l| (l.name(), l.value()))
            .collect();
        let sample = match kind {
            MetricKind::Counter => Sample::Float(metric.get_counter().get_value()),
            MetricKind::Gauge => Sample::Float(metric.get_gauge().get_value()),
            MetricKind::Histogram => {
                let h = metric.get_histogram();
                bounds.clear();
                cumulative.clear();
                for bucket in h.get_bucket() {
                    bounds.push(bucket.upper_bound());
                    cumulative.push(bucket.cumulative_count());
                }
                Sample::Histogram(HistogramSnapshot {
                    bounds: &bounds,
                    cumulative: &cumulative,
                    count: h.get_sample_count(),
                    sum: h.get_sample_sum(),
                })
            }
        };
        encoder.sample(&labels, sample);
    }
    encoder.end_family();
}
