//! Misuses of the generated API that must not compile, each with the
//! compiler's message pinned in `tests/ui/*.stderr`; and uses that must
//! compile (and run), in `tests/ui-pass`.
//!
//! Regenerate the snapshots with `TRYBUILD=overwrite cargo test -p
//! x0tta-metrics-tests --test compile_fail`, then read every changed one.

use std::fs;
use std::path::Path;

#[test]
fn misuses_of_the_generated_api_do_not_compile() {
    trybuild::TestCases::new().compile_fail("ui/*.rs");
}

#[test]
fn a_static_group_in_a_static_compiles_and_counts() {
    // trybuild builds the case in a crate of its own under target/, whose
    // root the macro would resolve `specs/…` against: the case is copied
    // with the spec's absolute path instead.
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = fs::read_to_string(here.join("ui-pass/static_group.rs")).expect("read the case");
    let spec = here.join("specs/static.yaml");
    let source = source.replace(
        "\"specs/static.yaml\"",
        &format!("{:?}", spec.display().to_string()),
    );
    assert!(
        source.contains(&*spec.display().to_string()),
        "the case names its spec"
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-pass");
    fs::create_dir_all(&dir).expect("create the case's directory");
    let case = dir.join("static_group.rs");
    fs::write(&case, source).expect("write the case");
    trybuild::TestCases::new().pass(&case);
}
