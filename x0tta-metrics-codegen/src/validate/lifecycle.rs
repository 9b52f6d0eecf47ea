//! Checks of the evolution keys and of `alerts:`.
//!
//! Per metric: known stability, `dual_emit` only with `renamed_from`, aliases
//! that are plain snake_case identifiers, alerts with a known severity, a
//! Prometheus duration and either an `expr` or a `threshold`. Across the
//! spec: `renamed_to` names a metric, old names clash with nothing, alert
//! names are unique.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::ast;
use crate::diagnostic::{Context, Location};
use crate::keys::{COMPARISONS, SEVERITIES};
use crate::model::{Alert, Condition, Deprecation, Lifecycle, Rename, Stability};
use crate::naming::{prometheus_name_problem, snake_ident};
use crate::suggest;

pub(super) fn lifecycle(
    ast: &ast::Lifecycle,
    namespace: Option<&str>,
    cx: &mut Context,
) -> Lifecycle {
    let stability = match &ast.stability {
        None => Stability::default(),
        Some(text) => match Stability::ALL
            .into_iter()
            .find(|s| s.as_str() == text.value)
        {
            Some(s) => s,
            None => {
                let hint = suggest::hint(&text.value, Stability::ALL.map(Stability::as_str));
                cx.error(
                    "unknown-stability",
                    text.at,
                    format!(
                        "unknown stability \"{}\"{hint} — use stable, beta or alpha",
                        text.value
                    ),
                );
                Stability::default()
            }
        },
    };
    let dual_emit = match &ast.dual_emit {
        None => false,
        Some(text) => match text.value.as_str() {
            "true" => true,
            "false" => false,
            other => {
                cx.error(
                    "wrong-type",
                    text.at,
                    format!("`dual_emit` is true or false, found \"{other}\""),
                );
                false
            }
        },
    };
    if let (Some(text), None) = (&ast.dual_emit, &ast.renamed_from) {
        cx.error(
            "dual-emit-without-rename",
            text.at,
            "`dual_emit` exports the family under its old name too, and there is no `renamed_from` naming it",
        );
    }
    let renamed_from = ast.renamed_from.as_ref().map(|old| {
        if let Some(problem) = prometheus_name_problem(&old.value) {
            cx.error(
                "invalid-name",
                old.at,
                format!("invalid renamed_from \"{}\": {problem}", old.value),
            );
        }
        Rename {
            exported: exported(namespace, &old.value),
            dual_emit,
        }
    });
    for alias in &ast.aliases {
        match snake_ident(&alias.value) {
            Ok(ident) if ident.text == alias.value && !ident.raw => {}
            _ => cx.error(
                "invalid-alias",
                alias.at,
                format!(
                    "alias \"{}\" is not a snake_case Rust method name",
                    alias.value
                ),
            ),
        }
    }
    Lifecycle {
        stability,
        deprecated: ast.deprecated.as_ref().map(|d| Deprecation {
            note: d.note.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
            renamed_to: d.renamed_to.as_ref().map(|r| r.value.clone()),
        }),
        aliases: ast.aliases.iter().map(|a| a.value.clone()).collect(),
        renamed_from,
    }
}

pub(super) fn alerts(alerts: &[ast::Alert], cx: &mut Context) -> Vec<Alert> {
    alerts.iter().filter_map(|a| alert(a, cx)).collect()
}

fn alert(alert: &ast::Alert, cx: &mut Context) -> Option<Alert> {
    let mut ok = true;
    if let Some(name) = &alert.name {
        let legal = name.value.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !legal {
            cx.error(
                "invalid-alert",
                name.at,
                format!(
                    "alert name \"{}\" must be letters, digits and `_`, starting with a letter",
                    name.value
                ),
            );
            ok = false;
        }
    }
    if let Some(severity) = &alert.severity {
        if !SEVERITIES.contains(&severity.value.as_str()) {
            let hint = suggest::hint(&severity.value, SEVERITIES.iter().copied());
            cx.error(
                "unknown-severity",
                severity.at,
                format!(
                    "unknown severity \"{}\"{hint} — use critical, warning or info",
                    severity.value
                ),
            );
            ok = false;
        }
    }
    if let Some(duration) = &alert.for_ {
        if !is_duration(&duration.value) {
            cx.error(
                "invalid-duration",
                duration.at,
                format!(
                    "`for: {}` is not a Prometheus duration such as `30s`, `5m` or `1h30m`",
                    duration.value
                ),
            );
            ok = false;
        }
    }
    let condition = condition(alert, cx);
    ok &= condition.is_some();
    ok.then_some(())?;
    Some(Alert {
        name: alert.name.as_ref()?.value.clone(),
        condition: condition?,
        for_: alert.for_.as_ref().map(|f| f.value.clone()),
        severity: alert.severity.as_ref()?.value.clone(),
        summary: alert.summary.as_ref()?.value.clone(),
    })
}

fn condition(alert: &ast::Alert, cx: &mut Context) -> Option<Condition> {
    match (&alert.expr, &alert.op, &alert.threshold) {
        (Some(expr), None, None) if !expr.value.trim().is_empty() => {
            Some(Condition::Expr(expr.value.trim().to_string()))
        }
        (Some(expr), _, _) => {
            cx.error(
                "invalid-alert",
                expr.at,
                "an alert has either an `expr` (the whole condition) or a `threshold` with an optional `op`, not both, and an `expr` is not empty",
            );
            None
        }
        (None, op, Some(threshold)) => {
            let op = match op {
                None => ">".to_string(),
                Some(op) if COMPARISONS.contains(&op.value.as_str()) => op.value.clone(),
                Some(op) => {
                    cx.error(
                        "invalid-alert",
                        op.at,
                        format!(
                            "`op: {}` is not a comparison — use one of {}",
                            op.value,
                            COMPARISONS.join(" ")
                        ),
                    );
                    return None;
                }
            };
            if !threshold.value.is_finite() {
                cx.error(
                    "invalid-alert",
                    threshold.at,
                    "an alert's `threshold` must be a finite number",
                );
                return None;
            }
            Some(Condition::Threshold {
                op,
                threshold: threshold.value,
            })
        }
        (None, _, None) => {
            cx.error(
                "missing-key",
                alert.at,
                "this alert has no condition — add `threshold: …` (and `op`, default `>`) or a full `expr: …`",
            );
            None
        }
    }
}

/// `1h30m`, `5m`, `30s`, `250ms`: what Prometheus accepts in `for:`.
fn is_duration(text: &str) -> bool {
    const UNITS: &[&str] = &["ms", "s", "m", "h", "d", "w", "y"];
    let mut rest = text;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        // `ms` before `m`, so `250ms` is not read as `250m` + `s`.
        match UNITS.iter().find(|u| rest.starts_with(**u)) {
            Some(unit) => rest = &rest[unit.len()..],
            None => return false,
        }
    }
    true
}

fn exported(namespace: Option<&str>, name: &str) -> String {
    match namespace {
        Some(ns) => format!("{ns}_{name}"),
        None => name.to_string(),
    }
}

/// The checks that need the whole spec: references between metrics and
/// names that must be unique across it.
pub(super) fn across(spec: &ast::Spec, cx: &mut Context) {
    let namespace = spec.namespace.as_ref().map(|n| n.value.as_str());
    let metrics = || spec.groups.iter().flat_map(|g| g.metrics.iter());
    let names: Vec<&str> = metrics()
        .filter_map(|m| m.name.as_ref())
        .map(|n| n.value.as_str())
        .collect();
    // Every sample name the current metrics export; only a spec that renames
    // a metric needs them (four strings per metric, at every build).
    let mut taken: HashSet<String> = HashSet::new();
    if metrics().any(|m| m.lifecycle.renamed_from.is_some()) {
        for m in metrics() {
            if let Some(name) = &m.name {
                let full = exported(namespace, &name.value);
                for suffix in ["", "_bucket", "_count", "_sum"] {
                    taken.insert(format!("{full}{suffix}"));
                }
            }
        }
    }
    let mut old_names: HashMap<String, Location> = HashMap::new();
    let mut alert_names: HashMap<&str, Location> = HashMap::new();
    for m in metrics() {
        let own = m.name.as_ref().map(|n| n.value.as_str());
        if let Some(target) = m
            .lifecycle
            .deprecated
            .as_ref()
            .and_then(|d| d.renamed_to.as_ref())
        {
            if own == Some(target.value.as_str()) {
                cx.error(
                    "deprecated-unknown-target",
                    target.at,
                    "a metric cannot be renamed to itself",
                );
            } else if !names.contains(&target.value.as_str()) {
                let hint = suggest::hint(&target.value, names.iter().copied());
                cx.error(
                    "deprecated-unknown-target",
                    target.at,
                    format!(
                        "`renamed_to: {}` names no metric of the spec{hint}",
                        target.value
                    ),
                );
            }
        }
        if let Some(old) = &m.lifecycle.renamed_from {
            let full = exported(namespace, &old.value);
            if taken.contains(&full) {
                cx.error(
                    "rename-clash",
                    old.at,
                    format!(
                        "`renamed_from: {}`: \"{full}\" is still exported by a metric of the spec",
                        old.value
                    ),
                );
            } else if let Some(first) = old_names.insert(full.clone(), old.at) {
                cx.error(
                    "rename-clash",
                    old.at,
                    format!(
                        "\"{full}\" is already the old name of the metric at line {}",
                        first.line
                    ),
                );
            }
        }
        for alert in &m.alerts {
            if let Some(name) = &alert.name {
                if let Some(first) = alert_names.insert(&name.value, name.at) {
                    cx.error_related(
                        "duplicate-alert",
                        name.at,
                        format!(
                            "alert \"{}\" is already defined at line {}",
                            name.value, first.line
                        ),
                        first,
                        "first defined here",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_duration;
    use crate::model::{Condition, Stability};

    /// A spec with one group `g` holding `metrics` (YAML list items, indented 6).
    fn spec(metrics: &str) -> String {
        format!("namespace: ns\ngroups:\n  - name: g\n    help: G.\n    metrics:\n{metrics}")
    }

    fn rules(metrics: &str) -> Vec<&'static str> {
        match crate::check(spec(metrics).as_bytes()) {
            Ok(_) => Vec::new(),
            Err(found) => found.into_iter().map(|d| d.rule).collect(),
        }
    }

    const NEW: &str = "      - {name: new_total, type: counter, help: New.}\n";

    #[test]
    fn lifecycle_reaches_the_model() {
        let text = spec(&format!(
            "{NEW}      - name: old_total\n        type: counter\n        help: Old.\n        stability: stable\n        deprecated: {{note: Going away., renamed_to: new_total}}\n        aliases: [older_total]\n        renamed_from: oldest_total\n        dual_emit: true\n"
        ));
        let spec = crate::check(text.as_bytes()).expect("valid");
        let (_, new) = spec.metric("new_total").expect("new_total");
        assert_eq!(
            new.lifecycle.stability,
            Stability::Alpha,
            "alpha is the default"
        );
        let (_, old) = spec.metric("old_total").expect("old_total");
        assert_eq!(old.lifecycle.stability, Stability::Stable);
        let deprecated = old.lifecycle.deprecated.as_ref().expect("deprecated");
        assert_eq!(
            (deprecated.note.as_str(), deprecated.renamed_to.as_deref()),
            ("Going away.", Some("new_total"))
        );
        assert_eq!(old.lifecycle.aliases, ["older_total"]);
        let rename = old.lifecycle.renamed_from.as_ref().expect("renamed_from");
        assert_eq!(
            (rename.exported.as_str(), rename.dual_emit),
            ("ns_oldest_total", true)
        );
    }

    #[test]
    fn alerts_reach_the_model() {
        let text = spec(
            "      - name: up_ratio\n        type: gauge\n        help: Up.\n        alerts:\n          - {name: Down, op: \"<\", threshold: 0.5, for: 5m, severity: critical, summary: Down.}\n          - {name: Flapping, expr: \"changes(ns_up_ratio[10m]) > 3\", severity: info, summary: Flaps.}\n",
        );
        let spec = crate::check(text.as_bytes()).expect("valid");
        let (_, m) = spec.metric("up_ratio").expect("up_ratio");
        assert_eq!(m.alerts.len(), 2);
        assert_eq!(
            m.alerts[0].condition,
            Condition::Threshold {
                op: "<".into(),
                threshold: 0.5
            }
        );
        assert_eq!(m.alerts[0].for_.as_deref(), Some("5m"));
        assert_eq!(
            m.alerts[1].condition,
            Condition::Expr("changes(ns_up_ratio[10m]) > 3".into())
        );
    }

    #[test]
    fn each_bad_key_has_its_rule() {
        let metric = |extra: &str| {
            format!("{NEW}      - name: widgets_total\n        type: counter\n        help: M.\n{extra}")
        };
        let cases = [
            ("        stability: stabel\n", "unknown-stability"),
            ("        deprecated: {note: x, renamed_to: nope_total}\n", "deprecated-unknown-target"),
            ("        deprecated: {note: x, renamed_to: widgets_total}\n", "deprecated-unknown-target"),
            ("        deprecated: {renamed_to: new_total}\n", "missing-key"),
            ("        deprecated: {note: x, replaced_by: new_total}\n", "unknown-key"),
            ("        aliases: [Old-Name]\n", "invalid-alias"),
            ("        aliases: [new_total]\n", "alias-clash"),
            ("        aliases: [register]\n", "alias-clash"),
            ("        aliases: [a_total, a_total]\n", "alias-clash"),
            ("        renamed_from: new_total\n", "rename-clash"),
            ("        renamed_from: bad-name\n", "invalid-name"),
            ("        dual_emit: true\n", "dual-emit-without-rename"),
            ("        renamed_from: a_total\n        dual_emit: maybe\n", "wrong-type"),
            ("        alerts: [{name: A, threshold: 1, severity: page, summary: s}]\n", "unknown-severity"),
            ("        alerts: [{name: A, threshold: 1, for: 5min, severity: info, summary: s}]\n", "invalid-duration"),
            ("        alerts: [{name: A, severity: info, summary: s}]\n", "missing-key"),
            ("        alerts: [{name: A, expr: up, threshold: 1, severity: info, summary: s}]\n", "invalid-alert"),
            ("        alerts: [{name: A, op: \"=~\", threshold: 1, severity: info, summary: s}]\n", "invalid-alert"),
            ("        alerts: [{name: 9A, threshold: 1, severity: info, summary: s}]\n", "invalid-alert"),
            (
                "        alerts: [{name: A, threshold: 1, severity: info, summary: s}, {name: A, threshold: 2, severity: info, summary: s}]\n",
                "duplicate-alert",
            ),
        ];
        for (extra, rule) in cases {
            assert_eq!(rules(&metric(extra)), [rule], "{extra}");
        }
    }

    #[test]
    fn two_metrics_cannot_share_an_old_name() {
        let text = "      - {name: apples_total, type: counter, help: A., renamed_from: old_total}\n      - {name: pears_total, type: counter, help: B., renamed_from: old_total}\n";
        assert_eq!(rules(text), ["rename-clash"]);
    }

    #[test]
    fn durations() {
        for ok in ["5m", "30s", "1h30m", "250ms", "1d", "2w"] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in ["", "5", "m", "5 m", "5min", "1.5h", "-5m"] {
            assert!(!is_duration(bad), "{bad}");
        }
    }
}
