//! The generated text encoder (`Metrics::encode_text`) against prometheus'
//! `gather()` + `TextEncoder` on the same registry, promtool's verdict on it,
//! and sharded counters' totals under concurrent increments and scrapes.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

mod support;

mod shapes;

use shapes::{touch_every_shape, Metrics, Zone, SPEC_LABELS, SPEC_LABELS_TEXT};

fn prometheus_text(registry: &x0tta_metrics::prometheus::Registry) -> String {
    x0tta_metrics::encode_text(registry).expect("TextEncoder")
}

/// A parsed sample: metric name, sorted label pairs, value as printed.
type Sample = (String, Vec<(String, String)>, String);

/// Parses exposition text into samples; panics on a line it cannot read.
fn samples(text: &str) -> BTreeSet<Sample> {
    let mut out = BTreeSet::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (series, value) = line.rsplit_once(' ').expect("a sample line has a value");
        let (name, labels) = match series.split_once('{') {
            Some((name, rest)) => (
                name,
                parse_labels(rest.strip_suffix('}').expect("labels end with }")),
            ),
            None => (series, Vec::new()),
        };
        out.insert((name.to_string(), labels, value.to_string()));
    }
    out
}

fn parse_labels(mut text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    while !text.is_empty() {
        let (name, rest) = text.split_once("=\"").expect("label=\"value\"");
        let mut value = String::new();
        let mut chars = rest.char_indices();
        let end = loop {
            match chars.next().expect("closing quote") {
                (i, '"') => break i,
                (_, '\\') => match chars.next().expect("escaped char").1 {
                    'n' => value.push('\n'),
                    c => value.push(c),
                },
                (_, c) => value.push(c),
            }
        };
        pairs.push((name.to_string(), value));
        text = rest[end + 1..].trim_start_matches(',');
    }
    pairs.sort();
    pairs
}

/// Runs `promtool check metrics` on `text`: whether it passed, and its findings.
fn promtool_check(text: &str) -> (bool, String) {
    let mut child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool is installed");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write to promtool");
    let output = child.wait_with_output().expect("promtool runs");
    let findings = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), findings)
}

#[test]
fn generated_text_equals_text_encoder_byte_for_byte() {
    let m = Metrics::new().expect("register");
    touch_every_shape(&m);
    let ours = m.encode_text();
    let theirs = prometheus_text(m.registry());
    assert_eq!(ours, theirs);
    // And the comparison is not vacuous: escaped values made it through.
    assert!(ours.contains(r#"peer="quote \" inside""#), "{ours}");
    assert!(ours.contains(r#"zone="back\\slash""#), "{ours}");
    assert!(ours.contains(r#"peer="new\nline""#), "{ours}");
    assert!(ours.contains(
        "# HELP enc_plain_events_total Help with a backslash \\\\ and a newline\\nsecond line"
    ));
}

#[test]
fn generated_text_parses_to_the_same_samples_as_text_encoder() {
    let m = Metrics::new().expect("register");
    touch_every_shape(&m);
    let ours = samples(&m.encode_text());
    assert_eq!(ours, samples(&prometheus_text(m.registry())));
    // The spec's constant labels among the series' own, in name order.
    let labels = [
        SPEC_LABELS[0],
        ("kind", "read"),
        SPEC_LABELS[1],
        ("zone", "ünïcode"),
    ];
    let expected = (
        "enc_zoned_events_total".to_string(),
        labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        "5".to_string(),
    );
    assert!(ours.contains(&expected), "{ours:?}");
}

#[test]
fn untouched_registry_equals_text_encoder_without_free_form_families() {
    let m = Metrics::new().expect("register");
    let ours = m.encode_text();
    assert_eq!(ours, prometheus_text(m.registry()));
    assert!(
        !ours.contains("# TYPE enc_peer_up "),
        "a family without series is left out: {ours}"
    );
}

#[test]
fn promtool_accepts_the_generated_text() {
    let m = Metrics::new().expect("register");
    touch_every_shape(&m);
    let (passed, findings) = promtool_check(&m.encode_text());
    assert!(
        passed,
        "promtool check metrics rejected the text:\n{findings}"
    );
}

#[test]
fn catalogue_text_equals_text_encoder_and_passes_promtool() {
    use x0tta_metrics::{
        CycleStatus, HttpMethod, HttpStatus, MapekCycleDurationSecondsPhase as Phase,
    };
    let m = x0tta_metrics::Metrics::new().expect("register");
    support::touch::touch_every_family(&m);
    m.http
        .requests_total(HttpMethod::Get, "/api/\"v1\"\\status\n", HttpStatus::V503)
        .inc();
    m.http
        .request_duration_seconds(HttpMethod::Post, "/ünïcode")
        .observe(0.7);
    m.mapek.mapek_cycles_total(CycleStatus::Partial).inc_by(3);
    m.mapek
        .mapek_cycle_duration_seconds(Phase::Execute)
        .observe(1.5);
    let ours = m.encode_text();
    assert_eq!(ours, prometheus_text(m.registry()));
    assert!(ours.contains(r#"x0tta6bl4_mapek_cycles_total{status="partial"} 3"#));
    // promtool parses it; its only findings are the lints the spec waives.
    let spec = x0tta_metrics_codegen::check_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../metrics-spec.yaml"),
    )
    .expect("catalogue is valid");
    let waived: BTreeSet<&str> = spec
        .metrics()
        .filter(|(_, m)| !m.waivers.is_empty())
        .map(|(_, m)| m.exported.as_str())
        .collect();
    let (_, findings) = promtool_check(&ours);
    for finding in findings.lines() {
        let name = finding.split_whitespace().next().unwrap_or_default();
        assert!(
            waived.contains(name),
            "promtool finding on a metric without a waiver: {finding}"
        );
    }
}

#[test]
fn gather_still_sees_every_family_including_sharded_ones() {
    let m = Metrics::new().expect("register");
    m.shapes.hot_events_total(Zone::East).inc_by(5);
    let families = m.registry().gather();
    let hot = families
        .iter()
        .find(|f| f.name() == "enc_hot_events_total")
        .expect("sharded family gathered");
    let east = hot
        .get_metric()
        .iter()
        .find(|s| s.get_label().iter().any(|l| l.value() == "east"))
        .expect("east series");
    assert_eq!(east.get_counter().get_value(), 5.0);
    assert_eq!(hot.get_metric().len(), Zone::ALL.len());
}

/// Reads the sharded counters' totals from the encoder's text.
fn scraped_hot_total(m: &Metrics) -> u64 {
    let text = m.encode_text();
    let line = text
        .lines()
        .find(|l| l.starts_with("enc_hot_plain_total{"))
        .expect("hot_plain_total line");
    line.rsplit_once(' ')
        .expect("value")
        .1
        .parse()
        .expect("integer")
}

#[test]
fn sharded_counter_totals_are_exact_and_never_go_back_while_incremented() {
    const THREADS: u64 = 4;
    const INCREMENTS: u64 = 50_000;
    let m = Arc::new(Metrics::new().expect("register"));
    let done = Arc::new(AtomicBool::new(false));
    let scraper = {
        let (m, done) = (Arc::clone(&m), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut last = 0;
            let mut scrapes = 0u64;
            while !done.load(Ordering::Acquire) || scrapes == 0 {
                let now = scraped_hot_total(&m);
                assert!(now >= last, "a scrape went back from {last} to {now}");
                assert!(
                    now <= THREADS * INCREMENTS,
                    "a scrape saw {now}, more than was ever added"
                );
                last = now;
                scrapes += 1;
            }
            scrapes
        })
    };
    let workers: Vec<_> = (0..THREADS)
        .map(|_| {
            let m = Arc::clone(&m);
            std::thread::spawn(move || {
                for _ in 0..INCREMENTS {
                    m.shapes.hot_plain_total().inc();
                    m.shapes.hot_events_total(Zone::West).inc();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("worker");
    }
    done.store(true, Ordering::Release);
    assert!(scraper.join().expect("scraper") > 0);
    // The workers have exited: nothing may be held back in their shards.
    let total = THREADS * INCREMENTS;
    assert_eq!(scraped_hot_total(&m), total);
    assert_eq!(m.shapes.hot_plain_total().get(), total);
    let gathered = m.registry().gather();
    let west = gathered
        .iter()
        .find(|f| f.name() == "enc_hot_events_total")
        .and_then(|f| {
            f.get_metric()
                .iter()
                .find(|s| s.get_label().iter().any(|l| l.value() == "west"))
        })
        .expect("west series");
    assert_eq!(west.get_counter().get_value(), total as f64);
    assert!(m.encode_text().contains(&format!(
        "enc_hot_events_total{{{SPEC_LABELS_TEXT},zone=\"west\"}} {total}\n"
    )));
}
