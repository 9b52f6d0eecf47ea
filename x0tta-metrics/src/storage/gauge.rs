//! Gauges: a value that goes up and down, in one atomic.

use std::sync::atomic::{AtomicI64, Ordering};

use super::float::AtomicF64;

/// An integer gauge: one `AtomicI64`, 8 bytes.
#[derive(Debug, Default)]
pub struct IntGauge(AtomicI64);

impl IntGauge {
    /// A gauge at zero (usable in a `static`).
    pub const fn new() -> Self {
        IntGauge(AtomicI64::new(0))
    }

    /// Replaces the value.
    #[inline]
    pub fn set(&self, v: i64) {
        self.0.store(v, Ordering::Relaxed);
    }

    /// Adds one.
    #[inline]
    pub fn inc(&self) {
        self.add(1);
    }

    /// Subtracts one.
    #[inline]
    pub fn dec(&self) {
        self.sub(1);
    }

    /// Adds `v`.
    #[inline]
    pub fn add(&self, v: i64) {
        self.0.fetch_add(v, Ordering::Relaxed);
    }

    /// Subtracts `v`.
    #[inline]
    pub fn sub(&self, v: i64) {
        self.0.fetch_sub(v, Ordering::Relaxed);
    }

    /// The current value.
    #[inline]
    pub fn get(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A floating-point gauge: one atomic holding the `f64`'s bits.
#[derive(Debug, Default)]
pub struct Gauge(AtomicF64);

impl Gauge {
    /// A gauge at zero (usable in a `static`).
    pub const fn new() -> Self {
        Gauge(AtomicF64::new())
    }

    /// Replaces the value.
    #[inline]
    pub fn set(&self, v: f64) {
        self.0.set(v);
    }

    /// Adds one.
    #[inline]
    pub fn inc(&self) {
        self.add(1.0);
    }

    /// Subtracts one.
    #[inline]
    pub fn dec(&self) {
        self.sub(1.0);
    }

    /// Adds `v`.
    #[inline]
    pub fn add(&self, v: f64) {
        self.0.add(v);
    }

    /// Subtracts `v`.
    #[inline]
    pub fn sub(&self, v: f64) {
        self.0.add(-v);
    }

    /// The current value.
    #[inline]
    pub fn get(&self) -> f64 {
        self.0.get()
    }
}
