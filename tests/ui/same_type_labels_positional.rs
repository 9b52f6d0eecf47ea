// `contract` and `function` are both free-form (`&str`): positional arguments
// could be swapped silently, so the accessor takes a labels struct instead.
use x0tta_metrics::{Metrics, OpResult};

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics.contract.contract_calls_total("transfer", "treasury", OpResult::Success).inc();
}
