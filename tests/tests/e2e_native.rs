//! A real Prometheus 2.42 with `--enable-feature=native-histograms` scrapes
//! the protobuf format and ingests the generated native histograms; a second
//! one without the feature scrapes the same exporter in OpenMetrics and
//! ingests the classic buckets (2.42 keeps only the native part of a
//! protobuf histogram that has both). On the same stationary workload the
//! 0.9-quantiles agree within the buckets' resolution, and `histogram_count`
//! and `histogram_sum` equal what was observed.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use x0tta_metrics::exporter::Exporter;
use x0tta_metrics_tests::e2e::{process::available, prometheus::Prometheus, wait_until};

x0tta_metrics::metrics_spec!("specs/native.yaml");

/// The workload's observations, repeated each tick: 0.005, 0.015, …, 0.995,
/// whose 0.9-quantile is 0.9.
fn tick_values() -> impl Iterator<Item = f64> {
    (0..100).map(|k| (f64::from(k) + 0.5) / 100.0)
}
const TRUE_QUANTILE: f64 = 0.9;
/// The classic buckets' width around 0.9 (`buckets: [0.1, 0.2, …, 1.0]`).
const CLASSIC_WIDTH: f64 = 0.1;
/// Schema 3's bucket around 0.9: `(2^(-2/8), 2^(-1/8)]`.
fn native_width() -> f64 {
    2f64.powf(-1.0 / 8.0) - 2f64.powf(-2.0 / 8.0)
}

fn config(job: &str, target: SocketAddr) -> String {
    format!(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: {job}\n    static_configs:\n      - targets: [\"{target}\"]\n"
    )
}

/// The single value of `expr`, or why not.
async fn one(prometheus: &Prometheus, expr: &str) -> Result<f64, String> {
    match prometheus.query(expr, None).await?.as_slice() {
        [s] if s.value().is_finite() => Ok(s.value()),
        other => Err(format!("{expr}: {other:?}")),
    }
}

/// Waits (up to 30 s) until `expr` is exactly `expected`: the scrape after
/// the workload stopped has every observation.
async fn reaches(prometheus: &Prometheus, expr: &str, expected: f64) {
    wait_until(Duration::from_secs(30), expr, || async {
        match one(prometheus, expr).await? {
            got if got == expected => Ok(()),
            got => Err(format!("{expr}: {got} of {expected}")),
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn native_and_classic_quantiles_agree_and_counts_are_exact() {
    assert!(
        available("prometheus"),
        "Debian package `prometheus` must be installed"
    );
    let metrics = Metrics::new().expect("fresh registry");
    let exporter = Exporter::new(metrics.clone())
        .address("127.0.0.1:0".parse().expect("loopback"))
        .bind()
        .await
        .expect("bind");
    let target = exporter.local_addr();
    let native = Prometheus::launch(
        "prometheus-native",
        &config("native", target),
        &["--enable-feature=native-histograms"],
    );
    let classic = Prometheus::launch("prometheus-classic", &config("classic", target), &[]);

    // A stationary workload: the same 100 values every 20 ms, one writer,
    // so the expected count and sum are known exactly (same order of adds).
    let stop = Arc::new(AtomicBool::new(false));
    let workload = {
        let (metrics, stop) = (metrics.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let started = Instant::now();
            let (mut count, mut sum) = (0u64, 0.0f64);
            while !stop.load(Ordering::Acquire) && started.elapsed() < Duration::from_secs(120) {
                for v in tick_values() {
                    metrics.native.request_duration_seconds().observe(v);
                    metrics.native.latency_seconds().observe(v);
                    count += 1;
                    sum += v;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            (count, sum)
        })
    };

    let name = "nat_request_duration_seconds";
    let native_q = format!("histogram_quantile(0.9, rate({name}[10s]))");
    let classic_q = format!("histogram_quantile(0.9, rate({name}_bucket[10s]))");
    let (n, c) = wait_until(
        Duration::from_secs(90),
        "both 0.9-quantiles within their resolution",
        || async {
            let n = one(&native, &native_q).await?;
            let c = one(&classic, &classic_q).await?;
            let close = (n - TRUE_QUANTILE).abs() <= native_width()
                && (c - TRUE_QUANTILE).abs() <= CLASSIC_WIDTH;
            if close {
                Ok((n, c))
            } else {
                Err(format!("native {n}, classic {c}"))
            }
        },
    )
    .await;
    eprintln!("0.9-quantile over rate(10s): native {n}, classic {c} (true {TRUE_QUANTILE})");
    assert!(
        (n - c).abs() <= native_width() + CLASSIC_WIDTH,
        "native {n} and classic {c} disagree beyond the buckets' widths"
    );

    stop.store(true, Ordering::Release);
    let (count, sum) = workload.join().expect("workload");
    assert!(count > 0);
    for family in [name, "nat_latency_seconds"] {
        reaches(&native, &format!("histogram_count({family})"), count as f64).await;
        let got = one(&native, &format!("histogram_sum({family})"))
            .await
            .expect("histogram_sum");
        assert_eq!(got, sum, "{family}: histogram_sum");
    }
    reaches(&classic, &format!("{name}_count"), count as f64).await;
    // The native-only histogram has no classic bucket but `+Inf` in OpenMetrics.
    let buckets = classic
        .query("count(nat_latency_seconds_bucket)", None)
        .await
        .expect("query");
    assert_eq!(buckets.first().map(|s| s.value()), Some(1.0), "{buckets:?}");
}
