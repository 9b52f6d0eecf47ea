//! The names the generator gives to what it adds around the spec's own
//! names: the registry type and its field, the collectors' fixed methods and
//! the per-metric helper methods.
//!
//! One source of truth: `generate` spells these members only through this
//! module, and `validate` checks every spec name against the same functions,
//! so a spec name that would meet a generated member is a spec diagnostic,
//! never a rustc error in the expansion.

/// The registry type holding every group.
pub(crate) const REGISTRY_TYPE: &str = "Metrics";
/// The registry's private field holding the `prometheus::Registry`; the
/// groups' fields sit beside it.
pub(crate) const REGISTRY_FIELD: &str = "registry";
/// The registry's private field holding the registry's prefix and common
/// labels for the encoders.
pub(crate) const SCOPE_FIELD: &str = "__scope";
/// The registry's hidden associated constant holding the spec's
/// `const_labels` (sorted by name), which every family's `Meta` points at.
pub(crate) const CONST_LABELS: &str = "__CONST_LABELS";
/// Methods every collector has: `register`, the hidden `__register` the
/// registry calls and the hidden `__families` its walk takes the families
/// from; and `new`, a static group's `const` constructor (reserved in every
/// group, so that `static: true` never renames a method).
pub(crate) const COLLECTOR_METHODS: [&str; 4] = ["register", "__register", "new", "__families"];
/// Each collector's table of its families' constants (`Meta`), in spec
/// order; upper case, so no accessor (snake case) can meet it.
pub(crate) const META_TABLE: &str = "__META";
/// What a group's collector type name ends with (`mapek` → `MapekMetrics`).
const COLLECTOR_SUFFIX: &str = "Metrics";

/// The collector type of a group whose name in PascalCase is `pascal`.
pub(crate) fn collector_type(pascal: &str) -> String {
    format!("{pascal}{COLLECTOR_SUFFIX}")
}

/// The method removing one series of a bounded metric's accessor `accessor`.
pub(crate) fn remove_method(accessor: &str) -> String {
    format!("remove_{accessor}")
}

/// The method returning a bounded metric's family.
pub(crate) fn family_method(accessor: &str) -> String {
    format!("{accessor}_family")
}

/// The labels struct of a metric whose accessor takes one (see
/// `generate::params`): `link_latency_seconds` → `LinkLatencySecondsLabels`.
pub(crate) fn labels_type(pascal_metric: &str) -> String {
    format!("{pascal_metric}Labels")
}

/// Every method the collector gets for a metric with accessor `accessor`
/// (without `r#`), besides its aliases: the accessor, and for a metric with
/// a series budget (`bounded`) its removal and family methods.
pub(crate) fn metric_methods(accessor: &str, bounded: bool) -> Vec<String> {
    let mut methods = vec![accessor.to_string()];
    if bounded {
        methods.push(remove_method(accessor));
        methods.push(family_method(accessor));
    }
    methods
}
