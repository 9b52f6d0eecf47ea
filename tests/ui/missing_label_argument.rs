// `mapek_recovery_actions_total` has two labels: action_type and status.
use x0tta_metrics::{ActionType, Metrics};

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics.mapek.mapek_recovery_actions_total(ActionType::ScaleUp).inc();
}
