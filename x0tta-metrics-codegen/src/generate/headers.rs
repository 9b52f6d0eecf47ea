//! A family's metadata lines in both text formats, rendered by the macro so
//! that a scrape copies them whole instead of assembling and escaping them
//! (`Meta::headers` in the runtime, which documents the layout and checks
//! it against its own rendering in debug builds).
//!
//! The spec's text only ever becomes a string literal here, never code.

use crate::model::{Kind, Metric};

/// `# HELP`/`# TYPE` of the text format 0.0.4, then `# TYPE`/`# HELP`/
/// `# UNIT` of OpenMetrics, then the protobuf format's `MetricFamily`
/// fields before the series (see [`protobuf`]), then for a counter or gauge of one label what
/// each of its series lines starts with (`name{label="`, which a scrape
/// then copies instead of assembling it per family), as the value of one
/// string literal; `None` (the default
/// row's empty string, rendered at scrape time) when the help needs
/// escaping in either format, which keeps the runtime's split of the two
/// parts a sum of known lengths.
pub(super) fn headers(metric: &Metric) -> Option<String> {
    let help = &metric.help;
    if help.contains(['\\', '\n', '"']) {
        return None;
    }
    let kind = metric.kind.as_str();
    let name = &metric.exported;
    // Pushed piece by piece, not `format!`ted: this runs unoptimized in
    // the macro, once per family.
    let mut out = String::with_capacity(4 * (name.len() + help.len()) + 64);
    let mut line = |parts: &[&str]| {
        for part in parts {
            out.push_str(part);
        }
        out.push('\n');
    };
    if !help.is_empty() {
        line(&["# HELP ", name, " ", help]);
    }
    line(&["# TYPE ", name, " ", kind]);
    // OpenMetrics names a counter's family without the `_total` of its samples.
    let name = match metric.kind {
        Kind::Counter => name.strip_suffix("_total").unwrap_or(name),
        _ => name,
    };
    line(&["# TYPE ", name, " ", kind]);
    if !help.is_empty() {
        line(&["# HELP ", name, " ", help]);
    }
    if let Some(unit) = metric.unit.as_deref().filter(|u| !u.is_empty()) {
        line(&["# UNIT ", name, " ", unit]);
    }
    protobuf(metric, &mut out);
    if let ([label], false) = (&metric.labels[..], metric.kind == Kind::Histogram) {
        for part in [&metric.exported, "{", &label.name, "=\""] {
            out.push_str(part);
        }
    }
    Some(out)
}

/// The `name`, `help` and `type` fields of the family's `MetricFamily`
/// message (client_model's `metrics.proto`) when the name and the help are
/// shorter than 128 bytes: every length is then one byte below 0x80, so the
/// fields are ASCII (a valid string literal); else nothing, and the
/// protobuf encoder writes them itself. Appended to `out`.
fn protobuf(metric: &Metric, out: &mut String) {
    let (name, help) = (&metric.exported, &metric.help);
    if name.len() >= 0x80 || help.len() >= 0x80 {
        return;
    }
    // `MetricType`: COUNTER = 0, GAUGE = 1, HISTOGRAM = 4.
    let kind = match metric.kind {
        Kind::Counter => 0,
        Kind::Gauge => 1,
        Kind::Histogram => 4,
    };
    // Keys: field 1 (name) and 2 (help) length-delimited, 3 (type) a varint.
    out.push('\x0a');
    out.push(char::from(name.len() as u8));
    out.push_str(name);
    out.push('\x12');
    out.push(char::from(help.len() as u8));
    out.push_str(help);
    out.push('\x18');
    out.push(char::from(kind));
}
