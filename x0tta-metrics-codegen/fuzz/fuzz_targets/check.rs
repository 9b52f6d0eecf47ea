//! Coverage-guided fuzzing of the parse-and-validate entry point and the
//! generator: `cargo +nightly fuzz run check` from `x0tta-metrics-codegen/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/no_code_blocks.rs"]
mod no_code_blocks;

fuzz_target!(|data: &[u8]| {
    if let Ok(spec) = x0tta_metrics_codegen::check(data) {
        // Whatever validates must generate code that parses as Rust, and
        // docs that hold no code block (rustdoc would run it as a doctest).
        let tokens = x0tta_metrics_codegen::generate(&spec, None);
        match syn::parse2::<syn::File>(tokens) {
            Ok(file) => no_code_blocks::assert_no_code_block(&file, data),
            Err(e) => panic!("a valid spec generated code that does not parse: {e}"),
        }
    }
});
