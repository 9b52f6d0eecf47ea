// @generated from scalar.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
/// Every metric of the spec: 1 groups, 1 families, registered on one `prometheus::Registry`.
#[derive(Clone)]
pub struct Metrics {
    registry: ::x0tta_metrics::prometheus::Registry,
    /// The registry's prefix and common labels, for the encoders.
    __scope: ::std::sync::Arc<::x0tta_metrics::__private0_2::Scope>,
    /// Work queue.
    pub queue: QueueMetrics,
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
        let mut registration = ::x0tta_metrics::__private0_2::Registration::new(
            registry,
        );
        let metrics = Self {
            registry: registry.clone(),
            __scope: ::std::sync::Arc::new(
                ::x0tta_metrics::__private0_2::Scope::of(registry),
            ),
            queue: QueueMetrics::__register(&mut registration)?,
        };
        registration.commit();
        ::core::result::Result::Ok(metrics)
    }
    /// Creates every family on a fresh registry whose constant labels
    /// (`instance`, `node`, `region`, …) every series carries, in every
    /// format and in `gather()`.
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
        self.queue.queue_depth_items.encode(encoder);
    }
    fn scope(&self) -> &::x0tta_metrics::__private0_2::Scope {
        &self.__scope
    }
}
impl Metrics {
    /// Every family of the spec in the Prometheus text format 0.0.4:
    /// byte for byte what `gather()` + `TextEncoder` print for them.
    pub fn encode_text(&self) -> ::std::string::String {
        ::x0tta_metrics::Exposition::encode_format(self, ::x0tta_metrics::Format::Text)
    }
    /// Every family of the spec in OpenMetrics 1.0 text, `# EOF` included.
    pub fn encode_openmetrics(&self) -> ::std::string::String {
        ::x0tta_metrics::Exposition::encode_format(
            self,
            ::x0tta_metrics::Format::OpenMetrics,
        )
    }
}
/// Work queue.
///
/// Group `queue` of the spec.
#[derive(Clone)]
pub struct QueueMetrics {
    queue_depth_items: ::x0tta_metrics::__private0_2::Family<::x0tta_metrics::IntGauge>,
}
impl QueueMetrics {
    #[doc(hidden)]
    #[allow(non_upper_case_globals)]
    const __queue_depth_items: ::x0tta_metrics::__private0_2::Meta = ::x0tta_metrics::__private0_2::Meta {
        name: "demo_queue_depth_items",
        help: "Items waiting in the queue.",
        kind: ::x0tta_metrics::__private0_2::MetricKind::Gauge,
        labels: ::x0tta_metrics::__private0_2::LabelSpace::NONE,
        buckets: &[],
        unit: "",
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
            queue_depth_items: registration
                .register(
                    ::x0tta_metrics::__private0_2::Family::new(
                        &Self::__queue_depth_items,
                    )?,
                )?,
        })
    }
    /// Items waiting in the queue.
    ///
    /// Exported as `demo_queue_depth_items` (gauge).
    #[inline]
    pub fn queue_depth_items(&self) -> &::x0tta_metrics::IntGauge {
        self.queue_depth_items.get(0)
    }
}
impl ::core::fmt::Debug for QueueMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("QueueMetrics").finish_non_exhaustive()
    }
}
