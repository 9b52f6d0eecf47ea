//! A labelled family with a cardinality budget, for metrics with free-form
//! labels: past `max_series` live series, new label combinations go to one
//! overflow series (free-form values replaced by [`OVERFLOW`]) and an
//! overflow counter counts every lookup routed there (one per update when,
//! as the generated API asks, each update calls the accessor; updates
//! through a handle kept from one lookup count once), so memory and scrape size stay
//! bounded and nothing is silently lost. Series can be removed one by one,
//! retained by predicate, or dropped at scrape after an idle time.
//!
//! The overflow counters are one family, `x0tta_metrics_series_overflow_total`,
//! with a `metric` label naming the bounded metric.
//!
//! The family stays a `prometheus::MetricVec` underneath and registers as a
//! collector, so `Registry::gather()` sees it like any other family.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

// A fast seeded hash: the budget bounds the table, so a flood of colliding
// label values cannot grow it, and SipHash would cost more than the lookup.
use foldhash::fast::RandomState;
use prometheus::core::{Collector, Desc, MetricVec, MetricVecBuilder};
use prometheus::proto::MetricFamily;
use prometheus::IntCounter;

/// The value that stands for every free-form label value of the overflow series.
pub const OVERFLOW: &str = "__overflow__";

/// Names the builder inside a `prometheus` family type, whose builder types
/// are not exported: `Bounded<IntCounterVec>` is how generated code spells
/// the bounded version of an `IntCounterVec`.
pub trait VecFamily {
    /// The family's builder.
    type Builder: MetricVecBuilder;
}

impl<B: MetricVecBuilder> VecFamily for MetricVec<B> {
    type Builder = B;
}

/// The bounded version of the `prometheus` family type `V`.
pub type Bounded<V> = BoundedFamily<<V as VecFamily>::Builder>;

/// How a bounded family is configured (from the spec).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Live series at most, the overflow series not counted.
    pub max_series: usize,
    /// Series untouched for this long are dropped at the next scrape.
    pub expire_after: Option<Duration>,
}

/// One live series: its label values, its handle and when it was last used.
struct Series<M> {
    values: Box<[Box<str>]>,
    handle: M,
    /// Milliseconds since the family was created; only kept with an expiry.
    last_used: AtomicU64,
}

impl<M> Series<M> {
    /// The label values, borrowed, in label order.
    fn label_values(&self) -> Vec<&str> {
        self.values.iter().map(|v| &**v).collect()
    }
}

/// Series by the hash of their label values (collisions kept side by side).
/// The key is already a hash, so the map must not hash it again.
type Index<M> = HashMap<u64, Vec<Series<M>>, BuildHasherDefault<PreHashed>>;

/// A `Hasher` for keys that are hashes already: it passes the `u64` through.
#[derive(Default)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed with it; fold anything else in anyway.
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

/// A labelled family with a cardinality budget; see the module docs.
/// Cloning is cheap and shares the family (the registry holds a clone).
pub struct BoundedFamily<B: MetricVecBuilder>(Arc<Inner<B>>);

impl<B: MetricVecBuilder> Clone for BoundedFamily<B> {
    fn clone(&self) -> Self {
        BoundedFamily(Arc::clone(&self.0))
    }
}

impl<B: MetricVecBuilder> std::ops::Deref for BoundedFamily<B> {
    type Target = Inner<B>;

    fn deref(&self) -> &Inner<B> {
        &self.0
    }
}

/// The shared state of a [`BoundedFamily`], whose methods it carries.
pub struct Inner<B: MetricVecBuilder> {
    family: MetricVec<B>,
    budget: Budget,
    /// Which labels are free-form (the ones the overflow series blanks out).
    free: Box<[bool]>,
    series: RwLock<Index<B::M>>,
    live: AtomicU64,
    overflowed: IntCounter,
    hasher: RandomState,
    born: Instant,
}

impl<B: MetricVecBuilder> BoundedFamily<B> {
    /// Wraps `family`; `free[i]` tells whether label `i` is free-form, and
    /// `overflowed` counts updates that went to the overflow series.
    pub fn new(
        family: MetricVec<B>,
        budget: Budget,
        free: &[bool],
        overflowed: IntCounter,
    ) -> Self {
        BoundedFamily(Arc::new(Inner {
            family,
            budget,
            free: free.into(),
            series: RwLock::new(HashMap::default()),
            live: AtomicU64::new(0),
            overflowed,
            hasher: RandomState::default(),
            born: Instant::now(),
        }))
    }
}

impl<B: MetricVecBuilder> Inner<B> {
    /// The series for `values` (one per label, in spec order): an existing
    /// one, a new one while the budget allows, else the overflow series.
    pub fn get(&self, values: &[&str]) -> B::M {
        let hash = self.hasher.hash_one(values);
        let now = self.now();
        {
            let index = self.series.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(series) = find(&index, hash, values) {
                return self.touch(series, now);
            }
        }
        let mut index = self.series.write().unwrap_or_else(PoisonError::into_inner);
        // Another thread may have created it between the two locks.
        if let Some(series) = find(&index, hash, values) {
            return self.touch(series, now);
        }
        if self.live.load(Ordering::Relaxed) as usize >= self.budget.max_series {
            drop(index);
            self.overflowed.inc();
            return self.overflow(values);
        }
        let handle = self.family.with_label_values(values);
        index.entry(hash).or_default().push(Series {
            values: values.iter().map(|v| Box::from(*v)).collect(),
            handle: handle.clone(),
            last_used: AtomicU64::new(now),
        });
        self.live.fetch_add(1, Ordering::Relaxed);
        handle
    }

    /// Removes the series for `values`; `false` if there was none.
    pub fn remove(&self, values: &[&str]) -> bool {
        let hash = self.hasher.hash_one(values);
        let mut index = self.series.write().unwrap_or_else(PoisonError::into_inner);
        let Some(bucket) = index.get_mut(&hash) else {
            return false;
        };
        let Some(at) = bucket.iter().position(|s| same(&s.values, values)) else {
            return false;
        };
        bucket.swap_remove(at);
        if bucket.is_empty() {
            index.remove(&hash);
        }
        self.forget(values);
        true
    }

    /// Keeps only the series whose label values satisfy `keep`; returns how
    /// many were removed.
    pub fn retain(&self, mut keep: impl FnMut(&[&str]) -> bool) -> usize {
        self.remove_where(|series| !keep(&series.label_values()))
    }

    /// Live series, the overflow series not counted.
    pub fn len(&self) -> usize {
        self.live.load(Ordering::Relaxed) as usize
    }

    /// `true` when no series is live.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Lookups (accessor calls) routed to the overflow series so far.
    pub fn overflowed(&self) -> u64 {
        self.overflowed.get()
    }

    /// The counter of lookups routed to the overflow series (exported
    /// as `x0tta_metrics_series_overflow_total{metric="…"}`).
    pub fn overflow_counter(&self) -> &IntCounter {
        &self.overflowed
    }

    /// The budget this family enforces.
    pub fn budget(&self) -> Budget {
        self.budget
    }

    /// Drops series idle for longer than the expiry, if one is configured.
    pub fn expire_idle(&self) -> usize {
        let Some(expire_after) = self.budget.expire_after else {
            return 0;
        };
        let now = self.now();
        let idle = u64::try_from(expire_after.as_millis()).unwrap_or(u64::MAX);
        self.remove_where(|series| {
            now.saturating_sub(series.last_used.load(Ordering::Relaxed)) >= idle
        })
    }

    fn remove_where(&self, mut doomed: impl FnMut(&Series<B::M>) -> bool) -> usize {
        let mut index = self.series.write().unwrap_or_else(PoisonError::into_inner);
        let mut removed = 0;
        index.retain(|_, bucket| {
            bucket.retain(|series| {
                let drop = doomed(series);
                if drop {
                    self.forget(&series.label_values());
                    removed += 1;
                }
                !drop
            });
            !bucket.is_empty()
        });
        removed
    }

    /// Takes a removed series out of the exported family and the count.
    fn forget(&self, values: &[&str]) {
        // The index and the family are changed under the same write lock, so
        // a missing child means nothing worse than an already-clean family.
        let _ = self.family.remove_label_values(values);
        self.live.fetch_sub(1, Ordering::Relaxed);
    }

    fn overflow(&self, values: &[&str]) -> B::M {
        let blanked: Vec<&str> = values
            .iter()
            .zip(self.free.iter())
            .map(|(value, free)| if *free { OVERFLOW } else { value })
            .collect();
        self.family.with_label_values(&blanked)
    }

    fn touch(&self, series: &Series<B::M>, now: u64) -> B::M {
        if self.budget.expire_after.is_some() {
            series.last_used.store(now, Ordering::Relaxed);
        }
        series.handle.clone()
    }

    /// Milliseconds since creation, read only when an expiry needs it.
    fn now(&self) -> u64 {
        if self.budget.expire_after.is_none() {
            return 0;
        }
        u64::try_from(self.born.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

fn find<'a, M>(index: &'a Index<M>, hash: u64, values: &[&str]) -> Option<&'a Series<M>> {
    index.get(&hash)?.iter().find(|s| same(&s.values, values))
}

fn same(stored: &[Box<str>], values: &[&str]) -> bool {
    stored.len() == values.len() && stored.iter().zip(values).all(|(a, b)| **a == **b)
}

impl<B: MetricVecBuilder> std::fmt::Debug for BoundedFamily<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<B: MetricVecBuilder> Collector for BoundedFamily<B> {
    fn desc(&self) -> Vec<&Desc> {
        self.family.desc()
    }

    /// Drops idle series first, so the scrape shows only live ones.
    fn collect(&self) -> Vec<MetricFamily> {
        self.expire_idle();
        self.family.collect()
    }
}

impl<B: MetricVecBuilder> std::fmt::Debug for Inner<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BoundedFamily")
            .field("budget", &self.budget)
            .field("live", &self.len())
            .field("overflowed", &self.overflowed())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prometheus::{IntCounterVec, Opts};

    fn family(max_series: usize, expire_after: Option<Duration>) -> Bounded<IntCounterVec> {
        let vec = IntCounterVec::new(
            Opts::new("requests_total", "Requests."),
            &["route", "method"],
        )
        .unwrap();
        let overflowed = IntCounter::new("overflow_total", "Overflowed.").unwrap();
        BoundedFamily::new(
            vec,
            Budget {
                max_series,
                expire_after,
            },
            &[true, false],
            overflowed,
        )
    }

    fn samples(f: &BoundedFamily<impl MetricVecBuilder>) -> Vec<(Vec<String>, f64)> {
        let mut out: Vec<(Vec<String>, f64)> = f
            .collect()
            .iter()
            .flat_map(|mf| mf.get_metric().iter())
            .map(|m| {
                let labels = m
                    .get_label()
                    .iter()
                    .map(|l| format!("{}={}", l.name(), l.value()))
                    .collect();
                (labels, m.get_counter().get_value())
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn past_the_budget_updates_go_to_the_overflow_series_and_are_counted() {
        let f = family(2, None);
        f.get(&["/a", "GET"]).inc();
        f.get(&["/b", "GET"]).inc();
        f.get(&["/c", "GET"]).inc();
        f.get(&["/d", "POST"]).inc_by(5);
        f.get(&["/a", "GET"]).inc(); // existing series keep working
        assert_eq!(f.len(), 2);
        assert_eq!(f.overflowed(), 2);
        assert_eq!(
            samples(&f),
            [
                (vec!["method=GET".into(), "route=/a".into()], 2.0),
                (vec!["method=GET".into(), "route=/b".into()], 1.0),
                (vec!["method=GET".into(), format!("route={OVERFLOW}")], 1.0),
                (vec!["method=POST".into(), format!("route={OVERFLOW}")], 5.0),
            ]
        );
    }

    #[test]
    fn removing_a_series_frees_its_place_in_the_budget() {
        let f = family(1, None);
        f.get(&["/a", "GET"]).inc();
        assert!(f.remove(&["/a", "GET"]));
        assert!(!f.remove(&["/a", "GET"]));
        f.get(&["/b", "GET"]).inc();
        assert_eq!(f.overflowed(), 0);
        assert_eq!(
            samples(&f),
            [(vec!["method=GET".into(), "route=/b".into()], 1.0)]
        );
    }

    #[test]
    fn retain_keeps_what_the_predicate_accepts() {
        let f = family(10, None);
        for route in ["/a", "/b", "/c"] {
            f.get(&[route, "GET"]).inc();
        }
        assert_eq!(f.retain(|values| values[0] != "/b"), 1);
        assert_eq!(f.len(), 2);
        let routes: Vec<String> = samples(&f)
            .into_iter()
            .map(|(labels, _)| labels[1].clone())
            .collect();
        assert_eq!(routes, ["route=/a", "route=/c"]);
    }

    #[test]
    fn idle_series_are_dropped_at_scrape() {
        let f = family(10, Some(Duration::from_millis(50)));
        f.get(&["/idle", "GET"]).inc();
        std::thread::sleep(Duration::from_millis(120));
        f.get(&["/busy", "GET"]).inc();
        let routes: Vec<String> = samples(&f)
            .into_iter()
            .map(|(labels, _)| labels[1].clone())
            .collect();
        assert_eq!(routes, ["route=/busy"]);
        assert_eq!(f.len(), 1);
    }
}
