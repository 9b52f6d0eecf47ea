//! Writing a generated registry's families straight to the text format.
//!
//! The generator renders, at compile time, every `# HELP`/`# TYPE` header and
//! every series' `name{label="value"} ` prefix (escaped, label names sorted,
//! series in the order `Registry::gather` sorts them). At scrape time only the
//! values are read and printed, so the output is byte for byte what
//! `gather()` + `TextEncoder` print for the same families, without building
//! the protobuf model. Families with free-form labels have no fixed series;
//! they are collected and written by `TextEncoder` itself.

use prometheus::core::{Collector, Metric as _};
use prometheus::{Counter, Gauge, Histogram, IntCounter, IntGauge, TextEncoder};

use crate::sharded::ShardedCounter;

/// A series handle whose current value ends a sample line.
pub trait TextValue {
    /// Appends the current value, formatted as `TextEncoder` formats it.
    fn write_value(&self, out: &mut String);
}

impl<T: TextValue> TextValue for &T {
    fn write_value(&self, out: &mut String) {
        (*self).write_value(out);
    }
}

// The protobuf model `TextEncoder` prints holds every value as an f64;
// integers print the same through `itoa` as long as an f64 holds them exactly.
impl TextValue for IntCounter {
    fn write_value(&self, out: &mut String) {
        push_u64(out, self.get());
    }
}

impl TextValue for ShardedCounter {
    fn write_value(&self, out: &mut String) {
        push_u64(out, self.get());
    }
}

impl TextValue for IntGauge {
    fn write_value(&self, out: &mut String) {
        let value = self.get();
        if value.unsigned_abs() < EXACT_INTEGERS_U64 {
            out.push_str(itoa::Buffer::new().format(value));
        } else {
            push_f64(out, value as f64);
        }
    }
}

impl TextValue for Counter {
    fn write_value(&self, out: &mut String) {
        push_f64(out, self.get());
    }
}

impl TextValue for Gauge {
    fn write_value(&self, out: &mut String) {
        push_f64(out, self.get());
    }
}

/// Integers below this print the same through `itoa` as through `f64`'s
/// `Display` (which `TextEncoder` uses): every one of them is exact in an f64.
const EXACT_INTEGERS_U64: u64 = 1 << 53;
const EXACT_INTEGERS: f64 = EXACT_INTEGERS_U64 as f64;

/// Appends a count as `TextEncoder` prints it (through f64).
fn push_u64(out: &mut String, value: u64) {
    if value < EXACT_INTEGERS_U64 {
        out.push_str(itoa::Buffer::new().format(value));
    } else {
        push_f64(out, value as f64);
    }
}

/// Appends `value` exactly as `f64`'s `Display` does (`1`, `0.25`, `inf`,
/// `NaN`), taking the fast integer path when that prints the same.
pub fn push_f64(out: &mut String, value: f64) {
    // NaN and infinities fail the round trip through i64.
    let integral = value.abs() < EXACT_INTEGERS && value == (value as i64) as f64;
    // -0.0 prints as "-0", which the integer path would lose.
    if integral && !(value == 0.0 && value.is_sign_negative()) {
        out.push_str(itoa::Buffer::new().format(value as i64));
    } else {
        use std::fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = write!(out, "{value}");
    }
}

/// Writes a family of counters or gauges: `header`, then for each
/// `(prefix, index)` the line `prefix` + the value of `values[index]`.
pub fn series<V: TextValue>(
    out: &mut String,
    header: &str,
    series: &[(&str, usize)],
    values: &[V],
) {
    out.push_str(header);
    for &(prefix, index) in series {
        if let Some(value) = values.get(index) {
            out.push_str(prefix);
            value.write_value(out);
            out.push('\n');
        }
    }
}

/// The pre-rendered line starts of one histogram series.
#[derive(Debug, Clone, Copy)]
pub struct HistogramPrefixes {
    /// `name_bucket{labels,` (or `name_bucket{`): `le="…"} ` follows.
    pub bucket: &'static str,
    /// `name_sum{labels} `.
    pub sum: &'static str,
    /// `name_count{labels} `.
    pub count: &'static str,
}

/// Writes a family of histograms: `header`, then for each `(prefixes, index)`
/// the buckets (`les` are the rendered `le="…"} ` of the finite bounds, in
/// order; `+Inf` follows), sum and count of `values[index]`.
pub fn histograms(
    out: &mut String,
    header: &str,
    les: &[&str],
    series: &[(HistogramPrefixes, usize)],
    values: &[Histogram],
) {
    out.push_str(header);
    for &(prefixes, index) in series {
        let Some(histogram) = values.get(index) else {
            continue;
        };
        // Only the collected snapshot has the bucket counts, and it is the
        // consistent one (count, sum and buckets from the same instant).
        let metric = histogram.metric();
        let snapshot = metric.get_histogram();
        for (le, bucket) in les.iter().zip(snapshot.get_bucket()) {
            out.push_str(prefixes.bucket);
            out.push_str(le);
            push_u64(out, bucket.cumulative_count());
            out.push('\n');
        }
        out.push_str(prefixes.bucket);
        out.push_str("le=\"+Inf\"} ");
        push_u64(out, snapshot.get_sample_count());
        out.push('\n');
        out.push_str(prefixes.sum);
        push_f64(out, snapshot.get_sample_sum());
        out.push('\n');
        out.push_str(prefixes.count);
        push_u64(out, snapshot.get_sample_count());
        out.push('\n');
    }
}

/// Writes a family whose series are not known at compile time (free-form
/// labels): collects it and lets `TextEncoder` write it, with the series
/// sorted as `Registry::gather` sorts them. A family without series writes
/// nothing, as `gather` drops it.
pub fn collected(out: &mut String, collector: &dyn Collector) {
    write_collected(out, collector.collect());
}

/// [`collected`], under another name and help: the old name of a family
/// during a rename with dual emission.
pub fn collected_as(out: &mut String, collector: &dyn Collector, name: &str, help: &str) {
    let mut families = collector.collect();
    for family in &mut families {
        family.set_name(name.to_string());
        family.set_help(help.to_string());
    }
    write_collected(out, families);
}

fn write_collected(out: &mut String, mut families: Vec<prometheus::proto::MetricFamily>) {
    families.retain(|family| !family.get_metric().is_empty());
    for family in &mut families {
        family.mut_metric().sort_by(|a, b| {
            let values = |m| {
                prometheus::proto::Metric::get_label(m)
                    .iter()
                    .map(|l| l.value())
            };
            values(a).cmp(values(b))
        });
    }
    // It fails only on a family without series or name, which were dropped
    // above or cannot be registered.
    let _ = TextEncoder::new().encode_utf8(&families, out);
}
