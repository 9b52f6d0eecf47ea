// Only metrics of the spec have accessors.
use x0tta_metrics::Metrics;

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics.mapek.mapek_cycles_skipped_total().inc();
}
