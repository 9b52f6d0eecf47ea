//! What a registry adds to every family it gathers: the prefix of
//! `Registry::new_custom` and its common labels.
//!
//! `prometheus::Registry` does not expose them, so they are read the one
//! way the registry itself shows them: a probe family is registered,
//! gathered and unregistered. Reading them back (rather than taking them as
//! arguments) keeps the generated encoders and `gather()` from ever
//! disagreeing, down to the order of the common labels, which is the
//! registry's own `HashMap` order.

use std::sync::atomic::{AtomicU64, Ordering};

use prometheus::core::{Collector, Desc};
use prometheus::proto::{self, MetricFamily, MetricType};
use prometheus::Registry;

use super::number::push_escaped;

/// A registry's prefix and common labels, rendered once for the text formats
/// and kept as pairs for the protobuf format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// `prefix_`, or empty.
    prefix: String,
    /// The common labels as `name="value"` pairs joined by commas, escaped.
    common: String,
    /// What ends the labels of a series that has its own:
    /// `"` (its last value's), `,common` if any, `} `.
    close: String,
    /// What follows the name of a series without labels of its own:
    /// `{common} `, or ` `.
    bare: String,
    /// The common labels sorted by name (the protobuf format merges them
    /// with each series' labels in name order).
    pairs: Vec<(String, String)>,
}

impl Default for Scope {
    fn default() -> Self {
        Scope::new(String::new(), String::new(), Vec::new())
    }
}

impl Scope {
    /// No prefix and no common labels (a plain `Registry::new()`).
    pub fn none() -> Self {
        Scope::default()
    }

    /// [`none`](Self::none), for a `static` group's own exposition (it
    /// knows no registry; `gather()` adds the registry's prefix and common
    /// labels as for every collector).
    pub fn empty() -> &'static Scope {
        static EMPTY: std::sync::OnceLock<Scope> = std::sync::OnceLock::new();
        EMPTY.get_or_init(Scope::none)
    }

    /// The scope of `prefix`, the rendered `common` labels and their `pairs`.
    fn new(prefix: String, common: String, pairs: Vec<(String, String)>) -> Self {
        let (close, bare) = if common.is_empty() {
            ("\"} ".to_string(), " ".to_string())
        } else {
            (format!("\",{common}}} "), format!("{{{common}}} "))
        };
        Scope {
            prefix,
            common,
            close,
            bare,
            pairs,
        }
    }

    /// The scope `registry` gathers with.
    pub fn of(registry: &Registry) -> Self {
        static PROBES: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "x0tta_metrics_scope_probe_{}",
            PROBES.fetch_add(1, Ordering::Relaxed)
        );
        let Ok(desc) = Desc::new(name.clone(), "probe".into(), vec![], Default::default()) else {
            return Scope::none();
        };
        let probe = Probe(desc);
        if registry.register(Box::new(probe.clone())).is_err() {
            return Scope::none();
        }
        let gathered = registry.gather();
        // It was registered a moment ago.
        let _ = registry.unregister(Box::new(probe));
        let Some(family) = gathered.iter().find(|f| f.name().ends_with(&name)) else {
            return Scope::none();
        };
        let prefix = family.name()[..family.name().len() - name.len()].to_string();
        let mut common = String::new();
        let mut pairs = Vec::new();
        if let Some(metric) = family.get_metric().first() {
            for pair in metric.get_label() {
                if !common.is_empty() {
                    common.push(',');
                }
                common.push_str(pair.name());
                common.push_str("=\"");
                push_escaped(&mut common, pair.value(), true);
                common.push('"');
                pairs.push((pair.name().to_string(), pair.value().to_string()));
            }
        }
        pairs.sort();
        Scope::new(prefix, common, pairs)
    }

    /// What goes before every family name.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The common labels, rendered (`a="1",b="2"`), or empty.
    pub fn common(&self) -> &str {
        &self.common
    }

    /// The end of a series' labels after its last value: `"`, the common
    /// labels, `} ` (the space before the value).
    pub(super) fn close(&self) -> &str {
        &self.close
    }

    /// What follows the name of a series without labels of its own, up to
    /// the space before the value.
    pub(super) fn bare(&self) -> &str {
        &self.bare
    }

    /// The common labels as `(name, value)` pairs, sorted by name.
    pub fn common_pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

/// A family of one unlabelled gauge, only ever gathered by [`Scope::of`].
#[derive(Clone)]
struct Probe(Desc);

impl Collector for Probe {
    fn desc(&self) -> Vec<&Desc> {
        vec![&self.0]
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let mut metric = proto::Metric::default();
        metric.set_gauge(proto::Gauge::default());
        let mut family = MetricFamily::default();
        family.set_name(self.0.fq_name.clone());
        family.set_field_type(MetricType::GAUGE);
        family.set_metric(vec![metric]);
        vec![family]
    }
}

#[cfg(test)]
mod tests {
    use super::Scope;
    use prometheus::Registry;

    #[test]
    fn reads_prefix_and_common_labels_back_and_leaves_nothing_registered() {
        let labels = [("zone".to_string(), "a\"b".to_string())].into();
        let registry = Registry::new_custom(Some("edge".into()), Some(labels)).unwrap();
        let scope = Scope::of(&registry);
        assert_eq!(scope.prefix(), "edge_");
        assert_eq!(scope.common(), "zone=\"a\\\"b\"");
        assert_eq!(scope.common_pairs(), [("zone".into(), "a\"b".into())]);
        assert!(registry.gather().is_empty());
        assert_eq!(scope.close(), "\",zone=\"a\\\"b\"} ");
        assert_eq!(scope.bare(), "{zone=\"a\\\"b\"} ");
        assert_eq!(Scope::of(&Registry::new()), Scope::none());
        assert_eq!((Scope::none().close(), Scope::none().bare()), ("\"} ", " "));
    }
}
