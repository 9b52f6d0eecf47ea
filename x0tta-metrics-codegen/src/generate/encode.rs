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
use quote::quote;

use super::{ident, int, lifecycle};
use crate::members;
use crate::model::{Metric, Spec, Storage};
use crate::validate::{OVERFLOW_HELP, OVERFLOW_METRIC};

/// One entry of the walk, sorted by exported name: a family's group and
/// its number in the group, or an extra's walk.
enum Entry {
    Family([usize; 2]),
    Extra(TokenStream),
}

pub(super) fn generate(spec: &Spec, rt: &TokenStream) -> TokenStream {
    let private = super::private();
    let mut entries: Vec<(&str, Entry)> = Vec::new();
    let mut overflowing = Vec::new();
    // A static group lives in the user's `static`, not in `Metrics`.
    let groups = || spec.groups.iter().filter(|g| !g.is_static);
    let metrics = groups().enumerate().flat_map(|(g, group)| {
        let numbered = group.metrics.iter().enumerate();
        numbered.map(move |(i, metric)| (group, metric, [g, i]))
    });
    for (group, metric, number) in metrics {
        let field = {
            let (group, metric) = (ident(&group.field), ident(&metric.accessor));
            quote!(self.#group.#metric)
        };
        if let Storage::Bounded(_) = metric.storage {
            overflowing.push((metric.exported.as_str(), field.clone()));
        }
        entries.push((&metric.exported, Entry::Family(number)));
        if let Some((old, walk)) = old_walk(metric, &field) {
            entries.push((old, Entry::Extra(walk)));
        }
    }
    if !overflowing.is_empty() {
        overflowing.sort_by(|a, b| a.0.cmp(b.0));
        let series = overflowing
            .iter()
            .map(|(name, field)| quote! { (#name, #field.overflowed()) });
        let (name, help) = (OVERFLOW_METRIC, OVERFLOW_HELP);
        let walk = quote! { #private::overflow(encoder, #name, #help, &[#(#series),*]) };
        entries.push((OVERFLOW_METRIC, Entry::Extra(walk)));
    }
    entries.sort_by(|a, b| a.0.cmp(b.0));
    // Extras are pairs past the last group: (number of groups, extra's code).
    let past_groups = groups().count();
    let mut order = Vec::with_capacity(2 * entries.len());
    let mut extras = Vec::new();
    for (_, entry) in entries {
        match entry {
            Entry::Family([g, i]) => order.extend([int(g), int(i)]),
            Entry::Extra(walk) => {
                let code = int(extras.len());
                order.extend([int(past_groups), int(extras.len())]);
                extras.push(quote! { #code => #walk, });
            }
        }
    }
    let families_method = ident(members::COLLECTOR_METHODS[3]);
    let groups = groups().map(|g| {
        let field = ident(&g.field);
        quote!(&self.#field.#families_method())
    });
    let extra = if extras.is_empty() {
        quote!(&mut |_, _| {})
    } else {
        quote!(&mut |encoder, extra| match extra { #(#extras)* _ => {} })
    };
    #[allow(non_snake_case)] // reads as the type it names in the quote below
    let (Metrics, scope) = (ident(members::REGISTRY_TYPE), ident(members::SCOPE_FIELD));
    quote! {
        impl #rt::Exposition for #Metrics {
            /// Walks every family of the spec, in `gather()` order, into
            /// `encoder`. Collectors registered on the registry by others
            /// are not included.
            fn encode(&self, encoder: &mut dyn #private::Encoder) {
                // (group, family) pairs, and (groups, extra) past them,
                // sorted by exported name.
                const ORDER: &[u32] = &[#(#order),*];
                #private::walk(
                    encoder,
                    &[#(#groups),*],
                    ORDER,
                    #extra,
                );
            }

            fn scope(&self) -> &#private::Scope {
                &self.#scope
            }
        }

        impl #Metrics {
            /// Every family of the spec in the Prometheus text format 0.0.4:
            /// byte for byte what `gather()` + `TextEncoder` print for them.
            pub fn encode_text(&self) -> ::std::string::String {
                #rt::Exposition::encode_text(self)
            }

            /// Every family of the spec in OpenMetrics 1.0 text, `# EOF` included.
            pub fn encode_openmetrics(&self) -> ::std::string::String {
                #rt::Exposition::encode_openmetrics(self)
            }

            /// Every family of the spec as Prometheus' delimited protobuf
            /// `MetricFamily` messages, exemplars included.
            pub fn encode_protobuf(&self) -> ::std::vec::Vec<u8> {
                #rt::Exposition::encode_protobuf(self)
            }
        }
    }
}

/// Pushes the walk of `metric`, whose family is `field`, onto `walks`, keyed
/// by its exported name; under dual emission also the walk of its old name.
pub(super) fn push_walks<'a>(
    walks: &mut Vec<(&'a str, TokenStream)>,
    metric: &'a Metric,
    field: &TokenStream,
) {
    walks.push((&metric.exported, quote! { #field.encode(encoder); }));
    if let Some((old, walk)) = old_walk(metric, field) {
        walks.push((old, quote! { #walk; }));
    }
}

/// Under dual emission, the old name of `metric`, whose family is `field`,
/// and the walk of the family under it.
fn old_walk<'a>(metric: &'a Metric, field: &TokenStream) -> Option<(&'a str, TokenStream)> {
    let (old, help) = lifecycle::old_family(metric)?;
    Some((old, quote! { #field.encode_as(encoder, #old, #help) }))
}

/// The walks in `gather()` order: by family name.
pub(super) fn sorted(
    mut walks: Vec<(&str, TokenStream)>,
) -> impl Iterator<Item = TokenStream> + '_ {
    walks.sort_by(|a, b| a.0.cmp(b.0));
    walks.into_iter().map(|(_, walk)| walk)
}
