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
    /// The exported label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failed => "failed",
            Self::Partial => "partial",
        }
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
    /// The exported label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Monitor => "monitor",
            Self::Analyze => "analyze",
        }
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
    /// The exported label value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Inbound => "inbound",
            Self::Outbound => "outbound",
        }
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
    /// MAPE-K autonomic loop.
    pub mapek: MapekMetrics,
    /// Mesh network.
    pub mesh: MeshMetrics,
}
impl Metrics {
    /// Creates every family on a fresh registry of its own.
    pub fn new() -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        Self::register(&::x0tta_metrics::prometheus::Registry::new())
    }
    /// Creates every family and registers it on `registry` (for example
    /// `prometheus::default_registry()`). If any name is already taken,
    /// nothing stays registered and the error
    /// (`prometheus::Error::Msg`) names it.
    pub fn register(
        registry: &::x0tta_metrics::prometheus::Registry,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        let mut registration = ::x0tta_metrics::__private::Registration::new(registry);
        let metrics = Self {
            registry: registry.clone(),
            mapek: MapekMetrics::__register(&mut registration)?,
            mesh: MeshMetrics::__register(&mut registration)?,
        };
        registration.commit();
        ::core::result::Result::Ok(metrics)
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
impl Metrics {
    /// Appends every family of the spec to `out` in the Prometheus
    /// text format 0.0.4: the same text as `gather()` + `TextEncoder`
    /// for these families, written from pre-rendered names and label
    /// sets. Collectors registered on the registry by others are not
    /// included (use [`x0tta_metrics::encode_text`] for those).
    pub fn write_text(&self, out: &mut ::std::string::String) {
        ::x0tta_metrics::__private::text::histograms(
            out,
            "# HELP demo_mapek_cycle_duration_seconds Duration of one MAPE-K phase.\n# TYPE demo_mapek_cycle_duration_seconds histogram\n",
            &["le=\"0.01\"} ", "le=\"0.1\"} ", "le=\"1\"} "],
            &[
                (
                    ::x0tta_metrics::__private::text::HistogramPrefixes {
                        bucket: "demo_mapek_cycle_duration_seconds_bucket{phase=\"analyze\",",
                        sum: "demo_mapek_cycle_duration_seconds_sum{phase=\"analyze\"} ",
                        count: "demo_mapek_cycle_duration_seconds_count{phase=\"analyze\"} ",
                    },
                    1,
                ),
                (
                    ::x0tta_metrics::__private::text::HistogramPrefixes {
                        bucket: "demo_mapek_cycle_duration_seconds_bucket{phase=\"monitor\",",
                        sum: "demo_mapek_cycle_duration_seconds_sum{phase=\"monitor\"} ",
                        count: "demo_mapek_cycle_duration_seconds_count{phase=\"monitor\"} ",
                    },
                    0,
                ),
            ],
            &self.mapek.mapek_cycle_duration_seconds,
        );
        ::x0tta_metrics::__private::text::series(
            out,
            "# HELP demo_mapek_cycles_total Completed MAPE-K cycles by outcome.\n# TYPE demo_mapek_cycles_total counter\n",
            &[
                ("demo_mapek_cycles_total{status=\"failed\"} ", 1),
                ("demo_mapek_cycles_total{status=\"partial\"} ", 2),
                ("demo_mapek_cycles_total{status=\"success\"} ", 0),
            ],
            &self.mapek.mapek_cycles_total,
        );
        ::x0tta_metrics::__private::text::series(
            out,
            "# HELP demo_mapek_knowledge_base_size_entries Entries in the knowledge base.\n# TYPE demo_mapek_knowledge_base_size_entries gauge\n",
            &[("demo_mapek_knowledge_base_size_entries ", 0)],
            ::core::slice::from_ref(&self.mapek.mapek_knowledge_base_size_entries),
        );
        ::x0tta_metrics::__private::text::collected(
            out,
            &self.mesh.mesh_link_latency_seconds,
        );
        ::x0tta_metrics::__private::text::series(
            out,
            "# HELP x0tta_metrics_series_overflow_total Accessor calls routed to a metric's overflow series because its max_series budget was reached.\n# TYPE x0tta_metrics_series_overflow_total counter\n",
            &[
                (
                    "x0tta_metrics_series_overflow_total{metric=\"demo_mesh_link_latency_seconds\"} ",
                    0,
                ),
            ],
            &[self.mesh.mesh_link_latency_seconds.overflow_counter()],
        );
    }
    /// Every family of the spec in the Prometheus text format 0.0.4:
    /// the body of a `/metrics` response (see [`Self::write_text`]).
    pub fn encode_text(&self) -> ::std::string::String {
        let mut out = ::std::string::String::with_capacity(1731);
        self.write_text(&mut out);
        out
    }
}
impl ::x0tta_metrics::Exposition for Metrics {
    fn encode_text(&self) -> ::std::string::String {
        Metrics::encode_text(self)
    }
}
/// MAPE-K autonomic loop.
///
/// Group `mapek` of the spec.
#[derive(Clone)]
pub struct MapekMetrics {
    mapek_cycle_duration_seconds: [::x0tta_metrics::prometheus::Histogram; 2],
    mapek_cycles_total: [::x0tta_metrics::prometheus::IntCounter; 3],
    mapek_knowledge_base_size_entries: ::x0tta_metrics::prometheus::IntGauge,
}
impl MapekMetrics {
    /// Creates the group's families and registers them on `registry`.
    /// If any name is already taken, nothing stays registered.
    pub fn register(
        registry: &::x0tta_metrics::prometheus::Registry,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        let mut registration = ::x0tta_metrics::__private::Registration::new(registry);
        let group = Self::__register(&mut registration)?;
        registration.commit();
        ::core::result::Result::Ok(group)
    }
    #[doc(hidden)]
    pub fn __register(
        registration: &mut ::x0tta_metrics::__private::Registration,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        ::core::result::Result::Ok(Self {
            mapek_cycle_duration_seconds: {
                let family = registration
                    .register(
                        ::x0tta_metrics::prometheus::HistogramVec::new(
                            ::x0tta_metrics::prometheus::HistogramOpts::new(
                                    "demo_mapek_cycle_duration_seconds",
                                    "Duration of one MAPE-K phase.",
                                )
                                .buckets(vec![0.01, 0.1, 1.0]),
                            &["phase"],
                        )?,
                    )?;
                ::x0tta_metrics::__private::children(
                    &family,
                    |i| [MapekCycleDurationSecondsPhase::ALL[i].as_str()],
                )
            },
            mapek_cycles_total: {
                let family = registration
                    .register(
                        ::x0tta_metrics::prometheus::IntCounterVec::new(
                            ::x0tta_metrics::prometheus::Opts::new(
                                "demo_mapek_cycles_total",
                                "Completed MAPE-K cycles by outcome.",
                            ),
                            &["status"],
                        )?,
                    )?;
                ::x0tta_metrics::__private::children(
                    &family,
                    |i| [CycleStatus::ALL[i].as_str()],
                )
            },
            mapek_knowledge_base_size_entries: registration
                .register(
                    ::x0tta_metrics::prometheus::IntGauge::with_opts(
                        ::x0tta_metrics::prometheus::Opts::new(
                            "demo_mapek_knowledge_base_size_entries",
                            "Entries in the knowledge base.",
                        ),
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
    ) -> &::x0tta_metrics::prometheus::Histogram {
        &self.mapek_cycle_duration_seconds[phase as usize]
    }
    /// Completed MAPE-K cycles by outcome.
    ///
    /// Exported as `demo_mapek_cycles_total` (counter).
    /// - label `status`: one of [`CycleStatus`]
    #[inline]
    pub fn mapek_cycles_total(
        &self,
        status: CycleStatus,
    ) -> &::x0tta_metrics::prometheus::IntCounter {
        &self.mapek_cycles_total[status as usize]
    }
    /// Entries in the knowledge base.
    ///
    /// Exported as `demo_mapek_knowledge_base_size_entries` (gauge).
    pub fn mapek_knowledge_base_size_entries(
        &self,
    ) -> &::x0tta_metrics::prometheus::IntGauge {
        &self.mapek_knowledge_base_size_entries
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
    mesh_link_latency_seconds: ::x0tta_metrics::bounded::Bounded<
        ::x0tta_metrics::prometheus::GaugeVec,
    >,
}
impl MeshMetrics {
    /// Creates the group's families and registers them on `registry`.
    /// If any name is already taken, nothing stays registered.
    pub fn register(
        registry: &::x0tta_metrics::prometheus::Registry,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        let mut registration = ::x0tta_metrics::__private::Registration::new(registry);
        let group = Self::__register(&mut registration)?;
        registration.commit();
        ::core::result::Result::Ok(group)
    }
    #[doc(hidden)]
    pub fn __register(
        registration: &mut ::x0tta_metrics::__private::Registration,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        ::core::result::Result::Ok(Self {
            mesh_link_latency_seconds: {
                let overflowed = registration
                    .register(
                        ::x0tta_metrics::prometheus::IntCounter::with_opts(
                            ::x0tta_metrics::prometheus::Opts::new(
                                    "x0tta_metrics_series_overflow_total",
                                    "Accessor calls routed to a metric's overflow series because its max_series budget was reached.",
                                )
                                .const_label("metric", "demo_mesh_link_latency_seconds"),
                        )?,
                    )?;
                let budget = ::x0tta_metrics::bounded::Budget {
                    max_series: 1000,
                    expire_after: ::core::option::Option::None,
                };
                registration
                    .register(
                        ::x0tta_metrics::bounded::BoundedFamily::new(
                            ::x0tta_metrics::prometheus::GaugeVec::new(
                                ::x0tta_metrics::prometheus::Opts::new(
                                    "demo_mesh_link_latency_seconds",
                                    "Latest latency per link and direction.",
                                ),
                                &["node_id", "direction"],
                            )?,
                            budget,
                            &[true, false],
                            overflowed,
                        ),
                    )?
            },
        })
    }
    /// Latest latency per link and direction.
    ///
    /// Exported as `demo_mesh_link_latency_seconds` (gauge).
    /// - label `node_id`: free-form
    /// - label `direction`: one of [`MeshLinkLatencySecondsDirection`]
    pub fn mesh_link_latency_seconds(
        &self,
        node_id: &str,
        direction: MeshLinkLatencySecondsDirection,
    ) -> ::x0tta_metrics::prometheus::Gauge {
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
    ) -> &::x0tta_metrics::bounded::Bounded<::x0tta_metrics::prometheus::GaugeVec> {
        &self.mesh_link_latency_seconds
    }
}
impl ::core::fmt::Debug for MeshMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("MeshMetrics").finish_non_exhaustive()
    }
}
