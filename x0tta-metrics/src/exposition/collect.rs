//! The walk into prometheus' data model: how every generated family
//! implements `prometheus::core::Collector`, so `Registry::gather()`, its
//! `TextEncoder` and other registries see the same series as every format.
//! That model has no exemplars, units or native buckets: only the
//! OpenMetrics and protobuf encoders write those.

use prometheus::proto::{self, LabelPair, MetricFamily, MetricType};

use super::{Encoder, Header, MetricKind, Sample};

/// Collects families as `proto::MetricFamily`.
#[derive(Debug, Default)]
pub struct Collect {
    families: Vec<MetricFamily>,
}

impl Collect {
    /// The families collected so far.
    pub fn into_families(self) -> Vec<MetricFamily> {
        self.families
    }
}

impl Encoder for Collect {
    fn family(&mut self, header: &Header<'_>) {
        let mut family = MetricFamily::default();
        family.set_name(header.name.to_string());
        family.set_help(header.help.to_string());
        family.set_field_type(match header.kind {
            MetricKind::Counter => MetricType::COUNTER,
            MetricKind::Gauge => MetricType::GAUGE,
            MetricKind::Histogram => MetricType::HISTOGRAM,
        });
        self.families.push(family);
    }

    fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>) {
        let Some(family) = self.families.last_mut() else {
            return;
        };
        let pairs = labels
            .iter()
            .map(|&(name, value)| {
                let mut pair = LabelPair::default();
                pair.set_name(name.to_string());
                pair.set_value(value.to_string());
                pair
            })
            .collect();
        let mut metric = proto::Metric::from_label(pairs);
        let value = match sample {
            Sample::Count(v) => v as f64,
            Sample::Signed(v) => v as f64,
            Sample::Float(v) => v,
            Sample::Histogram(h) => {
                let mut histogram = proto::Histogram::default();
                histogram.set_sample_count(h.count);
                histogram.set_sample_sum(h.sum);
                let buckets = h.bounds.iter().zip(h.cumulative).map(|(&bound, &count)| {
                    let mut bucket = proto::Bucket::default();
                    bucket.set_upper_bound(bound);
                    bucket.set_cumulative_count(count);
                    bucket
                });
                histogram.set_bucket(buckets.collect());
                metric.set_histogram(histogram);
                family.mut_metric().push(metric);
                return;
            }
        };
        if family.get_field_type() == MetricType::COUNTER {
            let mut counter = proto::Counter::default();
            counter.set_value(value);
            metric.set_counter(counter);
        } else {
            let mut gauge = proto::Gauge::default();
            gauge.set_value(value);
            metric.set_gauge(gauge);
        }
        family.mut_metric().push(metric);
    }
}
