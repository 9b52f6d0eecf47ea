//! `const_labels:`: labels every series of the spec carries, with the same
//! value on every series (`service: x0tta6bl4`).
//!
//! They share the namespace of each series' labels, so a name one metric
//! also uses as a label is an error at the constant label. The overflow
//! self-metric does not carry them: every spec on a registry shares it.
//! Values are any text: the formats escape them, the generator writes them
//! only as string literals.

use super::Validator;
use crate::ast;

impl Validator<'_> {
    /// The constant labels, sorted by name (how every format orders a
    /// series' labels); `None` after reporting a problem.
    pub(super) fn const_labels(&mut self, spec: &ast::Spec) -> Option<Vec<(String, String)>> {
        let mut ok = true;
        let mut out = Vec::with_capacity(spec.const_labels.len());
        // Duplicate names are duplicate YAML keys, refused by the parser.
        for ast::ConstLabel { name, value } in &spec.const_labels {
            if !self.label_name(name, "constant label") {
                ok = false;
                continue;
            }
            if value.value.is_empty() {
                // Prometheus reads `name=""` as no label at all.
                self.cx.error(
                    "empty-value",
                    value.at,
                    format!(
                        "constant label \"{}\" is empty, which Prometheus reads as no label — give it a value or remove it",
                        name.value
                    ),
                );
                ok = false;
                continue;
            }
            if !self.const_label_is_free(spec, name) {
                ok = false;
                continue;
            }
            out.push((name.value.clone(), value.value.clone()));
        }
        out.sort();
        ok.then_some(out)
    }

    /// Reports `name` if a metric of the spec has a label of that name.
    fn const_label_is_free(&mut self, spec: &ast::Spec, name: &ast::Text) -> bool {
        let metrics = spec.groups.iter().flat_map(|g| &g.metrics);
        let mut owners = metrics.filter_map(|m| {
            let label = m.labels.iter().find(|l| l.name.value == name.value)?;
            Some((m.name.as_ref().map_or("?", |n| n.value.as_str()), label))
        });
        if let Some((metric, label)) = owners.next() {
            let more = match owners.count() {
                0 => String::new(),
                n => format!(" (and {n} more)"),
            };
            self.cx.error_related(
                "const-label-clash",
                name.at,
                format!(
                    "constant label \"{}\" is also a label of metric \"{metric}\"{more}: a series cannot carry one label twice — rename one of them",
                    name.value
                ),
                label.name.at,
                "the metric's label",
            );
            return false;
        }
        true
    }
}
