//! The rules of `promtool check metrics` (client_golang's promlint), applied
//! to the spec at compile time instead of to a scrape of a running process.
//!
//! Each rule has a stable id; a metric may waive one with `allow: [id]` and a
//! `reason`.

use crate::diagnostic::Rule;
use crate::model::Kind;

/// Every lint rule, in the order they are checked.
pub const RULES: &[Rule] = &[
    Rule {
        id: "counter-total-suffix",
        summary: "counter names end in `_total`",
    },
    Rule {
        id: "non-counter-total-suffix",
        summary: "only counter names end in `_total`",
    },
    Rule {
        id: "reserved-suffix",
        summary: "`_bucket`, `_count` and `_sum` end only histogram samples",
    },
    Rule {
        id: "type-in-name",
        summary: "a name does not repeat its type (`_counter`, `_gauge`, `_histogram`)",
    },
    Rule {
        id: "camel-case",
        summary: "metric and label names are snake_case, not camelCase",
    },
    Rule {
        id: "unit-abbreviation",
        summary: "units are spelled out (`_seconds`, not `_sec` or `_ms`)",
    },
    Rule {
        id: "non-base-unit",
        summary: "base units only: seconds, bytes, ratio (not milliseconds, kilobytes, percent)",
    },
];

/// One lint finding before waivers are applied.
#[derive(Debug)]
pub(crate) struct Finding {
    pub(crate) rule: &'static str,
    pub(crate) message: String,
    /// The index of the label the finding is about, if it is about a label
    /// (so it is reported at that label's key, not at the metric's name).
    pub(crate) label: Option<usize>,
}

const ABBREVIATIONS: &[(&str, &str)] = &[
    ("s", "seconds"),
    ("sec", "seconds"),
    ("secs", "seconds"),
    ("ms", "seconds"),
    ("msec", "seconds"),
    ("msecs", "seconds"),
    ("us", "seconds"),
    ("usec", "seconds"),
    ("ns", "seconds"),
    ("nsec", "seconds"),
    ("min", "seconds"),
    ("mins", "seconds"),
    ("h", "seconds"),
    ("hr", "seconds"),
    ("hrs", "seconds"),
    ("d", "seconds"),
    ("m", "meters"),
    ("b", "bytes"),
    ("kb", "bytes"),
    ("mb", "bytes"),
    ("gb", "bytes"),
    ("tb", "bytes"),
    ("pb", "bytes"),
    ("kib", "bytes"),
    ("mib", "bytes"),
    ("gib", "bytes"),
    ("pct", "ratio"),
];

const NON_BASE_UNITS: &[(&str, &str)] = &[
    ("nanoseconds", "seconds"),
    ("microseconds", "seconds"),
    ("milliseconds", "seconds"),
    ("minutes", "seconds"),
    ("hours", "seconds"),
    ("days", "seconds"),
    ("weeks", "seconds"),
    ("bits", "bytes"),
    ("kilobytes", "bytes"),
    ("megabytes", "bytes"),
    ("gigabytes", "bytes"),
    ("terabytes", "bytes"),
    ("kibibytes", "bytes"),
    ("mebibytes", "bytes"),
    ("gibibytes", "bytes"),
    ("percent", "ratio"),
    ("percentage", "ratio"),
    ("percents", "ratio"),
    ("millimeters", "meters"),
    ("kilometers", "meters"),
    ("grams", "kilograms"),
];

/// Everything `name` (a metric of type `kind` with `labels`) breaks.
pub(crate) fn check(name: &str, kind: Kind, labels: &[&str]) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut flag = |rule: &'static str, message: String| {
        found.push(Finding {
            rule,
            message,
            label: None,
        })
    };
    let words: Vec<&str> = name.split('_').collect();
    let is_counter = kind == Kind::Counter;

    if is_counter && !name.ends_with("_total") {
        flag(
            "counter-total-suffix",
            format!("counter \"{name}\" should end in `_total`"),
        );
    }
    if !is_counter && name.ends_with("_total") {
        flag(
            "non-counter-total-suffix",
            format!(
                "{} \"{name}\" should not end in `_total`, which marks counters",
                kind.as_str()
            ),
        );
    }
    if kind != Kind::Histogram {
        if let Some(suffix) = ["_bucket", "_count", "_sum"]
            .iter()
            .find(|s| name.ends_with(**s))
        {
            flag(
                "reserved-suffix",
                format!(
                    "{} \"{name}\" should not end in `{suffix}`, which names histogram samples",
                    kind.as_str()
                ),
            );
        }
    }
    if words.iter().any(|w| w.eq_ignore_ascii_case(kind.as_str())) {
        flag(
            "type-in-name",
            format!(
                "\"{name}\" should not include its type `{}` — the TYPE line already says it",
                kind.as_str()
            ),
        );
    }
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        flag(
            "camel-case",
            format!("\"{name}\" should be snake_case, not camelCase"),
        );
    }
    let camel_labels = labels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.chars().any(|c| c.is_ascii_uppercase()));
    let mut label_findings = Vec::new();
    for (index, label) in camel_labels {
        label_findings.push(Finding {
            rule: "camel-case",
            message: format!("label \"{label}\" should be snake_case, not camelCase"),
            label: Some(index),
        });
    }
    // The first word is the namespace or component; units come later.
    for word in words.iter().skip(1) {
        let lower = word.to_ascii_lowercase();
        if let Some((abbr, unit)) = ABBREVIATIONS.iter().find(|(a, _)| *a == lower) {
            flag(
                "unit-abbreviation",
                format!(
                    "\"{name}\" abbreviates a unit (`_{abbr}`) — spell out the base unit `_{unit}`"
                ),
            );
        }
        if let Some((used, base)) = NON_BASE_UNITS.iter().find(|(u, _)| *u == lower) {
            flag(
                "non-base-unit",
                format!(
                    "\"{name}\" uses `{used}` — use the base unit `{base}` and scale the value"
                ),
            );
        }
    }
    found.extend(label_findings);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(name: &str, kind: Kind) -> Vec<&'static str> {
        check(name, kind, &[]).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn each_rule_fires_alone() {
        assert_eq!(rules("requests", Kind::Counter), ["counter-total-suffix"]);
        assert_eq!(
            rules("voting_power_total", Kind::Gauge),
            ["non-counter-total-suffix"]
        );
        assert_eq!(rules("followers_count", Kind::Gauge), ["reserved-suffix"]);
        assert_eq!(rules("queue_gauge", Kind::Gauge), ["type-in-name"]);
        assert_eq!(rules("queueDepth", Kind::Gauge), ["camel-case"]);
        assert_eq!(
            rules("request_duration_ms", Kind::Histogram),
            ["unit-abbreviation"]
        );
        assert_eq!(
            rules("request_duration_milliseconds", Kind::Histogram),
            ["non-base-unit"]
        );
        assert_eq!(rules("cpu_usage_percent", Kind::Gauge), ["non-base-unit"]);
        assert!(rules("mesh_hop_count", Kind::Histogram).is_empty());
        assert!(rules("x0tta6bl4_requests_total", Kind::Counter).is_empty());
    }
}
