// @generated from small.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
/// Values of the shared label set `cycle_status`: `success`, `failed`, `partial`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CycleStatus {
    /// The label value `success`.
    Success,
    /// The label value `failed`.
    Failed,
    /// The label value `partial`.
    Partial,
}
impl CycleStatus {
    /// Every value, in spec order.
    pub const ALL: [Self; 3] = [Self::Success, Self::Failed, Self::Partial];
    /// Every exported label value, in spec order.
    pub const LABELS: [&'static str; 3] = ["success", "failed", "partial"];
    /// The exported label value.
    pub const fn as_str(self) -> &'static str {
        Self::LABELS[self as usize]
    }
    /// The value whose exported label value is `value`, if any.
    pub fn from_label(value: &str) -> ::core::option::Option<Self> {
        match value {
            "success" => ::core::option::Option::Some(Self::Success),
            "failed" => ::core::option::Option::Some(Self::Failed),
            "partial" => ::core::option::Option::Some(Self::Partial),
            _ => ::core::option::Option::None,
        }
    }
}
impl ::core::fmt::Display for CycleStatus {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}
/// Values of label `phase` of `mapek_cycle_duration_seconds`: `monitor`, `analyze`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MapekCycleDurationSecondsPhase {
    /// The label value `monitor`.
    Monitor,
    /// The label value `analyze`.
    Analyze,
}
impl MapekCycleDurationSecondsPhase {
    /// Every value, in spec order.
    pub const ALL: [Self; 2] = [Self::Monitor, Self::Analyze];
    /// Every exported label value, in spec order.
    pub const LABELS: [&'static str; 2] = ["monitor", "analyze"];
    /// The exported label value.
    pub const fn as_str(self) -> &'static str {
        Self::LABELS[self as usize]
    }
    /// The value whose exported label value is `value`, if any.
    pub fn from_label(value: &str) -> ::core::option::Option<Self> {
        match value {
            "monitor" => ::core::option::Option::Some(Self::Monitor),
            "analyze" => ::core::option::Option::Some(Self::Analyze),
            _ => ::core::option::Option::None,
        }
    }
}
impl ::core::fmt::Display for MapekCycleDurationSecondsPhase {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}
/// Values of label `direction` of `mesh_link_latency_seconds`: `inbound`, `outbound`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeshLinkLatencySecondsDirection {
    /// The label value `inbound`.
    Inbound,
    /// The label value `outbound`.
    Outbound,
}
impl MeshLinkLatencySecondsDirection {
    /// Every value, in spec order.
    pub const ALL: [Self; 2] = [Self::Inbound, Self::Outbound];
    /// Every exported label value, in spec order.
    pub const LABELS: [&'static str; 2] = ["inbound", "outbound"];
    /// The exported label value.
    pub const fn as_str(self) -> &'static str {
        Self::LABELS[self as usize]
    }
    /// The value whose exported label value is `value`, if any.
    pub fn from_label(value: &str) -> ::core::option::Option<Self> {
        match value {
            "inbound" => ::core::option::Option::Some(Self::Inbound),
            "outbound" => ::core::option::Option::Some(Self::Outbound),
            _ => ::core::option::Option::None,
        }
    }
}
impl ::core::fmt::Display for MeshLinkLatencySecondsDirection {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}
/// Every metric of the spec: 2 groups, 4 families, registered on one `prometheus::Registry`.
#[derive(Clone)]
pub struct Metrics {
    registry: ::x0tta_metrics::prometheus::Registry,
    /// The registry's prefix and common labels, for the encoders.
    __scope: ::std::sync::Arc<::x0tta_metrics::__private0_2::Scope>,
    /// MAPE-K autonomic loop.
    pub mapek: MapekMetrics,
    /// Mesh network.
    pub mesh: MeshMetrics,
}
impl Metrics {
    /// The spec's `const_labels`, sorted by name.
    #[doc(hidden)]
    pub const __CONST_LABELS: &'static [(&'static str, &'static str)] = &[];
    /// Creates every family on a fresh registry of its own.
    pub fn new() -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        Self::register(&::x0tta_metrics::prometheus::Registry::new())
    }
    /// Creates every family and registers it on `registry` (for example
    /// `prometheus::default_registry()`). If any name is already taken,
    /// or a common label of the registry is one of the spec's
    /// `const_labels`, nothing stays registered and the error
    /// (`prometheus::Error::Msg`) names it.
    pub fn register(
        registry: &::x0tta_metrics::prometheus::Registry,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        let mut registration = ::x0tta_metrics::__private0_2::Registration::new(
            registry,
        );
        let metrics = Self {
            registry: registry.clone(),
            __scope: ::std::sync::Arc::new(
                ::x0tta_metrics::__private0_2::scope_for(registry, Self::__CONST_LABELS)?,
            ),
            mapek: MapekMetrics::__register(&mut registration)?,
            mesh: MeshMetrics::__register(&mut registration)?,
        };
        registration.commit();
        ::core::result::Result::Ok(metrics)
    }
    /// Creates every family on a fresh registry whose constant labels
    /// (`instance`, `node`, `region`, …) every series carries, in every
    /// format and in `gather()`. A label named like one of the spec's
    /// `const_labels` is an error (`prometheus::Error::Msg`).
    pub fn with_labels(
        labels: &[(&str, &str)],
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        Self::register(&::x0tta_metrics::__private0_2::registry_with_labels(labels)?)
    }
    /// The process-wide instance, registered on
    /// `prometheus::default_registry()` on first use. If a name was
    /// already taken there, every call returns that error.
    pub fn global() -> ::core::result::Result<
        &'static Self,
        &'static ::x0tta_metrics::prometheus::Error,
    > {
        static GLOBAL: ::std::sync::OnceLock<
            ::core::result::Result<Metrics, ::x0tta_metrics::prometheus::Error>,
        > = ::std::sync::OnceLock::new();
        GLOBAL
            .get_or_init(|| Self::register(
                ::x0tta_metrics::prometheus::default_registry(),
            ))
            .as_ref()
    }
    /// The registry the families are registered on.
    pub fn registry(&self) -> &::x0tta_metrics::prometheus::Registry {
        &self.registry
    }
}
impl ::core::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}
impl ::x0tta_metrics::Exposition for Metrics {
    /// Walks every family of the spec, in `gather()` order, into
    /// `encoder`. Collectors registered on the registry by others
    /// are not included.
    fn encode(&self, encoder: &mut dyn ::x0tta_metrics::__private0_2::Encoder) {
        self.mapek.mapek_cycle_duration_seconds.encode(encoder);
        self.mapek.mapek_cycles_total.encode(encoder);
        self.mapek.mapek_knowledge_base_size_entries.encode(encoder);
        self.mesh.mesh_link_latency_seconds.encode(encoder);
        ::x0tta_metrics::__private0_2::overflow(
            encoder,
            "x0tta_metrics_series_overflow_total",
            "Accessor calls routed to a metric's overflow series because its max_series budget was reached.",
            &[
                (
                    "demo_mesh_link_latency_seconds",
                    self.mesh.mesh_link_latency_seconds.overflowed(),
                ),
            ],
        );
    }
    fn scope(&self) -> &::x0tta_metrics::__private0_2::Scope {
        &self.__scope
    }
}
impl Metrics {
    /// Every family of the spec in the Prometheus text format 0.0.4:
    /// byte for byte what `gather()` + `TextEncoder` print for them.
    pub fn encode_text(&self) -> ::std::string::String {
        ::x0tta_metrics::Exposition::encode_text(self)
    }
    /// Every family of the spec in OpenMetrics 1.0 text, `# EOF` included.
    pub fn encode_openmetrics(&self) -> ::std::string::String {
        ::x0tta_metrics::Exposition::encode_openmetrics(self)
    }
    /// Every family of the spec as Prometheus' delimited protobuf
    /// `MetricFamily` messages, exemplars included.
    pub fn encode_protobuf(&self) -> ::std::vec::Vec<u8> {
        ::x0tta_metrics::Exposition::encode_protobuf(self)
    }
}
/// MAPE-K autonomic loop.
///
/// Group `mapek` of the spec.
#[derive(Clone)]
pub struct MapekMetrics {
    mapek_cycle_duration_seconds: ::x0tta_metrics::__private0_2::Family<
        ::x0tta_metrics::Histogram,
    >,
    mapek_cycles_total: ::x0tta_metrics::__private0_2::Family<
        ::x0tta_metrics::IntCounter,
    >,
    mapek_knowledge_base_size_entries: ::x0tta_metrics::__private0_2::Family<
        ::x0tta_metrics::IntGauge,
    >,
}
impl MapekMetrics {
    #[doc(hidden)]
    #[allow(non_upper_case_globals)]
    const __mapek_cycle_duration_seconds: ::x0tta_metrics::__private0_2::Meta = ::x0tta_metrics::__private0_2::Meta {
        name: "demo_mapek_cycle_duration_seconds",
        help: "Duration of one MAPE-K phase.",
        kind: ::x0tta_metrics::__private0_2::MetricKind::Histogram,
        labels: ::x0tta_metrics::__private0_2::LabelSpace {
            names: &["phase"],
            values: &[&MapekCycleDurationSecondsPhase::LABELS],
        },
        buckets: &[0.01, 0.1, 1.0],
        unit: "",
        native: ::core::option::Option::None,
        const_labels: Metrics::__CONST_LABELS,
    };
    #[doc(hidden)]
    #[allow(non_upper_case_globals)]
    const __mapek_cycles_total: ::x0tta_metrics::__private0_2::Meta = ::x0tta_metrics::__private0_2::Meta {
        name: "demo_mapek_cycles_total",
        help: "Completed MAPE-K cycles by outcome.",
        kind: ::x0tta_metrics::__private0_2::MetricKind::Counter,
        labels: ::x0tta_metrics::__private0_2::LabelSpace {
            names: &["status"],
            values: &[&CycleStatus::LABELS],
        },
        buckets: &[],
        unit: "",
        native: ::core::option::Option::None,
        const_labels: Metrics::__CONST_LABELS,
    };
    #[doc(hidden)]
    #[allow(non_upper_case_globals)]
    const __mapek_knowledge_base_size_entries: ::x0tta_metrics::__private0_2::Meta = ::x0tta_metrics::__private0_2::Meta {
        name: "demo_mapek_knowledge_base_size_entries",
        help: "Entries in the knowledge base.",
        kind: ::x0tta_metrics::__private0_2::MetricKind::Gauge,
        labels: ::x0tta_metrics::__private0_2::LabelSpace::NONE,
        buckets: &[],
        unit: "",
        native: ::core::option::Option::None,
        const_labels: Metrics::__CONST_LABELS,
    };
    /// Creates the group's families and registers them on `registry`.
    /// If any name is already taken, nothing stays registered.
    pub fn register(
        registry: &::x0tta_metrics::prometheus::Registry,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        let mut registration = ::x0tta_metrics::__private0_2::Registration::new(
            registry,
        );
        let group = Self::__register(&mut registration)?;
        registration.commit();
        ::core::result::Result::Ok(group)
    }
    #[doc(hidden)]
    pub fn __register(
        registration: &mut ::x0tta_metrics::__private0_2::Registration,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        ::core::result::Result::Ok(Self {
            mapek_cycle_duration_seconds: registration
                .register(
                    ::x0tta_metrics::__private0_2::Family::new(
                        &Self::__mapek_cycle_duration_seconds,
                    )?,
                )?,
            mapek_cycles_total: registration
                .register(
                    ::x0tta_metrics::__private0_2::Family::new(
                        &Self::__mapek_cycles_total,
                    )?,
                )?,
            mapek_knowledge_base_size_entries: registration
                .register(
                    ::x0tta_metrics::__private0_2::Family::new(
                        &Self::__mapek_knowledge_base_size_entries,
                    )?,
                )?,
        })
    }
    /// Duration of one MAPE-K phase.
    ///
    /// Exported as `demo_mapek_cycle_duration_seconds` (histogram).
    /// - label `phase`: one of [`MapekCycleDurationSecondsPhase`]
    #[inline]
    pub fn mapek_cycle_duration_seconds(
        &self,
        phase: MapekCycleDurationSecondsPhase,
    ) -> &::x0tta_metrics::Histogram {
        self.mapek_cycle_duration_seconds
            .get(Self::__mapek_cycle_duration_seconds.labels.encode([phase as usize]))
    }
    /// Completed MAPE-K cycles by outcome.
    ///
    /// Exported as `demo_mapek_cycles_total` (counter).
    /// - label `status`: one of [`CycleStatus`]
    #[inline]
    pub fn mapek_cycles_total(
        &self,
        status: CycleStatus,
    ) -> &::x0tta_metrics::IntCounter {
        self.mapek_cycles_total
            .get(Self::__mapek_cycles_total.labels.encode([status as usize]))
    }
    /// Entries in the knowledge base.
    ///
    /// Exported as `demo_mapek_knowledge_base_size_entries` (gauge).
    #[inline]
    pub fn mapek_knowledge_base_size_entries(&self) -> &::x0tta_metrics::IntGauge {
        self.mapek_knowledge_base_size_entries.get(0)
    }
}
impl ::core::fmt::Debug for MapekMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("MapekMetrics").finish_non_exhaustive()
    }
}
/// Mesh network.
///
/// Group `mesh` of the spec.
#[derive(Clone)]
pub struct MeshMetrics {
    mesh_link_latency_seconds: ::x0tta_metrics::bounded::BoundedFamily<
        ::x0tta_metrics::Gauge,
    >,
}
impl MeshMetrics {
    #[doc(hidden)]
    #[allow(non_upper_case_globals)]
    const __mesh_link_latency_seconds: ::x0tta_metrics::__private0_2::Meta = ::x0tta_metrics::__private0_2::Meta {
        name: "demo_mesh_link_latency_seconds",
        help: "Latest latency per link and direction.",
        kind: ::x0tta_metrics::__private0_2::MetricKind::Gauge,
        labels: ::x0tta_metrics::__private0_2::LabelSpace {
            names: &["node_id", "direction"],
            values: &[&[], &MeshLinkLatencySecondsDirection::LABELS],
        },
        buckets: &[],
        unit: "",
        native: ::core::option::Option::None,
        const_labels: Metrics::__CONST_LABELS,
    };
    /// Creates the group's families and registers them on `registry`.
    /// If any name is already taken, nothing stays registered.
    pub fn register(
        registry: &::x0tta_metrics::prometheus::Registry,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        let mut registration = ::x0tta_metrics::__private0_2::Registration::new(
            registry,
        );
        let group = Self::__register(&mut registration)?;
        registration.commit();
        ::core::result::Result::Ok(group)
    }
    #[doc(hidden)]
    pub fn __register(
        registration: &mut ::x0tta_metrics::__private0_2::Registration,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        ::core::result::Result::Ok(Self {
            mesh_link_latency_seconds: registration
                .register(
                    ::x0tta_metrics::bounded::BoundedFamily::new(
                        &Self::__mesh_link_latency_seconds,
                        ::x0tta_metrics::bounded::Budget {
                            max_series: 1000,
                            expire_after: ::core::option::Option::None,
                        },
                        &[true, false],
                        (
                            "x0tta_metrics_series_overflow_total",
                            "Accessor calls routed to a metric's overflow series because its max_series budget was reached.",
                        ),
                    )?,
                )?,
        })
    }
    /// Latest latency per link and direction.
    ///
    /// Exported as `demo_mesh_link_latency_seconds` (gauge).
    /// - label `node_id`: free-form
    /// - label `direction`: one of [`MeshLinkLatencySecondsDirection`]
    #[inline]
    pub fn mesh_link_latency_seconds(
        &self,
        node_id: &str,
        direction: MeshLinkLatencySecondsDirection,
    ) -> ::std::sync::Arc<::x0tta_metrics::Gauge> {
        self.mesh_link_latency_seconds.get(&[node_id, direction.as_str()])
    }
    /// Stops exporting the series of [`mesh_link_latency_seconds`](Self::mesh_link_latency_seconds) with these label values, freeing its place in the budget of 1000 series. `false` if there was none.
    pub fn remove_mesh_link_latency_seconds(
        &self,
        node_id: &str,
        direction: MeshLinkLatencySecondsDirection,
    ) -> bool {
        self.mesh_link_latency_seconds.remove(&[node_id, direction.as_str()])
    }
    /// The bounded family behind [`mesh_link_latency_seconds`](Self::mesh_link_latency_seconds): `retain` by predicate, `len` of live series, `overflowed` updates.
    pub fn mesh_link_latency_seconds_family(
        &self,
    ) -> &::x0tta_metrics::bounded::BoundedFamily<::x0tta_metrics::Gauge> {
        &self.mesh_link_latency_seconds
    }
}
impl ::core::fmt::Debug for MeshMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("MeshMetrics").finish_non_exhaustive()
    }
}
