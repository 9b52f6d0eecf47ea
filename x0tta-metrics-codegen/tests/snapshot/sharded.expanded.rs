// @generated from sharded.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
/// Values of label `class` of `http_requests_total`: `ok`, `error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HttpRequestsTotalClass {
    /// The label value `ok`.
    Ok,
    /// The label value `error`.
    Error,
}
impl HttpRequestsTotalClass {
    /// Every value, in spec order.
    pub const ALL: [Self; 2] = [Self::Ok, Self::Error];
    /// Every exported label value, in spec order.
    pub const LABELS: [&'static str; 2] = ["ok", "error"];
    /// The exported label value.
    pub const fn as_str(self) -> &'static str {
        Self::LABELS[self as usize]
    }
    /// The value whose exported label value is `value`, if any.
    pub fn from_label(value: &str) -> ::core::option::Option<Self> {
        match value {
            "ok" => ::core::option::Option::Some(Self::Ok),
            "error" => ::core::option::Option::Some(Self::Error),
            _ => ::core::option::Option::None,
        }
    }
}
impl ::core::fmt::Display for HttpRequestsTotalClass {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}
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
const __X0TTA_LABELS_0: __x0tta_private::LabelSpace = __x0tta_private::LabelSpace {
    names: &["class"],
    values: &[&HttpRequestsTotalClass::LABELS],
};
impl ::x0tta_metrics::Exposition for Metrics {
    /// Walks every family of the spec, in `gather()` order, into
    /// `encoder`. Collectors registered on the registry by others
    /// are not included.
    fn encode(&self, encoder: &mut dyn __x0tta_private::Encoder) {
        const ORDER: &[u32] = &[0, 0];
        __x0tta_private::walk(
            encoder,
            &[&self.http.__families()],
            ORDER,
            &mut |_, _| {},
        );
    }
    fn scope(&self) -> &__x0tta_private::Scope {
        &self.__scope
    }
}
/** HTTP server.

 Group `http` of the spec.*/
#[derive(Clone)]
pub struct HttpMetrics {
    http_requests_total: __x0tta_private::Family<__x0tta_private::ShardedCounter>,
}
impl __x0tta_private::Table for HttpMetrics {
    const META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_http_requests_total",
            help: "Requests served, by class of status.",
            labels: __X0TTA_LABELS_0,
            headers: "# HELP demo_http_requests_total Requests served, by class of status.\n# TYPE demo_http_requests_total counter\n# TYPE demo_http_requests counter\n# HELP demo_http_requests Requests served, by class of status.\n\n\u{18}demo_http_requests_total\u{12}$Requests served, by class of status.\u{18}\0demo_http_requests_total{class=\"",
            ..__X0TTA_COUNTER
        },
    ];
}
impl HttpMetrics {
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
            http_requests_total: registration.family_at::<Self, _>(0),
        }
    }
    /// The families, in spec order, for the registry's walk.
    #[doc(hidden)]
    pub fn __families(&self) -> [&dyn __x0tta_private::Walk; 1] {
        [&self.http_requests_total]
    }
    /** Requests served, by class of status.

 Exported as `demo_http_requests_total` (counter).
 - label `class`: one of [`HttpRequestsTotalClass`]*/
    #[inline]
    pub fn http_requests_total(
        &self,
        class: HttpRequestsTotalClass,
    ) -> &__x0tta_private::ShardedCounter {
        self.http_requests_total.get(class as usize)
    }
}
impl ::core::fmt::Debug for HttpMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("HttpMetrics").finish_non_exhaustive()
    }
}
