//! The Prometheus text format 0.0.4, byte for byte as prometheus'
//! `TextEncoder` prints `Registry::gather()` (registry prefix and common
//! labels included), written straight from the cells.

use super::line::{push_metadata, push_type, rendered_name, split_headers, Lines};
use super::number::{push_escaped, push_f64, push_u64};
use super::one_line::{push_value, Starts};
use super::{Encoder, Header, LineWriter, Sample, Scope};

/// `Content-Type` of the text format 0.0.4.
pub const MIME_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Writes families into a `String` in the text format.
#[derive(Debug)]
pub struct Text<'a> {
    out: &'a mut String,
    scope: &'a Scope,
    /// The current family's name and what its one-line series start with.
    starts: Starts<'a>,
}

impl<'a> Text<'a> {
    /// Appends to `out`, with the prefix and common labels of `scope`.
    pub fn new(out: &'a mut String, scope: &'a Scope) -> Self {
        Text {
            out,
            scope,
            starts: Starts::new(scope, false),
        }
    }
}

impl Encoder for Text<'_> {
    fn family(&mut self, header: &Header<'_>) {
        self.starts.family(header.name);
        let (out, name) = (&mut *self.out, self.starts.name());
        if !header.help.is_empty() {
            push_metadata(out, "# HELP ", name, |o| {
                push_escaped(o, header.help, false)
            });
        }
        push_type(out, name, header.kind);
    }

    fn family_rendered(&mut self, header: &Header<'_>, headers: &'static str) {
        let Some((text, ..)) = split_headers(headers, header, self.scope) else {
            return self.family(header);
        };
        self.starts
            .family_rendered(rendered_name(text, header.name.len()));
        debug_assert_eq!(self.starts.name(), header.name);
        self.out.push_str(text);
        debug_assert_eq!(text, {
            let mut rendered = String::new();
            Text::new(&mut rendered, self.scope).family(header);
            rendered
        });
    }

    fn lines(&mut self, names: &[&str]) -> Option<LineWriter<'_>> {
        self.lines_rendered(names, "")
    }

    fn lines_rendered(&mut self, names: &[&str], start: &'static str) -> Option<LineWriter<'_>> {
        if !self.starts.take(start, "", names) {
            self.starts.render("", names);
        }
        Some(LineWriter::new(self.out, &self.starts))
    }

    fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>) {
        let mut lines = Lines {
            out: &mut *self.out,
            scope: self.scope,
            name: self.starts.name(),
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
            scalar => lines.line("", None, |o| push_value(o, scalar, false, None)),
        }
    }
}
