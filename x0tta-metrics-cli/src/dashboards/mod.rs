//! `dashboards`: Grafana dashboard JSON. The seed's five curated dashboards,
//! one per group of the spec and, when the spec has objectives, the SLO
//! dashboard; all on a Prometheus data-source variable.

mod curated;
mod panel;
mod slo;

use std::path::Path;

use serde_json::{json, Value};
use x0tta_metrics_codegen::model::{Group, Spec};

use crate::{output, spec, Outcome};
use curated::Source;
use panel::Panel;

/// The dashboard JSON schema version these files are written for.
const SCHEMA_VERSION: u32 = 41;

pub(crate) fn run(path: &Path, dir: &Path) -> Outcome {
    let spec = spec::load(path)?;
    for (file, dashboard) in generate(&spec) {
        let mut text = serde_json::to_string_pretty(&dashboard).unwrap_or_default();
        text.push('\n');
        output::write_file(&dir.join(file), &text)?;
    }
    Ok(())
}

/// Every dashboard of `spec`, with its file name. A curated dashboard whose
/// metrics the spec does not have is left out, with a note on stderr.
pub(crate) fn generate(spec: &Spec) -> Vec<(String, Value)> {
    let prefix = spec::prefix(spec);
    let mut out = Vec::new();
    for d in curated::DASHBOARDS {
        match curated_panels(spec, d) {
            Ok(panels) => {
                let uid = format!("{prefix}-{}", d.slug);
                let tags: Vec<&str> = [prefix, "overview"].into_iter().chain(d.tags.iter().copied()).collect();
                let description = "One of the recommended dashboards of the metrics report; generated from the spec.";
                out.push((format!("{uid}.json"), dashboard(&uid, d.title, description, &tags, &panels)));
            }
            Err(missing) => eprintln!(
                "note: dashboard \"{}\" left out: the spec has no metric \"{missing}\" (or it is exported under another name)",
                d.title
            ),
        }
    }
    for g in &spec.groups {
        let uid = format!("{prefix}-group-{}", g.name.replace('_', "-"));
        let title = format!("{prefix} / {}", g.name);
        out.push((
            format!("{uid}.json"),
            dashboard(&uid, &title, &g.help, &[prefix, "group"], &group_panels(g)),
        ));
    }
    if !spec.objectives.is_empty() {
        let uid = format!("{prefix}-slo");
        let panels: Vec<Panel> = spec.objectives.iter().flat_map(slo::panels).collect();
        let description = "Service-level objectives of the spec: indicator, error budget and burn rates, from the recording rules of `x0tta-metrics rules`.";
        out.push((
            format!("{uid}.json"),
            dashboard(
                &uid,
                &format!("{prefix} / SLOs"),
                description,
                &[prefix, "slo"],
                &panels,
            ),
        ));
    }
    out
}

fn curated_panels(spec: &Spec, d: &curated::Dashboard) -> Result<Vec<Panel>, &'static str> {
    d.panels
        .iter()
        .map(|p| {
            let reads = match &p.source {
                Source::Metric { name, .. }
                | Source::Heatmap(name)
                | Source::Query { reads: name, .. } => *name,
            };
            let (_, metric) = spec.metric(reads).ok_or(reads)?;
            let mut panel = match &p.source {
                Source::Metric { selector, .. } => Panel::of(metric, p.title, selector),
                Source::Heatmap(_) => Panel::heatmap(metric, p.title),
                Source::Query {
                    expr, legend, unit, ..
                } => {
                    // A written-out query must still name the metric the spec exports.
                    if !expr.contains(&metric.exported) {
                        return Err(reads);
                    }
                    Panel {
                        title: p.title.to_string(),
                        description: metric.help.clone(),
                        unit,
                        heatmap: false,
                        targets: vec![panel::Target {
                            expr: expr.to_string(),
                            legend: legend.to_string(),
                        }],
                    }
                }
            };
            if !p.description.is_empty() {
                panel.description = format!("{} {}", p.description, panel.description);
            }
            Ok(panel)
        })
        .collect()
}

fn group_panels(g: &Group) -> Vec<Panel> {
    g.metrics
        .iter()
        .map(|m| Panel::of(m, &m.name, ""))
        .collect()
}

fn dashboard(uid: &str, title: &str, description: &str, tags: &[&str], panels: &[Panel]) -> Value {
    let panels: Vec<Value> = panels
        .iter()
        .enumerate()
        .map(|(i, p)| p.to_json(i + 1, i))
        .collect();
    json!({
        "annotations": { "list": [] },
        "description": description,
        "editable": true,
        "graphTooltip": 1,
        "id": null,
        "links": [],
        "panels": panels,
        "refresh": "30s",
        "schemaVersion": SCHEMA_VERSION,
        "tags": tags,
        "templating": {
            "list": [{
                "hide": 0,
                "includeAll": false,
                "label": "Data source",
                "multi": false,
                "name": "datasource",
                "options": [],
                "query": "prometheus",
                "refresh": 1,
                "regex": "",
                "type": "datasource",
            }],
        },
        "time": { "from": "now-6h", "to": "now" },
        "timepicker": {},
        "timezone": "browser",
        "title": title,
        "uid": uid,
        "version": 1,
    })
}
