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
    /// The family's name as the macro rendered it, when the registry has
    /// no prefix (see [`family_rendered`](Self::family_rendered)); else
    /// empty, and `open` starts with the name.
    named: &'a str,
    /// The same, as the macro rendered it, when the current family's
    /// series take it (see [`take`](Self::take)); else empty, and `open`
    /// holds it.
    rendered: &'a str,
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
            named: "",
            rendered: "",
            name_len: 0,
            separators: String::new(),
            ends: Vec::new(),
        }
    }

    /// A family named `name` starts: its name after the scope's prefix.
    pub(super) fn family(&mut self, name: &str) {
        self.named = "";
        self.open.clear();
        if !self.scope.prefix().is_empty() {
            self.open.push_str(self.scope.prefix());
        }
        self.open.push_str(name);
        self.name_len = self.open.len();
    }

    /// A family starts whose name, in a registry without prefix, is
    /// `name`, a part of the macro's rendered lines: kept as it is, not
    /// copied.
    pub(super) fn family_rendered(&mut self, name: &'a str) {
        debug_assert!(self.scope.prefix().is_empty());
        self.named = name;
        self.name_len = name.len();
    }

    /// The current family's name, the registry's prefix included.
    pub(super) fn name(&self) -> &str {
        if self.named.is_empty() {
            &self.open[..self.name_len]
        } else {
            self.named
        }
    }

    /// Takes `start`, the current family's line start as the macro
    /// rendered it (`name{label="`, without prefix, or empty), instead of
    /// rendering it for the labels `names`, when its series start with it
    /// here: the scope has no prefix, and `start` has the name's `suffix` in
    /// this format (an OpenMetrics counter's `_total`, which a counter's
    /// exported name may lack: then `start` is shorter than the line start
    /// here, which its length tells without comparing bytes). Whether it
    /// did; if not, [`render`](Self::render) the start.
    pub(super) fn take(&mut self, start: &'a str, suffix: &str, names: &[&str]) -> bool {
        let [label] = names else {
            return false;
        };
        let len = self.name_len + suffix.len() + label.len() + "{=\"".len();
        let taken = start.len() == len && self.scope.prefix().is_empty();
        if taken {
            self.rendered = start;
            self.separators.clear();
            self.ends.clear();
            debug_assert_eq!(start, {
                let mut rendered = Starts::new(self.scope, self.openmetrics);
                rendered.family(self.name());
                rendered.render(suffix, names);
                rendered.open
            });
        }
        taken
    }

    /// What the current family's series lines start with.
    fn open(&self) -> &str {
        if self.rendered.is_empty() {
            &self.open
        } else {
            self.rendered
        }
    }

    /// Renders the line start of the current family's series: its name,
    /// then `suffix` and the labels `names`, in name order.
    pub(super) fn render(&mut self, suffix: &str, names: &[&str]) {
        self.rendered = "";
        if self.named.is_empty() {
            self.open.truncate(self.name_len);
        } else {
            self.open.clear();
            self.open.push_str(self.named);
            self.named = "";
        }
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
        LineWriter(Target::Text(TextLines {
            out,
            open: starts.open(),
            separators: &starts.separators,
            ends: &starts.ends,
            bare: starts.scope.bare(),
            close: (!starts.scope.common().is_empty()).then(|| starts.scope.close()),
            openmetrics: starts.openmetrics,
        }))
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

/// The text formats' writer: the family's line starts, copied out of
/// [`Starts`] once per family so that the loop over the series keeps them in
/// registers instead of reading them back through a reference after every
/// copy into `out`.
#[derive(Debug)]
struct TextLines<'a> {
    out: &'a mut String,
    /// `prefix name suffix{first="`, or `prefix name suffix` without labels.
    open: &'a str,
    /// `",name="` for every label after the first, concatenated, and
    /// where each ends.
    separators: &'a str,
    ends: &'a [usize],
    /// What follows the name of a series without labels.
    bare: &'a str,
    /// The end of the labels when the registry has common labels; without,
    /// the constant `"} `.
    close: Option<&'a str>,
    /// OpenMetrics: floats spelled its way, exemplars after the value.
    openmetrics: bool,
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
        self.push_line(escaped, sample, exemplar);
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

impl TextLines<'_> {
    /// One text line: the family's line start, the `escaped` label values
    /// between its separators, the value (and exemplar), the newline.
    #[inline(always)]
    fn push_line(&mut self, escaped: &[&str], sample: Sample<'_>, exemplar: Option<&Exemplar>) {
        if let Sample::Histogram(_) = sample {
            return;
        }
        debug_assert_eq!(self.ends.len() + 1, escaped.len().max(1));
        let out = &mut *self.out;
        push_start(out, self.open);
        match escaped.split_first() {
            None => out.push_str(self.bare),
            Some((first, rest)) => {
                push_short(out, first);
                let mut from = 0;
                for (value, &end) in rest.iter().zip(self.ends) {
                    out.push_str(&self.separators[from..end]);
                    push_short(out, value);
                    from = end;
                }
                match self.close {
                    Some(close) => out.push_str(close),
                    None if exemplar.is_none() && push_small_tail(out, sample) => return,
                    None => out.push_str("\"} "),
                }
            }
        }
        push_value(out, sample, self.openmetrics, exemplar);
        out.push('\n');
    }
}

/// Appends `$text` to `$out` as a copy of constant length when its length
/// is one of `$n` (one jump, then inlined moves), else through `push_str`:
/// a `push_str` of a length known only at run time is a call to `memcpy`,
/// which the series loop made twice a series.
macro_rules! push_by_length {
    ($out:expr, $text:expr, $($n:literal)*) => {{
        let (out, text): (&mut String, &str) = ($out, $text);
        match text.len() {
            $($n => out.push_str(&text[..$n]),)*
            _ => out.push_str(text),
        }
    }};
}

/// Appends `value`, most often a short label value: up to 16 bytes as a
/// copy of constant length.
#[inline(always)]
fn push_short(out: &mut String, value: &str) {
    push_by_length!(out, value, 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
}

/// Appends a family's line start (`name{label="`), the same for every
/// series of the family, so its jump is always predicted: 16 to 48 bytes,
/// most names, as a copy of constant length.
#[inline(always)]
fn push_start(out: &mut String, start: &str) {
    push_by_length!(
        out, start,
        16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32
        33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48
    );
}

/// `"} 0\n` to `"} 9\n`, five bytes each.
const TAILS_1: &str = "\"} 0\n\"} 1\n\"} 2\n\"} 3\n\"} 4\n\"} 5\n\"} 6\n\"} 7\n\"} 8\n\"} 9\n";

/// `"} 10\n` to `"} 99\n`, six bytes each.
const TAILS_2: &str = concat!(
    "\"} 10\n\"} 11\n\"} 12\n\"} 13\n\"} 14\n\"} 15\n\"} 16\n\"} 17\n\"} 18\n\"} 19\n",
    "\"} 20\n\"} 21\n\"} 22\n\"} 23\n\"} 24\n\"} 25\n\"} 26\n\"} 27\n\"} 28\n\"} 29\n",
    "\"} 30\n\"} 31\n\"} 32\n\"} 33\n\"} 34\n\"} 35\n\"} 36\n\"} 37\n\"} 38\n\"} 39\n",
    "\"} 40\n\"} 41\n\"} 42\n\"} 43\n\"} 44\n\"} 45\n\"} 46\n\"} 47\n\"} 48\n\"} 49\n",
    "\"} 50\n\"} 51\n\"} 52\n\"} 53\n\"} 54\n\"} 55\n\"} 56\n\"} 57\n\"} 58\n\"} 59\n",
    "\"} 60\n\"} 61\n\"} 62\n\"} 63\n\"} 64\n\"} 65\n\"} 66\n\"} 67\n\"} 68\n\"} 69\n",
    "\"} 70\n\"} 71\n\"} 72\n\"} 73\n\"} 74\n\"} 75\n\"} 76\n\"} 77\n\"} 78\n\"} 79\n",
    "\"} 80\n\"} 81\n\"} 82\n\"} 83\n\"} 84\n\"} 85\n\"} 86\n\"} 87\n\"} 88\n\"} 89\n",
    "\"} 90\n\"} 91\n\"} 92\n\"} 93\n\"} 94\n\"} 95\n\"} 96\n\"} 97\n\"} 98\n\"} 99\n",
);

/// Ends a line whose labels close it (no common labels) and whose value
/// is an integer below 100 — `"} `, the value, the newline — with one
/// copy of constant length, inlined, instead of three appends, each of
/// which stores the string's length for the next to read back. Both text
/// formats print such a value the same way. Whether it did: nothing is
/// written for any other value.
#[inline(always)]
fn push_small_tail(out: &mut String, sample: Sample<'_>) -> bool {
    let value = match sample {
        Sample::Count(v) if v < 100 => v as usize,
        Sample::Signed(v) if (0..100).contains(&v) => v as usize,
        _ => return false,
    };
    // Each branch copies a constant length: one `push_str` of either
    // length would be a call to `memcpy`.
    if value < 10 {
        out.push_str(&TAILS_1[5 * value..5 * value + 5]);
    } else {
        let at = 6 * (value - 10);
        out.push_str(&TAILS_2[at..at + 6]);
    }
    true
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

    #[test]
    fn values_and_line_starts_are_appended_whole_at_every_length() {
        let long = "abcdefghijklmnopqrstuvwxyz";
        let long = long.repeat(3);
        for len in 0..=long.len() {
            for push in [push_short, push_start] {
                let mut out = String::from("x{");
                push(&mut out, &long[..len]);
                assert_eq!(out, format!("x{{{}", &long[..len]));
            }
        }
        // Lengths are bytes: a value of multi-byte characters too.
        let mut out = String::new();
        push_short(&mut out, "\u{e9}t\u{e9}");
        assert_eq!(out, "\u{e9}t\u{e9}");
    }

    #[test]
    fn small_tails_end_lines_as_the_numbers_print() {
        for value in 0..120u64 {
            let mut expected = String::from("\"} ");
            crate::exposition::number::push_u64(&mut expected, value);
            expected.push('\n');
            for sample in [Sample::Count(value), Sample::Signed(value as i64)] {
                let mut tail = String::new();
                let written = push_small_tail(&mut tail, sample);
                assert_eq!(written, value < 100, "{value}");
                assert_eq!(tail, if written { &expected } else { "" }, "{value}");
            }
        }
        for sample in [Sample::Signed(-1), Sample::Float(1.0)] {
            let mut tail = String::new();
            assert!(!push_small_tail(&mut tail, sample));
            assert_eq!(tail, "");
        }
    }
}
