//! Rustdoc for the generated items, and the one way spec text enters it.
//!
//! rustdoc compiles and runs every code block of a doc comment as a doctest
//! (fenced with ```` ``` ```` or `~~~`, or indented by four spaces, also
//! inside lists and quotes), so spec text reaches a doc attribute only
//! through [`spec_text`], which leaves no way to open a code block, and the
//! few spec values shown as code go through [`code_span`].

use proc_macro2::TokenStream;
use quote::quote;

/// One `#[doc]` attribute holding every line, as rustdoc joins `///` lines:
/// each attribute costs the macro and rustc tokens, and an accessor's doc
/// has several lines. `markdown` is the generator's own text; spec text in
/// it must have gone through [`spec_text`] or [`code_span`].
pub(crate) fn doc(markdown: &str) -> TokenStream {
    let text = doc_text(markdown);
    quote!(#[doc = #text])
}

/// The value of [`doc`]'s attribute: every line after a space, as `///`
/// writes it (and none on an empty line).
pub(crate) fn doc_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len() + 8);
    for (i, line) in markdown.split('\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if !line.is_empty() {
            text.push(' ');
            text.push_str(line);
        }
    }
    text
}

/// Spec text (a help, a deprecation note) as markdown that renders the same
/// words and can hold no code block, HTML or link:
/// - on every line, runs of whitespace (tabs and carriage returns included)
///   become one space and leading whitespace goes, so nothing is indented
///   far enough to be an indented code block, even inside a list or quote;
/// - `` ` `` and `~` are escaped, so no fence and no code span opens;
/// - `\` is escaped, so the escapes above cannot be undone;
/// - `<`, `[` and `]` are escaped: no HTML, no (intra-doc) link.
///
/// Paragraphs (blank lines), lists and emphasis keep their markdown meaning.
pub(crate) fn spec_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, word) in line.split_whitespace().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            for c in word.chars() {
                if matches!(c, '\\' | '`' | '~' | '<' | '[' | ']') {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    out
}

/// A spec value (a label value) as one inline code span on one line: control
/// characters escaped, delimited by more backticks than it holds in a row.
/// Callers place it after other text, never at the start of a line, so even
/// a long delimiter cannot open a fence.
pub(crate) fn code_span(value: &str) -> String {
    let value = value.escape_debug().to_string();
    let longest = value.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // A span whose text starts or ends with a backtick needs a space of padding.
    if value.starts_with('`') || value.ends_with('`') {
        format!("{fence} {value} {fence}")
    } else {
        format!("{fence}{value}{fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_text_cannot_open_code() {
        let hostile = "```rust\nfn main() {}\n```\n\n    indented();\n- \t    in_list();\n> ~~~\n<script>[x](y)\\`";
        let out = spec_text(hostile);
        assert_eq!(
            out,
            "\\`\\`\\`rust\nfn main() {}\n\\`\\`\\`\n\nindented();\n- in_list();\n> \\~\\~\\~\n\\<script>\\[x\\](y)\\\\\\`"
        );
        assert!(!out.contains("  "), "no indentation survives: {out}");
    }

    #[test]
    fn carriage_returns_do_not_break_lines() {
        assert_eq!(spec_text("a\r    b"), "a b");
    }

    #[test]
    fn code_spans_outlast_their_backticks() {
        assert_eq!(code_span("5xx"), "`5xx`");
        assert_eq!(code_span("a``b"), "```a``b```");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("a\nb"), "`a\\nb`");
    }
}
