//! Counters: a total that only goes up, in one atomic.

use std::sync::atomic::{AtomicU64, Ordering};

use super::float::AtomicF64;

/// An integer counter: one `AtomicU64`, 8 bytes.
#[derive(Debug, Default)]
pub struct IntCounter(AtomicU64);

impl IntCounter {
    /// A counter at zero (usable in a `static`).
    pub const fn new() -> Self {
        IntCounter(AtomicU64::new(0))
    }

    /// Adds one.
    #[inline]
    pub fn inc(&self) {
        self.inc_by(1);
    }

    /// Adds `v`.
    #[inline]
    pub fn inc_by(&self, v: u64) {
        self.0.fetch_add(v, Ordering::Relaxed);
    }

    /// The total so far.
    #[inline]
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A floating-point counter: one atomic holding the `f64`'s bits.
#[derive(Debug, Default)]
pub struct Counter(AtomicF64);

impl Counter {
    /// A counter at zero (usable in a `static`).
    pub const fn new() -> Self {
        Counter(AtomicF64::new())
    }

    /// Adds one.
    #[inline]
    pub fn inc(&self) {
        self.inc_by(1.0);
    }

    /// Adds `v`. A counter only goes up: a negative or NaN `v` is ignored
    /// (prometheus' `Counter` panics on it; a metric must never crash the service).
    #[inline]
    pub fn inc_by(&self, v: f64) {
        if v >= 0.0 {
            self.0.add(v);
        }
    }

    /// The total so far.
    #[inline]
    pub fn get(&self) -> f64 {
        self.0.get()
    }
}
