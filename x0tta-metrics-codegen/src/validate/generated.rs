//! Spec names must not meet the members the generator adds around them
//! ([`crate::members`]): the registry's own field, the collectors' fixed
//! methods, and the helper methods of metrics with a series budget. Checked
//! on the spec as written, so groups with other problems are checked too.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt;

use super::FREE_FORM;
use crate::ast;
use crate::diagnostic::{Context, Location};
use crate::members;
use crate::naming::{prometheus_name_problem, snake_ident};

pub(super) fn names_are_free(spec: &ast::Spec, cx: &mut Context) {
    let mut fields: HashMap<String, Owner> = HashMap::new();
    fields.insert(members::REGISTRY_FIELD.to_string(), Owner::RegistryField);
    let mut group_names = HashSet::new();
    for group in &spec.groups {
        if let Some(name) = &group.name {
            // A second group of the same name is reported as a duplicate.
            if group_names.insert(name.value.as_str()) {
                if let Some(field) = rust_name(&name.value) {
                    let owner = Owner::GroupField(&name.value);
                    claim(&mut fields, field, owner, name.at, "rust-name-clash", cx);
                }
            }
        }
        methods_are_free(group, cx);
    }
}

/// Accessors, their helpers, aliases and the fixed methods of one collector.
fn methods_are_free(group: &ast::Group, cx: &mut Context) {
    let mut methods: HashMap<String, Owner> = members::COLLECTOR_METHODS
        .iter()
        .map(|m| (m.to_string(), Owner::CollectorMethod))
        .collect();
    let mut metric_names = HashSet::new();
    for metric in &group.metrics {
        let Some(name) = &metric.name else { continue };
        // A second metric of the same name is reported as a duplicate.
        if !metric_names.insert(name.value.as_str()) {
            continue;
        }
        let Some(accessor) = rust_name(&name.value) else {
            continue;
        };
        let bounded = metric
            .labels
            .iter()
            .any(|l| matches!(&l.values, ast::LabelValues::Named(t) if t.value == FREE_FORM));
        for method in members::metric_methods(&accessor, bounded) {
            let owner = if method == accessor {
                Owner::Accessor(&name.value)
            } else {
                Owner::Helper(&name.value)
            };
            claim(&mut methods, method, owner, name.at, "rust-name-clash", cx);
        }
    }
    for metric in &group.metrics {
        for alias in &metric.lifecycle.aliases {
            let owner = Owner::Alias(metric.name.as_ref().map_or("", |n| &n.value));
            claim(
                &mut methods,
                alias.value.clone(),
                owner,
                alias.at,
                "alias-clash",
                cx,
            );
        }
    }
}

/// Who a generated name belongs to. Spelled out only for a clash: a spec of
/// 10,000 metrics claims some 10,000 names at every build.
#[derive(Clone, Copy)]
enum Owner<'a> {
    RegistryField,
    GroupField(&'a str),
    CollectorMethod,
    Accessor(&'a str),
    Helper(&'a str),
    Alias(&'a str),
}

impl fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::RegistryField => write!(
                f,
                "the field of `{}` holding its prometheus registry",
                members::REGISTRY_TYPE
            ),
            Owner::GroupField(group) => write!(f, "the field of group \"{group}\""),
            Owner::CollectorMethod => f.write_str("a method every collector has"),
            Owner::Accessor(metric) => write!(f, "the accessor of metric \"{metric}\""),
            Owner::Helper(metric) => write!(
                f,
                "a helper of metric \"{metric}\" (which has a free-form label)"
            ),
            Owner::Alias(metric) => write!(f, "an alias of metric \"{metric}\""),
        }
    }
}

/// The snake_case Rust name of a legal spec name (others are reported elsewhere).
fn rust_name(name: &str) -> Option<String> {
    if prometheus_name_problem(name).is_some() {
        return None;
    }
    snake_ident(name).ok().map(|ident| ident.text)
}

/// Takes `name` for `owner`, or reports at `at` whom it already belongs to.
fn claim<'a>(
    taken: &mut HashMap<String, Owner<'a>>,
    name: String,
    owner: Owner<'a>,
    at: Location,
    rule: &'static str,
    cx: &mut Context,
) {
    match taken.get(&name) {
        Some(first) => cx.error(
            rule,
            at,
            format!("{owner} would be `{name}`, which is already {first} — rename it"),
        ),
        None => {
            taken.insert(name, owner);
        }
    }
}
