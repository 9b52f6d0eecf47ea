// @generated from bounded.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
#[doc(hidden)]
#[allow(unused_imports)]
use ::x0tta_metrics::__private0_2 as __x0tta_private;
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
/// Every metric of the spec: 1 groups, 1 families, registered on one `prometheus::Registry`.
#[derive(Clone)]
pub struct Metrics {
    registry: ::x0tta_metrics::prometheus::Registry,
    /// The registry's prefix and common labels, for the encoders.
    __scope: ::std::sync::Arc<__x0tta_private::Scope>,
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
        let mut registration = __x0tta_private::Registration::new(registry);
        let metrics = Self {
            registry: registry.clone(),
            __scope: ::std::sync::Arc::new(__x0tta_private::Scope::of(registry)),
            mesh: MeshMetrics::__register(&mut registration),
        };
        registration.finish(metrics)
    }
    /// Creates every family on a fresh registry whose constant labels
    /// (`instance`, `node`, `region`, …) every series carries, in every
    /// format and in `gather()`.
    pub fn with_labels(
        labels: &[(&str, &str)],
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        Self::register(&__x0tta_private::registry_with_labels(labels)?)
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
    fn encode(&self, encoder: &mut dyn __x0tta_private::Encoder) {
        self.mesh.mesh_link_latency_seconds.encode(encoder);
        __x0tta_private::overflow(
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
    fn scope(&self) -> &__x0tta_private::Scope {
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
    /// The families' constants, in spec order.
    const __META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_mesh_link_latency_seconds",
            help: "Latest latency per link and direction.",
            kind: __x0tta_private::MetricKind::Gauge,
            labels: __x0tta_private::LabelSpace {
                names: &["node_id", "direction"],
                values: &[&[], &MeshLinkLatencySecondsDirection::LABELS],
            },
            buckets: &[],
            unit: "",
        },
    ];
    /// Creates the group's families and registers them on `registry`.
    /// If any name is already taken, nothing stays registered.
    pub fn register(
        registry: &::x0tta_metrics::prometheus::Registry,
    ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
        let mut registration = __x0tta_private::Registration::new(registry);
        let group = Self::__register(&mut registration);
        registration.finish(group)
    }
    #[doc(hidden)]
    pub fn __register(registration: &mut __x0tta_private::Registration) -> Self {
        Self {
            mesh_link_latency_seconds: registration
                .bounded(
                    &Self::__META[0],
                    ::x0tta_metrics::bounded::Budget {
                        max_series: 100,
                        expire_after: ::core::option::Option::None,
                    },
                    &[true, false],
                    (
                        "x0tta_metrics_series_overflow_total",
                        "Accessor calls routed to a metric's overflow series because its max_series budget was reached.",
                    ),
                ),
        }
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
    /// Stops exporting the series of [`mesh_link_latency_seconds`](Self::mesh_link_latency_seconds) with these label values, freeing its place in the budget of 100 series. `false` if there was none.
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
