//! How much of a fleet one central Prometheus on this machine takes in, and
//! what one node's exporter costs: a measurement for BENCHMARKS.md, not a
//! pass/fail test (minutes long, so ignored by default).
//!
//! `benches/run.sh` runs it in release mode:
//! `cargo test --release -p x0tta-metrics-tests --test fleet_capacity -- --ignored --nocapture`.
//!
//! N in-process nodes each serve the whole catalogue (every family touched by
//! the demo workload) through the generated encoder; one Prometheus in agent
//! mode scrapes all of them every second and remote-writes to a central
//! Prometheus (Debian's 2.42). After a warm-up it reads, from the servers' own
//! metrics, the central ingest rate, head series, CPU and memory, and whether
//! the agent kept up (no samples left behind). Each step prints a `fleet:` line.

use std::time::{Duration, Instant};

use x0tta_metrics::{demo::Workload, exporter::Exporter, Metrics};
use x0tta_metrics_tests::e2e::{http::get, process::available, prometheus::Prometheus, wait_until};

/// Fleet sizes measured, in nodes.
const STEPS: [usize; 3] = [10, 40, 80];
/// The agent's scrape interval (30 s in production: 30× fewer samples a second).
const SCRAPE_SECONDS: u64 = 1;
/// Long enough for the agent's remote-write queue to scale its shards to the load.
const WARM_UP: Duration = Duration::from_secs(60);
const MEASURE_SECONDS: u64 = 60;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "capacity measurement, minutes long: run by benches/run.sh"]
async fn central_prometheus_ingest_from_agents() {
    assert!(
        available("prometheus"),
        "Debian package `prometheus` must be installed"
    );
    for nodes in STEPS {
        measure(nodes).await;
    }
}

async fn measure(nodes: usize) {
    // The nodes: the catalogue with every family moving, served as a real node would.
    let mut exporters = Vec::new();
    let mut scrape_bytes = 0;
    let mut per_node = 0;
    let mut render_time = Duration::ZERO;
    for _ in 0..nodes {
        let mut workload = Workload::new(Metrics::new().expect("registry"));
        for _ in 0..3 {
            workload.step();
        }
        let metrics = workload.metrics().clone();
        let started = Instant::now();
        let text = metrics.encode_text();
        scrape_bytes = text.len();
        // Samples a scrape yields, with the 5 the agent adds (up, scrape_*).
        per_node = text.lines().filter(|l| !l.starts_with('#')).count() + 5;
        render_time += started.elapsed();
        exporters.push(
            Exporter::new(metrics)
                .address("127.0.0.1:0".parse().unwrap())
                .bind()
                .await
                .expect("bind a node"),
        );
    }
    let targets: Vec<String> = exporters
        .iter()
        .map(|e| format!("\"{}\"", e.local_addr()))
        .collect();

    let mut central = Prometheus::launch(
        "capacity-central",
        &format!("global:\n  scrape_interval: {SCRAPE_SECONDS}s\n"),
        &["--web.enable-remote-write-receiver"],
    );
    let agent_config = format!(
        "global:\n  scrape_interval: {SCRAPE_SECONDS}s\n\
         scrape_configs:\n  - job_name: x0tta6bl4\n    static_configs:\n      - targets: [{}]\n\
         remote_write:\n  - url: http://{}/api/v1/write\n    queue_config:\n      max_samples_per_send: 2000\n",
        targets.join(", "),
        central.address()
    );
    let agent = Prometheus::launch("capacity-agent", &agent_config, &["--enable-feature=agent"]);
    // Measure from the first sample on: a fleet too large for this machine
    // shows as lag and a shortfall in the figures, not as a stall here.
    wait_until(
        Duration::from_secs(120),
        "samples at the central server",
        || async {
            let up = central.query("count(up)", None).await?;
            match up.first() {
                Some(_) => Ok(()),
                None => Err("no `up` series yet".to_owned()),
            }
        },
    )
    .await;
    tokio::time::sleep(WARM_UP).await;

    let cpu_before = (
        process_cpu(central.address()).await,
        process_cpu(agent.address()).await,
    );
    let samples_before = metric(
        central.address(),
        "prometheus_tsdb_head_samples_appended_total",
    )
    .await;
    tokio::time::sleep(Duration::from_secs(MEASURE_SECONDS)).await;
    let samples_after = metric(
        central.address(),
        "prometheus_tsdb_head_samples_appended_total",
    )
    .await;
    let cpu_after = (
        process_cpu(central.address()).await,
        process_cpu(agent.address()).await,
    );
    central.assert_running();

    let seconds = MEASURE_SECONDS as f64;
    let ingest = (samples_after - samples_before) / seconds;
    let series = metric(central.address(), "prometheus_tsdb_head_series").await;
    let central_rss = metric(central.address(), "process_resident_memory_bytes").await;
    let agent_rss = metric(agent.address(), "process_resident_memory_bytes").await;
    let central_cpu = (cpu_after.0 - cpu_before.0) / seconds;
    let agent_cpu = (cpu_after.1 - cpu_before.1) / seconds;
    // How far the agent's remote write is behind what it scraped.
    let lag = metric(
        agent.address(),
        "prometheus_remote_storage_highest_timestamp_in_seconds",
    )
    .await
        - metric(
            agent.address(),
            "prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
        )
        .await;
    let reached = central
        .query("count(up)", None)
        .await
        .ok()
        .and_then(|answer| answer.first().map(|s| s.value()))
        .unwrap_or(0.0);
    let offered = (nodes * per_node) as f64 / SCRAPE_SECONDS as f64;
    println!(
        "fleet: {nodes} nodes × {per_node} series, scraped every {SCRAPE_SECONDS} s by one agent → central: \
         {reached:.0} nodes arrived, {ingest:.0} samples/s ingested of {offered:.0} offered, {series:.0} head series, \
         central {central_cpu:.2} cores and {:.0} MiB ({:.1} KiB/series), agent {agent_cpu:.2} cores and {:.0} MiB, \
         remote-write lag {lag:.1} s; a node's scrape: {scrape_bytes} bytes rendered in {:.0} µs ({} build)",
        central_rss / 1048576.0,
        central_rss / 1024.0 / series.max(1.0),
        agent_rss / 1048576.0,
        render_time.as_secs_f64() * 1e6 / nodes as f64,
        if cfg!(debug_assertions) { "debug" } else { "release" },
    );
    for exporter in exporters {
        exporter.shutdown().await;
    }
}

/// A server's own `process_cpu_seconds_total`.
async fn process_cpu(address: std::net::SocketAddr) -> f64 {
    metric(address, "process_cpu_seconds_total").await
}

/// The value of the first sample named `name` (no labels) on a Prometheus
/// server's own `/metrics`.
async fn metric(address: std::net::SocketAddr, name: &str) -> f64 {
    let response = get(address, "/metrics")
        .await
        .expect("scrape a server's own metrics");
    let text = response.text();
    text.lines()
        .find_map(|line| {
            let rest = line.strip_prefix(name)?;
            let value = rest.strip_prefix(' ').or_else(|| {
                // A labelled sample: take the first one.
                rest.strip_prefix('{')
                    .and_then(|r| r.split_once("} "))
                    .map(|(_, v)| v)
            })?;
            value.trim().parse().ok()
        })
        .unwrap_or_else(|| panic!("{name} not on {address}/metrics"))
}
