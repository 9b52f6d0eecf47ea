//! The start of a sample line, identical in both text formats:
//! `prefix name suffix {labels,common,extra} `.

use super::number::push_escaped;
use super::Scope;

/// Appends `{scope prefix}{name}{suffix}{labels}` and the space before the
/// value. The labels are the series' own (in name order, as prometheus
/// orders them), then the registry's common labels, then `extra` (a
/// histogram's `le`), exactly where `TextEncoder` puts them after `gather()`.
pub fn push_series(
    out: &mut String,
    scope: &Scope,
    name: &str,
    suffix: &str,
    labels: &[(&str, &str)],
    extra: Option<(&str, &str)>,
) {
    out.push_str(scope.prefix());
    out.push_str(name);
    out.push_str(suffix);
    if !labels.is_empty() || !scope.common().is_empty() || extra.is_some() {
        out.push('{');
        let mut separator = "";
        for &(label, value) in labels {
            out.push_str(separator);
            push_pair(out, label, value);
            separator = ",";
        }
        if !scope.common().is_empty() {
            out.push_str(separator);
            out.push_str(scope.common());
            separator = ",";
        }
        if let Some((label, value)) = extra {
            out.push_str(separator);
            push_pair(out, label, value);
        }
        out.push('}');
    }
    out.push(' ');
}

/// Appends one metadata line, `# {keyword} {scope prefix}{name} {value}`,
/// the same in both text formats (`HELP`, `TYPE`, `UNIT`).
pub fn push_metadata(
    out: &mut String,
    scope: &Scope,
    keyword: &str,
    name: &str,
    value: impl FnOnce(&mut String),
) {
    out.push_str("# ");
    out.push_str(keyword);
    out.push(' ');
    out.push_str(scope.prefix());
    out.push_str(name);
    out.push(' ');
    value(out);
    out.push('\n');
}

fn push_pair(out: &mut String, label: &str, value: &str) {
    out.push_str(label);
    out.push_str("=\"");
    push_escaped(out, value, true);
    out.push('"');
}

/// The lines of one series: its family name and labels, bound once.
pub struct Lines<'a> {
    /// Where the lines go.
    pub out: &'a mut String,
    /// The registry's prefix and common labels.
    pub scope: &'a Scope,
    /// The family's name in this format.
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
