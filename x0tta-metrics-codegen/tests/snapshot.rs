//! The expansion of a small spec, kept in `snapshot/small.expanded.rs` so that
//! every change to the generated code shows in review.
//!
//! `UPDATE_EXPECT=1 cargo test -p x0tta-metrics-codegen --test snapshot`
//! rewrites it; read the diff before committing.

use std::fs;
use std::path::Path;

#[test]
fn expansion_of_the_small_spec_matches_the_snapshot() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshot");
    let source = fs::read(dir.join("small.yaml")).expect("read small.yaml");
    let spec = x0tta_metrics_codegen::check(&source).expect("small.yaml is valid");
    let tokens = x0tta_metrics_codegen::generate(&spec, None);
    let file = syn::parse2::<syn::File>(tokens).expect("generated code parses");
    let expanded = format!(
        "// @generated from small.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.\n{}",
        prettyplease::unparse(&file)
    );
    let snapshot = dir.join("small.expanded.rs");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(&snapshot, &expanded).expect("write snapshot");
        return;
    }
    let expected = fs::read_to_string(&snapshot).unwrap_or_default();
    assert!(
        expected == expanded,
        "the generated code changed; review it and run with UPDATE_EXPECT=1 to accept.\n{}",
        first_difference(&expected, &expanded)
    );
}

fn first_difference(expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    format!(
        "first difference at line {}:\n- {}\n+ {}",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    )
}
