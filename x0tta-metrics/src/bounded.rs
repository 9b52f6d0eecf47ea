//! A family with a cardinality budget, for metrics with free-form labels:
//! past `max_series` live series, new label combinations go to one overflow
//! series (free-form values replaced by [`OVERFLOW`]) and an overflow
//! counter counts every lookup routed there (one per update when, as the
//! generated API asks, each update calls the accessor; updates through a
//! handle kept from one lookup count once), so memory and scrape size stay
//! bounded and nothing is silently lost. Series can be removed one by one,
//! retained by predicate, or dropped at scrape after an idle time.
//!
//! The series are this crate's own cells, each behind an `Arc` so that a
//! handle stays valid after its series is removed (its updates then go
//! nowhere, as with prometheus' removed children). A lookup hashes the label
//! values once and, for an existing series, takes only the read lock.
//!
//! The overflow counters are one family, `x0tta_metrics_series_overflow_total`,
//! with a `metric` label naming the bounded metric; each bounded family
//! reports its own series of it to `gather()`.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

// A fast seeded hash: the budget bounds the table, so a flood of colliding
// label values cannot grow it, and SipHash would cost more than the lookup.
use foldhash::fast::RandomState;
use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;
use prometheus::Error;

use crate::exposition::order;
use crate::exposition::{collect::Collect, overflow, Encoder, Header};
use crate::storage::{insert_const_labels, Cell, Create, IntCounter, Meta, SeriesWriter};

/// The value that stands for every free-form label value of the overflow series.
pub const OVERFLOW: &str = "__overflow__";

/// How a bounded family is configured (from the spec).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Live series at most, the overflow series not counted.
    pub max_series: usize,
    /// Series untouched for this long are dropped at the next scrape.
    pub expire_after: Option<Duration>,
}

/// One series: its label values, its cell and when it was last used.
struct Series<C> {
    values: Box<[Box<str>]>,
    cell: Arc<C>,
    /// Milliseconds since the family was created; only kept with an expiry.
    last_used: AtomicU64,
    /// `false` for an overflow series: outside the budget, never expired.
    counted: bool,
}

impl<C> Series<C> {
    /// The label values, borrowed, in label order.
    fn label_values(&self) -> Vec<&str> {
        self.values.iter().map(|v| &**v).collect()
    }
}

/// Series by the hash of their label values (collisions kept side by side).
/// The key is already a hash, so the map must not hash it again.
type Index<C> = HashMap<u64, Vec<Series<C>>, BuildHasherDefault<PreHashed>>;

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

/// A family with a cardinality budget; see the module docs.
/// Cloning is cheap and shares the family (the registry holds a clone).
pub struct BoundedFamily<C>(Arc<Inner<C>>);

impl<C> Clone for BoundedFamily<C> {
    fn clone(&self) -> Self {
        BoundedFamily(Arc::clone(&self.0))
    }
}

impl<C> std::ops::Deref for BoundedFamily<C> {
    type Target = Inner<C>;

    fn deref(&self) -> &Inner<C> {
        &self.0
    }
}

/// The shared state of a [`BoundedFamily`], whose methods it carries.
pub struct Inner<C> {
    meta: &'static Meta,
    /// The family's and its overflow series' descriptions, for the registry
    /// (none for a stand-in that is never registered).
    descs: Vec<Desc>,
    /// The overflow family's name and help.
    overflow_family: (&'static str, &'static str),
    budget: Budget,
    series: RwLock<Index<C>>,
    live: AtomicU64,
    overflowed: IntCounter,
    hasher: RandomState,
    born: Instant,
}

impl<C: Cell> BoundedFamily<C> {
    /// An empty family described by `meta`: its label names, and which
    /// labels are free-form (those without closed values, which the
    /// overflow series blanks out). `overflow_family` is the name and help
    /// of the family counting updates routed to overflow series.
    pub fn new(
        meta: &'static Meta,
        budget: Budget,
        overflow_family: (&'static str, &'static str),
    ) -> Result<Self, Error> {
        let own = meta.desc()?;
        let overflow = Desc::new(
            overflow_family.0.to_string(),
            overflow_family.1.to_string(),
            vec![],
            // The spec's constant labels stay off it: specs on one registry share it.
            [("metric".to_string(), meta.name.to_string())].into(),
        )?;
        Ok(Self::with(
            meta,
            budget,
            overflow_family,
            vec![own, overflow],
        ))
    }

    /// A family whose description or registration failed: a stand-in so
    /// that a group is built whole (its registration then reports the
    /// failure and the group is dropped); never registered.
    pub(crate) fn undescribed(
        meta: &'static Meta,
        budget: Budget,
        overflow_family: (&'static str, &'static str),
    ) -> Self {
        Self::with(meta, budget, overflow_family, Vec::new())
    }

    fn with(
        meta: &'static Meta,
        budget: Budget,
        overflow_family: (&'static str, &'static str),
        descs: Vec<Desc>,
    ) -> Self {
        BoundedFamily(Arc::new(Inner {
            meta,
            descs,
            overflow_family,
            budget,
            series: RwLock::new(HashMap::default()),
            live: AtomicU64::new(0),
            overflowed: IntCounter::new(),
            hasher: RandomState::default(),
            born: Instant::now(),
        }))
    }
}

impl<C: Cell> Inner<C> {
    /// The series for `values` (one per label, in spec order): an existing
    /// one, a new one while the budget allows, else the overflow series.
    #[inline]
    pub fn get(&self, values: &[&str]) -> Arc<C>
    where
        C: Create,
    {
        let hash = self.hasher.hash_one(values);
        let now = self.now();
        {
            let index = self.series.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(series) = find(&index, hash, values) {
                return self.touch(series, now);
            }
        }
        self.create(hash, values, now)
    }

    /// The slow path of [`get`](Self::get): a series not seen yet.
    #[cold]
    fn create(&self, hash: u64, values: &[&str], now: u64) -> Arc<C>
    where
        C: Create,
    {
        let mut index = self.series.write().unwrap_or_else(PoisonError::into_inner);
        // Another thread may have created it between the two locks.
        if let Some(series) = find(&index, hash, values) {
            return self.touch(series, now);
        }
        if self.live.load(Ordering::Relaxed) as usize >= self.budget.max_series {
            self.overflowed.inc();
            let labels = &self.meta.labels;
            let blanked: Vec<&str> = values
                .iter()
                .enumerate()
                .map(|(i, &value)| if labels.is_free(i) { OVERFLOW } else { value })
                .collect();
            let hash = self.hasher.hash_one(&blanked[..]);
            if let Some(series) = find(&index, hash, &blanked) {
                return Arc::clone(&series.cell);
            }
            return insert(&mut index, hash, &blanked, self.meta, now, false);
        }
        self.live.fetch_add(1, Ordering::Relaxed);
        insert(&mut index, hash, values, self.meta, now, true)
    }

    /// Removes the series for `values`; `false` if there was none.
    pub fn remove(&self, values: &[&str]) -> bool {
        let hash = self.hasher.hash_one(values);
        let mut index = self.series.write().unwrap_or_else(PoisonError::into_inner);
        let Some(bucket) = index.get_mut(&hash) else {
            return false;
        };
        let Some(at) = bucket
            .iter()
            .position(|s| s.counted && same(&s.values, values))
        else {
            return false;
        };
        bucket.swap_remove(at);
        if bucket.is_empty() {
            index.remove(&hash);
        }
        self.live.fetch_sub(1, Ordering::Relaxed);
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

    /// Drops idle series, then walks the rest once, in `gather()` order
    /// (by label values, labels in name order), into `encoder`. A family
    /// without series writes nothing, as `gather()` drops it.
    pub fn encode(&self, encoder: &mut dyn Encoder) {
        self.encode_as(encoder, self.meta.name, self.meta.help);
    }

    /// [`encode`](Self::encode) under another name and help: the old name
    /// of a family during a rename with dual emission.
    pub fn encode_as(&self, encoder: &mut dyn Encoder, name: &str, help: &str) {
        self.expire_idle();
        let index = self.series.read().unwrap_or_else(PoisonError::into_inner);
        if index.is_empty() {
            return;
        }
        let names = self.meta.labels.names;
        let by_name = order::by_name(names);
        let mut series: Vec<&Series<C>> = index.values().flatten().collect();
        order::sort(
            &mut series,
            |_| names.len(),
            |s, j| &s.values[usize::from(by_name[j])],
        );
        encoder.family(&Header {
            name,
            help,
            kind: self.meta.kind,
            // An old name need not end with the unit.
            unit: if name == self.meta.name {
                self.meta.unit
            } else {
                ""
            },
        });
        let mut labels: Vec<(&str, &str)> =
            Vec::with_capacity(names.len() + self.meta.const_labels.len());
        let mut writer = SeriesWriter::default();
        for s in &series {
            labels.clear();
            labels.extend(
                by_name
                    .iter()
                    .map(|&k| (names[usize::from(k)], &*s.values[usize::from(k)])),
            );
            insert_const_labels(&mut labels, self.meta.const_labels);
            // Free-form values are escaped as they are written.
            writer.write(encoder, &labels, &*s.cell);
        }
        encoder.end_family();
    }

    fn remove_where(&self, mut doomed: impl FnMut(&Series<C>) -> bool) -> usize {
        let mut index = self.series.write().unwrap_or_else(PoisonError::into_inner);
        let mut removed = 0;
        index.retain(|_, bucket| {
            bucket.retain(|series| {
                let drop = series.counted && doomed(series);
                removed += usize::from(drop);
                !drop
            });
            !bucket.is_empty()
        });
        self.live.fetch_sub(removed as u64, Ordering::Relaxed);
        removed
    }

    fn touch(&self, series: &Series<C>, now: u64) -> Arc<C> {
        if self.budget.expire_after.is_some() {
            series.last_used.store(now, Ordering::Relaxed);
        }
        Arc::clone(&series.cell)
    }

    /// Milliseconds since creation, read only when an expiry needs it.
    fn now(&self) -> u64 {
        if self.budget.expire_after.is_none() {
            return 0;
        }
        u64::try_from(self.born.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

fn insert<C: Create>(
    index: &mut Index<C>,
    hash: u64,
    values: &[&str],
    meta: &'static Meta,
    now: u64,
    counted: bool,
) -> Arc<C> {
    let cell = Arc::new(C::create(meta));
    index.entry(hash).or_default().push(Series {
        values: values.iter().map(|v| Box::from(*v)).collect(),
        cell: Arc::clone(&cell),
        last_used: AtomicU64::new(now),
        counted,
    });
    cell
}

fn find<'a, C>(index: &'a Index<C>, hash: u64, values: &[&str]) -> Option<&'a Series<C>> {
    index.get(&hash)?.iter().find(|s| same(&s.values, values))
}

fn same(stored: &[Box<str>], values: &[&str]) -> bool {
    stored.len() == values.len() && stored.iter().zip(values).all(|(a, b)| **a == **b)
}

impl<C> std::fmt::Debug for BoundedFamily<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BoundedFamily")
            .field("name", &self.meta.name)
            .field("budget", &self.budget)
            .field("live", &self.live.load(Ordering::Relaxed))
            .field("overflowed", &self.overflowed.get())
            .finish_non_exhaustive()
    }
}

impl<C: Cell> Collector for BoundedFamily<C> {
    fn desc(&self) -> Vec<&Desc> {
        self.descs.iter().collect()
    }

    /// The family (idle series dropped first) and this family's series of
    /// the overflow family, from the same walk as every format.
    fn collect(&self) -> Vec<MetricFamily> {
        let mut collect = Collect::default();
        self.encode(&mut collect);
        let (name, help) = self.overflow_family;
        overflow(
            &mut collect,
            name,
            help,
            &[(self.meta.name, self.overflowed())],
        );
        collect.into_families()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exposition::MetricKind;
    use crate::storage::LabelSpace;

    const META: Meta = Meta {
        name: "requests_total",
        help: "Requests.",
        kind: MetricKind::Counter,
        labels: LabelSpace {
            names: &["route", "method"],
            values: &[&[], &["GET", "POST"]],
        },
        buckets: &[],
        unit: "",
        native: None,
        const_labels: &[],
        headers: "",
    };

    fn family(max_series: usize, expire_after: Option<Duration>) -> BoundedFamily<IntCounter> {
        BoundedFamily::new(
            &META,
            Budget {
                max_series,
                expire_after,
            },
            ("overflow_total", "Overflowed."),
        )
        .unwrap()
    }

    fn samples(f: &BoundedFamily<IntCounter>) -> Vec<(Vec<String>, f64)> {
        let mut out: Vec<(Vec<String>, f64)> = f
            .collect()
            .iter()
            .filter(|mf| mf.name() == "requests_total")
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
