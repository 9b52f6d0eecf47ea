//! `x0tta-metrics diff`: each kind of breaking and safe change, and the
//! stability gate.

mod common;

use common::{catalogue, run, Scratch};
use serde_json::Value;

/// One group `g` with `metrics` (list items indented 6), under namespace `ns`.
fn spec(metrics: &str) -> String {
    format!("namespace: ns\nenums:\n  outcome: [ok, failed]\ngroups:\n  - name: g\n    help: G.\n    metrics:\n{metrics}")
}

/// `diff` of two specs: exit code and the changes as (change, metric, breaking).
fn diff(old: &str, new: &str, extra: &[&str]) -> (i32, Vec<(String, String, bool)>, Vec<Value>) {
    let dir = Scratch::new();
    let (a, b) = (
        dir.file("old.yaml", &spec(old)),
        dir.file("new.yaml", &spec(new)),
    );
    let mut args = vec![
        std::ffi::OsString::from("diff"),
        a.into(),
        b.into(),
        "--format".into(),
        "json".into(),
    ];
    args.extend(extra.iter().map(Into::into));
    let out = run(args);
    let items: Vec<Value> = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr));
    let changes = items
        .iter()
        .map(|c| {
            (
                c["change"].as_str().expect("change").to_string(),
                c["metric"].as_str().expect("metric").to_string(),
                c["breaking"].as_bool().expect("breaking"),
            )
        })
        .collect();
    (out.code, changes, items)
}

fn change(kind: &str, metric: &str, breaking: bool) -> (String, String, bool) {
    (kind.to_string(), metric.to_string(), breaking)
}

const JOBS: &str = "      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: outcome, queue: string}}\n";
const STABLE_JOBS: &str =
    "      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: outcome, queue: string}, stability: stable}\n";
/// A metric that stays, so that a spec without the others is still valid.
const OTHER: &str = "      - {name: other_total, type: counter, help: Other.}\n";
const LATENCY: &str =
    "      - {name: job_latency_seconds, type: histogram, help: Latency., buckets: [0.1, 1]}\n";

#[test]
fn identical_specs_have_no_changes() {
    let out = run([
        std::ffi::OsStr::new("diff"),
        catalogue().as_os_str(),
        catalogue().as_os_str(),
    ]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("0 breaking changes"), "{}", out.stderr);
}

#[test]
fn each_breaking_change_is_named() {
    let cases: [(&str, &str, &str); 9] = [
        ("metric-removed", &format!("{JOBS}{LATENCY}"), JOBS),
        ("type-changed", JOBS, "      - {name: jobs_total, type: gauge, help: Jobs., labels: {outcome: outcome, queue: string}, allow: [non-counter-total-suffix], reason: test}\n"),
        ("label-added", JOBS, "      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: outcome, queue: string, node: string}}\n"),
        ("label-removed", JOBS, "      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: outcome}}\n"),
        ("label-renamed", JOBS, "      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: outcome, pool: string}}\n"),
        ("label-value-removed", JOBS, "      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: [ok], queue: string}}\n"),
        ("label-closed", JOBS, "      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: outcome, queue: [mail, sms]}}\n"),
        ("buckets-changed", LATENCY, "      - {name: job_latency_seconds, type: histogram, help: Latency., buckets: [0.1, 1, 10]}\n"),
        ("stability-lowered", STABLE_JOBS, "      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: outcome, queue: string}, stability: beta}\n"),
    ];
    for (kind, old, new) in cases {
        let (code, changes, _) = diff(old, new, &[]);
        let metric = if kind == "buckets-changed" {
            "ns_job_latency_seconds"
        } else {
            "ns_jobs_total"
        };
        let metric = if kind == "metric-removed" {
            "ns_job_latency_seconds"
        } else {
            metric
        };
        assert_eq!(changes, [change(kind, metric, true)], "{kind}");
        // Alpha (the default) is reported but does not fail the gate.
        assert_eq!(
            code,
            if kind == "stability-lowered" { 1 } else { 0 },
            "{kind}"
        );
    }
}

#[test]
fn a_unit_change_is_one_breaking_change_not_a_removal() {
    let old = "      - {name: job_latency_milliseconds, type: histogram, help: Latency., allow: [non-base-unit], reason: legacy}\n";
    let new = "      - {name: job_latency_seconds, type: histogram, help: Latency.}\n";
    let (_, changes, items) = diff(old, new, &[]);
    assert_eq!(
        changes,
        [change("unit-changed", "ns_job_latency_milliseconds", true)]
    );
    assert!(items[0]["message"]
        .as_str()
        .expect("message")
        .contains("ns_job_latency_seconds"));
}

#[test]
fn added_metrics_values_and_open_labels_are_safe() {
    let old = "      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: [ok, failed], queue: string}, stability: stable}\n      - {name: job_kinds_total, type: counter, help: Kinds., labels: {kind: [a, b]}, stability: stable}\n";
    let new = "      - {name: jobs_total, type: counter, help: Jobs run., labels: {outcome: [ok, failed, skipped], queue: string}, stability: stable}\n      - {name: job_kinds_total, type: counter, help: Kinds., labels: {kind: string}, stability: stable}\n";
    let (code, changes, _) = diff(old, &format!("{new}{LATENCY}"), &[]);
    assert_eq!(code, 0, "nothing breaking");
    assert_eq!(
        changes,
        [
            change("label-value-added", "ns_jobs_total", false),
            change("help-changed", "ns_jobs_total", false),
            change("label-opened", "ns_job_kinds_total", false),
            change("metric-added", "ns_job_latency_seconds", false),
        ]
    );
}

#[test]
fn the_gate_fails_on_stable_metrics_and_fail_on_lowers_it() {
    let removed = OTHER;
    let (jobs, stable_jobs) = (format!("{JOBS}{OTHER}"), format!("{STABLE_JOBS}{OTHER}"));
    // An alpha metric removed: reported, exit 0.
    let (code, changes, items) = diff(&jobs, removed, &[]);
    assert_eq!(
        (code, changes),
        (0, vec![change("metric-removed", "ns_jobs_total", true)])
    );
    assert_eq!(items[0]["fails"], false);
    assert_eq!(items[0]["stability"], "alpha");
    // The same with `--fail-on alpha`: exit 1.
    let (code, _, items) = diff(&jobs, removed, &["--fail-on", "alpha"]);
    assert_eq!((code, &items[0]["fails"]), (1, &Value::from(true)));
    // A stable metric removed: exit 1 by default.
    let (code, _, items) = diff(&stable_jobs, removed, &[]);
    assert_eq!((code, &items[0]["stability"]), (1, &Value::from("stable")));
    // A beta metric: fails only from `--fail-on beta` down.
    let beta = stable_jobs.replace("stable}", "beta}");
    assert_eq!(diff(&beta, removed, &[]).0, 0);
    assert_eq!(diff(&beta, removed, &["--fail-on", "beta"]).0, 1);
}

#[test]
fn a_declared_rename_is_safe_only_while_the_old_name_is_emitted() {
    let renamed = |dual: bool| {
        format!(
            "      - {{name: jobs_run_total, type: counter, help: Jobs., labels: {{outcome: outcome, queue: string}}, stability: stable, renamed_from: jobs_total, dual_emit: {dual}}}\n"
        )
    };
    let (code, changes, _) = diff(STABLE_JOBS, &renamed(true), &[]);
    assert_eq!(
        (code, changes),
        (0, vec![change("metric-renamed", "ns_jobs_total", false)])
    );
    let (code, changes, items) = diff(STABLE_JOBS, &renamed(false), &[]);
    assert_eq!(
        (code, changes),
        (1, vec![change("metric-renamed", "ns_jobs_total", true)])
    );
    assert_eq!(items[0]["message"], "renamed to \"ns_jobs_run_total\"");
}

#[test]
fn human_output_marks_breaking_changes_and_an_invalid_spec_fails() {
    let dir = Scratch::new();
    let old = dir.file("old.yaml", &spec(&format!("{STABLE_JOBS}{OTHER}")));
    let new = dir.file("new.yaml", &spec(OTHER));
    let out = run([
        std::ffi::OsStr::new("diff"),
        old.as_os_str(),
        new.as_os_str(),
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "BREAKING [stable] ns_jobs_total: metric removed [metric-removed]\n"
    );
    assert!(
        out.stderr
            .contains("1 breaking change, 1 failing the gate, 0 safe changes"),
        "{}",
        out.stderr
    );
    let bad = dir.file("bad.yaml", "groups: [{name: g}]\n");
    let out = run([
        std::ffi::OsStr::new("diff"),
        old.as_os_str(),
        bad.as_os_str(),
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("bad.yaml:1:10: this group has no `help`"),
        "{}",
        out.stderr
    );
}

#[test]
fn changed_constant_labels_break_every_metric() {
    let dir = Scratch::new();
    let with = |labels: &str| {
        format!("namespace: ns\nconst_labels: {labels}\nenums:\n  outcome: [ok, failed]\ngroups:\n  - name: g\n    help: G.\n    metrics:\n{STABLE_JOBS}{OTHER}")
    };
    let old = dir.file("old.yaml", &with("{service: api}"));
    let same = dir.file("same.yaml", &with("{service: api}"));
    let new = dir.file("new.yaml", &with("{service: api, tier: edge}"));
    let out = run([
        std::ffi::OsStr::new("diff"),
        old.as_os_str(),
        same.as_os_str(),
    ]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    let out = run([
        std::ffi::OsStr::new("diff"),
        old.as_os_str(),
        new.as_os_str(),
        std::ffi::OsStr::new("--format"),
        std::ffi::OsStr::new("json"),
    ]);
    assert_eq!(
        out.code, 1,
        "the stable metric fails the gate: {}",
        out.stderr
    );
    let items: Vec<Value> = serde_json::from_str(&out.stdout).expect("json");
    let changed: Vec<(&str, bool)> = items
        .iter()
        .map(|c| {
            (
                c["metric"].as_str().unwrap(),
                c["change"] == "const-labels-changed",
            )
        })
        .collect();
    assert_eq!(changed, [("ns_jobs_total", true), ("ns_other_total", true)]);
    assert!(items[0]["message"]
        .as_str()
        .unwrap()
        .contains("tier=\"edge\""));
}
