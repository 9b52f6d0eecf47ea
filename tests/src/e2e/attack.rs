//! Hostile clients against a release build of the demo exporter: the demo
//! process and its memory and descriptors, clients that pipeline requests
//! and never read, clients that connect and say nothing, and the probe
//! scrapes that must keep succeeding meanwhile.
//!
//! Every loop here ends at a deadline; every socket is on loopback.

use std::{
    future::Future,
    net::SocketAddr,
    path::PathBuf,
    process::Command,
    sync::{Arc, OnceLock},
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    task::JoinSet,
};

use super::{
    http::get,
    process::{free_port, ChildGuard, TempDir},
    wait_until, workspace_root,
};

/// Builds the demo with `--release` once per test binary and returns its
/// path. It goes to its own target directory (`target/e2e-release`): the
/// `cargo test` that runs this holds the lock on the main one. The first
/// build compiles hyper, tokio and the catalogue in release mode (minutes
/// on two busy cores); later runs reuse it.
pub fn release_demo() -> PathBuf {
    static DEMO: OnceLock<PathBuf> = OnceLock::new();
    DEMO.get_or_init(|| {
        let target = workspace_root().join("target").join("e2e-release");
        let status = Command::new(env!("CARGO"))
            .current_dir(workspace_root())
            .args([
                "build",
                "--release",
                "--quiet",
                "-p",
                "x0tta-metrics",
                "--example",
                "demo",
                "--features",
                "exporter",
                "--target-dir",
            ])
            .arg(&target)
            .status()
            .expect("run cargo");
        assert!(status.success(), "release build of the demo failed");
        target.join("release").join("examples").join("demo")
    })
    .clone()
}

/// The release demo, running on a free loopback port.
#[derive(Debug)]
pub struct Demo {
    /// Where it serves.
    pub address: SocketAddr,
    child: ChildGuard,
    log: PathBuf,
    _dir: TempDir,
}

impl Demo {
    /// Starts the demo and waits until it answers a scrape.
    pub async fn start() -> Self {
        let dir = TempDir::new("attack-demo");
        let address: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().expect("addr");
        let mut command = Command::new(release_demo());
        command.args(["--addr", &address.to_string(), "--interval-ms", "100"]);
        let log = dir.path().join("demo.log");
        let child = ChildGuard::spawn(command, &log).expect("start demo");
        let mut demo = Demo {
            address,
            child,
            log,
            _dir: dir,
        };
        wait_until(Duration::from_secs(20), "the demo to serve", || async {
            match get(address, "/metrics").await {
                Ok(r) if r.status == 200 => Ok(()),
                other => Err(format!("{other:?}")),
            }
        })
        .await;
        demo.assert_running();
        demo
    }

    /// Panics with the log's tail if the demo died.
    pub fn assert_running(&mut self) {
        self.child.assert_running(&self.log);
    }

    /// Resident memory in KiB (`VmRSS` of `/proc/<pid>/status`).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("read /proc/<pid>/status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS line")
    }

    /// Open file descriptors (entries of `/proc/<pid>/fd`).
    pub fn open_fds(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.child.id()))
            .expect("read /proc/<pid>/fd")
            .count()
    }
}

/// Held by each test that saturates the machine (attacks, sustained load),
/// so that the tests of one binary do not measure each other.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// What a group of attacking clients did.
#[derive(Debug, Default)]
pub struct AttackReport {
    /// Connections opened (first ones and reconnects).
    pub connections: u64,
    /// Requests written (pipelining attack only).
    pub requests: u64,
}

const PIPELINED: &[u8] = b"GET /metrics HTTP/1.1\r\nHost: attacker\r\n\r\n";

/// `clients` tasks that each connect, hand the connection to `behave`
/// until it returns (the server closed it, or `until`), and reconnect after
/// 10 ms, until `until`. `behave` returns how many requests it wrote.
fn reconnecting<F, Fut>(
    address: SocketAddr,
    clients: usize,
    until: Instant,
    behave: F,
) -> JoinSet<AttackReport>
where
    F: Fn(TcpStream) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = u64> + Send,
{
    let mut set = JoinSet::new();
    for _ in 0..clients {
        let behave = behave.clone();
        set.spawn(async move {
            let mut report = AttackReport::default();
            while Instant::now() < until {
                if let Ok(stream) = TcpStream::connect(address).await {
                    report.connections += 1;
                    report.requests += behave(stream).await;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            report
        });
    }
    set
}

/// `clients` connections, each writing requests back to back without ever
/// reading a response, reconnecting when the server closes it, until `until`.
pub fn pipelining_attackers(
    address: SocketAddr,
    clients: usize,
    until: Instant,
) -> JoinSet<AttackReport> {
    let burst: Arc<[u8]> = PIPELINED.repeat(32).into();
    reconnecting(address, clients, until, move |mut stream| {
        let burst = Arc::clone(&burst);
        async move {
            let mut requests = 0;
            while Instant::now() < until {
                // A full send buffer blocks the write: wait a little, then
                // try again, never reading.
                match tokio::time::timeout(Duration::from_millis(200), stream.write_all(&burst))
                    .await
                {
                    Ok(Ok(())) => requests += 32,
                    Ok(Err(_)) => break, // closed by the server
                    Err(_) => {}
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            requests
        }
    })
}

/// `clients` connections that send nothing and reconnect when the server
/// closes them, until `until`.
pub fn idle_attackers(
    address: SocketAddr,
    clients: usize,
    until: Instant,
) -> JoinSet<AttackReport> {
    reconnecting(address, clients, until, move |mut stream| async move {
        let mut byte = [0u8; 1];
        let left = until.saturating_duration_since(Instant::now());
        // Returns when the server closes (EOF or reset) or at the end.
        let _ = tokio::time::timeout(left, stream.read(&mut byte)).await;
        0
    })
}

/// Sums what the attackers report once they all stop.
pub async fn finish(mut attackers: JoinSet<AttackReport>) -> AttackReport {
    let mut total = AttackReport::default();
    while let Some(report) = attackers.join_next().await {
        let report = report.expect("attacker task");
        total.connections += report.connections;
        total.requests += report.requests;
    }
    total
}

/// What the probe scrapes saw during an attack.
#[derive(Debug, Default)]
pub struct Probes {
    /// Latency of every scrape that succeeded in time.
    pub latencies: Vec<Duration>,
    /// Every scrape that failed or took longer than the limit, and why.
    pub failures: Vec<String>,
}

/// Scrapes `address` on a new connection every 500 ms until `until`, each
/// allowed `limit`.
pub async fn probe_scrapes(address: SocketAddr, limit: Duration, until: Instant) -> Probes {
    let mut probes = Probes::default();
    while Instant::now() < until {
        let sent = Instant::now();
        match tokio::time::timeout(limit, get(address, "/metrics")).await {
            Ok(Ok(response)) if response.status == 200 => probes.latencies.push(sent.elapsed()),
            Ok(Ok(response)) => probes.failures.push(format!("status {}", response.status)),
            Ok(Err(e)) => probes
                .failures
                .push(format!("{e} after {:.2?}", sent.elapsed())),
            Err(_) => probes.failures.push(format!("no answer within {limit:?}")),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    probes
}

/// Samples the demo's RSS every 250 ms until `until`; returns the peak (KiB).
pub async fn peak_rss(demo: &Demo, until: Instant) -> u64 {
    let mut peak = demo.rss_kib();
    while Instant::now() < until {
        peak = peak.max(demo.rss_kib());
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    peak
}
