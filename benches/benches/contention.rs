//! Target 3: two threads incrementing one series at once, per-op time per
//! thread, against the same work on one thread.

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Barrier;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use x0tta_metrics::prometheus::IntCounter;
use x0tta_metrics_benches::hot::{
    HotRequestsTotalMethod as Method, HotRequestsTotalStatus as Status, Metrics,
};

/// Runs `op` `iters` times on each of `threads` threads started together;
/// the wall time of the slowest is the time for `iters` ops per thread.
fn concurrently(threads: usize, iters: u64, op: &(dyn Fn() + Sync)) -> Duration {
    let barrier = Barrier::new(threads);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    let start = Instant::now();
                    for _ in 0..iters {
                        op();
                    }
                    start.elapsed()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("worker"))
            .max()
            .unwrap_or_default()
    })
}

fn contention(c: &mut Criterion) {
    let mut g = c.benchmark_group("contention");
    let raw = AtomicU64::new(0);
    let counter = IntCounter::new("shared_total", "Shared.").expect("counter");
    let hot = Metrics::new().expect("hot registers");
    let sharded = || {
        hot.hot
            .hot_requests_total(black_box(Method::Get), black_box(Status::V200))
            .inc()
    };
    let atomic = || {
        black_box(&raw).fetch_add(1, Ordering::Relaxed);
    };
    let prometheus = || black_box(&counter).inc();
    for threads in [1, 2] {
        g.bench_function(format!("raw_atomic_{threads}_threads"), |b| {
            b.iter_custom(|n| concurrently(threads, n, &atomic))
        });
        g.bench_function(format!("prometheus_int_counter_{threads}_threads"), |b| {
            b.iter_custom(|n| concurrently(threads, n, &prometheus))
        });
        g.bench_function(format!("generated_sharded_{threads}_threads"), |b| {
            b.iter_custom(|n| concurrently(threads, n, &sharded))
        });
    }
    g.finish();
}

criterion_group!(benches, contention);
criterion_main!(benches);
