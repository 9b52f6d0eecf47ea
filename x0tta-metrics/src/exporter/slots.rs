//! Who gets served when clients outnumber the exporter's limits.
//!
//! A new connection first waits for its first byte in the [`Silent`] pool,
//! where it holds no serving slot: a flood of clients that connect and say
//! nothing costs only sockets, and when the pool is full the oldest silent
//! connection is closed. Once bytes arrive the connection needs one of the
//! [`Slots`] (the connection cap): if none is free, it sheds the connection
//! that is idle or stalled the longest and waits, in arrival order, for a
//! slot to come free.

use std::{
    collections::{BTreeMap, HashMap},
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use tokio::{
    sync::{Notify, OwnedSemaphorePermit, Semaphore},
    time::Instant,
};

use super::progress::{Limits, Progress};

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every update below leaves the maps consistent at each step, so a
    // panic elsewhere while one was locked leaves it usable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Connections that have not sent a byte yet, oldest first.
#[derive(Clone, Debug)]
pub(crate) struct Silent(Arc<SilentInner>);

#[derive(Debug)]
struct SilentInner {
    capacity: usize,
    waiting: Mutex<(u64, BTreeMap<u64, Arc<Notify>>)>,
}

impl Silent {
    pub(crate) fn new(capacity: usize) -> Self {
        Silent(Arc::new(SilentInner {
            capacity,
            waiting: Mutex::new((0, BTreeMap::new())),
        }))
    }

    /// Enters a new connection, closing the oldest silent one if the pool
    /// is full.
    pub(crate) fn enter(&self) -> SilentTicket {
        let mut guard = locked(&self.0.waiting);
        let (next_id, waiting) = &mut *guard;
        if waiting.len() >= self.0.capacity {
            if let Some((_, oldest)) = waiting.pop_first() {
                oldest.notify_one();
            }
        }
        let id = *next_id;
        *next_id += 1;
        let evicted = Arc::new(Notify::new());
        waiting.insert(id, Arc::clone(&evicted));
        SilentTicket {
            pool: self.clone(),
            id,
            evicted,
        }
    }
}

/// A connection's place in the [`Silent`] pool, left when dropped.
pub(crate) struct SilentTicket {
    pool: Silent,
    id: u64,
    evicted: Arc<Notify>,
}

impl SilentTicket {
    /// Completes if the pool closed this connection for a newer one.
    pub(crate) async fn evicted(&self) {
        self.evicted.notified().await;
    }
}

impl Drop for SilentTicket {
    fn drop(&mut self) {
        locked(&self.pool.0.waiting).1.remove(&self.id);
    }
}

/// The serving slots (the connection cap) and the progress of every
/// connection holding one.
#[derive(Clone, Debug)]
pub(crate) struct Slots(Arc<SlotsInner>);

#[derive(Debug)]
struct SlotsInner {
    free: Arc<Semaphore>,
    held: Mutex<(u64, HashMap<u64, Arc<Progress>>)>,
}

impl Slots {
    pub(crate) fn new(capacity: usize) -> Self {
        Slots(Arc::new(SlotsInner {
            free: Arc::new(Semaphore::new(capacity)),
            held: Mutex::new((0, HashMap::new())),
        }))
    }

    /// A slot for a connection that has sent bytes: at once if one is free,
    /// otherwise after shedding the idle or stalled connection that ranks
    /// first (see `Progress::shed_rank`; again every 100 ms while none
    /// qualifies), in arrival order among waiters; `None` after `patience`.
    pub(crate) async fn acquire(&self, limits: &Limits, patience: Duration) -> Option<Slot> {
        let give_up = Instant::now() + patience;
        // One semaphore wait throughout, so the place in line is kept.
        let permit = Arc::clone(&self.0.free).acquire_owned();
        tokio::pin!(permit);
        loop {
            if self.0.free.available_permits() == 0 {
                self.shed_one(limits);
            }
            let retry = (Instant::now() + Duration::from_millis(100)).min(give_up);
            tokio::select! {
                permit = &mut permit => return permit.ok().map(|permit| self.enter(permit)),
                () = tokio::time::sleep_until(retry) => {
                    if Instant::now() >= give_up {
                        return None;
                    }
                }
            }
        }
    }

    fn enter(&self, permit: OwnedSemaphorePermit) -> Slot {
        let mut guard = locked(&self.0.held);
        let (next_id, held) = &mut *guard;
        let id = *next_id;
        *next_id += 1;
        let progress = Progress::new();
        held.insert(id, Arc::clone(&progress));
        Slot {
            slots: self.clone(),
            id,
            progress,
            _permit: permit,
        }
    }

    /// Asks the best-ranked sheddable connection to close (it frees its
    /// slot as it ends).
    fn shed_one(&self, limits: &Limits) {
        let mut guard = locked(&self.0.held);
        let held = &mut guard.1;
        let now = Instant::now();
        let victim = held
            .iter()
            .filter_map(|(id, progress)| Some((progress.shed_rank(now, limits)?, *id)))
            .min();
        if let Some(progress) = victim.and_then(|(_, id)| held.remove(&id)) {
            progress.shed();
        }
    }
}

/// A held serving slot, given back when dropped.
pub(crate) struct Slot {
    slots: Slots,
    id: u64,
    /// What the connection in this slot is doing.
    pub(crate) progress: Arc<Progress>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Slot {
    fn drop(&mut self) {
        locked(&self.slots.0.held).1.remove(&self.id);
    }
}
