// @generated from sharded.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
/// Every metric of the spec: 1 groups, 1 families, registered on one `prometheus::Registry`.
#[derive(Clone)]
pub struct Metrics {
    registry: ::x0tta_metrics::prometheus::Registry,
    /// The registry's prefix and common labels, for the encoders.
    __scope: ::std::sync::Arc<::x0tta_metrics::__private0_2::Scope>,
    /// HTTP server.
    pub http: HttpMetrics,
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
            http: HttpMetrics::__register(&mut registration)?,
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
        self.http.http_requests_total.encode(encoder);
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
/// HTTP server.
///
/// Group `http` of the spec.
#[derive(Clone)]
pub struct HttpMetrics {
    http_requests_total: ::x0tta_metrics::__private0_2::Family<
        ::x0tta_metrics::ShardedCounter,
    >,
}
impl HttpMetrics {
    #[doc(hidden)]
    #[allow(non_upper_case_globals)]
    const __http_requests_total: ::x0tta_metrics::__private0_2::Meta = ::x0tta_metrics::__private0_2::Meta {
        name: "demo_http_requests_total",
        help: "Requests served.",
        kind: ::x0tta_metrics::__private0_2::MetricKind::Counter,
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
            http_requests_total: registration
                .register(
                    ::x0tta_metrics::__private0_2::Family::new(
                        &Self::__http_requests_total,
                    )?,
                )?,
        })
    }
    /// Requests served.
    ///
    /// Exported as `demo_http_requests_total` (counter).
    #[inline]
    pub fn http_requests_total(&self) -> &::x0tta_metrics::ShardedCounter {
        self.http_requests_total.get(Self::__http_requests_total.labels.encode([]))
    }
}
impl ::core::fmt::Debug for HttpMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("HttpMetrics").finish_non_exhaustive()
    }
}
