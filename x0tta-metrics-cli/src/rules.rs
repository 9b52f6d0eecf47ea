//! `rules`: Prometheus recording and alerting rules from the spec.
//!
//! Recording rules follow the `level:metric:operations` convention: per
//! counter `job:<name without _total>:rate5m`, per histogram
//! `job:<name>:p95_rate5m`. Alerting rules come from `alerts:` on metrics.

use std::fmt::Write as _;
use std::path::Path;

use x0tta_metrics_codegen::model::{Group, Kind, Metric, Spec};

use crate::{promql, spec, Outcome};

pub(crate) fn run(path: &Path, out: Option<&Path>) -> Outcome {
    spec::render_to(path, out, render)
}

/// The rules file for `spec`, read from the file named `source`.
pub(crate) fn render(spec: &Spec, source: &str) -> String {
    let prefix = spec::prefix(spec);
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Generated from {source} by `x0tta-metrics rules`; do not edit by hand."
    );
    let _ = writeln!(y, "groups:");
    for g in &spec.groups {
        let recorded: Vec<&Metric> = g.metrics.iter().filter(|m| m.kind != Kind::Gauge).collect();
        if !recorded.is_empty() {
            let _ = writeln!(y, "  - name: {prefix}_{}.recording\n    rules:", g.name);
            for m in recorded {
                let (record, expr) = recording(m);
                let _ = writeln!(
                    y,
                    "      - record: {record}\n        expr: {}",
                    quote(&expr)
                );
            }
        }
        if g.metrics.iter().any(|m| !m.alerts.is_empty()) {
            alerting(&mut y, prefix, g);
        }
    }
    if spec.metrics().any(|(_, m)| m.budget.is_some()) {
        budget_alert(&mut y, prefix);
    }
    y
}

/// A series budget routes updates to an overflow series instead of growing
/// without bound; this alert says when that starts, so the label feeding it
/// gets fixed (or the budget raised) instead of the overflow going unseen.
fn budget_alert(y: &mut String, prefix: &str) {
    let metric = x0tta_metrics_codegen::OVERFLOW_METRIC;
    let _ = writeln!(y, "  - name: {prefix}_series_budget.alerts\n    rules:");
    let _ = writeln!(y, "      - alert: MetricSeriesBudgetExceeded");
    let _ = writeln!(
        y,
        "        expr: {}",
        quote(&format!(
            "sum by (job, metric) (increase({metric}[10m])) > 0"
        ))
    );
    let _ = writeln!(y, "        labels:\n          severity: warning");
    let _ = writeln!(y, "        annotations:");
    let _ =
        writeln!(
        y,
        "          summary: {}",
        quote("A metric reached its series budget; new label values go to its __overflow__ series.")
    );
    let _ = writeln!(
        y,
        "          description: {}",
        quote("{{ $labels.metric }} overflowed {{ $value }} updates in 10 minutes: a free-form label takes more values than its max_series.")
    );
}

/// The recording rule of a counter (rate) or a histogram (p95).
fn recording(m: &Metric) -> (String, String) {
    let range = promql::RANGE;
    match m.kind {
        Kind::Histogram => (
            format!("job:{}:p95_rate{range}", m.exported),
            format!(
                "histogram_quantile(0.95, sum by (job, le) (rate({}_bucket[{range}])))",
                m.exported
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
    }
}

fn alerting(y: &mut String, prefix: &str, g: &Group) {
    let _ = writeln!(y, "  - name: {prefix}_{}.alerts\n    rules:", g.name);
    for m in &g.metrics {
        for a in &m.alerts {
            let _ = writeln!(y, "      - alert: {}", a.name);
            let _ = writeln!(
                y,
                "        expr: {}",
                quote(&promql::alert_expr(m, &a.condition))
            );
            if let Some(held) = &a.for_ {
                let _ = writeln!(y, "        for: {held}");
            }
            let _ = writeln!(y, "        labels:\n          severity: {}", a.severity);
            let _ = writeln!(y, "        annotations:");
            let _ = writeln!(y, "          summary: {}", quote(&literal(&a.summary)));
            let _ = writeln!(
                y,
                "          description: {}",
                quote(&literal(&format!("{} ({})", m.help, m.exported)))
            );
        }
    }
}

/// Spec text as a Prometheus annotation template that prints it verbatim:
/// annotations are Go templates (`{{ query "…" }}` would run a query when the
/// alert fires), so every `{{` is written as an action printing `{{`.
fn literal(text: &str) -> String {
    text.replace("{{", "{{ \"{{\" }}")
}

/// A YAML double-quoted scalar: JSON string syntax is valid YAML and
/// escapes everything a spec could put in a string.
fn quote(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}
