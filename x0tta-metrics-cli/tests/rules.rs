//! `x0tta-metrics rules`: the committed rules are current, promtool accepts
//! them, and the alerts behave as their unit tests say.

mod common;

use common::{assert_fresh, catalogue, promtool, root, run, Scratch};

const RULES: &str = "deploy/rules/x0tta6bl4.rules.yml";

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
    let out = promtool(&[
        "check".as_ref(),
        "rules".as_ref(),
        root().join(RULES).as_os_str(),
    ]);
    assert!(
        out.contains(&format!(
            "SUCCESS: {} rules found",
            recorded + alerts + budget_alert
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
    let target = dir.path().join("shop.rules.yml");
    let out = run([
        std::ffi::OsStr::new("rules"),
        spec.as_os_str(),
        "-o".as_ref(),
        target.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&target).expect("written");
    for expected in [
        "  - name: shop_cart.recording\n",
        "      - record: job:shop_cart_adds:rate5m\n        expr: \"sum by (job) (rate(shop_cart_adds_total[5m]))\"\n",
        "      - record: job:shop_checkout_duration_seconds:p95_rate5m\n        expr: \"histogram_quantile(0.95, sum by (job, le) (rate(shop_checkout_duration_seconds_bucket[5m])))\"\n",
        "  - name: shop_cart.alerts\n",
        "      - alert: TooManyCarts\n        expr: \"shop_carts_open > 1000\"\n        labels:\n          severity: info\n",
        "          summary: \"Many carts: check \\\"stuck\\\" ones.\"\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(
        !text.contains("record: job:shop_carts_open"),
        "gauges get no recording rule"
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
    let rules = dir.path().join("shop.rules.yml");
    let out = run([
        std::ffi::OsStr::new("rules"),
        spec.as_os_str(),
        "-o".as_ref(),
        rules.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
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
