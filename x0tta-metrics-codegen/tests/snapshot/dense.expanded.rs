// @generated from dense.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
/// Values of the shared label set `outcome`: `success`, `failed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// The label value `success`.
    Success,
    /// The label value `failed`.
    Failed,
}
impl Outcome {
    /// Every value, in spec order.
    pub const ALL: [Self; 2] = [Self::Success, Self::Failed];
    /// Every exported label value, in spec order.
    pub const LABELS: [&'static str; 2] = ["success", "failed"];
    /// The exported label value.
    pub const fn as_str(self) -> &'static str {
        Self::LABELS[self as usize]
    }
    /// The value whose exported label value is `value`, if any.
    pub fn from_label(value: &str) -> ::core::option::Option<Self> {
        match value {
            "success" => ::core::option::Option::Some(Self::Success),
            "failed" => ::core::option::Option::Some(Self::Failed),
            _ => ::core::option::Option::None,
        }
    }
}
impl ::core::fmt::Display for Outcome {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}
/// Values of label `priority` of `jobs_total`: `low`, `high`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobsTotalPriority {
    /// The label value `low`.
    Low,
    /// The label value `high`.
    High,
}
impl JobsTotalPriority {
    /// Every value, in spec order.
    pub const ALL: [Self; 2] = [Self::Low, Self::High];
    /// Every exported label value, in spec order.
    pub const LABELS: [&'static str; 2] = ["low", "high"];
    /// The exported label value.
    pub const fn as_str(self) -> &'static str {
        Self::LABELS[self as usize]
    }
    /// The value whose exported label value is `value`, if any.
    pub fn from_label(value: &str) -> ::core::option::Option<Self> {
        match value {
            "low" => ::core::option::Option::Some(Self::Low),
            "high" => ::core::option::Option::Some(Self::High),
            _ => ::core::option::Option::None,
        }
    }
}
impl ::core::fmt::Display for JobsTotalPriority {
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
    names: &["outcome", "priority"],
    values: &[&Outcome::LABELS, &JobsTotalPriority::LABELS],
};
impl ::x0tta_metrics::Exposition for Metrics {
    /// Walks every family of the spec, in `gather()` order, into
    /// `encoder`. Collectors registered on the registry by others
    /// are not included.
    fn encode(&self, encoder: &mut dyn __x0tta_private::Encoder) {
        const ORDER: &[u32] = &[0, 0];
        __x0tta_private::walk(
            encoder,
            &[&self.jobs.__families()],
            ORDER,
            &mut |_, _| {},
        );
    }
    fn scope(&self) -> &__x0tta_private::Scope {
        &self.__scope
    }
}
/** Batch jobs.

 Group `jobs` of the spec.*/
#[derive(Clone)]
pub struct JobsMetrics {
    jobs_total: __x0tta_private::Family<__x0tta_private::IntCounter>,
}
impl __x0tta_private::Table for JobsMetrics {
    const META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_jobs_total",
            help: "Finished jobs by outcome and priority.",
            labels: __X0TTA_LABELS_0,
            headers: "# HELP demo_jobs_total Finished jobs by outcome and priority.\n# TYPE demo_jobs_total counter\n# TYPE demo_jobs counter\n# HELP demo_jobs Finished jobs by outcome and priority.\n\n\u{f}demo_jobs_total\u{12}&Finished jobs by outcome and priority.\u{18}\0",
            ..__X0TTA_COUNTER
        },
    ];
}
impl JobsMetrics {
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
            jobs_total: registration.family_at::<Self, _>(0),
        }
    }
    /// The families, in spec order, for the registry's walk.
    #[doc(hidden)]
    pub fn __families(&self) -> [&dyn __x0tta_private::Walk; 1] {
        [&self.jobs_total]
    }
    /** Finished jobs by outcome and priority.

 Exported as `demo_jobs_total` (counter).
 - label `outcome`: one of [`Outcome`]
 - label `priority`: one of [`JobsTotalPriority`]*/
    #[inline]
    pub fn jobs_total(
        &self,
        outcome: Outcome,
        priority: JobsTotalPriority,
    ) -> &__x0tta_private::IntCounter {
        self.jobs_total
            .get(__X0TTA_LABELS_0.encode([outcome as usize, priority as usize]))
    }
}
impl ::core::fmt::Debug for JobsMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("JobsMetrics").finish_non_exhaustive()
    }
}
