//! Label sets: shared and inline enums with their values, label names,
//! reserved labels, and how many series a closed metric creates up front.

use foldhash::{HashMap, HashMapExt};

use super::{Seen, Validator, FREE_FORM};
use crate::ast;
use crate::diagnostic::Location;
use crate::model::{Enum, EnumValue, Label, LabelValues};
use crate::naming::{inline_enum_type, pascal_ident, snake_ident};
use crate::suggest;

/// A metric whose labels are all closed sets creates every series up front;
/// past this many it should use a free-form label instead.
const MAX_CLOSED_SERIES: usize = 4096;

/// Why a label may not be named `name`, if it may not.
fn reserved(name: &str) -> Option<&'static str> {
    if name.starts_with("__") {
        Some("names starting with `__` are reserved for Prometheus' internal use")
    } else if name == "quantile" {
        Some("`quantile` is reserved for summaries' quantile samples")
    } else if name == "le" {
        // promtool rejects `le` on other types too ("non-histogram
        // metrics should not have \"le\" label").
        Some("`le` is reserved for histograms' bucket bounds, on every metric type")
    } else {
        None
    }
}

impl Validator<'_> {
    /// Checks the name of a `what` (`label`, `constant label`): the
    /// Prometheus charset, and not reserved. Reports and returns `false` if not.
    pub(super) fn label_name(&mut self, name: &ast::Text, what: &str) -> bool {
        if !self.name(name, &format!("{what} name")) {
            return false;
        }
        let Some(why) = reserved(&name.value) else {
            return true;
        };
        self.cx.error(
            "reserved-label",
            name.at,
            format!("{what} \"{}\": {why} — rename it", name.value),
        );
        false
    }

    pub(super) fn shared_enum(&mut self, def: &ast::EnumDef) {
        if !self.name(&def.name, "enum name") {
            self.broken_enums.push(def.name.value.clone());
            return;
        }
        if def.name.value == FREE_FORM {
            self.cx.error(
                "invalid-name",
                def.name.at,
                "`string` means a free-form label and cannot name an enum — choose another name",
            );
            return;
        }
        let Some(rust_name) = self.type_name(&def.name.value, def.name.at) else {
            return;
        };
        match self.values(&def.values, &def.name.value) {
            Some(values) => {
                self.enum_index
                    .insert(def.name.value.clone(), self.enums.len());
                self.enums.push(Enum {
                    name: def.name.value.clone(),
                    rust_name,
                    shared: true,
                    values,
                    location: def.name.at,
                });
            }
            None => self.broken_enums.push(def.name.value.clone()),
        }
    }

    pub(super) fn type_name(&mut self, text: &str, at: Location) -> Option<String> {
        let name = pascal_ident(text);
        if name.is_none() {
            self.cx.error(
                "invalid-name",
                at,
                format!("\"{text}\" does not make a Rust type name"),
            );
        }
        name
    }

    /// The values of a closed set: non-empty, distinct, distinct as Rust variants.
    pub(super) fn values(&mut self, list: &ast::ValueList, owner: &str) -> Option<Vec<EnumValue>> {
        if list.values.is_empty() {
            self.cx.error(
                "empty-enum",
                list.at,
                format!("the value set of \"{owner}\" is empty — list its values, or use `string` for a free-form label"),
            );
            return None;
        }
        let mut seen = Seen::default();
        let mut variants: HashMap<String, &str> = HashMap::new();
        let mut out = Vec::with_capacity(list.values.len());
        let mut ok = true;
        for value in &list.values {
            if let Some(first) = seen.first(&value.value, value.at) {
                self.cx.error_related(
                    "duplicate-value",
                    value.at,
                    format!("value \"{}\" appears twice in \"{owner}\"", value.value),
                    first,
                    "first listed here",
                );
                ok = false;
                continue;
            }
            let Some(variant) = pascal_ident(&value.value) else {
                self.cx.error(
                    "invalid-name",
                    value.at,
                    format!(
                        "value \"{}\" of \"{owner}\" has no letter or digit to name a Rust variant — spell it with some",
                        value.value.escape_debug()
                    ),
                );
                ok = false;
                continue;
            };
            if let Some(other) = variants.get(&variant) {
                self.cx.error(
                    "rust-name-clash",
                    value.at,
                    format!(
                        "values \"{other}\" and \"{}\" of \"{owner}\" both become the Rust variant `{variant}` — rename one",
                        value.value
                    ),
                );
                ok = false;
                continue;
            }
            variants.insert(variant.clone(), &value.value);
            out.push(EnumValue {
                value: value.value.clone(),
                variant,
            });
        }
        ok.then_some(out)
    }

    pub(super) fn labels(&mut self, metric: &ast::Metric) -> Option<Vec<Label>> {
        let mut out = Vec::with_capacity(metric.labels.len());
        let mut ok = true;
        let mut args = Seen::default();
        let metric_name = metric.name.as_ref().map_or("?", |n| n.value.as_str());
        for label in &metric.labels {
            let name = &label.name;
            if !self.label_name(name, "label") {
                ok = false;
                continue;
            }
            // Duplicate label names are duplicate YAML keys, refused by the parser.
            let arg = match snake_ident(&name.value) {
                Ok(ident) => {
                    if args.first(&ident.text, name.at).is_some() {
                        self.cx.error(
                            "rust-name-clash",
                            name.at,
                            format!("label \"{}\" makes the argument `{}`, which another label already has", name.value, ident.text),
                        );
                        ok = false;
                    }
                    if ident.raw {
                        format!("r#{}", ident.text)
                    } else {
                        ident.text
                    }
                }
                Err(problem) => {
                    self.cx.error("invalid-name", name.at, problem);
                    ok = false;
                    continue;
                }
            };
            let values = match &label.values {
                ast::LabelValues::Named(set) if set.value == FREE_FORM => Some(LabelValues::Free),
                ast::LabelValues::Named(set) => match self.enum_index.get(&set.value) {
                    Some(&index) => Some(LabelValues::Enum(index)),
                    None if self.broken_enums.contains(&set.value) => None,
                    None => {
                        let hint = suggest::hint(
                            &set.value,
                            self.enum_index
                                .keys()
                                .map(String::as_str)
                                .chain([FREE_FORM]),
                        );
                        self.cx.error(
                            "undefined-enum",
                            set.at,
                            format!(
                                "label \"{}\" refers to enum \"{}\", which is not under `enums:`{hint} (use `string` for a free-form value)",
                                name.value, set.value
                            ),
                        );
                        None
                    }
                },
                ast::LabelValues::Inline(list) => {
                    let owner = format!("{metric_name}.{}", name.value);
                    let rust_name = inline_enum_type(metric_name, &name.value);
                    match (self.values(list, &owner), rust_name) {
                        (Some(values), Some(rust_name)) => {
                            self.enums.push(Enum {
                                name: owner,
                                rust_name,
                                shared: false,
                                values,
                                location: list.at,
                            });
                            Some(LabelValues::Enum(self.enums.len() - 1))
                        }
                        _ => None,
                    }
                }
            };
            match values {
                Some(values) => out.push(Label {
                    name: name.value.clone(),
                    arg,
                    values,
                }),
                None => ok = false,
            }
        }
        if ok {
            let series: usize = out
                .iter()
                .filter_map(|l| match l.values {
                    LabelValues::Enum(i) => Some(self.enums[i].values.len()),
                    LabelValues::Free => None,
                })
                .fold(1usize, |acc, n| acc.saturating_mul(n));
            let closed = out.iter().all(|l| l.values != LabelValues::Free);
            if closed && series > MAX_CLOSED_SERIES {
                // At the largest set: the label to make free-form first.
                let largest = out
                    .iter()
                    .zip(&metric.labels)
                    .max_by_key(|(l, _)| match l.values {
                        LabelValues::Enum(i) => self.enums[i].values.len(),
                        LabelValues::Free => 0,
                    })
                    .map_or(metric.at, |(_, written)| match &written.values {
                        ast::LabelValues::Inline(list) => list.at,
                        ast::LabelValues::Named(set) => set.at,
                    });
                self.cx.error(
                    "too-many-series",
                    largest,
                    format!(
                        "\"{metric_name}\" has {series} label combinations, all created up front — more than {MAX_CLOSED_SERIES}; make a label free-form (`string`) or split the metric"
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(out)
    }
}
