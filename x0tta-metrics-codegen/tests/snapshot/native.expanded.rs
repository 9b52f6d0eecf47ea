// @generated from native.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
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
    rpc_payload_bytes: __x0tta_private::Family<__x0tta_private::Histogram>,
}
impl __x0tta_private::Table for RpcMetrics {
    const META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_rpc_payload_bytes",
            help: "Size of one payload.",
            native: ::core::option::Option::Some(__x0tta_private::NativeConfig {
                schema: 3,
                max_buckets: 100,
                zero_threshold: 0.000000000000000000000000000000000000002938735877055719,
            }),
            headers: "# HELP demo_rpc_payload_bytes Size of one payload.\n# TYPE demo_rpc_payload_bytes histogram\n# TYPE demo_rpc_payload_bytes histogram\n# HELP demo_rpc_payload_bytes Size of one payload.\n\n\u{16}demo_rpc_payload_bytes\u{12}\u{14}Size of one payload.\u{18}\u{4}",
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
            rpc_payload_bytes: registration.family_at::<Self, _>(0),
        }
    }
    /// The families, in spec order, for the registry's walk.
    #[doc(hidden)]
    pub fn __families(&self) -> [&dyn __x0tta_private::Walk; 1] {
        [&self.rpc_payload_bytes]
    }
    /** Size of one payload.

 Exported as `demo_rpc_payload_bytes` (histogram).

 Native histogram: schema 3 (2^3 buckets per power of two, fewer past 100 populated buckets), zero bucket up to 2.938735877055719e-39, written in the protobuf format; no classic buckets: the text formats write its `+Inf` bucket, `_sum` and `_count` only.*/
    #[inline]
    pub fn rpc_payload_bytes(&self) -> &__x0tta_private::Histogram {
        self.rpc_payload_bytes.get(0)
    }
}
impl ::core::fmt::Debug for RpcMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("RpcMetrics").finish_non_exhaustive()
    }
}
