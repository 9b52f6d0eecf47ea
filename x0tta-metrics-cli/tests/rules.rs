//! `x0tta-metrics rules`: the committed rules are current, promtool accepts
//! them, and the alerts behave as their unit tests say.

mod common;

use common::{assert_fresh, catalogue, promtool, root, run, Scratch};
use serde_json::{json, Value};

const RULES: &str = "deploy/rules/x0tta6bl4.rules.yml";

/// Runs `rules spec -o shop.rules.yml` in `dir`; the path it wrote.
fn write_rules(dir: &Scratch, spec: &std::path::Path) -> std::path::PathBuf {
    let target = dir.path().join("shop.rules.yml");
    let out = run([
        std::ffi::OsStr::new("rules"),
        spec.as_os_str(),
        "-o".as_ref(),
        target.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    target
}

#[test]
fn committed_rules_are_current() {
    let out = run([std::ffi::OsStr::new("rules"), catalogue().as_os_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_fresh(
        &root().join(RULES),
        &out.stdout,
        "cargo run -p x0tta-metrics-cli -- rules metrics-spec.yaml -o deploy/rules/x0tta6bl4.rules.yml",
    );
}

#[test]
fn promtool_accepts_every_rule() {
    let spec = x0tta_metrics_codegen::check_file(&catalogue()).expect("valid catalogue");
    let recorded = spec
        .metrics()
        .filter(|(_, m)| m.kind != x0tta_metrics_codegen::model::Kind::Gauge)
        .count();
    let alerts: usize = spec.metrics().map(|(_, m)| m.alerts.len()).sum();
    assert!(alerts >= 5, "the catalogue declares alerts");
    // Plus the alert on metrics overflowing their series budget.
    let budget_alert = usize::from(spec.metrics().any(|(_, m)| m.budget.is_some()));
    // Per objective: error ratios over 7 alert windows and its own window,
    // the budget left, a page and a ticket.
    assert_eq!(spec.objectives.len(), 2, "the catalogue's objectives");
    let slo_rules = spec.objectives.len() * (7 + 1 + 1 + 2);
    let out = promtool(&[
        "check".as_ref(),
        "rules".as_ref(),
        root().join(RULES).as_os_str(),
    ]);
    assert!(
        out.contains(&format!(
            "SUCCESS: {} rules found",
            recorded + alerts + budget_alert + slo_rules
        )),
        "{out}"
    );
}

#[test]
fn the_alerts_pass_their_unit_tests() {
    let tests = root().join("deploy/rules/x0tta6bl4.rules.test.yml");
    let out = promtool(&["test".as_ref(), "rules".as_ref(), tests.as_os_str()]);
    assert!(out.contains("SUCCESS"), "{out}");
}

#[test]
fn recording_rules_follow_level_metric_operations() {
    let dir = Scratch::new();
    let spec = dir.file(
        "spec.yaml",
        "\
namespace: shop
groups:
  - name: cart
    help: Carts.
    metrics:
      - {name: cart_adds_total, type: counter, help: Adds., labels: {kind: [web, app]}}
      - {name: checkout_duration_seconds, type: histogram, help: Checkout time.}
      - name: carts_open
        type: gauge
        help: Open carts.
        alerts:
          - {name: TooManyCarts, threshold: 1000, severity: info, summary: \"Many carts: check \\\"stuck\\\" ones.\"}
",
    );
    let target = write_rules(&dir, &spec);
    let text = std::fs::read_to_string(&target).expect("written");
    assert!(text.starts_with("# Generated from spec.yaml by `x0tta-metrics rules`"));
    let file: Value = serde_saphyr::from_str(&text).expect("the rules are YAML");
    let group = |name: &str| {
        file["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["name"] == name)
            .unwrap_or_else(|| panic!("no group {name} in\n{text}"))["rules"]
            .clone()
    };
    assert_eq!(
        group("shop_cart.recording"),
        json!([
            {"record": "job:shop_cart_adds:rate5m", "expr": "sum by (job) (rate(shop_cart_adds_total[5m]))"},
            {
                "record": "job:shop_checkout_duration_seconds:p95_rate5m",
                "expr": "histogram_quantile(0.95, sum by (job, le) (rate(shop_checkout_duration_seconds_bucket[5m])))",
            },
        ]),
        "gauges get no recording rule"
    );
    assert_eq!(
        group("shop_cart.alerts"),
        json!([{
            "alert": "TooManyCarts",
            "expr": "shop_carts_open > 1000",
            "labels": {"severity": "info"},
            "annotations": {
                "summary": "Many carts: check \"stuck\" ones.",
                "description": "Open carts. (shop_carts_open)",
            },
        }])
    );
    promtool(&["check".as_ref(), "rules".as_ref(), target.as_os_str()]);
}

/// Annotations are Go templates that Prometheus executes when an alert
/// fires; spec text in them must print as written, never run. The real
/// promtool fires the alert and compares the rendered annotations.
#[test]
fn spec_text_in_annotations_renders_verbatim() {
    let dir = Scratch::new();
    let spec = dir.file(
        "spec.yaml",
        "\
namespace: shop
groups:
  - name: cart
    help: Carts.
    metrics:
      - name: carts_open
        type: gauge
        help: 'Open carts {{ $value }}.'
        alerts:
          - {name: TooManyCarts, threshold: 1, severity: info, summary: 'Ran {{ query \"up\" }} and {{ $labels.job }}'}
",
    );
    let rules = write_rules(&dir, &spec);
    let tests = dir.file(
        "shop.rules.test.yml",
        &format!(
            "\
rule_files: [{rules:?}]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'shop_carts_open{{job=\"web\"}}'
        values: '5x10'
    alert_rule_test:
      - eval_time: 5m
        alertname: TooManyCarts
        exp_alerts:
          - exp_labels: {{severity: info, job: web}}
            exp_annotations:
              summary: 'Ran {{{{ query \"up\" }}}} and {{{{ $labels.job }}}}'
              description: 'Open carts {{{{ $value }}}}. (shop_carts_open)'
"
        ),
    );
    let out = promtool(&["test".as_ref(), "rules".as_ref(), tests.as_os_str()]);
    assert!(out.contains("SUCCESS"), "{out}");
}

/// An objective's description lands in its burn-rate alerts' annotations:
/// escaped the same way, and promtool accepts the templates.
#[test]
fn objective_descriptions_are_escaped_in_annotations() {
    let dir = Scratch::new();
    let spec = dir.file(
        "spec.yaml",
        "\
namespace: shop
groups:
  - name: api
    help: The API.
    metrics:
      - {name: requests_total, type: counter, help: Requests., labels: {outcome: [ok, failed]}}
objectives:
  - name: api_availability
    description: 'Ran {{ query \"up\" }}.'
    target: 0.999
    availability: {metric: requests_total, success: {outcome: ok}}
",
    );
    let target = write_rules(&dir, &spec);
    let text = std::fs::read_to_string(&target).expect("written");
    assert!(
        text.contains(r#"Ran {{ "{{" }} query "up" }}."#) && !text.contains(r#"Ran {{ query"#),
        "the description is escaped:\n{text}"
    );
    promtool(&["check".as_ref(), "rules".as_ref(), target.as_os_str()]);
}
