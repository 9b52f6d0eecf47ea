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
//!
//! The table is the group's `Table::META`, which the registration names only
//! as a type parameter (`family_at::<Self, _>(row)`) and no accessor names:
//! a `cargo check` of the expanding crate then never evaluates the rows
//! (rustc evaluates a constant that a checked body uses, and the rows of
//! 10,000 families took it more than a second); a build evaluates them once,
//! where it generates the runtime's generic registration.

use proc_macro2::TokenStream;

use super::code::Code;
use super::params::Params;
use super::shared::{Consts, Shared};
use super::{lifecycle, spec_text};
use crate::members;
use crate::model::{Group, Kind, LabelValues, Metric, Spec, Storage, ValueType};

/// Writes the group's collector: its struct, `Meta` table, registration,
/// accessors, `Debug` and labels structs. `group` is the spec's
/// `index`-th.
pub(super) fn write(
    code: &mut Code,
    spec: &Spec,
    shared: &Shared,
    index: usize,
    group: &Group,
    rt: &TokenStream,
) {
    if group.is_static {
        return super::statics::write(code, spec, shared, index, group, rt);
    }
    let name = &group.rust_name;
    code.doc(&format!(
        "{}\n\nGroup `{}` of the spec.",
        spec_text(&group.help),
        group.name
    ));
    let families = families(spec, shared, index, group);
    code.push("#[derive(Clone)] pub struct")
        .ident(name)
        .push("{");
    for family in &families {
        family.field(code);
    }
    code.push("} impl")
        .push(private!("Table"))
        .push("for")
        .ident(name)
        .push("{ const META: &'static [")
        .push(private!("Meta"))
        .push("] = &[");
    for (i, family) in families.iter().enumerate() {
        if i > 0 {
            code.push(",");
        }
        family.meta(code);
    }
    let [register, hidden_register, _, families_method] = members::COLLECTOR_METHODS;
    code.push("]; } impl").ident(name).push("{");
    code.push(concat!(
        r#"#[doc = r" Creates the group's families and registers them on `registry`."]"#,
        r#"#[doc = r" If any name is already taken, nothing stays registered."]"#,
        "pub fn",
    ));
    code.ident(register)
        .push("(registry: &")
        .path(rt)
        .push("::prometheus::Registry,) -> ::core::result::Result<Self,")
        .path(rt)
        .push("::prometheus::Error> { let mut registration =")
        .push(private!("Registration::new(registry); let group = Self::"))
        .ident(hidden_register)
        .push("(&mut registration); registration.finish(group) }");
    code.push("#[doc(hidden)] pub fn")
        .ident(hidden_register)
        .push("(registration: &mut")
        .push(private!("Registration) -> Self { Self {"));
    for family in &families {
        family.init(code);
    }
    code.push(concat!(
        "} }",
        r#"#[doc = r" The families, in spec order, for the registry's walk."]"#,
        "#[doc(hidden)] pub fn",
    ));
    code.ident(families_method)
        .push("(&self) -> [&dyn")
        .push(private!("Walk;"))
        .usize(families.len())
        .push("] { [");
    for (i, family) in families.iter().enumerate() {
        if i > 0 {
            code.push(",");
        }
        code.push("&self.").ident(&family.metric.accessor);
    }
    code.push("] }");
    for family in &families {
        family.accessor(code);
    }
    code.push("}");
    debug_and_labels(code, group, &families);
}

/// The generator's view of each metric of `group`, the spec's `index`-th,
/// in spec order.
pub(super) fn families<'a>(
    spec: &'a Spec,
    shared: &Shared,
    index: usize,
    group: &'a Group,
) -> Vec<Family<'a>> {
    let consts = shared.of_group(index);
    group
        .metrics
        .iter()
        .zip(consts)
        .enumerate()
        .map(|(index, (m, consts))| Family::new(spec, group, m, index, *consts))
        .collect()
}

/// What follows every collector's `impl`: its `Debug` (no values: a
/// collector holds thousands) and the labels structs its accessors take.
pub(super) fn debug_and_labels(code: &mut Code, group: &Group, families: &[Family]) {
    code.push("impl ::core::fmt::Debug for")
        .ident(&group.rust_name)
        .push(
            "{ fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { f.debug_struct(",
        )
        .str_lit(&group.rust_name)
        .push(").finish_non_exhaustive() } }");
    for family in families {
        family.params.labels_struct(code);
    }
}

/// What the generator needs to know about one metric.
pub(super) struct Family<'a> {
    spec: &'a Spec,
    pub(super) metric: &'a Metric,
    /// The handle type's cell (`IntCounter`, `Histogram`, …), by its path.
    cell: &'static str,
    /// In a static group a histogram's bucket counts are inline: its number
    /// of buckets (`+Inf`'s included).
    static_buckets: Option<usize>,
    /// The family's row in the group's `Meta` table.
    index: usize,
    /// How the accessor takes the label values.
    pub(super) params: Params<'a>,
    /// The shared constants its code names.
    pub(super) consts: Consts,
}

impl<'a> Family<'a> {
    pub(super) fn new(
        spec: &'a Spec,
        group: &'a Group,
        metric: &'a Metric,
        index: usize,
        consts: Consts,
    ) -> Self {
        let cell = match (metric.storage, metric.kind, metric.value) {
            (Storage::Sharded, ..) => private!("ShardedCounter"),
            (_, Kind::Counter, ValueType::Int) => private!("IntCounter"),
            (_, Kind::Counter, ValueType::Float) => private!("Counter"),
            (_, Kind::Gauge, ValueType::Int) => private!("IntGauge"),
            (_, Kind::Gauge, ValueType::Float) => private!("Gauge"),
            (_, Kind::Histogram, _) if group.is_static => private!("StaticHistogram"),
            (_, Kind::Histogram, _) => private!("Histogram"),
        };
        let static_buckets =
            (group.is_static && metric.kind == Kind::Histogram).then_some(metric.buckets.len() + 1);
        Family {
            spec,
            metric,
            cell,
            static_buckets,
            index,
            params: Params::new(spec, group, metric),
            consts,
        }
    }

    /// The handle type the accessor returns (`IntCounter`,
    /// `Exemplars<Histogram>`, …), through the private module's alias:
    /// shorter than the runtime's path in every field, accessor and alias
    /// that names it.
    pub(super) fn handle(&self, code: &mut Code) {
        if self.metric.exemplars {
            code.push(private!("Exemplars<"));
        }
        code.push(self.cell);
        if let Some(buckets) = self.static_buckets {
            code.push("<").usize(buckets).push(">");
        }
        if self.metric.exemplars {
            code.push(">");
        }
    }

    fn field(&self, code: &mut Code) {
        code.ident(&self.metric.accessor).push(":");
        code.push(match self.metric.storage {
            Storage::Bounded(_) => private!("BoundedFamily<"),
            _ => private!("Family<"),
        });
        self.handle(code);
        code.push(">,");
    }

    /// The family's constants: its row of the `Meta` table, only what
    /// differs from its kind's default row (see [`Shared`]).
    pub(super) fn meta(&self, code: &mut Code) {
        let metric = self.metric;
        code.push(private!("Meta { name:"))
            .str_lit(&metric.exported)
            .push(", help:")
            .str_lit(&metric.help)
            .push(",");
        if let Some(labels) = self.consts.labels {
            code.push("labels:");
            labels.write(code);
            code.push(",");
        }
        if let Some(buckets) = self.consts.buckets {
            code.push("buckets:");
            buckets.write(code);
            code.push(",");
        }
        if let Some(unit) = metric.unit.as_deref() {
            code.push("unit:").str_lit(unit).push(",");
        }
        if let Some(n) = metric.native {
            code.push("native: ::core::option::Option::Some(")
                .push(private!("NativeConfig { schema:"))
                .int(n.schema)
                .push(", max_buckets:")
                .int(n.max_buckets)
                .push(", zero_threshold:")
                .f64(n.zero_threshold)
                .push(", }),");
        }
        if let Some(headers) = super::headers::headers(metric) {
            code.push("headers:").str_lit(&headers).push(",");
        }
        code.push("..").ident(Shared::base(metric.kind)).push("}");
    }

    fn init(&self, code: &mut Code) {
        let metric = self.metric;
        code.ident(&metric.accessor).push(":");
        let dual = lifecycle::old_family(metric);
        if dual.is_some() {
            code.push("{ let family =");
        }
        match metric.storage {
            Storage::Bounded(_) => self.bounded(code),
            _ => {
                code.push("registration.family_at::<Self, _>(")
                    .usize(self.index)
                    .push(")");
            }
        }
        // Under dual emission the family is also registered under its old name.
        if let Some((old, help)) = dual {
            code.push(";");
            lifecycle::dual_emission(code, old, &help);
            code.push("family }");
        }
        code.push(",");
    }

    /// A family with free-form labels within its series budget; it counts
    /// its overflowed updates in the shared overflow family.
    fn bounded(&self, code: &mut Code) {
        code.push("registration.bounded_at::<Self, _>(")
            .usize(self.index)
            .push(",");
        if let Some(budget) = self.consts.budget {
            budget.write(code);
        }
        code.push(",").ident(Shared::OVERFLOW).push(")");
    }

    /// What the accessor returns: the handle, in an `Arc` for a bounded
    /// family (whose series come and go).
    pub(super) fn ret(&self, code: &mut Code) {
        match self.metric.storage {
            Storage::Bounded(_) => {
                code.push(private!("Arc<"));
                self.handle(code);
                code.push(">");
            }
            _ => {
                code.push("&");
                self.handle(code);
            }
        }
    }

    pub(super) fn accessor(&self, code: &mut Code) {
        let metric = self.metric;
        code.doc(&self.doc());
        lifecycle::deprecated_attr(code, self.spec, metric);
        code.push("#[inline] pub fn").ident(&metric.accessor);
        self.params.decl(code);
        code.push("->");
        self.ret(code);
        code.push("{");
        self.params.bind(code);
        code.push("self.").ident(&metric.accessor).push(".get(");
        match metric.storage {
            Storage::Scalar => {
                code.push("0");
            }
            Storage::Dense | Storage::Sharded => {
                // Without labels the code is 0 and with one it is the value's
                // number (`LabelSpace::encode` of one digit): the accessor
                // then needs no call, which is less for rustc to check in
                // every such family. With more, the shared label space
                // encodes them (not the table: see the module's doc).
                let digit = |code: &mut Code, arg: &str| {
                    code.ident(arg).push("as usize");
                };
                match metric.labels.as_slice() {
                    [] => {
                        code.push("0");
                    }
                    [label] => digit(code, &label.arg),
                    labels => {
                        if let Some(space) = self.consts.labels {
                            space.write(code);
                        }
                        code.push(".encode([");
                        for (i, label) in labels.iter().enumerate() {
                            if i > 0 {
                                code.push(",");
                            }
                            digit(code, &label.arg);
                        }
                        code.push("])");
                    }
                }
            }
            Storage::Bounded(_) => self.label_values(code),
        }
        code.push(") }");
        lifecycle::aliases(code, self);
        self.eviction(code);
    }

    /// The accessor's arguments as label value strings, in spec order:
    /// `&[a.as_str(), b]`.
    fn label_values(&self, code: &mut Code) {
        code.push("&[");
        for (i, label) in self.metric.labels.iter().enumerate() {
            if i > 0 {
                code.push(",");
            }
            code.ident(&label.arg);
            if let LabelValues::Enum(_) = label.values {
                code.push(".as_str()");
            }
        }
        code.push("]");
    }

    /// For a bounded family: removing one series, and the family itself
    /// (retain by predicate, live series, overflowed updates).
    fn eviction(&self, code: &mut Code) {
        let metric = self.metric;
        let Storage::Bounded(budget) = metric.storage else {
            return;
        };
        let accessor = metric.accessor.trim_start_matches("r#");
        code.doc(&format!(
            "Stops exporting the series of [`{accessor}`](Self::{accessor}) with these label values, \
             freeing its place in the budget of {} series. `false` if there was none.",
            budget.max_series
        ));
        code.push("pub fn").ident(&members::remove_method(accessor));
        self.params.decl(code);
        code.push("-> bool {");
        self.params.bind(code);
        code.push("self.").ident(&metric.accessor).push(".remove(");
        self.label_values(code);
        code.push(") }");
        code.doc(&format!(
            "The bounded family behind [`{accessor}`](Self::{accessor}): `retain` by predicate, \
             `len` of live series, `overflowed` updates."
        ));
        code.push("pub fn")
            .ident(&members::family_method(accessor))
            .push("(&self) -> &")
            .push(private!("BoundedFamily<"));
        self.handle(code);
        code.push("> { &self.").ident(&metric.accessor).push("}");
    }

    /// The accessor's rustdoc: the YAML help, then the exported name and labels.
    fn doc(&self) -> String {
        let m = self.metric;
        // The lines every family has are pushed piece by piece, not
        // `format!`ted: this runs unoptimized in the macro.
        let mut doc = spec_text(&m.help);
        for part in [
            "\n\nExported as `",
            &m.exported,
            "` (",
            m.kind.as_str(),
            ").",
        ] {
            doc.push_str(part);
        }
        for label in &m.labels {
            for part in ["\n- label `", &label.name, "`: "] {
                doc.push_str(part);
            }
            match label.values {
                LabelValues::Enum(e) => {
                    for part in ["one of [`", &self.spec.enums[e].rust_name, "`]"] {
                        doc.push_str(part);
                    }
                }
                LabelValues::Free => doc.push_str("free-form"),
            }
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
