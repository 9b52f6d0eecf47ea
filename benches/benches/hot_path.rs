//! Target 1: one labelled increment or observation, per crate, side by side.
//!
//! Every closed-label case resolves the same series as the generated
//! `mapek_recovery_actions_total(ActionType, CycleStatus)` (two labels);
//! the label values go through `black_box` so no crate gets its lookup
//! folded away at compile time.

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use criterion::{criterion_group, criterion_main, Criterion};
use x0tta_metrics::prometheus::{self, HistogramOpts, IntCounterVec, Opts};
use x0tta_metrics::{ActionType, CycleStatus, MapekCycleDurationSecondsPhase as Phase, Metrics};
use x0tta_metrics_benches::Op;

#[derive(Clone, Debug, Hash, PartialEq, Eq, prometheus_client::encoding::EncodeLabelSet)]
struct ClientLabels {
    action: Op,
    status: Op,
}

#[derive(measured::LabelGroup)]
#[label(set = MeasuredLabelSet)]
struct MeasuredLabels {
    action: Op,
    status: Op,
}

fn hot_path(c: &mut Criterion) {
    let mut g = c.benchmark_group("hot_path");
    let metrics = Metrics::new().expect("catalogue registers");

    // `Metrics` is cloned to hand it to threads and servers: one reference
    // count per family (the catalogue's 131), no series copied.
    g.bench_function("catalogue_metrics_clone", |b| {
        b.iter(|| black_box(&metrics).clone())
    });

    let raw = AtomicU64::new(0);
    g.bench_function("raw_atomic_fetch_add", |b| {
        b.iter(|| black_box(&raw).fetch_add(1, Ordering::Relaxed))
    });

    g.bench_function("generated_enum_counter_inc", |b| {
        b.iter(|| {
            metrics
                .mapek
                .mapek_recovery_actions_total(
                    black_box(ActionType::RestartService),
                    black_box(CycleStatus::Failed),
                )
                .inc()
        })
    });

    let vec = IntCounterVec::new(
        Opts::new("requests_total", "Requests."),
        &["action", "status"],
    )
    .expect("vec");
    let cached = vec.with_label_values(&["restart", "failed"]);
    g.bench_function("prometheus_cached_int_counter_inc", |b| {
        b.iter(|| black_box(&cached).inc())
    });
    g.bench_function("prometheus_with_label_values_inc", |b| {
        b.iter(|| {
            vec.with_label_values(&[black_box("restart"), black_box("failed")])
                .inc()
        })
    });
    let float = prometheus::Counter::new("ratio_total", "Ratio.").expect("counter");
    g.bench_function("prometheus_cached_float_counter_inc", |b| {
        b.iter(|| black_box(&float).inc())
    });

    g.bench_function("generated_histogram_observe", |b| {
        b.iter(|| {
            metrics
                .mapek
                .mapek_cycle_duration_seconds(black_box(Phase::Execute))
                .observe(black_box(0.012))
        })
    });
    let hvec = prometheus::HistogramVec::new(
        HistogramOpts::new("duration_seconds", "Duration."),
        &["phase"],
    )
    .expect("vec");
    let histogram = hvec.with_label_values(&["execute"]);
    g.bench_function("prometheus_cached_histogram_observe", |b| {
        b.iter(|| black_box(&histogram).observe(black_box(0.012)))
    });
    g.bench_function("prometheus_histogram_with_label_values_observe", |b| {
        b.iter(|| {
            hvec.with_label_values(&[black_box("execute")])
                .observe(black_box(0.012))
        })
    });

    // Existing series, at several value lengths: a ratio that holds only
    // for one length is not met. The values are `/` then `a`s.
    let free =
        IntCounterVec::new(Opts::new("limited_total", "Limited."), &["endpoint"]).expect("vec");
    for length in [1, 8, 16, 32, 64] {
        let value = format!("/{}", "a".repeat(length - 1));
        let value = value.as_str();
        g.bench_function(format!("generated_free_form_counter_inc/{length}"), |b| {
            b.iter(|| {
                metrics
                    .http
                    .http_rate_limited_requests_total(black_box(value))
                    .inc()
            })
        });
        g.bench_function(
            format!("prometheus_with_label_values_free_form_inc/{length}"),
            |b| b.iter(|| free.with_label_values(&[black_box(value)]).inc()),
        );
    }

    let hot = x0tta_metrics_benches::hot::Metrics::new().expect("hot registers");
    use x0tta_metrics_benches::hot::{
        HotRequestsTotalMethod as Method, HotRequestsTotalStatus as HotStatus,
    };
    g.bench_function("generated_sharded_counter_inc", |b| {
        b.iter(|| {
            hot.hot
                .hot_requests_total(black_box(Method::Post), black_box(HotStatus::V500))
                .inc()
        })
    });

    // One two-label counter updated through a `static` (its cells inline,
    // no `Arc`, no lazy-init check) and through `Metrics::global()` (a
    // `OnceLock` read, then the group's `Arc`'d family), same spec, same
    // label values.
    use x0tta_metrics_benches::statics::{self, Action, HotMetrics, Status};
    static HOT: HotMetrics = HotMetrics::new();
    HOT.register(&prometheus::Registry::new())
        .expect("the static registers");
    g.bench_function("static_group_counter_inc", |b| {
        b.iter(|| {
            HOT.static_actions_total(black_box(Action::Failover), black_box(Status::Timeout))
                .inc()
        })
    });
    statics::Metrics::global().expect("global registers");
    g.bench_function("global_metrics_counter_inc", |b| {
        b.iter(|| {
            statics::Metrics::global()
                .expect("registered")
                .warm
                .global_actions_total(black_box(Action::Failover), black_box(Status::Timeout))
                .inc()
        })
    });
    let small = statics::Metrics::new().expect("a second instance registers");
    // A `Metrics` of one family: one reference count per family, against
    // the catalogue's 131 above.
    g.bench_function("one_family_metrics_clone", |b| {
        b.iter(|| black_box(&small).clone())
    });

    // Native histograms against a classic one of the same shape, in one
    // spec; the observed value is the catalogue bench's.
    let native = x0tta_metrics_benches::native::Metrics::new().expect("native registers");
    use x0tta_metrics_benches::native::{
        HotClassicSecondsPhase, HotDualSecondsPhase, HotNativeSecondsPhase,
    };
    g.bench_function("generated_classic_histogram_observe", |b| {
        b.iter(|| {
            native
                .hot
                .hot_classic_seconds(black_box(HotClassicSecondsPhase::Execute))
                .observe(black_box(0.012))
        })
    });
    g.bench_function("generated_native_histogram_observe", |b| {
        b.iter(|| {
            native
                .hot
                .hot_native_seconds(black_box(HotNativeSecondsPhase::Execute))
                .observe(black_box(0.012))
        })
    });
    g.bench_function("generated_dual_histogram_observe", |b| {
        b.iter(|| {
            native
                .hot
                .hot_dual_seconds(black_box(HotDualSecondsPhase::Execute))
                .observe(black_box(0.012))
        })
    });

    let family = prometheus_client::metrics::family::Family::<
        ClientLabels,
        prometheus_client::metrics::counter::Counter,
    >::default();
    g.bench_function("prometheus_client_family_get_or_create_inc", |b| {
        b.iter(|| {
            family
                .get_or_create(&ClientLabels {
                    action: black_box(Op::Update),
                    status: black_box(Op::Delete),
                })
                .inc()
        })
    });

    let measured_vec = measured::CounterVec::<MeasuredLabelSet>::dense();
    g.bench_function("measured_counter_vec_inc", |b| {
        b.iter(|| {
            measured_vec.inc(MeasuredLabels {
                action: black_box(Op::Update),
                status: black_box(Op::Delete),
            })
        })
    });

    let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
    metrics::with_local_recorder(&recorder, || {
        g.bench_function("metrics_counter_macro_with_labels", |b| {
            b.iter(|| {
                metrics::counter!("requests_total", "action" => black_box("restart"), "status" => black_box("failed")).increment(1)
            })
        });
    });
    g.finish();
}

criterion_group!(benches, hot_path);
criterion_main!(benches);
