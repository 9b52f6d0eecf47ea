// A closed label set is an enum: a value the spec does not list is no variant.
use x0tta_metrics::{CycleStatus, Metrics};

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics.mapek.mapek_cycles_total(CycleStatus::Unknown).inc();
}
