//! The rules of one objective: error ratios over every alert window and the
//! objective's window, the error budget left, and the multi-window,
//! multi-burn-rate alerts of the Google SRE workbook. Names follow Sloth
//! (`slo:sli_error:ratio_rate5m`, `slo:period_error_budget_remaining:ratio`),
//! every series labelled `slo="<name>"`.

use std::collections::BTreeMap;

use x0tta_metrics_codegen::model::{bucket_label, Indicator, Matcher, Objective, BURN_WINDOWS};

use super::{literal, Annotations, Rule, RuleGroup};
use crate::promql;

/// The recording rule of the error ratio over `window` (`5m`, `30d`).
pub(crate) fn error_ratio_record(window: &str) -> String {
    format!("slo:sli_error:ratio_rate{window}")
}

/// The recording rule of the share of the budget left.
const BUDGET_REMAINING: &str = "slo:period_error_budget_remaining:ratio";

/// Every window an alert reads, shortest first, as Prometheus durations.
pub(crate) fn alert_windows() -> Vec<String> {
    let mut minutes: Vec<u32> = BURN_WINDOWS
        .iter()
        .flat_map(|w| [w.short_minutes, w.long_hours * 60])
        .collect();
    minutes.sort_unstable();
    minutes.dedup();
    minutes.into_iter().map(duration).collect()
}

/// `5m`, `2h`, `3d`.
fn duration(minutes: u32) -> String {
    match minutes {
        m if m % 1440 == 0 => format!("{}d", m / 1440),
        m if m % 60 == 0 => format!("{}h", m / 60),
        m => format!("{m}m"),
    }
}

/// `slo:sli_error:ratio_rate1h{slo="name"}`.
pub(crate) fn error_ratio(o: &Objective, window: &str) -> String {
    of_objective(&error_ratio_record(window), o)
}

/// `slo:period_error_budget_remaining:ratio{slo="name"}`.
pub(crate) fn budget_remaining(o: &Objective) -> String {
    of_objective(BUDGET_REMAINING, o)
}

/// The series of recording rule `record` for objective `o`.
fn of_objective(record: &str, o: &Objective) -> String {
    promql::selector(record, &[Matcher::new("slo", &[&o.name])])
}

pub(super) fn group(prefix: &str, o: &Objective) -> RuleGroup {
    let labels = BTreeMap::from([("slo", o.name.clone())]);
    let mut rules: Vec<Rule> = alert_windows()
        .iter()
        .chain([&o.window.text])
        .map(|w| Rule::Record {
            record: error_ratio_record(w),
            expr: sli_error(&o.indicator, w),
            labels: labels.clone(),
        })
        .collect();
    rules.push(Rule::Record {
        record: BUDGET_REMAINING.into(),
        expr: format!(
            "1 - {} / (1 - {})",
            error_ratio(o, &o.window.text),
            o.target
        ),
        labels: labels.clone(),
    });
    for (severity, level) in [("page", "critical"), ("ticket", "warning")] {
        let windows = || BURN_WINDOWS.iter().filter(|w| w.severity == severity);
        let rates: Vec<String> = windows()
            .map(|w| {
                let long = duration(w.long_hours * 60);
                format!("{} (over {long})", o.window.burn_factor(w))
            })
            .collect();
        let conditions: Vec<String> = windows()
            .map(|w| {
                let bound = format!("({} * (1 - {}))", o.window.burn_factor(w), o.target);
                format!(
                    "({} > {bound} and {} > {bound})",
                    error_ratio(o, &duration(w.long_hours * 60)),
                    error_ratio(o, &duration(w.short_minutes)),
                )
            })
            .collect();
        let mut alert_labels = labels.clone();
        alert_labels.insert("severity", level.into());
        rules.push(Rule::Alert {
            alert: o.alert_name(severity),
            expr: conditions.join(" or "),
            for_: None,
            labels: alert_labels,
            // Spec text printed verbatim, not run as a template.
            annotations: Annotations {
                summary: literal(&format!(
                    "Objective {} is spending its {} error budget too fast.",
                    o.name, o.window.text
                )),
                description: literal(&format!(
                    "{} Target {} over {}; bad events burn the error budget {} times faster than the window allows.",
                    o.description,
                    o.target,
                    o.window.text,
                    rates.join(" or ")
                )),
            },
        });
    }
    RuleGroup {
        name: format!("{prefix}_slo_{}", o.name),
        rules,
    }
}

/// The share of bad events over `window`: `1 - good / total`.
fn sli_error(indicator: &Indicator, window: &str) -> String {
    let (good, total) = good_and_total(indicator);
    format!("1 - sum(rate({good}[{window}])) / sum(rate({total}[{window}]))")
}

/// The selectors of the good events and of all events: counters, or a
/// histogram's bucket at the threshold and its `_count`.
pub(crate) fn good_and_total(indicator: &Indicator) -> (String, String) {
    match indicator {
        Indicator::Availability { good, total } => (
            promql::selector(&good.metric, &good.matchers),
            promql::selector(&total.metric, &total.matchers),
        ),
        Indicator::Latency {
            histogram,
            threshold,
            matchers,
        } => {
            let mut bucket = matchers.clone();
            bucket.push(Matcher::new("le", &[&bucket_label(*threshold)]));
            (
                promql::selector(&format!("{histogram}_bucket"), &bucket),
                promql::selector(&format!("{histogram}_count"), matchers),
            )
        }
    }
}
