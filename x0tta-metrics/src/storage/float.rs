//! An `f64` in an `AtomicU64` (its bits), the base of float gauges,
//! float counters and histogram sums.

use std::sync::atomic::{AtomicU64, Ordering};

/// An atomically updated `f64`.
#[derive(Debug, Default)]
pub struct AtomicF64(AtomicU64);

impl AtomicF64 {
    /// Zero (`0.0`'s bits are all zero).
    pub const fn new() -> Self {
        AtomicF64(AtomicU64::new(0))
    }

    /// The current value.
    #[inline]
    pub fn get(&self) -> f64 {
        f64::from_bits(self.0.load(Ordering::Relaxed))
    }

    /// Replaces the value.
    #[inline]
    pub fn set(&self, v: f64) {
        self.0.store(v.to_bits(), Ordering::Relaxed);
    }

    /// Adds `v` (a compare-and-swap loop: there is no atomic float add).
    #[inline]
    pub fn add(&self, v: f64) {
        let mut old = self.0.load(Ordering::Relaxed);
        loop {
            let new = (f64::from_bits(old) + v).to_bits();
            match self
                .0
                .compare_exchange_weak(old, new, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => return,
                Err(current) => old = current,
            }
        }
    }
}
