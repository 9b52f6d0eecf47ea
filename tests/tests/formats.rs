//! Every format from the one walk of the cells: the text format equals
//! `gather()` + `TextEncoder` byte for byte on a registry with a prefix and
//! common labels; OpenMetrics passes Python's strict parser and carries the
//! same samples; and under 4 writer threads every scrape in every format
//! is whole (cumulative buckets, `+Inf` = count) and the final totals exact.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use x0tta_metrics::prometheus::Registry;
use x0tta_metrics_tests::concurrent::whole_histograms;
use x0tta_metrics_tests::e2e::process::run_with_stdin;

mod shapes;

use shapes::{
    custom_registry, touch_every_shape, two_specs_past_budget, Metrics, Zone,
    ZonedEventsTotalKind as Kind, SPEC_LABELS, SPEC_LABELS_TEXT,
};

#[test]
fn text_equals_gather_on_a_registry_with_prefix_and_common_labels() {
    let registry = custom_registry();
    let m = Metrics::register(&registry).expect("register");
    // Untouched (free-form families empty), then with every shape set.
    let gathered = x0tta_metrics::encode_text(&registry).expect("TextEncoder");
    assert_eq!(m.encode_text(), gathered);
    touch_every_shape(&m);
    let gathered = x0tta_metrics::encode_text(&registry).expect("TextEncoder");
    assert!(gathered.contains("fleet_enc_queue_depth{"), "{gathered}");
    assert_eq!(m.encode_text(), gathered);
}

/// Reads exposition text on stdin with the parser named in argv[1] (`text`
/// or `openmetrics`, the strict one) and prints every sample as
/// `[name, labels, repr(value)]`, `le` normalised to a float's repr.
const PYTHON_SAMPLES: &str = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families as text
from prometheus_client.openmetrics.parser import text_string_to_metric_families as om
parse = om if sys.argv[1] == "openmetrics" else text
out = []
for family in parse(sys.stdin.read()):
    for s in family.samples:
        labels = dict(s.labels)
        if "le" in labels:
            labels["le"] = repr(float(labels["le"]))
        out.append([s.name, labels, repr(float(s.value))])
out.sort(key=json.dumps)
json.dump(out, sys.stdout)
"#;

fn python_samples(format: &str, text: &str) -> String {
    let (code, stdout, stderr) = run_with_stdin(
        "/usr/bin/python3",
        &["-c", PYTHON_SAMPLES, format],
        text.as_bytes(),
    );
    assert_eq!(
        code, 0,
        "python prometheus_client {format} parser rejected:\n{stderr}\n{text}"
    );
    stdout
}

#[test]
fn openmetrics_passes_the_strict_parser_with_the_samples_of_gather() {
    let registry = custom_registry();
    let m = Metrics::register(&registry).expect("register");
    touch_every_shape(&m);
    let openmetrics = m.encode_openmetrics();
    assert!(openmetrics.ends_with("# EOF\n"));
    assert!(openmetrics.contains("# TYPE fleet_enc_plain_events counter\n"));
    let oracle = x0tta_metrics::encode_text(&registry).expect("TextEncoder");
    // The same samples, read by two parsers from two formats.
    let parse = |format, text| -> Vec<serde_json::Value> {
        serde_json::from_str(&python_samples(format, text)).expect("parser output")
    };
    let (ours, theirs) = (parse("openmetrics", &openmetrics), parse("text", &oracle));
    let only_ours: Vec<_> = ours.iter().filter(|s| !theirs.contains(s)).collect();
    let only_theirs: Vec<_> = theirs.iter().filter(|s| !ours.contains(s)).collect();
    assert!(
        only_ours.is_empty() && only_theirs.is_empty() && ours.len() == theirs.len(),
        "only in OpenMetrics: {only_ours:?}\nonly in gather(): {only_theirs:?}"
    );
}

#[test]
fn every_scrape_is_whole_and_totals_exact_under_four_writers() {
    const WRITERS: u64 = 4;
    const ROUNDS: u64 = 20_000;
    let m = Arc::new(Metrics::new().expect("register"));
    let done = Arc::new(AtomicBool::new(false));
    let scraper = {
        let (m, done) = (Arc::clone(&m), Arc::clone(&done));
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut scrapes = 0u32;
            // Bounded in count and time; at least one scrape of each kind.
            while (!done.load(Ordering::Acquire) || scrapes < 3)
                && scrapes < 10_000
                && started.elapsed() < Duration::from_secs(60)
            {
                let text = m.encode_text();
                whole_histograms(&text, "enc_latency_seconds");
                let openmetrics = m.encode_openmetrics();
                whole_histograms(&openmetrics, "enc_latency_seconds");
                for family in m.registry().gather() {
                    for metric in family.get_metric() {
                        let h = metric.get_histogram();
                        let counts: Vec<u64> = h
                            .get_bucket()
                            .iter()
                            .map(|b| b.cumulative_count())
                            .collect();
                        assert!(counts.windows(2).all(|w| w[0] <= w[1]));
                        assert!(counts.last().is_none_or(|&c| c <= h.get_sample_count()));
                    }
                }
                scrapes += 3;
            }
            scrapes
        })
    };
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let m = Arc::clone(&m);
            std::thread::spawn(move || {
                let zone = Zone::ALL[w as usize % 2];
                for i in 0..ROUNDS {
                    m.shapes.zoned_events_total(zone, Kind::Read).inc();
                    m.shapes.hot_plain_total().inc();
                    m.shapes.latency_seconds(Zone::West).observe((i % 7) as f64);
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("writer");
    }
    done.store(true, Ordering::Release);
    assert!(scraper.join().expect("scraper") >= 3);

    let total = WRITERS * ROUNDS;
    let text = m.encode_text();
    let hot = format!("enc_hot_plain_total{{{SPEC_LABELS_TEXT}}} {total}\n");
    assert!(text.contains(&hot), "{text}");
    for zone in ["west", "east"] {
        let (build, service) = SPEC_LABELS_TEXT.split_once(',').expect("two labels");
        let line = format!(
            "enc_zoned_events_total{{{build},kind=\"read\",{service},zone=\"{zone}\"}} {}\n",
            total / 2
        );
        assert!(text.contains(&line), "{line}");
    }
    let openmetrics = m.encode_openmetrics();
    assert!(openmetrics.contains(&hot), "{openmetrics}");
    for format in [&text, &openmetrics] {
        let counts = whole_histograms(format, "enc_latency_seconds");
        assert!(counts.contains(&total), "{counts:?}");
    }
    assert_eq!(
        m.shapes.latency_seconds(Zone::West).get_sample_count(),
        total
    );
    assert_eq!(
        text,
        x0tta_metrics::encode_text(m.registry()).expect("TextEncoder")
    );
}

#[test]
fn constant_labels_given_at_registration_are_in_every_format() {
    let m = Metrics::with_labels(&[("instance", "a:1"), ("region", "eu")]).expect("labels");
    m.shapes.queue_depth().set(5);
    let text = m.encode_text();
    assert!(text.contains("enc_queue_depth{"), "{text}");
    assert_eq!(
        text,
        x0tta_metrics::encode_text(m.registry()).expect("TextEncoder")
    );
    let line = text
        .lines()
        .find(|l| l.starts_with("enc_queue_depth{"))
        .expect("queue depth line");
    assert!(
        line.contains("instance=\"a:1\"") && line.contains("region=\"eu\""),
        "{line}"
    );
    let openmetrics = m.encode_openmetrics();
    assert!(openmetrics.contains(&format!("{line}\n")), "{openmetrics}");
    assert!(Metrics::with_labels(&[("bad-name", "x")]).is_err());
}

#[test]
fn spec_constant_labels_are_on_every_series_in_every_format() {
    let m = Metrics::new().expect("register");
    touch_every_shape(&m);
    let (text, openmetrics) = (m.encode_text(), m.encode_openmetrics());
    assert_eq!(
        text,
        x0tta_metrics::encode_text(m.registry()).expect("TextEncoder")
    );
    // In name order among the series' own labels, escaped.
    assert!(
        text.contains(
            "\nenc_zoned_events_total{build=\"1.0\\n🚀\",kind=\"read\",service=\"api \\\"edge\\\" \\\\ {x}\",zone=\"west\"} 1\n"
        ),
        "{text}"
    );
    // Read back by each parser: every sample of the spec's families carries
    // both, with the spec's values; the overflow self-metric, which every
    // spec on a registry shares, only its `metric` label.
    for (format, exposition) in [("text", &text), ("openmetrics", &openmetrics)] {
        let samples: Vec<serde_json::Value> =
            serde_json::from_str(&python_samples(format, exposition)).expect("parser output");
        assert!(samples.len() > 50, "{format}: {samples:?}");
        let (overflow, own): (Vec<_>, Vec<_>) = samples
            .iter()
            .partition(|s| s[0] == "x0tta_metrics_series_overflow_total");
        assert_eq!(overflow.len(), 3, "{format}: {samples:?}");
        for sample in overflow {
            assert_eq!(sample[1].as_object().map(|l| l.len()), Some(1), "{sample}");
        }
        for sample in own {
            for (name, value) in SPEC_LABELS {
                assert_eq!(sample[1][name], value, "{format}: {sample}");
            }
        }
    }
    let families = m.registry().gather();
    let metrics: Vec<_> = families
        .iter()
        .filter(|f| f.name() != "x0tta_metrics_series_overflow_total")
        .flat_map(|f| f.get_metric())
        .collect();
    assert!(metrics.len() > 20);
    for metric in metrics {
        let labels: Vec<(&str, &str)> = metric
            .get_label()
            .iter()
            .map(|l| (l.name(), l.value()))
            .collect();
        for pair in SPEC_LABELS {
            assert!(labels.contains(&pair), "{labels:?}");
        }
    }
}

#[test]
fn registration_labels_follow_the_spec_constant_labels_and_may_not_repeat_any_label() {
    let m = Metrics::with_labels(&[("instance", "a:1")]).expect("labels");
    m.shapes.queue_depth().set(5);
    let line = format!("enc_queue_depth{{{SPEC_LABELS_TEXT},instance=\"a:1\"}} 5\n");
    assert!(m.encode_text().contains(&line), "{}", m.encode_text());
    assert!(m.encode_openmetrics().contains(&line));
    assert_eq!(
        m.encode_text(),
        x0tta_metrics::encode_text(m.registry()).expect("TextEncoder")
    );
    // A registration label named like a spec constant label: refused, named.
    let err = Metrics::with_labels(&[("service", "other")]).expect_err("a clash");
    assert!(err.to_string().contains("\"service\""), "{err}");
    let registry = Registry::new_custom(
        None,
        Some(HashMap::from([("build".to_string(), "2".to_string())])),
    )
    .expect("custom registry");
    let err = Metrics::register(&registry).expect_err("a clash");
    assert!(err.to_string().contains("\"build\""), "{err}");
    assert!(registry.gather().is_empty(), "nothing stays registered");
    // One named like a metric's own label (closed `zone`, free-form `peer`).
    for label in ["zone", "peer"] {
        let err = Metrics::with_labels(&[(label, "x")]).expect_err("a clash");
        let needle = format!("has a label \"{label}\", which is also a common label");
        assert!(err.to_string().contains(&needle), "{err}");
    }
    let zone = HashMap::from([("zone".to_string(), "x".to_string())]);
    let registry = Registry::new_custom(None, Some(zone)).expect("custom registry");
    Metrics::register(&registry).expect_err("a clash");
    assert!(registry.gather().is_empty(), "nothing stays registered");
}

#[test]
fn the_global_instance_is_registered_once_on_the_default_registry() {
    let first = Metrics::global().expect("registered on the default registry");
    let again = Metrics::global().expect("the same instance");
    assert!(std::ptr::eq(first, again));
    first.shapes.plain_events_total().inc();
    let gathered = x0tta_metrics::prometheus::gather();
    assert!(gathered
        .iter()
        .any(|f| f.name() == "enc_plain_events_total"));
}

#[test]
fn two_specs_in_one_exposition_write_the_shared_overflow_family_once() {
    let registry = custom_registry();
    let both = two_specs_past_budget(&registry);
    let text = x0tta_metrics::Exposition::encode_text(&both);
    assert_eq!(
        text.matches("# TYPE fleet_x0tta_metrics_series_overflow_total counter")
            .count(),
        1
    );
    assert!(text.contains("metric=\"second_job_runs_total\""), "{text}");
    assert_eq!(
        text,
        x0tta_metrics::encode_text(&registry).expect("TextEncoder")
    );
    let (code, stdout, stderr) = run_with_stdin("promtool", &["check", "metrics"], text.as_bytes());
    assert!(code == 0 || code == 3, "promtool: {stdout}{stderr}");
    let openmetrics = x0tta_metrics::Exposition::encode_openmetrics(&both);
    assert_eq!(openmetrics.matches("# EOF").count(), 1);
    python_samples("openmetrics", &openmetrics);
}

/// Prints `[name, labels, exemplar labels, exemplar value]` for every
/// sample with an exemplar that the strict OpenMetrics parser reads.
const PYTHON_EXEMPLARS: &str = r#"
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        if s.exemplar is not None:
            out.append([s.name, dict(s.labels), dict(s.exemplar.labels), float(s.exemplar.value)])
out.sort(key=json.dumps)
json.dump(out, sys.stdout)
"#;

#[test]
fn exemplars_are_read_back_exactly_by_the_strict_parser() {
    let m = Metrics::new().expect("register");
    let counter = m.shapes.zoned_events_total(Zone::East, Kind::Write);
    counter
        .inc_by_with_exemplar(3, &[("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")])
        .expect("exemplar");
    m.shapes
        .latency_seconds(Zone::West)
        .observe_with_exemplar(0.05, &[("trace_id", "00f067aa0ba902b7"), ("span", "a\"b")])
        .expect("exemplar");
    m.shapes
        .peer_messages_total("peer-1", Zone::West)
        .inc_with_exemplar(&[("trace_id", "free-form")])
        .expect("exemplar");
    // Over OpenMetrics' 128 code points: refused with an error, still counted.
    let long = "x".repeat(200);
    let refused = m
        .shapes
        .latency_seconds(Zone::East)
        .observe_with_exemplar(1.0, &[("trace_id", &long)]);
    assert_eq!(
        refused,
        Err(x0tta_metrics::ExemplarError::TooLong { runes: 208 })
    );
    assert_eq!(m.shapes.latency_seconds(Zone::East).get_sample_count(), 1);

    let openmetrics = m.encode_openmetrics();
    let (code, stdout, stderr) = run_with_stdin(
        "/usr/bin/python3",
        &["-c", PYTHON_EXEMPLARS],
        openmetrics.as_bytes(),
    );
    assert_eq!(code, 0, "strict parser rejected:\n{stderr}\n{openmetrics}");
    let read: serde_json::Value = serde_json::from_str(&stdout).expect("parser output");
    let [(_, build), (_, service)] = SPEC_LABELS;
    assert_eq!(
        read,
        serde_json::json!([
            ["enc_latency_seconds_bucket", {"le": "0.1", "zone": "west", "build": build, "service": service}, {"span": "a\"b", "trace_id": "00f067aa0ba902b7"}, 0.05],
            ["enc_peer_messages_total", {"peer": "peer-1", "zone": "west", "build": build, "service": service}, {"trace_id": "free-form"}, 1.0],
            ["enc_zoned_events_total", {"kind": "write", "zone": "east", "build": build, "service": service}, {"trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"}, 3.0]
        ])
    );
    // The text format has no exemplars, and stays gather()'s.
    assert_eq!(
        m.encode_text(),
        x0tta_metrics::encode_text(m.registry()).expect("TextEncoder")
    );
}
