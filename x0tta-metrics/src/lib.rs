//! x0tta-metrics: every Prometheus metric of a system declared in one YAML
//! file, and a strongly typed Rust API generated from it at compile time.
//!
//! With the default `catalogue` feature this crate expands the x0tta6bl4
//! catalogue (`metrics-spec.yaml` at the workspace root): [`Metrics`] holds
//! one collector per group, and every metric has a typed accessor.
//!
//! ```
//! use x0tta_metrics::{CycleStatus, MapekCycleDurationSecondsPhase as Phase, Metrics};
//!
//! let metrics = Metrics::new()?;
//! metrics.mapek.mapek_cycles_total(CycleStatus::Success).inc();
//! metrics.mapek.mapek_cycle_duration_seconds(Phase::Monitor).observe(0.012);
//! let text = x0tta_metrics::encode_text(metrics.registry())?;
//! assert!(text.contains("x0tta6bl4_mapek_cycles_total{status=\"success\"} 1"));
//! # Ok::<(), x0tta_metrics::prometheus::Error>(())
//! ```
//!
//! Another crate expands its own spec with [`metrics_spec!`]; it depends on
//! this crate only (with `default-features = false` to leave the catalogue out).

// docs.rs (`--cfg docsrs`, see Cargo.toml) marks feature-gated items with their feature.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The generated code names `::x0tta_metrics`, also when expanded in this crate.
extern crate self as x0tta_metrics;

pub mod bounded;
mod encode;
pub mod exposition;
mod registration;
mod renamed;

#[cfg(all(feature = "exporter", feature = "catalogue"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "exporter", feature = "catalogue"))))]
pub mod demo;
#[cfg(feature = "exporter")]
#[cfg_attr(docsrs, doc(cfg(feature = "exporter")))]
pub mod exporter;
mod sharded;
pub mod storage;

pub use encode::encode_text;
pub use exposition::{Combined, Exposition, Format};
/// The `prometheus` crate, the interoperability layer: every generated
/// family is a `prometheus::core::Collector` on a `prometheus::Registry`.
pub use prometheus;
pub use sharded::{ShardedCounter, SHARDS};
pub use storage::{
    Counter, ExemplarError, Exemplars, Gauge, Histogram, HistogramTimer, IntCounter, IntGauge,
    StaticHistogram,
};
pub use x0tta_metrics_macros::metrics_spec;

// `metrics-spec.yaml` here is a symlink to the workspace root's file (the one
// people edit): cargo packages the content behind it, so the published crate
// builds its catalogue too.
#[cfg(feature = "catalogue")]
metrics_spec!("metrics-spec.yaml");

/// Support for generated code; not a public API. Versioned with the crate
/// (as thiserror does), so a macro expanding against another runtime
/// version fails at once on an unresolved path instead of misbehaving.
#[doc(hidden)]
pub mod __private0_2 {
    pub use crate::exposition::walk::{walk, Walk};
    pub use crate::exposition::{overflow, Encoder, MetricKind, Scope};
    pub use crate::registration::{registry_with_labels, Registration};
    pub use crate::renamed::Renamed;
    pub use crate::storage::{Family, LabelSpace, Meta, NativeConfig, StaticFamily};
    // The types generated signatures and fields name, here too so that the
    // generated code spells each with the one short alias of this module
    // (two tokens fewer per path than `::x0tta_metrics::…`, on every family).
    pub use crate::bounded::{BoundedFamily, Budget};
    pub use crate::{
        Counter, Exemplars, Gauge, Histogram, IntCounter, IntGauge, ShardedCounter, StaticHistogram,
    };
    pub use std::sync::Arc;
}
