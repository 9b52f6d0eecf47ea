//! No input makes the checker or the generator panic or hang: random bytes,
//! YAML-shaped token soup, and valid specs mutated at random, more than
//! 10,000 cases in all. Whatever parses must also generate valid Rust
//! whose docs hold no code block (rustdoc would run it as a doctest);
//! whatever fails must render its diagnostics with the YAML lines.
//!
//! The coverage-guided twin of this test is the cargo-fuzz target in
//! `x0tta-metrics-codegen/fuzz/`.

use proptest::prelude::*;

#[path = "support/mutate.rs"]
mod mutate;
#[path = "support/no_code_blocks.rs"]
mod no_code_blocks;

use mutate::{mutate, mutation, Mutation, BASES, TOKENS};

/// Checks `source`; a spec that passes must generate code that parses with
/// no code block in its docs, and every diagnostic of one that fails must
/// render against its text.
fn check_and_generate(source: &[u8]) {
    match x0tta_metrics_codegen::check(source) {
        Ok(spec) => {
            let tokens = x0tta_metrics_codegen::generate(&spec, None);
            match syn::parse2::<syn::File>(tokens) {
                Ok(file) => no_code_blocks::assert_no_code_block(&file, source),
                Err(e) => panic!(
                    "a valid spec generated code that does not parse: {e}\n{}",
                    String::from_utf8_lossy(source)
                ),
            }
        }
        Err(diagnostics) => {
            let text = std::str::from_utf8(source).ok();
            for d in &diagnostics {
                let rendered = d.render_for_compiler("spec.yaml", text);
                assert!(rendered.contains(d.rule), "{rendered}");
            }
        }
    }
}

fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..120)
        .prop_map(|tokens| tokens.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_and_generate(&bytes);
    }

    #[test]
    fn yaml_token_soup_never_panics(source in token_soup()) {
        check_and_generate(&source);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_valid_specs_never_panic(
        base in prop::sample::select(BASES),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        check_and_generate(&mutate(base, &mutations));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_catalogue_never_panics(mutations in prop::collection::vec(mutation(), 1..4)) {
        check_and_generate(&mutate(include_str!("../../metrics-spec.yaml"), &mutations));
    }
}

#[test]
fn the_mutator_changes_specs() {
    // Guards the property test itself: mutations must produce other inputs.
    let base = BASES[0];
    let mutated = mutate(base, &[Mutation::Insert { at: 0, token: "[" }]);
    assert_ne!(mutated, base.as_bytes());
    assert!(x0tta_metrics_codegen::check(&mutated).is_err());
}
