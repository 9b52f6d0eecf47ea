//! One collector struct per group, with one typed accessor per metric.
//!
//! Every function here matches the family's [`Storage`], decided once in
//! validation: scalar, dense and sharded families are a runtime `Family` of
//! cells described by a constant `Meta`; bounded ones a `BoundedFamily`.
//!
//! A family costs few items, as rustc's time and memory grow with them: a
//! field, one row of the group's `Meta` table, one line of the group's
//! registration (a call that cannot fail, so no branch per field), and its
//! accessor; everything else is generic code in the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use proc_macro2::Literal;

use super::params::{params, Params};
use super::shared::Shared;
use super::{doc, ident, int, lifecycle, spec_text};
use crate::members;
use crate::model::{Group, Kind, LabelValues, Metric, Spec, Storage, ValueType};

pub(super) fn generate(
    spec: &Spec,
    shared: &Shared,
    group: &Group,
    rt: &TokenStream,
) -> TokenStream {
    if group.is_static {
        return super::statics::generate(spec, shared, group, rt);
    }
    let name = ident(&group.rust_name);
    let doc = doc(&format!(
        "{}\n\nGroup `{}` of the spec.",
        spec_text(&group.help),
        group.name
    ));
    let families = families(spec, group);
    let fields = families.iter().map(Family::field);
    let metas = families.iter().map(|f| f.meta(shared));
    let table = ident(members::META_TABLE);
    let private = super::private();
    let inits = families.iter().map(|f| f.init(shared));
    let accessors = families.iter().map(Family::accessor);
    let after = debug_and_labels(group, &families);
    let [register, hidden_register, _, families_method] = members::COLLECTOR_METHODS.map(ident);
    let count = int(families.len());
    let walked = families.iter().map(|f| ident(&f.metric.accessor));
    quote! {
        #doc
        #[derive(Clone)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The families' constants, in spec order.
            const #table: &'static [#private::Meta] = &[#(#metas),*];

            /// Creates the group's families and registers them on `registry`.
            /// If any name is already taken, nothing stays registered.
            pub fn #register(
                registry: &#rt::prometheus::Registry,
            ) -> ::core::result::Result<Self, #rt::prometheus::Error> {
                let mut registration = #private::Registration::new(registry);
                let group = Self::#hidden_register(&mut registration);
                registration.finish(group)
            }

            #[doc(hidden)]
            pub fn #hidden_register(registration: &mut #private::Registration) -> Self {
                let table = Self::#table;
                Self {
                    #(#inits)*
                }
            }

            /// The families, in spec order, for the registry's walk.
            #[doc(hidden)]
            pub fn #families_method(&self) -> [&dyn #private::Walk; #count] {
                [#(&self.#walked),*]
            }

            #(#accessors)*
        }

        #after
    }
}

/// The generator's view of each metric of `group`, in spec order.
pub(super) fn families<'a>(spec: &'a Spec, group: &'a Group) -> Vec<Family<'a>> {
    group
        .metrics
        .iter()
        .enumerate()
        .map(|(index, m)| Family::new(spec, group, m, index))
        .collect()
}

/// What follows every collector's `impl`: its `Debug` (no values: a
/// collector holds thousands) and the labels structs its accessors take.
pub(super) fn debug_and_labels(group: &Group, families: &[Family]) -> TokenStream {
    let name = ident(&group.rust_name);
    let debug_name = &group.rust_name;
    let labels_structs = families
        .iter()
        .filter_map(|f| f.params.labels_struct.as_ref());
    quote! {
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#debug_name).finish_non_exhaustive()
            }
        }

        #(#labels_structs)*
    }
}

/// What the generator needs to know about one metric.
pub(super) struct Family<'a> {
    spec: &'a Spec,
    pub(super) metric: &'a Metric,
    /// The handle type the accessor returns (`IntCounter`, `Histogram`, …).
    pub(super) handle: TokenStream,
    /// The family's row in the group's `Meta` table.
    row: TokenStream,
    /// The same row in `__register`, where the table is the local `table`
    /// (a path to an associated constant costs rustc more than a local).
    meta: TokenStream,
    /// How the accessor takes the label values.
    pub(super) params: Params,
}

impl<'a> Family<'a> {
    pub(super) fn new(spec: &'a Spec, group: &Group, metric: &'a Metric, index: usize) -> Self {
        let handle = match (metric.storage, metric.kind, metric.value) {
            (Storage::Sharded, ..) => quote!(ShardedCounter),
            (_, Kind::Counter, ValueType::Int) => quote!(IntCounter),
            (_, Kind::Counter, ValueType::Float) => quote!(Counter),
            (_, Kind::Gauge, ValueType::Int) => quote!(IntGauge),
            (_, Kind::Gauge, ValueType::Float) => quote!(Gauge),
            // In a static group the bucket counts are inline, sized by the
            // bounds (`+Inf`'s included).
            (_, Kind::Histogram, _) if group.is_static => {
                let buckets = int(metric.buckets.len() + 1);
                quote!(StaticHistogram<#buckets>)
            }
            (_, Kind::Histogram, _) => quote!(Histogram),
        };
        // Through the private module's alias: shorter than `#rt::…` in every
        // field, accessor and alias that names the handle.
        let private = super::private();
        let handle = if metric.exemplars {
            quote!(#private::Exemplars<#private::#handle>)
        } else {
            quote!(#private::#handle)
        };
        let (table, index) = (ident(members::META_TABLE), int(index));
        Family {
            spec,
            metric,
            handle,
            row: quote!(Self::#table[#index]),
            meta: quote!(table[#index]),
            params: params(spec, group, metric),
        }
    }

    fn field(&self) -> TokenStream {
        let handle = &self.handle;
        let private = super::private();
        let field = ident(&self.metric.accessor);
        let ty = match self.metric.storage {
            Storage::Bounded(_) => quote!(#private::BoundedFamily<#handle>),
            _ => quote!(#private::Family<#handle>),
        };
        quote! { #field: #ty, }
    }

    /// The family's constants: its row of the `Meta` table, only what
    /// differs from its kind's default row (see [`Shared`]).
    pub(super) fn meta(&self, shared: &Shared) -> TokenStream {
        let metric = self.metric;
        let private = super::private();
        let (exported, help) = (&metric.exported, &metric.help);
        let labels = shared.labels(metric).map(|l| quote!(labels: #l,));
        let buckets = shared.buckets(metric).map(|b| quote!(buckets: #b,));
        let unit = metric.unit.as_deref().map(|unit| quote!(unit: #unit,));
        let native = metric.native.map(|n| {
            let schema = Literal::i8_unsuffixed(n.schema);
            let max_buckets = Literal::u32_unsuffixed(n.max_buckets);
            let zero_threshold = Literal::f64_unsuffixed(n.zero_threshold);
            quote!(native: ::core::option::Option::Some(#private::NativeConfig {
                schema: #schema,
                max_buckets: #max_buckets,
                zero_threshold: #zero_threshold,
            }),)
        });
        let headers = super::headers::headers(metric).map(|h| quote!(headers: #h,));
        let base = Shared::base(metric.kind);
        quote! {
            #private::Meta { name: #exported, help: #help, #labels #buckets #unit #native #headers ..#base }
        }
    }

    fn init(&self, shared: &Shared) -> TokenStream {
        let (metric, meta) = (self.metric, &self.meta);
        let field = ident(&metric.accessor);
        let family = match metric.storage {
            Storage::Bounded(_) => self.bounded(shared),
            _ => quote! { registration.family(&#meta) },
        };
        // Under dual emission the family is also registered under its old name.
        match lifecycle::dual_emission(metric) {
            None => quote! { #field: #family, },
            Some(dual) => quote! { #field: { let family = #family; #dual family }, },
        }
    }

    /// A family with free-form labels within its series budget; it counts
    /// its overflowed updates in the shared overflow family.
    fn bounded(&self, shared: &Shared) -> TokenStream {
        let (metric, meta) = (self.metric, &self.meta);
        let budget = shared.budget(metric);
        let overflow = Shared::overflow();
        let free = metric.labels.iter().map(|l| l.values == LabelValues::Free);
        quote! { registration.bounded(&#meta, #budget, &[#(#free),*], #overflow) }
    }

    pub(super) fn accessor(&self) -> TokenStream {
        let metric = self.metric;
        let method = ident(&metric.accessor);
        let field = ident(&metric.accessor);
        let handle = &self.handle;
        let doc = doc(&self.doc());
        let deprecated = lifecycle::deprecated_attr(self.spec, metric);
        let Params { decl, bind, .. } = &self.params;
        let (ret, body) = match metric.storage {
            Storage::Scalar => (quote!(&#handle), quote!(self.#field.get(0))),
            Storage::Dense | Storage::Sharded => {
                let meta = &self.row;
                let digits: Vec<TokenStream> = metric
                    .labels
                    .iter()
                    .map(|l| {
                        let arg = ident(&l.arg);
                        quote!(#arg as usize)
                    })
                    .collect();
                // Without labels the code is 0 and with one it is the value's
                // number (`LabelSpace::encode` of one digit): the accessor
                // then needs neither the table nor a call, which is less for
                // rustc to check in every such family.
                let code = match digits.as_slice() {
                    [] => quote!(0),
                    [digit] => digit.clone(),
                    _ => quote!(#meta.labels.encode([#(#digits),*])),
                };
                (quote!(&#handle), quote!(self.#field.get(#code)))
            }
            Storage::Bounded(_) => {
                let values = self.label_values();
                let private = super::private();
                let ret = quote!(#private::Arc<#handle>);
                (ret, quote!(self.#field.get(&[#(#values),*])))
            }
        };
        let aliases = lifecycle::aliases(metric, &self.params, &ret);
        let eviction = self.eviction();
        quote! {
            #doc
            #deprecated
            #[inline]
            pub fn #method(&self, #(#decl),*) -> #ret {
                #bind
                #body
            }
            #aliases
            #eviction
        }
    }

    /// The accessor's arguments as label value strings, in spec order.
    fn label_values(&self) -> Vec<TokenStream> {
        let values = self.metric.labels.iter().map(|l| {
            let arg = ident(&l.arg);
            match l.values {
                LabelValues::Enum(_) => quote!(#arg.as_str()),
                LabelValues::Free => quote!(#arg),
            }
        });
        values.collect()
    }

    /// For a bounded family: removing one series, and the family itself
    /// (retain by predicate, live series, overflowed updates).
    fn eviction(&self) -> Option<TokenStream> {
        let Params { decl, bind, .. } = &self.params;
        let (metric, private) = (self.metric, super::private());
        let Storage::Bounded(budget) = metric.storage else {
            return None;
        };
        let accessor = metric.accessor.trim_start_matches("r#");
        let field = ident(&metric.accessor);
        let handle = &self.handle;
        let remove = ident(&members::remove_method(accessor));
        let family = ident(&members::family_method(accessor));
        let values = self.label_values();
        let remove_doc = doc(&format!(
            "Stops exporting the series of [`{accessor}`](Self::{accessor}) with these label values, \
             freeing its place in the budget of {} series. `false` if there was none.",
            budget.max_series
        ));
        let family_doc = doc(&format!(
            "The bounded family behind [`{accessor}`](Self::{accessor}): `retain` by predicate, \
             `len` of live series, `overflowed` updates."
        ));
        Some(quote! {
            #remove_doc
            pub fn #remove(&self, #(#decl),*) -> bool {
                #bind
                self.#field.remove(&[#(#values),*])
            }
            #family_doc
            pub fn #family(&self) -> &#private::BoundedFamily<#handle> {
                &self.#field
            }
        })
    }

    /// The accessor's rustdoc: the YAML help, then the exported name and labels.
    fn doc(&self) -> String {
        let m = self.metric;
        let mut doc = format!(
            "{}\n\nExported as `{}` ({}).",
            spec_text(&m.help),
            m.exported,
            m.kind.as_str()
        );
        for label in &m.labels {
            let values = match label.values {
                LabelValues::Enum(e) => format!("one of [`{}`]", self.spec.enums[e].rust_name),
                LabelValues::Free => "free-form".to_string(),
            };
            doc.push_str(&format!("\n- label `{}`: {values}", label.name));
        }
        if let Some(labels) = &m.labels_struct {
            doc.push_str(&format!(
                "\n\nTwo labels share a Rust type, so they are passed by name in [`{labels}`]."
            ));
        }
        if m.exemplars {
            let method = if m.kind == Kind::Histogram {
                "observe_with_exemplar(v, &[(\"trace_id\", id)])"
            } else {
                "inc_with_exemplar(&[(\"trace_id\", id)])"
            };
            doc.push_str(&format!(
                "\n\nKeeps exemplars: `{method}`, written in OpenMetrics."
            ));
        }
        if let Some(n) = m.native {
            let classic = if m.buckets.is_empty() {
                "no classic buckets: the text formats write its `+Inf` bucket, `_sum` and `_count` only"
            } else {
                "the classic buckets too (the text formats write those)"
            };
            doc.push_str(&format!(
                "\n\nNative histogram: schema {} (2^{} buckets per power of two, fewer past {} populated buckets), \
                 zero bucket up to {:?}, written in the protobuf format; {classic}.",
                n.schema, n.schema, n.max_buckets, n.zero_threshold
            ));
        }
        doc.push_str(&lifecycle::doc_lines(m));
        doc
    }
}
