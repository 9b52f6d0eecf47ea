//! The start of a sample line, identical in both text formats:
//! `prefix name suffix {labels,common,extra} `.

use super::number::push_escaped;
use super::Scope;

/// Appends `{scope prefix}{name}{suffix}{labels}` and the space before the
/// value, escaping the label values. The labels are the series' own (in
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
    push_prefix(out, scope);
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

/// The registry's prefix: usually none, and then not even a call to copy nothing.
#[inline(always)]
fn push_prefix(out: &mut String, scope: &Scope) {
    if !scope.prefix().is_empty() {
        out.push_str(scope.prefix());
    }
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

/// Appends one metadata line, `# {keyword} {scope prefix}{name} {value}`,
/// the same in both text formats (`HELP`, `TYPE`, `UNIT`). Inlined, so the
/// keyword is a constant copied without a call.
#[inline(always)]
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
    push_prefix(out, scope);
    out.push_str(name);
    out.push(' ');
    value(out);
    out.push('\n');
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

/// What every one-line series of a family (a counter's or gauge's) writes
/// before its label values — `prefix name suffix{first="` — and between
/// them — `",second="` — rendered at the family's first such series and
/// copied for the rest, so that with values already escaped
/// ([`Encoder::sample_escaped`](super::Encoder::sample_escaped)) a series
/// line is a few copies. The buffers are reused from family to family.
#[derive(Debug, Default)]
pub struct Starts {
    /// `prefix name suffix{first="`, or `prefix name suffix` without labels.
    open: String,
    /// `",name="` for every label after the first, concatenated.
    separators: String,
    /// Where each of those ends in `separators`.
    ends: Vec<usize>,
    /// Whether the above are the current family's.
    ready: bool,
}

impl Starts {
    /// A new family starts: render again at its first series.
    pub fn reset(&mut self) {
        self.ready = false;
    }

    /// Appends the line of a series up to the space before its value:
    /// `labels`' names with the `escaped` values. Every series of a family
    /// has the same label names (the contract of `sample_escaped`).
    #[inline(always)]
    pub fn push(
        &mut self,
        out: &mut String,
        scope: &Scope,
        name: &str,
        suffix: &str,
        labels: &[(&str, &str)],
        escaped: &[&str],
    ) {
        if !self.ready {
            self.render(scope, name, suffix, labels);
        }
        debug_assert_eq!(escaped.len(), labels.len());
        debug_assert_eq!(self.ends.len() + 1, labels.len().max(1));
        out.push_str(&self.open);
        let Some((first, rest)) = escaped.split_first() else {
            out.push_str(scope.bare());
            return;
        };
        out.push_str(first);
        let mut from = 0;
        for (value, &end) in rest.iter().zip(&self.ends) {
            out.push_str(&self.separators[from..end]);
            out.push_str(value);
            from = end;
        }
        push_close(out, scope);
    }

    fn render(&mut self, scope: &Scope, name: &str, suffix: &str, labels: &[(&str, &str)]) {
        self.open.clear();
        push_prefix(&mut self.open, scope);
        self.open.push_str(name);
        if !suffix.is_empty() {
            self.open.push_str(suffix);
        }
        self.separators.clear();
        self.ends.clear();
        if let Some(((first, _), rest)) = labels.split_first() {
            self.open.push('{');
            self.open.push_str(first);
            self.open.push_str("=\"");
            for (label, _) in rest {
                self.separators.push_str("\",");
                self.separators.push_str(label);
                self.separators.push_str("=\"");
                self.ends.push(self.separators.len());
            }
        }
        self.ready = true;
    }
}
