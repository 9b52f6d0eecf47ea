//! Coverage-guided fuzzing of the parse-and-validate entry point and the
//! generator: `cargo +nightly fuzz run check` from `x0tta-metrics-codegen/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(spec) = x0tta_metrics_codegen::check(data) {
        // Whatever validates must generate code that parses as Rust.
        let tokens = x0tta_metrics_codegen::generate(&spec, None);
        if let Err(e) = syn::parse2::<syn::File>(tokens) {
            panic!("a valid spec generated code that does not parse: {e}");
        }
    }
});
