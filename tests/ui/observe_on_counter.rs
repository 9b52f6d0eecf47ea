// A counter is an IntCounter: it counts, it does not observe.
use x0tta_metrics::{CycleStatus, Metrics};

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics.mapek.mapek_cycles_total(CycleStatus::Success).observe(0.5);
}
