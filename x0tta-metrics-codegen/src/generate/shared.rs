//! Constants the families' `Meta` rows share, written once per spec.
//!
//! A row spells only what sets it apart from the default row of its kind
//! (name, help, and labels, buckets, unit or native buckets when it has
//! them), and names its label space and bucket bounds by a constant that
//! every family with the same ones shares. rustc checks each `&[…]` of a
//! constant as a body of its own, so 10,000 rows each spelling their label
//! names, enum tables and bucket bounds cost it seconds; a path to a shared
//! constant costs it next to nothing.
//!
//! The constants sit beside the generated items, hidden and named
//! `__X0TTA_…` in upper case: no spec name becomes such an identifier.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::Duration;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::code::Code;
use super::ident;
use crate::members;
use crate::model::{Kind, LabelValues, Metric, Spec, Storage};
use crate::validate::{OVERFLOW_HELP, OVERFLOW_METRIC};

/// The shared constants of one spec, numbered in the order the metrics
/// first use them.
pub(super) struct Shared<'a> {
    /// Each distinct label space: (label name, enum index or `None` for a
    /// free-form label) per label, in spec order.
    spaces: Distinct<Vec<(&'a str, Option<usize>)>>,
    /// Each distinct list of finite bucket bounds (as bits, so they hash).
    buckets: Distinct<Vec<u64>>,
    /// Each distinct series budget.
    budgets: Distinct<BudgetKey>,
    /// Which kinds have a default row (only the used ones are written).
    kinds: [bool; 3],
    /// The constants of every metric: by group and metric, in spec order.
    per_group: Vec<Vec<Consts>>,
}

/// A series budget: max series and the expiry as (seconds, nanoseconds).
type BudgetKey = (usize, Option<(u64, u32)>);

/// Distinct values, numbered in the order they first come.
struct Distinct<K> {
    values: Vec<K>,
    numbers: HashMap<K, usize>,
}

impl<K: Clone + Eq + Hash> Distinct<K> {
    fn new() -> Self {
        Distinct {
            values: Vec::new(),
            numbers: HashMap::new(),
        }
    }

    /// The number of `value`, which it gets if it is new.
    fn add(&mut self, value: K) -> usize {
        if let Some(&number) = self.numbers.get(&value) {
            return number;
        }
        let number = self.values.len();
        self.numbers.insert(value.clone(), number);
        self.values.push(value);
        number
    }
}

/// A shared constant's name: its kind's prefix and its number.
#[derive(Clone, Copy)]
pub(super) struct Const {
    prefix: &'static str,
    number: usize,
}

impl Const {
    pub(super) fn write(self, code: &mut Code) {
        code.numbered(self.prefix, self.number);
    }

    fn ident(self) -> Ident {
        format_ident!("{}{}", self.prefix, self.number)
    }
}

/// The shared constants one metric's code names.
#[derive(Clone, Copy)]
pub(super) struct Consts {
    /// Its label space; `None` without labels.
    pub(super) labels: Option<Const>,
    /// Its bucket bounds; `None` without any.
    pub(super) buckets: Option<Const>,
    /// A bounded metric's series budget.
    pub(super) budget: Option<Const>,
}

impl<'a> Shared<'a> {
    pub(super) fn new(spec: &'a Spec) -> Self {
        let mut shared = Shared {
            spaces: Distinct::new(),
            buckets: Distinct::new(),
            budgets: Distinct::new(),
            kinds: [false; 3],
            per_group: Vec::with_capacity(spec.groups.len()),
        };
        for group in &spec.groups {
            let consts = group
                .metrics
                .iter()
                .map(|metric| shared.add(metric))
                .collect();
            shared.per_group.push(consts);
        }
        shared
    }

    /// Numbers `metric`'s constants, adding those not seen yet.
    fn add(&mut self, metric: &'a Metric) -> Consts {
        self.kinds[kind_index(metric.kind)] = true;
        let space = space_key(metric);
        let bounds = bucket_key(metric);
        let named = |prefix, number| Some(Const { prefix, number });
        Consts {
            labels: (!space.is_empty())
                .then(|| self.spaces.add(space))
                .and_then(|n| named(LABELS, n)),
            buckets: (!bounds.is_empty())
                .then(|| self.buckets.add(bounds))
                .and_then(|n| named(BUCKETS, n)),
            budget: budget_key(metric).and_then(|budget| named(BUDGET, self.budgets.add(budget))),
        }
    }

    /// The constants of each metric of the spec's `index`-th group, in spec
    /// order: worked out once, in [`Shared::new`].
    pub(super) fn of_group(&self, index: usize) -> &[Consts] {
        &self.per_group[index]
    }

    /// The constant holding the overflow family's name and help, written
    /// when the spec has a bounded metric.
    pub(super) const OVERFLOW: &'static str = "__X0TTA_OVERFLOW";

    /// The default row of `kind`, which every row of that kind starts from.
    pub(super) fn base(kind: Kind) -> &'static str {
        match kind {
            Kind::Counter => "__X0TTA_COUNTER",
            Kind::Gauge => "__X0TTA_GAUGE",
            Kind::Histogram => "__X0TTA_HISTOGRAM",
        }
    }

    /// The constants themselves.
    pub(super) fn items(&self, spec: &Spec) -> TokenStream {
        let private = super::private();
        let budgets = self.budgets.values.iter().enumerate().map(|(i, (max_series, expiry))| {
            let name = Const { prefix: BUDGET, number: i }.ident();
            let max_series = Literal::usize_unsuffixed(*max_series);
            let expire_after = match expiry {
                Some((secs, nanos)) => {
                    let (secs, nanos) = (Literal::u64_unsuffixed(*secs), Literal::u32_unsuffixed(*nanos));
                    quote!(::core::option::Option::Some(::core::time::Duration::new(#secs, #nanos)))
                }
                None => quote!(::core::option::Option::None),
            };
            quote! {
                const #name: #private::Budget =
                    #private::Budget { max_series: #max_series, expire_after: #expire_after };
            }
        });
        let overflow = (!self.budgets.values.is_empty()).then(|| {
            let name = ident(Self::OVERFLOW);
            let (metric, help) = (OVERFLOW_METRIC, OVERFLOW_HELP);
            quote! { const #name: (&str, &str) = (#metric, #help); }
        });
        let spaces = self.spaces.values.iter().enumerate().map(|(i, space)| {
            let name = Const {
                prefix: LABELS,
                number: i,
            }
            .ident();
            let names = space.iter().map(|(label, _)| label);
            let sets = space.iter().map(|(_, values)| match values {
                Some(e) => {
                    let ty = ident(&spec.enums[*e].rust_name);
                    quote!(&#ty::LABELS)
                }
                // A bounded family's values are the ones it is given.
                None => quote!(&[]),
            });
            quote! {
                const #name: #private::LabelSpace =
                    #private::LabelSpace { names: &[#(#names),*], values: &[#(#sets),*] };
            }
        });
        let buckets = self.buckets.values.iter().enumerate().map(|(i, bounds)| {
            let name = Const {
                prefix: BUCKETS,
                number: i,
            }
            .ident();
            let bounds = bounds
                .iter()
                .map(|b| Literal::f64_unsuffixed(f64::from_bits(*b)));
            quote! { const #name: &[f64] = &[#(#bounds),*]; }
        });
        #[allow(non_snake_case)] // reads as the type it names in the quote below
        let (Metrics, const_labels) = (ident(members::REGISTRY_TYPE), ident(members::CONST_LABELS));
        let kinds = [Kind::Counter, Kind::Gauge, Kind::Histogram];
        let bases = kinds
            .into_iter()
            .filter(|kind| self.kinds[kind_index(*kind)])
            .map(|kind| {
                let name = ident(Self::base(kind));
                let variant = match kind {
                    Kind::Counter => quote!(Counter),
                    Kind::Gauge => quote!(Gauge),
                    Kind::Histogram => quote!(Histogram),
                };
                quote! {
                    const #name: #private::Meta = #private::Meta {
                        name: "",
                        help: "",
                        kind: #private::MetricKind::#variant,
                        labels: #private::LabelSpace::NONE,
                        buckets: &[],
                        unit: "",
                        native: ::core::option::Option::None,
                        const_labels: #Metrics::#const_labels,
                        headers: "",
                    };
                }
            });
        quote! { #(#bases)* #(#spaces)* #(#buckets)* #(#budgets)* #overflow }
    }
}

/// The prefixes of the shared constants' names, which end in their number.
const LABELS: &str = "__X0TTA_LABELS_";
const BUCKETS: &str = "__X0TTA_BUCKETS_";
const BUDGET: &str = "__X0TTA_BUDGET_";

fn kind_index(kind: Kind) -> usize {
    match kind {
        Kind::Counter => 0,
        Kind::Gauge => 1,
        Kind::Histogram => 2,
    }
}

fn space_key(metric: &Metric) -> Vec<(&str, Option<usize>)> {
    let values = |values: LabelValues| match values {
        LabelValues::Enum(e) => Some(e),
        LabelValues::Free => None,
    };
    metric
        .labels
        .iter()
        .map(|l| (l.name.as_str(), values(l.values)))
        .collect()
}

/// The budget of a bounded metric. The expiry is converted here as the
/// runtime would (`Duration::from_secs_f64`), so that the constant can be
/// built by the const `Duration::new`; validation keeps it in range.
fn budget_key(metric: &Metric) -> Option<BudgetKey> {
    let Storage::Bounded(budget) = metric.storage else {
        return None;
    };
    let expiry = budget
        .expire_after_seconds
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .map(|d| (d.as_secs(), d.subsec_nanos()));
    Some((budget.max_series, expiry))
}

fn bucket_key(metric: &Metric) -> Vec<u64> {
    metric.buckets.iter().map(|b| b.to_bits()).collect()
}
