//! The x0tta6bl4 catalogue as generated: its size, the seed's exported
//! names, all-or-nothing registration, independent registries, the label
//! enums, and label values as the seed's PromQL queries select them.

mod support;

use regex::Regex;
use x0tta_metrics::prometheus::{IntGauge, Registry};
use x0tta_metrics::{CycleStatus, HttpMethod, HttpStatus, Metrics};

use support::seed_reference::SEED_REFERENCE;
use support::text::{self, Sample};
use support::touch::touch_every_family;
use support::{catalogue_spec, exposition, metrics, Snapshot};

#[test]
fn at_least_120_families_in_16_groups() {
    let spec = catalogue_spec();
    assert_eq!(spec.groups.len(), 16);
    let declared: Vec<&str> = spec.metrics().map(|(_, m)| m.exported.as_str()).collect();
    assert!(
        declared.len() >= 120,
        "only {} families declared",
        declared.len()
    );

    let m = metrics();
    touch_every_family(&m);
    let snapshot = Snapshot::of(&m);
    let mut exported = snapshot.names();
    exported.sort_unstable();
    let mut expected = declared.clone();
    // Beside the spec's families: the counter of updates past a series budget.
    expected.push(x0tta_metrics_codegen::OVERFLOW_METRIC);
    expected.sort_unstable();
    // Also proves `touch_every_family` reaches every family of the spec.
    assert_eq!(exported, expected);
}

#[test]
fn every_seed_reference_name_is_exported_verbatim() {
    assert_eq!(SEED_REFERENCE.len(), 49);
    let spec = catalogue_spec();
    let m = metrics();
    touch_every_family(&m);
    let text = exposition(&m);
    for (name, _) in SEED_REFERENCE {
        let (_, metric) = spec
            .metrics()
            .find(|(_, m)| m.exported == name)
            .unwrap_or_else(|| panic!("{name} not in the spec"));
        let kind = metric.kind.as_str();
        assert!(
            text.contains(&format!("\n# TYPE {name} {kind}\n")),
            "no `# TYPE {name} {kind}` line"
        );
        // A histogram's samples are `<name>_bucket`, `_sum`, `_count`; the others' are `<name>`.
        let sample = if kind == "histogram" {
            format!("\n{name}_count")
        } else {
            format!("\n{name}")
        };
        assert!(
            text.contains(&format!("{sample} ")) || text.contains(&format!("{sample}{{")),
            "no sample line for {name}"
        );
    }
}

#[test]
fn register_with_a_taken_name_fails_and_registers_nothing() {
    let registry = Registry::new();
    // A family from the middle of the catalogue (group `mesh`), so earlier
    // groups are registered before the conflict is hit.
    // It has the catalogue's help text: a prometheus registry never forgets
    // a name's help and label names, even once unregistered, and the second
    // half of this test registers the catalogue's family under that name.
    let spec = catalogue_spec();
    let (_, nodes_active) = spec
        .metrics()
        .find(|(_, m)| m.name == "mesh_nodes_active")
        .expect("in the spec");
    let squatter = IntGauge::new(&nodes_active.exported, &nodes_active.help).expect("gauge");
    squatter.set(7);
    registry
        .register(Box::new(squatter.clone()))
        .expect("register the squatter");

    let error = Metrics::register(&registry).expect_err("the name is taken");
    assert_eq!(
        error.to_string(),
        "Error: metric x0tta6bl4_mesh_nodes_active is already registered on this registry",
        "the error names the taken name"
    );
    let families = registry.gather();
    let names: Vec<&str> = families.iter().map(|f| f.name()).collect();
    assert_eq!(names, ["x0tta6bl4_mesh_nodes_active"]);
    assert_eq!(families[0].get_metric()[0].get_gauge().get_value(), 7.0);

    // Free-form families export nothing until used, so gather() alone cannot
    // show them; registering again once the squatter is gone can: it would
    // fail on any family left behind.
    registry
        .unregister(Box::new(squatter))
        .expect("unregister the squatter");
    let metrics = Metrics::register(&registry).expect("nothing was left registered");
    metrics.mesh.mesh_nodes_active().set(3);
    assert_eq!(
        Snapshot::of(&metrics).gauge("x0tta6bl4_mesh_nodes_active", &[]),
        3.0
    );

    // A second catalogue on the same registry conflicts with the first, and
    // leaves it untouched.
    assert!(Metrics::register(&registry).is_err());
    assert!(x0tta_metrics::MeshMetrics::register(&registry).is_err());
    assert_eq!(
        Snapshot::of(&metrics).gauge("x0tta6bl4_mesh_nodes_active", &[]),
        3.0
    );
    assert_eq!(
        registry.gather().len(),
        Snapshot::of(&metrics).families().len()
    );
}

#[test]
fn two_metrics_new_are_independent() {
    let a = metrics();
    let b = metrics();
    a.mesh.mesh_nodes_active().set(5);
    a.mapek.mapek_cycles_total(CycleStatus::Success).inc();
    b.mapek.mapek_cycles_total(CycleStatus::Success).inc_by(2);
    let (sa, sb) = (Snapshot::of(&a), Snapshot::of(&b));
    assert_eq!(sa.gauge("x0tta6bl4_mesh_nodes_active", &[]), 5.0);
    assert_eq!(sb.gauge("x0tta6bl4_mesh_nodes_active", &[]), 0.0);
    assert_eq!(
        sa.counter("x0tta6bl4_mapek_cycles_total", &[("status", "success")]),
        1.0
    );
    assert_eq!(
        sb.counter("x0tta6bl4_mapek_cycles_total", &[("status", "success")]),
        2.0
    );
}

/// For every listed enum: `ALL` holds the spec's values in spec order,
/// `as_str`/`Display` give them back and `from_label` inverts `as_str`.
macro_rules! assert_enums_round_trip {
    ($spec:expr, $($enum:ident),+ $(,)?) => {{
        let mut checked = 0;
        $(
            let set = $spec.enums.iter().find(|e| e.rust_name == stringify!($enum)).expect(stringify!($enum));
            let values: Vec<&str> = x0tta_metrics::$enum::ALL.iter().map(|v| v.as_str()).collect();
            let declared: Vec<&str> = set.values.iter().map(|v| v.value.as_str()).collect();
            assert_eq!(values, declared, "{}", stringify!($enum));
            for value in x0tta_metrics::$enum::ALL {
                assert_eq!(x0tta_metrics::$enum::from_label(value.as_str()), Some(value));
                assert_eq!(value.to_string(), value.as_str());
            }
            assert_eq!(x0tta_metrics::$enum::from_label("not-a-value"), None);
            checked += 1;
        )+
        checked
    }};
}

#[test]
fn enums_round_trip() {
    let spec = catalogue_spec();
    let checked = assert_enums_round_trip!(
        spec,
        HttpMethod,
        HttpStatus,
        CycleStatus,
        OpResult,
        Direction,
        Severity,
        ActionType,
        ConnectionType,
        CrdtType,
        StorageOperation,
        GcGeneration,
        MapekCycleDurationSecondsPhase,
        MapekAnomaliesDetectedTotalAnomalyType,
        GraphsagePredictionsTotalPredictionType,
        RagRetrievalResultsTotalQueryType,
        RagRetrievalResultsTotalHit,
        RagGenerationTokensTotalTokenType,
        LedgerEntriesTotalEntryType,
        LedgerConsistencyFailuresTotalFailureType,
        CrdtSyncFailuresTotalReason,
        RaftElectionsTotalOutcome,
        RaftAppendEntriesRejectedTotalReason,
        MeshPacketsDroppedTotalReason,
        MtlsValidationFailuresTotalFailureType,
        FlRejectedUpdatesTotalReason,
        DaoProposalsTotalStatus,
        DaoVotesCastTotalChoice,
        ContractRevertsTotalReason,
        StorageCacheRequestsTotalResult,
        MemoryUsageBytesKind,
        SecurityThreatAlertsTotalThreatType,
        SecurityByzantineDetectionsTotalDetectionType,
        SecurityAuthFailuresTotalReason,
    );
    assert_eq!(
        checked,
        spec.enums.len(),
        "every enum of the spec is listed"
    );
    // Labels are case-sensitive: the HTTP method is `GET`, not `get`.
    assert_eq!(HttpMethod::from_label("get"), None);
    assert_eq!(HttpStatus::from_label("500"), Some(HttpStatus::V500));
}

#[test]
fn label_values_are_exported_as_spelled() {
    let m = metrics();
    m.http
        .requests_total(HttpMethod::Post, "/api/v1/nodes/{id}", HttpStatus::V500)
        .inc();
    m.infra
        .gc_collections_total(x0tta_metrics::GcGeneration::V0)
        .inc();
    let text = exposition(&m);
    assert!(
        text.contains("\nx0tta6bl4_requests_total{endpoint=\"/api/v1/nodes/{id}\",method=\"POST\",status=\"500\"} 1\n"),
        "{text}"
    );
    assert!(text.contains("\nx0tta6bl4_gc_collections_total{generation=\"0\"} 1\n"));
    assert!(text.contains(
        "\nx0tta6bl4_rag_retrieval_results_total{hit=\"true\",query_type=\"general\"} 0\n"
    ));
}

/// One label matcher of a PromQL selector: `label="value"` or `label=~"regex"`.
enum Matcher {
    Equal(&'static str, &'static str),
    /// Prometheus anchors regex matchers at both ends.
    Regex(&'static str, Regex),
}

impl Matcher {
    fn regex(label: &'static str, pattern: &str) -> Self {
        Matcher::Regex(
            label,
            Regex::new(&format!("^(?:{pattern})$")).expect("valid regex"),
        )
    }

    fn matches(&self, sample: &Sample) -> bool {
        // A missing label matches as the empty string, as in Prometheus.
        match self {
            Matcher::Equal(label, value) => sample.label(label).unwrap_or("") == *value,
            Matcher::Regex(label, regex) => regex.is_match(sample.label(label).unwrap_or("")),
        }
    }
}

/// The exposition's samples of `name` that `matcher` selects.
fn select<'a>(families: &'a [text::TextFamily], name: &str, matcher: &Matcher) -> Vec<&'a Sample> {
    families
        .iter()
        .flat_map(|f| &f.samples)
        .filter(|s| s.name == name && matcher.matches(s))
        .collect()
}

#[test]
fn seed_promql_matchers_select_the_api_series() {
    let m = metrics();
    m.mapek.mapek_cycles_total(CycleStatus::Success).inc_by(3);
    m.mapek.mapek_cycles_total(CycleStatus::Failed).inc();
    for status in [
        HttpStatus::V200,
        HttpStatus::V404,
        HttpStatus::V500,
        HttpStatus::V503,
    ] {
        m.http
            .requests_total(HttpMethod::Get, "/api/v1/status", status)
            .inc();
    }
    let families = text::parse(&exposition(&m));

    // rate(x0tta6bl4_mapek_cycles_total{status="success"}[5m])
    let success = select(
        &families,
        "x0tta6bl4_mapek_cycles_total",
        &Matcher::Equal("status", "success"),
    );
    assert_eq!(success.len(), 1);
    assert_eq!(success[0].value, "3");

    // rate(x0tta6bl4_requests_total{status=~"5.."}[5m])
    let errors = select(
        &families,
        "x0tta6bl4_requests_total",
        &Matcher::regex("status", "5.."),
    );
    let statuses: Vec<&str> = errors.iter().filter_map(|s| s.label("status")).collect();
    assert_eq!(statuses, ["500", "503"]);
    // Every 5xx the API can produce is selected, and nothing else.
    let five_xx = Regex::new("^(?:5..)$").expect("valid regex");
    let selected: Vec<&str> = HttpStatus::ALL
        .iter()
        .map(|s| s.as_str())
        .filter(|s| five_xx.is_match(s))
        .collect();
    assert_eq!(selected, ["500", "502", "503", "504"]);

    // histogram_quantile(0.95, rate(x0tta6bl4_mapek_cycle_duration_seconds_bucket[5m]))
    let any = Matcher::regex("le", ".+");
    assert!(!select(
        &families,
        "x0tta6bl4_mapek_cycle_duration_seconds_bucket",
        &any
    )
    .is_empty());
    // 1 - x0tta6bl4_mesh_packet_loss_ratio, and x0tta6bl4_graphsage_model_accuracy
    let all = Matcher::regex("__unused", ".*");
    assert_eq!(
        select(&families, "x0tta6bl4_mesh_packet_loss_ratio", &all).len(),
        1
    );
    assert_eq!(
        select(&families, "x0tta6bl4_graphsage_model_accuracy", &all).len(),
        1
    );
}
