//! `x0tta-metrics explain <rule>`: every rule the engine can report is
//! explained from docs/SPEC.md; an unknown id fails with a suggestion.

mod common;

use common::run;

#[test]
fn every_rule_id_is_explained() {
    let rules = x0tta_metrics_codegen::diagnostic::ERRORS
        .iter()
        .chain(x0tta_metrics_codegen::lint::RULES);
    for rule in rules {
        let out = run(["explain", rule.id]);
        assert_eq!(out.code, 0, "{}: {}", rule.id, out.stderr);
        assert!(
            out.stdout.starts_with(&format!("{} — ", rule.id)),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("Example that breaks it: "),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn explain_prints_the_rule_text_and_example_from_the_reference() {
    let out = run(["explain", "unknown-key"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("every key is one the format defines"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("`lables: {…}`"), "{}", out.stdout);
    let lint = run(["explain", "counter-total-suffix"]);
    assert!(
        lint.stdout.contains("counter names end in `_total`"),
        "{}",
        lint.stdout
    );
    assert!(
        lint.stdout.contains("allow: [id]"),
        "lints say how to waive them: {}",
        lint.stdout
    );
}

#[test]
fn an_unknown_rule_fails_with_a_suggestion() {
    let out = run(["explain", "unknown-kye"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("no rule `unknown-kye` — did you mean `unknown-key`?"),
        "{}",
        out.stderr
    );
    let nothing_close = run(["explain", "zzzzzzzzzzzzzzzz"]);
    assert_eq!(nothing_close.code, 1);
    assert!(
        !nothing_close.stderr.contains("did you mean"),
        "{}",
        nothing_close.stderr
    );
}
