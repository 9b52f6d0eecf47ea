//! Buckets: presets, inline lists and generators, resolved to upper bounds
//! that are finite and strictly increasing.

use super::Validator;
use crate::ast;
use crate::diagnostic::Location;
use crate::suggest;

/// Buckets a histogram gets when the spec names none (the Prometheus clients' default).
pub(crate) const DEFAULT_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// More buckets than this is a mistake (and a scrape-size problem), not a design.
const MAX_BUCKETS: usize = 256;

impl Validator<'_> {
    pub(super) fn preset(&mut self, preset: &ast::BucketPreset) {
        if !self.name(&preset.name, "bucket preset name") {
            return;
        }
        let bounds = self.buckets(&preset.buckets);
        self.presets.insert(preset.name.value.clone(), bounds);
    }

    /// Resolves buckets to their upper bounds; `None` after reporting a problem.
    pub(super) fn buckets(&mut self, buckets: &ast::Buckets) -> Option<Vec<f64>> {
        let bounds = match buckets {
            ast::Buckets::Preset(name) => {
                return match self.presets.get(&name.value) {
                    Some(bounds) => bounds.clone(),
                    None => {
                        let hint =
                            suggest::hint(&name.value, self.presets.keys().map(String::as_str));
                        self.cx.error(
                            "undefined-buckets",
                            name.at,
                            format!("no bucket preset \"{}\" under `buckets:`{hint}", name.value),
                        );
                        None
                    }
                };
            }
            ast::Buckets::List { bounds, at } => {
                if bounds.is_empty() {
                    self.cx.error(
                        "bucket-empty",
                        *at,
                        "the bucket list is empty — give at least one upper bound",
                    );
                    return None;
                }
                for b in bounds.iter().filter(|b| !b.value.is_finite()) {
                    self.cx.error(
                        "bucket-not-finite",
                        b.at,
                        format!(
                            "bucket bound {} is not a finite number — `+Inf` is added by itself",
                            b.value
                        ),
                    );
                }
                for pair in bounds.windows(2) {
                    if pair[0].value.is_finite()
                        && pair[1].value.is_finite()
                        && pair[1].value <= pair[0].value
                    {
                        self.cx.error(
                            "bucket-not-increasing",
                            pair[1].at,
                            format!(
                                "bucket bounds must increase strictly: {} follows {}",
                                pair[1].value, pair[0].value
                            ),
                        );
                    }
                }
                bounds.iter().map(|b| b.value).collect()
            }
            ast::Buckets::Exponential {
                start,
                factor,
                count,
                at,
            } => {
                let count = self.count(count)?;
                if !(start.value.is_finite() && start.value > 0.0) {
                    self.cx.error(
                        "bucket-generator",
                        start.at,
                        "an exponential generator's `start` must be greater than 0",
                    );
                    return None;
                }
                if !(factor.value.is_finite() && factor.value > 1.0) {
                    self.cx.error(
                        "bucket-generator",
                        factor.at,
                        "an exponential generator's `factor` must be greater than 1",
                    );
                    return None;
                }
                let bounds: Vec<f64> = (0..count)
                    .map(|i| start.value * factor.value.powi(i as i32))
                    .collect();
                self.generated(bounds, *at)?
            }
            ast::Buckets::Linear {
                start,
                width,
                count,
                at,
            } => {
                let count = self.count(count)?;
                if !start.value.is_finite() {
                    self.cx.error(
                        "bucket-generator",
                        start.at,
                        "a linear generator's `start` must be a finite number",
                    );
                    return None;
                }
                if !(width.value.is_finite() && width.value > 0.0) {
                    self.cx.error(
                        "bucket-generator",
                        width.at,
                        "a linear generator's `width` must be greater than 0",
                    );
                    return None;
                }
                let bounds: Vec<f64> = (0..count)
                    .map(|i| start.value + width.value * i as f64)
                    .collect();
                self.generated(bounds, *at)?
            }
        };
        if bounds.len() > MAX_BUCKETS {
            self.cx.error(
                "bucket-too-many",
                buckets_location(buckets),
                format!(
                    "{} buckets is more than the {MAX_BUCKETS} allowed — every bucket is a series",
                    bounds.len()
                ),
            );
            return None;
        }
        is_valid(&bounds).then_some(bounds)
    }

    /// A generated list must still be finite and increasing (huge factors overflow).
    pub(super) fn generated(&mut self, bounds: Vec<f64>, at: Location) -> Option<Vec<f64>> {
        if is_valid(&bounds) {
            Some(bounds)
        } else {
            self.cx.error(
                "bucket-generator",
                at,
                "the generator's bounds overflow or stop increasing — use a smaller factor, width or count",
            );
            None
        }
    }

    pub(super) fn count(&mut self, count: &ast::Number) -> Option<usize> {
        let ok =
            count.value.fract() == 0.0 && count.value >= 1.0 && count.value <= MAX_BUCKETS as f64;
        if !ok {
            self.cx.error(
                "bucket-generator",
                count.at,
                format!("a generator's `count` must be a whole number from 1 to {MAX_BUCKETS}, found {}", count.value),
            );
            return None;
        }
        Some(count.value as usize)
    }
}

/// Finite and strictly increasing: what Prometheus accepts as bucket bounds.
fn is_valid(bounds: &[f64]) -> bool {
    bounds.iter().all(|b| b.is_finite()) && bounds.windows(2).all(|p| p[0] < p[1])
}

pub(super) fn buckets_location(buckets: &ast::Buckets) -> Location {
    match buckets {
        ast::Buckets::Preset(name) => name.at,
        ast::Buckets::List { at, .. }
        | ast::Buckets::Exponential { at, .. }
        | ast::Buckets::Linear { at, .. } => *at,
    }
}
