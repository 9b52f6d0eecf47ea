//! Counters that never contend: one cache line per shard, a shard per thread.
//!
//! A counter hit from several cores at once spends its time moving its cache
//! line between them. `sharded: true` in the spec gives a counter
//! [`SHARDS`] atomics, each on its own cache line; a thread always adds to
//! the same one (assigned round-robin on first use) and a read sums them all.
//! Every increment is a plain atomic add on shared memory, visible to the
//! next read: nothing is buffered per thread, so a scrape is always exact.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::{self, LabelPair, MetricFamily, MetricType};
use prometheus::Error;

use crate::registration::Registration;
use crate::renamed::Renamed;

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
#[inline]
fn shard_index() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static INDEX: usize = NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS;
    }
    INDEX.with(|i| *i)
}

/// The collector of one sharded family: what `gather()` sees.
#[derive(Clone)]
struct ShardedFamily {
    desc: Desc,
    series: Arc<[(Vec<LabelPair>, ShardedCounter)]>,
}

impl Collector for ShardedFamily {
    fn desc(&self) -> Vec<&Desc> {
        vec![&self.desc]
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let metrics = self
            .series
            .iter()
            .map(|(labels, counter)| {
                let mut value = proto::Counter::default();
                value.set_value(counter.get() as f64);
                let mut metric = proto::Metric::from_label(labels.clone());
                metric.set_counter(value);
                metric
            })
            .collect();
        let mut family = MetricFamily::default();
        family.set_name(self.desc.fq_name.clone());
        family.set_help(self.desc.help.clone());
        family.set_field_type(MetricType::COUNTER);
        family.set_metric(metrics);
        vec![family]
    }
}

/// Creates the `N` series of a sharded counter family named `name` with
/// labels `labels` (series `i` has the values `values(i)`) and registers
/// the family as one collector; with `old_name` (a rename with dual
/// emission: the old name and its help), registers it under that name too.
pub fn sharded_children<const N: usize, const L: usize>(
    registration: &mut Registration,
    name: &str,
    help: &str,
    labels: [&str; L],
    values: impl Fn(usize) -> [&'static str; L],
    old_name: Option<(&str, &str)>,
) -> Result<[ShardedCounter; N], Error> {
    let names = labels.iter().map(|l| l.to_string()).collect();
    let desc = Desc::new(
        name.to_string(),
        help.to_string(),
        names,
        Default::default(),
    )?;
    let counters: [ShardedCounter; N] = std::array::from_fn(|_| ShardedCounter::default());
    let series = counters
        .iter()
        .enumerate()
        .map(|(i, counter)| {
            let mut pairs: Vec<LabelPair> = labels
                .iter()
                .zip(values(i))
                .map(|(name, value)| {
                    let mut pair = LabelPair::default();
                    pair.set_name(name.to_string());
                    pair.set_value(value.to_string());
                    pair
                })
                .collect();
            // As prometheus orders a series' labels: by name.
            pairs.sort_by(|a, b| a.name().cmp(b.name()));
            (pairs, counter.clone())
        })
        .collect();
    let family = registration.register(ShardedFamily { desc, series })?;
    if let Some((old, old_help)) = old_name {
        registration.register(Renamed::new(family, old, old_help)?)?;
    }
    Ok(counters)
}
