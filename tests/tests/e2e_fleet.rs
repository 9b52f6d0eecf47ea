//! A fleet aggregated by Prometheus itself: three x0tta6bl4 nodes (each its
//! own registry, told apart by a constant `node` label, each its own
//! exporter), a Prometheus in agent mode scraping them and remote-writing to
//! a central Prometheus (Debian's 2.42, `--web.enable-remote-write-receiver`).
//!
//! On the way one node restarts (its counters start again from zero) and the
//! central server is away for a minute. Afterwards the central server's
//! `sum by (node)`, `resets`, `increase` and `histogram_quantile` over
//! `sum by (le)` answer exactly what the nodes counted, and no scrape of the
//! outage is missing: the agent kept them in its write-ahead log.
//!
//! The deploy files for this path (`deploy/prometheus/{agent,central}.yml`,
//! `central.web.yml`) pass promtool with their secret files in place.

use std::{
    collections::{BTreeMap, HashMap},
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use x0tta_metrics::{
    exporter::{Exporter, RunningExporter},
    prometheus::Registry,
    CycleStatus, MapekCycleDurationSecondsPhase as Phase, Metrics,
};
use x0tta_metrics_tests::e2e::{
    process::{available, TempDir},
    prometheus::Prometheus,
    wait_until, workspace_root,
};

const NODES: [&str; 3] = ["node-a", "node-b", "node-c"];
/// The node that restarts.
const RESTARTED: usize = 1;
/// Scrape interval of the agent, in seconds.
const SCRAPE_SECONDS: f64 = 1.0;
/// How long the central server is away.
const OUTAGE: Duration = Duration::from_secs(60);
/// One workload tick.
const TICK: Duration = Duration::from_millis(200);
/// The phase latencies a node observes, in turn (seconds).
const LATENCIES: [f64; 5] = [0.003, 0.02, 0.04, 0.3, 1.7];
const SUCCESS: &str = "x0tta6bl4_mapek_cycles_total{status=\"success\"}";
const BUCKETS: &str = "x0tta6bl4_mapek_cycle_duration_seconds_bucket{phase=\"monitor\"}";

/// One node: the process' metrics and exporter, and what it counted in all
/// its lives.
struct Node {
    name: &'static str,
    address: SocketAddr,
    metrics: Metrics,
    exporter: Option<RunningExporter>,
    /// Successful cycles counted, over every life of the node.
    counted: u64,
    /// Successful cycles counted by the current life.
    counted_this_life: u64,
    /// Latencies observed by the current life.
    observed_this_life: Vec<f64>,
    ticks: usize,
}

impl Node {
    /// Starts a life of the node: a fresh registry whose every series carries
    /// `node="<name>"`, and an exporter on `address`.
    async fn start(name: &'static str, address: SocketAddr) -> (Metrics, RunningExporter) {
        let labels = HashMap::from([("node".to_owned(), name.to_owned())]);
        let registry = Registry::new_custom(None, Some(labels)).expect("registry");
        let metrics = Metrics::register(&registry).expect("register the catalogue");
        let exporter = Exporter::new(&registry)
            .address(address)
            .bind()
            .await
            .expect("bind the node's exporter");
        (metrics, exporter)
    }

    /// One tick: node `i` counts `i + 1` successful cycles and observes one latency.
    fn tick(&mut self, i: usize) {
        let by = i as u64 + 1;
        self.metrics
            .mapek
            .mapek_cycles_total(CycleStatus::Success)
            .inc_by(by);
        let latency = LATENCIES[self.ticks % LATENCIES.len()];
        self.metrics
            .mapek
            .mapek_cycle_duration_seconds(Phase::Monitor)
            .observe(latency);
        self.ticks += 1;
        self.counted += by;
        self.counted_this_life += by;
        self.observed_this_life.push(latency);
    }
}

type Fleet = Arc<Mutex<Vec<Node>>>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agents_remote_write_a_fleet_that_central_prometheus_aggregates_exactly() {
    assert!(
        available("prometheus"),
        "Debian package `prometheus` must be installed"
    );
    let mut nodes = Vec::new();
    for name in NODES {
        let (metrics, exporter) = Node::start(name, "127.0.0.1:0".parse().unwrap()).await;
        nodes.push(Node {
            name,
            address: exporter.local_addr(),
            metrics,
            exporter: Some(exporter),
            counted: 0,
            counted_this_life: 0,
            observed_this_life: Vec::new(),
            ticks: 0,
        });
    }
    let targets: Vec<String> = nodes.iter().map(|n| format!("\"{}\"", n.address)).collect();
    let fleet: Fleet = Arc::new(Mutex::new(nodes));

    let mut central = Prometheus::launch(
        "central",
        "global:\n  evaluation_interval: 1s\n",
        &["--web.enable-remote-write-receiver"],
    );
    let agent_config = format!(
        "global:\n  scrape_interval: {SCRAPE_SECONDS}s\n\
         scrape_configs:\n  - job_name: x0tta6bl4\n    static_configs:\n      - targets: [{}]\n\
         remote_write:\n  - url: http://{}/api/v1/write\n    queue_config:\n      min_backoff: 100ms\n      max_backoff: 2s\n",
        targets.join(", "),
        central.address()
    );
    let mut agent = Prometheus::launch("agent", &agent_config, &["--enable-feature=agent"]);

    let counting = Arc::new(Mutex::new(true));
    let workload = tokio::spawn(run_workload(Arc::clone(&fleet), Arc::clone(&counting)));
    let started = now();

    // Every node reaches the central server through the agent.
    wait_until(
        Duration::from_secs(60),
        "every node's samples at the central server",
        || async {
            let series = central
                .query(&format!("count by (node) ({SUCCESS})"), None)
                .await?;
            if series.len() == NODES.len() {
                Ok(())
            } else {
                Err(format!("{series:?}"))
            }
        },
    )
    .await;

    // A node restarts: once its last count has been scraped, its process goes
    // and a new one starts from zero on the same address.
    pause(&counting);
    await_central_has_counted(&central, &fleet).await;
    restart(&fleet, RESTARTED).await;
    resume(&counting);
    tokio::time::sleep(Duration::from_secs(3)).await;

    // The central server goes away for a minute; nodes and agent go on.
    let outage_start = now();
    let counted_before_outage = counted(&fleet);
    central.stop();
    tokio::time::sleep(OUTAGE).await;
    let counted_after_outage = counted(&fleet);
    let outage_end = now();
    central.resume();

    tokio::time::sleep(Duration::from_secs(5)).await;
    pause(&counting);
    workload.abort();
    await_central_has_counted(&central, &fleet).await;
    agent.assert_running();
    central.assert_running();
    let end = now();

    // What the nodes counted, read once: the queries below await.
    let fleet: Vec<Tally> = fleet.lock().expect("fleet").iter().map(Tally::of).collect();
    // What each node's current life counted, summed by node as a dashboard does.
    let by_node = by_label(&central, &format!("sum by (node) ({SUCCESS})"), "node").await;
    for node in fleet.iter() {
        assert_eq!(
            by_node.get(node.name),
            Some(&(node.counted_this_life as f64)),
            "sum by (node) for {}",
            node.name
        );
    }

    // Every sample of the whole run is there, the outage's included, and the
    // counter resets of the restarted node add up to what it counted in all.
    let range = (end - started + 30.0).ceil() as u64;
    let samples = central
        .query(&format!("{SUCCESS}[{range}s]"), Some(end))
        .await
        .expect("range query");
    for node in fleet.iter() {
        let series = samples
            .iter()
            .find(|s| s.label("node") == node.name)
            .unwrap_or_else(|| panic!("no samples of {}", node.name));
        let largest_gap = series
            .samples
            .windows(2)
            .map(|pair| pair[1].0 - pair[0].0)
            .fold(0.0, f64::max);
        assert!(
            largest_gap <= 3.5 * SCRAPE_SECONDS,
            "{}: a {largest_gap} s hole in the samples (scrapes every {SCRAPE_SECONDS} s; outage {outage_start}..{outage_end})",
            node.name
        );
        let outage_samples = series
            .samples
            .iter()
            .filter(|(t, _)| (outage_start..outage_end).contains(t))
            .count();
        assert!(
            outage_samples as f64 >= 0.8 * OUTAGE.as_secs_f64() / SCRAPE_SECONDS,
            "{}: only {outage_samples} samples from the outage reached the central server",
            node.name
        );
        assert_eq!(
            reset_adjusted_total(&series.samples),
            node.counted as f64,
            "{}: counted over all its lives",
            node.name
        );
    }
    let resets = by_label(&central, &format!("resets({SUCCESS}[{range}s])"), "node").await;
    for (i, node) in fleet.iter().enumerate() {
        let expected = if i == RESTARTED { 1.0 } else { 0.0 };
        assert_eq!(
            resets.get(node.name),
            Some(&expected),
            "resets for {}",
            node.name
        );
    }

    // increase() over the outage matches what was counted meanwhile, within
    // the extrapolation PromQL applies at the window's edges (one scrape).
    let window = (outage_end - outage_start).round() as u64;
    let increase = by_label(
        &central,
        &format!("increase({SUCCESS}[{window}s] @ {outage_end:.3})"),
        "node",
    )
    .await;
    for (i, node) in fleet.iter().enumerate() {
        let counted = (counted_after_outage[i] - counted_before_outage[i]) as f64;
        let per_scrape = (i as f64 + 1.0) * SCRAPE_SECONDS / TICK.as_secs_f64();
        let got = increase.get(node.name).copied().unwrap_or(f64::NAN);
        assert!(
            (got - counted).abs() <= 2.0 * per_scrape,
            "{}: increase over the outage {got}, counted {counted}",
            node.name
        );
    }

    // The fleet-wide latency histogram: bucket by bucket what the nodes'
    // current lives observed, and histogram_quantile over sum by (le).
    let observed: Vec<f64> = fleet
        .iter()
        .flat_map(|n| n.observed_this_life.iter().copied())
        .collect();
    let buckets = by_label(&central, &format!("sum by (le) ({BUCKETS})"), "le").await;
    let mut bounds: Vec<(f64, f64)> = buckets
        .iter()
        .map(|(le, count)| (le.parse::<f64>().expect("le"), *count))
        .collect();
    bounds.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (le, count) in &bounds {
        let expected = observed.iter().filter(|v| *v <= le).count() as f64;
        assert_eq!(*count, expected, "fleet bucket le={le}");
    }
    for q in [0.5, 0.9, 0.95] {
        let answer = central
            .query(
                &format!("histogram_quantile({q}, sum by (le) ({BUCKETS}))"),
                None,
            )
            .await
            .expect("quantile");
        let got = answer.first().map(|s| s.value()).unwrap_or(f64::NAN);
        let expected = bucket_quantile(q, &bounds);
        assert!(
            (got - expected).abs() <= 1e-9 * expected.abs().max(1.0),
            "histogram_quantile({q}): {got}, expected {expected}"
        );
    }
}

/// What one node counted, as the assertions read it.
struct Tally {
    name: &'static str,
    counted: u64,
    counted_this_life: u64,
    observed_this_life: Vec<f64>,
}

impl Tally {
    fn of(node: &Node) -> Self {
        Tally {
            name: node.name,
            counted: node.counted,
            counted_this_life: node.counted_this_life,
            observed_this_life: node.observed_this_life.clone(),
        }
    }
}

/// Ticks every node until the process ends, while `counting` is on.
async fn run_workload(fleet: Fleet, counting: Arc<Mutex<bool>>) {
    let mut interval = tokio::time::interval(TICK);
    loop {
        interval.tick().await;
        if !*counting.lock().expect("counting") {
            continue;
        }
        for (i, node) in fleet.lock().expect("fleet").iter_mut().enumerate() {
            node.tick(i);
        }
    }
}

fn pause(counting: &Mutex<bool>) {
    *counting.lock().expect("counting") = false;
}

fn resume(counting: &Mutex<bool>) {
    *counting.lock().expect("counting") = true;
}

/// What each node has counted so far, over all its lives.
fn counted(fleet: &Fleet) -> Vec<u64> {
    fleet
        .lock()
        .expect("fleet")
        .iter()
        .map(|n| n.counted)
        .collect()
}

/// Ends the node's life (its exporter and metrics go) and starts a new one on
/// the same address.
async fn restart(fleet: &Fleet, index: usize) {
    let (name, address, exporter) = {
        let mut fleet = fleet.lock().expect("fleet");
        let node = &mut fleet[index];
        (node.name, node.address, node.exporter.take())
    };
    if let Some(exporter) = exporter {
        exporter.shutdown().await;
    }
    let (metrics, exporter) = Node::start(name, address).await;
    let mut fleet = fleet.lock().expect("fleet");
    let node = &mut fleet[index];
    node.metrics = metrics;
    node.exporter = Some(exporter);
    node.counted_this_life = 0;
    node.observed_this_life.clear();
}

/// Waits until the central server's latest sample of every node is what the
/// node's current life has counted.
async fn await_central_has_counted(central: &Prometheus, fleet: &Fleet) {
    let expected: BTreeMap<String, f64> = fleet
        .lock()
        .expect("fleet")
        .iter()
        .map(|n| (n.name.to_owned(), n.counted_this_life as f64))
        .collect();
    wait_until(
        Duration::from_secs(120),
        "the central server to hold every node's latest count",
        || async {
            let series = central.query(SUCCESS, None).await?;
            let seen: BTreeMap<String, f64> = series
                .iter()
                .map(|s| (s.label("node").to_owned(), s.value()))
                .collect();
            if seen == expected {
                Ok(())
            } else {
                Err(format!("seen {seen:?}, expected {expected:?}"))
            }
        },
    )
    .await;
}

/// An instant query's answer as `label value → sample value`.
async fn by_label(central: &Prometheus, expr: &str, label: &str) -> BTreeMap<String, f64> {
    central
        .query(expr, None)
        .await
        .unwrap_or_else(|e| panic!("{expr}: {e}"))
        .iter()
        .map(|s| (s.label(label).to_owned(), s.value()))
        .collect()
}

/// The total a counter's samples add up to across resets: the first value,
/// then every rise, and after a reset the whole new value.
fn reset_adjusted_total(samples: &[(f64, f64)]) -> f64 {
    let first = samples.first().map_or(0.0, |s| s.1);
    first
        + samples
            .windows(2)
            .map(|pair| {
                let (previous, value) = (pair[0].1, pair[1].1);
                if value >= previous {
                    value - previous
                } else {
                    value
                }
            })
            .sum::<f64>()
}

/// `histogram_quantile` as Prometheus computes it over cumulative buckets
/// `(upper bound, count)` sorted by bound, `+Inf` last: linear interpolation
/// inside the bucket holding the rank, the lowest bucket starting at 0.
fn bucket_quantile(q: f64, buckets: &[(f64, f64)]) -> f64 {
    let total = buckets.last().expect("+Inf bucket").1;
    let rank = q * total;
    let index = buckets
        .iter()
        .position(|(_, count)| *count >= rank)
        .expect("rank within the buckets");
    if index == buckets.len() - 1 {
        return buckets[buckets.len() - 2].0;
    }
    let (upper, count) = buckets[index];
    let (lower, below) = if index == 0 {
        (0.0, 0.0)
    } else {
        buckets[index - 1]
    };
    lower + (upper - lower) * (rank - below) / (count - below)
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs_f64()
}

/// The fleet's deploy files pass promtool once the files they name exist:
/// the test puts a token, a password and a self-signed certificate where
/// `/etc/prometheus/` stands.
#[test]
fn fleet_deploy_files_pass_promtool_with_their_files_in_place() {
    let deploy = workspace_root().join("deploy");
    let secrets = TempDir::new("fleet-deploy");
    let dir = secrets.path();
    for file in ["x0tta6bl4-metrics.token", "central-remote-write.password"] {
        std::fs::write(dir.join(file), "not-a-real-secret\n").expect("write a secret file");
    }
    let openssl = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=prometheus.central.example",
            "-keyout",
        ])
        .arg(dir.join("central.key"))
        .arg("-out")
        .arg(dir.join("central.crt"))
        .output()
        .expect("run openssl (Debian package `openssl`)");
    assert!(
        openssl.status.success(),
        "{}",
        String::from_utf8_lossy(&openssl.stderr)
    );
    std::fs::copy(dir.join("central.crt"), dir.join("central-ca.pem")).expect("CA file");

    let prefix = format!("{}/", dir.display());
    for (file, check) in [
        ("agent.yml", &["check", "config", "--agent"][..]),
        ("central.yml", &["check", "config"][..]),
        ("central.web.yml", &["check", "web-config"][..]),
    ] {
        let text = std::fs::read_to_string(deploy.join("prometheus").join(file))
            .expect("read a deploy file")
            .replace("/etc/prometheus/", &prefix)
            // Rule files are named relative to the config's own folder.
            .replace(
                "  - rules/",
                &format!("  - {}/prometheus/rules/", deploy.display()),
            )
            .replace("  - ../rules/", &format!("  - {}/rules/", deploy.display()));
        let copy = dir.join(file);
        std::fs::write(&copy, text).expect("write the copy");
        let output = std::process::Command::new("promtool")
            .args(check)
            .arg(&copy)
            .output()
            .expect("run promtool");
        assert!(
            output.status.success(),
            "promtool {} {file}: {}{}",
            check.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
