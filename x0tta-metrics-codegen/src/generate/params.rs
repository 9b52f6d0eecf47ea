//! An accessor's parameters. When every label has a Rust type of its own,
//! one positional parameter per label, in spec order: passing them in the
//! wrong order does not compile. When two labels share a type (two
//! free-form labels, or one enum used twice), a swap would compile, so the
//! accessor takes one labels struct with a named field per label instead,
//! as prometheus-client's label sets do.

use super::code::Code;
use crate::model::{Group, Label, LabelValues, Metric, Spec};

/// How an accessor (and its aliases and removal helper) takes the labels.
pub(super) struct Params<'a> {
    spec: &'a Spec,
    group: &'a Group,
    metric: &'a Metric,
}

impl<'a> Params<'a> {
    pub(super) fn new(spec: &'a Spec, group: &'a Group, metric: &'a Metric) -> Self {
        Params {
            spec,
            group,
            metric,
        }
    }

    /// A label's Rust type; a free-form label's `&str` borrows for
    /// `lifetime` (`""` or `"'a"`).
    fn label_type(&self, code: &mut Code, label: &Label, lifetime: &'static str) {
        match label.values {
            LabelValues::Enum(e) => {
                code.ident(&self.spec.enums[e].rust_name);
            }
            LabelValues::Free => {
                code.push(" & ").push(lifetime).push(" str ");
            }
        }
    }

    /// The parameter list, `&self` included.
    pub(super) fn decl(&self, code: &mut Code) {
        code.push("(&self,");
        match &self.metric.labels_struct {
            None => {
                for (i, label) in self.metric.labels.iter().enumerate() {
                    if i > 0 {
                        code.push(",");
                    }
                    code.ident(&label.arg).push(":");
                    self.label_type(code, label, "");
                }
            }
            Some(name) => {
                code.push("labels:").ident(name);
                if self.free() {
                    code.push("<'_>");
                }
            }
        }
        code.push(")");
    }

    /// Binds every label's argument name from the parameters, first thing in
    /// the body (nothing for positional parameters).
    pub(super) fn bind(&self, code: &mut Code) {
        if let Some(name) = &self.metric.labels_struct {
            code.push("let").ident(name).push("{");
            self.args(code);
            code.push("} = labels;");
        }
    }

    /// The arguments that forward a call to another method with the same
    /// parameters.
    pub(super) fn forward(&self, code: &mut Code) {
        match &self.metric.labels_struct {
            None => self.args(code),
            Some(_) => {
                code.push("labels");
            }
        }
    }

    /// The labels struct, if the accessor takes one.
    pub(super) fn labels_struct(&self, code: &mut Code) {
        let Some(name) = &self.metric.labels_struct else {
            return;
        };
        let accessor = self.metric.accessor.trim_start_matches("r#");
        code.doc(&format!(
            "The labels of [`{accessor}`]({}::{accessor}), by name: two of them have the same \
             Rust type, so positional arguments could be swapped without a compile error.",
            self.group.rust_name
        ));
        code.push("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)] pub struct")
            .ident(name);
        let lifetime = if self.free() {
            code.push("<'a>");
            "'a"
        } else {
            ""
        };
        code.push("{");
        for label in &self.metric.labels {
            let values = match label.values {
                LabelValues::Enum(e) => format!("one of [`{}`]", self.spec.enums[e].rust_name),
                LabelValues::Free => "free-form".to_string(),
            };
            code.doc(&format!("Label `{}`: {values}.", label.name));
            code.push("pub").ident(&label.arg).push(":");
            self.label_type(code, label, lifetime);
            code.push(",");
        }
        code.push("}");
    }

    /// Whether a label is free-form (the labels struct then borrows).
    fn free(&self) -> bool {
        self.metric
            .labels
            .iter()
            .any(|l| l.values == LabelValues::Free)
    }

    /// Every label's argument name, comma-separated.
    fn args(&self, code: &mut Code) {
        for (i, label) in self.metric.labels.iter().enumerate() {
            if i > 0 {
                code.push(",");
            }
            code.ident(&label.arg);
        }
    }
}
