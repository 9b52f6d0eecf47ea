//! Classic histograms: bucket counts and sum side by side, no lock.
//!
//! Each observation adds one to exactly one bucket (the first bound it does
//! not exceed, or the `+Inf` one) and adds to the sum. The count is not
//! stored: a scrape reads the buckets once and derives the cumulative counts
//! and the count from the same reads, so every scrape is whole (cumulative
//! counts never decrease and `+Inf` equals the count) under any number of
//! concurrent writers, without a lock on the hot path. Only the sum may
//! include or miss an observation still in flight.
//!
//! A histogram may also have a native (sparse) part (`native.rs`); its
//! observations then take that part's short lock, and update the classic
//! buckets under it, so a scrape reads both parts whole and in agreement.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use super::float::AtomicF64;
use super::native::{Native, NativeConfig};

/// A histogram with fixed bucket bounds (`+Inf` implied).
///
/// Its per-bucket counts are `S`: a boxed slice sized from the spec at run
/// time, or, for a histogram of a `static: true` group, an array whose
/// length the generated code knows ([`StaticHistogram`]), built by a
/// `const fn`. Both observe and read through the same code.
#[derive(Debug)]
pub struct Histogram<S = Box<[AtomicU64]>> {
    bounds: &'static [f64],
    /// Per-bucket (not cumulative) counts; the last one is `+Inf`'s.
    buckets: S,
    /// The sum of a classic-only histogram (a native one keeps it locked).
    sum: AtomicF64,
    native: Option<Box<Native>>,
}

/// A classic histogram whose `B` bucket counts (its bounds' and `+Inf`'s)
/// are inline: the cell of a histogram in a `static: true` group.
pub type StaticHistogram<const B: usize> = Histogram<[AtomicU64; B]>;

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

/// Where a scrape reads a histogram, reused from one series to the next
/// (the snapshot borrows its slices from it).
#[derive(Debug, Default)]
pub struct SampleBuffer {
    /// Classic per-bucket, then cumulative, counts.
    pub(crate) counts: Vec<u64>,
    /// Native spans: the negative ones, then the positive ones.
    pub(crate) spans: Vec<BucketSpan>,
    /// Native deltas, in the same order.
    pub(crate) deltas: Vec<i64>,
}

impl Histogram {
    /// An empty histogram over `bounds` (finite, ascending: the spec checks them).
    pub fn new(bounds: &'static [f64]) -> Self {
        Histogram {
            bounds,
            buckets: (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect(),
            sum: AtomicF64::new(),
            native: None,
        }
    }

    /// A histogram with native (sparse) buckets laid out by `native`, and
    /// classic ones over `bounds` (empty for a native-only histogram,
    /// whose classic part is its `+Inf` bucket).
    pub fn with_native(bounds: &'static [f64], native: NativeConfig) -> Self {
        Histogram {
            native: Some(Box::new(Native::new(native))),
            ..Histogram::new(bounds)
        }
    }
}

impl<const B: usize> StaticHistogram<B> {
    /// An empty classic histogram over `bounds` (finite, ascending: the spec
    /// checks them), in a constant expression. `B` is the number of buckets,
    /// `+Inf`'s included; in a `static` initialiser a wrong `B` is a compile
    /// error.
    pub const fn new_static(bounds: &'static [f64]) -> Self {
        assert!(
            B == bounds.len() + 1,
            "B is the number of bounds plus the +Inf bucket"
        );
        Histogram {
            bounds,
            buckets: [const { AtomicU64::new(0) }; B],
            sum: AtomicF64::new(),
            native: None,
        }
    }
}

impl<S: AsRef<[AtomicU64]>> Histogram<S> {
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
        let bucket = &self.buckets.as_ref()[index];
        match &self.native {
            None => {
                bucket.fetch_add(1, Ordering::Relaxed);
                self.sum.add(v);
            }
            Some(native) => native.observe(v, bucket),
        }
        index
    }

    /// Starts timing; the elapsed seconds are observed when the timer is
    /// stopped or dropped.
    pub fn start_timer(&self) -> HistogramTimer<'_, S> {
        HistogramTimer {
            histogram: self,
            start: Instant::now(),
            done: false,
        }
    }

    /// Observations so far.
    pub fn get_sample_count(&self) -> u64 {
        self.buckets
            .as_ref()
            .iter()
            .map(|b| b.load(Ordering::Relaxed))
            .fold(0, u64::wrapping_add)
    }

    /// Sum of the observations so far.
    pub fn get_sample_sum(&self) -> f64 {
        match &self.native {
            None => self.sum.get(),
            Some(_) => self.snapshot(&mut SampleBuffer::default()).sum,
        }
    }

    /// Reads every bucket once into `buffer` (reused between series) and
    /// returns the snapshot built from those reads.
    pub fn snapshot<'a>(&'a self, buffer: &'a mut SampleBuffer) -> HistogramSnapshot<'a> {
        buffer.counts.clear();
        buffer.spans.clear();
        buffer.deltas.clear();
        let (sum, native) = match &self.native {
            None => {
                let counts = self.buckets.as_ref().iter();
                let counts = counts.map(|b| b.load(Ordering::Relaxed));
                buffer.counts.extend(counts);
                // Read after the buckets, so it includes at least what they hold.
                (self.sum.get(), None)
            }
            Some(native) => {
                let (sum, reading) = native.read(self.buckets.as_ref(), buffer);
                (sum, Some(reading))
            }
        };
        // Per-bucket counts → cumulative, in place; the last is `+Inf`'s.
        let mut running = 0u64;
        for count in &mut buffer.counts {
            running = running.wrapping_add(*count);
            *count = running;
        }
        let buffer: &'a SampleBuffer = buffer;
        let (count, cumulative) = buffer.counts.split_last().unwrap_or((&0, &[]));
        HistogramSnapshot {
            bounds: self.bounds,
            cumulative,
            count: *count,
            sum,
            native: native.map(|reading| reading.buckets(buffer)),
        }
    }
}

/// Times a span and observes it in seconds on a [`Histogram`] when stopped
/// or dropped.
#[must_use = "the timer observes when dropped; dropping it at once times nothing"]
#[derive(Debug)]
pub struct HistogramTimer<'a, S: AsRef<[AtomicU64]> = Box<[AtomicU64]>> {
    histogram: &'a Histogram<S>,
    start: Instant,
    done: bool,
}

impl<S: AsRef<[AtomicU64]>> HistogramTimer<'_, S> {
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

impl<S: AsRef<[AtomicU64]>> Drop for HistogramTimer<'_, S> {
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
        let mut buffer = SampleBuffer::default();
        let s = h.snapshot(&mut buffer);
        assert_eq!(s.cumulative, &[2, 3, 4]);
        assert_eq!(s.count, 6);
        assert!(s.sum.is_nan());
        assert_eq!(h.get_sample_count(), 6);
    }

    #[test]
    fn a_static_histogram_counts_and_reads_as_a_boxed_one_does() {
        static BOUNDS: [f64; 3] = [0.1, 1.0, 10.0];
        static INLINE: StaticHistogram<4> = StaticHistogram::new_static(&BOUNDS);
        static TIMED: StaticHistogram<4> = StaticHistogram::new_static(&BOUNDS);
        let boxed = Histogram::new(&BOUNDS);
        for v in [0.05, 0.1, 0.5, 5.0, 50.0, -1.0] {
            boxed.observe(v);
            INLINE.observe(v);
        }
        let (mut a, mut b) = (SampleBuffer::default(), SampleBuffer::default());
        let (boxed, inline) = (boxed.snapshot(&mut a), INLINE.snapshot(&mut b));
        assert_eq!(inline.cumulative, &[3, 4, 5]);
        assert_eq!((inline.count, inline.sum), (6, 54.65));
        assert_eq!(boxed.cumulative, inline.cumulative);
        assert_eq!((boxed.count, boxed.sum), (inline.count, inline.sum));
        assert!(inline.native.is_none());
        drop(TIMED.start_timer());
        assert_eq!(TIMED.get_sample_count(), 1);
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

    /// Four writers and a reader at once: every snapshot is whole (the
    /// native buckets and the classic ones each add up to the count), and
    /// the totals are exact at the end.
    #[test]
    fn native_snapshots_are_whole_under_concurrent_writers() {
        static BOUNDS: [f64; 2] = [0.5, 2.0];
        let config = NativeConfig {
            schema: 4,
            max_buckets: 8,
            zero_threshold: 0.01,
        };
        let h = Histogram::with_native(&BOUNDS, config);
        const PER_THREAD: u64 = 20_000;
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            let writers: Vec<_> = (0..4)
                .map(|t| {
                    let h = &h;
                    scope.spawn(move || {
                        for i in 0..PER_THREAD {
                            // Spread over many buckets so the resolution drops.
                            let v = (i % 97) as f64 * 0.37 - 5.0 + t as f64;
                            h.observe(v);
                        }
                    })
                })
                .collect();
            let reader = scope.spawn(|| {
                let mut buffer = SampleBuffer::default();
                let mut checked = 0;
                while !done.load(Ordering::Relaxed) && checked < 100_000 {
                    let s = h.snapshot(&mut buffer);
                    let n = s.native.expect("native part");
                    assert_eq!(n.bucketed(), s.count);
                    assert!(s.cumulative.windows(2).all(|w| w[0] <= w[1]));
                    assert!(s.cumulative.last().is_none_or(|&c| c <= s.count));
                    checked += 1;
                }
                checked
            });
            for w in writers {
                w.join().expect("writer");
            }
            done.store(true, Ordering::Relaxed);
            assert!(reader.join().expect("reader") > 0);
        });
        let mut buffer = SampleBuffer::default();
        let s = h.snapshot(&mut buffer);
        let n = s.native.expect("native part");
        assert_eq!(s.count, 4 * PER_THREAD);
        assert_eq!(n.bucketed(), 4 * PER_THREAD);
        assert!(n.positive().count() + n.negative().count() <= 8);
        assert!(n.schema < 4, "the resolution was reduced");
        assert_eq!(h.get_sample_count(), 4 * PER_THREAD);
    }

    #[test]
    fn a_native_only_histogram_counts_in_its_inf_bucket() {
        let config = NativeConfig {
            schema: 0,
            max_buckets: 160,
            zero_threshold: 0.0,
        };
        let h = Histogram::with_native(&[], config);
        for v in [0.0, 1.0, 3.0, f64::NAN] {
            h.observe(v);
        }
        let mut buffer = SampleBuffer::default();
        let s = h.snapshot(&mut buffer);
        assert_eq!((s.cumulative, s.count), (&[][..], 4));
        let n = s.native.expect("native part");
        assert_eq!(n.zero_count, 1);
        assert_eq!(n.positive().collect::<Vec<_>>(), [(0, 1), (2, 1)]);
        assert!(s.sum.is_nan());
    }
}
