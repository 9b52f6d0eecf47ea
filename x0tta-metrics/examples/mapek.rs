//! The seed report's "MAPE-K Integration" example on the generated API: one
//! Monitor → Analyze → Plan → Execute cycle timed phase by phase, then an
//! anomaly and the recovery action it triggered.
//!
//! `cargo run -p x0tta-metrics --example mapek`

mod support;

use std::thread::sleep;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use x0tta_metrics::{
    ActionType, CycleStatus, MapekAnomaliesDetectedTotalAnomalyType as Anomaly,
    MapekCycleDurationSecondsPhase as Phase, Metrics, Severity,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let metrics = Metrics::new()?;
    let mapek = &metrics.mapek;

    // start_cycle(): the `total` phase times the whole cycle.
    let cycle = mapek
        .mapek_cycle_duration_seconds(Phase::Total)
        .start_timer();
    for phase in [Phase::Monitor, Phase::Analyze, Phase::Plan, Phase::Execute] {
        // start_phase(phase) … end_phase(phase): the timer records on observe_duration().
        let timer = mapek.mapek_cycle_duration_seconds(phase).start_timer();
        sleep(Duration::from_millis(2)); // … do the phase's work …
        timer.observe_duration();
    }
    cycle.observe_duration();
    // record_cycle_completion("success")
    mapek.mapek_cycles_total(CycleStatus::Success).inc();
    mapek
        .mapek_last_cycle_timestamp_seconds()
        .set(SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs_f64());

    // record_anomaly("cpu_usage", "high") and record_recovery_action("scale_up", "success")
    mapek
        .mapek_anomalies_detected_total(Anomaly::CpuUsage, Severity::High)
        .inc();
    mapek
        .mapek_recovery_actions_total(ActionType::ScaleUp, CycleStatus::Success)
        .inc();

    support::print_exposition(&metrics, &["x0tta6bl4_mapek_"])?;
    Ok(())
}
