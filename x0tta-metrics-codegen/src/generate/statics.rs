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
use quote::quote;

use super::encode::{push_walks, sorted};
use super::group::{debug_and_labels, families, Family};
use super::shared::Shared;
use super::{doc, ident, int, lifecycle, spec_text};
use crate::members;
use crate::model::{Group, Kind, LabelValues, Metric, Spec};

pub(super) fn generate(
    spec: &Spec,
    shared: &Shared,
    group: &Group,
    rt: &TokenStream,
) -> TokenStream {
    let name = ident(&group.rust_name);
    let doc = doc(&format!(
        "{}\n\nGroup `{}` of the spec, static: declare `static {}: {} = {}::new();`, \
         update it from anywhere, and register it once with `register`.",
        spec_text(&group.help),
        group.name,
        group.name.to_uppercase(),
        group.rust_name,
        group.rust_name,
    ));
    let families = families(spec, group);
    let private = super::private();
    let table = ident(members::META_TABLE);
    let metas = families.iter().map(|f| f.meta(shared));
    let fields = families.iter().map(|f| {
        let (field, handle) = (ident(&f.metric.accessor), &f.handle);
        let series = int(series(spec, f.metric));
        quote! { #field: #private::StaticFamily<#handle, #series>, }
    });
    let inits = families.iter().enumerate().map(|(index, f)| {
        let (field, index) = (ident(&f.metric.accessor), int(index));
        let meta = quote!(&Self::#table[#index]);
        let family = if f.metric.kind == Kind::Histogram {
            // A histogram's cells are sized by its bounds: an array of
            // them, each built by a `const fn` from the shared bounds.
            let bounds = match shared.buckets(f.metric) {
                Some(bounds) => quote!(#bounds),
                None => quote!(&[]),
            };
            let (handle, series) = (&f.handle, int(series(spec, f.metric)));
            quote!(with_cells(#meta, [const { <#handle>::new_static(#bounds) }; #series]))
        } else {
            quote!(new(#meta))
        };
        quote! { #field: #private::StaticFamily::#family, }
    });
    let registrations = families.iter().map(|f| {
        let field = ident(&f.metric.accessor);
        let family = quote! { registration.static_family(&self.#field) };
        match lifecycle::dual_emission(f.metric) {
            None => quote! { #family; },
            Some(dual) => quote! { { let family = #family; #dual } },
        }
    });
    let mut walks = Vec::new();
    for f in &families {
        let field = ident(&f.metric.accessor);
        push_walks(&mut walks, f.metric, &quote!(self.#field));
    }
    let walks = sorted(walks);
    let accessors = families.iter().map(Family::accessor);
    let after = debug_and_labels(group, &families);
    let [register, _, new, _] = members::COLLECTOR_METHODS.map(ident);
    quote! {
        #doc
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The families' constants, in spec order.
            const #table: &'static [#private::Meta] = &[#(#metas),*];

            /// Every family of the group, each series at zero: a constant
            /// expression, for a `static`.
            #[allow(clippy::new_without_default)] // `Default` is not `const`
            pub const fn #new() -> Self {
                Self {
                    #(#inits)*
                }
            }

            /// Registers the group's families on `registry`, which then
            /// gathers them from this `static`. If any name is already
            /// taken, nothing stays registered.
            pub fn #register(
                &'static self,
                registry: &#rt::prometheus::Registry,
            ) -> ::core::result::Result<(), #rt::prometheus::Error> {
                let mut registration = #private::Registration::new(registry);
                #(#registrations)*
                registration.finish(())
            }

            #(#accessors)*
        }

        impl #rt::Exposition for #name {
            /// Walks every family of the group, in `gather()` order, into
            /// `encoder`, without a registry's prefix and common labels
            /// (serve it with `Combined` beside a `Metrics` to get them).
            fn encode(&self, encoder: &mut dyn #private::Encoder) {
                #(#walks)*
            }

            fn scope(&self) -> &#private::Scope {
                #private::Scope::empty()
            }
        }

        #after
    }
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
