//! Reading values back from a registry, shared by the integration tests.
//!
//! Tests drive the generated API, then look a series up here by the family's
//! exported name and the series' labels, exactly as a scrape would see it.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

pub mod scratch;
pub mod seed_reference;
pub mod text;
pub mod touch;

use x0tta_metrics::prometheus::proto::{Histogram, Metric, MetricFamily, MetricType};
use x0tta_metrics::Metrics;

/// The spec every test binary reads: the catalogue at the workspace root.
pub fn catalogue_spec() -> x0tta_metrics_codegen::Spec {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../metrics-spec.yaml");
    x0tta_metrics_codegen::check_file(&path)
        .unwrap_or_else(|errors| panic!("catalogue does not check: {errors:?}"))
}

/// Everything a registry exports at one instant (one `gather()`).
pub struct Snapshot {
    families: Vec<MetricFamily>,
}

impl Snapshot {
    /// Gathers the registry of `metrics`.
    pub fn of(metrics: &Metrics) -> Self {
        Snapshot {
            families: metrics.registry().gather(),
        }
    }

    /// Every gathered family.
    pub fn families(&self) -> &[MetricFamily] {
        &self.families
    }

    /// The exported names of every gathered family.
    pub fn names(&self) -> Vec<&str> {
        self.families.iter().map(|f| f.name()).collect()
    }

    /// The family exported as `name`; panics, listing what exists, if absent.
    pub fn family(&self, name: &str) -> &MetricFamily {
        self.families
            .iter()
            .find(|f| f.name() == name)
            .unwrap_or_else(|| panic!("no family {name} among {:?}", self.names()))
    }

    /// The family's type.
    pub fn kind(&self, name: &str) -> MetricType {
        self.family(name).get_field_type()
    }

    /// The label names of the family's series (every series of a family
    /// carries the same ones), in exposition order.
    pub fn label_names(&self, name: &str) -> Vec<&str> {
        let family = self.family(name);
        let first = family
            .get_metric()
            .first()
            .unwrap_or_else(|| panic!("{name} has no series"));
        first.get_label().iter().map(|l| l.name()).collect()
    }

    /// Asserts that family `name` is exported with type `kind`, a help text
    /// and exactly the label names `labels` (in any order).
    pub fn assert_family(&self, name: &str, kind: MetricType, labels: &[&str]) {
        let family = self.family(name);
        assert_eq!(family.get_field_type(), kind, "type of {name}");
        assert!(!family.help().is_empty(), "{name} has no help");
        let mut expected = labels.to_vec();
        expected.sort_unstable();
        let mut actual = self.label_names(name);
        actual.sort_unstable();
        assert_eq!(actual, expected, "label names of {name}");
    }

    /// Number of series of the family.
    pub fn series_count(&self, name: &str) -> usize {
        self.family(name).get_metric().len()
    }

    /// The series of family `name` whose labels are exactly `labels` (in any
    /// order); panics, listing the series that exist, if absent.
    pub fn series(&self, name: &str, labels: &[(&str, &str)]) -> &Metric {
        let family = self.family(name);
        family
            .get_metric()
            .iter()
            .find(|m| has_exactly(m, labels))
            .unwrap_or_else(|| {
                let existing: Vec<Vec<(&str, &str)>> =
                    family.get_metric().iter().map(label_pairs).collect();
                panic!("{name} has no series {labels:?}; it has {existing:?}")
            })
    }

    /// The value of a counter series.
    pub fn counter(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        assert_eq!(
            self.kind(name),
            MetricType::COUNTER,
            "{name} is not a counter"
        );
        self.series(name, labels).get_counter().get_value()
    }

    /// The value of a gauge series.
    pub fn gauge(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        assert_eq!(self.kind(name), MetricType::GAUGE, "{name} is not a gauge");
        self.series(name, labels).get_gauge().get_value()
    }

    /// The sample count, sum and buckets of a histogram series.
    pub fn histogram(&self, name: &str, labels: &[(&str, &str)]) -> &Histogram {
        assert_eq!(
            self.kind(name),
            MetricType::HISTOGRAM,
            "{name} is not a histogram"
        );
        self.series(name, labels).get_histogram()
    }
}

/// The cumulative count of the bucket of `histogram` with upper bound `le`.
pub fn bucket(histogram: &Histogram, le: f64) -> u64 {
    histogram
        .get_bucket()
        .iter()
        .find(|b| b.upper_bound() == le)
        .unwrap_or_else(|| panic!("no bucket le={le}"))
        .cumulative_count()
}

/// Asserts that two floats computed by different roundings agree.
pub fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "{actual} != {expected}"
    );
}

/// The `(name, value)` label pairs of a series.
pub fn label_pairs(series: &Metric) -> Vec<(&str, &str)> {
    series
        .get_label()
        .iter()
        .map(|l| (l.name(), l.value()))
        .collect()
}

fn has_exactly(series: &Metric, labels: &[(&str, &str)]) -> bool {
    let pairs = label_pairs(series);
    pairs.len() == labels.len() && labels.iter().all(|l| pairs.contains(l))
}

/// The text exposition of `metrics`' registry.
pub fn exposition(metrics: &Metrics) -> String {
    x0tta_metrics::encode_text(metrics.registry()).expect("encode the registry as text")
}

/// A fresh catalogue registry.
pub fn metrics() -> Metrics {
    Metrics::new().expect("create the catalogue on a fresh registry")
}
