//! `x0tta-metrics schema`: the committed JSON Schema is current, and a real
//! validator (Debian `python3-jsonschema`) agrees with the compiler: every
//! good spec of the repository validates, and every bad spec that breaks a
//! rule the schema expresses fails it at the key the compiler names.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{assert_fresh, catalogue, root, run, Scratch};
use serde_json::{json, Value};

/// The rules the schema expresses: the shape of the file. Every other rule
/// (references, uniqueness, names, budgets, lints) needs the compiler;
/// docs/SPEC.md lists these same ids.
const SCHEMA_RULES: &[&str] = &[
    "unknown-key",
    "missing-key",
    "wrong-type",
    "unknown-type",
    "unknown-value-type",
    "unknown-stability",
    "unknown-severity",
    "waiver-unknown-rule",
];

/// Validates each instance against the schema with python3-jsonschema, in
/// one process; prints `{name: [{path, validator, message}]}`. An `anyOf`
/// error (a bucket spec that is none of its forms) is listed with the errors
/// of each alternative, which name the key at fault.
const VALIDATE: &str = r#"
import json, sys
import jsonschema
data = json.load(open(sys.argv[1]))
schema = data["schema"]
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
def flatten(errors):
    for e in errors:
        yield e
        yield from flatten(e.context)
out = {}
for name, instance in data["instances"].items():
    out[name] = [
        {"path": list(e.absolute_path), "validator": e.validator, "message": e.message}
        for e in flatten(validator.iter_errors(instance))
    ]
json.dump(out, sys.stdout)
"#;

fn schema() -> Value {
    let out = run(["schema"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("the schema is JSON")
}

/// A spec read as the engine reads it (YAML 1.2), as JSON; `None` when it is
/// not even YAML (those specs break rules the schema cannot see).
fn as_json(spec: &Path) -> Option<Value> {
    let text = fs::read_to_string(spec).ok()?;
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    serde_saphyr::from_str_with_options(&text, options).ok()
}

/// The schema errors of each named instance, from the real validator.
fn validate(instances: &BTreeMap<String, Value>) -> BTreeMap<String, Vec<Value>> {
    let dir = Scratch::new();
    let input = dir.file(
        "input.json",
        &json!({"schema": schema(), "instances": instances}).to_string(),
    );
    let out = Command::new("/usr/bin/python3")
        .args(["-c", VALIDATE])
        .arg(&input)
        .output()
        .expect("run /usr/bin/python3 (Debian python3-jsonschema)");
    assert!(
        out.status.success(),
        "the validator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the validator's JSON")
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            found.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn name(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn committed_schema_is_current() {
    let out = run(["schema"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_fresh(
        &root().join("docs/metrics-spec.schema.json"),
        &out.stdout,
        "cargo run -p x0tta-metrics-cli -- schema -o docs/metrics-spec.schema.json",
    );
}

#[test]
fn every_good_spec_validates() {
    let mut specs = vec![catalogue()];
    for dir in [
        "x0tta-metrics-codegen/tests/corpus/good",
        "tests/specs",
        "tests/fixtures",
        "benches/specs",
    ] {
        specs.extend(yaml_files(&root().join(dir)));
    }
    assert!(specs.len() >= 10, "{specs:?}");
    let instances: BTreeMap<String, Value> = specs
        .iter()
        .map(|spec| {
            // Each is a spec the compiler accepts: the schema must too.
            x0tta_metrics_codegen::check_file(spec)
                .unwrap_or_else(|d| panic!("{}: {:?}", spec.display(), d));
            let json = as_json(spec).unwrap_or_else(|| panic!("{} as JSON", spec.display()));
            (name(spec), json)
        })
        .collect();
    for (spec, errors) in validate(&instances) {
        assert!(errors.is_empty(), "{spec} fails the schema: {errors:#?}");
    }
}

/// What a schema error names: the unexpected or missing key, or the value
/// at fault (the first quoted word of its message), and the last key on its
/// path (the key holding a bad value).
fn named_by(error: &Value) -> Vec<String> {
    let message = error["message"].as_str().unwrap_or_default();
    let quoted = message.split('\'').nth(1).map(str::to_string);
    let last_key = error["path"].as_array().and_then(|path| {
        path.iter()
            .rev()
            .find_map(|p| p.as_str().map(str::to_string))
    });
    quoted.into_iter().chain(last_key).collect()
}

#[test]
fn bad_specs_fail_the_schema_at_the_key_the_compiler_names() {
    let corpus = root().join("x0tta-metrics-codegen/tests/corpus/bad");
    let mut cases = BTreeMap::new();
    let mut instances = BTreeMap::new();
    for spec in yaml_files(&corpus) {
        let Err(diagnostics) = x0tta_metrics_codegen::check_file(&spec) else {
            panic!("{} passes the compiler", spec.display());
        };
        let shape: Vec<_> = diagnostics
            .into_iter()
            .filter(|d| SCHEMA_RULES.contains(&d.rule))
            .collect();
        if shape.is_empty() {
            continue;
        }
        let json = as_json(&spec).unwrap_or_else(|| panic!("{} as JSON", spec.display()));
        let text = fs::read_to_string(&spec).expect("read spec");
        instances.insert(name(&spec), json);
        cases.insert(name(&spec), (text, shape));
    }
    // One spec at least for each rule the schema expresses.
    for rule in SCHEMA_RULES {
        assert!(
            cases
                .values()
                .any(|(_, ds)| ds.iter().any(|d| d.rule == *rule)),
            "no bad spec breaks {rule}"
        );
    }
    let results = validate(&instances);
    for (spec, (text, diagnostics)) in &cases {
        let errors = &results[spec];
        let keys: Vec<String> = errors.iter().flat_map(named_by).collect();
        // A document that is no mapping at all (an empty or comment-only
        // file) fails at the schema's root, which has no key to name.
        let at_root = errors
            .iter()
            .any(|e| e["path"].as_array().is_some_and(Vec::is_empty));
        for d in diagnostics {
            if at_root && d.message.starts_with("the spec must be a mapping") {
                continue;
            }
            let line = text
                .lines()
                .nth(d.location.line.saturating_sub(1) as usize)
                .unwrap_or_default();
            // An unknown key, a bad value or the key holding it stands on
            // the diagnostic's line; a missing key is named by the message.
            let found = keys.iter().any(|key| match d.rule {
                "missing-key" => d.message.contains(&format!("`{key}")),
                _ => line.contains(key.as_str()),
            });
            assert!(
                found,
                "{spec}: the schema does not fail where the compiler does: {} [{}] at line {}\nschema errors: {errors:#?}",
                d.message, d.rule, d.location.line
            );
        }
    }
}

#[test]
fn a_typo_in_a_key_fails_the_schema_at_that_key() {
    let dir = Scratch::new();
    let spec = dir.file(
        "spec.yaml",
        "groups:\n  - name: g\n    help: G.\n    metrics:\n      - {name: a_total, type: counter, help: A., lables: {x: string}}\n",
    );
    let instances = BTreeMap::from([("typo".to_string(), as_json(&spec).expect("JSON"))]);
    let errors = &validate(&instances)["typo"];
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["path"], json!(["groups", 0, "metrics", 0]));
    assert_eq!(errors[0]["validator"], "additionalProperties");
    assert_eq!(named_by(&errors[0])[0], "lables");
}
