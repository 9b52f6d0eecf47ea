//! `sharded:` in a spec: accepted on int counters with closed labels, a
//! located error everywhere else.

use x0tta_metrics_codegen::check;

fn spec_with(metric: &str) -> String {
    format!("namespace: t\ngroups:\n  - name: g\n    help: G.\n    metrics:\n{metric}")
}

fn rules(metric: &str) -> Vec<(&'static str, u64, String)> {
    match check(spec_with(metric).as_bytes()) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics
            .into_iter()
            .map(|d| (d.rule, d.location.line, d.message))
            .collect(),
    }
}

#[test]
fn an_int_counter_with_closed_labels_is_sharded() {
    let source = spec_with(
        "      - {name: hits_total, type: counter, help: H., labels: {kind: [a, b]}, sharded: true}\n      - {name: misses_total, type: counter, help: M.}\n",
    );
    let spec = check(source.as_bytes()).expect("valid");
    let sharded: Vec<bool> = spec.metrics().map(|(_, m)| m.sharded).collect();
    assert_eq!(sharded, [true, false]);
}

#[test]
fn a_sharded_gauge_is_refused_where_the_key_is() {
    let found = rules(
        "      - name: depth\n        type: gauge\n        help: D.\n        sharded: true\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), ("sharded-not-counter", 9));
    assert!(found[0].2.contains("counters only"), "{}", found[0].2);
}

#[test]
fn sharded_float_counters_and_free_form_labels_are_refused() {
    let float =
        rules("      - {name: a_total, type: counter, value: float, help: A., sharded: true}\n");
    assert_eq!(
        float.iter().map(|f| f.0).collect::<Vec<_>>(),
        ["sharded-not-int"]
    );
    let free = rules(
        "      - {name: c_total, type: counter, help: B., labels: {peer: string}, sharded: true}\n",
    );
    assert_eq!(
        free.iter().map(|f| f.0).collect::<Vec<_>>(),
        ["sharded-free-label"]
    );
}

#[test]
fn sharded_must_be_a_boolean() {
    let found = rules("      - {name: c_total, type: counter, help: C., sharded: yes please}\n");
    assert_eq!(
        found.iter().map(|f| f.0).collect::<Vec<_>>(),
        ["wrong-type"],
        "{found:?}"
    );
}
