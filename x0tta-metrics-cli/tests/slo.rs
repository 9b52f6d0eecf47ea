//! The objectives' rules, run by the real `promtool test rules`: every
//! burn-rate condition fires on a burn just above its rate and stays quiet
//! just below it, and the budget left counts down as events fail.
//!
//! The input series are derived from each objective (its target, window and
//! how it counts events) and the Google SRE workbook's table written out
//! here, not from the generator: a wrong factor, window or selector in the
//! generated rules fails these tests.

mod common;

use std::path::Path;

use common::{catalogue, promtool, root, run, Scratch};
use serde_json::{json, Value};
use x0tta_metrics_codegen::model::{Indicator, LabelValues, Objective, Spec};

/// The workbook's conditions: severity, long window and short window in
/// minutes, and the share of a 30-day budget spent in the long window.
const WORKBOOK: [(&str, u32, u32, f64); 4] = [
    ("Page", 60, 5, 0.02),
    ("Page", 360, 30, 0.05),
    ("Ticket", 1440, 120, 0.10),
    ("Ticket", 4320, 360, 0.10),
];

/// Events per input interval: large enough that ratios are exact to 0.1%.
const EVENTS: f64 = 1000.0;

/// The burn rate at which a condition fires over a window of `days`.
fn factor(days: u32, long_minutes: u32, spent: f64) -> f64 {
    spent * f64::from(days * 1440) / f64::from(long_minutes)
}

#[test]
fn the_workbook_factors_over_30_days() {
    let factors: Vec<f64> = WORKBOOK
        .iter()
        .map(|&(_, long, _, spent)| (factor(30, long, spent) * 1000.0).round() / 1000.0)
        .collect();
    assert_eq!(factors, [14.4, 6.0, 3.0, 1.0]);
}

/// Labels of one input series, as `{a="x",b="y"}`.
fn labels(pairs: &[(String, String)]) -> String {
    let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
    format!("{{{}}}", inner.join(","))
}

/// The first accepted value of each matcher.
fn chosen(matchers: &[x0tta_metrics_codegen::model::Matcher]) -> Vec<(String, String)> {
    matchers
        .iter()
        .map(|m| (m.label.clone(), m.values[0].clone()))
        .collect()
}

/// A value of `label` on the metric exported as `metric` that is none of
/// `taken`, if its set has one.
fn other_value(spec: &Spec, metric: &str, label: &str, taken: &[String]) -> Option<String> {
    let (_, m) = spec
        .metrics()
        .find(|(_, m)| m.exported == metric)
        .expect("metric of the spec");
    let label = m.labels.iter().find(|l| l.name == label).expect("label");
    match label.values {
        LabelValues::Enum(i) => spec.enums[i]
            .values
            .iter()
            .map(|v| v.value.clone())
            .find(|v| !taken.contains(v)),
        LabelValues::Free => Some(format!("not-{}", taken[0])),
    }
}

/// `matched` with one matcher's value swapped for one it does not accept:
/// the labels of a series the selector must leave out, if there is one.
fn unmatched(
    spec: &Spec,
    metric: &str,
    matchers: &[x0tta_metrics_codegen::model::Matcher],
) -> Option<Vec<(String, String)>> {
    matchers.iter().enumerate().find_map(|(i, m)| {
        let other = other_value(spec, metric, &m.label, &m.values)?;
        let mut labels = chosen(matchers);
        labels[i].1 = other;
        Some(labels)
    })
}

/// Input series where, per interval, `EVENTS` events happen and a share
/// `healthy_bad` of them is bad for `healthy` intervals, then `burn_bad`
/// for `burn` intervals. Where the objective narrows its metrics with
/// matchers, series outside them carry as many events again, all good: a
/// good selector that ignored a matcher would make the error ratio
/// negative (no alert fires), a total selector that did would about halve
/// the good ratio (every alert fires).
fn inputs(
    spec: &Spec,
    o: &Objective,
    (healthy, healthy_bad): (u32, f64),
    (burn, burn_bad): (u32, f64),
) -> Vec<Value> {
    // Cumulative counts at each interval, written out in full: exact, and
    // independent of promtool's expanding notation.
    let counts = |share_of: &dyn Fn(f64) -> f64| -> String {
        let mut total = 0.0;
        let mut out = vec!["0".to_string()];
        for i in 0..healthy + burn {
            let bad = if i < healthy { healthy_bad } else { burn_bad };
            total += share_of(bad) * EVENTS;
            out.push(format!("{total}"));
        }
        out.join(" ")
    };
    let good = counts(&|bad| 1.0 - bad);
    let bad = counts(&|bad| bad);
    let all = counts(&|_| 1.0);
    let series = |name: &str, pairs: &[(String, String)], values: &str| json!({"series": format!("{name}{}", labels(pairs)), "values": values});
    match &o.indicator {
        Indicator::Availability { good: g, total } if g.metric == total.metric => {
            // One counter; the labels in `good` but not in `total` are success.
            let narrowed = chosen(&total.matchers);
            let success: Vec<_> = g
                .matchers
                .iter()
                .filter(|m| !total.matchers.contains(m))
                .collect();
            let mut good_labels = narrowed.clone();
            let mut bad_labels = narrowed;
            for m in success {
                good_labels.push((m.label.clone(), m.values[0].clone()));
                let other = other_value(spec, &g.metric, &m.label, &m.values)
                    .expect("a value that is not success");
                bad_labels.push((m.label.clone(), other));
            }
            let mut out = vec![
                series(&g.metric, &good_labels, &good),
                series(&g.metric, &bad_labels, &bad),
            ];
            if let Some(mut outside) = unmatched(spec, &total.metric, &total.matchers) {
                outside.extend(good_labels.into_iter().skip(total.matchers.len()));
                out.push(series(&total.metric, &outside, &all));
            }
            out
        }
        Indicator::Availability { good: g, total } => {
            let mut out = vec![
                series(&g.metric, &chosen(&g.matchers), &good),
                series(&total.metric, &chosen(&total.matchers), &all),
            ];
            if let Some(outside) = unmatched(spec, &total.metric, &total.matchers) {
                out.push(series(&g.metric, &outside, &all));
                out.push(series(&total.metric, &outside, &all));
            }
            out
        }
        Indicator::Latency {
            histogram,
            threshold,
            matchers,
        } => {
            let mut bucket = chosen(matchers);
            bucket.push(("le".into(), format!("{threshold}")));
            let mut out = vec![
                series(&format!("{histogram}_bucket"), &bucket, &good),
                series(&format!("{histogram}_count"), &chosen(matchers), &all),
            ];
            if let Some(outside) = unmatched(spec, histogram, matchers) {
                let mut outside_bucket = outside.clone();
                outside_bucket.push(("le".into(), format!("{threshold}")));
                out.push(series(
                    &format!("{histogram}_bucket"),
                    &outside_bucket,
                    &all,
                ));
                out.push(series(&format!("{histogram}_count"), &outside, &all));
            }
            out
        }
    }
}

/// The group of `o` in the rule file at `rules`, alone in a file of its own
/// (so promtool evaluates only it), and its alerts' annotations by name.
fn objective_rules(rules: &Path, prefix: &str, o: &Objective, dir: &Scratch) -> (String, Value) {
    let text = std::fs::read_to_string(rules).expect("rules file");
    let file: Value = serde_saphyr::from_str(&text).expect("YAML rules");
    let name = format!("{prefix}_slo_{}", o.name);
    let group = file["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["name"] == name.as_str())
        .unwrap_or_else(|| panic!("no group {name} in {}", rules.display()))
        .clone();
    let annotations: serde_json::Map<String, Value> = group["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| Some((r["alert"].as_str()?.to_string(), r["annotations"].clone())))
        .collect();
    let path = dir.file(
        &format!("{}.rules.yml", o.name),
        &json!({ "groups": [group] }).to_string(),
    );
    (
        path.file_name().unwrap().to_string_lossy().into_owned(),
        Value::Object(annotations),
    )
}

/// For each condition, a burn at 1.1 and at 0.9 times its rate over its
/// long window. Slower conditions of the alert see the burn diluted over
/// their longer window (a healthy stretch comes first), so when the alert
/// fires it is this condition that fired, and when it stays quiet no
/// other condition hides a failure of this one.
fn burn_tests(spec: &Spec, o: &Objective, annotations: &Value) -> Vec<Value> {
    let budget = 1.0 - o.target;
    let mut tests = Vec::new();
    for &(severity, long, short, spent) in &WORKBOOK {
        let rate = factor(o.window.days, long, spent);
        // Input resolution: fine enough for the short window's rate.
        let step = if short >= 60 { 10 } else { 1 };
        let healthy = WORKBOOK
            .iter()
            .filter(|w| w.0 == severity && w.1 > long)
            .map(|w| w.1)
            .max()
            .unwrap_or(0);
        let alert = format!("{}BudgetBurn{severity}", o.alert_prefix);
        let level = if severity == "Page" {
            "critical"
        } else {
            "warning"
        };
        for (k, fires) in [(1.1, true), (0.9, false)] {
            let bad = k * rate * budget;
            assert!(bad < 1.0, "{}: burn {bad} is not a ratio", o.name);
            let exp_alerts = if fires {
                json!([{
                    "exp_labels": {"severity": level, "slo": o.name},
                    "exp_annotations": annotations[&alert],
                }])
            } else {
                json!([])
            };
            tests.push(json!({
                "name": format!("{alert}: {k} x {rate} x budget over {long}m"),
                "interval": format!("{step}m"),
                "input_series": inputs(spec, o, (healthy / step, 0.0), (long / step, bad)),
                "alert_rule_test": [{
                    "eval_time": format!("{}m", healthy + long),
                    "alertname": alert,
                    "exp_alerts": exp_alerts,
                }],
            }));
        }
    }
    tests
}

/// The budget left after a day of bad events at a steady share: half the
/// budget's rate leaves half of it (the window holds only that day).
fn budget_test(spec: &Spec, o: &Objective) -> Value {
    let bad = 0.5 * (1.0 - o.target);
    json!({
        "name": format!("{}: budget remaining", o.name),
        "interval": "10m",
        "input_series": inputs(spec, o, (0, 0.0), (144, bad)),
        "promql_expr_test": [{
            "expr": format!("round(slo:period_error_budget_remaining:ratio{{slo=\"{}\"}}, 0.001)", o.name),
            "eval_time": "1d",
            "exp_samples": [{"labels": format!("{{slo=\"{}\"}}", o.name), "value": 0.5}],
        }],
    })
}

/// Writes and runs the promtool unit tests of every objective of `spec`,
/// against the rules in `rules`. Tests are run in one file per input
/// interval, evaluated at that interval: evaluating every minute over the
/// days the ticket tests span would take minutes.
fn promtool_tests(spec: &Spec, rules: &Path) {
    assert!(!spec.objectives.is_empty());
    let prefix = spec.namespace.as_deref().unwrap_or("metrics");
    let dir = Scratch::new();
    for o in &spec.objectives {
        let (rule_file, annotations) = objective_rules(rules, prefix, o, &dir);
        let mut tests = burn_tests(spec, o, &annotations);
        tests.push(budget_test(spec, o));
        for interval in ["1m", "10m"] {
            let batch: Vec<&Value> = tests.iter().filter(|t| t["interval"] == interval).collect();
            assert!(!batch.is_empty());
            let file = dir.file(
                &format!("{}-{interval}.test.yml", o.name),
                &json!({
                    "rule_files": [rule_file],
                    "evaluation_interval": interval,
                    "tests": batch,
                })
                .to_string(),
            );
            let out = promtool(&["test".as_ref(), "rules".as_ref(), file.as_os_str()]);
            assert!(
                out.contains("SUCCESS"),
                "{}: {} tests\n{out}",
                o.name,
                batch.len()
            );
        }
    }
}

#[test]
fn the_catalogue_objectives_alert_at_their_burn_rates() {
    let spec = x0tta_metrics_codegen::check_file(&catalogue()).expect("valid catalogue");
    let names: Vec<&str> = spec.objectives.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["mapek_cycle_success", "mesh_latency"]);
    promtool_tests(&spec, &root().join("deploy/rules/x0tta6bl4.rules.yml"));
}

#[test]
fn every_indicator_form_alerts_at_its_burn_rates() {
    // A success label with matchers, a good/total pair over 4 weeks, and a
    // latency bucket narrowed by a closed and a free label.
    let spec_path = root().join("x0tta-metrics-codegen/tests/corpus/good/objectives.yaml");
    let spec = x0tta_metrics_codegen::check_file(&spec_path).expect("valid spec");
    assert_eq!(spec.objectives[1].window.days, 28);
    let dir = Scratch::new();
    let rules = dir.path().join("objectives.rules.yml");
    let out = run([
        "rules".as_ref(),
        spec_path.as_os_str(),
        "-o".as_ref(),
        rules.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    promtool_tests(&spec, &rules);
}
