// Labels come in spec order (action_type, then status); each has its own type.
use x0tta_metrics::{ActionType, CycleStatus, Metrics};

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics.mapek.mapek_recovery_actions_total(CycleStatus::Success, ActionType::ScaleUp).inc();
}
