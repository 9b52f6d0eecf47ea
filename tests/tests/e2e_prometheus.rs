//! A real Prometheus server scrapes the demo workload over loopback and
//! answers the seed report's five "Prometheus Queries" with the values the
//! workload recorded; free-form label values with quotes, backslashes,
//! newlines and non-ASCII text come back exactly; the deploy recording rules
//! evaluate.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{Arc, Mutex},
    time::Duration,
};

use x0tta_metrics::{
    demo::{Workload, NODES},
    exporter::Exporter,
    prometheus::proto::MetricFamily,
    CycleStatus, MapekCycleDurationSecondsPhase as Phase, Metrics,
};
use x0tta_metrics_tests::e2e::{
    process::available,
    prometheus::{Prometheus, Series},
    wait_until, workspace_root,
};

/// Label values a free-form label must carry through unchanged.
const AWKWARD_NODE_IDS: [&str; 4] = ["quote \"q\"", "back\\slash", "line\nbreak", "узел-7 ✓ 🚀"];

const RANGE_SECONDS: f64 = 300.0; // the seed's [5m]

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prometheus_answers_the_seed_queries_with_the_workloads_values() {
    assert!(
        available("prometheus"),
        "Debian package `prometheus` must be installed"
    );
    let metrics = Metrics::new().expect("fresh registry");
    for (i, node) in AWKWARD_NODE_IDS.iter().enumerate() {
        metrics
            .graphsage
            .graphsage_anomaly_score(node)
            .set(0.125 * (i + 1) as f64);
    }
    // Prometheus scrapes the generated encoder's text, as from the demo.
    let exporter = Exporter::new(metrics.clone())
        .address("127.0.0.1:0".parse().unwrap())
        .bind()
        .await
        .expect("bind");
    let rules = workspace_root().join("deploy/prometheus/rules/x0tta6bl4.rules.yml");
    let mut prometheus = Prometheus::start(exporter.local_addr(), &[rules]);

    // The demo's workload, a tick every 200 ms, until Prometheus has seen
    // the success counter move over at least three scrapes.
    let workload = Arc::new(Mutex::new(Workload::new(metrics)));
    let ticking = tokio::spawn({
        let workload = Arc::clone(&workload);
        async move {
            let mut interval = tokio::time::interval(Duration::from_millis(200));
            loop {
                interval.tick().await;
                workload.lock().expect("workload").step();
            }
        }
    });
    prometheus.wait_target_up().await;
    let success = "x0tta6bl4_mapek_cycles_total{status=\"success\"}";
    wait_until(
        Duration::from_secs(60),
        "three distinct success counts scraped",
        || async {
            let series = prometheus.query(&format!("{success}[5m]"), None).await?;
            let distinct: BTreeSet<u64> = series
                .iter()
                .flat_map(|s| &s.samples)
                .map(|&(_, v)| v as u64)
                .collect();
            if distinct.len() >= 3 {
                Ok(())
            } else {
                Err(format!("{series:?}"))
            }
        },
    )
    .await;
    ticking.abort();
    let _ = ticking.await;
    let frozen_at = unix_now();
    // The ticking task is gone, so this is the only owner left.
    let workload = Arc::try_unwrap(workload)
        .expect("sole owner")
        .into_inner()
        .expect("workload");
    let m = workload.metrics();

    // A scrape that started after the freeze sees the final values everywhere.
    wait_until(
        Duration::from_secs(30),
        "a scrape after the workload stopped",
        || async {
            let series = prometheus
                .query(&format!("timestamp({success})"), None)
                .await?;
            match series.first() {
                Some(s) if s.value() > frozen_at + 0.01 => Ok(()),
                other => Err(format!("{other:?}")),
            }
        },
    )
    .await;
    // Prometheus keeps milliseconds; evaluate at a time it can represent.
    let at = (unix_now() * 1000.0).round() / 1000.0;
    let query = |expr: &'static str| {
        let prometheus = &prometheus;
        async move {
            prometheus
                .query(expr, Some(at))
                .await
                .unwrap_or_else(|e| panic!("{e}"))
        }
    };

    // 1. "CPU Utilization Trend": rate of successful MAPE-K cycles.
    let rate = query("rate(x0tta6bl4_mapek_cycles_total{status=\"success\"}[5m])").await;
    let raw = query("x0tta6bl4_mapek_cycles_total{status=\"success\"}[5m]").await;
    assert_eq!((rate.len(), raw.len()), (1, 1), "{rate:?} {raw:?}");
    let final_success = m.mapek.mapek_cycles_total(CycleStatus::Success).get() as f64;
    assert_counter_samples(&raw[0], final_success);
    assert!(rate[0].value() > 0.0);
    assert_close(
        rate[0].value(),
        extrapolated_rate(&raw[0].samples, at),
        "success rate",
    );

    // 2. "MAPE-K Phase Performance": p95 per phase, within the one bucket
    // each phase's durations fall in.
    let p95 =
        query("histogram_quantile(0.95, rate(x0tta6bl4_mapek_cycle_duration_seconds_bucket[5m]))")
            .await;
    let phases: BTreeMap<&str, f64> = p95.iter().map(|s| (s.label("phase"), s.value())).collect();
    assert_eq!(phases.len(), Phase::ALL.len(), "{p95:?}");
    let gathered = m.registry().gather();
    for phase in Phase::ALL {
        let (lower, upper) = only_bucket(
            &gathered,
            "x0tta6bl4_mapek_cycle_duration_seconds",
            phase.as_str(),
        );
        assert_close(
            phases[phase.as_str()],
            lower + (upper - lower) * 0.95,
            phase.as_str(),
        );
    }

    // 3. "Mesh Network Health".
    let health = query("1 - x0tta6bl4_mesh_packet_loss_ratio").await;
    assert_eq!(health.len(), 1, "{health:?}");
    assert_eq!(
        health[0].value(),
        1.0 - m.mesh.mesh_packet_loss_ratio().get()
    );

    // 4. "Model Accuracy Trend".
    let accuracy = query("x0tta6bl4_graphsage_model_accuracy").await;
    assert_eq!(accuracy.len(), 1, "{accuracy:?}");
    assert_eq!(
        accuracy[0].value(),
        m.graphsage.graphsage_model_accuracy().get()
    );

    // 5. "Error Rate": one series per (method, endpoint, 5xx status) the API
    // answered, each the rate of what it counted.
    let errors = query("rate(x0tta6bl4_requests_total{status=~\"5..\"}[5m])").await;
    let raw_errors = query("x0tta6bl4_requests_total{status=~\"5..\"}[5m]").await;
    let counted = server_errors(&gathered);
    let key = |s: &Series| {
        (
            s.label("method").to_owned(),
            s.label("endpoint").to_owned(),
            s.label("status").to_owned(),
        )
    };
    assert_eq!(
        errors.iter().map(key).collect::<BTreeSet<_>>(),
        counted.keys().cloned().collect(),
        "{errors:?}"
    );
    for series in &errors {
        let raw = raw_errors
            .iter()
            .find(|r| key(r) == key(series))
            .expect("raw samples");
        assert_counter_samples(raw, counted[&key(series)]);
        assert_close(
            series.value(),
            extrapolated_rate(&raw.samples, at),
            &format!("{:?}", key(series)),
        );
    }

    // Free-form label values survive the text format and Prometheus' parser.
    let scores = query("x0tta6bl4_graphsage_anomaly_score").await;
    let by_node: BTreeMap<&str, f64> = scores
        .iter()
        .map(|s| (s.label("node_id"), s.value()))
        .collect();
    let expected_nodes: BTreeSet<&str> = NODES
        .iter()
        .chain(AWKWARD_NODE_IDS.iter())
        .copied()
        .collect();
    assert_eq!(
        by_node.keys().copied().collect::<BTreeSet<_>>(),
        expected_nodes
    );
    for (i, node) in AWKWARD_NODE_IDS.iter().enumerate() {
        assert_eq!(by_node[node], 0.125 * (i + 1) as f64, "{node:?}");
    }

    // The deploy recording rules load and evaluate on the same data.
    let delivery = 1.0 - m.mesh.mesh_packet_loss_ratio().get();
    wait_until(
        Duration::from_secs(30),
        "the recording rules to evaluate",
        || async {
            let recorded = prometheus
                .query("instance:x0tta6bl4_mesh_delivery_ratio", None)
                .await?;
            let p95 = prometheus
                .query(
                    "phase:x0tta6bl4_mapek_cycle_duration_seconds:p95_rate5m",
                    None,
                )
                .await?;
            let errors = prometheus
                .query("endpoint_status:x0tta6bl4_requests_5xx:rate5m", None)
                .await?;
            let rate = prometheus
                .query("instance:x0tta6bl4_mapek_cycles_success:rate5m", None)
                .await?;
            let done = recorded.first().is_some_and(|s| s.value() == delivery)
                && p95.len() == Phase::ALL.len()
                && errors.len() == counted.len()
                && rate.len() == 1;
            if done {
                Ok(())
            } else {
                Err(format!("{recorded:?} {p95:?} {errors:?} {rate:?}"))
            }
        },
    )
    .await;
    drop(exporter);
}

fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs_f64()
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-9 * expected.abs().max(1e-12);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: Prometheus said {actual}, expected {expected}"
    );
}

/// The scraped samples of a counter only ever rose, and the last is the
/// workload's final count.
fn assert_counter_samples(series: &Series, final_value: f64) {
    let values: Vec<f64> = series.samples.iter().map(|&(_, v)| v).collect();
    assert!(
        values.windows(2).all(|w| w[0] <= w[1]),
        "counter went down: {values:?}"
    );
    assert_eq!(values.last().copied(), Some(final_value), "{series:?}");
}

/// `rate(x[5m])` at `at` from the samples in the window, as Prometheus 2.x
/// computes it (promql `extrapolatedRate`): the increase between the first
/// and last sample, extrapolated towards the window's edges by at most half
/// a sample interval (or to where the counter would have been zero), per
/// second of the window.
fn extrapolated_rate(samples: &[(f64, f64)], at: f64) -> f64 {
    assert!(samples.len() >= 2, "rate needs two samples: {samples:?}");
    // Prometheus works in integer milliseconds; so does this, to get the
    // same floating-point result.
    let millis = |t: f64| (t * 1000.0).round() as i64;
    let seconds = |ms: i64| ms as f64 / 1000.0;
    let (first, last) = (samples[0], samples[samples.len() - 1]);
    let increase = last.1 - first.1; // no counter resets here
    let sampled = seconds(millis(last.0) - millis(first.0));
    let average_interval = sampled / (samples.len() - 1) as f64;
    let range_start = millis(at) - (RANGE_SECONDS as i64) * 1000;
    let mut to_start = seconds(millis(first.0) - range_start);
    let to_end = seconds(millis(at) - millis(last.0));
    if increase > 0.0 && first.1 >= 0.0 {
        to_start = to_start.min(sampled * (first.1 / increase));
    }
    let threshold = average_interval * 1.1;
    let mut extrapolated = sampled;
    extrapolated += if to_start < threshold {
        to_start
    } else {
        average_interval / 2.0
    };
    extrapolated += if to_end < threshold {
        to_end
    } else {
        average_interval / 2.0
    };
    increase * (extrapolated / sampled) / RANGE_SECONDS
}

/// The bucket `(lower, upper]` holding every observation of `family`'s
/// series with `phase`; fails if they are spread over several.
fn only_bucket(gathered: &[MetricFamily], family: &str, phase: &str) -> (f64, f64) {
    let family = gathered
        .iter()
        .find(|f| f.name() == family)
        .expect("family gathered");
    let metric = family
        .get_metric()
        .iter()
        .find(|m| {
            m.get_label()
                .iter()
                .any(|l| l.name() == "phase" && l.value() == phase)
        })
        .expect("phase series");
    let histogram = metric.get_histogram();
    let total = histogram.get_sample_count();
    assert!(total > 0, "{phase}: no observations");
    let mut lower = 0.0;
    for bucket in histogram.get_bucket() {
        if bucket.cumulative_count() > 0 {
            assert_eq!(
                bucket.cumulative_count(),
                total,
                "{phase}: observations span several buckets"
            );
            return (lower, bucket.upper_bound());
        }
        lower = bucket.upper_bound();
    }
    panic!("{phase}: all observations above the last bucket");
}

/// `(method, endpoint, status) -> count` of 5xx responses in the registry.
fn server_errors(gathered: &[MetricFamily]) -> BTreeMap<(String, String, String), f64> {
    let family = gathered
        .iter()
        .find(|f| f.name() == "x0tta6bl4_requests_total")
        .expect("requests_total");
    family
        .get_metric()
        .iter()
        .filter_map(|metric| {
            let label = |name: &str| {
                metric
                    .get_label()
                    .iter()
                    .find(|l| l.name() == name)
                    .map(|l| l.value().to_owned())
            };
            let status = label("status")?;
            if !status.starts_with('5') {
                return None;
            }
            Some((
                (label("method")?, label("endpoint")?, status),
                metric.get_counter().get_value(),
            ))
        })
        .collect()
}
