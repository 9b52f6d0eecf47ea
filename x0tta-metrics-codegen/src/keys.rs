//! The spec format's keys, declared once: which keys each mapping takes,
//! which are required and what kind of value each holds.
//!
//! The parser checks unknown and missing keys against these tables, and
//! [`crate::schema`] turns the same tables into the JSON Schema editors use,
//! so the two cannot drift apart. A new key is one line here (plus its
//! reading in `parse`).

/// A mapping of the format: a group, a metric, an alert, ….
#[derive(Debug)]
pub(crate) struct Object {
    /// Its name in the schema's `$defs` (`metric`).
    pub(crate) name: &'static str,
    /// How messages refer to it (`a metric`).
    pub(crate) what: &'static str,
    /// Every key it takes, in the order the reference lists them.
    pub(crate) keys: &'static [Key],
    /// How a missing required key is reported: "what is wrong — how to fix".
    pub(crate) missing: fn(&Object, &str) -> String,
    /// Exactly one of its keys is written (a bucket generator's kind).
    pub(crate) exactly_one: bool,
}

/// One key of a mapping.
#[derive(Debug)]
pub(crate) struct Key {
    pub(crate) name: &'static str,
    pub(crate) required: bool,
    pub(crate) kind: Kind,
}

/// What a key's value is.
#[derive(Debug)]
pub(crate) enum Kind {
    /// A scalar, read as written (`200` and `true` are texts here).
    Text,
    /// A YAML string only (a bucket preset's name, told apart from bounds).
    String,
    /// One word of a closed set.
    Word(&'static [&'static str]),
    /// The id of a lint rule ([`crate::lint::RULES`]).
    RuleId,
    /// `true` or `false`.
    Flag,
    /// A number (integer or not).
    Number,
    /// A whole number.
    Whole,
    /// A list of values of one kind.
    List(&'static Kind),
    /// A mapping from names the author chooses to values of one kind.
    MapOf(&'static Kind),
    /// A mapping of fixed keys.
    Object(&'static Object),
    /// Any one of these kinds.
    AnyOf(&'static [Kind]),
}

impl Object {
    /// The names of its keys, for "did you mean" and "takes: …".
    pub(crate) fn key_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|k| k.name)
    }

    /// Its noun without the article (`metric`), for "this metric has no …".
    pub(crate) fn owner(&self) -> &'static str {
        self.what
            .split_once(' ')
            .map_or(self.what, |(_, noun)| noun)
    }

    pub(crate) fn takes(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k.name == key)
    }
}

const fn key(name: &'static str, kind: Kind) -> Key {
    Key {
        name,
        required: false,
        kind,
    }
}

const fn required(name: &'static str, kind: Kind) -> Key {
    Key {
        name,
        required: true,
        kind,
    }
}

/// `this metric has no `help` — add `help: …``.
fn add_it(object: &Object, key: &str) -> String {
    let owner = object.owner();
    format!("this {owner} has no `{key}` — add `{key}: …`")
}

/// `the linear generator has no `width` — it takes start, width, count`.
fn it_takes(object: &Object, key: &str) -> String {
    let owner = object.owner();
    let keys: Vec<_> = object.key_names().collect();
    format!("the {owner} has no `{key}` — it takes {}", keys.join(", "))
}

fn list_groups(_: &Object, _: &str) -> String {
    "the spec has no `groups:` — list the metric groups under it".to_string()
}

/// Metric types (`summary` is refused by the validator, with why).
pub(crate) const TYPES: &[&str] = &["counter", "gauge", "histogram"];
/// A metric's `value`.
pub(crate) const VALUE_TYPES: &[&str] = &["int", "float"];
/// A metric's `stability` (the model's `Stability::ALL`, as spelled).
pub(crate) const STABILITIES: &[&str] = &["stable", "beta", "alpha"];
/// Severities Alertmanager routes on (the common convention).
pub(crate) const SEVERITIES: &[&str] = &["critical", "warning", "info"];
/// An alert's `op`.
pub(crate) const COMPARISONS: &[&str] = &[">", "<", ">=", "<=", "==", "!="];

/// A list of bucket bounds, or a generator.
const BOUNDS_OR_GENERATOR: [Kind; 2] = [Kind::List(&Kind::Number), Kind::Object(&GENERATOR)];

/// The whole file.
pub(crate) static SPEC: Object = Object {
    name: "spec",
    what: "the spec",
    keys: &[
        key("namespace", Kind::Text),
        // Labels every series of the spec carries (validate/const_labels.rs).
        key("const_labels", Kind::MapOf(&Kind::Text)),
        key("enums", Kind::MapOf(&Kind::List(&Kind::Text))),
        key("buckets", Kind::MapOf(&Kind::AnyOf(&BOUNDS_OR_GENERATOR))),
        required("groups", Kind::List(&Kind::Object(&GROUP))),
        key("objectives", Kind::List(&Kind::Object(&OBJECTIVE))),
    ],
    missing: list_groups,
    exactly_one: false,
};

/// A group: one generated collector.
pub(crate) static GROUP: Object = Object {
    name: "group",
    what: "a group",
    keys: &[
        required("name", Kind::Text),
        required("help", Kind::Text),
        key("metrics", Kind::List(&Kind::Object(&METRIC))),
        // Families inline in a user's `static` (validate/statics.rs).
        key("static", Kind::Flag),
    ],
    missing: add_it,
    exactly_one: false,
};

/// A metric: one family.
pub(crate) static METRIC: Object = Object {
    name: "metric",
    what: "a metric",
    keys: &[
        required("name", Kind::Text),
        required("type", Kind::Word(TYPES)),
        required("help", Kind::Text),
        key("value", Kind::Word(VALUE_TYPES)),
        // A label's values: an inline list, a shared enum's name or `string`.
        key(
            "labels",
            Kind::MapOf(&Kind::AnyOf(&[Kind::List(&Kind::Text), Kind::Text])),
        ),
        // A preset's name, a list of bounds or a generator.
        key(
            "buckets",
            Kind::AnyOf(&[
                Kind::String,
                Kind::List(&Kind::Number),
                Kind::Object(&GENERATOR),
            ]),
        ),
        key("allow", Kind::List(&Kind::RuleId)),
        key("reason", Kind::Text),
        // Evolution and alerting (parse/lifecycle.rs).
        key("stability", Kind::Word(STABILITIES)),
        key("deprecated", Kind::Object(&DEPRECATED)),
        key("aliases", Kind::List(&Kind::Text)),
        key("renamed_from", Kind::Text),
        key("dual_emit", Kind::Flag),
        key("alerts", Kind::List(&Kind::Object(&ALERT))),
        // Contention-free hot counters.
        key("sharded", Kind::Flag),
        // Cardinality budget of free-form labels.
        key("max_series", Kind::Whole),
        key("expire_after_seconds", Kind::Number),
        // OpenMetrics metadata.
        key("unit", Kind::Text),
        key("exemplars", Kind::Flag),
        // Native (sparse) histogram buckets (validate/native.rs).
        key("native", Kind::Object(&NATIVE)),
    ],
    missing: add_it,
    exactly_one: false,
};

/// A metric's `deprecated:`.
pub(crate) static DEPRECATED: Object = Object {
    name: "deprecated",
    what: "a deprecation",
    keys: &[required("note", Kind::Text), key("renamed_to", Kind::Text)],
    missing: add_it,
    exactly_one: false,
};

/// One of a metric's `alerts:`.
pub(crate) static ALERT: Object = Object {
    name: "alert",
    what: "an alert",
    keys: &[
        required("name", Kind::Text),
        key("expr", Kind::Text),
        key("op", Kind::Word(COMPARISONS)),
        key("threshold", Kind::Number),
        key("for", Kind::Text),
        required("severity", Kind::Word(SEVERITIES)),
        required("summary", Kind::Text),
    ],
    missing: add_it,
    exactly_one: false,
};

/// A histogram's `native: {schema | factor, max_buckets, zero_threshold}`;
/// every key has a default, and `schema` and `factor` exclude each other
/// (checked by the validator).
pub(crate) static NATIVE: Object = Object {
    name: "native",
    what: "a native histogram",
    keys: &[
        key("schema", Kind::Whole),
        key("factor", Kind::Number),
        key("max_buckets", Kind::Whole),
        key("zero_threshold", Kind::Number),
    ],
    missing: add_it,
    exactly_one: false,
};

/// A bucket generator: exactly one of its kinds.
pub(crate) static GENERATOR: Object = Object {
    name: "generator",
    what: "a bucket generator",
    keys: &[
        key("exponential", Kind::Object(&EXPONENTIAL)),
        key("linear", Kind::Object(&LINEAR)),
    ],
    missing: it_takes,
    exactly_one: true,
};

/// `exponential: {start, factor, count}`.
pub(crate) static EXPONENTIAL: Object = Object {
    name: "exponential",
    what: "an exponential generator",
    keys: &[
        required("start", Kind::Number),
        required("factor", Kind::Number),
        required("count", Kind::Whole),
    ],
    missing: it_takes,
    exactly_one: false,
};

/// `linear: {start, width, count}`.
pub(crate) static LINEAR: Object = Object {
    name: "linear",
    what: "a linear generator",
    keys: &[
        required("start", Kind::Number),
        required("width", Kind::Number),
        required("count", Kind::Whole),
    ],
    missing: it_takes,
    exactly_one: false,
};

/// `label: value` or `label: [values…]` (an objective's `success` and `matchers`).
const MATCHERS: Kind = Kind::MapOf(&Kind::AnyOf(&[Kind::List(&Kind::Text), Kind::Text]));

/// What an objective's missing key means, so the message says what to write.
fn objective_needs(object: &Object, key: &str) -> String {
    match key {
        "target" => {
            "this objective has no `target` — add the ratio of good events it promises, e.g. `target: 0.99`".to_string()
        }
        "threshold" => "this latency objective has no `threshold` — add the bucket bound (in the histogram's unit) a good event stays under".to_string(),
        _ => add_it(object, key),
    }
}

/// One of `objectives:` (parse/objectives.rs); which of `availability` and
/// `latency` is written, and which keys of `availability` go together, is
/// checked by the validator.
pub(crate) static OBJECTIVE: Object = Object {
    name: "objective",
    what: "an objective",
    keys: &[
        required("name", Kind::Text),
        key("description", Kind::Text),
        required("target", Kind::Number),
        key("window", Kind::Text),
        key("availability", Kind::Object(&AVAILABILITY)),
        key("latency", Kind::Object(&LATENCY)),
    ],
    missing: objective_needs,
    exactly_one: false,
};

/// `availability: {metric, success}` or `{good, total}`, with `matchers`.
pub(crate) static AVAILABILITY: Object = Object {
    name: "availability",
    what: "an availability indicator",
    keys: &[
        key("metric", Kind::Text),
        key("success", MATCHERS),
        key("good", Kind::Text),
        key("total", Kind::Text),
        key("matchers", MATCHERS),
    ],
    missing: add_it,
    exactly_one: false,
};

/// `latency: {metric, threshold, matchers}`.
pub(crate) static LATENCY: Object = Object {
    name: "latency",
    what: "a latency objective",
    keys: &[
        required("metric", Kind::Text),
        required("threshold", Kind::Number),
        key("matchers", MATCHERS),
    ],
    missing: objective_needs,
    exactly_one: false,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stability;

    #[test]
    fn the_stabilities_are_the_models() {
        let mut model: Vec<_> = Stability::ALL.map(Stability::as_str).into();
        let mut table = STABILITIES.to_vec();
        table.sort_unstable();
        model.sort_unstable();
        assert_eq!(table, model);
    }

    /// Each object as a valid one-line spec: the text before and after its
    /// flow mapping, and the entries that make it valid.
    fn templates() -> Vec<(
        &'static Object,
        String,
        &'static str,
        &'static [&'static str],
    )> {
        let group = "groups: [{name: g, help: G., metrics: [{";
        let metric = format!("{group}name: a_total, type: counter, help: A., ");
        let histogram = format!("{group}name: a_seconds, type: histogram, help: A., buckets: ");
        let objectives = "{groups: [{name: g, help: G., metrics: [{name: a_total, type: counter, help: A., labels: {s: [ok, no]}}, {name: b_seconds, type: histogram, help: B.}]}], objectives: [";
        vec![
            (&SPEC, "{".into(), "}", &["groups: [{name: g, help: G., metrics: [{name: a_total, type: counter, help: A.}]}]"]),
            (&GROUP, "groups: [{".into(), "}]", &["name: g", "help: G.", "metrics: [{name: a_total, type: counter, help: A.}]"]),
            (&METRIC, group.into(), "}]}]", &["name: a_total", "type: counter", "help: A."]),
            (&DEPRECATED, format!("{metric}deprecated: {{"), "}}]}]", &["note: N."]),
            (&ALERT, format!("{metric}alerts: [{{"), "}]}]}]", &["name: A", "severity: info", "summary: S.", "threshold: 1"]),
            (&GENERATOR, format!("{histogram}{{"), "}}]}]", &["linear: {start: 1, width: 1, count: 2}"]),
            (&NATIVE, format!("{group}name: a_seconds, type: histogram, help: A., native: {{"), "}}]}]", &["schema: 3"]),
            (&EXPONENTIAL, format!("{histogram}{{exponential: {{"), "}}}]}]", &["start: 1", "factor: 2", "count: 2"]),
            (&LINEAR, format!("{histogram}{{linear: {{"), "}}}]}]", &["start: 1", "width: 1", "count: 2"]),
            (&OBJECTIVE, format!("{objectives}{{"), "}]}", &["name: o", "target: 0.99", "availability: {metric: a_total, success: {s: ok}}"]),
            (&AVAILABILITY, format!("{objectives}{{name: o, target: 0.99, availability: {{"), "}}]}", &["metric: a_total", "success: {s: ok}"]),
            (&LATENCY, format!("{objectives}{{name: o, target: 0.99, latency: {{"), "}}]}", &["metric: b_seconds", "threshold: 0.25"]),
        ]
    }

    /// A value no key of this kind takes.
    fn wrong(kind: &Kind) -> &'static str {
        match kind {
            Kind::Text | Kind::String | Kind::Word(_) | Kind::RuleId => "{x: 1}",
            Kind::AnyOf(_) | Kind::Flag => "[true]",
            Kind::Number | Kind::Whole | Kind::List(_) | Kind::MapOf(_) | Kind::Object(_) => {
                "wrong"
            }
        }
    }

    fn diagnostics(spec: &str) -> Vec<crate::Diagnostic> {
        crate::check(spec.as_bytes()).err().unwrap_or_default()
    }

    #[test]
    fn the_templates_are_valid() {
        for (object, before, after, base) in templates() {
            let spec = format!("{before}{}{after}\n", base.join(", "));
            assert_eq!(diagnostics(&spec), [], "{}: {spec}", object.name);
        }
    }

    /// The parser reads each key with its own code; this holds it to the
    /// table the schema is made from: a value of the wrong kind under any
    /// key is an error at that value, and a missing required key is a
    /// `missing-key`.
    #[test]
    fn the_parser_agrees_with_the_table() {
        for (object, before, after, base) in templates() {
            for key in object.keys {
                // The key's own entry replaces any the valid base has (all of
                // them, where exactly one key is written).
                let mut kept: Vec<&str> = base
                    .iter()
                    .copied()
                    .filter(|entry| !entry.starts_with(&format!("{}: ", key.name)))
                    .filter(|_| !object.exactly_one)
                    .collect();
                let bad = format!("{}: {}", key.name, wrong(&key.kind));
                let spec = format!(
                    "{before}{}{after}\n",
                    [kept.join(", "), bad.clone()]
                        .join(", ")
                        .trim_start_matches(", ")
                );
                let column = (spec.find(&bad).expect("placed") + key.name.len() + 3) as u64;
                let found = diagnostics(&spec);
                assert!(
                    found.iter().any(|d| d.location.column == column),
                    "{}.{}: no error at column {column} of {spec}{found:#?}",
                    object.name,
                    key.name
                );
                if key.required {
                    kept.retain(|e| !e.is_empty());
                    let spec = format!("{before}{}{after}\n", kept.join(", "));
                    let found = diagnostics(&spec);
                    assert!(
                        found.iter().any(|d| d.rule == "missing-key"
                            && d.to_string().contains(&format!("`{}", key.name))),
                        "{}.{}: no missing-key in {spec}{found:#?}",
                        object.name,
                        key.name
                    );
                }
            }
        }
    }
}
