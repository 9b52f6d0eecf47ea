//! The evolution keys in generated code: dual emission under the old name,
//! aliases forwarding to the accessor, deprecated accessors still working.
#![allow(deprecated)] // the deprecated accessors are what is under test

x0tta_metrics::metrics_spec!("fixtures/lifecycle.yaml");

fn scrape(metrics: &Metrics) -> String {
    x0tta_metrics::encode_text(metrics.registry()).expect("encode")
}

#[test]
fn dual_emission_carries_both_names_with_the_same_values() {
    let metrics = Metrics::new().expect("register");
    metrics
        .jobs
        .jobs_processed_total(JobsProcessedTotalOutcome::Ok)
        .inc_by(3);
    metrics.jobs.queue_depth().set(7);
    metrics.jobs.job_duration_seconds("mail").observe(0.5);
    metrics
        .jobs
        .jobs_claimed_total(JobsClaimedTotalOutcome::Ok)
        .inc_by(4);
    let text = scrape(&metrics);
    for line in [
        "demo_jobs_claimed_total{outcome=\"ok\"} 4",
        "demo_jobs_taken_total{outcome=\"ok\"} 4",
        "demo_jobs_taken_total{outcome=\"failed\"} 0",
        "demo_jobs_processed_total{outcome=\"ok\"} 3",
        "demo_jobs_done_total{outcome=\"ok\"} 3",
        "demo_jobs_done_total{outcome=\"failed\"} 0",
        "demo_queue_depth 7",
        "demo_backlog 7",
        "demo_job_duration_seconds_bucket{queue=\"mail\",le=\"1\"} 1",
        "demo_job_latency_seconds_bucket{queue=\"mail\",le=\"1\"} 1",
        "demo_job_latency_seconds_count{queue=\"mail\"} 1",
        "# TYPE demo_job_latency_seconds histogram",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
}

#[test]
fn the_generated_encoder_writes_both_names_too() {
    let metrics = Metrics::new().expect("register");
    metrics
        .jobs
        .jobs_processed_total(JobsProcessedTotalOutcome::Failed)
        .inc();
    metrics.jobs.queue_depth().set(2);
    metrics.jobs.job_duration_seconds("sms").observe(0.05);
    metrics
        .jobs
        .jobs_claimed_total(JobsClaimedTotalOutcome::Failed)
        .inc();
    // Byte for byte what gather() + TextEncoder write, old names included.
    assert_eq!(metrics.encode_text(), scrape(&metrics));
}

#[test]
fn a_rename_without_dual_emit_exports_only_the_new_name() {
    let metrics = Metrics::new().expect("register");
    metrics.jobs.jobs_retried_total().inc();
    let text = scrape(&metrics);
    assert!(text.contains("demo_jobs_retried_total 1"), "{text}");
    assert!(!text.contains("demo_retries_total"), "{text}");
}

#[test]
fn the_old_name_is_taken_on_the_registry() {
    // Dual emission registers the old name: a second family under it is refused,
    // and the failed registration leaves nothing behind.
    let registry = x0tta_metrics::prometheus::Registry::new();
    let squatter =
        x0tta_metrics::prometheus::IntGauge::new("demo_backlog", "Someone else's.").expect("gauge");
    registry
        .register(Box::new(squatter))
        .expect("register squatter");
    assert!(Metrics::register(&registry).is_err());
    assert_eq!(registry.gather().len(), 1, "only the squatter stays");
}

#[test]
fn aliases_and_deprecated_accessors_update_the_same_series() {
    let metrics = Metrics::new().expect("register");
    metrics
        .jobs
        .jobs_done_total(JobsProcessedTotalOutcome::Failed)
        .inc();
    metrics.jobs.legacy_total().inc_by(2);
    metrics.jobs.jobs_legacy_total().inc();
    let text = scrape(&metrics);
    assert!(
        text.contains("demo_jobs_processed_total{outcome=\"failed\"} 1"),
        "{text}"
    );
    assert!(text.contains("demo_jobs_legacy_total 3"), "{text}");
}
