//! Pushing a registry to a Pushgateway on a schedule, for nodes Prometheus
//! cannot reach: every interval with jitter (a fleet started together does
//! not push in lockstep), exponential back-off while the gateway fails, and
//! a final push on shutdown so the last values are not lost.

use std::{
    collections::hash_map::RandomState,
    hash::{BuildHasher, Hasher},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};

use hyper::Method;
use prometheus::Registry;
use tokio::{sync::oneshot, task::JoinHandle};

use super::{pushgateway::group_path, PushError, Pushgateway};

/// When [`Pushgateway::push_periodically`] pushes.
///
/// Each wait is the interval (doubled after each consecutive failure, up
/// to the maximum back-off), then moved by up to ± `jitter` of itself.
#[derive(Clone, Copy, Debug)]
pub struct PushSchedule {
    interval: Duration,
    jitter: f64,
    max_backoff: Duration,
}

impl PushSchedule {
    /// Every `interval`, with ±10 % jitter and back-off up to 8 intervals.
    pub fn every(interval: Duration) -> Self {
        PushSchedule {
            interval,
            jitter: 0.1,
            max_backoff: interval.saturating_mul(8),
        }
    }

    /// Moves each wait by up to ± `fraction` of itself (clamped to 0..=1).
    pub fn jitter(mut self, fraction: f64) -> Self {
        self.jitter = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self
    }

    /// The longest wait after failures (never shorter than the interval).
    pub fn max_backoff(mut self, max: Duration) -> Self {
        self.max_backoff = max;
        self
    }

    /// The wait before the next push after `failures` consecutive failed
    /// ones, `unit` a uniform draw from [0, 1).
    fn wait(&self, failures: u32, unit: f64) -> Duration {
        let backed_off = self
            .interval
            .saturating_mul(1u32 << failures.min(16))
            .min(self.max_backoff.max(self.interval));
        backed_off.mul_f64(1.0 + self.jitter * (2.0 * unit - 1.0))
    }
}

/// A push loop started by [`Pushgateway::push_periodically`]. Dropping it
/// stops the loop without a final push; [`PeriodicPush::shutdown`] makes one.
#[derive(Debug)]
pub struct PeriodicPush {
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), PushError>>,
    counts: Arc<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    succeeded: AtomicU64,
    failed: AtomicU64,
}

impl PeriodicPush {
    /// Pushes that the gateway accepted so far.
    pub fn succeeded(&self) -> u64 {
        self.counts.succeeded.load(Ordering::Relaxed)
    }

    /// Pushes that failed so far (each retried on the back-off schedule).
    pub fn failed(&self) -> u64 {
        self.counts.failed.load(Ordering::Relaxed)
    }

    /// Stops the loop (letting a push under way finish), makes a final push
    /// of the registry's current values and returns its result.
    pub async fn shutdown(mut self) -> Result<(), PushError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match (&mut self.task).await {
            Ok(result) => result,
            Err(e) => Err(PushError::Io(std::io::Error::other(e))),
        }
    }
}

impl Drop for PeriodicPush {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Pushgateway {
    /// Pushes `registry` (`PUT`, replacing the group) at once and then on
    /// `schedule`, on a task of the current tokio runtime, until
    /// [`PeriodicPush::shutdown`]. The group is checked here, so a bad job
    /// name or label is an error now rather than on every push.
    pub fn push_periodically(
        &self,
        job: &str,
        grouping: &[(&str, &str)],
        registry: Registry,
        schedule: PushSchedule,
    ) -> Result<PeriodicPush, PushError> {
        let path = group_path(job, grouping)?;
        let (stop, mut stopped) = oneshot::channel::<()>();
        let counts = Arc::new(Counts::default());
        let (gateway, loop_counts) = (self.clone(), Arc::clone(&counts));
        let task = tokio::spawn(async move {
            let mut random = Xorshift::seeded();
            let mut failures = 0u32;
            let mut wait = Duration::ZERO;
            loop {
                tokio::select! {
                    // A dropped handle aborts the task; a sent or dropped
                    // signal both mean "stop".
                    _ = &mut stopped => break,
                    () = tokio::time::sleep(wait) => {}
                }
                match gateway.push_to(Method::PUT, &path, &registry).await {
                    Ok(()) => {
                        failures = 0;
                        loop_counts.succeeded.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => {
                        failures = failures.saturating_add(1);
                        loop_counts.failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
                wait = schedule.wait(failures, random.unit());
            }
            gateway.push_to(Method::PUT, &path, &registry).await
        });
        Ok(PeriodicPush {
            stop: Some(stop),
            task,
            counts,
        })
    }
}

/// A small non-cryptographic generator for jitter, seeded from the
/// process's random hash keys (so each node draws differently).
struct Xorshift(u64);

impl Xorshift {
    fn seeded() -> Self {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(0x9e37_79b9_7f4a_7c15);
        Xorshift(hasher.finish() | 1)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_back_off_double_up_to_the_maximum_and_jitter_stays_in_bounds() {
        let schedule = PushSchedule::every(Duration::from_secs(10))
            .jitter(0.0)
            .max_backoff(Duration::from_secs(60));
        let waits: Vec<u64> = (0..5).map(|f| schedule.wait(f, 0.5).as_secs()).collect();
        assert_eq!(waits, [10, 20, 40, 60, 60]);
        assert_eq!(schedule.wait(u32::MAX, 0.5), Duration::from_secs(60));

        let jittered = PushSchedule::every(Duration::from_secs(10)).jitter(0.2);
        assert_eq!(jittered.wait(0, 0.0), Duration::from_secs(8));
        assert_eq!(jittered.wait(0, 0.5), Duration::from_secs(10));
        let mut random = Xorshift::seeded();
        for _ in 0..1000 {
            let wait = jittered.wait(0, random.unit());
            assert!(
                (Duration::from_secs(8)..Duration::from_secs(12)).contains(&wait),
                "{wait:?}"
            );
        }
    }
}
