// @generated from scalar.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
#[doc(hidden)]
#[allow(unused_imports)]
use ::x0tta_metrics::__private0_2 as __x0tta_private;
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
/// Every metric of the spec: 1 groups, 1 families, registered on one `prometheus::Registry`.
#[derive(Clone)]
pub struct Metrics {
    registry: ::x0tta_metrics::prometheus::Registry,
    /// The registry's prefix and common labels, for the encoders.
    __scope: ::std::sync::Arc<__x0tta_private::Scope>,
    /// Work queue.
    pub queue: QueueMetrics,
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
        let mut registration = __x0tta_private::Registration::new(registry);
        let metrics = Self {
            registry: registry.clone(),
            __scope: ::std::sync::Arc::new(registration.scope(Self::__CONST_LABELS)?),
            queue: QueueMetrics::__register(&mut registration),
        };
        registration.finish(metrics)
    }
    /// Creates every family on a fresh registry whose constant labels
    /// (`instance`, `node`, `region`, …) every series carries, in every
    /// format and in `gather()`. A label named like one of the spec's
    /// `const_labels` is an error (`prometheus::Error::Msg`).
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
        const ORDER: &[u32] = &[0, 0];
        __x0tta_private::walk(
            encoder,
            &[&self.queue.__families()],
            ORDER,
            &mut |_, _| {},
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
/** Work queue.

 Group `queue` of the spec.*/
#[derive(Clone)]
pub struct QueueMetrics {
    queue_depth_items: __x0tta_private::Family<__x0tta_private::IntGauge>,
}
impl __x0tta_private::Table for QueueMetrics {
    const META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_queue_depth_items",
            help: "Items waiting in the queue.",
            headers: "# HELP demo_queue_depth_items Items waiting in the queue.\n# TYPE demo_queue_depth_items gauge\n# TYPE demo_queue_depth_items gauge\n# HELP demo_queue_depth_items Items waiting in the queue.\n\n\u{16}demo_queue_depth_items\u{12}\u{1b}Items waiting in the queue.\u{18}\u{1}",
            ..__X0TTA_GAUGE
        },
    ];
}
impl QueueMetrics {
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
            queue_depth_items: registration.family_at::<Self, _>(0),
        }
    }
    /// The families, in spec order, for the registry's walk.
    #[doc(hidden)]
    pub fn __families(&self) -> [&dyn __x0tta_private::Walk; 1] {
        [&self.queue_depth_items]
    }
    /** Items waiting in the queue.

 Exported as `demo_queue_depth_items` (gauge).*/
    #[inline]
    pub fn queue_depth_items(&self) -> &__x0tta_private::IntGauge {
        self.queue_depth_items.get(0)
    }
}
impl ::core::fmt::Debug for QueueMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("QueueMetrics").finish_non_exhaustive()
    }
}
