//! Every exposition format, each one encoder of the same walk.
//!
//! A family walks its series once and hands each to an [`Encoder`]: a
//! [`Header`] per family, then one format-neutral [`Sample`] per series with
//! its labels in name order. Each format is a module with its encoder and its
//! `MIME_TYPE`: [`text`] (Prometheus 0.0.4), [`openmetrics`] (OpenMetrics
//! 1.0 text), [`protobuf`] (Prometheus' delimited `MetricFamily` messages,
//! with exemplars and native histograms) and [`collect`] (prometheus'
//! `proto::MetricFamily`, which is how every family implements `Collector`
//! for `Registry::gather()`). Adding a format is adding a module and a
//! [`Format`] variant.

pub mod collect;
mod combined;
mod line;
mod number;
mod one_line;
pub mod openmetrics;
pub(crate) mod order;
mod overflow;
pub mod protobuf;
mod scalar_metric;
mod scope;
pub mod text;
pub(crate) mod walk;
mod wire;

pub use combined::Combined;
pub use number::push_f64;
pub(crate) use number::{needs_escaping, push_escaped};
pub use one_line::LineWriter;
pub(crate) use one_line::{EachLine, WriteLine};
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
    /// A family starts, its metadata lines pre-rendered by the macro
    /// ([`Meta::headers`](crate::storage::Meta::headers), or empty): the
    /// text formats copy their part of `headers` instead of rendering the
    /// lines when the registry has no prefix. The default is
    /// [`family`](Self::family).
    fn family_rendered(&mut self, header: &Header<'_>, headers: &'static str) {
        let _ = headers;
        self.family(header);
    }
    /// One series of the current family; `labels` in label-name order,
    /// with the same names for every series of a family (as prometheus'
    /// registry requires: formats render the names once per family).
    fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>);
    /// The writer of the current family's series when they are one line
    /// each (counters and gauges): the text and protobuf formats return one
    /// and a dense family writes its series through it
    /// ([`LineWriter::line`], label values as given and escaped), with no
    /// call through the trait per series. `names` are the family's label
    /// names in name order, the same for every series. The default, `None`,
    /// is for the other formats (`gather()`'s), which get
    /// [`sample`](Self::sample) per series.
    fn lines(&mut self, names: &[&str]) -> Option<LineWriter<'_>> {
        let _ = names;
        None
    }
    /// [`lines`](Self::lines), given what the family's series lines start
    /// with as the macro rendered it (`name{label="`, for a family of one
    /// label: see [`Meta::headers`](crate::storage::Meta::headers)) or
    /// empty: the text formats copy it instead of rendering their own when
    /// the registry has no prefix. The default is [`lines`](Self::lines).
    fn lines_rendered(&mut self, names: &[&str], start: &'static str) -> Option<LineWriter<'_>> {
        let _ = start;
        self.lines(names)
    }
    /// The exemplars of the next [`sample`](Self::sample) (one per counter,
    /// one per histogram bucket and `+Inf`); only formats with exemplars
    /// (OpenMetrics, protobuf) keep them.
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

    /// Appends the families in `format` to `out` (a buffer kept between
    /// scrapes): the body of a `/metrics` response.
    fn write_format(&self, format: Format, out: &mut Vec<u8>) {
        if format == Format::Protobuf {
            self.encode(&mut protobuf::Protobuf::new(out, self.scope()));
            return;
        }
        // The text formats write a `String`: `out`'s own buffer whenever it
        // holds text (as it does between scrapes, empty), so nothing is copied.
        let (mut text, mut binary) = match String::from_utf8(std::mem::take(out)) {
            Ok(text) => (text, None),
            Err(error) => (String::new(), Some(error.into_bytes())),
        };
        match format {
            Format::OpenMetrics => self.write_openmetrics(&mut text),
            _ => self.write_text(&mut text),
        }
        *out = match binary.as_mut() {
            Some(bytes) => {
                bytes.extend_from_slice(text.as_bytes());
                std::mem::take(bytes)
            }
            None => text.into_bytes(),
        };
    }

    /// Appends the families in the text format 0.0.4 to `out`.
    fn write_text(&self, out: &mut String) {
        self.encode(&mut text::Text::new(out, self.scope()));
    }

    /// Appends the families in OpenMetrics 1.0 text to `out`, `# EOF` included.
    fn write_openmetrics(&self, out: &mut String) {
        self.encode(&mut openmetrics::OpenMetrics::new(out, self.scope()));
        openmetrics::finish(out);
    }

    /// The families in `format`: the body of a `/metrics` response.
    fn encode_format(&self, format: Format) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_format(format, &mut out);
        out
    }

    /// The families in the text format 0.0.4.
    fn encode_text(&self) -> String {
        let mut out = String::new();
        self.write_text(&mut out);
        out
    }

    /// The families in OpenMetrics 1.0 text.
    fn encode_openmetrics(&self) -> String {
        let mut out = String::new();
        self.write_openmetrics(&mut out);
        out
    }

    /// The families as delimited protobuf `MetricFamily` messages.
    fn encode_protobuf(&self) -> Vec<u8> {
        self.encode_format(Format::Protobuf)
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

/// A borrowed exposition, such as a `static` group's (`&JOBS`), which
/// [`Combined`] then serves beside a `Metrics`.
impl<T: Exposition + ?Sized> Exposition for &T {
    fn encode(&self, encoder: &mut dyn Encoder) {
        (**self).encode(encoder);
    }

    fn scope(&self) -> &Scope {
        (**self).scope()
    }
}

/// A format a scrape can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Prometheus text 0.0.4.
    Text,
    /// OpenMetrics 1.0 text.
    OpenMetrics,
    /// Prometheus' protobuf format: delimited `MetricFamily` messages.
    Protobuf,
}

impl Format {
    /// The response's `Content-Type`.
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Text => text::MIME_TYPE,
            Format::OpenMetrics => openmetrics::MIME_TYPE,
            Format::Protobuf => protobuf::MIME_TYPE,
        }
    }

    /// The format a scraper's `Accept` header asks for, as Prometheus'
    /// client_golang negotiates it (`expfmt.NegotiateIncludingOpenMetrics`):
    /// the media ranges by descending `q` (ties in header order), the first
    /// one this crate writes wins: `application/vnd.google.protobuf` with
    /// `proto=io.prometheus.client.MetricFamily` and `encoding=delimited`,
    /// `text/plain` (version `0.0.4` or none), `application/openmetrics-text`
    /// (version `1.0.0`, `0.0.1` or none). Wildcards match none of them; no
    /// match, or no header, is the text format. Unlike client_golang, a range
    /// with `q=0` is refused, as HTTP says.
    pub fn negotiate(accept: Option<&str>) -> Format {
        let mut best: Option<(f32, Format)> = None;
        for range in accept.unwrap_or_default().split(',') {
            let Some((q, format)) = media_range(range) else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(best, _)| q > best) {
                best = Some((q, format));
            }
        }
        best.map_or(Format::Text, |(_, format)| format)
    }
}

/// One media range of an `Accept` header: its `q` and the format it asks
/// for, if this crate writes it.
fn media_range(range: &str) -> Option<(f32, Format)> {
    let mut parts = range.split(';');
    let (kind, subtype) = parts.next()?.trim().split_once('/')?;
    let (mut q, mut version, mut proto, mut encoding) = (1.0, "", "", "");
    for param in parts {
        let Some((name, value)) = param.split_once('=') else {
            continue;
        };
        let value = value.trim();
        match name.trim() {
            // An unreadable q is 0, as client_golang reads it.
            "q" => q = value.parse().unwrap_or(0.0),
            "version" => version = value,
            "proto" => proto = value,
            "encoding" => encoding = value,
            _ => {}
        }
    }
    let (kind, subtype) = (kind.trim(), subtype.trim());
    let format = if kind.eq_ignore_ascii_case("application")
        && subtype.eq_ignore_ascii_case("vnd.google.protobuf")
    {
        (proto == "io.prometheus.client.MetricFamily" && encoding == "delimited")
            .then_some(Format::Protobuf)
    } else if kind.eq_ignore_ascii_case("text") && subtype.eq_ignore_ascii_case("plain") {
        matches!(version, "" | "0.0.4").then_some(Format::Text)
    } else if kind.eq_ignore_ascii_case("application")
        && subtype.eq_ignore_ascii_case("openmetrics-text")
    {
        matches!(version, "" | "1.0.0" | "0.0.1").then_some(Format::OpenMetrics)
    } else {
        None
    };
    Some((q, format?))
}

#[cfg(test)]
mod tests {
    use super::Format;

    /// What Prometheus 2.42 sends (`scrape/scrape.go`), without and with
    /// `--enable-feature=native-histograms`.
    const PROMETHEUS: &str = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    const PROMETHEUS_NATIVE: &str = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    #[test]
    fn negotiates_as_prometheus_asks() {
        assert_eq!(Format::negotiate(Some(PROMETHEUS)), Format::OpenMetrics);
        assert_eq!(Format::negotiate(Some(PROMETHEUS_NATIVE)), Format::Protobuf);
        assert_eq!(Format::negotiate(None), Format::Text);
        assert_eq!(Format::negotiate(Some("")), Format::Text);
        assert_eq!(Format::negotiate(Some("*/*")), Format::Text);
        assert_eq!(Format::negotiate(Some("text/plain")), Format::Text);
        assert_eq!(
            Format::negotiate(Some("application/openmetrics-text;q=0")),
            Format::Text
        );
    }

    #[test]
    fn q_values_decide_and_ties_keep_header_order() {
        let cases = [
            // Protobuf asked for with a lower q than OpenMetrics.
            ("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.5,application/openmetrics-text;q=0.9", Format::OpenMetrics),
            ("text/plain;q=0.9, application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", Format::Protobuf),
            ("text/plain,application/openmetrics-text", Format::Text),
            ("application/openmetrics-text,text/plain", Format::OpenMetrics),
            ("application/openmetrics-text;q=0.2,text/plain;q=0.3", Format::Text),
            // A refused range does not count, whatever its place.
            ("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0,text/plain;q=0.1", Format::Text),
            ("application/openmetrics-text;q=nonsense,text/plain;q=0.1", Format::Text),
        ];
        for (accept, format) in cases {
            assert_eq!(Format::negotiate(Some(accept)), format, "{accept}");
        }
    }

    #[test]
    fn only_the_variants_written_here_match() {
        let cases = [
            // Protobuf in another encoding or of another message.
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=compact-text",
            "application/vnd.google.protobuf;proto=other.Message;encoding=delimited",
            "application/vnd.google.protobuf",
            // Text and OpenMetrics versions not written here.
            "text/plain;version=1.0.0",
            "application/openmetrics-text;version=2.0.0",
            "application/json",
            "application/*",
        ];
        for accept in cases {
            assert_eq!(Format::negotiate(Some(accept)), Format::Text, "{accept}");
        }
        assert_eq!(
            Format::negotiate(Some("APPLICATION/OpenMetrics-Text; version=1.0.0")),
            Format::OpenMetrics
        );
    }
}
