//! `rules`: Prometheus recording and alerting rules from the spec.
//!
//! Recording rules follow the `level:metric:operations` convention: per
//! counter `job:<name without _total>:rate5m`, per histogram
//! `job:<name>:p95_rate5m`. Alerting rules come from `alerts:` on metrics,
//! the series budgets and the objectives (rules/slo.rs). The file is written
//! by serde-saphyr's serializer, so every string a spec puts in it is quoted
//! by the one place that knows YAML.

pub(crate) mod slo;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use x0tta_metrics_codegen::model::{Group, Kind, Metric, Spec};

use crate::{promql, spec, Outcome};

pub(crate) fn run(path: &Path, out: Option<&Path>) -> Outcome {
    spec::render_to(path, out, render)
}

/// A Prometheus rule file.
#[derive(Serialize)]
struct RuleFile {
    groups: Vec<RuleGroup>,
}

#[derive(Serialize)]
struct RuleGroup {
    name: String,
    rules: Vec<Rule>,
}

/// One recording or alerting rule; the fields appear in the order written.
#[derive(Serialize)]
#[serde(untagged)]
enum Rule {
    Record {
        record: String,
        expr: String,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        labels: BTreeMap<&'static str, String>,
    },
    Alert {
        alert: String,
        expr: String,
        #[serde(rename = "for", skip_serializing_if = "Option::is_none")]
        for_: Option<String>,
        labels: BTreeMap<&'static str, String>,
        annotations: Annotations,
    },
}

#[derive(Serialize)]
struct Annotations {
    summary: String,
    description: String,
}

/// The rules file for `spec`, read from the file named `source`.
pub(crate) fn render(spec: &Spec, source: &str) -> String {
    let prefix = spec::prefix(spec);
    let mut groups = Vec::new();
    for g in &spec.groups {
        let recorded: Vec<Rule> = g
            .metrics
            .iter()
            .filter(|m| m.kind != Kind::Gauge)
            .map(recording)
            .collect();
        if !recorded.is_empty() {
            groups.push(RuleGroup {
                name: format!("{prefix}_{}.recording", g.name),
                rules: recorded,
            });
        }
        if g.metrics.iter().any(|m| !m.alerts.is_empty()) {
            groups.push(alerting(prefix, g));
        }
    }
    if spec.metrics().any(|(_, m)| m.budget.is_some()) {
        groups.push(budget_alert(prefix));
    }
    groups.extend(spec.objectives.iter().map(|o| slo::group(prefix, o)));
    let options = serde_saphyr::ser_options! {
        // PromQL stays on one line, as people read and grep it.
        prefer_block_scalars: false,
    };
    let body = serde_saphyr::to_string_with_options(&RuleFile { groups }, options)
        .expect("a rule file of strings and maps always serializes");
    format!("# Generated from {source} by `x0tta-metrics rules`; do not edit by hand.\n{body}")
}

/// A series budget routes updates to an overflow series instead of growing
/// without bound; this alert says when that starts, so the label feeding it
/// gets fixed (or the budget raised) instead of the overflow going unseen.
fn budget_alert(prefix: &str) -> RuleGroup {
    let metric = x0tta_metrics_codegen::OVERFLOW_METRIC;
    RuleGroup {
        name: format!("{prefix}_series_budget.alerts"),
        rules: vec![Rule::Alert {
            alert: "MetricSeriesBudgetExceeded".into(),
            expr: format!("sum by (job, metric) (increase({metric}[10m])) > 0"),
            for_: None,
            labels: severity("warning"),
            annotations: Annotations {
                summary: "A metric reached its series budget; new label values go to its __overflow__ series.".into(),
                description: "{{ $labels.metric }} overflowed {{ $value }} updates in 10 minutes: a free-form label takes more values than its max_series.".into(),
            },
        }],
    }
}

/// Spec text as a Prometheus annotation template that prints it verbatim:
/// annotations are Go templates (`{{ query "…" }}` would run a query when the
/// alert fires), so every `{{` is written as an action printing `{{`.
pub(crate) fn literal(text: &str) -> String {
    text.replace("{{", "{{ \"{{\" }}")
}

fn severity(level: &str) -> BTreeMap<&'static str, String> {
    BTreeMap::from([("severity", level.to_string())])
}

/// The recording rule of a counter (rate) or a histogram (p95).
fn recording(m: &Metric) -> Rule {
    let range = promql::RANGE;
    let (record, expr) = match m.kind {
        Kind::Histogram => (
            format!("job:{}:p95_rate{range}", m.exported),
            format!(
                "histogram_quantile(0.95, {})",
                promql::buckets_rate(m, &["job"], "")
            ),
        ),
        _ => {
            // The convention drops `_total` once the counter is a rate.
            let name = m.exported.strip_suffix("_total").unwrap_or(&m.exported);
            (
                format!("job:{name}:rate{range}"),
                format!("sum by (job) (rate({}[{range}]))", m.exported),
            )
        }
    };
    Rule::Record {
        record,
        expr,
        labels: BTreeMap::new(),
    }
}

fn alerting(prefix: &str, g: &Group) -> RuleGroup {
    let rules = g
        .metrics
        .iter()
        .flat_map(|m| m.alerts.iter().map(move |a| (m, a)))
        .map(|(m, a)| Rule::Alert {
            alert: a.name.clone(),
            expr: promql::alert_expr(m, &a.condition),
            for_: a.for_.clone(),
            labels: severity(&a.severity),
            annotations: Annotations {
                summary: literal(&a.summary),
                description: literal(&format!("{} ({})", m.help, m.exported)),
            },
        })
        .collect();
    RuleGroup {
        name: format!("{prefix}_{}.alerts", g.name),
        rules,
    }
}
