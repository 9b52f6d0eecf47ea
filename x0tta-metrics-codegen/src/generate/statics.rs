//! A group with `static: true`: its collector holds each family's cells
//! inline (the runtime's `StaticFamily<C, N>`, `N` its series; a
//! histogram's cell `StaticHistogram<B>`, `B` its buckets) and is built
//! by a `const fn`, so it lives in the user's `static`:
//! `static JOBS: JobsMetrics = JobsMetrics::new();`, updated with no `Arc`
//! and no lazy initialisation, and registered later with
//! `JOBS.register(&registry)`. It is not a field of `Metrics`; it is an
//! `Exposition` of its own.
//!
//! Per family it writes what a group of `Metrics` writes (a field, a row of
//! the `Meta` table, one registration call, the accessor, shared with
//! `group.rs`) plus its walk line; only the group's shell differs.

use proc_macro2::TokenStream;

use super::code::Code;
use super::encode::{push_walks, write_sorted, Field};
use super::group::{debug_and_labels, families};
use super::shared::Shared;
use super::{lifecycle, spec_text};
use crate::members;
use crate::model::{Group, Kind, LabelValues, Metric, Spec};

pub(super) fn write(
    code: &mut Code,
    spec: &Spec,
    shared: &Shared,
    index: usize,
    group: &Group,
    rt: &TokenStream,
) {
    let name = &group.rust_name;
    code.doc(&format!(
        "{}\n\nGroup `{}` of the spec, static: declare `static {}: {} = {}::new();`, \
         update it from anywhere, and register it once with `register`.",
        spec_text(&group.help),
        group.name,
        group.name.to_uppercase(),
        group.rust_name,
        group.rust_name,
    ));
    let families = families(spec, shared, index, group);
    let table = members::META_TABLE;
    code.push("pub struct").ident(name).push("{");
    for f in &families {
        code.ident(&f.metric.accessor)
            .push(":")
            .push(private!("StaticFamily<"));
        f.handle(code);
        code.push(",").usize(series(spec, f.metric)).push(">,");
    }
    code.push("} impl")
        .ident(name)
        .push(r#"{ #[doc = r" The families' constants, in spec order."] const"#)
        .ident(table)
        .push(": &'static [")
        .push(private!("Meta] = &["));
    for (i, f) in families.iter().enumerate() {
        if i > 0 {
            code.push(",");
        }
        f.meta(code);
    }
    let [register, _, new, _] = members::COLLECTOR_METHODS;
    code.push(concat!(
        "];",
        r#"#[doc = r" Every family of the group, each series at zero: a constant"]"#,
        r#"#[doc = r" expression, for a `static`."]"#,
        "#[allow(clippy::new_without_default)] pub const fn",
    ));
    code.ident(new).push("() -> Self { Self {");
    for (index, f) in families.iter().enumerate() {
        let meta = |code: &mut Code| {
            code.push("&Self::")
                .ident(table)
                .push("[")
                .usize(index)
                .push("]");
        };
        code.ident(&f.metric.accessor)
            .push(":")
            .push(private!("StaticFamily::"));
        if f.metric.kind == Kind::Histogram {
            // A histogram's cells are sized by its bounds: an array of
            // them, each built by a `const fn` from the shared bounds.
            code.push("with_cells(");
            meta(code);
            code.push(", [const { <");
            f.handle(code);
            code.push(">::new_static(");
            match f.consts.buckets {
                Some(bounds) => bounds.write(code),
                None => {
                    code.push("&[]");
                }
            }
            code.push(") };").usize(series(spec, f.metric)).push("])");
        } else {
            code.push("new(");
            meta(code);
            code.push(")");
        }
        code.push(",");
    }
    code.push(concat!(
        "} }",
        r#"#[doc = r" Registers the group's families on `registry`, which then"]"#,
        r#"#[doc = r" gathers them from this `static`. If any name is already"]"#,
        r#"#[doc = r" taken, nothing stays registered."]"#,
        "pub fn",
    ));
    code.ident(register)
        .push("(&'static self, registry: &")
        .path(rt)
        .push("::prometheus::Registry,) -> ::core::result::Result<(),")
        .path(rt)
        .push("::prometheus::Error> { let mut registration =")
        .push(private!("Registration::new(registry);"));
    for f in &families {
        let dual = lifecycle::old_family(f.metric);
        if dual.is_some() {
            code.push("{ let family =");
        }
        code.push("registration.static_family(&self.")
            .ident(&f.metric.accessor)
            .push(");");
        if let Some((old, help)) = dual {
            lifecycle::dual_emission(code, old, &help);
            code.push("}");
        }
    }
    code.push("registration.finish(()) }");
    for f in &families {
        f.accessor(code);
    }
    code.push("} impl")
        .path(rt)
        .push("::Exposition for")
        .ident(name)
        .push(concat!(
            "{",
            r#"#[doc = r" Walks every family of the group, in `gather()` order, into"]"#,
            r#"#[doc = r" `encoder`, without a registry's prefix and common labels"]"#,
            r#"#[doc = r" (serve it with `Combined` beside a `Metrics` to get them)."]"#,
            "fn encode(&self, encoder: &mut dyn",
        ))
        .push(private!("Encoder) {"));
    let mut walks = Vec::new();
    for f in &families {
        let field = Field {
            group: None,
            accessor: &f.metric.accessor,
        };
        push_walks(&mut walks, f.metric, field);
    }
    write_sorted(code, walks);
    code.push("} fn scope(&self) -> &")
        .push(private!("Scope {"))
        .push(private!("Scope::empty() } }"));
    debug_and_labels(code, group, &families);
}

/// The number of series of `metric`: the product of its closed sets
/// (validation lets only closed sets into a static group).
fn series(spec: &Spec, metric: &Metric) -> usize {
    metric
        .labels
        .iter()
        .map(|l| match l.values {
            LabelValues::Enum(e) => spec.enums[e].values.len(),
            LabelValues::Free => 0,
        })
        .product()
}
