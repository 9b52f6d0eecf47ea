//! The promlint rules applied to each metric, and the waivers that lift them.

use super::{distinct, Validator};
use crate::ast;
use crate::lint;
use crate::model::{Kind, Waiver};
use crate::suggest;

impl Validator<'_> {
    /// Applies the lints; a finding not waived is an error, and so is a waiver
    /// that waives nothing or names no rule.
    pub(super) fn waivers(
        &mut self,
        metric: &ast::Metric,
        exported: Option<&str>,
        kind: Option<Kind>,
    ) -> Option<Vec<Waiver>> {
        let mut ok = true;
        for rule in &metric.allow {
            if !lint::RULES.iter().any(|r| r.id == rule.value) {
                let hint = suggest::hint(&rule.value, lint::RULES.iter().map(|r| r.id));
                self.cx.error(
                    "waiver-unknown-rule",
                    rule.at,
                    format!("no lint rule \"{}\"{hint}", rule.value),
                );
                ok = false;
            }
        }
        match (&metric.reason, metric.allow.is_empty()) {
            (None, false) => {
                self.cx.error(
                    "waiver-without-reason",
                    metric.allow[0].at,
                    "a waiver needs a `reason:` saying why the rule does not apply",
                );
                ok = false;
            }
            (Some(reason), true) => {
                self.cx.error(
                    "reason-without-waiver",
                    reason.at,
                    "`reason` explains an `allow:` waiver, and there is none",
                );
                ok = false;
            }
            _ => {}
        }
        let (Some(exported), Some(kind)) = (exported, kind) else {
            return None;
        };
        // Lint the labels as written, so a label problem elsewhere does not hide these.
        let label_names: Vec<&str> = metric
            .labels
            .iter()
            .map(|l| l.name.value.as_str())
            .collect();
        let findings = lint::check(exported, kind, &label_names);
        let at = metric.name.as_ref().map_or(metric.at, |n| n.at);
        for finding in &findings {
            if !metric.allow.iter().any(|a| a.value == finding.rule) {
                let at = finding
                    .label
                    .and_then(|i| metric.labels.get(i))
                    .map_or(at, |l| l.name.at);
                // A waiver would not lift a clash with a histogram's samples.
                let clash = self
                    .histograms
                    .iter()
                    .find(|h| distinct::histogram_sample_suffix(h, exported).is_some());
                let advice = match clash {
                    Some(histogram) if finding.rule == "reserved-suffix" => format!(
                        " — histogram \"{histogram}\" exports samples of that name, which no waiver allows: rename it"
                    ),
                    _ => format!(" (waive with `allow: [{}]` and a `reason`)", finding.rule),
                };
                self.cx
                    .error(finding.rule, at, format!("{}{advice}", finding.message));
                ok = false;
            }
        }
        for rule in &metric.allow {
            let known = lint::RULES.iter().any(|r| r.id == rule.value);
            if known && !findings.iter().any(|f| f.rule == rule.value) {
                self.cx.error(
                    "waiver-unused",
                    rule.at,
                    format!(
                        "\"{exported}\" does not break \"{}\" — remove the waiver",
                        rule.value
                    ),
                );
                ok = false;
            }
        }
        let reason = metric
            .reason
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default();
        ok.then(|| {
            metric
                .allow
                .iter()
                .map(|rule| Waiver {
                    rule: rule.value.clone(),
                    reason: reason.clone(),
                })
                .collect()
        })
    }
}
