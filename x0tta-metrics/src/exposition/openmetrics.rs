//! OpenMetrics 1.0 text: `# TYPE`, `# HELP`, `# UNIT`, counters' samples as
//! `_total`, canonical `le` values, and `# EOF` at the end.
//!
//! Exemplars follow their sample (` # {trace_id="…"} value timestamp`).
//! No `_created` samples: the cells keep no creation time (8 bytes per
//! series saved), and OpenMetrics makes them optional.

use super::line::{push_metadata, push_series, push_type, rendered_name, split_headers, Lines};
use super::number::{push_escaped, push_f64, push_u64};
use super::one_line::{push_value, Starts};
use super::{Encoder, Header, LineWriter, MetricKind, Sample, Scope};
use crate::storage::Exemplar;

/// `Content-Type` of OpenMetrics 1.0 text.
pub const MIME_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Writes families into a `String` in OpenMetrics text; [`finish`] ends it.
#[derive(Debug)]
pub struct OpenMetrics<'a> {
    out: &'a mut String,
    scope: &'a Scope,
    kind: MetricKind,
    /// The exemplars of the next sample, if it has any.
    pending: Vec<Option<Exemplar>>,
    /// The family's name (a counter's without `_total`) and what its
    /// one-line series start with.
    starts: Starts<'a>,
}

impl<'a> OpenMetrics<'a> {
    /// Appends to `out`, with the prefix and common labels of `scope`.
    pub fn new(out: &'a mut String, scope: &'a Scope) -> Self {
        OpenMetrics {
            out,
            scope,
            kind: MetricKind::Gauge,
            pending: Vec::new(),
            starts: Starts::new(scope, true),
        }
    }

    /// What a one-line series' name ends with: `_total` for a counter.
    fn suffix(&self) -> &'static str {
        if self.kind == MetricKind::Counter {
            "_total"
        } else {
            ""
        }
    }

    /// A counter's or gauge's value, its exemplar if any, the line's end.
    fn end_line(&mut self, sample: Sample<'_>) {
        let exemplar = self.pending.first().and_then(Option::as_ref);
        push_value(self.out, sample, true, exemplar);
        self.pending.clear();
        self.out.push('\n');
    }
}

/// A family's name in OpenMetrics: a counter's without the `_total` its
/// samples carry.
fn family_name<'h>(header: &Header<'h>) -> &'h str {
    match header.kind {
        MetricKind::Counter => header.name.strip_suffix("_total").unwrap_or(header.name),
        _ => header.name,
    }
}

/// Ends an exposition: OpenMetrics requires `# EOF` once, last.
pub fn finish(out: &mut String) {
    out.push_str("# EOF\n");
}

impl Encoder for OpenMetrics<'_> {
    fn family(&mut self, header: &Header<'_>) {
        self.kind = header.kind;
        self.starts.family(family_name(header));
        let (out, name) = (&mut *self.out, self.starts.name());
        push_type(out, name, header.kind);
        if !header.help.is_empty() {
            push_metadata(out, "# HELP ", name, |o| push_escaped(o, header.help, true));
        }
        if !header.unit.is_empty() {
            push_metadata(out, "# UNIT ", name, |o| o.push_str(header.unit));
        }
    }

    fn family_rendered(&mut self, header: &Header<'_>, headers: &'static str) {
        let Some((_, lines, _)) = split_headers(headers, header, self.scope) else {
            return self.family(header);
        };
        self.kind = header.kind;
        let name = family_name(header);
        self.starts
            .family_rendered(rendered_name(lines, name.len()));
        debug_assert_eq!(self.starts.name(), name);
        self.out.push_str(lines);
        debug_assert_eq!(lines, {
            let mut rendered = String::new();
            OpenMetrics::new(&mut rendered, self.scope).family(header);
            rendered
        });
    }

    fn exemplars(&mut self, exemplars: &[Option<Exemplar>]) {
        self.pending.clear();
        self.pending.extend_from_slice(exemplars);
    }

    fn lines(&mut self, names: &[&str]) -> Option<LineWriter<'_>> {
        self.lines_rendered(names, "")
    }

    fn lines_rendered(&mut self, names: &[&str], start: &'static str) -> Option<LineWriter<'_>> {
        let suffix = self.suffix();
        if !self.starts.take(start, suffix, names) {
            self.starts.render(suffix, names);
        }
        Some(LineWriter::new(self.out, &self.starts))
    }

    fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>) {
        let Sample::Histogram(h) = sample else {
            let suffix = self.suffix();
            push_series(
                self.out,
                self.scope,
                self.starts.name(),
                suffix,
                labels,
                None,
            );
            return self.end_line(sample);
        };
        let pending = std::mem::take(&mut self.pending);
        let exemplar = |i: usize| pending.get(i).and_then(Option::as_ref);
        let mut lines = Lines {
            out: &mut *self.out,
            scope: self.scope,
            name: self.starts.name(),
            labels,
        };
        let mut le = String::new();
        for (i, (&bound, &count)) in h.bounds.iter().zip(h.cumulative).enumerate() {
            le.clear();
            push_canonical(&mut le, bound);
            lines.line("_bucket", Some(("le", &le)), |o| {
                push_u64(o, count);
                push_exemplar(o, exemplar(i));
            });
        }
        lines.line("_bucket", Some(("le", "+Inf")), |o| {
            push_u64(o, h.count);
            push_exemplar(o, exemplar(h.bounds.len()));
        });
        lines.line("_count", None, |o| push_u64(o, h.count));
        lines.line("_sum", None, |o| push_number(o, h.sum));
        // The buffer goes back for the next series' exemplars.
        self.pending = pending;
        self.pending.clear();
    }
}

/// ` # {labels} value timestamp` after a sample, for an exemplar.
/// Inlined, so that a sample without one costs a test, not a call.
#[inline(always)]
pub(super) fn push_exemplar(out: &mut String, exemplar: Option<&Exemplar>) {
    if let Some(exemplar) = exemplar {
        push_some_exemplar(out, exemplar);
    }
}

fn push_some_exemplar(out: &mut String, exemplar: &Exemplar) {
    use std::fmt::Write as _;
    out.push_str(" # {");
    for (i, (name, value)) in exemplar.labels.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(name);
        out.push_str("=\"");
        push_escaped(out, value, true);
        out.push('"');
    }
    out.push_str("} ");
    push_number(out, exemplar.value);
    // Writing into a String cannot fail.
    let _ = write!(out, " {:.3}", exemplar.timestamp);
}

/// A value as OpenMetrics spells it: `+Inf`, `-Inf`, `NaN`, else decimal
/// (`-0.0` keeps its sign: parsers read `-0` as the integer 0).
pub(super) fn push_number(out: &mut String, v: f64) {
    if v == 0.0 && v.is_sign_negative() {
        out.push_str("-0.0");
    } else if v.is_nan() {
        out.push_str("NaN");
    } else if v.is_infinite() {
        out.push_str(if v > 0.0 { "+Inf" } else { "-Inf" });
    } else {
        push_f64(out, v);
    }
}

/// A bucket bound in OpenMetrics' canonical form (`1.0`, `0.25`): the
/// shortest round-trip representation with a decimal point, as Go and
/// Python print floats.
fn push_canonical(out: &mut String, v: f64) {
    use std::fmt::Write as _;
    // Writing into a String cannot fail.
    let _ = write!(out, "{v:?}");
}
