//! A live scrape of the demo workload: it carries every family of the
//! catalogue, `promtool check metrics` finds nothing but the spec's waived
//! names, and a second parser (Python's prometheus_client) reads awkward
//! label values back exactly. The deploy files pass `promtool check`, and the
//! ServiceMonitor selects the Service's port.

use std::collections::BTreeSet;

use serde_json::Value;
use x0tta_metrics::{demo::Workload, exporter::Exporter, Metrics};
use x0tta_metrics_tests::e2e::{
    http::get,
    process::{available, run_with_stdin},
    workspace_root,
};

async fn live_scrape(metrics: &Metrics) -> String {
    // The generated encoder, as the demo serves it: promtool and the second
    // parser read its text.
    let running = Exporter::new(metrics.clone())
        .address("127.0.0.1:0".parse().unwrap())
        .bind()
        .await
        .expect("bind");
    let response = get(running.local_addr(), "/metrics").await.expect("scrape");
    running.shutdown().await;
    assert_eq!(response.status, 200);
    response.text()
}

fn spec() -> x0tta_metrics_codegen::model::Spec {
    x0tta_metrics_codegen::check_file(&workspace_root().join("metrics-spec.yaml"))
        .expect("valid catalogue")
}

#[tokio::test]
async fn a_demo_scrape_has_every_family_and_passes_promtool() {
    let mut workload = Workload::new(Metrics::new().expect("fresh registry"));
    workload.step();
    let text = live_scrape(workload.metrics()).await;

    let scraped: BTreeSet<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE ")?.split(' ').next())
        .collect();
    let spec = spec();
    let declared: BTreeSet<&str> = spec
        .metrics()
        .map(|(_, m)| m.exported.as_str())
        // The counter of updates past a series budget is exported beside them.
        .chain([x0tta_metrics_codegen::OVERFLOW_METRIC])
        .collect();
    let missing: Vec<_> = declared.difference(&scraped).collect();
    let unknown: Vec<_> = scraped.difference(&declared).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "missing from the scrape: {missing:?}; not in the spec: {unknown:?}"
    );

    assert!(
        available("promtool"),
        "promtool (Debian package `prometheus`) must be installed"
    );
    let (code, stdout, stderr) = run_with_stdin("promtool", &["check", "metrics"], text.as_bytes());
    // 0: clean; 3: lint findings only (1 would be a parse error).
    assert!(
        code == 0 || code == 3,
        "promtool failed ({code}): {stdout}{stderr}"
    );
    let waived: BTreeSet<&str> = spec
        .metrics()
        .filter(|(_, m)| !m.waivers.is_empty())
        .map(|(_, m)| m.exported.as_str())
        .collect();
    for finding in stdout
        .lines()
        .chain(stderr.lines())
        .filter(|l| !l.trim().is_empty())
    {
        let metric = finding.split_whitespace().next().unwrap_or_default();
        assert!(
            waived.contains(metric),
            "promtool finding on a metric without a waiver: {finding}"
        );
    }
}

/// Prints `[name, labels, value]` for every sample it parses from stdin.
const PYTHON_PARSER: &str = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        out.append([s.name, s.labels, s.value])
json.dump(out, sys.stdout)
"#;

/// Debian's python3-prometheus-client lives with the system interpreter.
fn python() -> String {
    std::env::var("X0TTA_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".to_owned())
}

#[tokio::test]
async fn awkward_label_values_survive_a_second_parser() {
    let values = [
        "quote \"q\"",
        "back\\slash",
        "line\nbreak",
        "узел-7 ✓ 🚀",
        "all \\\"\n of them\\n",
        "",
    ];
    let metrics = Metrics::new().expect("fresh registry");
    for (i, node) in values.iter().enumerate() {
        metrics
            .graphsage
            .graphsage_anomaly_score(node)
            .set(i as f64 / 8.0);
        metrics.fl.fl_local_updates_total(node).inc_by(i as u64 + 1);
    }
    let text = live_scrape(&metrics).await;
    let (code, stdout, stderr) = run_with_stdin(&python(), &["-c", PYTHON_PARSER], text.as_bytes());
    assert_eq!(
        code, 0,
        "python prometheus_client (Debian python3-prometheus-client) failed: {stderr}"
    );
    let samples: Vec<Value> = serde_json::from_str(&stdout).expect("parser output");
    let parsed = |name: &str, label: &str| -> Vec<(String, f64)> {
        let mut found: Vec<(String, f64)> = samples
            .iter()
            .filter(|s| s[0] == name)
            .map(|s| {
                (
                    s[1][label].as_str().unwrap_or_default().to_owned(),
                    s[2].as_f64().expect("value"),
                )
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
    };
    let mut expected_scores: Vec<(String, f64)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (v.to_string(), i as f64 / 8.0))
        .collect();
    expected_scores.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        parsed("x0tta6bl4_graphsage_anomaly_score", "node_id"),
        expected_scores
    );
    let mut expected_updates: Vec<(String, f64)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (v.to_string(), (i + 1) as f64))
        .collect();
    expected_updates.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        parsed("x0tta6bl4_fl_local_updates_total", "node_id"),
        expected_updates
    );
}

#[test]
fn deploy_files_pass_promtool_and_agree_with_each_other() {
    let deploy = workspace_root().join("deploy");
    for (what, file) in [
        ("config", "prometheus/prometheus.yml"),
        ("rules", "prometheus/rules/x0tta6bl4.rules.yml"),
    ] {
        let path = deploy.join(file);
        let (code, stdout, stderr) = run_with_stdin(
            "promtool",
            &["check", what, path.to_str().expect("path")],
            b"",
        );
        assert_eq!(code, 0, "promtool check {what} {file}: {stdout}{stderr}");
    }
    let config = read_yaml(&deploy.join("prometheus/prometheus.yml"));
    assert_eq!(
        config["scrape_configs"][0]["scrape_interval"], "30s",
        "the seed's interval"
    );

    let service = read_yaml(&deploy.join("kubernetes/service.yaml"));
    let monitor = read_yaml(&deploy.join("kubernetes/servicemonitor.yaml"));
    assert_eq!(
        (service["kind"].as_str(), monitor["kind"].as_str()),
        (Some("Service"), Some("ServiceMonitor"))
    );
    let service_labels = service["metadata"]["labels"]
        .as_object()
        .expect("service labels");
    for (name, value) in monitor["spec"]["selector"]["matchLabels"]
        .as_object()
        .expect("matchLabels")
    {
        assert_eq!(
            service_labels.get(name),
            Some(value),
            "ServiceMonitor selects label {name}"
        );
    }
    let endpoint = &monitor["spec"]["endpoints"][0];
    let port = &service["spec"]["ports"][0];
    assert_eq!(
        endpoint["port"], port["name"],
        "ServiceMonitor names the Service's port"
    );
    assert_eq!(port["port"], 9464);
    assert_eq!(
        (endpoint["path"].as_str(), endpoint["interval"].as_str()),
        (Some("/metrics"), Some("30s"))
    );
    let namespaces = monitor["spec"]["namespaceSelector"]["matchNames"]
        .as_array()
        .expect("namespaces");
    assert!(namespaces.contains(&service["metadata"]["namespace"]));
}

fn read_yaml(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
