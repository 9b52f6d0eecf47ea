// @generated from histogram.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
const __X0TTA_HISTOGRAM: __x0tta_private::Meta = __x0tta_private::Meta {
    name: "",
    help: "",
    kind: __x0tta_private::MetricKind::Histogram,
    labels: __x0tta_private::LabelSpace::NONE,
    buckets: &[],
    unit: "",
    native: ::core::option::Option::None,
    const_labels: Metrics::__CONST_LABELS,
    headers: "",
};
const __X0TTA_BUCKETS_0: &[f64] = &[0.01, 0.1, 1.0];
impl ::x0tta_metrics::Exposition for Metrics {
    /// Walks every family of the spec, in `gather()` order, into
    /// `encoder`. Collectors registered on the registry by others
    /// are not included.
    fn encode(&self, encoder: &mut dyn __x0tta_private::Encoder) {
        const ORDER: &[u32] = &[0, 0];
        __x0tta_private::walk(encoder, &[&self.rpc.__families()], ORDER, &mut |_, _| {});
    }
    fn scope(&self) -> &__x0tta_private::Scope {
        &self.__scope
    }
}
/** RPC client.

 Group `rpc` of the spec.*/
#[derive(Clone)]
pub struct RpcMetrics {
    rpc_duration_seconds: __x0tta_private::Family<__x0tta_private::Histogram>,
}
impl __x0tta_private::Table for RpcMetrics {
    const META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_rpc_duration_seconds",
            help: "Duration of one call.",
            buckets: __X0TTA_BUCKETS_0,
            headers: "# HELP demo_rpc_duration_seconds Duration of one call.\n# TYPE demo_rpc_duration_seconds histogram\n# TYPE demo_rpc_duration_seconds histogram\n# HELP demo_rpc_duration_seconds Duration of one call.\n\n\u{19}demo_rpc_duration_seconds\u{12}\u{15}Duration of one call.\u{18}\u{4}",
            ..__X0TTA_HISTOGRAM
        },
    ];
}
impl RpcMetrics {
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
            rpc_duration_seconds: registration.family_at::<Self, _>(0),
        }
    }
    /// The families, in spec order, for the registry's walk.
    #[doc(hidden)]
    pub fn __families(&self) -> [&dyn __x0tta_private::Walk; 1] {
        [&self.rpc_duration_seconds]
    }
    /** Duration of one call.

 Exported as `demo_rpc_duration_seconds` (histogram).*/
    #[inline]
    pub fn rpc_duration_seconds(&self) -> &__x0tta_private::Histogram {
        self.rpc_duration_seconds.get(0)
    }
}
impl ::core::fmt::Debug for RpcMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("RpcMetrics").finish_non_exhaustive()
    }
}
