//! The YAML tree → the spec as written ([`ast`](crate::ast)).
//!
//! This stage checks shape only: known keys, lists where lists belong,
//! scalars where scalars belong. Each problem is reported at the key or value
//! itself and parsing goes on, so one build shows every mistake.

use crate::ast::{
    BucketPreset, Buckets, ConstLabel, EnumDef, Group, Label, LabelValues, Metric, Native, Number,
    Spec, Text, ValueList,
};
use crate::diagnostic::Context;
use crate::keys::{self, Object};
use crate::suggest;
use crate::yaml::{Node, Value};

mod lifecycle;
mod objectives;

pub(crate) fn spec(root: &Node, cx: &mut Context) -> Spec {
    let mut spec = Spec::default();
    let Some(fields) = Fields::of(root, &keys::SPEC, cx) else {
        return spec;
    };
    spec.namespace = fields
        .get("namespace")
        .and_then(|n| text(n, "namespace", cx));
    if let Some(labels) = fields.get("const_labels") {
        spec.const_labels = entries(labels, "const_labels", cx)
            .iter()
            .filter_map(|(k, v)| {
                Some(ConstLabel {
                    name: text(k, "a label name", cx)?,
                    value: text(v, "a constant label's value", cx)?,
                })
            })
            .collect();
    }
    if let Some(enums) = fields.get("enums") {
        spec.enums = entries(enums, "enums", cx)
            .iter()
            .filter_map(|(k, v)| {
                Some(EnumDef {
                    name: text(k, "an enum name", cx)?,
                    values: value_list(v, cx)?,
                })
            })
            .collect();
    }
    if let Some(presets) = fields.get("buckets") {
        spec.buckets = entries(presets, "buckets", cx)
            .iter()
            .filter_map(|(k, v)| {
                Some(BucketPreset {
                    name: text(k, "a bucket preset name", cx)?,
                    buckets: buckets(v, false, cx)?,
                })
            })
            .collect();
    }
    if let Some(groups) = fields.get("groups") {
        spec.groups = items(groups, "groups", cx)
            .iter()
            .filter_map(|g| group(g, cx))
            .collect();
    }
    spec.objectives = objectives::objectives(&fields, cx);
    spec
}

fn group(node: &Node, cx: &mut Context) -> Option<Group> {
    let fields = Fields::of(node, &keys::GROUP, cx)?;
    let written = fields
        .get("metrics")
        .map_or(&[][..], |m| items(m, "metrics", cx));
    Some(Group {
        at: node.location,
        written_metrics: written.len(),
        metrics: written.iter().filter_map(|m| metric(m, cx)).collect(),
        name: fields.required("name", cx),
        help: fields.required("help", cx),
        is_static: fields.get("static").and_then(|s| boolean(s, "static", cx)),
    })
}

fn metric(node: &Node, cx: &mut Context) -> Option<Metric> {
    let fields = Fields::of(node, &keys::METRIC, cx)?;
    let labels = match fields.get("labels") {
        Some(l) => entries(l, "labels", cx)
            .iter()
            .filter_map(|(k, v)| {
                let name = text(k, "a label name", cx)?;
                let values = match &v.value {
                    Value::Seq(_) => LabelValues::Inline(value_list(v, cx)?),
                    _ => LabelValues::Named(text(v, "a label's value set", cx)?),
                };
                Some(Label { name, values })
            })
            .collect(),
        None => Vec::new(),
    };
    let allow = match fields.get("allow") {
        Some(a) => items(a, "allow", cx)
            .iter()
            .filter_map(|r| text(r, "a rule id", cx))
            .collect(),
        None => Vec::new(),
    };
    Some(Metric {
        at: node.location,
        name: fields.required("name", cx),
        kind: fields.required("type", cx),
        help: fields.required("help", cx),
        value: fields.get("value").and_then(|v| text(v, "value", cx)),
        labels,
        buckets: fields.get("buckets").and_then(|b| buckets(b, true, cx)),
        allow,
        reason: fields.get("reason").and_then(|r| text(r, "reason", cx)),
        lifecycle: lifecycle::lifecycle(&fields, cx),
        alerts: lifecycle::alerts(&fields, cx),
        sharded: fields
            .get("sharded")
            .and_then(|s| boolean(s, "sharded", cx)),
        max_series: fields.get("max_series").and_then(|n| number(n, cx)),
        unit: fields.get("unit").and_then(|u| text(u, "unit", cx)),
        exemplars: fields
            .get("exemplars")
            .and_then(|e| boolean(e, "exemplars", cx)),
        expire_after_seconds: fields
            .get("expire_after_seconds")
            .and_then(|n| number(n, cx)),
        native: fields.get("native").and_then(|n| native(n, cx)),
    })
}

/// `native: {…}`: each key optional, numbers located (validate/native.rs
/// checks their ranges).
fn native(node: &Node, cx: &mut Context) -> Option<Native> {
    let fields = Fields::of(node, &keys::NATIVE, cx)?;
    let mut get = |key| fields.get(key).and_then(|n| number(n, cx));
    Some(Native {
        at: node.location,
        schema: get("schema"),
        factor: get("factor"),
        max_buckets: get("max_buckets"),
        zero_threshold: get("zero_threshold"),
    })
}

/// A bucket list, a generator, or (on a metric) a preset's name.
fn buckets(node: &Node, preset_allowed: bool, cx: &mut Context) -> Option<Buckets> {
    match &node.value {
        Value::Str(name) if preset_allowed => Some(Buckets::Preset(Text {
            value: name.clone(),
            at: node.location,
        })),
        Value::Seq(bounds) => Some(Buckets::List {
            bounds: bounds.iter().filter_map(|b| number(b, cx)).collect(),
            at: node.location,
        }),
        Value::Map(map) => {
            if map.len() != 1 {
                cx.error(
                    "bucket-generator",
                    node.location,
                    "a bucket generator has exactly one key: `exponential: {start, factor, count}` or `linear: {start, width, count}`",
                );
                return None;
            }
            let fields = Fields::of(node, &keys::GENERATOR, cx)?;
            if let Some(g) = fields.get("exponential") {
                let f = Fields::of(g, &keys::EXPONENTIAL, cx)?;
                let [start, factor, count] = f.numbers(["start", "factor", "count"], cx)?;
                Some(Buckets::Exponential {
                    start,
                    factor,
                    count,
                    at: g.location,
                })
            } else {
                let g = fields.get("linear")?;
                let f = Fields::of(g, &keys::LINEAR, cx)?;
                let [start, width, count] = f.numbers(["start", "width", "count"], cx)?;
                Some(Buckets::Linear {
                    start,
                    width,
                    count,
                    at: g.location,
                })
            }
        }
        _ => {
            let what = if preset_allowed {
                "a preset name, a list of bounds or a generator"
            } else {
                "a list of bounds or a generator"
            };
            cx.error(
                "wrong-type",
                node.location,
                format!("`buckets` must be {what}, found {}", node.kind()),
            );
            None
        }
    }
}

fn value_list(node: &Node, cx: &mut Context) -> Option<ValueList> {
    let values = items(node, "a list of label values", cx)
        .iter()
        .filter_map(|v| text(v, "a label value", cx))
        .collect();
    matches!(node.value, Value::Seq(_)).then_some(ValueList {
        values,
        at: node.location,
    })
}

/// The keys of one mapping, checked against the keys its [`Object`] takes:
/// every unknown key and every missing required key is reported here.
struct Fields<'a> {
    node: &'a Node,
    object: &'static Object,
    entries: Vec<(String, &'a Node)>,
}

impl<'a> Fields<'a> {
    fn of(node: &'a Node, object: &'static Object, cx: &mut Context) -> Option<Self> {
        let what = object.what;
        let Value::Map(map) = &node.value else {
            cx.error(
                "wrong-type",
                node.location,
                format!("{what} must be a mapping of keys, found {}", node.kind()),
            );
            return None;
        };
        let mut entries = Vec::with_capacity(map.len());
        for (key, value) in map {
            let Some(name) = key.scalar_text() else {
                cx.error(
                    "wrong-type",
                    key.location,
                    format!("a key of {what} must be a plain word"),
                );
                continue;
            };
            if object.takes(&name) {
                entries.push((name, value));
            } else {
                let hint = suggest::hint(&name, object.key_names());
                let hint = if hint.is_empty() {
                    let known: Vec<_> = object.key_names().collect();
                    format!(" — {what} takes: {}", known.join(", "))
                } else {
                    hint
                };
                cx.error(
                    "unknown-key",
                    key.location,
                    format!("unknown key \"{name}\"{hint}"),
                );
            }
        }
        for key in object.keys.iter().filter(|k| k.required) {
            if !entries.iter().any(|(name, _)| name == key.name) {
                cx.error(
                    "missing-key",
                    node.location,
                    (object.missing)(object, key.name),
                );
            }
        }
        Some(Fields {
            node,
            object,
            entries,
        })
    }

    fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// A required scalar (`of` has reported it if missing); an empty one is
    /// reported here.
    fn required(&self, key: &str, cx: &mut Context) -> Option<Text> {
        debug_assert!(
            self.object.keys.iter().any(|k| k.name == key && k.required),
            "`{key}` is not a required key of {}",
            self.object.name
        );
        let node = self.get(key)?;
        let value = text(node, key, cx)?;
        if value.value.trim().is_empty() {
            let owner = self.object.owner();
            cx.error(
                "empty-value",
                node.location,
                format!("`{key}` is empty — give the {owner} a {key}"),
            );
            return None;
        }
        Some(value)
    }

    /// Required numbers (`of` has reported the missing ones).
    fn numbers<const N: usize>(&self, keys: [&str; N], cx: &mut Context) -> Option<[Number; N]> {
        let mut out = [Number {
            value: 0.0,
            at: self.node.location,
        }; N];
        let mut complete = true;
        for (slot, key) in out.iter_mut().zip(keys) {
            match self.get(key) {
                Some(node) => match number(node, cx) {
                    Some(n) => *slot = n,
                    None => complete = false,
                },
                None => complete = false,
            }
        }
        complete.then_some(out)
    }
}

fn entries<'a>(node: &'a Node, what: &str, cx: &mut Context) -> &'a [(Node, Node)] {
    match &node.value {
        Value::Map(map) => map,
        Value::Null => &[],
        _ => {
            cx.error(
                "wrong-type",
                node.location,
                format!("`{what}` must be a mapping, found {}", node.kind()),
            );
            &[]
        }
    }
}

fn items<'a>(node: &'a Node, what: &str, cx: &mut Context) -> &'a [Node] {
    match &node.value {
        Value::Seq(items) => items,
        Value::Null => &[],
        _ => {
            cx.error(
                "wrong-type",
                node.location,
                format!("{what} must be a list, found {}", node.kind()),
            );
            &[]
        }
    }
}

fn text(node: &Node, what: &str, cx: &mut Context) -> Option<Text> {
    match node.scalar_text() {
        Some(value) => Some(Text {
            value,
            at: node.location,
        }),
        None => {
            cx.error(
                "wrong-type",
                node.location,
                format!("{what} must be a single value, found {}", node.kind()),
            );
            None
        }
    }
}

fn number(node: &Node, cx: &mut Context) -> Option<Number> {
    let value = match node.value {
        Value::Int(i) => i as f64,
        Value::Float(x) => x,
        _ => {
            cx.error(
                "wrong-type",
                node.location,
                format!("expected a number, found {}", node.kind()),
            );
            return None;
        }
    };
    Some(Number {
        value,
        at: node.location,
    })
}

fn boolean(
    node: &Node,
    what: &str,
    cx: &mut Context,
) -> Option<(bool, crate::diagnostic::Location)> {
    match node.value {
        Value::Bool(b) => Some((b, node.location)),
        _ => {
            cx.error(
                "wrong-type",
                node.location,
                format!("`{what}` must be `true` or `false`, found {}", node.kind()),
            );
            None
        }
    }
}
