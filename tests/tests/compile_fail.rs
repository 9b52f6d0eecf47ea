//! Misuses of the generated API that must not compile, each with the
//! compiler's message pinned in `tests/ui/*.stderr`.
//!
//! Regenerate the snapshots with `TRYBUILD=overwrite cargo test -p
//! x0tta-metrics-tests --test compile_fail`, then read every changed one.

#[test]
fn misuses_of_the_generated_api_do_not_compile() {
    trybuild::TestCases::new().compile_fail("ui/*.rs");
}
