//! Grafana panels: a metric's standard panel follows its type (counter →
//! rate, histogram → p50/p95/p99, gauge → value).

use serde_json::{json, Value};
use x0tta_metrics_codegen::model::{Kind, Metric};

use crate::promql;

/// The data source every panel and query uses: the dashboard's variable,
/// never a hard-coded uid, so the dashboards import into any Grafana.
pub(crate) fn datasource() -> Value {
    json!({ "type": "prometheus", "uid": "${datasource}" })
}

/// One query of a panel.
pub(crate) struct Target {
    pub(crate) expr: String,
    pub(crate) legend: String,
}

/// What a panel shows, before it is placed.
pub(crate) struct Panel {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) unit: &'static str,
    pub(crate) heatmap: bool,
    pub(crate) targets: Vec<Target>,
}

impl Panel {
    /// The standard panel of `metric`; `selector` narrows it (`{phase="total"}`).
    pub(crate) fn of(metric: &Metric, title: &str, selector: &str) -> Panel {
        let targets = match metric.kind {
            Kind::Histogram => promql::QUANTILES
                .iter()
                .map(|&(q, name)| Target {
                    expr: promql::quantile(metric, selector, q),
                    legend: name.to_string(),
                })
                .collect(),
            Kind::Counter if selector.is_empty() => {
                vec![Target {
                    expr: promql::rate(metric),
                    legend: promql::legend(metric, "rate"),
                }]
            }
            Kind::Counter => vec![Target {
                expr: format!(
                    "sum (rate({}{selector}[{}]))",
                    metric.exported,
                    promql::RANGE
                ),
                legend: "rate".into(),
            }],
            Kind::Gauge => vec![Target {
                expr: format!("{}{selector}", metric.exported),
                legend: promql::legend(metric, "{{instance}}"),
            }],
        };
        Panel {
            title: title.to_string(),
            description: metric.help.clone(),
            unit: unit(metric),
            heatmap: false,
            targets,
        }
    }

    /// A heatmap of a histogram's buckets.
    pub(crate) fn heatmap(metric: &Metric, title: &str) -> Panel {
        Panel {
            title: title.to_string(),
            description: metric.help.clone(),
            unit: unit(metric),
            heatmap: true,
            targets: vec![Target {
                expr: promql::buckets_rate(metric, &[], ""),
                legend: "{{le}}".into(),
            }],
        }
    }

    /// The panel's JSON, with id `id` at grid position `slot` (two per row).
    pub(crate) fn to_json(&self, id: usize, slot: usize) -> Value {
        const WIDTH: usize = 12;
        const HEIGHT: usize = 8;
        let targets: Vec<Value> = self
            .targets
            .iter()
            .zip('A'..='Z')
            .map(|(t, ref_id)| {
                let mut target = json!({
                    "datasource": datasource(),
                    "expr": t.expr,
                    "legendFormat": t.legend,
                    "range": true,
                    "refId": ref_id.to_string(),
                });
                if self.heatmap {
                    target["format"] = json!("heatmap");
                }
                target
            })
            .collect();
        let (kind, options) = if self.heatmap {
            (
                "heatmap",
                json!({ "calculate": false, "yAxis": { "unit": self.unit } }),
            )
        } else {
            (
                "timeseries",
                json!({
                    "legend": { "displayMode": "list", "placement": "bottom", "showLegend": true },
                    "tooltip": { "mode": "multi", "sort": "none" },
                }),
            )
        };
        json!({
            "datasource": datasource(),
            "description": self.description,
            "fieldConfig": { "defaults": { "unit": self.unit }, "overrides": [] },
            "gridPos": { "h": HEIGHT, "w": WIDTH, "x": (slot % 2) * WIDTH, "y": (slot / 2) * HEIGHT },
            "id": id,
            "options": options,
            "targets": targets,
            "title": self.title,
            "type": kind,
        })
    }
}

/// Grafana's unit for the metric's panel, from its unit suffix.
fn unit(metric: &Metric) -> &'static str {
    let base = metric
        .exported
        .strip_suffix("_total")
        .unwrap_or(&metric.exported);
    let suffix = base.rsplit('_').next().unwrap_or_default();
    match (metric.kind, suffix) {
        (Kind::Counter, "bytes") => "Bps",
        (Kind::Counter, "seconds") => "percentunit", // seconds per second: a busy fraction
        (Kind::Counter, _) => "ops",
        (_, "seconds") => "s",
        (_, "bytes") => "bytes",
        (_, "ratio") => "percentunit",
        _ => "short",
    }
}
