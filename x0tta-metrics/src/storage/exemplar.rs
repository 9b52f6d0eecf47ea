//! Exemplars (`exemplars: true` in the spec): a counter or histogram cell
//! that also keeps the last exemplar given with an update (per bucket for a
//! histogram), such as the trace id of a request. OpenMetrics writes them
//! after the sample (`# {trace_id="…"} value timestamp`); the text format
//! 0.0.4 and prometheus' data model have no place for them.
//!
//! The plain methods (`inc`, `observe`, …) cost what they cost without
//! exemplars; only the `…_with_exemplar` forms take the slot's lock.

use std::sync::{Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{Cell, Counter, Create, Histogram, IntCounter, Meta};
use crate::exposition::{MetricKind, Sample};

/// OpenMetrics' limit on an exemplar's label names and values together, in
/// code points.
pub const MAX_EXEMPLAR_RUNES: usize = 128;

/// One exemplar: its labels, the value it came with, and when (Unix seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct Exemplar {
    /// Label pairs, as given.
    pub labels: Box<[(Box<str>, Box<str>)]>,
    /// The increment or observation it came with.
    pub value: f64,
    /// Seconds since the Unix epoch.
    pub timestamp: f64,
}

/// Why an exemplar was refused (the update itself is still made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExemplarError {
    /// Label names and values together exceed [`MAX_EXEMPLAR_RUNES`].
    TooLong {
        /// Their length in code points.
        runes: usize,
    },
    /// A label name outside `[a-zA-Z_][a-zA-Z0-9_]*`.
    InvalidLabelName(String),
}

impl std::fmt::Display for ExemplarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExemplarError::TooLong { runes } => write!(
                f,
                "exemplar labels are {runes} code points long; OpenMetrics allows {MAX_EXEMPLAR_RUNES} for names and values together"
            ),
            ExemplarError::InvalidLabelName(name) => {
                write!(f, "exemplar label name {name:?} is not a valid label name")
            }
        }
    }
}

impl std::error::Error for ExemplarError {}

impl Exemplar {
    /// An exemplar of `value` with `labels`, stamped now; checked against
    /// OpenMetrics' rules.
    pub fn new(labels: &[(&str, &str)], value: f64) -> Result<Self, ExemplarError> {
        let mut runes = 0;
        for &(name, label_value) in labels {
            let mut chars = name.chars();
            let valid = chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(ExemplarError::InvalidLabelName(name.to_string()));
            }
            runes += name.chars().count() + label_value.chars().count();
        }
        if runes > MAX_EXEMPLAR_RUNES {
            return Err(ExemplarError::TooLong { runes });
        }
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64());
        Ok(Exemplar {
            labels: labels
                .iter()
                .map(|&(n, v)| (Box::from(n), Box::from(v)))
                .collect(),
            value,
            timestamp,
        })
    }
}

/// A cell `C` with exemplar slots (one for a counter, one per bucket and
/// `+Inf` for a histogram). Derefs to `C` for the plain methods.
#[derive(Debug)]
pub struct Exemplars<C> {
    cell: C,
    slots: Box<[Mutex<Option<Exemplar>>]>,
}

impl<C> std::ops::Deref for Exemplars<C> {
    type Target = C;

    fn deref(&self) -> &C {
        &self.cell
    }
}

impl<C> Exemplars<C> {
    fn keep(&self, slot: usize, exemplar: Exemplar) {
        if let Some(slot) = self.slots.get(slot) {
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(exemplar);
        }
    }
}

impl Exemplars<IntCounter> {
    /// Adds one and keeps the exemplar `labels` (`&[("trace_id", id)]`).
    pub fn inc_with_exemplar(&self, labels: &[(&str, &str)]) -> Result<(), ExemplarError> {
        self.inc_by_with_exemplar(1, labels)
    }

    /// Adds `v` and keeps the exemplar `labels`. The increment is made even
    /// when the exemplar is refused.
    pub fn inc_by_with_exemplar(
        &self,
        v: u64,
        labels: &[(&str, &str)],
    ) -> Result<(), ExemplarError> {
        self.cell.inc_by(v);
        self.keep(0, Exemplar::new(labels, v as f64)?);
        Ok(())
    }
}

impl Exemplars<Counter> {
    /// Adds one and keeps the exemplar `labels` (`&[("trace_id", id)]`).
    pub fn inc_with_exemplar(&self, labels: &[(&str, &str)]) -> Result<(), ExemplarError> {
        self.inc_by_with_exemplar(1.0, labels)
    }

    /// Adds `v` and keeps the exemplar `labels`. The increment is made even
    /// when the exemplar is refused.
    pub fn inc_by_with_exemplar(
        &self,
        v: f64,
        labels: &[(&str, &str)],
    ) -> Result<(), ExemplarError> {
        self.cell.inc_by(v);
        self.keep(0, Exemplar::new(labels, v)?);
        Ok(())
    }
}

impl Exemplars<Histogram> {
    /// Observes `v` and keeps the exemplar `labels` for the bucket `v` falls
    /// in. The observation is made even when the exemplar is refused.
    pub fn observe_with_exemplar(
        &self,
        v: f64,
        labels: &[(&str, &str)],
    ) -> Result<(), ExemplarError> {
        let bucket = self.cell.observe_in_bucket(v);
        self.keep(bucket, Exemplar::new(labels, v)?);
        Ok(())
    }
}

impl<C: Create> Create for Exemplars<C> {
    fn create(meta: &'static Meta) -> Self {
        let slots = match meta.kind {
            MetricKind::Histogram => meta.buckets.len() + 1,
            _ => 1,
        };
        Exemplars {
            cell: C::create(meta),
            slots: (0..slots).map(|_| Mutex::new(None)).collect(),
        }
    }
}

impl<C: Cell> Cell for Exemplars<C> {
    const EXEMPLARS: bool = true;

    fn sample<'a>(&'a self, buffer: &'a mut super::SampleBuffer) -> Sample<'a> {
        self.cell.sample(buffer)
    }

    fn scalar(&self) -> Option<Sample<'static>> {
        self.cell.scalar()
    }

    fn exemplars(&self, out: &mut Vec<Option<Exemplar>>) {
        out.clear();
        out.extend(
            self.slots
                .iter()
                .map(|slot| slot.lock().unwrap_or_else(PoisonError::into_inner).clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_128_rune_limit_is_an_error_and_the_update_still_counts() {
        let counter = Exemplars {
            cell: IntCounter::new(),
            slots: vec![Mutex::new(None)].into(),
        };
        let long = "é".repeat(MAX_EXEMPLAR_RUNES - "trace_id".len() + 1);
        assert_eq!(
            counter.inc_with_exemplar(&[("trace_id", &long)]),
            Err(ExemplarError::TooLong {
                runes: MAX_EXEMPLAR_RUNES + 1
            })
        );
        assert_eq!(counter.get(), 1);
        let fits = &long[..long.len() - 'é'.len_utf8()];
        assert_eq!(counter.inc_with_exemplar(&[("trace_id", fits)]), Ok(()));
        assert!(counter
            .inc_with_exemplar(&[("trace-id", "x")])
            .unwrap_err()
            .to_string()
            .contains("trace-id"));
        let mut out = Vec::new();
        counter.exemplars(&mut out);
        assert_eq!(out[0].as_ref().map(|e| e.value), Some(1.0));
    }
}
