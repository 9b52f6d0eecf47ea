//! A simulated x0tta6bl4 node (features `exporter` + `catalogue`): a
//! deterministic workload that drives every metric of the catalogue, for the
//! `demo` example and the end-to-end tests.
//!
//! Each [`Workload::step`] is one tick of the node: a MAPE-K cycle with its
//! four phases, a few API requests through a tiny instrumented handler
//! ([`api`]), mesh traffic, Raft heartbeats (an election every 25 ticks), a
//! federated-learning round every 10 ticks, DAO votes, and so on. The same
//! sequence of ticks always records the same values (a fixed-seed generator
//! varies them), except the few wall-clock gauges (timestamps, uptime).
//!
//! MAPE-K phase durations vary within one bucket of the `latency_seconds`
//! preset each ([`PHASE_DURATIONS`]), as a healthy loop's do, so the seed's
//! p95 query has a stable answer per phase.

pub mod api;
mod groups;

use crate::{MapekCycleDurationSecondsPhase as Phase, Metrics};

/// The range (in seconds) each MAPE-K phase's simulated duration is drawn
/// from; `Total` is their sum, which stays within (0.1, 0.25].
pub const PHASE_DURATIONS: [(Phase, f64, f64); 4] = [
    (Phase::Monitor, 0.006, 0.0095),
    (Phase::Analyze, 0.011, 0.024),
    (Phase::Plan, 0.0011, 0.0024),
    (Phase::Execute, 0.11, 0.19),
];

/// Node ids of the simulated mesh.
pub const NODES: [&str; 5] = ["node-0", "node-1", "node-2", "node-3", "node-4"];

/// The simulated node: the catalogue's metrics plus the state that drives them.
#[derive(Debug)]
pub struct Workload {
    metrics: Metrics,
    ticks: u64,
    random: Random,
    started: std::time::Instant,
}

impl Workload {
    /// A workload recording into `metrics`, at tick 0.
    pub fn new(metrics: Metrics) -> Self {
        Workload {
            metrics,
            ticks: 0,
            random: Random(0x5eed_0f70_77a6),
            started: std::time::Instant::now(),
        }
    }

    /// The metrics it records into (their registry is what to serve).
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Ticks done so far.
    pub fn ticks(&self) -> u64 {
        self.ticks
    }

    /// Runs one tick of the simulated node.
    pub fn step(&mut self) {
        let tick = self.ticks;
        let m = &self.metrics;
        let r = &mut self.random;
        groups::http(m, tick);
        groups::mapek(m, tick, r);
        groups::graphsage(m, tick, r);
        groups::rag(m, tick, r);
        groups::ledger(m, tick, r);
        groups::crdt(m, tick, r);
        groups::raft(m, tick, r);
        groups::mesh(m, tick, r);
        groups::mtls(m, tick, r);
        groups::fl(m, tick, r);
        groups::dao(m, tick, r);
        groups::contract(m, tick, r);
        groups::storage(m, tick, r);
        groups::infra(m, tick, r, self.started.elapsed().as_secs_f64());
        groups::security(m, tick, r);
        groups::performance(m, tick, r);
        self.ticks += 1;
    }
}

/// A small fixed-seed generator (xorshift64*): the demo needs variety, not
/// statistical quality, and the same values on every run.
#[derive(Debug)]
pub(crate) struct Random(u64);

impl Random {
    /// A uniform value in `[low, high)`.
    pub(crate) fn between(&mut self, low: f64, high: f64) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let unit = (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64;
        low + (high - low) * unit
    }

    /// A uniform integer in `[low, high)`.
    pub(crate) fn below(&mut self, low: u64, high: u64) -> u64 {
        self.between(low as f64, high as f64) as u64
    }
}

/// Seconds since the Unix epoch, for the "last time" gauges.
pub(crate) fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}
