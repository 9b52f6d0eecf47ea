//! Checks of `objectives:` against the validated metrics: each objective
//! has a legal unique name, a reachable target, a window of whole days, and
//! one indicator whose metrics exist with the right type; a latency
//! threshold is one of the histogram's bucket bounds; matchers name the
//! metric's labels and, for closed labels, values of their sets.

use foldhash::{HashMap, HashMapExt};

use crate::ast;
use crate::diagnostic::{Context, Location};
use crate::model::{
    alert_name, burn_severities, Indicator, Kind, LabelValues, Matcher, Metric, Objective,
    Selector, Spec, Window, BURN_WINDOWS,
};
use crate::naming::{pascal_ident, prometheus_name_problem};
use crate::suggest;

const DEFAULT_WINDOW: Window = Window {
    text: String::new(),
    days: 30,
};
/// The longest alert window is 3 days: a shorter objective window could
/// not hold it. A year is as far as a rolling ratio is still a useful query.
const WINDOW_DAYS: std::ops::RangeInclusive<u32> = 3..=365;

/// The objectives of `ast`, checked against the metrics of `spec`.
pub(super) fn objectives(ast: &ast::Spec, spec: &Spec, cx: &mut Context) -> Vec<Objective> {
    let metrics = || ast.groups.iter().flat_map(|g| &g.metrics);
    // Every metric name, valid or not, so a reference to a metric that
    // failed its own checks is not reported again.
    let written: Vec<&str> = metrics()
        .filter_map(|m| Some(m.name.as_ref()?.value.as_str()))
        .collect();
    // Alert names taken by `alerts:` of metrics, then by objectives.
    let mut alerts: HashMap<String, Location> = metrics()
        .flat_map(|m| &m.alerts)
        .filter_map(|a| Some((a.name.as_ref()?.value.clone(), a.name.as_ref()?.at)))
        .collect();
    let mut names: HashMap<&str, Location> = HashMap::new();
    let refs = Refs {
        spec,
        written: &written,
    };
    ast.objectives
        .iter()
        .filter_map(|o| {
            let name = o.name.as_ref()?;
            let mut ok = match prometheus_name_problem(&name.value) {
                Some(problem) => {
                    cx.error(
                        "invalid-name",
                        name.at,
                        format!("invalid objective name \"{}\": {problem}", name.value),
                    );
                    false
                }
                None => true,
            };
            if let Some(first) = names.insert(&name.value, name.at) {
                cx.error_related(
                    "duplicate-objective",
                    name.at,
                    format!(
                        "objective \"{}\" is already defined at line {}",
                        name.value, first.line
                    ),
                    first,
                    "first defined here",
                );
                ok = false;
            }
            let alert_prefix = pascal_ident(&name.value);
            match &alert_prefix {
                None if ok => cx.error(
                    "invalid-name",
                    name.at,
                    format!(
                        "objective name \"{}\" needs a letter or digit to name its alerts",
                        name.value
                    ),
                ),
                Some(prefix) if ok => {
                    for severity in burn_severities() {
                        let alert = alert_name(prefix, severity);
                        if let Some(first) = alerts.insert(alert.clone(), name.at) {
                            cx.error_related(
                                "duplicate-alert",
                                name.at,
                                format!(
                                    "objective \"{}\" makes the alert \"{alert}\", which line {} already defines — rename one",
                                    name.value, first.line
                                ),
                                first,
                                "the alert is first defined here",
                            );
                            ok = false;
                        }
                    }
                }
                _ => {}
            }
            let window = window(o.window.as_ref(), cx);
            let target = window
                .as_ref()
                .and_then(|w| target(o.target.as_ref()?, w, cx));
            let indicator = indicator(o, &refs, cx);
            ok.then_some(())?;
            let (window, target, indicator) = (window?, target?, indicator?);
            let description = match &o.description {
                Some(d) => d.value.clone(),
                None => format!(
                    "{}% of {} are good over {}.",
                    target * 100.0,
                    what_counts(&indicator),
                    window.text
                ),
            };
            Some(Objective {
                name: name.value.clone(),
                alert_prefix: alert_prefix?,
                description,
                target,
                window,
                indicator,
                location: name.at,
            })
        })
        .collect()
}

/// The default description's subject.
fn what_counts(indicator: &Indicator) -> String {
    match indicator {
        Indicator::Availability { total, .. } => format!("{} events", total.metric),
        Indicator::Latency {
            histogram,
            threshold,
            ..
        } => format!("{histogram} observations (at most {threshold})"),
    }
}

fn window(text: Option<&ast::Text>, cx: &mut Context) -> Option<Window> {
    let Some(text) = text else {
        return Some(Window {
            text: "30d".into(),
            ..DEFAULT_WINDOW
        });
    };
    let days = text
        .value
        .strip_suffix('d')
        .and_then(|n| n.parse::<u32>().ok())
        .or_else(|| {
            let weeks = text.value.strip_suffix('w')?.parse::<u32>().ok()?;
            weeks.checked_mul(7)
        })
        .filter(|d| WINDOW_DAYS.contains(d));
    match days {
        // Written back as days, the unit of its recording rule's name.
        Some(days) => Some(Window {
            text: format!("{days}d"),
            days,
        }),
        None => {
            cx.error(
                "objective-window",
                text.at,
                format!(
                    "`window: {}` is not a whole number of days from {} to {} (`30d`, `4w`)",
                    text.value,
                    WINDOW_DAYS.start(),
                    WINDOW_DAYS.end()
                ),
            );
            None
        }
    }
}

/// A ratio strictly between 0 and 1 whose fastest page can still fire: at
/// 14.4 times the budget, a 0.9 target would need 144% of events to fail.
fn target(target: &ast::Number, window: &Window, cx: &mut Context) -> Option<f64> {
    let t = target.value;
    if !(t > 0.0 && t < 1.0) {
        cx.error(
            "objective-target",
            target.at,
            format!("`target: {t}` is not a ratio strictly between 0 and 1 (99% is `0.99`)"),
        );
        return None;
    }
    let fastest = BURN_WINDOWS
        .iter()
        .map(|w| window.burn_factor(w))
        .fold(0.0, f64::max);
    let needed = (1.0 - t) * fastest;
    if needed >= 1.0 {
        let lowest = 1.0 - 1.0 / fastest;
        cx.error(
            "objective-target",
            target.at,
            format!(
                "with `target: {t}` over {} the 1h page would fire only when {:.0}% of events fail — use a target above {:.4}, or a shorter window",
                window.text,
                needed * 100.0,
                lowest
            ),
        );
        return None;
    }
    Some(t)
}

/// Metric references of objectives.
struct Refs<'a> {
    spec: &'a Spec,
    written: &'a [&'a str],
}

impl Refs<'_> {
    /// The metric `name` refers to, which must be of kind `kind`.
    fn metric(&self, name: &ast::Text, kind: Kind, cx: &mut Context) -> Option<&Metric> {
        if let Some((_, m)) = self.spec.metric(&name.value) {
            if m.kind == kind {
                return Some(m);
            }
            cx.error(
                "objective-metric-type",
                name.at,
                format!(
                    "\"{}\" is a {}; this objective counts with a {}",
                    name.value,
                    m.kind.as_str(),
                    kind.as_str()
                ),
            );
            return None;
        }
        if self.written.contains(&name.value.as_str()) {
            return None; // Reported where it is declared.
        }
        let bare = self
            .spec
            .namespace
            .as_deref()
            .and_then(|ns| name.value.strip_prefix(ns)?.strip_prefix('_'))
            .filter(|bare| self.written.contains(bare));
        let hint = match bare {
            Some(bare) => format!(" — write it without the namespace: \"{bare}\""),
            None => suggest::hint(&name.value, self.written.iter().copied()),
        };
        cx.error(
            "objective-unknown-metric",
            name.at,
            format!("\"{}\" is no metric of the spec{hint}", name.value),
        );
        None
    }
}

fn indicator(o: &ast::Objective, refs: &Refs<'_>, cx: &mut Context) -> Option<Indicator> {
    match (&o.availability, &o.latency) {
        (Some(a), None) => availability(a, refs, cx),
        (None, Some(l)) => latency(l, refs, cx),
        (Some(_), Some(l)) => {
            cx.error(
                "invalid-objective",
                l.at,
                "an objective has one indicator — split `availability` and `latency` into two objectives",
            );
            None
        }
        (None, None) => {
            cx.error(
                "invalid-objective",
                o.at,
                "this objective has no indicator — add `availability: {…}` or `latency: {…}`",
            );
            None
        }
    }
}

fn availability(a: &ast::Availability, refs: &Refs<'_>, cx: &mut Context) -> Option<Indicator> {
    match (&a.metric, &a.success, &a.good, &a.total) {
        (Some(metric), Some(success), None, None) => {
            let m = refs.metric(metric, Kind::Counter, cx)?;
            let narrowed = matchers(refs.spec, m, &a.matchers, cx);
            let success_at = success.first().map(|s| s.label.at);
            let good = matchers(refs.spec, m, success, cx);
            if success.is_empty() {
                cx.error(
                    "invalid-objective",
                    a.at,
                    "`success` is empty — name the label value(s) that mean success, e.g. `success: {status: success}`",
                );
                return None;
            }
            let (narrowed, good) = (narrowed?, good?);
            if let Some(clash) = good
                .iter()
                .find(|g| narrowed.iter().any(|m| m.label == g.label))
            {
                cx.error(
                    "objective-matcher",
                    success_at.unwrap_or(a.at),
                    format!(
                        "label \"{}\" is both in `success` and in `matchers` — keep it in `success` only",
                        clash.label
                    ),
                );
                return None;
            }
            let total = Selector {
                metric: m.exported.clone(),
                matchers: narrowed,
            };
            let mut good_selector = total.clone();
            good_selector.matchers.extend(good);
            Some(Indicator::Availability {
                good: good_selector,
                total,
            })
        }
        (None, None, Some(good), Some(total)) => {
            let g = refs.metric(good, Kind::Counter, cx);
            let t = refs.metric(total, Kind::Counter, cx);
            let (g, t) = (g?, t?);
            if g.exported == t.exported {
                cx.error(
                    "invalid-objective",
                    total.at,
                    "`good` and `total` are the same counter — name the counter of all events as `total`, or use `metric` with `success`",
                );
                return None;
            }
            let good_matchers = matchers(refs.spec, g, &a.matchers, cx);
            let total_matchers = matchers(refs.spec, t, &a.matchers, cx);
            Some(Indicator::Availability {
                good: Selector {
                    metric: g.exported.clone(),
                    matchers: good_matchers?,
                },
                total: Selector {
                    metric: t.exported.clone(),
                    matchers: total_matchers?,
                },
            })
        }
        // A misspelt key was reported as such; its absence is the same mistake.
        _ if a.had_unknown_keys => None,
        _ => {
            cx.error(
                "invalid-objective",
                a.at,
                "`availability` takes either `metric` with `success` (the label values that mean success), or `good` with `total` (two counters)",
            );
            None
        }
    }
}

fn latency(l: &ast::Latency, refs: &Refs<'_>, cx: &mut Context) -> Option<Indicator> {
    let m = refs.metric(l.metric.as_ref()?, Kind::Histogram, cx)?;
    let matchers = matchers(refs.spec, m, &l.matchers, cx);
    let threshold = l.threshold?;
    if !m.buckets.contains(&threshold.value) {
        let below = m.buckets.iter().rev().find(|b| **b < threshold.value);
        let above = m.buckets.iter().find(|b| **b > threshold.value);
        let hint = match (below, above) {
            (Some(b), Some(a)) => format!("did you mean {b} or {a}?"),
            (Some(b), None) => format!("the largest is {b}"),
            (None, Some(a)) => format!("the smallest is {a}"),
            (None, None) => String::new(),
        };
        cx.error(
            "objective-threshold",
            threshold.at,
            format!(
                "`threshold: {}` is not a bucket bound of \"{}\", so no series counts the events under it — {hint}",
                threshold.value, m.name
            ),
        );
        return None;
    }
    Some(Indicator::Latency {
        histogram: m.exported.clone(),
        threshold: threshold.value,
        matchers: matchers?,
    })
}

/// Matchers of an objective (`matchers` or `success`) on `metric`: every
/// problem is reported, and the list comes back only when all are fine.
fn matchers(
    spec: &Spec,
    metric: &Metric,
    written: &[ast::Matcher],
    cx: &mut Context,
) -> Option<Vec<Matcher>> {
    let mut ok = true;
    let mut out = Vec::with_capacity(written.len());
    for w in written {
        let Some(label) = metric.labels.iter().find(|l| l.name == w.label.value) else {
            let names = metric.labels.iter().map(|l| l.name.as_str());
            let hint = if w.label.value == "le" && metric.kind == Kind::Histogram {
                " — the bucket is chosen by `threshold`".to_string()
            } else if metric.labels.is_empty() {
                " — it has no labels".to_string()
            } else {
                suggest::hint(&w.label.value, names)
            };
            cx.error(
                "objective-matcher",
                w.label.at,
                format!(
                    "\"{}\" has no label \"{}\"{hint}",
                    metric.name, w.label.value
                ),
            );
            ok = false;
            continue;
        };
        if w.values.is_empty() {
            cx.error(
                "objective-matcher",
                w.label.at,
                format!("`{}` lists no value — give at least one", w.label.value),
            );
            ok = false;
            continue;
        }
        if let LabelValues::Enum(index) = label.values {
            let set = &spec.enums[index];
            let known = || set.values.iter().map(|v| v.value.as_str());
            for v in &w.values {
                if !known().any(|k| k == v.value) {
                    let hint = suggest::hint(&v.value, known());
                    let hint = if hint.is_empty() {
                        format!(" — it takes: {}", known().collect::<Vec<_>>().join(", "))
                    } else {
                        hint
                    };
                    cx.error(
                        "objective-matcher",
                        v.at,
                        format!(
                            "label \"{}\" of \"{}\" has no value \"{}\"{hint}",
                            label.name, metric.name, v.value
                        ),
                    );
                    ok = false;
                }
            }
        }
        out.push(Matcher {
            label: label.name.clone(),
            values: w.values.iter().map(|v| v.value.clone()).collect(),
        });
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use crate::model::{Indicator, Matcher, Selector, Window, BURN_WINDOWS};

    #[test]
    fn each_indicator_form_reaches_the_model() {
        let text = include_str!("../../tests/corpus/good/objectives.yaml");
        let spec = crate::check(text.as_bytes()).expect("valid");
        let [availability, pair, latency] = spec.objectives.as_slice() else {
            panic!("three objectives: {:?}", spec.objectives);
        };
        assert_eq!(availability.alert_prefix, "ApiAvailability");
        assert_eq!(availability.description, "Checkout requests succeed.");
        assert_eq!(
            (availability.target, &availability.window.text),
            (0.999, &"30d".to_string()),
            "30d is the default window"
        );
        let route = Matcher::new("route", &["/checkout"]);
        assert_eq!(
            availability.indicator,
            Indicator::Availability {
                good: Selector {
                    metric: "shop_requests_total".into(),
                    matchers: vec![route.clone(), Matcher::new("outcome", &["ok"])],
                },
                total: Selector {
                    metric: "shop_requests_total".into(),
                    matchers: vec![route.clone()],
                },
            }
        );
        assert_eq!(
            pair.window,
            Window {
                text: "28d".into(),
                days: 28
            },
            "weeks are written as days"
        );
        assert_eq!(
            pair.description,
            "99% of shop_requests_total events are good over 28d."
        );
        let cart = vec![Matcher::new("route", &["/cart"])];
        assert_eq!(
            pair.indicator,
            Indicator::Availability {
                good: Selector {
                    metric: "shop_requests_ok_total".into(),
                    matchers: cart.clone(),
                },
                total: Selector {
                    metric: "shop_requests_total".into(),
                    matchers: cart,
                },
            },
            "matchers narrow both counters"
        );
        assert_eq!(
            latency.indicator,
            Indicator::Latency {
                histogram: "shop_request_duration_seconds".into(),
                threshold: 0.25,
                matchers: vec![Matcher::new("tier", &["gold", "free"]), route],
            }
        );
    }

    #[test]
    fn burn_factors_are_the_workbooks_over_30_days_and_scale_with_the_window() {
        let days = |days| Window {
            text: String::new(),
            days,
        };
        let factors = |w: Window| BURN_WINDOWS.map(|b| w.burn_factor(&b));
        assert_eq!(factors(days(30)), [14.4, 6.0, 3.0, 1.0]);
        // 10% of a week in 3 days: 16.8 / 72.
        assert_eq!(factors(days(7)), [3.36, 1.4, 0.7, 16.8 / 72.0]);
    }
}
