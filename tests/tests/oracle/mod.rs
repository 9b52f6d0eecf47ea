//! The protobuf oracle: prost types generated (by `tests/build.rs`) from
//! client_model's `metrics.proto`, a decoder of the delimited format, and
//! `gather()`'s families converted to those types, so the two can be
//! compared whole.

#![allow(dead_code)]

use prost::Message as _;
use x0tta_metrics::prometheus::proto as prom;

/// client_model's messages, as prost generates them.
#[allow(missing_docs, clippy::all, clippy::pedantic)]
pub mod client_model {
    include!(concat!(env!("OUT_DIR"), "/io.prometheus.client.rs"));
}

pub use client_model::{
    Bucket, Counter, Exemplar, Gauge, Histogram, LabelPair, Metric, MetricFamily,
};

/// Decodes a whole delimited body; panics on any byte prost does not read
/// as a length-prefixed `MetricFamily`.
pub fn decode(mut body: &[u8]) -> Vec<MetricFamily> {
    let mut families = Vec::new();
    while !body.is_empty() {
        let family = MetricFamily::decode_length_delimited(&mut body)
            .unwrap_or_else(|e| panic!("family {} does not decode: {e}", families.len()));
        families.push(family);
    }
    families
}

/// Decodes `body` and checks every byte of it: prost, writing the decoded
/// families back (minimal length prefixes, fields in number order), gives
/// `body` again.
pub fn decode_exactly(body: &[u8]) -> Vec<MetricFamily> {
    let families = decode(body);
    let again: Vec<u8> = families
        .iter()
        .flat_map(|f| f.encode_length_delimited_to_vec())
        .collect();
    assert!(
        again == body,
        "prost writes the decoded families differently"
    );
    families
}

/// `gather()`'s families in client_model's types, each series' labels
/// sorted by name (`gather()` appends the registry's common labels last).
pub fn from_gather(families: &[prom::MetricFamily]) -> Vec<MetricFamily> {
    families.iter().map(family_from_gather).collect()
}

fn family_from_gather(family: &prom::MetricFamily) -> MetricFamily {
    let kind = match family.get_field_type() {
        prom::MetricType::COUNTER => client_model::MetricType::Counter,
        prom::MetricType::GAUGE => client_model::MetricType::Gauge,
        prom::MetricType::HISTOGRAM => client_model::MetricType::Histogram,
        other => panic!("no such type here: {other:?}"),
    };
    MetricFamily {
        name: Some(family.name().to_string()),
        help: Some(family.help().to_string()),
        r#type: Some(kind as i32),
        metric: family
            .get_metric()
            .iter()
            .map(|m| metric_from_gather(m, kind))
            .collect(),
        unit: None,
    }
}

fn metric_from_gather(metric: &prom::Metric, kind: client_model::MetricType) -> Metric {
    let mut label: Vec<LabelPair> = metric
        .get_label()
        .iter()
        .map(|p| LabelPair {
            name: Some(p.name().to_string()),
            value: Some(p.value().to_string()),
        })
        .collect();
    label.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = Metric {
        label,
        ..Default::default()
    };
    // Read through the getters both of prometheus' models have (its plain
    // one, and the protobuf one a build with its `protobuf` feature uses).
    match kind {
        client_model::MetricType::Counter => {
            out.counter = Some(Counter {
                value: Some(metric.get_counter().get_value()),
                ..Default::default()
            })
        }
        client_model::MetricType::Gauge => {
            out.gauge = Some(Gauge {
                value: Some(metric.get_gauge().get_value()),
            })
        }
        _ => {
            let h = metric.get_histogram();
            out.histogram = Some(Histogram {
                sample_count: Some(h.get_sample_count()),
                sample_sum: Some(h.get_sample_sum()),
                bucket: h
                    .get_bucket()
                    .iter()
                    .map(|b| Bucket {
                        cumulative_count: Some(b.cumulative_count()),
                        upper_bound: Some(b.upper_bound()),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            })
        }
    }
    out
}

/// What `gather()` cannot hold, taken out of `families` and returned:
/// each family's unit and every exemplar (by family name, series labels and
/// place: `None` for a counter's, the bucket's upper bound for a
/// histogram's). A `+Inf` bucket, written only for its exemplar, goes too.
pub fn take_what_gather_lacks(
    families: &mut [MetricFamily],
) -> (Vec<(String, String)>, Vec<Found>) {
    let mut units = Vec::new();
    let mut exemplars = Vec::new();
    for family in families {
        let name = family.name().to_string();
        if let Some(unit) = family.unit.take() {
            units.push((name.clone(), unit));
        }
        for metric in &mut family.metric {
            let labels: Vec<(String, String)> = metric
                .label
                .iter()
                .map(|p| (p.name().to_string(), p.value().to_string()))
                .collect();
            if let Some(exemplar) = metric.counter.as_mut().and_then(|c| c.exemplar.take()) {
                exemplars.push(Found {
                    family: name.clone(),
                    labels: labels.clone(),
                    bound: None,
                    exemplar,
                });
            }
            if let Some(h) = metric.histogram.as_mut() {
                for bucket in &mut h.bucket {
                    if let Some(exemplar) = bucket.exemplar.take() {
                        exemplars.push(Found {
                            family: name.clone(),
                            labels: labels.clone(),
                            bound: Some(bucket.upper_bound()),
                            exemplar,
                        });
                    }
                }
                h.bucket.retain(|b| b.upper_bound() != f64::INFINITY);
            }
        }
    }
    (units, exemplars)
}

/// An exemplar found in a decoded body, and where.
#[derive(Debug, Clone)]
pub struct Found {
    /// The family's name.
    pub family: String,
    /// The series' labels.
    pub labels: Vec<(String, String)>,
    /// `None` for a counter; a histogram bucket's upper bound.
    pub bound: Option<f64>,
    /// The exemplar itself.
    pub exemplar: Exemplar,
}

impl Found {
    /// The exemplar's labels as pairs.
    pub fn exemplar_labels(&self) -> Vec<(&str, &str)> {
        self.exemplar
            .label
            .iter()
            .map(|p| (p.name(), p.value()))
            .collect()
    }
}

/// Compares two lists of families whole; NaN values compare by bits (they
/// print alike), and a failure shows both sides.
pub fn assert_same(ours: &[MetricFamily], theirs: &[MetricFamily]) {
    let (ours_text, theirs_text) = (format!("{ours:#?}"), format!("{theirs:#?}"));
    assert!(
        ours_text == theirs_text,
        "protobuf and gather() differ\n--- protobuf:\n{ours_text}\n--- gather():\n{theirs_text}"
    );
}
