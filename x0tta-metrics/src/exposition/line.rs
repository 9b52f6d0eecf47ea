//! The start of a sample line, identical in both text formats:
//! `prefix name suffix {labels,common,extra} `.

use super::number::push_escaped;
use super::{Header, MetricKind, Scope};

/// Appends `{name}{suffix}{labels}` and the space before the value,
/// escaping the label values; `name` has the registry's prefix. The labels are the series' own (in
/// name order, as prometheus orders them), then the registry's common
/// labels, then `extra` (a histogram's `le`), exactly where `TextEncoder`
/// puts them after `gather()`.
pub fn push_series(
    out: &mut String,
    scope: &Scope,
    name: &str,
    suffix: &str,
    labels: &[(&str, &str)],
    extra: Option<(&str, &str)>,
) {
    out.push_str(name);
    out.push_str(suffix);
    if labels.is_empty() && extra.is_none() {
        out.push_str(scope.bare());
        return;
    }
    out.push('{');
    // Each value's closing quote is written by what follows it.
    for (i, &(label, value)) in labels.iter().enumerate() {
        if i > 0 {
            out.push_str("\",");
        }
        out.push_str(label);
        out.push_str("=\"");
        push_escaped(out, value, true);
    }
    let Some((label, value)) = extra else {
        push_close(out, scope);
        return;
    };
    let mut separator = "";
    if !labels.is_empty() {
        out.push('"');
        separator = ",";
    }
    if !scope.common().is_empty() {
        out.push_str(separator);
        out.push_str(scope.common());
        separator = ",";
    }
    out.push_str(separator);
    out.push_str(label);
    out.push_str("=\"");
    push_escaped(out, value, true);
    out.push_str("\"} ");
}

/// The end of a series' own labels: [`Scope::close`]. Without common labels
/// it is a constant, which the compiler copies without a call.
#[inline(always)]
fn push_close(out: &mut String, scope: &Scope) {
    if scope.common().is_empty() {
        out.push_str("\"} ");
    } else {
        out.push_str(scope.close());
    }
}

/// Appends one metadata line, `{keyword}{name} {value}`: `keyword` is
/// `# HELP ` (`# TYPE `, `# UNIT `), `name` has the registry's prefix. The
/// same in both text formats; inlined, so the keyword is a constant copied
/// without a call.
#[inline(always)]
pub fn push_metadata(out: &mut String, keyword: &str, name: &str, value: impl FnOnce(&mut String)) {
    out.push_str(keyword);
    out.push_str(name);
    out.push(' ');
    value(out);
    out.push('\n');
}

/// Appends the `# TYPE` line of `name` (the registry's prefix included),
/// the same in both text formats: the type and the line's end are one
/// constant per type, copied without a call.
#[inline(always)]
pub fn push_type(out: &mut String, name: &str, kind: MetricKind) {
    out.push_str("# TYPE ");
    out.push_str(name);
    match kind {
        MetricKind::Counter => out.push_str(" counter\n"),
        MetricKind::Gauge => out.push_str(" gauge\n"),
        MetricKind::Histogram => out.push_str(" histogram\n"),
    }
}

/// The text format's, OpenMetrics' and the protobuf format's parts of a
/// family's pre-rendered metadata `headers` (see
/// [`Meta::headers`](crate::storage::Meta::headers), its line start taken
/// off), when the scrape can copy them: `headers` is not empty and `scope`
/// has no prefix. The text part is a `# HELP` line (if the help is not
/// empty) and a `# TYPE` line of the unprefixed name, the help unescaped
/// (the macro renders only help that needs no escaping), and the protobuf
/// part, last, the `MetricFamily` fields `name`, `help` and `type`, when
/// the name and the help are shorter than 128 bytes (each length one
/// byte), else empty: both lengths follow from the header's. OpenMetrics'
/// lines are between them.
pub fn split_headers<'h>(
    headers: &'h str,
    header: &Header<'_>,
    scope: &Scope,
) -> Option<(&'h str, &'h str, &'h str)> {
    if headers.is_empty() || !scope.prefix().is_empty() {
        return None;
    }
    let (name, help) = (header.name.len(), header.help.len());
    let line = |value: usize| "# TYPE ".len() + name + 1 + value + 1;
    let help_line = if help == 0 { 0 } else { line(help) };
    let text = help_line + line(header.kind.as_str().len());
    // Two keys, two lengths, the type's key and value.
    let protobuf = if name < 0x80 && help < 0x80 {
        name + help + 6
    } else {
        0
    };
    let om = headers.len().checked_sub(protobuf)?;
    Some((
        headers.get(..text)?,
        headers.get(text..om)?,
        headers.get(om..)?,
    ))
}

/// The family's name in metadata `lines` as the macro renders them (see
/// [`split_headers`]): they start with `# HELP ` or `# TYPE `, then the name,
/// `len` bytes (the header's name, or OpenMetrics' name of a counter's
/// family). The same string as the header's, borrowed from the lines.
pub fn rendered_name(lines: &'static str, len: usize) -> &'static str {
    lines
        .get("# TYPE ".len()..)
        .and_then(|rest| rest.get(..len))
        .unwrap_or_default()
}

/// The lines of one series: its family name and labels, bound once.
pub struct Lines<'a> {
    /// Where the lines go.
    pub out: &'a mut String,
    /// The registry's prefix and common labels.
    pub scope: &'a Scope,
    /// The family's name in this format, the registry's prefix included.
    pub name: &'a str,
    /// The series' labels, in name order.
    pub labels: &'a [(&'a str, &'a str)],
}

impl Lines<'_> {
    /// One sample line: name + `suffix`, labels (+ `extra`), then the value `write` appends.
    pub fn line(
        &mut self,
        suffix: &str,
        extra: Option<(&str, &str)>,
        write: impl FnOnce(&mut String),
    ) {
        push_series(self.out, self.scope, self.name, suffix, self.labels, extra);
        write(self.out);
        self.out.push('\n');
    }
}
