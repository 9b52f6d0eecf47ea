//! The protobuf format over real HTTP and into a real Prometheus.
//!
//! - The exporter answers the `Accept` header Prometheus 2.42 sends with
//!   native histograms enabled with delimited `MetricFamily` messages (gzip
//!   too, `HEAD` too) that prost decodes to `encode_protobuf()`'s families.
//! - Prometheus 2.42 started with `--enable-feature=native-histograms,
//!   exemplar-storage` asks for protobuf (every scrape of the target is
//!   recorded as such), scrapes the demo workload and a spec with every shape
//!   and exemplars, and answers every series with the value `gather()` has;
//!   `/api/v1/query_exemplars` returns the trace ids attached, exactly.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use x0tta_metrics::demo::Workload;
use x0tta_metrics::exporter::{Exporter, TEXT_FORMAT_CONTENT_TYPE};
use x0tta_metrics::exposition::{protobuf, Encoder, Scope};
use x0tta_metrics::prometheus::proto::{MetricFamily as GatheredFamily, MetricType};
use x0tta_metrics::{Combined, Exposition, Format};
use x0tta_metrics_tests::e2e::{
    exporter::{catalogue, start},
    http::request,
    process::available,
    prometheus::Prometheus,
    wait_until,
};

mod oracle;
mod shapes;

use shapes::{touch_every_shape, Zone, ZonedEventsTotalKind as Kind};

/// What Prometheus 2.42 sends with `--enable-feature=native-histograms`
/// (`scrapeAcceptHeaderWithProtobuf` in its `scrape/scrape.go`).
const PROMETHEUS_NATIVE_ACCEPT: &str = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

#[tokio::test]
async fn the_exporter_answers_prometheus_native_accept_header_with_protobuf() {
    let metrics = catalogue();
    let running = start(Exporter::new(metrics.clone())).await;
    let addr = running.local_addr();
    let accept = [("accept", PROMETHEUS_NATIVE_ACCEPT)];

    let response = request(addr, "GET", "/metrics", &accept)
        .await
        .expect("scrape");
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some(protobuf::MIME_TYPE));
    assert_eq!(response.body, metrics.encode_protobuf());
    let families = oracle::decode_exactly(&response.body);
    let size = families
        .iter()
        .find(|f| f.name() == "x0tta6bl4_mapek_knowledge_base_size_entries")
        .expect("the gauge set to 1234");
    assert_eq!(
        size.metric[0].gauge.as_ref().and_then(|g| g.value),
        Some(1234.0)
    );

    let gzip = [
        ("accept", PROMETHEUS_NATIVE_ACCEPT),
        ("accept-encoding", "gzip"),
    ];
    let compressed = request(addr, "GET", "/metrics", &gzip)
        .await
        .expect("scrape");
    assert_eq!(compressed.header("content-encoding"), Some("gzip"));
    assert_eq!(compressed.header("content-type"), Some(protobuf::MIME_TYPE));
    let mut inflated = Vec::new();
    flate2::read::GzDecoder::new(&compressed.body[..])
        .read_to_end(&mut inflated)
        .expect("valid gzip");
    assert_eq!(inflated, response.body);

    let head = request(addr, "HEAD", "/metrics", &accept)
        .await
        .expect("head");
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(response.body.len().to_string().as_str())
    );
    running.shutdown().await;

    // A registry source writes only the text format, and says so.
    let registry = start(Exporter::new(metrics.registry())).await;
    let response = request(registry.local_addr(), "GET", "/metrics", &accept)
        .await
        .expect("scrape");
    assert_eq!(
        response.header("content-type"),
        Some(TEXT_FORMAT_CONTENT_TYPE)
    );
    registry.shutdown().await;
}

/// An exposition that records the format of every body it writes.
struct Recording {
    inner: Combined,
    formats: Arc<Mutex<Vec<Format>>>,
}

impl Exposition for Recording {
    fn encode(&self, encoder: &mut dyn Encoder) {
        self.inner.encode(encoder);
    }

    fn scope(&self) -> &Scope {
        self.inner.scope()
    }

    fn write_format(&self, format: Format, out: &mut Vec<u8>) {
        self.formats.lock().expect("formats").push(format);
        self.inner.write_format(format, out);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prometheus_with_native_histograms_scrapes_protobuf_and_answers_every_value() {
    assert!(
        available("prometheus"),
        "Debian package `prometheus` must be installed"
    );
    // The demo's workload, a few ticks; then every shape, with exemplars.
    let mut workload = Workload::new(x0tta_metrics::Metrics::new().expect("catalogue"));
    for _ in 0..5 {
        workload.step();
    }
    let demo = workload.metrics().clone();
    let shapes = shapes::Metrics::new().expect("shapes");
    touch_every_shape(&shapes);
    let counter_trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    shapes
        .shapes
        .zoned_events_total(Zone::East, Kind::Write)
        .inc_by_with_exemplar(3, &[("trace_id", counter_trace)])
        .expect("exemplar");
    let bucket_trace = "00f067aa0ba902b7";
    shapes
        .shapes
        .latency_seconds(Zone::West)
        .observe_with_exemplar(0.05, &[("trace_id", bucket_trace)])
        .expect("exemplar");
    let mut expected = samples(&demo.registry().gather());
    expected.extend(samples(&shapes.registry().gather()));
    // The demo alone has well over a thousand samples.
    assert!(expected.len() > 1000, "{} samples", expected.len());

    let formats = Arc::new(Mutex::new(Vec::new()));
    let exposition = Recording {
        inner: Combined::new(vec![Arc::new(demo), Arc::new(shapes)]),
        formats: Arc::clone(&formats),
    };
    let exporter = Exporter::new(exposition)
        .address("127.0.0.1:0".parse().unwrap())
        .bind()
        .await
        .expect("bind");
    let config = format!(
        "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: x0tta6bl4\n    \
         static_configs:\n      - targets: [\"{}\"]\n",
        exporter.local_addr()
    );
    let mut prometheus = Prometheus::launch(
        "prometheus-protobuf",
        &config,
        &["--enable-feature=native-histograms,exemplar-storage"],
    );
    prometheus.wait_target_up().await;

    // Every series the two specs export, with the value gather() has.
    let answered = wait_until(
        Duration::from_secs(30),
        "every series of the target",
        || async {
            let series = prometheus.query("{job=\"x0tta6bl4\"}", None).await?;
            let answered = answered_samples(&series);
            if answered.len() >= expected.len() {
                Ok(answered)
            } else {
                Err(format!("{} of {} series", answered.len(), expected.len()))
            }
        },
    )
    .await;
    assert_eq!(
        answered.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the series Prometheus has are the series gathered"
    );
    for (key, value) in &expected {
        let got = answered[key];
        assert!(
            got == *value || (got.is_nan() && value.is_nan()),
            "{key:?}: Prometheus has {got}, gather() {value}"
        );
    }
    let asked = formats.lock().expect("formats").clone();
    assert!(
        !asked.is_empty() && asked.iter().all(|&f| f == Format::Protobuf),
        "Prometheus asked for {asked:?}"
    );

    // The exemplars, read back exactly from Prometheus' exemplar storage.
    let exemplars = query_exemplars(&prometheus, "enc_zoned_events_total").await;
    assert!(
        exemplars.contains(&(counter_trace.to_string(), 3.0)),
        "{exemplars:?}"
    );
    let exemplars = query_exemplars(&prometheus, "enc_latency_seconds_bucket").await;
    assert!(
        exemplars.contains(&(bucket_trace.to_string(), 0.05)),
        "{exemplars:?}"
    );
    drop(exporter);
}

/// A sample's name and labels (a bucket bound normalised to a float's
/// `Debug`, since Prometheus and `gather()` spell `le` differently).
type Key = (String, BTreeMap<String, String>);

/// Every sample of `families` as Prometheus stores them.
fn samples(families: &[GatheredFamily]) -> BTreeMap<Key, f64> {
    let mut out = BTreeMap::new();
    for family in families {
        let name = family.name();
        for metric in family.get_metric() {
            let labels: BTreeMap<String, String> = metric
                .get_label()
                .iter()
                .map(|p| (p.name().to_string(), p.value().to_string()))
                .collect();
            let mut add = |suffix: &str, le: Option<f64>, value: f64| {
                let mut labels = labels.clone();
                if let Some(le) = le {
                    labels.insert("le".into(), format!("{le:?}"));
                }
                out.insert((format!("{name}{suffix}"), labels), value);
            };
            match family.get_field_type() {
                MetricType::COUNTER => add("", None, metric.get_counter().get_value()),
                MetricType::GAUGE => add("", None, metric.get_gauge().get_value()),
                _ => {
                    let h = metric.get_histogram();
                    for bucket in h.get_bucket() {
                        add(
                            "_bucket",
                            Some(bucket.upper_bound()),
                            bucket.cumulative_count() as f64,
                        );
                    }
                    add("_bucket", Some(f64::INFINITY), h.get_sample_count() as f64);
                    add("_count", None, h.get_sample_count() as f64);
                    add("_sum", None, h.get_sample_sum());
                }
            }
        }
    }
    out
}

/// Prometheus' answer in the same keys, without the target's own labels
/// and its scrape health series.
fn answered_samples(series: &[x0tta_metrics_tests::e2e::prometheus::Series]) -> BTreeMap<Key, f64> {
    series
        .iter()
        .filter_map(|s| {
            let mut labels = s.labels.clone();
            let name = labels.remove("__name__")?;
            if name == "up" || name.starts_with("scrape_") {
                return None;
            }
            labels.remove("job");
            labels.remove("instance");
            if let Some(le) = labels.get_mut("le") {
                let bound = match le.as_str() {
                    "+Inf" => f64::INFINITY,
                    other => other.parse().expect("numeric le"),
                };
                *le = format!("{bound:?}");
            }
            Some(((name, labels.into_iter().collect()), s.value()))
        })
        .collect()
}

/// The `(trace_id, value)` of every exemplar Prometheus keeps for `selector`.
async fn query_exemplars(prometheus: &Prometheus, selector: &str) -> Vec<(String, f64)> {
    let series = prometheus
        .query_exemplars(selector, 0.0, 9_999_999_999.0)
        .await
        .expect("query_exemplars");
    series
        .into_iter()
        .flat_map(|s| s.exemplars)
        .map(|(labels, value, _)| {
            let trace = labels.get("trace_id").cloned().unwrap_or_default();
            (trace, value)
        })
        .collect()
}
