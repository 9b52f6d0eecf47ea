//! A histogram's `native:` key: native (sparse) buckets, their schema (or
//! the growth factor it is picked from), bucket limit and zero bucket.

use crate::ast::{self, Number};
use crate::diagnostic::Context;
use crate::model::{Kind, Native};

/// The schemas Prometheus accepts: `2^schema` buckets per power of two.
const SCHEMAS: std::ops::RangeInclusive<i8> = -4..=8;
/// client_golang's usual trade-off (factor 1.1): 8 buckets per power of two.
pub(crate) const DEFAULT_SCHEMA: i8 = 3;
/// A common limit: finer than most classic layouts, a few KB per series.
pub(crate) const DEFAULT_MAX_BUCKETS: u32 = 160;
/// Above this a series could take megabytes; no quantile needs it.
const MAX_MAX_BUCKETS: u32 = 10_000;
/// client_golang's default zero threshold, 2^-128.
pub(crate) const DEFAULT_ZERO_THRESHOLD: f64 = 2.938735877055719e-39;

/// The native layout of `metric`: `Some(None)` when it has none, `None`
/// after reporting a problem.
pub(super) fn native(
    metric: &ast::Metric,
    kind: Option<Kind>,
    cx: &mut Context,
) -> Option<Option<Native>> {
    let Some(native) = &metric.native else {
        return Some(None);
    };
    match kind? {
        Kind::Histogram => {}
        other => {
            cx.error(
                "native-not-histogram",
                native.at,
                format!(
                    "a {} has no native buckets — remove `native`, or make it a histogram",
                    other.as_str()
                ),
            );
            return None;
        }
    }
    let schema = match (native.schema, native.factor) {
        (Some(_), Some(factor)) => {
            cx.error(
                "native-schema-and-factor",
                factor.at,
                "`schema` and `factor` both choose the resolution — keep one",
            );
            None
        }
        (Some(schema), None) => {
            let range = i64::from(*SCHEMAS.start())..=i64::from(*SCHEMAS.end());
            let problem = (
                "native-schema",
                "`schema`",
                " (2^schema buckets per power of two)",
            );
            whole(schema, range, problem, cx).map(|s| s as i8)
        }
        (None, Some(factor)) if factor.value.is_finite() && factor.value > 1.0 => {
            Some(schema_for_factor(factor.value))
        }
        (None, Some(factor)) => {
            let message = format!(
                "`factor` is the growth from one bucket to the next and must be greater than 1 (1.1 gives 8 buckets per power of two), found {}",
                factor.value
            );
            cx.error("native-factor", factor.at, message);
            None
        }
        (None, None) => Some(DEFAULT_SCHEMA),
    };
    let max_buckets = match native.max_buckets {
        None => Some(DEFAULT_MAX_BUCKETS),
        Some(n) => {
            let problem = ("native-max-buckets", "`max_buckets`", "");
            whole(n, 1..=i64::from(MAX_MAX_BUCKETS), problem, cx).map(|n| n as u32)
        }
    };
    let zero_threshold = match native.zero_threshold {
        None => Some(DEFAULT_ZERO_THRESHOLD),
        Some(t) if t.value.is_finite() && t.value >= 0.0 => Some(t.value),
        Some(t) => {
            let message = format!(
                "`zero_threshold` must be a finite number ≥ 0 (observations at most this far from zero share one bucket), found {}",
                t.value
            );
            cx.error("native-zero-threshold", t.at, message);
            None
        }
    };
    Some(Some(Native {
        schema: schema?,
        max_buckets: max_buckets?,
        zero_threshold: zero_threshold?,
    }))
}

/// `n` if it is a whole number in `range`; otherwise reported under
/// `(rule, key, why)` at `n`.
fn whole(
    n: Number,
    range: std::ops::RangeInclusive<i64>,
    (rule, key, why): (&'static str, &str, &str),
    cx: &mut Context,
) -> Option<i64> {
    let (v, (min, max)) = (n.value, (*range.start(), *range.end()));
    if v.fract() == 0.0 && v >= min as f64 && v <= max as f64 {
        return Some(v as i64);
    }
    let message = format!(
        "{key} must be a whole number from {min} to {max}{why}, found {}",
        n.value
    );
    cx.error(rule, n.at, message);
    None
}

/// The schema whose growth factor `2^(2^-schema)` is the largest not above
/// `factor` (> 1), within -4..=8, as client_golang's
/// `NativeHistogramBucketFactor` picks it: a factor finer than schema 8's
/// gets schema 8.
pub(crate) fn schema_for_factor(factor: f64) -> i8 {
    let floor = factor.log2().log2().floor();
    (-floor).clamp(f64::from(*SCHEMAS.start()), f64::from(*SCHEMAS.end())) as i8
}

#[cfg(test)]
mod tests {
    use super::schema_for_factor;

    #[test]
    fn factors_pick_client_golangs_schemas() {
        // 2^(2^-s) for s = 0, 1, 2, 3 is 2, 1.414…, 1.189…, 1.0905…
        assert_eq!(schema_for_factor(1.1), 3);
        assert_eq!(schema_for_factor(2.0), 0);
        assert_eq!(schema_for_factor(1.99), 1);
        assert_eq!(schema_for_factor(1.2), 2);
        assert_eq!(schema_for_factor(1.0001), 8);
        assert_eq!(schema_for_factor(1e300), -4);
        assert_eq!(schema_for_factor(4.0), -1);
        for s in -4i32..=8 {
            let exact = 2f64.powf(2f64.powi(-s));
            assert_eq!(
                i32::from(schema_for_factor(exact * 1.000_001)),
                s,
                "{exact}"
            );
        }
    }
}
