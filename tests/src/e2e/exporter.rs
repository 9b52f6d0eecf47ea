//! Starting the exporter in-process for the HTTP-level tests.

use x0tta_metrics::{
    exporter::{Exporter, RunningExporter},
    Metrics,
};

/// Binds `exporter` on a free loopback port.
pub async fn start(exporter: Exporter) -> RunningExporter {
    exporter
        .address("127.0.0.1:0".parse().expect("loopback address"))
        .bind()
        .await
        .expect("bind loopback")
}

/// A fresh catalogue with one gauge set to 1234, to find in scrapes.
pub fn catalogue() -> Metrics {
    let metrics = Metrics::new().expect("fresh registry");
    metrics.mapek.mapek_knowledge_base_size_entries().set(1234);
    metrics
}

/// The catalogue with 20,000 extra series, so that one response is far
/// larger than the socket buffers and takes many TCP writes.
pub fn large_catalogue() -> Metrics {
    let metrics = catalogue();
    for i in 0..20_000 {
        metrics
            .graphsage
            .graphsage_anomaly_score(&format!("bulk-node-{i:05}"))
            .set(0.5);
    }
    metrics
}
