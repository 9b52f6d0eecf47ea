// @generated from bounded.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
const __X0TTA_GAUGE: __x0tta_private::Meta = __x0tta_private::Meta {
    name: "",
    help: "",
    kind: __x0tta_private::MetricKind::Gauge,
    labels: __x0tta_private::LabelSpace::NONE,
    buckets: &[],
    unit: "",
    native: ::core::option::Option::None,
    const_labels: Metrics::__CONST_LABELS,
    headers: "",
};
const __X0TTA_LABELS_0: __x0tta_private::LabelSpace = __x0tta_private::LabelSpace {
    names: &["node_id"],
    values: &[&[]],
};
const __X0TTA_BUDGET_0: __x0tta_private::Budget = __x0tta_private::Budget {
    max_series: 100,
    expire_after: ::core::option::Option::None,
};
const __X0TTA_OVERFLOW: (&str, &str) = (
    "x0tta_metrics_series_overflow_total",
    "Accessor calls routed to a metric's overflow series because its max_series budget was reached.",
);
impl ::x0tta_metrics::Exposition for Metrics {
    /// Walks every family of the spec, in `gather()` order, into
    /// `encoder`. Collectors registered on the registry by others
    /// are not included.
    fn encode(&self, encoder: &mut dyn __x0tta_private::Encoder) {
        const ORDER: &[u32] = &[0, 0, 1, 0];
        __x0tta_private::walk(
            encoder,
            &[&self.mesh.__families()],
            ORDER,
            &mut |encoder, extra| match extra {
                0 => {
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
                    )
                }
                _ => {}
            },
        );
    }
    fn scope(&self) -> &__x0tta_private::Scope {
        &self.__scope
    }
}
/** Mesh network.

 Group `mesh` of the spec.*/
#[derive(Clone)]
pub struct MeshMetrics {
    mesh_link_latency_seconds: __x0tta_private::BoundedFamily<__x0tta_private::Gauge>,
}
impl __x0tta_private::Table for MeshMetrics {
    const META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_mesh_link_latency_seconds",
            help: "Latest latency per link.",
            labels: __X0TTA_LABELS_0,
            headers: "# HELP demo_mesh_link_latency_seconds Latest latency per link.\n# TYPE demo_mesh_link_latency_seconds gauge\n# TYPE demo_mesh_link_latency_seconds gauge\n# HELP demo_mesh_link_latency_seconds Latest latency per link.\n\n\u{1e}demo_mesh_link_latency_seconds\u{12}\u{18}Latest latency per link.\u{18}\u{1}demo_mesh_link_latency_seconds{node_id=\"",
            ..__X0TTA_GAUGE
        },
    ];
}
impl MeshMetrics {
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
                .bounded_at::<Self, _>(0, __X0TTA_BUDGET_0, __X0TTA_OVERFLOW),
        }
    }
    /// The families, in spec order, for the registry's walk.
    #[doc(hidden)]
    pub fn __families(&self) -> [&dyn __x0tta_private::Walk; 1] {
        [&self.mesh_link_latency_seconds]
    }
    /** Latest latency per link.

 Exported as `demo_mesh_link_latency_seconds` (gauge).
 - label `node_id`: free-form*/
    #[inline]
    pub fn mesh_link_latency_seconds(
        &self,
        node_id: &str,
    ) -> __x0tta_private::Arc<__x0tta_private::Gauge> {
        self.mesh_link_latency_seconds.get(&[node_id])
    }
    /// Stops exporting the series of [`mesh_link_latency_seconds`](Self::mesh_link_latency_seconds) with these label values, freeing its place in the budget of 100 series. `false` if there was none.
    pub fn remove_mesh_link_latency_seconds(&self, node_id: &str) -> bool {
        self.mesh_link_latency_seconds.remove(&[node_id])
    }
    /// The bounded family behind [`mesh_link_latency_seconds`](Self::mesh_link_latency_seconds): `retain` by predicate, `len` of live series, `overflowed` updates.
    pub fn mesh_link_latency_seconds_family(
        &self,
    ) -> &__x0tta_private::BoundedFamily<__x0tta_private::Gauge> {
        &self.mesh_link_latency_seconds
    }
}
impl ::core::fmt::Debug for MeshMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("MeshMetrics").finish_non_exhaustive()
    }
}
