//! A real Prometheus 2.42 with exemplar storage scrapes generated families
//! that keep exemplars (OpenMetrics, negotiated from its `Accept` header),
//! and `/api/v1/query_exemplars` answers with the trace ids and values the
//! API recorded, on the series they were recorded on: the counter's
//! `_total` and the histogram bucket each observation fell in, every one
//! carrying the spec's constant labels with their escaped values intact.

use std::collections::BTreeMap;
use std::time::Duration;

use x0tta_metrics::exporter::Exporter;
use x0tta_metrics_tests::e2e::{
    process::available,
    prometheus::{ExemplarSeries, Prometheus},
    wait_until,
};

mod shapes;

use shapes::{Metrics, Zone, ZonedEventsTotalKind as Kind, SPEC_LABELS};

fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs_f64()
}

/// The one exemplar series of `exemplars` whose labels include `labels`.
fn series_with<'a>(exemplars: &'a [ExemplarSeries], labels: &[(&str, &str)]) -> &'a ExemplarSeries {
    let matching: Vec<_> = exemplars
        .iter()
        .filter(|s| {
            labels
                .iter()
                .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(v))
        })
        .collect();
    assert_eq!(matching.len(), 1, "{labels:?} in {exemplars:#?}");
    matching[0]
}

fn trace(id: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("trace_id".to_string(), id.to_string())])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prometheus_stores_the_exemplars_of_counters_and_histograms() {
    assert!(
        available("prometheus"),
        "Debian package `prometheus` must be installed"
    );
    let started = unix_now();
    let metrics = Metrics::new().expect("fresh registry");
    let counter = metrics.shapes.zoned_events_total(Zone::West, Kind::Read);
    counter
        .inc_by_with_exemplar(3, &[("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")])
        .expect("exemplar");
    let histogram = metrics.shapes.latency_seconds(Zone::East);
    // Buckets 0.005, 0.1, 1, 2.5, 10: one exemplar in `0.1`, one in `2.5`.
    histogram
        .observe_with_exemplar(0.07, &[("trace_id", "00f067aa0ba902b7")])
        .expect("exemplar");
    histogram
        .observe_with_exemplar(1.5, &[("trace_id", "b7ad6b7169203331")])
        .expect("exemplar");

    let exporter = Exporter::new(metrics.clone())
        .address("127.0.0.1:0".parse().unwrap())
        .bind()
        .await
        .expect("bind");
    let config = format!(
        "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: x0tta6bl4\n    static_configs:\n      - targets: [\"{}\"]\n",
        exporter.local_addr()
    );
    let mut prometheus =
        Prometheus::launch("exemplars", &config, &["--enable-feature=exemplar-storage"]);
    prometheus.wait_target_up().await;

    let selector = "{__name__=~\"enc_zoned_events_total|enc_latency_seconds_bucket\"}";
    let exemplars = wait_until(
        Duration::from_secs(60),
        "the three exemplars in Prometheus",
        || async {
            let found = prometheus
                .query_exemplars(selector, started - 60.0, unix_now() + 60.0)
                .await?;
            let total: usize = found.iter().map(|s| s.exemplars.len()).sum();
            if total >= 3 {
                Ok(found)
            } else {
                Err(format!("{found:#?}"))
            }
        },
    )
    .await;
    prometheus.assert_running();

    let counter = series_with(
        &exemplars,
        &[
            ("__name__", "enc_zoned_events_total"),
            ("zone", "west"),
            ("kind", "read"),
        ],
    );
    let fast = series_with(
        &exemplars,
        &[
            ("__name__", "enc_latency_seconds_bucket"),
            ("zone", "east"),
            ("le", "0.1"),
        ],
    );
    let slow = series_with(
        &exemplars,
        &[
            ("__name__", "enc_latency_seconds_bucket"),
            ("zone", "east"),
            ("le", "2.5"),
        ],
    );
    for (series, id, value) in [
        (counter, "4bf92f3577b34da6a3ce929d0e0e4736", 3.0),
        (fast, "00f067aa0ba902b7", 0.07),
        (slow, "b7ad6b7169203331", 1.5),
    ] {
        // Each scrape re-exposes the last exemplar; Prometheus keeps one
        // copy of an exemplar it has already seen.
        assert_eq!(series.exemplars.len(), 1, "{series:#?}");
        let (labels, got, at) = &series.exemplars[0];
        assert_eq!(labels, &trace(id));
        assert_eq!(*got, value);
        // Stamped when it was recorded, to the millisecond.
        assert!(
            *at >= (started * 1000.0).floor() / 1000.0 && *at <= unix_now(),
            "{at} not in [{started}, now]"
        );
        for (name, value) in SPEC_LABELS {
            assert_eq!(series.labels[name], value, "{series:#?}");
        }
        assert_eq!(series.labels["job"], "x0tta6bl4");
    }
    // No exemplar where none was recorded.
    assert_eq!(exemplars.len(), 3, "{exemplars:#?}");
}
