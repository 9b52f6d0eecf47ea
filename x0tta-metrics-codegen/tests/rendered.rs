//! Snapshots of the rustc-style rendering (`Diagnostic::render_snippet`):
//! each case's diagnostics, rendered without colour, must equal
//! `tests/rendered/<case>.txt`. The cases cover the shapes the renderer has
//! to get right: several errors in one file, a secondary span at the first
//! definition of a duplicate, a file-level error with no line to show, and
//! columns after tabs and multi-byte characters.
//!
//! `UPDATE_EXPECT=1 cargo test -p x0tta-metrics-codegen --test rendered`
//! rewrites the `.txt` files; review the diff before committing.

use std::fs;
use std::path::{Path, PathBuf};

use x0tta_metrics_codegen::diagnostic::Color;

/// (case name, spec path relative to the crate's tests folder).
const CASES: &[(&str, &str)] = &[
    ("many-errors", "corpus/bad/many-errors-at-once.yaml"),
    (
        "duplicate-metric",
        "corpus/bad/duplicate-metric-across-groups.yaml",
    ),
    ("duplicate-value", "corpus/bad/duplicate-enum-value.yaml"),
    ("not-utf8", "corpus/bad/not-utf8.yaml"),
    ("yaml-syntax", "corpus/bad/yaml-unclosed-flow.yaml"),
    ("tab-and-utf8", "rendered/tab-and-utf8.yaml"),
];

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn rendered(spec: &Path) -> String {
    let bytes = fs::read(spec).expect("read spec");
    let diagnostics = x0tta_metrics_codegen::check(&bytes).expect_err("a bad spec");
    let source = std::str::from_utf8(&bytes).ok();
    let name = spec.file_name().expect("name").to_string_lossy();
    diagnostics
        .iter()
        .map(|d| d.render_snippet(&name, source, Color::Never) + "\n\n")
        .collect()
}

#[test]
fn rendered_diagnostics_match_their_snapshots() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut mismatches = Vec::new();
    for (case, spec) in CASES {
        let got = rendered(&tests_dir().join(spec));
        let path = tests_dir().join(format!("rendered/{case}.txt"));
        if update {
            fs::write(&path, &got).expect("write snapshot");
        } else if fs::read_to_string(&path).unwrap_or_default() != got {
            mismatches.push(format!("{case}: expected {}\ngot:\n{got}", path.display()));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn the_caret_covers_the_whole_token_after_tabs_and_wide_characters() {
    let text = rendered(&tests_dir().join("rendered/tab-and-utf8.yaml"));
    // The offending value `countr` (the file's last error) is underlined as
    // a whole, and only it.
    let lines: Vec<&str> = text.lines().collect();
    let source_line = lines
        .iter()
        .rposition(|l| l.contains("type: countr"))
        .expect("the YAML line is shown");
    let (code, carets) = (lines[source_line], lines[source_line + 1]);
    let start = carets.find('^').expect("a caret line");
    assert_eq!(carets.trim_end().len() - start, "countr".len(), "{text}");
    // The carets start under the token: the rendered line expands the tab,
    // and columns count characters, so compare character positions.
    let code_chars: Vec<char> = code.chars().collect();
    let under: String = code_chars[start..start + 6].iter().collect();
    assert_eq!(under, "countr", "{text}");
}

#[test]
fn the_help_and_the_explain_note_follow_the_snippet() {
    let text = rendered(&tests_dir().join("corpus/bad/unknown-key-metric-lables.yaml"));
    assert!(
        text.starts_with("error[unknown-key]: unknown key \"lables\""),
        "{text}"
    );
    assert!(text.contains("= help: did you mean \"labels\"?"), "{text}");
    assert!(text.contains("x0tta-metrics explain unknown-key"), "{text}");
}

#[test]
fn the_readme_shows_a_real_rendering() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
        .expect("README.md");
    let text = rendered(&tests_dir().join("corpus/bad/many-errors-at-once.yaml"));
    let block = text
        .split("\n\n")
        .find(|b| b.starts_with("error[unknown-type]"))
        .expect("the unknown-type error");
    assert!(readme.contains(block), "README.md should show:\n{block}");
}
