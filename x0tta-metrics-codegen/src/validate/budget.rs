//! The series budget of metrics with free-form labels (`max_series`,
//! `expire_after_seconds`), and the name of the self-metric that counts
//! updates past it.

use crate::ast;
use crate::diagnostic::Context;
use crate::model::{Label, LabelValues, SeriesBudget};

/// Live series a metric with a free-form label may hold unless the spec says
/// otherwise: enough for a fleet's node ids, far below what hurts a scrape.
pub const DEFAULT_MAX_SERIES: usize = 1000;
/// A budget above this is no budget.
const MAX_MAX_SERIES: usize = 1_000_000;
/// Ten years: an expiry longer than that is a typo.
const MAX_EXPIRY_SECONDS: f64 = 315_360_000.0;

/// The self-metric counting updates routed to an overflow series, one series
/// per bounded metric (`metric` label). No spec family may take its name.
pub const OVERFLOW_METRIC: &str = "x0tta_metrics_series_overflow_total";
/// Its help text.
pub const OVERFLOW_HELP: &str =
    "Accessor calls routed to a metric's overflow series because its max_series budget was reached.";

/// The budget of `metric`: `Some(None)` for a metric whose labels are all
/// closed (it takes no budget), `None` after reporting a problem.
pub(super) fn budget(
    metric: &ast::Metric,
    labels: Option<&[Label]>,
    cx: &mut Context,
) -> Option<Option<SeriesBudget>> {
    let free = labels?.iter().any(|l| l.values == LabelValues::Free);
    let keys = [
        ("max_series", metric.max_series),
        ("expire_after_seconds", metric.expire_after_seconds),
    ];
    if !free {
        let mut ok = true;
        for (key, number) in keys {
            if let Some(number) = number {
                cx.error(
                    "budget-closed-labels",
                    number.at,
                    format!("`{key}` is for metrics with a free-form (`string`) label; this one's series are all fixed at compile time — remove it"),
                );
                ok = false;
            }
        }
        return ok.then_some(None);
    }
    let max_series = match metric.max_series {
        None => DEFAULT_MAX_SERIES,
        Some(n) if n.value.fract() == 0.0 && n.value >= 1.0 && n.value <= MAX_MAX_SERIES as f64 => {
            n.value as usize
        }
        Some(n) => {
            cx.error(
                "invalid-budget",
                n.at,
                format!(
                    "`max_series` must be a whole number from 1 to {MAX_MAX_SERIES}, found {}",
                    n.value
                ),
            );
            return None;
        }
    };
    let expire_after_seconds = match metric.expire_after_seconds {
        None => None,
        Some(n) if n.value.is_finite() && n.value > 0.0 && n.value <= MAX_EXPIRY_SECONDS => {
            Some(n.value)
        }
        Some(n) => {
            cx.error(
                "invalid-budget",
                n.at,
                format!("`expire_after_seconds` must be greater than 0 and at most {MAX_EXPIRY_SECONDS} (ten years), found {}", n.value),
            );
            return None;
        }
    };
    Some(Some(SeriesBudget {
        max_series,
        expire_after_seconds,
    }))
}
