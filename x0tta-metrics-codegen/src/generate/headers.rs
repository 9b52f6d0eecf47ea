//! A family's metadata lines in both text formats, rendered by the macro so
//! that a scrape copies them whole instead of assembling and escaping them
//! (`Meta::headers` in the runtime, which documents the layout and checks
//! it against its own rendering in debug builds).
//!
//! The spec's text only ever becomes a string literal here, never code.

use proc_macro2::Literal;

use crate::model::{Kind, Metric};

/// `# HELP`/`# TYPE` of the text format 0.0.4, then `# TYPE`/`# HELP`/
/// `# UNIT` of OpenMetrics, then for a counter or gauge of one label what
/// each of its series lines starts with (`name{label="`, which a scrape
/// then copies instead of assembling it per family), as one string
/// literal; `None` (the default
/// row's empty string, rendered at scrape time) when the help needs
/// escaping in either format, which keeps the runtime's split of the two
/// parts a sum of known lengths.
pub(super) fn headers(metric: &Metric) -> Option<Literal> {
    let help = &metric.help;
    if help.contains(['\\', '\n', '"']) {
        return None;
    }
    let kind = metric.kind.as_str();
    let mut out = String::new();
    let name = &metric.exported;
    if !help.is_empty() {
        out.push_str(&format!("# HELP {name} {help}\n"));
    }
    out.push_str(&format!("# TYPE {name} {kind}\n"));
    // OpenMetrics names a counter's family without the `_total` of its samples.
    let name = match metric.kind {
        Kind::Counter => name.strip_suffix("_total").unwrap_or(name),
        _ => name,
    };
    out.push_str(&format!("# TYPE {name} {kind}\n"));
    if !help.is_empty() {
        out.push_str(&format!("# HELP {name} {help}\n"));
    }
    if let Some(unit) = metric.unit.as_deref().filter(|u| !u.is_empty()) {
        out.push_str(&format!("# UNIT {name} {unit}\n"));
    }
    if let ([label], false) = (&metric.labels[..], metric.kind == Kind::Histogram) {
        out.push_str(&format!("{}{{{}=\"", metric.exported, label.name));
    }
    Some(Literal::string(&out))
}
