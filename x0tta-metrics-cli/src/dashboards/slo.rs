//! The SLO dashboard: per objective, its indicator against the target, the
//! error budget left, the burn rate over every alert window and the events
//! it counts. The panels read the recording rules of `rules`, so the
//! dashboard and the alerts see the same numbers.

use x0tta_metrics_codegen::model::Objective;

use super::panel::{Panel, Target};
use crate::promql;
use crate::rules::slo;

/// The four panels of `o`, one row of two and one of two.
pub(crate) fn panels(o: &Objective) -> Vec<Panel> {
    let window = &o.window.text;
    let panel = |title: String, unit, targets| Panel {
        title,
        description: o.description.clone(),
        unit,
        heatmap: false,
        targets,
    };
    let target = |expr: String, legend: &str| Target {
        expr,
        legend: legend.to_string(),
    };
    let burn_rates = slo::alert_windows()
        .iter()
        .map(|w| {
            target(
                format!("{} / (1 - {})", slo::error_ratio(o, w), o.target),
                w,
            )
        })
        .collect();
    let (good, total) = slo::good_and_total(&o.indicator);
    let range = promql::RANGE;
    vec![
        panel(
            format!("{}: SLI over {window}", o.name),
            "percentunit",
            vec![
                target(format!("1 - {}", slo::error_ratio(o, window)), "SLI"),
                target(format!("vector({})", o.target), "target"),
            ],
        ),
        panel(
            format!("{}: error budget remaining", o.name),
            "percentunit",
            vec![target(slo::budget_remaining(o), "remaining")],
        ),
        panel(
            format!("{}: burn rate by window", o.name),
            "none",
            burn_rates,
        ),
        panel(
            format!("{}: events", o.name),
            "ops",
            vec![
                target(format!("sum(rate({total}[{range}]))"), "all"),
                target(format!("sum(rate({good}[{range}]))"), "good"),
            ],
        ),
    ]
}
