//! The Prometheus text format 0.0.4, byte for byte as prometheus'
//! `TextEncoder` prints `Registry::gather()` (registry prefix and common
//! labels included), written straight from the cells.

use super::line::{push_metadata, Lines, Starts};
use super::number::{push_escaped, push_f64, push_i64, push_u64};
use super::{Encoder, Header, Sample, Scope};

/// `Content-Type` of the text format 0.0.4.
pub const MIME_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Writes families into a `String` in the text format.
#[derive(Debug)]
pub struct Text<'a> {
    out: &'a mut String,
    scope: &'a Scope,
    /// The current family's name.
    name: String,
    /// The start of its one-line series.
    starts: Starts,
}

impl<'a> Text<'a> {
    /// Appends to `out`, with the prefix and common labels of `scope`.
    pub fn new(out: &'a mut String, scope: &'a Scope) -> Self {
        Text {
            out,
            scope,
            name: String::new(),
            starts: Starts::default(),
        }
    }
}

impl Encoder for Text<'_> {
    fn family(&mut self, header: &Header<'_>) {
        self.name.clear();
        self.name.push_str(header.name);
        self.starts.reset();
        let (out, scope) = (&mut *self.out, self.scope);
        if !header.help.is_empty() {
            push_metadata(out, scope, "HELP", header.name, |o| {
                push_escaped(o, header.help, false)
            });
        }
        push_metadata(out, scope, "TYPE", header.name, |o| {
            o.push_str(header.kind.as_str())
        });
    }

    fn sample_escaped(&mut self, labels: &[(&str, &str)], escaped: &[&str], sample: Sample<'_>) {
        if let Sample::Histogram(_) = sample {
            return self.sample(labels, sample);
        }
        let out = &mut *self.out;
        self.starts
            .push(out, self.scope, &self.name, "", labels, escaped);
        push_value(out, sample);
        out.push('\n');
    }

    fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>) {
        let mut lines = Lines {
            out: &mut *self.out,
            scope: self.scope,
            name: &self.name,
            labels,
        };
        match sample {
            Sample::Histogram(h) => {
                let mut le = String::new();
                for (&bound, &count) in h.bounds.iter().zip(h.cumulative) {
                    le.clear();
                    push_f64(&mut le, bound);
                    lines.line("_bucket", Some(("le", &le)), |o| push_u64(o, count));
                }
                lines.line("_bucket", Some(("le", "+Inf")), |o| push_u64(o, h.count));
                lines.line("_sum", None, |o| push_f64(o, h.sum));
                lines.line("_count", None, |o| push_u64(o, h.count));
            }
            scalar => lines.line("", None, |o| push_value(o, scalar)),
        }
    }
}

/// A counter's or gauge's value.
#[inline(always)]
fn push_value(out: &mut String, sample: Sample<'_>) {
    match sample {
        Sample::Count(v) => push_u64(out, v),
        Sample::Signed(v) => push_i64(out, v),
        Sample::Float(v) => push_f64(out, v),
        // Histograms have a line per bucket, written by `sample`.
        Sample::Histogram(_) => {}
    }
}
