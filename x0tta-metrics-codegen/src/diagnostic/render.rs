//! The rustc-style form of a diagnostic, drawn by annotate-snippets (the
//! renderer rustc itself uses): the YAML line with the offending token
//! underlined, related places as secondary spans, `help:` and a note naming
//! `x0tta-metrics explain`.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Location};

/// Whether the rendered form carries ANSI colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// Plain text: files, pipes, compiler messages.
    Never,
    /// ANSI colours, for a terminal.
    Always,
}

/// Where the rendered form goes.
#[derive(Clone, Copy)]
pub(super) enum Target {
    /// A terminal or file: `error[rule]: message`, coloured or not.
    Terminal(Color),
    /// A compile error's message: the compiler prints `error: ` itself, so
    /// the title is `message [rule]`, and there is never colour.
    Compiler,
}

pub(super) fn snippet(d: &Diagnostic, path: &str, source: Option<&str>, target: Target) -> String {
    let title = match target {
        Target::Terminal(_) => Level::ERROR.primary_title(d.message.as_str()).id(d.rule),
        Target::Compiler => Level::ERROR
            .no_name()
            .primary_title(format!("{} [{}]", d.message, d.rule)),
    };
    let primary = source.and_then(|s| Some((s, byte_range(s, d.location)?)));
    let mut group = match primary {
        Some((source, primary)) => {
            let related: Vec<_> = d
                .related
                .iter()
                .filter_map(|r| Some((byte_range(source, r.location)?, r)))
                .collect();
            // Only the lines from the first to the last annotated one go to
            // the renderer (it folds the rest anyway), so rendering stays
            // cheap for a large spec with many errors.
            let (first, first_line) = related
                .iter()
                .map(|(range, r)| (range.start, r.location.line))
                .chain([(primary.start, d.location.line)])
                .min()
                .unwrap_or((primary.start, d.location.line));
            let last = related
                .iter()
                .map(|(range, _)| range.end)
                .chain([primary.end])
                .max()
                .unwrap_or(primary.end);
            let lo = source[..first].rfind('\n').map_or(0, |i| i + 1);
            let hi = source[last..].find('\n').map_or(source.len(), |i| last + i);
            let shift = |r: &Range<usize>| r.start - lo..r.end - lo;
            let mut snippet = Snippet::source(&source[lo..hi])
                .line_start(to_usize(first_line))
                .path(path)
                .annotation(AnnotationKind::Primary.span(shift(&primary)));
            for (range, related) in &related {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(shift(range))
                        .label(related.label.as_str()),
                );
            }
            title.element(snippet)
        }
        // The file as a whole (unreadable, not UTF-8): no line to show.
        None => {
            let origin = Origin::path(path);
            let origin = if d.location.line > 0 {
                origin
                    .line(to_usize(d.location.line))
                    .char_column(to_usize(d.location.column.saturating_sub(1)))
            } else {
                origin
            };
            title.element(origin)
        }
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let explain = format!(
        "`x0tta-metrics explain {}` shows this rule with an example",
        d.rule
    );
    group = group.element(Level::NOTE.message(explain));
    let renderer = match target {
        Target::Terminal(Color::Always) => Renderer::styled(),
        Target::Terminal(Color::Never) | Target::Compiler => Renderer::plain(),
    };
    renderer.render(&[group] as &[Group<'_>])
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The bytes of `source` that `at` covers, clipped to its first line (a
/// mapping's extent is its whole block; its first line says which one it is).
/// A location of unknown extent covers the one character it points at.
fn byte_range(source: &str, at: Location) -> Option<Range<usize>> {
    let line_index = to_usize(at.line.checked_sub(1)?);
    let line_start = if line_index == 0 {
        0
    } else {
        source
            .match_indices('\n')
            .nth(line_index - 1)
            .map(|(i, _)| i + 1)?
    };
    let line = source[line_start..].split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut chars = line
        .char_indices()
        .map(|(i, _)| i)
        .chain([line.len()])
        .skip(to_usize(at.column.saturating_sub(1)));
    let start = chars.next()?;
    let end = chars
        .nth(to_usize(at.len.max(1) - 1))
        .unwrap_or(line.trim_end().len().max(start));
    Some(line_start + start..line_start + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_counts_characters_not_bytes() {
        let source = "a: 1\nhelp: \"é\" x: y\n";
        // `x` stands at column 11 of line 2 (é is one character, two bytes).
        let range = byte_range(source, Location::new(2, 11).spanning(1)).expect("range");
        assert_eq!(&source[range], "x");
    }

    #[test]
    fn a_span_stops_at_the_end_of_its_line() {
        let source = "groups:\n  - name: a\n    help: b\n";
        let range = byte_range(source, Location::new(2, 5).spanning(40)).expect("range");
        assert_eq!(&source[range], "name: a");
    }

    #[test]
    fn a_location_past_the_file_has_no_range() {
        assert_eq!(byte_range("a: 1\n", Location::new(9, 1)), None);
        assert_eq!(byte_range("a: 1\n", Location::FILE), None);
    }
}
