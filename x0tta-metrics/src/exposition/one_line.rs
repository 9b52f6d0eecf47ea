//! The one-line series of a dense family (its counters and gauges), in
//! every format, written family by family.
//!
//! A dense family asks the encoder for a [`LineWriter`] once
//! ([`Encoder::lines`](super::Encoder::lines)) and writes every series
//! through it, so the loop over the series is compiled for the family's
//! cell type with no call through `dyn Encoder` per series. What every
//! series of the family shares is rendered once per family, into a scratch
//! buffer of the scrape, not kept per series: in the text formats
//! `prefix name suffix{first="` and the separators between values
//! ([`Starts`]); in the protobuf format each label's name field and the
//! common labels (`MetricStarts`, in `scalar_metric`).

use super::line::push_close;
use super::number::{push_f64, push_i64, push_u64};
use super::openmetrics::{push_exemplar, push_number};
use super::scalar_metric::MetricStarts;
use super::{Sample, Scope};
use crate::storage::Exemplar;

/// A family's name with the registry's prefix (`prefix name`), which its
/// metadata lines and every sample line start with, and what every
/// one-line series of the family writes before its label values —
/// `prefix name suffix{first="` — and between them — `",second="`:
/// rendered once per family and copied for each series. The buffers are
/// reused from family to family.
#[derive(Debug)]
pub(super) struct Starts<'a> {
    /// The registry's prefix and common labels.
    scope: &'a Scope,
    /// OpenMetrics: floats spelled its way, exemplars after the value.
    openmetrics: bool,
    /// `prefix name suffix{first="`, or `prefix name suffix` without labels.
    open: String,
    /// The length of `prefix name` at the start of `open`.
    name_len: usize,
    /// `",name="` for every label after the first, concatenated.
    separators: String,
    /// Where each of those ends in `separators`.
    ends: Vec<usize>,
}

impl<'a> Starts<'a> {
    /// Line starts in `scope`, for OpenMetrics when `openmetrics`, else
    /// for the text format 0.0.4.
    pub(super) fn new(scope: &'a Scope, openmetrics: bool) -> Self {
        Starts {
            scope,
            openmetrics,
            open: String::new(),
            name_len: 0,
            separators: String::new(),
            ends: Vec::new(),
        }
    }

    /// A family named `name` starts: its name after the scope's prefix.
    pub(super) fn family(&mut self, name: &str) {
        self.open.clear();
        if !self.scope.prefix().is_empty() {
            self.open.push_str(self.scope.prefix());
        }
        self.open.push_str(name);
        self.name_len = self.open.len();
    }

    /// The current family's name, the registry's prefix included.
    pub(super) fn name(&self) -> &str {
        &self.open[..self.name_len]
    }

    /// Renders the line start of the current family's series: its name,
    /// then `suffix` and the labels `names`, in name order.
    pub(super) fn render(&mut self, suffix: &str, names: &[&str]) {
        self.open.truncate(self.name_len);
        if !suffix.is_empty() {
            self.open.push_str(suffix);
        }
        self.separators.clear();
        self.ends.clear();
        if let Some((first, rest)) = names.split_first() {
            self.open.push('{');
            self.open.push_str(first);
            self.open.push_str("=\"");
            for label in rest {
                self.separators.push_str("\",");
                self.separators.push_str(label);
                self.separators.push_str("=\"");
                self.ends.push(self.separators.len());
            }
        }
    }
}

/// Writes the one-line series (counters and gauges) of the family an
/// encoder has just started: a line each in the text formats, a `Metric`
/// message each in the protobuf format. The writer the encoders hand out
/// from [`Encoder::lines`](super::Encoder::lines).
#[derive(Debug)]
pub struct LineWriter<'a>(Target<'a>);

/// Where a [`LineWriter`] writes, and what every series of the family
/// starts with there.
#[derive(Debug)]
enum Target<'a> {
    /// Text 0.0.4 or OpenMetrics lines.
    Text(TextLines<'a>),
    /// Delimited protobuf: `Metric` messages of the current family.
    Protobuf(ProtobufLines<'a>),
}

/// One format's writer of one-line series: what a dense family's loop over
/// its series is compiled for (see [`LineWriter::each`]).
pub(crate) trait WriteLine {
    /// Writes one series, as [`LineWriter::line`] describes.
    fn line(
        &mut self,
        labels: &[(&str, &str)],
        escaped: &[&str],
        sample: Sample<'_>,
        exemplar: Option<&Exemplar>,
    );
}

/// A family's loop over its one-line series, run by [`LineWriter::each`]
/// with the writer of the encoder's format.
pub(crate) trait EachLine {
    /// Writes every series through `lines`.
    fn each<W: WriteLine>(self, lines: &mut W);
}

impl<'a> LineWriter<'a> {
    /// A writer into `out` of lines that start with `starts`.
    pub(super) fn new(out: &'a mut String, starts: &'a Starts<'a>) -> Self {
        LineWriter(Target::Text(TextLines { out, starts }))
    }

    /// A writer into `out` of `Metric` messages built from `starts`.
    pub(super) fn protobuf(out: &'a mut Vec<u8>, starts: &'a MetricStarts) -> Self {
        LineWriter(Target::Protobuf(ProtobufLines { out, starts }))
    }

    /// Writes one series: `labels` are its labels (name, value as given),
    /// one per label name given to [`Encoder::lines`](super::Encoder::lines)
    /// and in that order, and `escaped` the same values escaped as both text
    /// formats escape them (`\\`, `\"`, `\n`); then its value, and in
    /// OpenMetrics and protobuf a counter's exemplar, if it keeps one. A
    /// histogram is not one line: a family of them is handed to
    /// [`Encoder::sample`](super::Encoder::sample) instead, and `line`
    /// writes nothing for one.
    pub fn line(
        &mut self,
        labels: &[(&str, &str)],
        escaped: &[&str],
        sample: Sample<'_>,
        exemplar: Option<&Exemplar>,
    ) {
        match &mut self.0 {
            Target::Text(lines) => lines.line(labels, escaped, sample, exemplar),
            Target::Protobuf(lines) => lines.line(labels, escaped, sample, exemplar),
        }
    }

    /// Runs a family's loop over its series with this format's writer: the
    /// format is chosen once per family, not per series, so the loop is
    /// compiled for it (a `match` per series cost the text formats 10 %).
    #[inline(always)]
    pub(crate) fn each(self, series: impl EachLine) {
        match self.0 {
            Target::Text(mut lines) => series.each(&mut lines),
            Target::Protobuf(mut lines) => series.each(&mut lines),
        }
    }
}

/// The text formats' writer: the family's line starts.
#[derive(Debug)]
struct TextLines<'a> {
    out: &'a mut String,
    starts: &'a Starts<'a>,
}

impl WriteLine for TextLines<'_> {
    #[inline(always)]
    fn line(
        &mut self,
        _: &[(&str, &str)],
        escaped: &[&str],
        sample: Sample<'_>,
        exemplar: Option<&Exemplar>,
    ) {
        push_line(self.out, self.starts, escaped, sample, exemplar);
    }
}

/// The protobuf format's writer: the family's rendered `Metric` parts.
#[derive(Debug)]
struct ProtobufLines<'a> {
    out: &'a mut Vec<u8>,
    starts: &'a MetricStarts,
}

impl WriteLine for ProtobufLines<'_> {
    #[inline(always)]
    fn line(
        &mut self,
        labels: &[(&str, &str)],
        _: &[&str],
        sample: Sample<'_>,
        exemplar: Option<&Exemplar>,
    ) {
        self.starts.write(self.out, labels, sample, exemplar);
    }
}

/// One text line: the family's line start, the `escaped` label values
/// between its separators, the value (and exemplar), the newline.
#[inline(always)]
fn push_line(
    out: &mut String,
    starts: &Starts<'_>,
    escaped: &[&str],
    sample: Sample<'_>,
    exemplar: Option<&Exemplar>,
) {
    if let Sample::Histogram(_) = sample {
        return;
    }
    debug_assert_eq!(starts.ends.len() + 1, escaped.len().max(1));
    out.push_str(&starts.open);
    match escaped.split_first() {
        None => out.push_str(starts.scope.bare()),
        Some((first, rest)) => {
            out.push_str(first);
            let mut from = 0;
            for (value, &end) in rest.iter().zip(&starts.ends) {
                out.push_str(&starts.separators[from..end]);
                out.push_str(value);
                from = end;
            }
            push_close(out, starts.scope);
        }
    }
    push_value(out, sample, starts.openmetrics, exemplar);
    out.push('\n');
}

/// A counter's or gauge's value and, in OpenMetrics, its exemplar if any:
/// the end of its line but the newline. Nothing for a histogram (a line
/// per bucket, which the encoders write themselves).
#[inline(always)]
pub(super) fn push_value(
    out: &mut String,
    sample: Sample<'_>,
    openmetrics: bool,
    exemplar: Option<&Exemplar>,
) {
    match sample {
        Sample::Count(v) => push_u64(out, v),
        Sample::Signed(v) => push_i64(out, v),
        Sample::Float(v) if openmetrics => push_number(out, v),
        Sample::Float(v) => push_f64(out, v),
        Sample::Histogram(_) => return,
    }
    // Integer gauges have no exemplars.
    if openmetrics && !matches!(sample, Sample::Signed(_)) {
        push_exemplar(out, exemplar);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_start_with_the_prefixed_name_and_separate_their_labels() {
        let scope = Scope::none();
        let mut starts = Starts::new(&scope, false);
        starts.family("a_total");
        assert_eq!(starts.name(), "a_total");
        starts.render("", &["a", "b"]);
        let mut out = String::from("before\n");
        let mut lines = LineWriter::new(&mut out, &starts);
        lines.line(
            &[("a", "x"), ("b", "y\\")],
            &["x", "y\\\\"],
            Sample::Count(3),
            None,
        );
        lines.line(
            &[("a", "z"), ("b", "")],
            &["z", ""],
            Sample::Float(0.5),
            None,
        );
        assert_eq!(
            out,
            "before\na_total{a=\"x\",b=\"y\\\\\"} 3\na_total{a=\"z\",b=\"\"} 0.5\n"
        );
        let mut starts = Starts::new(&scope, true);
        starts.family("bare");
        starts.render("_total", &[]);
        let mut out = String::new();
        LineWriter::new(&mut out, &starts).line(&[], &[], Sample::Float(-0.0), None);
        assert_eq!(out, "bare_total -0.0\n");
    }
}
