//! Target 4: what the macro does at compile time (`check` + `generate`), for
//! the catalogue and for generated specs of 1k, 5k and 10k families.

use criterion::{criterion_group, criterion_main, Criterion};
use x0tta_metrics_benches::synthetic_spec;
use x0tta_metrics_codegen::{check, generate};

fn expand(source: &[u8]) -> usize {
    let spec = check(source).expect("valid spec");
    // The token stream as the compiler receives it.
    generate(&spec, None).to_string().len()
}

fn compile_time(c: &mut Criterion) {
    let mut g = c.benchmark_group("compile_time");
    g.sample_size(10);
    let catalogue = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../metrics-spec.yaml"))
        .expect("catalogue");
    g.bench_function("expand_catalogue", |b| b.iter(|| expand(&catalogue)));
    for families in [1_000, 5_000, 10_000] {
        let source = synthetic_spec(families);
        g.bench_function(format!("expand_{families}_families"), |b| {
            b.iter(|| expand(source.as_bytes()))
        });
    }
    g.finish();
}

criterion_group!(benches, compile_time);
criterion_main!(benches);
