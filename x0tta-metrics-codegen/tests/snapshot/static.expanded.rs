// @generated from static.yaml by x0tta-metrics-codegen; see tests/snapshot.rs.
/// Values of label `outcome` of `jobs_total`: `success`, `failed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobsTotalOutcome {
    /// The label value `success`.
    Success,
    /// The label value `failed`.
    Failed,
}
impl JobsTotalOutcome {
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
impl ::core::fmt::Display for JobsTotalOutcome {
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
/// Values of label `outcome` of `job_duration_seconds`: `success`, `failed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobDurationSecondsOutcome {
    /// The label value `success`.
    Success,
    /// The label value `failed`.
    Failed,
}
impl JobDurationSecondsOutcome {
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
impl ::core::fmt::Display for JobDurationSecondsOutcome {
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
const __X0TTA_LABELS_0: __x0tta_private::LabelSpace = __x0tta_private::LabelSpace {
    names: &["outcome", "priority"],
    values: &[&JobsTotalOutcome::LABELS, &JobsTotalPriority::LABELS],
};
const __X0TTA_LABELS_1: __x0tta_private::LabelSpace = __x0tta_private::LabelSpace {
    names: &["outcome"],
    values: &[&JobDurationSecondsOutcome::LABELS],
};
const __X0TTA_BUCKETS_0: &[f64] = &[0.5, 1.0, 5.0];
impl ::x0tta_metrics::Exposition for Metrics {
    /// Walks every family of the spec, in `gather()` order, into
    /// `encoder`. Collectors registered on the registry by others
    /// are not included.
    fn encode(&self, encoder: &mut dyn __x0tta_private::Encoder) {
        const ORDER: &[u32] = &[];
        __x0tta_private::walk(encoder, &[], ORDER, &mut |_, _| {});
    }
    fn scope(&self) -> &__x0tta_private::Scope {
        &self.__scope
    }
}
/** Batch jobs.

 Group `jobs` of the spec, static: declare `static JOBS: JobsMetrics = JobsMetrics::new();`, update it from anywhere, and register it once with `register`.*/
pub struct JobsMetrics {
    jobs_total: __x0tta_private::StaticFamily<__x0tta_private::IntCounter, 4>,
    queue_depth: __x0tta_private::StaticFamily<__x0tta_private::IntGauge, 1>,
    job_duration_seconds: __x0tta_private::StaticFamily<
        __x0tta_private::StaticHistogram<4>,
        2,
    >,
    batches_total: __x0tta_private::StaticFamily<__x0tta_private::IntCounter, 1>,
}
impl JobsMetrics {
    /// The families' constants, in spec order.
    const __META: &'static [__x0tta_private::Meta] = &[
        __x0tta_private::Meta {
            name: "demo_jobs_total",
            help: "Finished jobs by outcome and priority.",
            labels: __X0TTA_LABELS_0,
            headers: "# HELP demo_jobs_total Finished jobs by outcome and priority.\n# TYPE demo_jobs_total counter\n# TYPE demo_jobs counter\n# HELP demo_jobs Finished jobs by outcome and priority.\n\n\u{f}demo_jobs_total\u{12}&Finished jobs by outcome and priority.\u{18}\0",
            ..__X0TTA_COUNTER
        },
        __x0tta_private::Meta {
            name: "demo_queue_depth",
            help: "Jobs waiting.",
            headers: "# HELP demo_queue_depth Jobs waiting.\n# TYPE demo_queue_depth gauge\n# TYPE demo_queue_depth gauge\n# HELP demo_queue_depth Jobs waiting.\n\n\u{10}demo_queue_depth\u{12}\rJobs waiting.\u{18}\u{1}",
            ..__X0TTA_GAUGE
        },
        __x0tta_private::Meta {
            name: "demo_job_duration_seconds",
            help: "Time a job took, by outcome.",
            labels: __X0TTA_LABELS_1,
            buckets: __X0TTA_BUCKETS_0,
            headers: "# HELP demo_job_duration_seconds Time a job took, by outcome.\n# TYPE demo_job_duration_seconds histogram\n# TYPE demo_job_duration_seconds histogram\n# HELP demo_job_duration_seconds Time a job took, by outcome.\n\n\u{19}demo_job_duration_seconds\u{12}\u{1c}Time a job took, by outcome.\u{18}\u{4}",
            ..__X0TTA_HISTOGRAM
        },
        __x0tta_private::Meta {
            name: "demo_batches_total",
            help: "Batches run.",
            headers: "# HELP demo_batches_total Batches run.\n# TYPE demo_batches_total counter\n# TYPE demo_batches counter\n# HELP demo_batches Batches run.\n\n\u{12}demo_batches_total\u{12}\u{c}Batches run.\u{18}\0",
            ..__X0TTA_COUNTER
        },
    ];
    /// Every family of the group, each series at zero: a constant
    /// expression, for a `static`.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Self {
            jobs_total: __x0tta_private::StaticFamily::new(&Self::__META[0]),
            queue_depth: __x0tta_private::StaticFamily::new(&Self::__META[1]),
            job_duration_seconds: __x0tta_private::StaticFamily::with_cells(
                &Self::__META[2],
                [const {
                    <__x0tta_private::StaticHistogram<4>>::new_static(__X0TTA_BUCKETS_0)
                }; 2],
            ),
            batches_total: __x0tta_private::StaticFamily::new(&Self::__META[3]),
        }
    }
    /// Registers the group's families on `registry`, which then
    /// gathers them from this `static`. If any name is already
    /// taken, nothing stays registered.
    pub fn register(
        &'static self,
        registry: &::x0tta_metrics::prometheus::Registry,
    ) -> ::core::result::Result<(), ::x0tta_metrics::prometheus::Error> {
        let mut registration = __x0tta_private::Registration::new(registry);
        registration.static_family(&self.jobs_total);
        registration.static_family(&self.queue_depth);
        registration.static_family(&self.job_duration_seconds);
        {
            let family = registration.static_family(&self.batches_total);
            registration
                .renamed(
                    &family,
                    "demo_batch_runs_total",
                    "Batches run. (Old name, kept during a rename.)",
                );
        }
        registration.finish(())
    }
    /** Finished jobs by outcome and priority.

 Exported as `demo_jobs_total` (counter).
 - label `outcome`: one of [`JobsTotalOutcome`]
 - label `priority`: one of [`JobsTotalPriority`]*/
    #[inline]
    pub fn jobs_total(
        &self,
        outcome: JobsTotalOutcome,
        priority: JobsTotalPriority,
    ) -> &__x0tta_private::IntCounter {
        self.jobs_total
            .get(__X0TTA_LABELS_0.encode([outcome as usize, priority as usize]))
    }
    /** Jobs waiting.

 Exported as `demo_queue_depth` (gauge).*/
    #[inline]
    pub fn queue_depth(&self) -> &__x0tta_private::IntGauge {
        self.queue_depth.get(0)
    }
    /** Time a job took, by outcome.

 Exported as `demo_job_duration_seconds` (histogram).
 - label `outcome`: one of [`JobDurationSecondsOutcome`]*/
    #[inline]
    pub fn job_duration_seconds(
        &self,
        outcome: JobDurationSecondsOutcome,
    ) -> &__x0tta_private::StaticHistogram<4> {
        self.job_duration_seconds.get(outcome as usize)
    }
    /** Batches run.

 Exported as `demo_batches_total` (counter).

 Formerly exported as `demo_batch_runs_total`; the scrape still carries it under that name too.*/
    #[inline]
    pub fn batches_total(&self) -> &__x0tta_private::IntCounter {
        self.batches_total.get(0)
    }
}
impl ::x0tta_metrics::Exposition for JobsMetrics {
    /// Walks every family of the group, in `gather()` order, into
    /// `encoder`, without a registry's prefix and common labels
    /// (serve it with `Combined` beside a `Metrics` to get them).
    fn encode(&self, encoder: &mut dyn __x0tta_private::Encoder) {
        self.batches_total
            .encode_as(
                encoder,
                "demo_batch_runs_total",
                "Batches run. (Old name, kept during a rename.)",
            );
        self.batches_total.encode(encoder);
        self.job_duration_seconds.encode(encoder);
        self.jobs_total.encode(encoder);
        self.queue_depth.encode(encoder);
    }
    fn scope(&self) -> &__x0tta_private::Scope {
        __x0tta_private::Scope::empty()
    }
}
impl ::core::fmt::Debug for JobsMetrics {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("JobsMetrics").finish_non_exhaustive()
    }
}
