// @generated from dual-emit.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
const __X0TTA_COUNTER: __x0tta_private::Meta = __x0tta_private::Meta {
    name: "",
    help: "",
    kind: __x0tta_private::MetricKind::Counter,
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
        const ORDER: &[u32] = &[1, 0, 0, 0];
        __x0tta_private::walk(
            encoder,
            &[&self.cache.__families()],
            ORDER,
            &mut |encoder, extra| match extra {
                0 => {
                    self.cache
                        .cache_hits_total
                        .encode_as(
                            encoder,
                            "demo_cache_hit_count",
                            "Lookups answered from the cache. (Old name, kept during a rename.)",
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
/** Cache.

 Group `cache` of the spec.*/
#[derive(Clone)]
pub struct CacheMetrics {
    cache_hits_total: __x0tta_private::Family<__x0tta_private::IntCounter>,
}
impl __x0tta_private::Table for CacheMetrics {
    const META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_cache_hits_total",
            help: "Lookups answered from the cache.",
            headers: "# HELP demo_cache_hits_total Lookups answered from the cache.\n# TYPE demo_cache_hits_total counter\n# TYPE demo_cache_hits counter\n# HELP demo_cache_hits Lookups answered from the cache.\n\n\u{15}demo_cache_hits_total\u{12} Lookups answered from the cache.\u{18}\0",
            ..__X0TTA_COUNTER
        },
    ];
}
impl CacheMetrics {
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
            cache_hits_total: {
                let family = registration.family_at::<Self, _>(0);
                registration
                    .renamed(
                        &family,
                        "demo_cache_hit_count",
                        "Lookups answered from the cache. (Old name, kept during a rename.)",
                    );
                family
            },
        }
    }
    /// The families, in spec order, for the registry's walk.
    #[doc(hidden)]
    pub fn __families(&self) -> [&dyn __x0tta_private::Walk; 1] {
        [&self.cache_hits_total]
    }
    /** Lookups answered from the cache.

 Exported as `demo_cache_hits_total` (counter).

 Formerly exported as `demo_cache_hit_count`; the scrape still carries it under that name too.*/
    #[inline]
    pub fn cache_hits_total(&self) -> &__x0tta_private::IntCounter {
        self.cache_hits_total.get(0)
    }
}
impl ::core::fmt::Debug for CacheMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("CacheMetrics").finish_non_exhaustive()
    }
}
