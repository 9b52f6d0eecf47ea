// `mapek_cycles_total` has one label, status.
use x0tta_metrics::{CycleStatus, Metrics, Severity};

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics.mapek.mapek_cycles_total(CycleStatus::Success, Severity::High).inc();
}
