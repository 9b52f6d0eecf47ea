//! Spec errors through the real macro: a scratch crate invokes
//! `metrics_spec!` on bad specs from the diagnostics corpus, and the compiler's
//! output must match `tests/spec-errors/<case>.stderr`: every error spanned on
//! the macro's path literal, its message the rustc-style rendering of the
//! YAML line with the offending token underlined, all reported in one build.
//!
//! A scratch crate (not trybuild) because the macro resolves the spec path
//! against the invoking crate's root, which must be a directory we control.
//! `UPDATE_EXPECT=1` rewrites the `.stderr` files.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use support::scratch::{manifest, workspace};

const CASES: &[&str] = &[
    "unknown-key-metric-lables",
    "many-errors-at-once",
    "summary-type",
    "lint-reserved-suffix",
    "waiver-unused",
    "yaml-unclosed-flow",
    "not-utf8",
    "sample-name-clash",
    // Spec names meeting generated names: only the spec's diagnostics, no
    // rustc error inside the expansion.
    "generated-member-clash",
    "labels-struct-type-clash",
    // Constant labels: each problem at its key or value.
    "const-labels",
    // A static group: a histogram, a free-form label, sharded, exemplars.
    "static-misuse",
];

/// Writes the scratch crate: one binary per case, each expanding its spec.
fn scratch_crate(root: &Path) {
    fs::create_dir_all(root.join("src/bin")).expect("create scratch crate");
    fs::create_dir_all(root.join("specs")).expect("create specs dir");
    fs::write(root.join("Cargo.toml"), manifest("spec-errors")).expect("write Cargo.toml");
    let corpus = workspace().join("x0tta-metrics-codegen/tests/corpus/bad");
    for case in CASES {
        fs::copy(
            corpus.join(format!("{case}.yaml")),
            root.join(format!("specs/{case}.yaml")),
        )
        .expect("copy spec");
        fs::write(
            root.join(format!("src/bin/{case}.rs")),
            format!("x0tta_metrics::metrics_spec!(\"specs/{case}.yaml\");\n\nfn main() {{}}\n"),
        )
        .expect("write case");
    }
    // A spec path that does not exist: the error shows what it resolved to.
    fs::write(
        root.join("src/bin/missing-file.rs"),
        "x0tta_metrics::metrics_spec!(\"specs/no-such-spec.yaml\");\n\nfn main() {}\n",
    )
    .expect("write missing-file case");
}

/// The compiler's errors for one case, with machine-specific paths replaced.
fn errors_of(root: &Path, case: &str) -> String {
    let output = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--message-format=short", "--bin", case])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    assert!(!output.status.success(), "{case}: the bad spec compiled");
    // An error's first line is `file:line:col: error: …`; the rendered
    // snippet follows on indented lines.
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| !line.starts_with("error: could not compile"))
        .filter(|line| !line.contains("warning"))
        .map(|line| line.replace(&root.display().to_string(), "$SCRATCH") + "\n")
        .collect()
}

#[test]
fn bad_specs_fail_to_compile_with_located_errors() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("spec-errors");
    scratch_crate(&root);
    let expected_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec-errors");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut mismatches = Vec::new();
    for case in CASES.iter().copied().chain(["missing-file"]) {
        let got = errors_of(&root, case);
        // Every error points at the path literal of the macro call, and
        // shows where in the YAML the problem is.
        let errors = got.lines().filter(|line| !line.starts_with(' '));
        for line in errors {
            assert!(
                line.starts_with(&format!("src/bin/{case}.rs:1:30: error: ")),
                "{line}"
            );
        }
        let errors = got.lines().filter(|line| !line.starts_with(' ')).count();
        let located = got
            .lines()
            .filter(|l| l.trim_start().starts_with("--> specs/"))
            .count();
        assert_eq!(
            errors, located,
            "{case}: an error without its YAML location:\n{got}"
        );
        let path = expected_dir.join(format!("{case}.stderr"));
        if update {
            fs::write(&path, &got).expect("write expected");
        } else if fs::read_to_string(&path).unwrap_or_default() != got {
            mismatches.push(format!("{case}: expected {}\ngot:\n{got}", path.display()));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
