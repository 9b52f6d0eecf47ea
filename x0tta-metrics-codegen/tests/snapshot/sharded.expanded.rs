// @generated from sharded.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
impl ::x0tta_metrics::Exposition for Metrics {
    /// Walks every family of the spec, in `gather()` order, into
    /// `encoder`. Collectors registered on the registry by others
    /// are not included.
    fn encode(&self, encoder: &mut dyn __x0tta_private::Encoder) {
        self.http.http_requests_total.encode(encoder);
    }
    fn scope(&self) -> &__x0tta_private::Scope {
        &self.__scope
    }
}
/// HTTP server.
///
/// Group `http` of the spec.
#[derive(Clone)]
pub struct HttpMetrics {
    http_requests_total: __x0tta_private::Family<::x0tta_metrics::ShardedCounter>,
}
impl HttpMetrics {
    /// The families' constants, in spec order.
    const __META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_http_requests_total",
            help: "Requests served.",
            kind: __x0tta_private::MetricKind::Counter,
            labels: __x0tta_private::LabelSpace::NONE,
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
            http_requests_total: registration.family(&Self::__META[0]),
        }
    }
    /// Requests served.
    ///
    /// Exported as `demo_http_requests_total` (counter).
    #[inline]
    pub fn http_requests_total(&self) -> &::x0tta_metrics::ShardedCounter {
        self.http_requests_total.get(Self::__META[0].labels.encode([]))
    }
}
impl ::core::fmt::Debug for HttpMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("HttpMetrics").finish_non_exhaustive()
    }
}
