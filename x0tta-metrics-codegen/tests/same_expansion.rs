//! The generator writes the per-family code as Rust source text lexed once
//! (`generate/code.rs`) instead of building it token by token with `quote!`.
//! That change had to leave the expansion as it was, token for token and
//! literal for literal: `same_expansion/<spec>.tokens` holds what the
//! token-by-token generator printed (`TokenStream::to_string`) for the root
//! `metrics-spec.yaml` (copied as `root.yaml`, so edits to the real one do
//! not move this test), `synthetic_spec(300)` of the benches (six groups
//! of the four shapes the compile benchmark expands), and every spec of
//! `tests/snapshot` (static groups, dual emission, native histograms,
//! exemplars, which the other two lack).
//!
//! Both sides are lexed again and printed one token at a time, so that only
//! tokens count, not whether a punctuation mark is joint with the next one:
//! `quote!` marks `,` in `, &` alone and the lexer marks `,&` joint, which
//! rustc reads the same, as it reads the text like any source file (the
//! snapshot test parses the result). Literals compare by their spelling: an
//! escape written differently shows here.
//!
//! `UPDATE_EXPECT=1` rewrites the fixtures; only with an intended change.

use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Every spec of the test: (name, YAML file).
fn specs() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut specs = vec![
        ("root".to_string(), root.join("same_expansion/root.yaml")),
        (
            "synthetic300".to_string(),
            root.join("same_expansion/synthetic300.yaml"),
        ),
    ];
    let mut shapes: Vec<_> = fs::read_dir(root.join("snapshot"))
        .expect("read tests/snapshot")
        .filter_map(|entry| {
            let path = entry.expect("directory entry").path();
            let shape = path
                .file_name()?
                .to_str()?
                .strip_suffix(".yaml")?
                .to_string();
            Some((shape, path))
        })
        .collect();
    shapes.sort();
    specs.extend(shapes);
    specs
}

/// `printed` lexed, then printed a token and a space at a time.
fn normalized(printed: &str) -> String {
    let tokens = TokenStream::from_str(printed).expect("the printed expansion lexes");
    let mut out = String::with_capacity(printed.len());
    tokens_of(tokens, &mut out);
    out
}

fn tokens_of(tokens: TokenStream, out: &mut String) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                out.push(' ');
                tokens_of(group.stream(), out);
                out.push_str(close);
            }
            TokenTree::Punct(punct) => out.push(punct.as_char()),
            TokenTree::Ident(ident) => out.push_str(&ident.to_string()),
            TokenTree::Literal(literal) => out.push_str(&literal.to_string()),
        }
        out.push(' ');
    }
}

#[test]
fn the_expansion_is_the_one_the_token_generator_printed() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/same_expansion");
    let mut changed = Vec::new();
    for (name, path) in specs() {
        let source = fs::read(&path).expect("read the spec");
        let spec = x0tta_metrics_codegen::check(&source)
            .unwrap_or_else(|d| panic!("{} is valid: {d:?}", path.display()));
        let printed = normalized(&x0tta_metrics_codegen::generate(&spec, None).to_string());
        let fixture = fixtures.join(format!("{name}.tokens"));
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            fs::write(&fixture, &printed).expect("write the fixture");
            continue;
        }
        let expected = normalized(&fs::read_to_string(&fixture).expect("read the fixture"));
        if expected != printed {
            let at = expected
                .bytes()
                .zip(printed.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.len().min(printed.len()));
            let around = |s: &str| {
                s.get(at.saturating_sub(80)..(at + 80).min(s.len()))
                    .unwrap_or("")
                    .to_string()
            };
            changed.push(format!(
                "{name}: byte {at}\n  was: {}\n  now: {}",
                around(&expected),
                around(&printed)
            ));
        }
    }
    assert!(
        changed.is_empty(),
        "the expansion changed:\n{}",
        changed.join("\n")
    );
}
