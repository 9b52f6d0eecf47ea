//! One collector struct per group, with one typed accessor per metric.

use proc_macro2::TokenStream;
use quote::quote;

use proc_macro2::Literal;

use super::params::{params, Params};
use super::{doc, ident, int, lifecycle, spec_text};
use crate::members;
use crate::model::{Group, Kind, LabelValues, Metric, SeriesBudget, Spec, ValueType};
use crate::validate::{OVERFLOW_HELP, OVERFLOW_METRIC};

pub(super) fn generate(spec: &Spec, group: &Group) -> TokenStream {
    let name = ident(&group.rust_name);
    let doc = doc(&format!(
        "{}\n\nGroup `{}` of the spec.",
        spec_text(&group.help),
        group.name
    ));
    let families: Vec<Family> = group
        .metrics
        .iter()
        .map(|m| Family::new(spec, group, m))
        .collect();
    let fields = families.iter().map(Family::field);
    let inits = families.iter().map(Family::init);
    let accessors = families.iter().map(Family::accessor);
    let labels_structs = families
        .iter()
        .filter_map(|f| f.params.labels_struct.as_ref());
    let debug_name = &group.rust_name;
    let [register, hidden_register] = members::COLLECTOR_METHODS.map(ident);
    quote! {
        #doc
        #[derive(Clone)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// Creates the group's families and registers them on `registry`.
            /// If any name is already taken, nothing stays registered.
            pub fn #register(
                registry: &::x0tta_metrics::prometheus::Registry,
            ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
                let mut registration = ::x0tta_metrics::__private::Registration::new(registry);
                let group = Self::#hidden_register(&mut registration)?;
                registration.commit();
                ::core::result::Result::Ok(group)
            }

            #[doc(hidden)]
            pub fn #hidden_register(
                registration: &mut ::x0tta_metrics::__private::Registration,
            ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
                ::core::result::Result::Ok(Self {
                    #(#inits)*
                })
            }

            #(#accessors)*
        }

        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#debug_name).finish_non_exhaustive()
            }
        }

        #(#labels_structs)*
    }
}

/// What the generator needs to know about one metric.
struct Family<'a> {
    spec: &'a Spec,
    metric: &'a Metric,
    /// The prometheus handle type (`IntCounter`, `Histogram`, …).
    handle: TokenStream,
    /// The labelled family type (`IntCounterVec`, `HistogramVec`, …).
    vec: TokenStream,
    /// How the accessor takes the label values.
    params: Params,
}

impl<'a> Family<'a> {
    fn new(spec: &'a Spec, group: &Group, metric: &'a Metric) -> Self {
        let (handle, vec) = match (metric.kind, metric.value) {
            (Kind::Counter, ValueType::Int) => (quote!(IntCounter), quote!(IntCounterVec)),
            (Kind::Counter, ValueType::Float) => (quote!(Counter), quote!(CounterVec)),
            (Kind::Gauge, ValueType::Int) => (quote!(IntGauge), quote!(IntGaugeVec)),
            (Kind::Gauge, ValueType::Float) => (quote!(Gauge), quote!(GaugeVec)),
            (Kind::Histogram, _) => (quote!(Histogram), quote!(HistogramVec)),
        };
        let handle = if metric.sharded {
            quote!(::x0tta_metrics::ShardedCounter)
        } else {
            quote!(::x0tta_metrics::prometheus::#handle)
        };
        Family {
            spec,
            metric,
            handle,
            vec: quote!(::x0tta_metrics::prometheus::#vec),
            params: params(spec, group, metric),
        }
    }

    /// Number of series created up front: the product of the closed sets' sizes.
    fn closed_series(&self) -> usize {
        self.enum_sizes().product()
    }

    fn enum_sizes(&self) -> impl Iterator<Item = usize> + '_ {
        self.metric.labels.iter().map(|l| match l.values {
            LabelValues::Enum(i) => self.spec.enums[i].values.len(),
            LabelValues::Free => 1,
        })
    }

    fn field(&self) -> TokenStream {
        let field = ident(&self.metric.accessor);
        let Family { handle, vec, .. } = self;
        let ty = if self.metric.labels.is_empty() {
            handle.clone()
        } else if self.metric.is_closed() {
            let n = int(self.closed_series());
            quote!([#handle; #n])
        } else {
            quote!(::x0tta_metrics::bounded::Bounded<#vec>)
        };
        quote! { #field: #ty, }
    }

    /// `Opts` or `HistogramOpts` with the exported name, help and buckets.
    fn opts(&self) -> TokenStream {
        let name = &self.metric.exported;
        let help = &self.metric.help;
        if self.metric.kind == Kind::Histogram {
            let buckets = self
                .metric
                .buckets
                .iter()
                .map(|b| Literal::f64_unsuffixed(*b));
            quote! {
                ::x0tta_metrics::prometheus::HistogramOpts::new(#name, #help).buckets(vec![#(#buckets),*])
            }
        } else {
            quote! { ::x0tta_metrics::prometheus::Opts::new(#name, #help) }
        }
    }

    fn init(&self) -> TokenStream {
        if self.metric.sharded {
            return self.sharded_init();
        }
        let field = ident(&self.metric.accessor);
        let opts = self.opts();
        let Family { handle, vec, .. } = self;
        // Under dual emission the family is also registered under its old name.
        let dual = lifecycle::dual_emission(self.metric);
        let simple = |family: TokenStream| match &dual {
            None => quote! { #field: #family, },
            Some(dual) => quote! { #field: { let family = #family; #dual family }, },
        };
        if self.metric.labels.is_empty() {
            return simple(quote! { registration.register(#handle::with_opts(#opts)?)? });
        }
        let names = self.metric.labels.iter().map(|l| &l.name);
        let family = quote! { #vec::new(#opts, &[#(#names),*])? };
        if let Some(budget) = self.metric.budget {
            return simple(self.bounded(family, budget));
        }
        let family = quote! { registration.register(#family)? };
        let values = self.child_values();
        quote! {
            #field: {
                let family = #family;
                #dual
                ::x0tta_metrics::__private::children(&family, |i| [#(#values),*])
            },
        }
    }

    /// A family with free-form labels, wrapped in its series budget, with the
    /// counter of its overflowed updates registered beside it.
    fn bounded(&self, family: TokenStream, budget: SeriesBudget) -> TokenStream {
        let max_series = int(budget.max_series);
        let expire_after = match budget.expire_after_seconds {
            Some(seconds) => {
                let seconds = Literal::f64_unsuffixed(seconds);
                quote!(::core::option::Option::Some(::core::time::Duration::from_secs_f64(#seconds)))
            }
            None => quote!(::core::option::Option::None),
        };
        let free = self
            .metric
            .labels
            .iter()
            .map(|l| l.values == LabelValues::Free);
        let (overflow, help, exported) = (OVERFLOW_METRIC, OVERFLOW_HELP, &self.metric.exported);
        quote! {{
            let overflowed = registration.register(::x0tta_metrics::prometheus::IntCounter::with_opts(
                ::x0tta_metrics::prometheus::Opts::new(#overflow, #help).const_label("metric", #exported),
            )?)?;
            let budget = ::x0tta_metrics::bounded::Budget { max_series: #max_series, expire_after: #expire_after };
            registration.register(::x0tta_metrics::bounded::BoundedFamily::new(#family, budget, &[#(#free),*], overflowed))?
        }}
    }

    /// The label values of child `i`: for each label, the value at its digit
    /// of `i` in the mixed radix of the label sets' sizes (the last label
    /// varies fastest).
    fn child_values(&self) -> Vec<TokenStream> {
        let sizes: Vec<usize> = self.enum_sizes().collect();
        let values = self.metric.labels.iter().enumerate().map(|(k, l)| {
            let LabelValues::Enum(e) = l.values else {
                unreachable!("closed metric")
            };
            let ty = ident(&self.spec.enums[e].rust_name);
            let stride: usize = sizes[k + 1..].iter().product();
            let digit = match (stride, k) {
                (1, 0) => quote!(i),
                (1, _) => {
                    let size = int(sizes[k]);
                    quote!(i % #size)
                }
                (_, 0) => {
                    let stride = int(stride);
                    quote!(i / #stride)
                }
                _ => {
                    let (stride, size) = (int(stride), int(sizes[k]));
                    quote!(i / #stride % #size)
                }
            };
            quote! { #ty::ALL[#digit].as_str() }
        });
        values.collect()
    }

    /// A sharded counter's series, registered as one collector.
    fn sharded_init(&self) -> TokenStream {
        let field = ident(&self.metric.accessor);
        let (name, help) = (&self.metric.exported, &self.metric.help);
        let n = int(self.closed_series());
        let names = self.metric.labels.iter().map(|l| &l.name);
        let values = self.child_values();
        let index = if values.is_empty() {
            quote!(_)
        } else {
            quote!(i)
        };
        // Under dual emission the family is also registered under its old name.
        let old_name = match lifecycle::old_family(self.metric) {
            Some((old, old_help)) => quote!(::core::option::Option::Some((#old, #old_help))),
            None => quote!(::core::option::Option::None),
        };
        let children = quote! {
            ::x0tta_metrics::__private::sharded_children::<#n, _>(
                registration, #name, #help, [#(#names),*], |#index| [#(#values),*], #old_name,
            )?
        };
        if self.metric.labels.is_empty() {
            quote! { #field: { let [counter] = #children; counter }, }
        } else {
            quote! { #field: #children, }
        }
    }

    fn accessor(&self) -> TokenStream {
        let metric = self.metric;
        let method = ident(&metric.accessor);
        let field = ident(&metric.accessor);
        let handle = &self.handle;
        let doc = doc(&self.doc());
        let deprecated = lifecycle::deprecated_attr(self.spec, metric);
        let Params { decl, bind, .. } = &self.params;
        let (ret, body, inline) = if metric.labels.is_empty() {
            (quote!(&#handle), quote!(&self.#field), None)
        } else if metric.is_closed() {
            let sizes: Vec<usize> = self.enum_sizes().collect();
            let index = metric.labels.iter().enumerate().map(|(k, l)| {
                let arg = ident(&l.arg);
                let stride: usize = sizes[k + 1..].iter().product();
                if stride == 1 {
                    quote!(#arg as usize)
                } else {
                    let stride = int(stride);
                    quote!(#arg as usize * #stride)
                }
            });
            let body = quote!(&self.#field[#(#index)+*]);
            (quote!(&#handle), body, Some(quote!(#[inline])))
        } else {
            let values = self.label_values();
            let body = quote!(self.#field.get(&[#(#values),*]));
            (quote!(#handle), body, None)
        };
        let aliases = lifecycle::aliases(metric, &self.params, &ret);
        let eviction = self.eviction();
        quote! {
            #doc
            #deprecated
            #inline
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
        let metric = self.metric;
        let budget = metric.budget?;
        let accessor = metric.accessor.trim_start_matches("r#");
        let field = ident(&metric.accessor);
        let vec = &self.vec;
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
            pub fn #family(&self) -> &::x0tta_metrics::bounded::Bounded<#vec> {
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
        doc.push_str(&lifecycle::doc_lines(m));
        doc
    }
}
