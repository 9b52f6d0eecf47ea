// A static group's collector lives in a `static` of the user's crate: built
// by a const fn, updated before and after registration, read back through
// the registry. `compile_fail.rs` points the spec path at tests/specs.
x0tta_metrics::metrics_spec!("specs/static.yaml");

static JOBS: JobsMetrics = JobsMetrics::new();

fn main() {
    JOBS.jobs_total(Outcome::Failed, JobsTotalPriority::High).inc();
    let registry = x0tta_metrics::prometheus::Registry::new();
    JOBS.register(&registry).expect("register");
    JOBS.jobs_total(Outcome::Failed, JobsTotalPriority::High).inc_by(2);
    let text = x0tta_metrics::encode_text(&registry).expect("encode");
    assert!(text.contains("shop_jobs_total{outcome=\"failed\",priority=\"high\",service=\"shop \\\"eu\\\"\"} 3\n"), "{text}");
}
