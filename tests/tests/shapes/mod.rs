//! `specs/encode.yaml` expanded: every shape the encoders handle, and a
//! workload touching each, shared by the format tests; the fleet-like
//! registry and the two-spec exposition they check against `gather()`.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;

use x0tta_metrics::prometheus::Registry;
use x0tta_metrics::Combined;

x0tta_metrics::metrics_spec!("specs/encode.yaml");

mod second {
    x0tta_metrics::metrics_spec!("specs/second.yaml");
}

/// A registry as `Registry::new_custom` builds it for a fleet: a prefix and
/// common labels, one with a value that needs escaping in the text formats.
pub fn custom_registry() -> Registry {
    let labels = HashMap::from([
        ("region".to_string(), "eu-west".to_string()),
        ("node".to_string(), "n\"7\\x".to_string()),
        ("instance".to_string(), "10.0.0.7:9464".to_string()),
    ]);
    Registry::new_custom(Some("fleet".to_string()), Some(labels)).expect("custom registry")
}

/// This spec and `specs/second.yaml` on `registry`, served as one exposition:
/// every shape touched, and the second spec's free-form family pushed past
/// its budget of 2, so both specs have series in the shared overflow family.
pub fn two_specs_past_budget(registry: &Registry) -> Combined {
    let first = Metrics::register(registry).expect("first spec");
    let other = second::Metrics::register(registry).expect("second spec");
    touch_every_shape(&first);
    for job in ["a", "b", "c", "d"] {
        other.jobs.job_runs_total(job).inc();
    }
    Combined::new(vec![Arc::new(first), Arc::new(other)])
}

/// The spec's `const_labels`, unescaped: on every series of every shape.
pub const SPEC_LABELS: [(&str, &str); 2] =
    [("build", "1.0\n🚀"), ("service", "api \"edge\" \\ {x}")];

/// [`SPEC_LABELS`] as both text formats write them.
pub const SPEC_LABELS_TEXT: &str = r#"build="1.0\n🚀",service="api \"edge\" \\ {x}""#;

/// Label values a free-form label may carry that the format must escape.
pub const AWKWARD: [&str; 5] = [
    "plain",
    "quote \" inside",
    "back\\slash",
    "new\nline",
    "ünïcode ✓",
];

/// Sets every family of every shape to values the formats print differently.
pub fn touch_every_shape(m: &Metrics) {
    m.shapes.plain_events_total().inc_by(7);
    for (i, zone) in Zone::ALL.into_iter().enumerate() {
        m.shapes
            .zoned_events_total(zone, ZonedEventsTotalKind::Read)
            .inc_by(i as u64 + 1);
        m.shapes.ratio_total(zone).inc_by(0.25 * i as f64);
        m.shapes
            .temperature_celsius(zone)
            .set(-12.5 + i as f64 * 1e-3);
        m.shapes.latency_seconds(zone).observe(0.05 * i as f64);
        m.shapes.hot_events_total(zone).inc_by(i as u64 * 3);
    }
    m.shapes
        .zoned_events_total(Zone::East, ZonedEventsTotalKind::Delete)
        .inc();
    m.shapes.queue_depth().set(-(1 << 55) - 3);
    m.shapes.unlabelled_seconds().observe(0.3);
    m.shapes.unlabelled_seconds().observe(42.0);
    m.shapes.hot_plain_total().inc_by(1 << 40);
    // Integers past 2^53 print as TextEncoder prints them: through f64.
    m.shapes.plain_events_total().inc_by(1 << 60);
    m.shapes
        .zoned_events_total(Zone::West, ZonedEventsTotalKind::Write)
        .inc_by(u64::MAX - 7);
    for (i, value) in AWKWARD.into_iter().enumerate() {
        m.shapes.request_bytes(value).observe(100.0 * i as f64);
        m.shapes.peer_messages_total(value, Zone::West).inc();
        m.shapes.peer_up(value).set(i as f64 / 3.0);
    }
    // Values whose printing differs between formatters.
    m.shapes.peer_up("nan").set(f64::NAN);
    m.shapes.peer_up("inf").set(f64::INFINITY);
    m.shapes.peer_up("minus-inf").set(f64::NEG_INFINITY);
    m.shapes.peer_up("minus-zero").set(-0.0);
    m.shapes.peer_up("huge").set(1e300);
    m.shapes.peer_up("tiny").set(1e-300);
    m.shapes.peer_up("above-2^53").set(2f64.powi(60));
}
