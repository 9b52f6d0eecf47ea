//! Every exposition format, each one encoder of the same walk.
//!
//! A family walks its series once and hands each to an [`Encoder`]: a
//! [`Header`] per family, then one format-neutral [`Sample`] per series with
//! its labels in name order. Each format is a module with its encoder and its
//! `MIME_TYPE`: [`text`] (Prometheus 0.0.4), [`openmetrics`] (OpenMetrics
//! 1.0 text) and [`collect`] (prometheus' `proto::MetricFamily`, which is
//! how every family implements `Collector` for `Registry::gather()`).
//! Adding a format is adding a module and a [`Format`] variant.

pub mod collect;
mod combined;
mod line;
mod number;
pub mod openmetrics;
pub(crate) mod order;
mod overflow;
mod scope;
pub mod text;

pub use combined::Combined;
pub use number::push_f64;
pub(crate) use number::{needs_escaping, push_escaped};
pub use overflow::overflow;
pub use scope::Scope;

use crate::storage::{Exemplar, HistogramSnapshot};

/// A metric type, as every format names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricKind {
    /// A monotonically increasing total.
    Counter,
    /// A value that goes up and down.
    Gauge,
    /// A distribution of observations in buckets.
    Histogram,
}

impl MetricKind {
    /// The type's name in the text formats.
    pub fn as_str(self) -> &'static str {
        match self {
            MetricKind::Counter => "counter",
            MetricKind::Gauge => "gauge",
            MetricKind::Histogram => "histogram",
        }
    }
}

/// What starts a family in every format.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    /// The exported name (without the registry's prefix).
    pub name: &'a str,
    /// The help text, unescaped.
    pub help: &'a str,
    /// The metric type.
    pub kind: MetricKind,
    /// The OpenMetrics unit (a suffix of the name), or empty.
    pub unit: &'a str,
}

/// One series' value, read once from its cell.
#[derive(Debug, Clone, Copy)]
pub enum Sample<'a> {
    /// An integer counter's total.
    Count(u64),
    /// An integer gauge.
    Signed(i64),
    /// A float counter or gauge.
    Float(f64),
    /// A histogram, cumulative.
    Histogram(HistogramSnapshot<'a>),
}

/// One format: told each family, then each of its series.
pub trait Encoder {
    /// A family starts.
    fn family(&mut self, header: &Header<'_>);
    /// One series of the current family; `labels` in label-name order.
    fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>);
    /// [`sample`](Self::sample), with the label values also given escaped
    /// as the text formats write them (`\`, `"` and newline as `\\`,
    /// `\"`, `\n`), one per pair. Every series of a family handed over
    /// this way has the family's label names, in the same order. The text
    /// formats write these values as they are, so a series line is a few
    /// copies; other formats read the pairs (the default).
    fn sample_escaped(&mut self, labels: &[(&str, &str)], escaped: &[&str], sample: Sample<'_>) {
        let _ = escaped;
        self.sample(labels, sample);
    }
    /// The exemplars of the next [`sample`](Self::sample) (one per counter,
    /// one per histogram bucket and `+Inf`); only formats with exemplars
    /// (OpenMetrics) keep them.
    fn exemplars(&mut self, _exemplars: &[Option<Exemplar>]) {}
    /// The current family has no more series.
    fn end_family(&mut self) {}
}

/// Something whose families can be walked into any encoder: every generated
/// `Metrics`. The exporter and the Pushgateway client serve any of them.
pub trait Exposition: Send + Sync {
    /// Walks every family, sorted by name, into `encoder`.
    fn encode(&self, encoder: &mut dyn Encoder);

    /// The prefix and common labels of the registry the families are on.
    fn scope(&self) -> &Scope;

    /// Appends the families in `format` to `out` (a buffer kept between scrapes).
    fn write_format(&self, format: Format, out: &mut String) {
        match format {
            Format::Text => self.encode(&mut text::Text::new(out, self.scope())),
            Format::OpenMetrics => {
                self.encode(&mut openmetrics::OpenMetrics::new(out, self.scope()));
                openmetrics::finish(out);
            }
        }
    }

    /// The families in `format`: the body of a `/metrics` response.
    fn encode_format(&self, format: Format) -> String {
        let mut out = String::new();
        self.write_format(format, &mut out);
        out
    }

    /// The families in the text format 0.0.4.
    fn encode_text(&self) -> String {
        self.encode_format(Format::Text)
    }
}

impl<T: Exposition + ?Sized> Exposition for std::sync::Arc<T> {
    fn encode(&self, encoder: &mut dyn Encoder) {
        (**self).encode(encoder);
    }

    fn scope(&self) -> &Scope {
        (**self).scope()
    }
}

/// A text format a scrape can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Prometheus text 0.0.4.
    Text,
    /// OpenMetrics 1.0 text.
    OpenMetrics,
}

impl Format {
    /// The response's `Content-Type`.
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Text => text::MIME_TYPE,
            Format::OpenMetrics => openmetrics::MIME_TYPE,
        }
    }

    /// The format a scraper's `Accept` header asks for: OpenMetrics when it
    /// lists `application/openmetrics-text` with a non-zero `q` at least
    /// as high as any text type's, the text format otherwise (also when the
    /// header is missing).
    pub fn negotiate(accept: Option<&str>) -> Format {
        let Some(accept) = accept else {
            return Format::Text;
        };
        let (mut openmetrics, mut text) = (0.0f32, 0.0f32);
        for range in accept.split(',') {
            let mut parts = range.split(';').map(str::trim);
            let media = parts.next().unwrap_or_default().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.strip_prefix("q="))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            match media.as_str() {
                "application/openmetrics-text" => openmetrics = openmetrics.max(q),
                _ => text = text.max(q),
            }
        }
        if openmetrics > 0.0 && openmetrics >= text {
            Format::OpenMetrics
        } else {
            Format::Text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn negotiates_as_prometheus_asks() {
        // What Prometheus 2.42 sends.
        let prometheus = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
        assert_eq!(Format::negotiate(Some(prometheus)), Format::OpenMetrics);
        assert_eq!(Format::negotiate(None), Format::Text);
        assert_eq!(Format::negotiate(Some("*/*")), Format::Text);
        assert_eq!(Format::negotiate(Some("text/plain")), Format::Text);
        assert_eq!(
            Format::negotiate(Some("application/openmetrics-text;q=0")),
            Format::Text
        );
    }
}
