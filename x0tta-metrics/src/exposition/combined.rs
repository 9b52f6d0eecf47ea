//! Several specs in one exposition: a process whose crates each expand their
//! own spec serves them through one exporter, in one scrape.
//!
//! Families of the same name (the shared overflow family, with one series
//! per bounded metric of every spec) are written once, their series merged
//! and sorted as `gather()` sorts them; families come out sorted by name.
//! So on one registry the text equals `gather()` + `TextEncoder`, and
//! concatenating specs never repeats a `# TYPE` line.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::order;
use super::{Encoder, Exposition, Header, MetricKind, Sample, Scope};
use crate::storage::{BucketSpan, Exemplar, HistogramSnapshot, NativeBuckets};

/// The expositions of several specs, registered on one registry, as one.
#[derive(Clone)]
pub struct Combined {
    parts: Vec<Arc<dyn Exposition>>,
    scope: Scope,
}

impl Combined {
    /// Combines `parts`; the registry prefix and common labels are the
    /// first part's (all are expected on the same registry).
    pub fn new(parts: Vec<Arc<dyn Exposition>>) -> Self {
        let scope = parts.first().map(|p| p.scope().clone()).unwrap_or_default();
        Combined { parts, scope }
    }
}

impl std::fmt::Debug for Combined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Combined")
            .field("parts", &self.parts.len())
            .finish()
    }
}

impl Exposition for Combined {
    fn encode(&self, encoder: &mut dyn Encoder) {
        let mut buffer = Buffer::default();
        for part in &self.parts {
            part.encode(&mut buffer);
        }
        for family in buffer.families.values_mut() {
            // Each part's labels are in name order already.
            order::sort(&mut family.series, |s| s.0.len(), |s, j| &s.0[j].1);
        }
        for family in buffer.families.values() {
            family.replay(encoder);
        }
    }

    fn scope(&self) -> &Scope {
        &self.scope
    }
}

/// A sample, owned.
#[derive(Debug)]
enum Owned {
    Count(u64),
    Signed(i64),
    Float(f64),
    Histogram {
        bounds: Vec<f64>,
        cumulative: Vec<u64>,
        count: u64,
        sum: f64,
        native: Option<OwnedNative>,
    },
}

/// A native histogram's buckets, owned.
#[derive(Debug)]
struct OwnedNative {
    schema: i32,
    zero_threshold: f64,
    zero_count: u64,
    negative_spans: Vec<BucketSpan>,
    negative_deltas: Vec<i64>,
    positive_spans: Vec<BucketSpan>,
    positive_deltas: Vec<i64>,
}

impl OwnedNative {
    fn new(native: &NativeBuckets<'_>) -> Self {
        OwnedNative {
            schema: native.schema,
            zero_threshold: native.zero_threshold,
            zero_count: native.zero_count,
            negative_spans: native.negative_spans.to_vec(),
            negative_deltas: native.negative_deltas.to_vec(),
            positive_spans: native.positive_spans.to_vec(),
            positive_deltas: native.positive_deltas.to_vec(),
        }
    }

    fn borrow(&self) -> NativeBuckets<'_> {
        NativeBuckets {
            schema: self.schema,
            zero_threshold: self.zero_threshold,
            zero_count: self.zero_count,
            negative_spans: &self.negative_spans,
            negative_deltas: &self.negative_deltas,
            positive_spans: &self.positive_spans,
            positive_deltas: &self.positive_deltas,
        }
    }
}

#[derive(Debug)]
struct Family {
    name: String,
    help: String,
    kind: MetricKind,
    unit: String,
    series: Vec<OwnedSeries>,
}

/// One series, owned: labels, value, exemplars.
type OwnedSeries = (Vec<(String, String)>, Owned, Vec<Option<Exemplar>>);

impl Family {
    fn replay(&self, encoder: &mut dyn Encoder) {
        encoder.family(&Header {
            name: &self.name,
            help: &self.help,
            kind: self.kind,
            unit: &self.unit,
        });
        for (labels, sample, exemplars) in &self.series {
            if !exemplars.is_empty() {
                encoder.exemplars(exemplars);
            }
            let labels: Vec<(&str, &str)> = labels
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            let sample = match sample {
                Owned::Count(v) => Sample::Count(*v),
                Owned::Signed(v) => Sample::Signed(*v),
                Owned::Float(v) => Sample::Float(*v),
                Owned::Histogram {
                    bounds,
                    cumulative,
                    count,
                    sum,
                    native,
                } => Sample::Histogram(HistogramSnapshot {
                    bounds,
                    cumulative,
                    count: *count,
                    sum: *sum,
                    native: native.as_ref().map(OwnedNative::borrow),
                }),
            };
            encoder.sample(&labels, sample);
        }
        encoder.end_family();
    }
}

/// Records every family by name, merging the series of same-named ones.
#[derive(Default)]
struct Buffer {
    families: BTreeMap<String, Family>,
    current: String,
    /// The exemplars of the next sample.
    pending: Vec<Option<Exemplar>>,
}

impl Encoder for Buffer {
    fn family(&mut self, header: &Header<'_>) {
        self.current = header.name.to_string();
        self.families
            .entry(self.current.clone())
            .or_insert_with(|| Family {
                name: header.name.to_string(),
                help: header.help.to_string(),
                kind: header.kind,
                unit: header.unit.to_string(),
                series: Vec::new(),
            });
    }

    fn exemplars(&mut self, exemplars: &[Option<Exemplar>]) {
        self.pending = exemplars.to_vec();
    }

    fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>) {
        let Some(family) = self.families.get_mut(&self.current) else {
            return;
        };
        let labels = labels
            .iter()
            .map(|&(n, v)| (n.to_string(), v.to_string()))
            .collect();
        let sample = match sample {
            Sample::Count(v) => Owned::Count(v),
            Sample::Signed(v) => Owned::Signed(v),
            Sample::Float(v) => Owned::Float(v),
            Sample::Histogram(h) => Owned::Histogram {
                bounds: h.bounds.to_vec(),
                cumulative: h.cumulative.to_vec(),
                count: h.count,
                sum: h.sum,
                native: h.native.as_ref().map(OwnedNative::new),
            },
        };
        let exemplars = std::mem::take(&mut self.pending);
        family.series.push((labels, sample, exemplars));
    }
}
