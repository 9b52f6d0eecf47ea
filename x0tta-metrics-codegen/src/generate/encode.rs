//! `Metrics::encode`: every family of the spec walked once, in
//! `Registry::gather()` order (families by name), into any format's encoder;
//! and the text, OpenMetrics and `Exposition` entry points built on it.
//!
//! Every family walks its own cells; the overflow self-metric (one series
//! per bounded metric) is written once for the whole spec.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, lifecycle};
use crate::members;
use crate::model::{Metric, Spec, Storage};
use crate::validate::{OVERFLOW_HELP, OVERFLOW_METRIC};

pub(super) fn generate(spec: &Spec, rt: &TokenStream) -> TokenStream {
    let private = super::private();
    let mut walks: Vec<(&str, TokenStream)> = Vec::new();
    let mut overflowing = Vec::new();
    // A static group lives in the user's `static`, not in `Metrics`.
    for (group, metric) in spec.metrics().filter(|(g, _)| !g.is_static) {
        let field = {
            let (group, metric) = (ident(&group.field), ident(&metric.accessor));
            quote!(self.#group.#metric)
        };
        if let Storage::Bounded(_) = metric.storage {
            overflowing.push((metric.exported.as_str(), field.clone()));
        }
        push_walks(&mut walks, metric, &field);
    }
    if !overflowing.is_empty() {
        overflowing.sort_by(|a, b| a.0.cmp(b.0));
        let series = overflowing
            .iter()
            .map(|(name, field)| quote! { (#name, #field.overflowed()) });
        let (name, help) = (OVERFLOW_METRIC, OVERFLOW_HELP);
        walks.push((
            OVERFLOW_METRIC,
            quote! { #private::overflow(encoder, #name, #help, &[#(#series),*]); },
        ));
    }
    let walks = sorted(walks);
    #[allow(non_snake_case)] // reads as the type it names in the quote below
    let (Metrics, scope) = (ident(members::REGISTRY_TYPE), ident(members::SCOPE_FIELD));
    quote! {
        impl #rt::Exposition for #Metrics {
            /// Walks every family of the spec, in `gather()` order, into
            /// `encoder`. Collectors registered on the registry by others
            /// are not included.
            fn encode(&self, encoder: &mut dyn #private::Encoder) {
                #(#walks)*
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
    if let Some((old, help)) = lifecycle::old_family(metric) {
        walks.push((old, quote! { #field.encode_as(encoder, #old, #help); }));
    }
}

/// The walks in `gather()` order: by family name.
pub(super) fn sorted(
    mut walks: Vec<(&str, TokenStream)>,
) -> impl Iterator<Item = TokenStream> + '_ {
    walks.sort_by(|a, b| a.0.cmp(b.0));
    walks.into_iter().map(|(_, walk)| walk)
}
