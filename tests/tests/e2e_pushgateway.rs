//! The Pushgateway client against Debian's `prometheus-pushgateway` on
//! loopback: push (PUT) replaces a group, push-add (POST) adds to it, delete
//! removes it; grouping-key values with `/`, spaces, non-ASCII text or
//! nothing at all address the right group.

use std::{process::Command, time::Duration};

use x0tta_metrics::{
    exporter::{PushError, Pushgateway},
    prometheus::{Gauge, IntCounter, Registry},
};
use x0tta_metrics_tests::e2e::{
    http::get,
    process::{free_port, ChildGuard, TempDir},
    wait_until,
};

const JOB: &str = "fl/training run";
const GROUPING: [(&str, &str); 3] = [("instance", "node/7"), ("zone", "eu 1 ✓"), ("shard", "")];

fn registry_with_counter(value: u64) -> Registry {
    let registry = Registry::new();
    let counter = IntCounter::new(
        "x0tta6bl4_batch_records_total",
        "Records processed by the batch job.",
    )
    .unwrap();
    counter.inc_by(value);
    registry.register(Box::new(counter)).unwrap();
    registry
}

fn registry_with_gauge(value: f64) -> Registry {
    let registry = Registry::new();
    let gauge = Gauge::new(
        "x0tta6bl4_batch_last_success_seconds",
        "When the batch job last succeeded.",
    )
    .unwrap();
    gauge.set(value);
    registry.register(Box::new(gauge)).unwrap();
    registry
}

/// The sample lines of `name` in the Pushgateway's exposition.
async fn samples(gateway: std::net::SocketAddr, name: &str) -> Vec<String> {
    let text = get(gateway, "/metrics")
        .await
        .expect("scrape the Pushgateway")
        .text();
    text.lines()
        .filter(|l| l.starts_with(&format!("{name}{{")))
        .map(str::to_owned)
        .collect()
}

/// The labels the group carries on every pushed sample (the empty `shard`
/// value arrives as empty, sent as `shard@base64/=`).
const GROUP_LABELS: &str = "instance=\"node/7\",job=\"fl/training run\",shard=\"\",zone=\"eu 1 ✓\"";

#[tokio::test]
async fn push_push_add_and_delete_address_the_group() {
    let dir = TempDir::new("pushgateway");
    let port = free_port();
    let mut command = Command::new("prometheus-pushgateway");
    command
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .arg("--persistence.file=");
    let log = dir.path().join("pushgateway.log");
    let mut child =
        ChildGuard::spawn(command, &log).expect("start prometheus-pushgateway (Debian package)");
    let address: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    wait_until(
        Duration::from_secs(30),
        "the Pushgateway to listen",
        || async {
            get(address, "/-/ready")
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        },
    )
    .await;
    child.assert_running(&log);
    let gateway = Pushgateway::new(&format!("http://{address}")).expect("url");
    let records = "x0tta6bl4_batch_records_total";
    let last_success = "x0tta6bl4_batch_last_success_seconds";

    gateway
        .push(JOB, &GROUPING, &registry_with_counter(42))
        .await
        .expect("push");
    assert_eq!(
        samples(address, records).await,
        [format!("{records}{{{GROUP_LABELS}}} 42")]
    );

    gateway
        .push_add(JOB, &GROUPING, &registry_with_gauge(1.5e9))
        .await
        .expect("push_add");
    assert_eq!(
        samples(address, records).await.len(),
        1,
        "push-add kept the other family"
    );
    assert_eq!(
        samples(address, last_success).await,
        [format!("{last_success}{{{GROUP_LABELS}}} 1.5e+09")]
    );

    // Another group of the same job is separate.
    gateway
        .push(JOB, &[("instance", "node/8")], &registry_with_counter(1))
        .await
        .expect("push other group");
    assert_eq!(samples(address, records).await.len(), 2);

    gateway
        .push(JOB, &GROUPING, &registry_with_gauge(2.0))
        .await
        .expect("push replaces");
    assert_eq!(
        samples(address, records).await.len(),
        1,
        "PUT removed the group's counter"
    );
    assert!(samples(address, records).await[0].contains("instance=\"node/8\""));
    assert_eq!(
        samples(address, last_success).await,
        [format!("{last_success}{{{GROUP_LABELS}}} 2")]
    );

    // A generated `Metrics` pushes the text its exporter serves.
    let metrics = x0tta_metrics::Metrics::new().expect("catalogue");
    metrics.mapek.mapek_knowledge_base_size_entries().set(77);
    gateway
        .push("catalogue", &[("instance", "node/10")], metrics.clone())
        .await
        .expect("push Metrics");
    let entries = "x0tta6bl4_mapek_knowledge_base_size_entries";
    assert_eq!(
        samples(address, entries).await,
        [format!(
            "{entries}{{instance=\"node/10\",job=\"catalogue\"}} 77"
        )]
    );

    gateway.delete(JOB, &GROUPING).await.expect("delete");
    assert!(
        samples(address, last_success).await.is_empty(),
        "group deleted"
    );
    assert_eq!(
        samples(address, records).await.len(),
        1,
        "the other group stays"
    );

    // The gateway's own refusals come back as errors with its reason: the
    // other group has the family as a counter, this push says gauge.
    let clash = Registry::new();
    let gauge = Gauge::new(records, "Now a gauge.").unwrap();
    clash.register(Box::new(gauge)).unwrap();
    let refused = gateway
        .push(JOB, &[("instance", "node/9")], &clash)
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, PushError::Status { status: 400, body } if !body.is_empty()),
        "{refused}"
    );
}

#[tokio::test]
async fn an_unreachable_gateway_is_an_error() {
    // Port 1 is privileged and outside the ephemeral range: no test process
    // can be listening there, unlike a "free" port another test may take.
    let gateway = Pushgateway::new("http://127.0.0.1:1")
        .unwrap()
        .timeout(Duration::from_secs(5));
    let error = gateway.delete("job", &[]).await.unwrap_err();
    assert!(matches!(error, PushError::Io(_)), "{error}");
    assert!(error
        .to_string()
        .contains("connection to the Pushgateway failed"));
}
