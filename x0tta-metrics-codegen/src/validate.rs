//! The spec as written → the validated [`model`](crate::model).
//!
//! Every semantic rule lives here: names, references, duplicates, buckets,
//! identifier collisions and the promlint rules with their waivers. Each
//! problem is reported where it was written, and checking goes on.

use foldhash::{HashMap, HashMapExt};

use crate::ast;
use crate::diagnostic::{Context, Location};
use crate::keys;
use crate::members;
use crate::model::{Enum, Group, Kind, Label, LabelValues, Metric, Spec, ValueType};
use crate::naming::{pascal_ident, prometheus_name_problem, snake_ident};
use crate::suggest;

mod buckets;
mod budget;
mod const_labels;
mod distinct;
mod generated;
mod labels;
mod lifecycle;
mod native;
mod objectives;
mod statics;
mod waivers;

pub(crate) use buckets::DEFAULT_BUCKETS;

pub use budget::{DEFAULT_MAX_SERIES, OVERFLOW_HELP, OVERFLOW_METRIC};

/// The label-set keyword for free-form values.
const FREE_FORM: &str = "string";

pub(crate) fn spec(ast: &ast::Spec, cx: &mut Context) -> Spec {
    let named = distinct::metrics(ast);
    let mut v = Validator {
        cx,
        enums: Vec::new(),
        enum_index: HashMap::new(),
        broken_enums: Vec::new(),
        presets: HashMap::new(),
        histograms: distinct::histograms(&named),
    };
    let namespace = ast
        .namespace
        .as_ref()
        .and_then(|ns| v.name(ns, "namespace").then(|| ns.value.clone()));
    let const_labels = v.const_labels(ast).unwrap_or_default();
    for def in &ast.enums {
        v.shared_enum(def);
    }
    for preset in &ast.buckets {
        v.preset(preset);
    }
    let mut groups = Vec::new();
    let mut group_names = Seen::default();
    let mut exported = Seen::default();
    for group in &ast.groups {
        if let Some(g) = v.group(group, &mut group_names, &mut exported, namespace.as_deref()) {
            groups.push(g);
        }
    }
    let mut spec = Spec {
        namespace,
        const_labels,
        enums: v.enums,
        groups,
        objectives: Vec::new(),
    };
    distinct::type_names_are_distinct(ast, &named, cx);
    distinct::samples_are_distinct(&named, cx);
    lifecycle::across(ast, cx);
    generated::names_are_free(ast, cx);
    spec.objectives = objectives::objectives(ast, &spec, cx);
    spec
}

struct Validator<'a> {
    cx: &'a mut Context,
    enums: Vec<Enum>,
    /// Shared enums by spec name → index into `enums`.
    enum_index: HashMap<String, usize>,
    /// Shared enums already reported as broken: references to them are not
    /// reported again as undefined.
    broken_enums: Vec<String>,
    presets: HashMap<String, Option<Vec<f64>>>,
    /// The exported names of every histogram of the spec, whose samples no
    /// other family may be named like (so no lint hint offers to waive that).
    histograms: Vec<String>,
}

/// Names already used, with where, to report duplicates at the second one.
#[derive(Default)]
struct Seen(HashMap<String, Location>);

impl Seen {
    /// Records `name`; returns where it was first seen if it was seen before.
    fn first(&mut self, name: &str, at: Location) -> Option<Location> {
        match self.0.get(name) {
            Some(first) => Some(*first),
            None => {
                self.0.insert(name.to_string(), at);
                None
            }
        }
    }
}

impl Validator<'_> {
    /// Checks a Prometheus-style name; reports and returns `false` if illegal.
    fn name(&mut self, text: &ast::Text, what: &str) -> bool {
        match prometheus_name_problem(&text.value) {
            None => true,
            Some(problem) => {
                self.cx.error(
                    "invalid-name",
                    text.at,
                    format!("invalid {what} \"{}\": {problem}", text.value),
                );
                false
            }
        }
    }

    fn group(
        &mut self,
        group: &ast::Group,
        names: &mut Seen,
        exported: &mut Seen,
        namespace: Option<&str>,
    ) -> Option<Group> {
        // Metrics are checked even when the group's own name is broken, so
        // one build reports everything.
        let metrics: Vec<Metric> = group
            .metrics
            .iter()
            .filter_map(|m| self.metric(m, namespace, exported))
            .collect();
        let name = group.name.as_ref()?;
        let mut ok = self.name(name, "group name");
        if let Some(first) = names.first(&name.value, name.at) {
            self.cx.error_related(
                "duplicate-group",
                name.at,
                format!(
                    "group \"{}\" is already defined at line {}",
                    name.value, first.line
                ),
                first,
                "first defined here",
            );
            ok = false;
        }
        let field = match snake_ident(&name.value) {
            Ok(ident) if ident.raw => Some(format!("r#{}", ident.text)),
            Ok(ident) => Some(ident.text),
            Err(_) => {
                self.cx.error(
                    "invalid-name",
                    name.at,
                    format!(
                        "group name \"{}\" cannot be a Rust field name — choose another",
                        name.value
                    ),
                );
                None
            }
        };
        let rust_name = pascal_ident(&name.value).map(|n| members::collector_type(&n));
        if group.written_metrics == 0 {
            self.cx.error(
                "empty-group",
                group.at,
                format!(
                    "group \"{}\" has no metrics — add some under `metrics:` or remove it",
                    name.value
                ),
            );
        }
        let help = group.help.as_ref()?.value.clone();
        let is_static = statics::group(group, self.cx)?;
        (ok && metrics.len() == group.metrics.len()).then_some(())?;
        Some(Group {
            name: name.value.clone(),
            help,
            rust_name: rust_name?,
            field: field?,
            metrics,
            location: name.at,
            is_static,
        })
    }

    fn metric(
        &mut self,
        metric: &ast::Metric,
        namespace: Option<&str>,
        exported_names: &mut Seen,
    ) -> Option<Metric> {
        let name = metric.name.as_ref();
        let name_ok = name.is_some_and(|n| self.name(n, "metric name"));
        let kind = metric.kind.as_ref().and_then(|k| self.kind(k));
        let value = kind.and_then(|k| self.value_type(metric.value.as_ref(), k));
        let exported = name.map(|n| match namespace {
            Some(ns) => format!("{ns}_{}", n.value),
            None => n.value.clone(),
        });
        if let (Some(n), Some(full)) = (name, exported.as_ref()) {
            if let Some(first) = exported_names.first(full, n.at) {
                self.cx.error_related(
                    "duplicate-metric",
                    n.at,
                    format!(
                        "metric \"{full}\" is already defined at line {}",
                        first.line
                    ),
                    first,
                    "first defined here",
                );
            }
        }
        let accessor = name
            .filter(|_| name_ok)
            .and_then(|n| match snake_ident(&n.value) {
                // Clashes with other generated names: `members::names_are_free`.
                Ok(ident) => Some(if ident.raw {
                    format!("r#{}", ident.text)
                } else {
                    ident.text
                }),
                Err(problem) => {
                    self.cx.error("invalid-name", n.at, problem);
                    None
                }
            });
        let labels = self.labels(metric);
        let native = native::native(metric, kind, self.cx);
        let buckets = match (kind, &metric.buckets) {
            (Some(Kind::Histogram), Some(b)) => self.buckets(b),
            // A native histogram has classic buckets only when given them.
            (Some(Kind::Histogram), None) if metric.native.is_some() => Some(Vec::new()),
            (Some(Kind::Histogram), None) => Some(DEFAULT_BUCKETS.to_vec()),
            (Some(k), Some(b)) => {
                self.cx.error(
                    "buckets-not-histogram",
                    buckets::buckets_location(b),
                    format!(
                        "a {} has no buckets — remove `buckets`, or make it a histogram",
                        k.as_str()
                    ),
                );
                None
            }
            (_, None) => Some(Vec::new()),
            (None, Some(_)) => None,
        };
        let waivers = self.waivers(metric, exported.as_deref().filter(|_| name_ok), kind);
        let lifecycle = lifecycle::lifecycle(&metric.lifecycle, namespace, self.cx);
        let alerts = lifecycle::alerts(&metric.alerts, self.cx);
        let sharded = self.sharded(metric, kind, value, labels.as_deref());
        let budget = budget::budget(metric, labels.as_deref(), self.cx);
        let unit = metric
            .unit
            .as_ref()
            .map(|u| self.unit(u, name.filter(|_| name_ok), kind));
        let exemplars = self.exemplars(metric, kind, sharded.unwrap_or(false));
        let help = metric.help.as_ref()?.value.clone();
        // A unit that was reported leaves the metric out, as any error does.
        if unit == Some(None) {
            return None;
        }
        let (labels, sharded, budget) = (labels?, sharded?, budget?);
        let storage = crate::model::Storage::of(&labels, sharded, budget);
        Some(Metric {
            name: name?.value.clone(),
            exported: exported?,
            accessor: accessor?,
            kind: kind?,
            value: value?,
            help,
            labels_struct: Some(labels.as_slice())
                .filter(|labels| {
                    shares_a_type(&labels.iter().map(|l| l.values).collect::<Vec<_>>())
                })
                .and_then(|_| pascal_ident(&name?.value))
                .map(|pascal| members::labels_type(&pascal)),
            labels,
            buckets: buckets?,
            waivers: waivers?,
            lifecycle,
            alerts,
            location: metric.at,
            sharded,
            budget,
            storage,
            unit: unit.flatten(),
            exemplars: exemplars?,
            native: native?,
        })
    }

    /// `exemplars: true` is for counters and histograms that are not sharded.
    fn exemplars(
        &mut self,
        metric: &ast::Metric,
        kind: Option<Kind>,
        sharded: bool,
    ) -> Option<bool> {
        let Some((true, at)) = metric.exemplars else {
            return Some(false);
        };
        match kind? {
            Kind::Gauge => {
                self.cx.error(
                    "exemplars-kind",
                    at,
                    "a gauge has no exemplars (OpenMetrics gives them to counters and histograms) — remove `exemplars`",
                );
                None
            }
            _ if sharded => {
                self.cx.error(
                    "exemplars-sharded",
                    at,
                    "a sharded counter keeps no exemplars (one slot would be contended by every shard) — remove `exemplars` or `sharded`",
                );
                None
            }
            _ => Some(true),
        }
    }

    /// `unit:` is a lowercase word (`seconds`, `bytes`) that ends the
    /// metric's name, before a counter's `_total`, as OpenMetrics requires.
    fn unit(
        &mut self,
        unit: &ast::Text,
        name: Option<&ast::Text>,
        kind: Option<Kind>,
    ) -> Option<String> {
        let word = &unit.value;
        let well_formed = word.starts_with(|c: char| c.is_ascii_lowercase())
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !well_formed {
            self.cx.error(
                "invalid-unit",
                unit.at,
                format!(
                    "unit \"{}\" is not a lowercase word — write it as the name's suffix is written (`seconds`, `bytes`, `celsius`)",
                    word.escape_debug()
                ),
            );
            return None;
        }
        let name = name?;
        let stem = match kind {
            Some(Kind::Counter) => name.value.strip_suffix("_total").unwrap_or(&name.value),
            _ => &name.value,
        };
        if !stem.ends_with(&format!("_{word}")) {
            self.cx.error(
                "unit-suffix",
                unit.at,
                format!(
                    "metric \"{}\" does not end with its unit — rename it to end in `_{word}`{}, or fix the unit",
                    name.value,
                    if kind == Some(Kind::Counter) { " (before `_total`)" } else { "" }
                ),
            );
            return None;
        }
        Some(word.clone())
    }

    /// `sharded: true` is for hot int counters whose series all exist up front.
    fn sharded(
        &mut self,
        metric: &ast::Metric,
        kind: Option<Kind>,
        value: Option<ValueType>,
        labels: Option<&[Label]>,
    ) -> Option<bool> {
        let Some((true, at)) = metric.sharded else {
            return Some(false);
        };
        let problem = match (kind?, value?) {
            (Kind::Counter, ValueType::Int) => None,
            (Kind::Counter, ValueType::Float) => Some((
                "sharded-not-int",
                "a float counter cannot be sharded — remove `sharded` or `value: float`",
            )),
            (other, _) => {
                let message = format!(
                    "`sharded` applies to counters only, not to a {} — remove it",
                    other.as_str()
                );
                self.cx.error("sharded-not-counter", at, message);
                return None;
            }
        };
        let free = labels?.iter().any(|l| l.values == LabelValues::Free);
        let problem = problem.or(free.then_some((
            "sharded-free-label",
            "a sharded counter needs closed label sets (its series are created up front) — remove `sharded` or replace the `string` label by a list of values",
        )));
        match problem {
            Some((rule, message)) => {
                self.cx.error(rule, at, message);
                None
            }
            None => Some(true),
        }
    }

    fn kind(&mut self, kind: &ast::Text) -> Option<Kind> {
        match kind.value.as_str() {
            "counter" => Some(Kind::Counter),
            "gauge" => Some(Kind::Gauge),
            "histogram" => Some(Kind::Histogram),
            "summary" => {
                self.cx.error(
                    "unknown-type",
                    kind.at,
                    "`summary` is not supported: its quantiles are computed per process and cannot be aggregated across instances — use `histogram` and `histogram_quantile()` in PromQL",
                );
                None
            }
            other => {
                let hint = suggest::hint(other, keys::TYPES.iter().copied());
                let hint = if hint.is_empty() {
                    " — use counter, gauge or histogram".to_string()
                } else {
                    hint
                };
                self.cx.error(
                    "unknown-type",
                    kind.at,
                    format!("unknown metric type \"{other}\"{hint}"),
                );
                None
            }
        }
    }

    fn value_type(&mut self, value: Option<&ast::Text>, kind: Kind) -> Option<ValueType> {
        let Some(value) = value else {
            return Some(if kind == Kind::Counter {
                ValueType::Int
            } else {
                ValueType::Float
            });
        };
        match (value.value.as_str(), kind) {
            ("int", Kind::Histogram) => {
                self.cx.error(
                    "int-histogram",
                    value.at,
                    "a histogram's observations are always float — remove `value: int`",
                );
                None
            }
            ("int", _) => Some(ValueType::Int),
            ("float", _) => Some(ValueType::Float),
            (other, _) => {
                let hint = suggest::hint(other, keys::VALUE_TYPES.iter().copied());
                self.cx.error(
                    "unknown-value-type",
                    value.at,
                    format!("unknown value type \"{other}\"{hint} — use `int` or `float`"),
                );
                None
            }
        }
    }
}

/// `true` when two labels whose value sets are `sets` would be accessor
/// parameters of the same Rust type (the accessor then takes a labels struct).
fn shares_a_type<T: PartialEq>(sets: &[T]) -> bool {
    sets.iter()
        .enumerate()
        .any(|(i, a)| sets[i + 1..].contains(a))
}
