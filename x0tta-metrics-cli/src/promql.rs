//! The PromQL every generator builds from a metric: one place, so the
//! dashboards, the rules and the docs query a metric the same way.

use x0tta_metrics_codegen::model::{Condition, Kind, Matcher, Metric};

/// The range every rate and quantile is computed over.
pub(crate) const RANGE: &str = "5m";

/// Quantiles a histogram panel shows.
pub(crate) const QUANTILES: [(f64, &str); 3] = [(0.5, "p50"), (0.95, "p95"), (0.99, "p99")];

/// `sum by (a, b) (rate(x[5m]))`, or `sum(rate(x[5m]))` without labels.
pub(crate) fn rate(metric: &Metric) -> String {
    format!(
        "sum{} (rate({}[{RANGE}]))",
        by(&label_names(metric)),
        metric.exported
    )
}

/// `histogram_quantile(q, sum by (le) (rate(x_bucket[5m])))`, or over the
/// native histogram itself for a native-only one.
pub(crate) fn quantile(metric: &Metric, selector: &str, q: f64) -> String {
    format!(
        "histogram_quantile({q}, {})",
        buckets_rate(metric, &[], selector)
    )
}

/// The rate of a histogram's buckets summed by `labels`: `sum by (…, le)
/// (rate(x_bucket{…}[5m]))`, or for a native-only histogram (no `_bucket`
/// series: Prometheus ingests it as a native histogram) `sum by (…)
/// (rate(x{…}[5m]))`. What quantiles and heatmaps read.
pub(crate) fn buckets_rate(metric: &Metric, labels: &[&str], selector: &str) -> String {
    let name = &metric.exported;
    if metric.native.is_some() && metric.buckets.is_empty() {
        format!("sum{} (rate({name}{selector}[{RANGE}]))", by(labels))
    } else {
        let labels: Vec<&str> = labels.iter().copied().chain(["le"]).collect();
        format!(
            "sum{} (rate({name}_bucket{selector}[{RANGE}]))",
            by(&labels)
        )
    }
}

/// The metric's main query: a counter's rate by its labels, a histogram's
/// p95, a gauge's value. Default alerts compare it with their threshold.
pub(crate) fn main_query(metric: &Metric) -> String {
    match metric.kind {
        Kind::Counter => rate(metric),
        Kind::Histogram => quantile(metric, "", 0.95),
        Kind::Gauge => metric.exported.clone(),
    }
}

/// The condition of an alert declared on `metric`.
pub(crate) fn alert_expr(metric: &Metric, condition: &Condition) -> String {
    match condition {
        Condition::Expr(expr) => expr.clone(),
        Condition::Threshold { op, threshold } => {
            format!("{} {op} {threshold}", main_query(metric))
        }
    }
}

/// Grafana's legend: one `{{label}}` per label, or `fallback`.
pub(crate) fn legend(metric: &Metric, fallback: &str) -> String {
    let names = label_names(metric);
    if names.is_empty() {
        fallback.to_string()
    } else {
        names
            .iter()
            .map(|l| format!("{{{{{l}}}}}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn label_names(metric: &Metric) -> Vec<&str> {
    metric.labels.iter().map(|l| l.name.as_str()).collect()
}

/// ` by (a, b)` or nothing.
fn by(labels: &[&str]) -> String {
    if labels.is_empty() {
        String::new()
    } else {
        format!(" by ({})", labels.join(", "))
    }
}

/// `name{a="x",b=~"y|z"}`, or `name` without matchers: one value is an
/// equality, several a regex alternation. Values come from the spec, so they
/// are escaped for the regex and for the PromQL string.
pub(crate) fn selector(name: &str, matchers: &[Matcher]) -> String {
    if matchers.is_empty() {
        return name.to_string();
    }
    let parts: Vec<String> = matchers
        .iter()
        .map(|m| match m.values.as_slice() {
            [one] => format!("{}=\"{}\"", m.label, string_literal(one)),
            many => {
                let alternatives: Vec<String> = many.iter().map(|v| regex_literal(v)).collect();
                format!(
                    "{}=~\"{}\"",
                    m.label,
                    string_literal(&alternatives.join("|"))
                )
            }
        })
        .collect();
    format!("{name}{{{}}}", parts.join(","))
}

/// The body of a double-quoted PromQL string holding `text`.
fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// `text` as an RE2 pattern matching exactly it.
fn regex_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_native_only_histogram_is_queried_without_buckets() {
        let spec = x0tta_metrics_codegen::check(
            b"groups: [{name: g, help: G., metrics: [
              {name: a_seconds, type: histogram, help: A., native: {}},
              {name: b_seconds, type: histogram, help: B., native: {}, buckets: [1]},
              {name: c_seconds, type: histogram, help: C.}]}]",
        )
        .expect("valid spec");
        let query = |name| quantile(spec.metric(name).expect(name).1, "", 0.9);
        assert_eq!(
            query("a_seconds"),
            "histogram_quantile(0.9, sum (rate(a_seconds[5m])))"
        );
        for classic in ["b_seconds", "c_seconds"] {
            assert_eq!(
                query(classic),
                format!("histogram_quantile(0.9, sum by (le) (rate({classic}_bucket[5m])))")
            );
        }
    }

    #[test]
    fn selectors_escape_what_the_spec_wrote() {
        assert_eq!(selector("x", &[]), "x");
        assert_eq!(
            selector(
                "x",
                &[
                    Matcher::new("status", &["ok"]),
                    Matcher::new("route", &["/a\"b"])
                ]
            ),
            r#"x{status="ok",route="/a\"b"}"#
        );
        assert_eq!(
            selector("x", &[Matcher::new("code", &["2.0", "a|b", "c\\"])]),
            r#"x{code=~"2\\.0|a\\|b|c\\\\"}"#
        );
    }
}
