//! The JSON Schema (draft 2020-12) of the spec format, built from the key
//! tables the parser checks against (the private `keys` module), so an editor offers
//! exactly the keys, value kinds and words the compiler accepts.
//!
//! The schema expresses the shape: known keys, required keys, kinds of
//! values and closed word sets. What needs the whole spec (references to
//! enums, presets and metrics, uniqueness, name rules, lints) only the
//! compiler checks; docs/SPEC.md says which rules those are.

use serde_json::{json, Map, Value};

use crate::keys::{self, Kind, Object};
use crate::lint;

/// Where the committed schema is published, for `$id`.
pub const SCHEMA_ID: &str = "https://example.invalid/x0tta-metrics/docs/metrics-spec.schema.json";

/// The schema of a spec file. `describe(object, key)` may give a key's
/// description (editors show it on hover); objects are named as in the
/// schema's `$defs`: `spec`, `group`, `metric`, `alert`, `deprecated`,
/// `generator`, `exponential`, `linear`, `objective`, `availability`, `latency`.
pub fn json_schema(describe: &dyn Fn(&str, &str) -> Option<String>) -> Value {
    let mut defs = Map::new();
    // The root first: its keys name the objects it reaches (`GROUP`, `OBJECTIVE`).
    let mut pending = Vec::new();
    let mut root = object_schema(&keys::SPEC, describe, &mut pending);
    while let Some(object) = pending.pop() {
        if defs.contains_key(object.name) {
            continue;
        }
        defs.insert(object.name.to_string(), Value::Null);
        let schema = object_schema(object, describe, &mut pending);
        defs.insert(object.name.to_string(), schema);
    }
    let fields = root.as_object_mut().expect("an object schema");
    fields.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    fields.insert("$id".into(), json!(SCHEMA_ID));
    fields.insert("title".into(), json!("x0tta-metrics spec"));
    fields.insert("$defs".into(), Value::Object(defs));
    root
}

fn object_schema(
    object: &'static Object,
    describe: &dyn Fn(&str, &str) -> Option<String>,
    pending: &mut Vec<&'static Object>,
) -> Value {
    let mut properties = Map::new();
    for key in object.keys {
        let mut schema = kind_schema(&key.kind, pending);
        if let (Some(text), Some(fields)) =
            (describe(object.name, key.name), schema.as_object_mut())
        {
            fields.insert("description".into(), json!(text));
        }
        properties.insert(key.name.to_string(), schema);
    }
    let required: Vec<&str> = object
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    let fields = schema.as_object_mut().expect("an object schema");
    if !required.is_empty() {
        fields.insert("required".into(), json!(required));
    }
    if object.exactly_one {
        fields.insert("minProperties".into(), json!(1));
        fields.insert("maxProperties".into(), json!(1));
    }
    schema
}

fn kind_schema(kind: &Kind, pending: &mut Vec<&'static Object>) -> Value {
    match kind {
        // The parser reads any scalar as text, as written (`200`, `true`).
        Kind::Text => json!({"type": ["string", "number", "boolean"]}),
        Kind::String => json!({"type": "string"}),
        Kind::Word(words) => json!({"enum": words}),
        Kind::RuleId => {
            let ids: Vec<&str> = lint::RULES.iter().map(|r| r.id).collect();
            json!({"enum": ids})
        }
        Kind::Flag => json!({"type": "boolean"}),
        Kind::Number => json!({"type": "number"}),
        Kind::Whole => json!({"type": "integer"}),
        // An empty value (`enums:` with nothing under it) is an empty list or mapping.
        Kind::List(item) => json!({
            "type": ["array", "null"],
            "items": kind_schema(item, pending),
        }),
        Kind::MapOf(value) => json!({
            "type": ["object", "null"],
            "additionalProperties": kind_schema(value, pending),
        }),
        Kind::Object(object) => {
            pending.push(object);
            json!({"$ref": format!("#/$defs/{}", object.name)})
        }
        Kind::AnyOf(kinds) => {
            let options: Vec<Value> = kinds.iter().map(|k| kind_schema(k, pending)).collect();
            json!({"anyOf": options})
        }
    }
}
