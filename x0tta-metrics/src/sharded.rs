//! Counters that never contend: one cache line per shard, a shard per thread.
//!
//! A counter hit from several cores at once spends its time moving its cache
//! line between them. `sharded: true` in the spec gives a counter
//! [`SHARDS`] atomics, each on its own cache line; a thread always adds to
//! the same one (assigned round-robin on first use) and a read sums them all.
//! Every increment is a plain atomic add on shared memory, visible to the
//! next read: nothing is buffered per thread, so a scrape is always exact.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

/// Shards per counter: more than the cores that usually hit one series at once.
pub const SHARDS: usize = 8;

/// One shard, alone on its cache line (128 bytes: x86 prefetches line pairs).
#[repr(align(128))]
#[derive(Default)]
struct Shard(AtomicU64);

/// An integer counter whose increments from different threads do not contend.
#[derive(Clone, Default)]
pub struct ShardedCounter {
    shards: Arc<[Shard; SHARDS]>,
}

impl ShardedCounter {
    /// Adds one.
    #[inline]
    pub fn inc(&self) {
        self.inc_by(1);
    }

    /// Adds `v`.
    #[inline]
    pub fn inc_by(&self, v: u64) {
        self.shards[shard_index()].0.fetch_add(v, Ordering::Relaxed);
    }

    /// The total of every increment so far.
    pub fn get(&self) -> u64 {
        self.shards
            .iter()
            .map(|s| s.0.load(Ordering::Relaxed))
            .fold(0, u64::wrapping_add)
    }
}

impl std::fmt::Debug for ShardedCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShardedCounter")
            .field("value", &self.get())
            .finish()
    }
}

/// This thread's shard: threads take shards round-robin on first use.
///
/// The thread-local is `const`-initialised (no lazy-init state or destructor
/// registration for the compiler to check on every access) and starts at
/// `UNASSIGNED`, so the hot path is one thread-local load and a compare.
#[inline]
fn shard_index() -> usize {
    const UNASSIGNED: usize = usize::MAX;
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static INDEX: Cell<usize> = const { Cell::new(UNASSIGNED) };
    }
    INDEX.with(|index| {
        let mut i = index.get();
        if i == UNASSIGNED {
            i = NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS;
            index.set(i);
        }
        i
    })
}
