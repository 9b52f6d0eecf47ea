//! The whole catalogue, every family touched, through the real
//! `promtool check metrics` (Prometheus' own parser and promlint rules):
//! it parses, and the only lint problems are the ones the spec waives.

mod support;

use std::collections::BTreeSet;
use std::fs::File;
use std::process::{Command, Stdio};

use support::touch::touch_every_family;
use support::{catalogue_spec, exposition, metrics};

#[test]
fn promtool_check_metrics_accepts_every_family() {
    let spec = catalogue_spec();
    // (exported name, waived rule) for every waiver of the spec.
    let waived: BTreeSet<(String, String)> = spec
        .metrics()
        .flat_map(|(_, m)| {
            m.waivers
                .iter()
                .map(|w| (m.exported.clone(), w.rule.clone()))
        })
        .collect();
    assert!(
        !waived.is_empty(),
        "the catalogue keeps legacy names under waivers"
    );

    let m = metrics();
    touch_every_family(&m);
    let text = exposition(&m);
    // Each family's block starts with its `# HELP <name> ` line.
    let blocks: Vec<String> = text
        .split("# HELP ")
        .skip(1)
        .map(|block| format!("# HELP {block}"))
        .collect();
    // The spec's families, and the counter of updates past a series budget.
    assert_eq!(blocks.len(), spec.metrics().count() + 1);
    let (with_waivers, clean): (Vec<String>, Vec<String>) = blocks.into_iter().partition(|block| {
        waived
            .iter()
            .any(|(name, _)| block.starts_with(&format!("# HELP {name} ")))
    });

    // Every family without a waiver: accepted, and not a word of lint.
    let (success, lint) = promtool_check_metrics("catalogue-clean.prom", &clean.concat());
    assert!(success, "promtool rejected the catalogue:\n{lint}");
    assert_eq!(lint, "", "promtool lint output");

    // The waived families: promtool reports exactly the waived problems.
    let (_, lint) = promtool_check_metrics("catalogue-waived.prom", &with_waivers.concat());
    let reported: BTreeSet<(String, String)> = lint
        .lines()
        .map(|line| {
            let (name, message) = line
                .split_once(' ')
                .unwrap_or_else(|| panic!("unexpected promtool output: {line}"));
            (name.to_string(), rule_of(message).to_string())
        })
        .collect();
    assert_eq!(reported, waived);
}

/// The promlint rule id (as in the spec's `allow:`) of a promtool message.
fn rule_of(message: &str) -> &'static str {
    const RULES: [(&str, &str); 3] = [
        (
            "counter metrics should have \"_total\" suffix",
            "counter-total-suffix",
        ),
        (
            "non-counter metrics should not have \"_total\" suffix",
            "non-counter-total-suffix",
        ),
        (
            "non-histogram and non-summary metrics should not have \"_",
            "reserved-suffix",
        ),
    ];
    RULES
        .iter()
        .find(|(text, _)| message.starts_with(text))
        .map(|(_, rule)| *rule)
        .unwrap_or_else(|| panic!("promtool reported a problem no waiver covers: {message}"))
}

/// Writes the exposition `text` to `file_name` in the test's temp dir and
/// pipes that file into `promtool check metrics`: whether it exited 0, and
/// what it printed.
fn promtool_check_metrics(file_name: &str, text: &str) -> (bool, String) {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(file_name);
    std::fs::write(&path, text).expect("write the exposition");
    let output = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(File::open(&path).expect("open the exposition"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run `promtool` ({e}); install it (Debian: apt-get install prometheus) and put it on PATH")
        });
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), printed)
}

/// The spec's reserved labels are the ones promtool rejects: `le` on a
/// counter or gauge (not only on a histogram) and `quantile` off summaries.
/// Each exposition, built with the prometheus crate directly since a spec
/// cannot produce it, is rejected by the real promtool, and the same label
/// in a spec is a `reserved-label` error.
#[test]
fn promtool_rejects_exactly_what_the_spec_reserves() {
    use x0tta_metrics::prometheus::{
        Encoder, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
    };

    for (i, (kind, label)) in [("counter", "le"), ("gauge", "le"), ("counter", "quantile")]
        .into_iter()
        .enumerate()
    {
        let registry = Registry::new();
        let name = format!("app_probe_{i}_{label}");
        let name = if kind == "counter" {
            let family = IntCounterVec::new(Opts::new(format!("{name}_total"), "H."), &[label])
                .expect("family");
            family.with_label_values(&["1"]).inc();
            registry.register(Box::new(family)).expect("register");
            format!("{name}_total")
        } else {
            let family = IntGaugeVec::new(Opts::new(name.clone(), "H."), &[label]).expect("family");
            family.with_label_values(&["1"]).set(1);
            registry.register(Box::new(family)).expect("register");
            name
        };
        let mut text = Vec::new();
        TextEncoder::new()
            .encode(&registry.gather(), &mut text)
            .expect("encode");
        let (success, printed) =
            promtool_check_metrics(&format!("{name}.prom"), &String::from_utf8_lossy(&text));
        assert!(
            !success && printed.contains(&format!("should not have \"{label}\" label")),
            "promtool accepted label {label} on a {kind}: {printed}"
        );

        let spec = format!(
            "namespace: app\ngroups:\n  - name: g\n    help: G.\n    metrics:\n      - {{name: {}, type: {kind}, help: H., labels: {{{label}: string}}}}\n",
            name.trim_start_matches("app_")
        );
        let rules: Vec<&str> = x0tta_metrics_codegen::check(spec.as_bytes())
            .expect_err("the spec is refused")
            .iter()
            .map(|d| d.rule)
            .collect();
        assert_eq!(rules, ["reserved-label"], "{spec}");
    }
}
