//! Target 2: encoding 120 counter families / 1,000 series in the text
//! format, the same shape (`specs/scrape.yaml`) built in each crate. The
//! other crates create a series on first use, so each of their series is
//! incremented once; the generated one has all of them from the start (at 0:
//! one digit, like the others' 1). Issue 11: the same families in
//! OpenMetrics and in the protobuf format, the latter against `gather()` +
//! prometheus' own `ProtobufEncoder`.

use std::sync::atomic::{AtomicU64, Ordering};

use criterion::{criterion_group, criterion_main, Criterion};
use x0tta_metrics::prometheus::{Encoder, TextEncoder};
use x0tta_metrics::{Exposition as _, Format};
use x0tta_metrics_benches::scrape::Metrics;
use x0tta_metrics_benches::{
    client_scrape_registry, scrape_family_help, scrape_family_name, scrape_family_width, Op,
    ALL_OPS, OPS,
};

const FAMILIES: usize = 120;

#[derive(measured::LabelGroup)]
#[label(set = MeasuredLabelSet)]
struct MeasuredLabels {
    op: Op,
}

/// The floor: what is left when every byte but the values is pre-rendered.
struct Prerendered {
    headers: Vec<String>,
    series: Vec<Vec<(String, AtomicU64)>>,
}

impl Prerendered {
    fn new() -> Self {
        let headers = (0..FAMILIES)
            .map(|i| {
                let name = scrape_family_name(i);
                format!(
                    "# HELP {name} {}\n# TYPE {name} counter\n",
                    scrape_family_help(i)
                )
            })
            .collect();
        let series = (0..FAMILIES)
            .map(|i| {
                let name = scrape_family_name(i);
                OPS[..scrape_family_width(i)]
                    .iter()
                    .map(|op| (format!("{name}{{op=\"{op}\"}} "), AtomicU64::new(1)))
                    .collect()
            })
            .collect();
        Prerendered { headers, series }
    }

    fn write(&self, out: &mut String) {
        for (header, series) in self.headers.iter().zip(&self.series) {
            out.push_str(header);
            for (prefix, value) in series {
                out.push_str(prefix);
                out.push_str(itoa::Buffer::new().format(value.load(Ordering::Relaxed)));
                out.push('\n');
            }
        }
    }
}

fn generated() -> Metrics {
    let metrics = Metrics::new().expect("scrape spec registers");
    let series: usize = metrics
        .registry()
        .gather()
        .iter()
        .map(|f| f.get_metric().len())
        .sum();
    assert_eq!(series, 1000, "the scrape spec has 1,000 series");
    metrics
}

fn scrape(c: &mut Criterion) {
    let mut g = c.benchmark_group("scrape");
    let mut out = String::with_capacity(64 * 1024);

    let floor = Prerendered::new();
    g.bench_function("prerendered_floor", |b| {
        b.iter(|| {
            out.clear();
            floor.write(&mut out);
        })
    });

    let metrics = generated();
    g.bench_function("generated_write_text", |b| {
        b.iter(|| {
            out.clear();
            metrics.write_text(&mut out);
        })
    });
    g.bench_function("generated_write_openmetrics", |b| {
        b.iter(|| {
            out.clear();
            metrics.write_openmetrics(&mut out);
        })
    });
    let mut bytes = Vec::with_capacity(64 * 1024);
    g.bench_function("generated_write_protobuf", |b| {
        b.iter(|| {
            bytes.clear();
            metrics.write_format(Format::Protobuf, &mut bytes);
        })
    });
    g.bench_function("generated_collect_gather", |b| {
        b.iter(|| metrics.registry().gather())
    });
    g.bench_function("prometheus_gather_text_encoder", |b| {
        b.iter(|| {
            bytes.clear();
            TextEncoder::new()
                .encode(&metrics.registry().gather(), &mut bytes)
                .expect("encode");
        })
    });

    // Only with the `prometheus-protobuf` feature (see Cargo.toml).
    #[cfg(feature = "prometheus-protobuf")]
    g.bench_function("prometheus_gather_protobuf_encoder", |b| {
        b.iter(|| {
            bytes.clear();
            x0tta_metrics::prometheus::ProtobufEncoder::new()
                .encode(&metrics.registry().gather(), &mut bytes)
                .expect("encode");
        })
    });

    let registry = client_scrape_registry();
    g.bench_function("prometheus_client_encode", |b| {
        b.iter(|| {
            out.clear();
            prometheus_client::encoding::text::encode(&mut out, &registry).expect("encode");
        })
    });

    let measured_families: Vec<(
        &'static measured::metric::name::MetricName,
        String,
        measured::CounterVec<MeasuredLabelSet>,
    )> = (0..FAMILIES)
        .map(|i| {
            let vec = measured::CounterVec::<MeasuredLabelSet>::dense();
            for &op in &ALL_OPS[..scrape_family_width(i)] {
                vec.inc(MeasuredLabels { op });
            }
            let name: &'static str = Box::leak(scrape_family_name(i).into_boxed_str());
            (
                measured::metric::name::MetricName::from_str(name),
                scrape_family_help(i),
                vec,
            )
        })
        .collect();
    let mut encoder = measured::text::BufferedTextEncoder::new();
    g.bench_function("measured_encode", |b| {
        use measured::metric::group::Encoding as _;
        use measured::metric::MetricFamilyEncoding as _;
        b.iter(|| {
            for (name, help, vec) in &measured_families {
                let _ = encoder.write_help(*name, help);
                let _ = vec.collect_family_into(*name, &mut encoder);
            }
            encoder.finish()
        })
    });

    let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
    let handle = recorder.handle();
    metrics::with_local_recorder(&recorder, || {
        for i in 0..FAMILIES {
            let name = scrape_family_name(i);
            metrics::describe_counter!(name.clone(), scrape_family_help(i));
            for op in &OPS[..scrape_family_width(i)] {
                metrics::counter!(name.clone(), "op" => *op).increment(1);
            }
        }
    });
    g.bench_function("metrics_exporter_prometheus_render", |b| {
        b.iter(|| handle.render())
    });
    g.finish();

    // Not timed: the generated text is TextEncoder's, byte for byte.
    out.clear();
    metrics.write_text(&mut out);
    assert_eq!(
        out,
        x0tta_metrics::encode_text(metrics.registry()).expect("encode")
    );
}

criterion_group!(benches, scrape);
criterion_main!(benches);
