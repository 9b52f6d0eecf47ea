//! A parsed scrape: its families with their metadata and samples, in the
//! order the target wrote them.

/// The two exposition formats a target may answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Prometheus text format 0.0.4.
    Text,
    /// OpenMetrics 1.0 text.
    OpenMetrics,
}

/// A family's declared type (`# TYPE`), or `Unknown` when it has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MetricType {
    Counter,
    Gauge,
    Histogram,
    GaugeHistogram,
    Summary,
    Info,
    StateSet,
    /// `untyped` (text), `unknown` (OpenMetrics) or no `# TYPE` line.
    Unknown,
}

impl MetricType {
    /// The type named by a `# TYPE` line in `format`, if it is one.
    pub(crate) fn from_name(name: &str, format: Format) -> Option<MetricType> {
        Some(match (name, format) {
            ("counter", _) => MetricType::Counter,
            ("gauge", _) => MetricType::Gauge,
            ("histogram", _) => MetricType::Histogram,
            ("summary", _) => MetricType::Summary,
            ("untyped", Format::Text) | ("unknown", Format::OpenMetrics) => MetricType::Unknown,
            ("gaugehistogram", Format::OpenMetrics) => MetricType::GaugeHistogram,
            ("info", Format::OpenMetrics) => MetricType::Info,
            ("stateset", Format::OpenMetrics) => MetricType::StateSet,
            _ => return None,
        })
    }

    /// How the type is written in a report.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            MetricType::Counter => "counter",
            MetricType::Gauge => "gauge",
            MetricType::Histogram => "histogram",
            MetricType::GaugeHistogram => "gaugehistogram",
            MetricType::Summary => "summary",
            MetricType::Info => "info",
            MetricType::StateSet => "stateset",
            MetricType::Unknown => "untyped",
        }
    }

    /// The suffixes a sample name may add to its family's name. Text 0.0.4
    /// names a counter family with its `_total`; OpenMetrics names it
    /// without and puts `_total` (and `_created`) on the samples.
    pub(crate) fn sample_suffixes(self, format: Format) -> &'static [&'static str] {
        match (self, format) {
            (MetricType::Histogram, Format::Text) => &["_bucket", "_sum", "_count"],
            (MetricType::Summary, Format::Text) => &["", "_sum", "_count"],
            (MetricType::Counter, Format::OpenMetrics) => &["_total", "_created"],
            (MetricType::Histogram, Format::OpenMetrics) => {
                &["_bucket", "_sum", "_count", "_created"]
            }
            (MetricType::GaugeHistogram, _) => &["_bucket", "_gsum", "_gcount"],
            (MetricType::Summary, Format::OpenMetrics) => &["", "_sum", "_count", "_created"],
            (MetricType::Info, _) => &["_info"],
            _ => &[""],
        }
    }

    /// The label a sample of this type carries beside the family's own
    /// (`le` on a histogram bucket, `quantile` on a summary quantile).
    pub(crate) fn structural_label(self) -> Option<&'static str> {
        match self {
            MetricType::Histogram | MetricType::GaugeHistogram => Some("le"),
            MetricType::Summary => Some("quantile"),
            _ => None,
        }
    }
}

/// One family: `# HELP`/`# TYPE`/`# UNIT` and the samples that follow.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Family {
    /// The family's name as the metadata (or its first sample) writes it.
    pub(crate) name: String,
    /// Its declared type.
    pub(crate) kind: MetricType,
    /// Its help text, unescaped.
    pub(crate) help: Option<String>,
    /// Its OpenMetrics unit.
    pub(crate) unit: Option<String>,
    /// Its samples, in order.
    pub(crate) samples: Vec<Sample>,
}

/// One sample line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sample {
    /// The full sample name (`x_bucket`).
    pub(crate) name: String,
    /// Label names and unescaped values, in order.
    pub(crate) labels: Vec<(String, String)>,
    /// The value.
    pub(crate) value: f64,
}

impl Sample {
    /// The value of label `name`, if the sample has it.
    pub(crate) fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A whole scrape.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Exposition {
    /// The format it was written in.
    pub(crate) format: Format,
    /// Its families, in order.
    pub(crate) families: Vec<Family>,
}

impl Exposition {
    /// The number of samples in all families.
    pub(crate) fn sample_count(&self) -> usize {
        self.families.iter().map(|f| f.samples.len()).sum()
    }
}
