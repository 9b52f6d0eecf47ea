//! Series budgets: how many live series a bounded metric holds in the
//! scrape, and whether that is at or past its `max_series`.

use std::collections::{HashMap, HashSet};

use x0tta_metrics_codegen::model::{LabelValues, Metric};

use super::compare::{expected_type, Drift, Finding, Level};
use super::exposition::Family;

/// The value the runtime gives every free-form label of a bounded metric's
/// overflow series (`x0tta_metrics::bounded::OVERFLOW`; the CLI does not
/// link the runtime).
const OVERFLOW_VALUE: &str = "__overflow__";

/// A bounded metric's live series, for checking once the overflow counter is known.
pub(super) struct BudgetUse<'a> {
    metric: &'a Metric,
    live: usize,
    overflow_series: bool,
}

/// How many series a bounded metric holds (its overflow series apart).
pub(super) fn count<'a>(metric: &'a Metric, family: &Family) -> Option<BudgetUse<'a>> {
    metric.budget?;
    let structural = expected_type(metric.kind).structural_label();
    let free: Vec<&str> = metric
        .labels
        .iter()
        .filter(|l| l.values == LabelValues::Free)
        .map(|l| l.name.as_str())
        .collect();
    let mut series = HashSet::new();
    let mut overflow_series = false;
    for sample in &family.samples {
        if free.iter().any(|n| sample.label(n) == Some(OVERFLOW_VALUE)) {
            overflow_series = true;
            continue;
        }
        let mut key: Vec<&(String, String)> = sample
            .labels
            .iter()
            .filter(|(n, _)| Some(n.as_str()) != structural)
            .collect();
        key.sort_unstable();
        series.insert(key);
    }
    Some(BudgetUse {
        metric,
        live: series.len(),
        overflow_series,
    })
}

pub(super) fn check(used: &BudgetUse<'_>, overflowed: &HashMap<&str, f64>) -> Option<Finding> {
    let max = used.metric.budget?.max_series;
    let updates = overflowed
        .get(used.metric.exported.as_str())
        .copied()
        .unwrap_or(0.0);
    let (level, message) = if updates > 0.0 || used.overflow_series {
        (
            Level::Error,
            format!(
                "past its budget: {} live series of max_series {max}, {updates} updates went to the overflow series",
                used.live
            ),
        )
    } else if used.live >= max {
        (
            Level::Warning,
            format!(
                "at its budget: {} live series of max_series {max}; the next new series overflows",
                used.live
            ),
        )
    } else {
        return None;
    };
    Some(Finding {
        drift: Drift::Budget,
        family: used.metric.exported.clone(),
        level,
        message,
    })
}
