// A closed label takes its enum, not a string: typos cannot compile.
use x0tta_metrics::Metrics;

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics.mapek.mapek_cycles_total("success").inc();
}
