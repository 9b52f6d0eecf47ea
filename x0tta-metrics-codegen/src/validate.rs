//! The spec as written → the validated [`model`](crate::model).
//!
//! Every semantic rule lives here: names, references, duplicates, buckets,
//! identifier collisions and the promlint rules with their waivers. Each
//! problem is reported where it was written, and checking goes on.

use std::collections::HashMap;

use crate::ast;
use crate::diagnostic::{Context, Location};
use crate::lint;
use crate::model::{
    Enum, EnumValue, Group, Kind, Label, LabelValues, Metric, Spec, ValueType, Waiver,
};
use crate::naming::{pascal_ident, prometheus_name_problem, snake_ident};
use crate::suggest;

mod budget;
mod lifecycle;

pub use budget::{DEFAULT_MAX_SERIES, OVERFLOW_HELP, OVERFLOW_METRIC};

/// Buckets a histogram gets when the spec names none (the Prometheus clients' default).
pub(crate) const DEFAULT_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// More buckets than this is a mistake (and a scrape-size problem), not a design.
const MAX_BUCKETS: usize = 256;
/// A metric whose labels are all closed sets creates every series up front;
/// past this many it should use a free-form label instead.
const MAX_CLOSED_SERIES: usize = 4096;
/// The label-set keyword for free-form values.
const FREE_FORM: &str = "string";

pub(crate) fn spec(ast: &ast::Spec, cx: &mut Context) -> Spec {
    let mut v = Validator {
        cx,
        enums: Vec::new(),
        enum_index: HashMap::new(),
        broken_enums: Vec::new(),
        presets: HashMap::new(),
    };
    let namespace = ast
        .namespace
        .as_ref()
        .and_then(|ns| v.name(ns, "namespace").then(|| ns.value.clone()));
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
    let spec = Spec {
        namespace,
        enums: v.enums,
        groups,
    };
    type_names_are_distinct(&spec, cx);
    samples_are_distinct(&spec, cx);
    lifecycle::across(ast, cx);
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

    fn shared_enum(&mut self, def: &ast::EnumDef) {
        if !self.name(&def.name, "enum name") {
            self.broken_enums.push(def.name.value.clone());
            return;
        }
        if def.name.value == FREE_FORM {
            self.cx.error(
                "invalid-name",
                def.name.at,
                "`string` means a free-form label and cannot name an enum — choose another name",
            );
            return;
        }
        let Some(rust_name) = self.type_name(&def.name.value, def.name.at) else {
            return;
        };
        match self.values(&def.values, &def.name.value) {
            Some(values) => {
                self.enum_index
                    .insert(def.name.value.clone(), self.enums.len());
                self.enums.push(Enum {
                    name: def.name.value.clone(),
                    rust_name,
                    shared: true,
                    values,
                    location: def.name.at,
                });
            }
            None => self.broken_enums.push(def.name.value.clone()),
        }
    }

    fn type_name(&mut self, text: &str, at: Location) -> Option<String> {
        let name = pascal_ident(text);
        if name.is_none() {
            self.cx.error(
                "invalid-name",
                at,
                format!("\"{text}\" does not make a Rust type name"),
            );
        }
        name
    }

    /// The values of a closed set: non-empty, distinct, distinct as Rust variants.
    fn values(&mut self, list: &ast::ValueList, owner: &str) -> Option<Vec<EnumValue>> {
        if list.values.is_empty() {
            self.cx.error(
                "empty-enum",
                list.at,
                format!("the value set of \"{owner}\" is empty — list its values, or use `string` for a free-form label"),
            );
            return None;
        }
        let mut seen = Seen::default();
        let mut variants: HashMap<String, &str> = HashMap::new();
        let mut out = Vec::with_capacity(list.values.len());
        let mut ok = true;
        for value in &list.values {
            if seen.first(&value.value, value.at).is_some() {
                self.cx.error(
                    "duplicate-value",
                    value.at,
                    format!("value \"{}\" appears twice in \"{owner}\"", value.value),
                );
                ok = false;
                continue;
            }
            let Some(variant) = pascal_ident(&value.value) else {
                self.cx.error(
                    "invalid-name",
                    value.at,
                    format!(
                        "value \"{}\" of \"{owner}\" has no ASCII letter or digit to name a Rust variant — spell it with some",
                        value.value.escape_debug()
                    ),
                );
                ok = false;
                continue;
            };
            if let Some(other) = variants.get(&variant) {
                self.cx.error(
                    "rust-name-clash",
                    value.at,
                    format!(
                        "values \"{other}\" and \"{}\" of \"{owner}\" both become the Rust variant `{variant}` — rename one",
                        value.value
                    ),
                );
                ok = false;
                continue;
            }
            variants.insert(variant.clone(), &value.value);
            out.push(EnumValue {
                value: value.value.clone(),
                variant,
            });
        }
        ok.then_some(out)
    }

    fn preset(&mut self, preset: &ast::BucketPreset) {
        if !self.name(&preset.name, "bucket preset name") {
            return;
        }
        let bounds = self.buckets(&preset.buckets);
        self.presets.insert(preset.name.value.clone(), bounds);
    }

    /// Resolves buckets to their upper bounds; `None` after reporting a problem.
    fn buckets(&mut self, buckets: &ast::Buckets) -> Option<Vec<f64>> {
        let bounds = match buckets {
            ast::Buckets::Preset(name) => {
                return match self.presets.get(&name.value) {
                    Some(bounds) => bounds.clone(),
                    None => {
                        let hint =
                            suggest::hint(&name.value, self.presets.keys().map(String::as_str));
                        self.cx.error(
                            "undefined-buckets",
                            name.at,
                            format!("no bucket preset \"{}\" under `buckets:`{hint}", name.value),
                        );
                        None
                    }
                };
            }
            ast::Buckets::List { bounds, at } => {
                if bounds.is_empty() {
                    self.cx.error(
                        "bucket-empty",
                        *at,
                        "the bucket list is empty — give at least one upper bound",
                    );
                    return None;
                }
                for b in bounds.iter().filter(|b| !b.value.is_finite()) {
                    self.cx.error(
                        "bucket-not-finite",
                        b.at,
                        format!(
                            "bucket bound {} is not a finite number — `+Inf` is added by itself",
                            b.value
                        ),
                    );
                }
                for pair in bounds.windows(2) {
                    if pair[0].value.is_finite()
                        && pair[1].value.is_finite()
                        && pair[1].value <= pair[0].value
                    {
                        self.cx.error(
                            "bucket-not-increasing",
                            pair[1].at,
                            format!(
                                "bucket bounds must increase strictly: {} follows {}",
                                pair[1].value, pair[0].value
                            ),
                        );
                    }
                }
                bounds.iter().map(|b| b.value).collect()
            }
            ast::Buckets::Exponential {
                start,
                factor,
                count,
                at,
            } => {
                let count = self.count(count)?;
                if !(start.value.is_finite() && start.value > 0.0) {
                    self.cx.error(
                        "bucket-generator",
                        start.at,
                        "an exponential generator's `start` must be greater than 0",
                    );
                    return None;
                }
                if !(factor.value.is_finite() && factor.value > 1.0) {
                    self.cx.error(
                        "bucket-generator",
                        factor.at,
                        "an exponential generator's `factor` must be greater than 1",
                    );
                    return None;
                }
                let bounds: Vec<f64> = (0..count)
                    .map(|i| start.value * factor.value.powi(i as i32))
                    .collect();
                self.generated(bounds, *at)?
            }
            ast::Buckets::Linear {
                start,
                width,
                count,
                at,
            } => {
                let count = self.count(count)?;
                if !start.value.is_finite() {
                    self.cx.error(
                        "bucket-generator",
                        start.at,
                        "a linear generator's `start` must be a finite number",
                    );
                    return None;
                }
                if !(width.value.is_finite() && width.value > 0.0) {
                    self.cx.error(
                        "bucket-generator",
                        width.at,
                        "a linear generator's `width` must be greater than 0",
                    );
                    return None;
                }
                let bounds: Vec<f64> = (0..count)
                    .map(|i| start.value + width.value * i as f64)
                    .collect();
                self.generated(bounds, *at)?
            }
        };
        if bounds.len() > MAX_BUCKETS {
            self.cx.error(
                "bucket-too-many",
                buckets_location(buckets),
                format!(
                    "{} buckets is more than the {MAX_BUCKETS} allowed — every bucket is a series",
                    bounds.len()
                ),
            );
            return None;
        }
        is_valid(&bounds).then_some(bounds)
    }

    /// A generated list must still be finite and increasing (huge factors overflow).
    fn generated(&mut self, bounds: Vec<f64>, at: Location) -> Option<Vec<f64>> {
        if is_valid(&bounds) {
            Some(bounds)
        } else {
            self.cx.error(
                "bucket-generator",
                at,
                "the generator's bounds overflow or stop increasing — use a smaller factor, width or count",
            );
            None
        }
    }

    fn count(&mut self, count: &ast::Number) -> Option<usize> {
        let ok =
            count.value.fract() == 0.0 && count.value >= 1.0 && count.value <= MAX_BUCKETS as f64;
        if !ok {
            self.cx.error(
                "bucket-generator",
                count.at,
                format!("a generator's `count` must be a whole number from 1 to {MAX_BUCKETS}, found {}", count.value),
            );
            return None;
        }
        Some(count.value as usize)
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
        let mut accessors = Seen::default();
        let metrics: Vec<Metric> = group
            .metrics
            .iter()
            .filter_map(|m| self.metric(m, namespace, exported, &mut accessors))
            .collect();
        let name = group.name.as_ref()?;
        let mut ok = self.name(name, "group name");
        if let Some(first) = names.first(&name.value, name.at) {
            self.cx.error(
                "duplicate-group",
                name.at,
                format!(
                    "group \"{}\" is already defined at line {}",
                    name.value, first.line
                ),
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
        let rust_name = pascal_ident(&name.value).map(|n| format!("{n}Metrics"));
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
        (ok && metrics.len() == group.metrics.len()).then_some(())?;
        Some(Group {
            name: name.value.clone(),
            help,
            rust_name: rust_name?,
            field: field?,
            metrics,
            location: name.at,
        })
    }

    fn metric(
        &mut self,
        metric: &ast::Metric,
        namespace: Option<&str>,
        exported_names: &mut Seen,
        accessors: &mut Seen,
    ) -> Option<Metric> {
        let name = metric.name.as_ref();
        let name_ok = name.is_some_and(|n| self.name(n, "metric name"));
        let kind = metric.kind.as_ref().and_then(|k| self.kind(k));
        let value = kind.and_then(|k| self.value_type(metric.value.as_ref(), k));
        let exported = name.map(|n| match namespace {
            Some(ns) => format!("{ns}_{}", n.value),
            None => n.value.clone(),
        });
        let mut duplicate = false;
        if let (Some(n), Some(full)) = (name, exported.as_ref()) {
            if let Some(first) = exported_names.first(full, n.at) {
                duplicate = true;
                self.cx.error(
                    "duplicate-metric",
                    n.at,
                    format!(
                        "metric \"{full}\" is already defined at line {}",
                        first.line
                    ),
                );
            }
        }
        let accessor = name.filter(|_| name_ok).and_then(|n| match snake_ident(&n.value) {
            Ok(ident) => {
                if accessors.first(&ident.text, n.at).is_some() && !duplicate {
                    self.cx.error(
                        "rust-name-clash",
                        n.at,
                        format!("\"{}\" makes the accessor `{}`, which another metric of the group already has", n.value, ident.text),
                    );
                }
                Some(if ident.raw { format!("r#{}", ident.text) } else { ident.text })
            }
            Err(problem) => {
                self.cx.error("invalid-name", n.at, problem);
                None
            }
        });
        let labels = self.labels(metric, kind);
        let buckets = match (kind, &metric.buckets) {
            (Some(Kind::Histogram), Some(b)) => self.buckets(b),
            (Some(Kind::Histogram), None) => Some(DEFAULT_BUCKETS.to_vec()),
            (Some(k), Some(b)) => {
                self.cx.error(
                    "buckets-not-histogram",
                    buckets_location(b),
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
        let help = metric.help.as_ref()?.value.clone();
        Some(Metric {
            name: name?.value.clone(),
            exported: exported?,
            accessor: accessor?,
            kind: kind?,
            value: value?,
            help,
            labels: labels?,
            buckets: buckets?,
            waivers: waivers?,
            lifecycle,
            alerts,
            location: metric.at,
            sharded: sharded?,
            budget: budget?,
        })
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
                let hint = suggest::hint(other, ["counter", "gauge", "histogram"]);
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
                let hint = suggest::hint(other, ["int", "float"]);
                self.cx.error(
                    "unknown-value-type",
                    value.at,
                    format!("unknown value type \"{other}\"{hint} — use `int` or `float`"),
                );
                None
            }
        }
    }

    fn labels(&mut self, metric: &ast::Metric, kind: Option<Kind>) -> Option<Vec<Label>> {
        let mut out = Vec::with_capacity(metric.labels.len());
        let mut ok = true;
        let mut args = Seen::default();
        let metric_name = metric.name.as_ref().map_or("?", |n| n.value.as_str());
        for label in &metric.labels {
            let name = &label.name;
            if !self.name(name, "label name") {
                ok = false;
                continue;
            }
            let reserved = if name.value.starts_with("__") {
                Some("names starting with `__` are reserved for Prometheus' internal use")
            } else if name.value == "quantile" {
                Some("`quantile` is reserved for summaries' quantile samples")
            } else if name.value == "le" && kind == Some(Kind::Histogram) {
                Some("`le` is reserved for a histogram's bucket bounds")
            } else {
                None
            };
            if let Some(why) = reserved {
                self.cx.error(
                    "reserved-label",
                    name.at,
                    format!("label \"{}\": {why} — rename it", name.value),
                );
                ok = false;
                continue;
            }
            // Duplicate label names are duplicate YAML keys, refused by the parser.
            let arg = match snake_ident(&name.value) {
                Ok(ident) => {
                    if args.first(&ident.text, name.at).is_some() {
                        self.cx.error(
                            "rust-name-clash",
                            name.at,
                            format!("label \"{}\" makes the argument `{}`, which another label already has", name.value, ident.text),
                        );
                        ok = false;
                    }
                    if ident.raw {
                        format!("r#{}", ident.text)
                    } else {
                        ident.text
                    }
                }
                Err(problem) => {
                    self.cx.error("invalid-name", name.at, problem);
                    ok = false;
                    continue;
                }
            };
            let values = match &label.values {
                ast::LabelValues::Named(set) if set.value == FREE_FORM => Some(LabelValues::Free),
                ast::LabelValues::Named(set) => match self.enum_index.get(&set.value) {
                    Some(&index) => Some(LabelValues::Enum(index)),
                    None if self.broken_enums.contains(&set.value) => None,
                    None => {
                        let hint = suggest::hint(
                            &set.value,
                            self.enum_index
                                .keys()
                                .map(String::as_str)
                                .chain([FREE_FORM]),
                        );
                        self.cx.error(
                            "undefined-enum",
                            set.at,
                            format!(
                                "label \"{}\" refers to enum \"{}\", which is not under `enums:`{hint} (use `string` for a free-form value)",
                                name.value, set.value
                            ),
                        );
                        None
                    }
                },
                ast::LabelValues::Inline(list) => {
                    let owner = format!("{metric_name}.{}", name.value);
                    let rust_name = match (pascal_ident(metric_name), pascal_ident(&name.value)) {
                        (Some(m), Some(l)) => Some(format!("{m}{l}")),
                        _ => None,
                    };
                    match (self.values(list, &owner), rust_name) {
                        (Some(values), Some(rust_name)) => {
                            self.enums.push(Enum {
                                name: owner,
                                rust_name,
                                shared: false,
                                values,
                                location: list.at,
                            });
                            Some(LabelValues::Enum(self.enums.len() - 1))
                        }
                        _ => None,
                    }
                }
            };
            match values {
                Some(values) => out.push(Label {
                    name: name.value.clone(),
                    arg,
                    values,
                }),
                None => ok = false,
            }
        }
        if ok {
            let series: usize = out
                .iter()
                .filter_map(|l| match l.values {
                    LabelValues::Enum(i) => Some(self.enums[i].values.len()),
                    LabelValues::Free => None,
                })
                .fold(1usize, |acc, n| acc.saturating_mul(n));
            let closed = out.iter().all(|l| l.values != LabelValues::Free);
            if closed && series > MAX_CLOSED_SERIES {
                self.cx.error(
                    "too-many-series",
                    metric.at,
                    format!(
                        "\"{metric_name}\" has {series} label combinations, all created up front — more than {MAX_CLOSED_SERIES}; make a label free-form (`string`) or split the metric"
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(out)
    }

    /// Applies the lints; a finding not waived is an error, and so is a waiver
    /// that waives nothing or names no rule.
    fn waivers(
        &mut self,
        metric: &ast::Metric,
        exported: Option<&str>,
        kind: Option<Kind>,
    ) -> Option<Vec<Waiver>> {
        let mut ok = true;
        for rule in &metric.allow {
            if !lint::RULES.iter().any(|r| r.id == rule.value) {
                let hint = suggest::hint(&rule.value, lint::RULES.iter().map(|r| r.id));
                self.cx.error(
                    "waiver-unknown-rule",
                    rule.at,
                    format!("no lint rule \"{}\"{hint}", rule.value),
                );
                ok = false;
            }
        }
        match (&metric.reason, metric.allow.is_empty()) {
            (None, false) => {
                self.cx.error(
                    "waiver-without-reason",
                    metric.allow[0].at,
                    "a waiver needs a `reason:` saying why the rule does not apply",
                );
                ok = false;
            }
            (Some(reason), true) => {
                self.cx.error(
                    "reason-without-waiver",
                    reason.at,
                    "`reason` explains an `allow:` waiver, and there is none",
                );
                ok = false;
            }
            _ => {}
        }
        let (Some(exported), Some(kind)) = (exported, kind) else {
            return None;
        };
        // Lint the labels as written, so a label problem elsewhere does not hide these.
        let label_names: Vec<&str> = metric
            .labels
            .iter()
            .map(|l| l.name.value.as_str())
            .collect();
        let findings = lint::check(exported, kind, &label_names);
        let at = metric.name.as_ref().map_or(metric.at, |n| n.at);
        for finding in &findings {
            if !metric.allow.iter().any(|a| a.value == finding.rule) {
                self.cx.error(
                    finding.rule,
                    at,
                    format!(
                        "{} (waive with `allow: [{}]` and a `reason`)",
                        finding.message, finding.rule
                    ),
                );
                ok = false;
            }
        }
        for rule in &metric.allow {
            let known = lint::RULES.iter().any(|r| r.id == rule.value);
            if known && !findings.iter().any(|f| f.rule == rule.value) {
                self.cx.error(
                    "waiver-unused",
                    rule.at,
                    format!(
                        "\"{exported}\" does not break \"{}\" — remove the waiver",
                        rule.value
                    ),
                );
                ok = false;
            }
        }
        let reason = metric
            .reason
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default();
        ok.then(|| {
            metric
                .allow
                .iter()
                .map(|rule| Waiver {
                    rule: rule.value.clone(),
                    reason: reason.clone(),
                })
                .collect()
        })
    }
}

/// Finite and strictly increasing: what Prometheus accepts as bucket bounds.
fn is_valid(bounds: &[f64]) -> bool {
    bounds.iter().all(|b| b.is_finite()) && bounds.windows(2).all(|p| p[0] < p[1])
}

fn buckets_location(buckets: &ast::Buckets) -> Location {
    match buckets {
        ast::Buckets::Preset(name) => name.at,
        ast::Buckets::List { at, .. }
        | ast::Buckets::Exponential { at, .. }
        | ast::Buckets::Linear { at, .. } => *at,
    }
}

/// Every generated type (enums, collectors, `Metrics`) needs its own name.
fn type_names_are_distinct(spec: &Spec, cx: &mut Context) {
    let mut owners: HashMap<&str, String> = HashMap::new();
    owners.insert("Metrics", "the registry type".into());
    // In file order, so the clash is reported at the later of the two.
    let mut candidates: Vec<(&str, String, Location)> = spec
        .groups
        .iter()
        .map(|g| {
            (
                g.rust_name.as_str(),
                format!("group \"{}\"", g.name),
                g.location,
            )
        })
        .chain(spec.enums.iter().map(|e| {
            (
                e.rust_name.as_str(),
                format!("enum \"{}\"", e.name),
                e.location,
            )
        }))
        .collect();
    candidates.sort_by_key(|c| c.2);
    for (rust_name, owner, at) in candidates {
        match owners.get(rust_name) {
            Some(first) => cx.error(
                "rust-name-clash",
                at,
                format!("{owner} and {first} both become the Rust type `{rust_name}` — rename one"),
            ),
            None => {
                owners.insert(rust_name, owner);
            }
        }
    }
}

/// A histogram `x` exports `x_bucket`, `x_count` and `x_sum`; no other family may.
fn samples_are_distinct(spec: &Spec, cx: &mut Context) {
    for (_, metric) in spec
        .metrics()
        .filter(|(_, m)| m.exported == OVERFLOW_METRIC)
    {
        cx.error(
            "sample-name-clash",
            metric.location,
            format!("\"{OVERFLOW_METRIC}\" is the self-metric that counts overflowed updates — choose another name"),
        );
    }
    let mut owners: HashMap<String, &str> = HashMap::new();
    for (_, metric) in spec.metrics() {
        owners.insert(metric.exported.clone(), &metric.exported);
    }
    for (_, metric) in spec.metrics().filter(|(_, m)| m.kind == Kind::Histogram) {
        for suffix in ["_bucket", "_count", "_sum"] {
            let sample = format!("{}{suffix}", metric.exported);
            if let Some(other) = owners.get(&sample) {
                let at = spec
                    .metrics()
                    .find(|(_, m)| m.exported == **other)
                    .map_or(metric.location, |(_, m)| m.location);
                cx.error(
                    "sample-name-clash",
                    at,
                    format!(
                        "\"{other}\" clashes with the `{suffix}` samples of histogram \"{}\" — rename one",
                        metric.exported
                    ),
                );
            }
        }
    }
}
