//! Classic histograms: bucket counts and sum side by side, no lock.
//!
//! Each observation adds one to exactly one bucket (the first bound it does
//! not exceed, or the `+Inf` one) and adds to the sum. The count is not
//! stored: a scrape reads the buckets once and derives the cumulative counts
//! and the count from the same reads, so every scrape is whole (cumulative
//! counts never decrease and `+Inf` equals the count) under any number of
//! concurrent writers, without a lock on the hot path. Only the sum may
//! include or miss an observation still in flight.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use super::float::AtomicF64;

/// A histogram with fixed bucket bounds (`+Inf` implied).
#[derive(Debug)]
pub struct Histogram {
    bounds: &'static [f64],
    /// Per-bucket (not cumulative) counts; the last one is `+Inf`'s.
    buckets: Box<[AtomicU64]>,
    sum: AtomicF64,
}

/// The state of a histogram at one instant, cumulative as the formats want it.
#[derive(Debug, Clone, Copy)]
pub struct HistogramSnapshot<'a> {
    /// The finite upper bounds, ascending.
    pub bounds: &'a [f64],
    /// Observations at or below each bound (same length as `bounds`).
    pub cumulative: &'a [u64],
    /// Every observation: the `+Inf` bucket.
    pub count: u64,
    /// The sum of the observations.
    pub sum: f64,
    /// The native (sparse) buckets, for a histogram that keeps them; only
    /// the protobuf format carries them.
    pub native: Option<NativeBuckets<'a>>,
}

/// A native histogram's buckets at one instant, as client_model's
/// `metrics.proto` carries them (`Histogram.schema`, `zero_threshold`,
/// `zero_count`, `negative_span`/`negative_delta`, `positive_span`/
/// `positive_delta`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NativeBuckets<'a> {
    /// The bucket schema (-4 to 8): each power of two is split into
    /// `2^schema` buckets.
    pub schema: i32,
    /// The zero bucket's width: observations with an absolute value at or
    /// below it count in `zero_count`.
    pub zero_threshold: f64,
    /// Observations in the zero bucket.
    pub zero_count: u64,
    /// The runs of populated negative buckets.
    pub negative_spans: &'a [BucketSpan],
    /// The negative buckets' counts, each as the difference from the one
    /// before (the first from zero), in span order.
    pub negative_deltas: &'a [i64],
    /// The runs of populated positive buckets.
    pub positive_spans: &'a [BucketSpan],
    /// The positive buckets' counts as differences, like `negative_deltas`.
    pub positive_deltas: &'a [i64],
}

/// A run of consecutive native buckets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BucketSpan {
    /// The first bucket's index for the first span; for the others, the gap
    /// after the previous span.
    pub offset: i32,
    /// How many consecutive buckets the run has.
    pub length: u32,
}

impl Histogram {
    /// An empty histogram over `bounds` (finite, ascending: the spec checks them).
    pub fn new(bounds: &'static [f64]) -> Self {
        Histogram {
            bounds,
            buckets: (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect(),
            sum: AtomicF64::new(),
        }
    }

    /// Records one observation.
    #[inline]
    pub fn observe(&self, v: f64) {
        self.observe_in_bucket(v);
    }

    /// Records one observation and returns the index of its bucket (the
    /// bounds' length for `+Inf`).
    #[inline]
    pub(crate) fn observe_in_bucket(&self, v: f64) -> usize {
        // NaN exceeds no bound and lands in `+Inf`, as in prometheus.
        let index = self
            .bounds
            .iter()
            .position(|&bound| v <= bound)
            .unwrap_or(self.bounds.len());
        self.buckets[index].fetch_add(1, Ordering::Relaxed);
        self.sum.add(v);
        index
    }

    /// Starts timing; the elapsed seconds are observed when the timer is
    /// stopped or dropped.
    pub fn start_timer(&self) -> HistogramTimer<'_> {
        HistogramTimer {
            histogram: self,
            start: Instant::now(),
            done: false,
        }
    }

    /// Observations so far.
    pub fn get_sample_count(&self) -> u64 {
        self.buckets
            .iter()
            .map(|b| b.load(Ordering::Relaxed))
            .fold(0, u64::wrapping_add)
    }

    /// Sum of the observations so far.
    pub fn get_sample_sum(&self) -> f64 {
        self.sum.get()
    }

    /// Reads every bucket once into `cumulative` (reused between series) and
    /// returns the snapshot built from those reads.
    pub fn snapshot<'a>(&'a self, cumulative: &'a mut Vec<u64>) -> HistogramSnapshot<'a> {
        cumulative.clear();
        let mut running = 0u64;
        for bucket in self.buckets.iter() {
            running = running.wrapping_add(bucket.load(Ordering::Relaxed));
            cumulative.push(running);
        }
        // Read after the buckets, so it includes at least what they hold.
        let sum = self.sum.get();
        let count = cumulative.pop().unwrap_or(0);
        HistogramSnapshot {
            bounds: self.bounds,
            cumulative,
            count,
            sum,
            native: None,
        }
    }
}

/// Times a span and observes it in seconds on a [`Histogram`] when stopped
/// or dropped.
#[must_use = "the timer observes when dropped; dropping it at once times nothing"]
#[derive(Debug)]
pub struct HistogramTimer<'a> {
    histogram: &'a Histogram,
    start: Instant,
    done: bool,
}

impl HistogramTimer<'_> {
    /// Observes the elapsed time.
    pub fn observe_duration(self) {
        self.stop_and_record();
    }

    /// Observes the elapsed time and returns it in seconds.
    pub fn stop_and_record(mut self) -> f64 {
        self.record(true)
    }

    /// Returns the elapsed seconds without observing them.
    pub fn stop_and_discard(mut self) -> f64 {
        self.record(false)
    }

    fn record(&mut self, observe: bool) -> f64 {
        let seconds = self.start.elapsed().as_secs_f64();
        if observe && !self.done {
            self.histogram.observe(seconds);
        }
        self.done = true;
        seconds
    }
}

impl Drop for HistogramTimer<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.record(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_is_cumulative_and_inf_is_the_count() {
        static BOUNDS: [f64; 3] = [0.1, 1.0, 10.0];
        let h = Histogram::new(&BOUNDS);
        for v in [0.05, 0.1, 0.5, 5.0, 50.0, f64::NAN] {
            h.observe(v);
        }
        let mut buffer = Vec::new();
        let s = h.snapshot(&mut buffer);
        assert_eq!(s.cumulative, &[2, 3, 4]);
        assert_eq!(s.count, 6);
        assert!(s.sum.is_nan());
        assert_eq!(h.get_sample_count(), 6);
    }

    #[test]
    fn timer_observes_once() {
        static BOUNDS: [f64; 1] = [1.0];
        let h = Histogram::new(&BOUNDS);
        let seconds = h.start_timer().stop_and_record();
        assert!(seconds >= 0.0);
        drop(h.start_timer());
        assert!(h.start_timer().stop_and_discard() >= 0.0);
        assert_eq!(h.get_sample_count(), 2);
    }
}
