//! The fleet configs in `deploy/prometheus/`: a node's Prometheus agent
//! remote-writing to a central Prometheus, and the central server's TLS.
//! promtool checks each (the web config with real certificates put where
//! it expects them), and the agent and central agree on the node label and
//! the write endpoint.

use std::path::Path;

use serde_json::Value;
use x0tta_metrics_tests::e2e::{
    certificates::make_certificates, process::run_with_stdin, process::TempDir, workspace_root,
};

fn deploy(file: &str) -> std::path::PathBuf {
    workspace_root().join("deploy/prometheus").join(file)
}

fn promtool(args: &[&str]) {
    let (code, stdout, stderr) = run_with_stdin("promtool", args, b"");
    assert_eq!(code, 0, "promtool {args:?}: {stdout}{stderr}");
}

fn read_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn agent_and_central_configs_pass_promtool_and_agree() {
    for file in ["agent.yml", "central.yml"] {
        // --syntax-only: the credential and CA files live on the real hosts.
        promtool(&[
            "check",
            "config",
            "--syntax-only",
            deploy(file).to_str().expect("path"),
        ]);
    }
    let agent = read_yaml(&deploy("agent.yml"));
    let central = read_yaml(&deploy("central.yml"));
    assert!(
        agent.get("rule_files").is_none() && agent.get("alerting").is_none(),
        "agent mode evaluates no rules"
    );
    assert!(
        agent["global"]["external_labels"]["node"].is_string(),
        "each agent names its node"
    );
    let write_url = agent["remote_write"][0]["url"].as_str().expect("url");
    assert!(write_url.ends_with("/api/v1/write"), "{write_url}");
    // Directly scraped nodes get the same `node` label as the agents send.
    let relabel = &central["scrape_configs"][0]["relabel_configs"][0];
    assert_eq!(relabel["target_label"], "node");
    for file in central["rule_files"].as_array().expect("rule files") {
        let path = deploy(file.as_str().expect("path"));
        assert!(path.exists(), "{} missing", path.display());
    }
}

#[test]
fn central_web_config_passes_promtool_with_real_certificates() {
    let dir = TempDir::new("central-web");
    make_certificates(dir.path());
    let text = std::fs::read_to_string(deploy("central-web.yml")).expect("read web config");
    let at = |name: &str| dir.path().join(name).display().to_string();
    let local = text
        .replace("/etc/prometheus/central.crt", &at("server.crt"))
        .replace("/etc/prometheus/central.key", &at("server.key"))
        .replace("/etc/prometheus/fleet-ca.crt", &at("ca.crt"));
    assert!(
        !local.contains("/etc/prometheus"),
        "unmapped path:\n{local}"
    );
    let path = dir.path().join("central-web.yml");
    std::fs::write(&path, local).expect("write web config");
    promtool(&["check", "web-config", path.to_str().expect("path")]);
}
