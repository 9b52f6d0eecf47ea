//! The two attacks of issue 12 against a release build of the demo, with a
//! real Prometheus scraping it every second (faster than the 30 s of
//! `deploy/`, so the 30 s attack holds 30 scrapes, each with a 1 s timeout):
//!
//! - 300 connections that pipeline requests and never read a response;
//! - 1,000 connections that send nothing and reconnect when closed.
//!
//! During each, a scrape on a new connection succeeds within 2 s every
//! 500 ms, Prometheus records `up` = 1 for every scrape, and the demo's RSS
//! stays under [`RSS_BOUND_KIB`]; afterwards its descriptors and memory
//! return to near their level before the attack.
//!
//! The first run builds the demo in release mode into `target/e2e-release`
//! (several minutes on two busy cores); each attack then takes about 45 s.

use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use x0tta_metrics_tests::e2e::{
    attack::{
        finish, idle_attackers, peak_rss, pipelining_attackers, probe_scrapes, AttackReport, Demo,
        ONE_AT_A_TIME,
    },
    prometheus::Prometheus,
    wait_until,
};

const ATTACK: Duration = Duration::from_secs(30);
/// Peak resident memory of the demo under attack (KiB): the buffers of 256
/// connections, each holding at most one rendered body.
const RSS_BOUND_KIB: u64 = 64 * 1024;
/// How far above its level before the attack the demo's RSS may stay
/// afterwards (KiB): the allocator keeps some freed memory for reuse.
const RSS_RETURN_SLACK_KIB: u64 = 24 * 1024;
/// Descriptors above the level before the attack still allowed afterwards.
const FD_SLACK: usize = 4;

async fn survives(
    name: &str,
    attack: impl FnOnce(std::net::SocketAddr, Instant) -> JoinSet<AttackReport>,
) {
    let _one_at_a_time = ONE_AT_A_TIME.lock().await;
    let mut demo = Demo::start().await;
    let mut prometheus = Prometheus::start(demo.address, &[]);
    prometheus.wait_target_up().await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (rss_before, fds_before) = (demo.rss_kib(), demo.open_fds());

    let until = Instant::now() + ATTACK;
    let attackers = attack(demo.address, until);
    let (probes, rss_peak) = tokio::join!(
        probe_scrapes(demo.address, Duration::from_secs(2), until),
        peak_rss(&demo, until),
    );
    let report = finish(attackers).await;
    demo.assert_running();
    assert!(
        probes.failures.is_empty() && !probes.latencies.is_empty(),
        "{name}: {} of {} new-connection scrapes failed or took over 2 s: {:?}",
        probes.failures.len(),
        probes.failures.len() + probes.latencies.len(),
        probes.failures
    );

    let window = format!("[{}s]", ATTACK.as_secs());
    let up = |function: &'static str| {
        let expr = format!("{function}(up{{job=\"x0tta6bl4\"}}{window})");
        let prometheus = &prometheus;
        async move {
            let series = prometheus.query(&expr, None).await.expect("query");
            assert_eq!(series.len(), 1, "{expr}: {series:?}");
            series[0].value()
        }
    };
    let (lowest, scrapes) = (up("min_over_time").await, up("count_over_time").await);
    assert_eq!(lowest, 1.0, "{name}: Prometheus recorded up = 0");
    assert!(
        scrapes >= ATTACK.as_secs_f64() * 0.8,
        "{name}: only {scrapes} scrapes by Prometheus in {ATTACK:?}"
    );
    assert!(
        rss_peak <= RSS_BOUND_KIB,
        "{name}: RSS peaked at {rss_peak} KiB"
    );

    let settled = Instant::now();
    let fds_after = wait_until(
        Duration::from_secs(20),
        "descriptors back to their level",
        || async {
            let fds = demo.open_fds();
            (fds <= fds_before + FD_SLACK)
                .then_some(fds)
                .ok_or(format!("{fds} open, {fds_before} before"))
        },
    )
    .await;
    let rss_after = wait_until(
        Duration::from_secs(20),
        "memory back near its level",
        || async {
            let rss = demo.rss_kib();
            (rss <= rss_before + RSS_RETURN_SLACK_KIB)
                .then_some(rss)
                .ok_or(format!("{rss} KiB, {rss_before} KiB before"))
        },
    )
    .await;

    let mut sorted = probes.latencies;
    sorted.sort();
    println!(
        "attack: {name}: {} connections, {} requests by attackers; {} probe scrapes, \
         p50 {:.1?}, max {:.1?}; Prometheus {scrapes} scrapes, min up {lowest}; \
         RSS {rss_before} -> peak {rss_peak} -> {rss_after} KiB; fds {fds_before} -> {fds_after} \
         (settled in {:.1?})",
        report.connections,
        report.requests,
        sorted.len(),
        sorted[sorted.len() / 2],
        sorted[sorted.len() - 1],
        settled.elapsed(),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_pipeline_and_never_read_do_not_starve_scrapers() {
    survives("300 pipelining non-readers", |address, until| {
        pipelining_attackers(address, 300, until)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_silent_connections_does_not_starve_scrapers() {
    survives("1000 silent reconnecting", |address, until| {
        idle_attackers(address, 1000, until)
    })
    .await;
}
