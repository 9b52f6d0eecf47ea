//! `docs`: the Markdown metric reference, one section per group.

use std::fmt::Write as _;
use std::path::Path;

use x0tta_metrics_codegen::lint;
use x0tta_metrics_codegen::model::{burn_severities, Group, LabelValues, Metric, Spec, ValueType};

use crate::rules::slo;
use crate::{promql, spec, Outcome};

pub(crate) fn run(path: &Path, out: Option<&Path>) -> Outcome {
    spec::render_to(path, out, render)
}

/// The reference for `spec`, read from the file named `source`.
pub(crate) fn render(spec: &Spec, source: &str) -> String {
    let mut md = String::new();
    let families: usize = spec.groups.iter().map(|g| g.metrics.len()).sum();
    let _ = writeln!(md, "# Metric reference\n");
    let _ = writeln!(
        md,
        "<!-- Generated from {source} by `x0tta-metrics docs`; do not edit by hand. -->\n"
    );
    if let Some(ns) = &spec.namespace {
        let _ = write!(
            md,
            "Namespace `{ns}`: every exported name starts with `{ns}_`. "
        );
    }
    let _ = writeln!(
        md,
        "{} groups, {families} metric families.\n",
        spec.groups.len()
    );
    if !spec.const_labels.is_empty() {
        let labels: Vec<String> = spec
            .const_labels
            .iter()
            .map(|(name, value)| format!("`{name}` = {}", cell(&format!("{value:?}"))))
            .collect();
        let _ = writeln!(
            md,
            "Every series carries the constant labels {}.\n",
            labels.join(", ")
        );
    }
    let _ = writeln!(
        md,
        "Stability is `alpha` unless a metric says otherwise; `x0tta-metrics diff` fails on a breaking change to a `stable` metric.\n"
    );
    let _ = writeln!(md, "| Group | Metrics | About |\n| --- | ---: | --- |");
    for g in &spec.groups {
        let _ = writeln!(
            md,
            "| [{}](#group-{}) | {} | {} |",
            g.name,
            g.name,
            g.metrics.len(),
            cell(&g.help)
        );
    }
    for g in &spec.groups {
        group(&mut md, spec, g);
    }
    if !spec.objectives.is_empty() {
        objectives(&mut md, spec);
    }
    let _ = writeln!(
        md,
        "\n## Lint rules\n\nA metric may waive a rule with `allow: [rule]` and a `reason`.\n"
    );
    let _ = writeln!(md, "| Rule | Asks for |\n| --- | --- |");
    for rule in lint::RULES {
        let _ = writeln!(md, "| `{}` | {} |", rule.id, rule.summary);
    }
    md
}

/// The objectives: what each promises, the events it counts and its alerts.
fn objectives(md: &mut String, spec: &Spec) {
    let _ = writeln!(
        md,
        "\n## Objectives\n\nService-level objectives; `x0tta-metrics rules` generates their error ratios, budget and burn-rate alerts.\n"
    );
    let _ = writeln!(
        md,
        "| Objective | Target | Window | Good events | All events | Alerts |\n| --- | ---: | --- | --- | --- | --- |"
    );
    for o in &spec.objectives {
        let (good, total) = slo::good_and_total(&o.indicator);
        let alerts: Vec<String> = burn_severities()
            .iter()
            .map(|s| format!("`{}`", o.alert_name(s)))
            .collect();
        let _ = writeln!(
            md,
            "| `{}`: {} | {} | {} | `{}` | `{}` | {} |",
            o.name,
            cell(&o.description),
            o.target,
            o.window.text,
            cell(&good),
            cell(&total),
            alerts.join(", ")
        );
    }
}

fn group(md: &mut String, spec: &Spec, g: &Group) {
    let _ = writeln!(
        md,
        "\n<a id=\"group-{}\"></a>\n\n## {}\n\n{}\n",
        g.name, g.name, g.help
    );
    let _ = writeln!(md, "Rust: `metrics.{}` ([`{}`]).\n", g.field, g.rust_name);
    let _ = writeln!(md, "| Metric | Type | Labels |\n| --- | --- | --- |");
    for m in &g.metrics {
        let labels: Vec<String> = m.labels.iter().map(|l| format!("`{}`", l.name)).collect();
        let _ = writeln!(
            md,
            "| [`{}`](#{}) | {} | {} |",
            m.exported,
            m.exported,
            m.kind.as_str(),
            labels.join(", ")
        );
    }
    for m in &g.metrics {
        metric(md, spec, g, m);
    }
}

fn metric(md: &mut String, spec: &Spec, g: &Group, m: &Metric) {
    let _ = writeln!(md, "\n### `{}`\n", m.exported);
    let value = match m.value {
        ValueType::Int => "integer",
        ValueType::Float => "float",
    };
    let _ = writeln!(
        md,
        "{} ({value}), stability `{}`. {}\n",
        m.kind.as_str(),
        m.lifecycle.stability.as_str(),
        m.help
    );
    if let Some(d) = &m.lifecycle.deprecated {
        let replacement = d
            .renamed_to
            .as_deref()
            .and_then(|n| spec.metric(n))
            .map(|(_, r)| format!(" Use [`{}`](#{}) instead.", r.exported, r.exported))
            .unwrap_or_default();
        let _ = writeln!(md, "> **Deprecated.** {}{replacement}\n", d.note);
    }
    let args = m
        .labels
        .iter()
        .map(|l| l.arg.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // Labels of the same Rust type are passed by name, in a labels struct.
    let args = match &m.labels_struct {
        Some(labels) => format!("{labels} {{ {args} }}"),
        None => args,
    };
    let _ = writeln!(
        md,
        "- Rust: `metrics.{}.{}({args})`",
        g.field,
        m.accessor.trim_start_matches("r#"),
    );
    for l in &m.labels {
        let values = match l.values {
            LabelValues::Free => "free-form".to_string(),
            LabelValues::Enum(i) => {
                let set = &spec.enums[i];
                let values: Vec<String> = set
                    .values
                    .iter()
                    .map(|v| format!("`{}`", v.value))
                    .collect();
                let shared = if set.shared {
                    format!(" (set `{}`)", set.name)
                } else {
                    String::new()
                };
                format!("{}{shared}", values.join(", "))
            }
        };
        let _ = writeln!(md, "- Label `{}`: {values}", l.name);
    }
    if !m.buckets.is_empty() {
        let bounds: Vec<String> = m.buckets.iter().map(|b| bound(*b)).collect();
        let _ = writeln!(md, "- Buckets: {}, +Inf", bounds.join(", "));
    }
    if let Some(n) = m.native {
        let _ = writeln!(
            md,
            "- Native buckets: schema {} (2^{} per power of two), at most {} (then the resolution halves), zero bucket up to {:?}",
            n.schema, n.schema, n.max_buckets, n.zero_threshold
        );
    }
    if let Some(budget) = m.budget {
        let expiry = budget
            .expire_after_seconds
            .map(|s| format!("; series idle for {s} s are dropped at scrape"))
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "- Series budget: {} (past it, new label combinations go to the `__overflow__` series){expiry}",
            budget.max_series
        );
    }
    if m.sharded {
        let _ = writeln!(
            md,
            "- Sharded: increments go to per-thread shards, summed when read"
        );
    }
    for w in &m.waivers {
        let _ = writeln!(md, "- Waives `{}`: {}", w.rule, w.reason);
    }
    if let Some(old) = &m.lifecycle.renamed_from {
        let dual = if old.dual_emit {
            " (still exported under that name too)"
        } else {
            ""
        };
        let _ = writeln!(md, "- Renamed from `{}`{dual}", old.exported);
    }
    if !m.lifecycle.aliases.is_empty() {
        let aliases: Vec<String> = m
            .lifecycle
            .aliases
            .iter()
            .map(|a| format!("`{a}()`"))
            .collect();
        let _ = writeln!(md, "- Deprecated Rust aliases: {}", aliases.join(", "));
    }
    for a in &m.alerts {
        let held = a
            .for_
            .as_deref()
            .map(|f| format!(" for {f}"))
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "- Alert `{}` ({}): `{}`{held} — {}",
            a.name,
            a.severity,
            promql::alert_expr(m, &a.condition),
            a.summary
        );
    }
}

/// A bucket bound without floating-point noise (`0.30000000000000004` → `0.3`).
pub(crate) fn bound(b: f64) -> String {
    let rounded: f64 = format!("{b:.12e}").parse().unwrap_or(b);
    rounded.to_string()
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
