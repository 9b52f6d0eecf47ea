//! `Metrics::encode`: every family of the spec walked once, in
//! `Registry::gather()` order (families by name), into any format's encoder;
//! and the text, OpenMetrics and `Exposition` entry points built on it.
//!
//! The walk is the runtime's: the generated code hands it each group's
//! families and the order to write them in, a table of (group, family)
//! pairs, rather than one call per family (10,000 calls in one body cost
//! rustc seconds to check). Every family walks its own cells; a spec's few extra families
//! (old names during a rename, and the overflow self-metric, one series per
//! bounded metric, written once for the whole spec) are the walk's
//! `extra` callback.

use proc_macro2::TokenStream;

use super::code::Code;
use super::lifecycle;
use crate::members;
use crate::model::{Metric, Spec, Storage};
use crate::validate::{OVERFLOW_HELP, OVERFLOW_METRIC};

/// One entry of the walk, sorted by exported name: a family's group and
/// its number in the group, or an extra's walk.
enum Entry {
    Family([usize; 2]),
    Extra(Code),
}

/// Where the generated code finds a family: `self.field` in a static
/// group, `self.group.field` in `Metrics`.
#[derive(Clone, Copy)]
pub(super) struct Field<'a> {
    pub(super) group: Option<&'a str>,
    pub(super) accessor: &'a str,
}

impl Field<'_> {
    fn write(self, code: &mut Code) {
        code.push("self.");
        if let Some(group) = self.group {
            code.ident(group).push(".");
        }
        code.ident(self.accessor);
    }
}

pub(super) fn write(code: &mut Code, spec: &Spec, rt: &TokenStream) {
    let mut entries: Vec<(&str, Entry)> = Vec::new();
    let mut overflowing = Vec::new();
    // A static group lives in the user's `static`, not in `Metrics`.
    let groups = || spec.groups.iter().filter(|g| !g.is_static);
    let metrics = groups().enumerate().flat_map(|(g, group)| {
        let numbered = group.metrics.iter().enumerate();
        numbered.map(move |(i, metric)| (group, metric, [g, i]))
    });
    for (group, metric, number) in metrics {
        let field = Field {
            group: Some(&group.field),
            accessor: &metric.accessor,
        };
        if let Storage::Bounded(_) = metric.storage {
            overflowing.push((metric.exported.as_str(), field));
        }
        entries.push((&metric.exported, Entry::Family(number)));
        if let Some((old, walk)) = old_walk(metric, field) {
            entries.push((old, Entry::Extra(walk)));
        }
    }
    if !overflowing.is_empty() {
        overflowing.sort_by(|a, b| a.0.cmp(b.0));
        let mut walk = Code::with_capacity(64 * overflowing.len());
        walk.push(private!("overflow(encoder,"))
            .str_lit(OVERFLOW_METRIC)
            .push(",")
            .str_lit(OVERFLOW_HELP)
            .push(", &[");
        for (i, (name, field)) in overflowing.into_iter().enumerate() {
            if i > 0 {
                walk.push(",");
            }
            walk.push("(").str_lit(name).push(",");
            field.write(&mut walk);
            walk.push(".overflowed())");
        }
        walk.push("])");
        entries.push((OVERFLOW_METRIC, Entry::Extra(walk)));
    }
    entries.sort_by(|a, b| a.0.cmp(b.0));
    // Extras are pairs past the last group: (number of groups, extra's code).
    let past_groups = groups().count();
    let mut order = Code::with_capacity(16 * entries.len());
    let mut extras = Code::with_capacity(0);
    let mut extra_count = 0;
    for (i, (_, entry)) in entries.into_iter().enumerate() {
        if i > 0 {
            order.push(",");
        }
        match entry {
            Entry::Family([g, i]) => {
                order.usize(g).push(",").usize(i);
            }
            Entry::Extra(walk) => {
                order.usize(past_groups).push(",").usize(extra_count);
                extras.usize(extra_count).push("=>").append(walk).push(",");
                extra_count += 1;
            }
        }
    }
    let [_, _, _, families_method] = members::COLLECTOR_METHODS;
    let metrics = members::REGISTRY_TYPE;
    code.push("impl")
        .path(rt)
        .push("::Exposition for")
        .ident(metrics);
    code.push(concat!(
        "{",
        r#"#[doc = r" Walks every family of the spec, in `gather()` order, into"]"#,
        r#"#[doc = r" `encoder`. Collectors registered on the registry by others"]"#,
        r#"#[doc = r" are not included."]"#,
        "fn encode(&self, encoder: &mut dyn",
    ));
    // (group, family) pairs, and (groups, extra) past them, sorted by
    // exported name.
    code.push(private!("Encoder) { const ORDER: &[u32] = &["))
        .append(order)
        .push("];")
        .push(private!("walk(encoder, &["));
    for (i, group) in groups().enumerate() {
        if i > 0 {
            code.push(",");
        }
        code.push("&self.")
            .ident(&group.field)
            .push(".")
            .ident(families_method)
            .push("()");
    }
    code.push("], ORDER, ");
    if extra_count == 0 {
        code.push("&mut |_, _| {}");
    } else {
        code.push("&mut |encoder, extra| match extra {")
            .append(extras)
            .push("_ => {} }");
    }
    code.push(",); } fn scope(&self) -> &")
        .push(private!("Scope { &self."))
        .ident(members::SCOPE_FIELD)
        .push("} } impl")
        .ident(metrics)
        .push("{");
    code.push(concat!(
        r#"#[doc = r" Every family of the spec in the Prometheus text format 0.0.4:"]"#,
        r#"#[doc = r" byte for byte what `gather()` + `TextEncoder` print for them."]"#,
        "pub fn encode_text(&self) -> ::std::string::String {",
    ))
    .path(rt)
    .push(concat!(
        "::Exposition::encode_text(self) }",
        r#"#[doc = r" Every family of the spec in OpenMetrics 1.0 text, `# EOF` included."]"#,
        "pub fn encode_openmetrics(&self) -> ::std::string::String {",
    ))
    .path(rt)
    .push(concat!(
        "::Exposition::encode_openmetrics(self) }",
        r#"#[doc = r" Every family of the spec as Prometheus' delimited protobuf"]"#,
        r#"#[doc = r" `MetricFamily` messages, exemplars included."]"#,
        "pub fn encode_protobuf(&self) -> ::std::vec::Vec<u8> {",
    ))
    .path(rt)
    .push("::Exposition::encode_protobuf(self) } }");
}

/// Pushes the walk of `metric`, whose family is `field`, onto `walks`, keyed
/// by its exported name; under dual emission also the walk of its old name.
pub(super) fn push_walks<'a>(walks: &mut Vec<(&'a str, Code)>, metric: &'a Metric, field: Field) {
    let mut walk = Code::with_capacity(64);
    field.write(&mut walk);
    walk.push(".encode(encoder);");
    walks.push((&metric.exported, walk));
    if let Some((old, mut walk)) = old_walk(metric, field) {
        walk.push(";");
        walks.push((old, walk));
    }
}

/// Under dual emission, the old name of `metric`, whose family is `field`,
/// and the walk of the family under it.
fn old_walk<'a>(metric: &'a Metric, field: Field) -> Option<(&'a str, Code)> {
    let (old, help) = lifecycle::old_family(metric)?;
    let mut walk = Code::with_capacity(64 + help.len());
    field.write(&mut walk);
    walk.push(".encode_as(encoder,")
        .str_lit(old)
        .push(",")
        .str_lit(&help)
        .push(")");
    Some((old, walk))
}

/// Appends the walks in `gather()` order: by family name.
pub(super) fn write_sorted(code: &mut Code, mut walks: Vec<(&str, Code)>) {
    walks.sort_by(|a, b| a.0.cmp(b.0));
    for (_, walk) in walks {
        code.append(walk);
    }
}
