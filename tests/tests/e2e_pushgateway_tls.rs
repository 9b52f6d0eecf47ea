//! The Pushgateway client over HTTPS against Debian's
//! `prometheus-pushgateway` serving TLS itself (`--web.config.file`), with
//! a CA and server certificate made for the test by the `openssl` CLI.
//! What the gateway holds is read back over HTTPS by Python's `ssl` (an
//! independent TLS client). Covers: a push with the CA trusted, a refused
//! handshake without it, the blocking API, periodic pushes observed by the
//! gateway, and the final push on shutdown.

use std::{net::SocketAddr, path::PathBuf, process::Command, time::Duration};

use x0tta_metrics::{
    exporter::{PushError, PushSchedule, Pushgateway},
    prometheus::{IntCounter, Registry},
};
use x0tta_metrics_tests::e2e::{
    certificates::make_certificates,
    process::{free_port, ChildGuard, TempDir},
    wait_until,
};

const COUNTER: &str = "x0tta6bl4_tls_push_records_total";

/// A Pushgateway serving HTTPS only, with the test's certificates.
struct TlsGateway {
    address: SocketAddr,
    ca: PathBuf,
    _child: ChildGuard,
    _dir: TempDir,
}

impl TlsGateway {
    async fn start() -> Self {
        let dir = TempDir::new("pushgateway-tls");
        make_certificates(dir.path());
        let web_config = dir.path().join("web.yml");
        std::fs::write(
            &web_config,
            format!(
                "tls_server_config:\n  cert_file: {}\n  key_file: {}\n",
                dir.path().join("server.crt").display(),
                dir.path().join("server.key").display()
            ),
        )
        .expect("write web config");
        let address: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let mut command = Command::new("prometheus-pushgateway");
        command
            .arg(format!("--web.listen-address={address}"))
            .arg(format!("--web.config.file={}", web_config.display()))
            .arg("--persistence.file=");
        let child = ChildGuard::spawn(command, &dir.path().join("pushgateway.log"))
            .expect("start prometheus-pushgateway (Debian package)");
        let gateway = TlsGateway {
            address,
            ca: dir.path().join("ca.crt"),
            _child: child,
            _dir: dir,
        };
        wait_until(
            Duration::from_secs(30),
            "the Pushgateway to serve HTTPS",
            || async { gateway.fetch("/-/ready").await.map(|_| ()) },
        )
        .await;
        gateway
    }

    fn url(&self) -> String {
        format!("https://{}", self.address)
    }

    /// `GET path` over HTTPS by Python's ssl module, trusting only the CA.
    async fn fetch(&self, path: &str) -> Result<String, String> {
        let (ca, url) = (self.ca.clone(), format!("{}{path}", self.url()));
        tokio::task::spawn_blocking(move || {
            let output = Command::new("/usr/bin/python3")
                .args([
                    "-c",
                    "import ssl, sys, urllib.request\n\
                     context = ssl.create_default_context(cafile=sys.argv[1])\n\
                     sys.stdout.write(urllib.request.urlopen(sys.argv[2], context=context, timeout=5).read().decode())",
                ])
                .arg(&ca)
                .arg(&url)
                .output()
                .map_err(|e| e.to_string())?;
            if output.status.success() {
                Ok(String::from_utf8_lossy(&output.stdout).into_owned())
            } else {
                Err(String::from_utf8_lossy(&output.stderr).into_owned())
            }
        })
        .await
        .expect("fetch task")
    }

    /// The value of `name{job=...,instance=...}` in the gateway's exposition.
    async fn value(&self, name: &str, job: &str) -> Option<f64> {
        let text = self.fetch("/metrics").await.ok()?;
        text.lines()
            .filter(|l| l.starts_with(&format!("{name}{{")))
            .find(|l| l.contains(&format!("job=\"{job}\"")))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
    }

    fn client(&self) -> Pushgateway {
        let ca = std::fs::read(&self.ca).expect("read ca.crt");
        Pushgateway::new(&self.url())
            .expect("https URL")
            .trust_ca_pem(&ca)
            .expect("CA accepted")
    }
}

fn counter_registry() -> (Registry, IntCounter) {
    let registry = Registry::new();
    let counter = IntCounter::new(COUNTER, "Records pushed over TLS.").expect("counter");
    registry
        .register(Box::new(counter.clone()))
        .expect("register");
    (registry, counter)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushes_over_https_reach_a_gateway_behind_tls() {
    let gateway = TlsGateway::start().await;
    let (registry, counter) = counter_registry();
    counter.inc_by(41);
    gateway
        .client()
        .push("tls_async", &[("instance", "node-1")], &registry)
        .await
        .expect("HTTPS push with the CA trusted");
    assert_eq!(gateway.value(COUNTER, "tls_async").await, Some(41.0));

    // Mozilla's roots alone do not trust the test CA: the handshake fails.
    let untrusted = Pushgateway::new(&gateway.url())
        .expect("https URL")
        .push("tls_untrusted", &[], &registry)
        .await;
    assert!(matches!(untrusted, Err(PushError::Tls(_))), "{untrusted:?}");
    assert_eq!(gateway.value(COUNTER, "tls_untrusted").await, None);

    // The blocking API from a plain thread, and refused inside a runtime.
    counter.inc();
    let client = gateway.client();
    let blocking_registry = registry.clone();
    // A thread of its own, as a batch job's main thread (tokio's blocking
    // pool counts as inside the runtime).
    std::thread::spawn(move || {
        client.push_blocking(
            "tls_blocking",
            &[("instance", "node-1")],
            &blocking_registry,
        )
    })
    .join()
    .expect("blocking push thread")
    .expect("blocking HTTPS push");
    assert_eq!(gateway.value(COUNTER, "tls_blocking").await, Some(42.0));
    assert!(gateway
        .client()
        .push_blocking("tls_blocking", &[], &registry)
        .is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn periodic_pushes_are_observed_and_shutdown_pushes_the_last_values() {
    let gateway = TlsGateway::start().await;
    let (registry, counter) = counter_registry();
    let schedule = PushSchedule::every(Duration::from_millis(500)).jitter(0.1);
    let pushing = gateway
        .client()
        .push_periodically(
            "tls_periodic",
            &[("instance", "node-2")],
            registry.clone(),
            schedule,
        )
        .expect("start the push loop");

    // Values counted between pushes arrive with the next push, and the
    // gateway's push_time_seconds moves on with every one.
    let mut last_push_time = 0.0;
    for target in [5u64, 10, 15] {
        counter.inc_by(5);
        let observed = wait_until(
            Duration::from_secs(10),
            "the next periodic push",
            || async {
                let value = gateway.value(COUNTER, "tls_periodic").await;
                let pushed_at = gateway.value("push_time_seconds", "tls_periodic").await;
                match (value, pushed_at) {
                    (Some(v), Some(t)) if v == target as f64 && t > last_push_time => Ok(t),
                    other => Err(format!("{other:?}")),
                }
            },
        )
        .await;
        last_push_time = observed;
    }
    assert!(pushing.succeeded() >= 3, "{} pushes", pushing.succeeded());
    assert_eq!(pushing.failed(), 0);
    pushing.shutdown().await.expect("final push");

    // A loop whose next push is a minute away: only the final push on
    // shutdown can deliver what was counted after the first one.
    let slow = gateway
        .client()
        .push_periodically(
            "tls_final",
            &[("instance", "node-2")],
            registry.clone(),
            PushSchedule::every(Duration::from_secs(60)),
        )
        .expect("start the slow loop");
    wait_until(Duration::from_secs(10), "the first push", || async {
        match gateway.value(COUNTER, "tls_final").await {
            Some(15.0) => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .await;
    counter.inc_by(1000);
    slow.shutdown().await.expect("final push on shutdown");
    assert_eq!(gateway.value(COUNTER, "tls_final").await, Some(1015.0));
}
