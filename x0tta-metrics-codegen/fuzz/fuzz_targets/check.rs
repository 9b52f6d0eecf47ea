//! Coverage-guided fuzzing of the parse-and-validate entry point and the
//! generator: `cargo +nightly fuzz run check` from `x0tta-metrics-codegen/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(spec) = x0tta_metrics_codegen::check(data) {
        // Whatever validates must generate; the generator may not panic either.
        let _ = x0tta_metrics_codegen::generate(&spec, None);
    }
});
