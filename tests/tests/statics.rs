//! A static group (`static: true`, `specs/static.yaml`) through the
//! generated API: updates go to a `static` of this crate, registration
//! comes later, and `gather()` + `TextEncoder`, the text and OpenMetrics
//! formats and the protobuf format (decoded by the prost oracle) all read
//! back what was written, exactly as for a group of `Metrics`, also while
//! four threads write (every scrape whole, counts never going back,
//! histograms cumulative with `+Inf` equal to the count).
//!
//! Each test has statics of its own (the tests of one binary run in
//! parallel and a static is process-wide).

use std::sync::Arc;

use x0tta_metrics::prometheus::Registry;
use x0tta_metrics::{Combined, Exposition};
use x0tta_metrics_tests::concurrent::whole_histograms;
use x0tta_metrics_tests::e2e::process::run_with_stdin;

mod oracle;

use oracle::{assert_same, decode_exactly, from_gather, take_what_gather_lacks};

x0tta_metrics::metrics_spec!("specs/static.yaml");

/// The spec's constant label, as the text formats write it.
const SERVICE: &str = "service=\"shop \\\"eu\\\"\"";

/// Prints the value of `shop_jobs_total{outcome="failed",priority="urgent"}`
/// as Python's strict OpenMetrics parser reads it.
const PYTHON_SAMPLE: &str = r#"
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        if s.name == "shop_jobs_total" and s.labels.get("outcome") == "failed" and s.labels.get("priority") == "urgent":
            print(float(s.value))
"#;

static COUNTED: JobsMetrics = JobsMetrics::new();

/// The value of the first line of `text` that starts with `series`.
fn value_of(text: &str, series: &str) -> u64 {
    let line = text.lines().find(|l| l.starts_with(series));
    let value = line.and_then(|l| l.rsplit(' ').next());
    value
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{series} in\n{text}"))
}

#[test]
fn increments_from_four_threads_on_a_static_are_read_back_from_gather_and_every_format() {
    // Before registration: the registry only reads, so this counts too.
    COUNTED.queue_depth().set(-3);
    let registry = Registry::new();
    COUNTED.register(&registry).expect("register the static");
    let urgent = format!("shop_jobs_total{{outcome=\"failed\",priority=\"urgent\",{SERVICE}}} ");
    let (mut scrape, mut last) = (0u32, 0);
    let scrapes = x0tta_metrics_tests::concurrent::scrape_while_writing(
        4,
        |t| {
            for _ in 0..10_000 {
                COUNTED
                    .jobs_total(Outcome::Failed, JobsTotalPriority::Urgent)
                    .inc();
            }
            COUNTED
                .jobs_total(Outcome::Success, JobsTotalPriority::Low)
                .inc_by(t + 1);
            COUNTED.processed_bytes_total().inc_by(0.25);
            // The histogram's cells are inline in the static too: 500
            // observations in the first bucket and 500 in the third.
            let job = COUNTED.job_seconds(Outcome::Failed);
            for i in 0..1_000 {
                job.observe(if i % 2 == 0 { 0.25 } else { 2.0 });
            }
        },
        || {
            // Each format in turn, and gather(), while the writers run:
            // every scrape whole, the count never going back.
            scrape += 1;
            let text = match scrape % 3 {
                0 => COUNTED.encode_text(),
                1 => x0tta_metrics::encode_text(&registry).expect("TextEncoder"),
                _ => {
                    decode_exactly(&COUNTED.encode_protobuf());
                    return;
                }
            };
            // Cumulative buckets, `+Inf` = count, whatever the writers do.
            whole_histograms(&text, "shop_job_seconds");
            let now = value_of(&text, &urgent);
            assert!(last <= now && now <= 40_000, "{last} then {now}");
            last = now;
        },
    );
    assert!(scrapes >= 3);
    COUNTED.load_ratio(LoadRatioPool::Cpu).set(0.5);
    COUNTED.batches_total().inc_by(7);
    // A timer on a static histogram observes once, when dropped.
    drop(COUNTED.job_seconds(Outcome::Success).start_timer());
    assert_eq!(COUNTED.job_seconds(Outcome::Success).get_sample_count(), 1);

    let text = COUNTED.encode_text();
    let gathered = x0tta_metrics::encode_text(&registry).expect("TextEncoder");
    assert_eq!(
        text, gathered,
        "the static's text is gather()'s, byte for byte"
    );
    for line in [
        format!("shop_jobs_total{{outcome=\"failed\",priority=\"urgent\",{SERVICE}}} 40000"),
        format!("shop_jobs_total{{outcome=\"success\",priority=\"low\",{SERVICE}}} 10"),
        format!("shop_jobs_total{{outcome=\"success\",priority=\"high\",{SERVICE}}} 0"),
        format!("shop_queue_depth{{{SERVICE}}} -3"),
        format!("shop_load_ratio{{pool=\"cpu\",{SERVICE}}} 0.5"),
        format!("shop_processed_bytes_total{{{SERVICE}}} 1"),
        format!("shop_batches_total{{{SERVICE}}} 7"),
        format!("shop_batch_runs_total{{{SERVICE}}} 7"),
        format!("shop_job_seconds_bucket{{outcome=\"failed\",{SERVICE},le=\"0.5\"}} 2000"),
        format!("shop_job_seconds_bucket{{outcome=\"failed\",{SERVICE},le=\"1\"}} 2000"),
        format!("shop_job_seconds_bucket{{outcome=\"failed\",{SERVICE},le=\"5\"}} 4000"),
        format!("shop_job_seconds_bucket{{outcome=\"failed\",{SERVICE},le=\"+Inf\"}} 4000"),
        format!("shop_job_seconds_sum{{outcome=\"failed\",{SERVICE}}} 4500"),
        format!("shop_job_seconds_count{{outcome=\"failed\",{SERVICE}}} 4000"),
        format!("shop_job_seconds_count{{outcome=\"success\",{SERVICE}}} 1"),
    ] {
        assert!(text.contains(&format!("{line}\n")), "{line} in\n{text}");
    }

    let openmetrics = COUNTED.encode_openmetrics();
    assert!(
        openmetrics.contains("# UNIT shop_processed_bytes bytes\n"),
        "{openmetrics}"
    );
    assert!(
        openmetrics.contains(&format!(
            "shop_jobs_total{{outcome=\"failed\",priority=\"urgent\",{SERVICE}}} 40000\n"
        )),
        "{openmetrics}"
    );
    assert!(openmetrics.ends_with("# EOF\n"));
    let (code, stdout, stderr) = run_with_stdin(
        "/usr/bin/python3",
        &["-c", PYTHON_SAMPLE],
        openmetrics.as_bytes(),
    );
    assert_eq!(code, 0, "strict parser rejected:\n{stderr}\n{openmetrics}");
    assert_eq!(
        stdout.trim(),
        "40000.0",
        "the strict parser reads the count"
    );
    let (code, stdout, stderr) = run_with_stdin("promtool", &["check", "metrics"], text.as_bytes());
    assert!(code == 0, "promtool: {stdout}{stderr}");

    let mut decoded = decode_exactly(&COUNTED.encode_protobuf());
    let (units, exemplars) = take_what_gather_lacks(&mut decoded);
    assert_eq!(
        units,
        [("shop_processed_bytes_total".into(), "bytes".into())]
    );
    assert!(exemplars.is_empty());
    assert_same(&decoded, &from_gather(&registry.gather()));
}

static ONE: JobsMetrics = JobsMetrics::new();
static TWO: JobsMetrics = JobsMetrics::new();

#[test]
fn registration_is_all_or_nothing_and_one_static_serves_several_registries() {
    let taken = Registry::new();
    TWO.register(&taken).expect("a first static registers");
    ONE.queue_depth().set(4);
    let err = ONE.register(&taken).expect_err("every name is taken");
    assert!(err.to_string().contains("already registered"), "{err}");
    assert_eq!(
        taken.gather().len(),
        TWO.encode_text().matches("# TYPE").count(),
        "only TWO's families stay: ONE's were rolled back"
    );
    assert!(taken
        .gather()
        .iter()
        .flat_map(|f| f.get_metric())
        .all(|m| m.get_gauge().get_value() != 4.0));

    let (a, b) = (Registry::new(), Registry::new());
    ONE.register(&a).expect("register on a");
    ONE.register(&b).expect("register on b");
    ONE.queue_depth().inc();
    let (text_a, text_b) = (
        x0tta_metrics::encode_text(&a).expect("a"),
        x0tta_metrics::encode_text(&b).expect("b"),
    );
    assert_eq!(text_a, text_b);
    assert!(
        text_a.contains(&format!("shop_queue_depth{{{SERVICE}}} 5\n")),
        "{text_a}"
    );
}

static SERVED: JobsMetrics = JobsMetrics::new();

#[test]
fn combined_with_metrics_a_static_is_written_with_the_registry_scope_as_gather_prints_it() {
    let labels = [("node".to_string(), "n-1".to_string())].into();
    let registry = Registry::new_custom(Some("edge".into()), Some(labels)).expect("registry");
    let metrics = Metrics::register(&registry).expect("Metrics");
    SERVED.register(&registry).expect("the static");
    metrics.api.requests_total("/a").inc();
    SERVED
        .jobs_total(Outcome::Success, JobsTotalPriority::High)
        .inc_by(2);
    let combined = Combined::new(vec![Arc::new(metrics.clone()), Arc::new(&SERVED)]);
    let text = combined.encode_text();
    assert_eq!(
        text,
        x0tta_metrics::encode_text(&registry).expect("TextEncoder")
    );
    assert!(
        text.contains(&format!(
        "edge_shop_jobs_total{{outcome=\"success\",priority=\"high\",{SERVICE},node=\"n-1\"}} 2\n"
    )),
        "{text}"
    );
    assert!(
        !metrics.encode_text().contains("shop_jobs_total"),
        "a static group is not part of Metrics"
    );
}
