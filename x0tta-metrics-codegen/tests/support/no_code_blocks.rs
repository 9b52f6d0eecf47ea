//! A structural check that generated rustdoc holds no code block, for the
//! property test and the fuzz target (which run far too many cases to
//! compile each): no doc line is indented, and none opens a fence, also
//! after list or quote markers. `tests/tests/doc_injection.rs` of the
//! workspace proves the same with rustdoc itself on a sample.

/// Panics, showing `source`, if a doc line of `file` could open a code block.
pub fn assert_no_code_block(file: &syn::File, source: &[u8]) {
    let code = prettyplease::unparse(file);
    for line in code.lines() {
        let Some(doc) = line.trim_start().strip_prefix("///") else {
            continue;
        };
        // The generator writes one space after `///`; more is indentation.
        let text = doc.strip_prefix(' ').unwrap_or(doc);
        let opens = text.starts_with(char::is_whitespace) || {
            let body = text.trim_start_matches(|c: char| {
                matches!(c, '>' | '-' | '*' | '+' | ' ' | '.' | ')') || c.is_ascii_digit()
            });
            body.starts_with("```") || body.starts_with("~~~")
        };
        assert!(
            !opens,
            "a valid spec generated a doc line that can open a code block: {line:?}\n{}",
            String::from_utf8_lossy(source)
        );
    }
}
