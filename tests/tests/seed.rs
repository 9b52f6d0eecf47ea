//! The tests of the seed report's "Comprehensive Test Suite"
//! (`tests/integration/test_prometheus_metrics.py` of the Python system),
//! ported to the generated API: one module per section, one test per line
//! of the report, each named like it. Every test drives the typed accessors
//! and reads the value back from `registry().gather()` or the text exposition.
//!
//! The report says "27 tests" but its list has 31 lines (10 + 6 + 4 + 4 + 2
//! + 2 + 3); all 31 are here.

mod support;

use support::{assert_close, bucket, exposition, metrics, Snapshot};
use x0tta_metrics::prometheus::proto::MetricType::{COUNTER, GAUGE, HISTOGRAM};

/// Registry initialization (10 tests): the families exist under the seed's
/// exported names, with its types and label names.
mod registry_initialization {
    use super::*;
    use support::seed_reference::SEED_REFERENCE;
    use support::text;
    use support::touch::touch_every_family;
    use x0tta_metrics::{
        HttpMethod, HttpStatus, SecurityByzantineDetectionsTotalDetectionType as Detection,
        SecurityThreatAlertsTotalThreatType as Threat, Severity,
    };

    #[test]
    fn http_metrics_exist() {
        let m = metrics();
        m.http
            .requests_total(HttpMethod::Get, "/api/v1/status", HttpStatus::V200)
            .inc();
        m.http
            .request_duration_seconds(HttpMethod::Get, "/api/v1/status")
            .observe(0.003);
        let s = Snapshot::of(&m);
        s.assert_family(
            "x0tta6bl4_requests_total",
            COUNTER,
            &["method", "endpoint", "status"],
        );
        s.assert_family(
            "x0tta6bl4_request_duration_seconds",
            HISTOGRAM,
            &["method", "endpoint"],
        );
        s.assert_family("x0tta6bl4_http_requests_in_flight", GAUGE, &[]);
    }

    #[test]
    fn mapek_metrics_exist() {
        let s = Snapshot::of(&metrics());
        s.assert_family(
            "x0tta6bl4_mapek_cycle_duration_seconds",
            HISTOGRAM,
            &["phase"],
        );
        s.assert_family("x0tta6bl4_mapek_cycles_total", COUNTER, &["status"]);
        s.assert_family(
            "x0tta6bl4_mapek_anomalies_detected_total",
            COUNTER,
            &["anomaly_type", "severity"],
        );
        s.assert_family(
            "x0tta6bl4_mapek_recovery_actions_total",
            COUNTER,
            &["action_type", "status"],
        );
        s.assert_family("x0tta6bl4_mapek_knowledge_base_size_entries", GAUGE, &[]);
        s.assert_family("x0tta6bl4_mapek_metrics_cache_size_bytes", GAUGE, &[]);
        // Closed label sets exist up front: one series per phase, per status.
        assert_eq!(s.series_count("x0tta6bl4_mapek_cycle_duration_seconds"), 5);
        assert_eq!(s.series_count("x0tta6bl4_mapek_cycles_total"), 3);
    }

    #[test]
    fn ml_metrics_exist() {
        let m = metrics();
        m.graphsage.graphsage_anomaly_score("node-1").set(0.2);
        let s = Snapshot::of(&m);
        s.assert_family(
            "x0tta6bl4_graphsage_inference_duration_seconds",
            HISTOGRAM,
            &[],
        );
        s.assert_family(
            "x0tta6bl4_graphsage_predictions_total",
            COUNTER,
            &["prediction_type"],
        );
        s.assert_family("x0tta6bl4_graphsage_anomaly_score", GAUGE, &["node_id"]);
        s.assert_family("x0tta6bl4_graphsage_model_accuracy", GAUGE, &[]);
        s.assert_family(
            "x0tta6bl4_graphsage_training_duration_seconds",
            HISTOGRAM,
            &[],
        );
        s.assert_family("x0tta6bl4_graphsage_training_loss", GAUGE, &[]);
        s.assert_family("x0tta6bl4_rag_retrieval_duration_seconds", HISTOGRAM, &[]);
        s.assert_family(
            "x0tta6bl4_rag_retrieval_results_total",
            COUNTER,
            &["query_type", "hit"],
        );
        s.assert_family("x0tta6bl4_rag_vector_similarity", HISTOGRAM, &[]);
        s.assert_family("x0tta6bl4_rag_index_size_vectors", GAUGE, &[]);
        s.assert_family("x0tta6bl4_rag_generation_duration_seconds", HISTOGRAM, &[]);
    }

    #[test]
    fn mesh_metrics_exist() {
        let s = Snapshot::of(&metrics());
        s.assert_family("x0tta6bl4_mesh_nodes_active", GAUGE, &[]);
        s.assert_family(
            "x0tta6bl4_mesh_connections_total",
            COUNTER,
            &["connection_type"],
        );
        s.assert_family("x0tta6bl4_mesh_packet_loss_ratio", GAUGE, &[]);
        s.assert_family("x0tta6bl4_mesh_hop_count", HISTOGRAM, &[]);
        s.assert_family(
            "x0tta6bl4_mesh_bandwidth_bytes_total",
            COUNTER,
            &["direction"],
        );
        s.assert_family("x0tta6bl4_mesh_latency_seconds", HISTOGRAM, &[]);
    }

    #[test]
    fn security_metrics_exist() {
        let m = metrics();
        m.security.security_node_trust_score("node-1").set(0.9);
        let s = Snapshot::of(&m);
        // The seed's "Security/Threats" row …
        s.assert_family(
            "x0tta6bl4_security_threat_alerts_total",
            COUNTER,
            &["threat_type", "severity"],
        );
        s.assert_family("x0tta6bl4_security_suspect_nodes", GAUGE, &[]);
        s.assert_family(
            "x0tta6bl4_security_byzantine_detections_total",
            COUNTER,
            &["detection_type"],
        );
        s.assert_family("x0tta6bl4_security_node_trust_score", GAUGE, &["node_id"]);
        assert_eq!(
            s.series_count("x0tta6bl4_security_threat_alerts_total"),
            Threat::ALL.len() * Severity::ALL.len()
        );
        assert_eq!(
            s.series_count("x0tta6bl4_security_byzantine_detections_total"),
            Detection::ALL.len()
        );
        // … and its "mTLS & SPIFFE" reference.
        s.assert_family("x0tta6bl4_mtls_certificate_rotations_total", COUNTER, &[]);
        s.assert_family("x0tta6bl4_mtls_certificate_expiry_seconds", GAUGE, &[]);
        s.assert_family("x0tta6bl4_mtls_certificate_age_seconds", GAUGE, &[]);
        s.assert_family(
            "x0tta6bl4_mtls_validation_failures_total",
            COUNTER,
            &["failure_type"],
        );
        s.assert_family("x0tta6bl4_spiffe_svid_issuance_total", COUNTER, &[]);
        s.assert_family("x0tta6bl4_spiffe_svid_renewal_total", COUNTER, &[]);
        s.assert_family("x0tta6bl4_spire_server_latency_seconds", HISTOGRAM, &[]);
    }

    #[test]
    fn ledger_metrics_exist() {
        let s = Snapshot::of(&metrics());
        s.assert_family("x0tta6bl4_ledger_entries_total", COUNTER, &["entry_type"]);
        s.assert_family("x0tta6bl4_ledger_chain_length", GAUGE, &[]);
        s.assert_family("x0tta6bl4_ledger_sync_duration_seconds", HISTOGRAM, &[]);
        s.assert_family(
            "x0tta6bl4_ledger_consistency_failures_total",
            COUNTER,
            &["failure_type"],
        );
    }

    #[test]
    fn fl_metrics_exist() {
        let m = metrics();
        m.fl.fl_local_updates_total("node-1").inc();
        let s = Snapshot::of(&m);
        s.assert_family("x0tta6bl4_fl_round_duration_seconds", HISTOGRAM, &[]);
        s.assert_family("x0tta6bl4_fl_global_model_loss", GAUGE, &[]);
        s.assert_family("x0tta6bl4_fl_local_updates_total", COUNTER, &["node_id"]);
        s.assert_family(
            "x0tta6bl4_fl_communication_bytes_total",
            COUNTER,
            &["direction"],
        );
        s.assert_family("x0tta6bl4_fl_participant_count", GAUGE, &[]);
    }

    #[test]
    fn dao_metrics_exist() {
        let s = Snapshot::of(&metrics());
        s.assert_family("x0tta6bl4_dao_proposals_total", COUNTER, &["status"]);
        s.assert_family("x0tta6bl4_dao_voting_power_total", GAUGE, &[]);
        s.assert_family("x0tta6bl4_dao_treasury_balance", GAUGE, &[]);
        s.assert_family("x0tta6bl4_dao_vote_participation_ratio", GAUGE, &[]);
    }

    #[test]
    fn total_metrics_count_over_100() {
        let m = metrics();
        let spec = support::catalogue_spec();
        // Families whose labels are all closed (or absent) export from the start …
        let closed = spec
            .metrics()
            .filter(|(_, metric)| metric.is_closed())
            .count();
        // (plus the counter of updates past a series budget, exported from the start)
        assert_eq!(Snapshot::of(&m).families().len(), closed + 1);
        // … the free-form ones once a series is used.
        touch_every_family(&m);
        let total = Snapshot::of(&m).families().len();
        assert!(total > 100, "only {total} families");
        assert_eq!(total, spec.metrics().count() + 1);
    }

    #[test]
    fn backward_compatibility() {
        let m = metrics();
        touch_every_family(&m);
        let families = text::parse(&exposition(&m));
        for (name, labels) in SEED_REFERENCE {
            let family = text::family(&families, name);
            let mut expected = labels.to_vec();
            expected.sort_unstable();
            assert_eq!(family.label_names(), expected, "label names of {name}");
            assert!(!family.samples.is_empty(), "{name} has no samples");
        }
    }
}

/// MAPE-K Collector tests (6 tests).
mod mapek_collector {
    use super::*;
    use x0tta_metrics::{
        ActionType, CycleStatus, MapekAnomaliesDetectedTotalAnomalyType as Anomaly,
        MapekCycleDurationSecondsPhase as Phase, Severity,
    };

    const CYCLE_DURATION: &str = "x0tta6bl4_mapek_cycle_duration_seconds";

    #[test]
    fn phase_tracking() {
        let m = metrics();
        // start_phase … end_phase, as the seed's collector does it.
        for phase in [Phase::Monitor, Phase::Analyze, Phase::Plan, Phase::Execute] {
            let timer = m.mapek.mapek_cycle_duration_seconds(phase).start_timer();
            let seconds = timer.stop_and_record();
            assert!(seconds >= 0.0);
        }
        m.mapek
            .mapek_cycle_duration_seconds(Phase::Analyze)
            .observe(0.012);
        let s = Snapshot::of(&m);
        for phase in ["monitor", "plan", "execute"] {
            assert_eq!(
                s.histogram(CYCLE_DURATION, &[("phase", phase)])
                    .get_sample_count(),
                1,
                "{phase}"
            );
        }
        let analyze = s.histogram(CYCLE_DURATION, &[("phase", "analyze")]);
        assert_eq!(analyze.get_sample_count(), 2);
        assert!(analyze.get_sample_sum() >= 0.012);
        assert_eq!(
            s.histogram(CYCLE_DURATION, &[("phase", "total")])
                .get_sample_count(),
            0
        );
    }

    #[test]
    fn cycle_completion() {
        let m = metrics();
        m.mapek
            .mapek_cycle_duration_seconds(Phase::Total)
            .observe(0.3);
        m.mapek.mapek_cycles_total(CycleStatus::Success).inc();
        m.mapek.mapek_cycles_total(CycleStatus::Success).inc();
        m.mapek.mapek_cycles_total(CycleStatus::Partial).inc();
        m.mapek
            .mapek_last_cycle_timestamp_seconds()
            .set(1_768_300_000.0);
        let s = Snapshot::of(&m);
        assert_eq!(
            s.counter("x0tta6bl4_mapek_cycles_total", &[("status", "success")]),
            2.0
        );
        assert_eq!(
            s.counter("x0tta6bl4_mapek_cycles_total", &[("status", "partial")]),
            1.0
        );
        assert_eq!(
            s.counter("x0tta6bl4_mapek_cycles_total", &[("status", "failed")]),
            0.0
        );
        let total = s.histogram(CYCLE_DURATION, &[("phase", "total")]);
        assert_eq!((total.get_sample_count(), total.get_sample_sum()), (1, 0.3));
        assert_eq!(bucket(total, 0.25), 0);
        assert_eq!(bucket(total, 0.5), 1);
        assert_eq!(
            s.gauge("x0tta6bl4_mapek_last_cycle_timestamp_seconds", &[]),
            1_768_300_000.0
        );
    }

    #[test]
    fn anomaly_recording() {
        let m = metrics();
        m.mapek
            .mapek_anomalies_detected_total(Anomaly::CpuUsage, Severity::High)
            .inc();
        m.mapek
            .mapek_anomalies_detected_total(Anomaly::PacketLoss, Severity::Critical)
            .inc_by(2);
        let s = Snapshot::of(&m);
        let name = "x0tta6bl4_mapek_anomalies_detected_total";
        assert_eq!(
            s.counter(name, &[("anomaly_type", "cpu_usage"), ("severity", "high")]),
            1.0
        );
        assert_eq!(
            s.counter(
                name,
                &[("anomaly_type", "packet_loss"), ("severity", "critical")]
            ),
            2.0
        );
        assert_eq!(
            s.counter(
                name,
                &[("anomaly_type", "cpu_usage"), ("severity", "critical")]
            ),
            0.0
        );
    }

    #[test]
    fn recovery_actions() {
        let m = metrics();
        m.mapek
            .mapek_recovery_actions_total(ActionType::ScaleUp, CycleStatus::Success)
            .inc();
        m.mapek
            .mapek_recovery_actions_total(ActionType::RestartService, CycleStatus::Failed)
            .inc_by(3);
        m.mapek
            .mapek_recovery_action_duration_seconds(ActionType::RestartService)
            .observe(4.0);
        let s = Snapshot::of(&m);
        let name = "x0tta6bl4_mapek_recovery_actions_total";
        assert_eq!(
            s.counter(name, &[("action_type", "scale_up"), ("status", "success")]),
            1.0
        );
        assert_eq!(
            s.counter(
                name,
                &[("action_type", "restart_service"), ("status", "failed")]
            ),
            3.0
        );
        assert_eq!(
            s.counter(name, &[("action_type", "scale_up"), ("status", "failed")]),
            0.0
        );
        let duration = s.histogram(
            "x0tta6bl4_mapek_recovery_action_duration_seconds",
            &[("action_type", "restart_service")],
        );
        assert_eq!(
            (duration.get_sample_count(), duration.get_sample_sum()),
            (1, 4.0)
        );
    }

    #[test]
    fn knowledge_base_sizing() {
        let m = metrics();
        let entries = m.mapek.mapek_knowledge_base_size_entries();
        entries.set(1500);
        entries.inc();
        entries.sub(11);
        assert_eq!(
            Snapshot::of(&m).gauge("x0tta6bl4_mapek_knowledge_base_size_entries", &[]),
            1490.0
        );
        assert!(exposition(&m).contains("\nx0tta6bl4_mapek_knowledge_base_size_entries 1490\n"));
    }

    #[test]
    fn cache_sizing() {
        let m = metrics();
        m.mapek
            .mapek_metrics_cache_size_bytes()
            .set(4 * 1024 * 1024);
        assert_eq!(
            Snapshot::of(&m).gauge("x0tta6bl4_mapek_metrics_cache_size_bytes", &[]),
            4194304.0
        );
        assert!(exposition(&m).contains("\nx0tta6bl4_mapek_metrics_cache_size_bytes 4194304\n"));
    }
}

/// ML Collector tests (4 tests).
mod ml_collector {
    use super::*;
    use x0tta_metrics::{
        GraphsagePredictionsTotalPredictionType as Prediction, RagRetrievalResultsTotalHit as Hit,
        RagRetrievalResultsTotalQueryType as Query,
    };

    #[test]
    fn graphsage_inference_recording() {
        let m = metrics();
        m.graphsage
            .graphsage_inference_duration_seconds()
            .observe(0.0042);
        m.graphsage
            .graphsage_predictions_total(Prediction::Anomaly)
            .inc();
        m.graphsage.graphsage_model_accuracy().set(0.95);
        let s = Snapshot::of(&m);
        let inference = s.histogram("x0tta6bl4_graphsage_inference_duration_seconds", &[]);
        assert_eq!(
            (inference.get_sample_count(), inference.get_sample_sum()),
            (1, 0.0042)
        );
        // fast_seconds: 50 µs doubling; 0.0042 falls in (0.0032, 0.0064].
        assert_eq!(bucket(inference, 0.0032), 0);
        assert_eq!(bucket(inference, 0.0064), 1);
        let predictions = "x0tta6bl4_graphsage_predictions_total";
        assert_eq!(
            s.counter(predictions, &[("prediction_type", "anomaly")]),
            1.0
        );
        assert_eq!(
            s.counter(predictions, &[("prediction_type", "normal")]),
            0.0
        );
        assert_eq!(s.gauge("x0tta6bl4_graphsage_model_accuracy", &[]), 0.95);
    }

    #[test]
    fn anomaly_score_updates() {
        let m = metrics();
        m.graphsage.graphsage_anomaly_score("node-7").set(0.87);
        m.graphsage.graphsage_anomaly_score("node-8").set(0.1);
        m.graphsage.graphsage_anomaly_score("node-7").set(0.91);
        let s = Snapshot::of(&m);
        let name = "x0tta6bl4_graphsage_anomaly_score";
        assert_eq!(s.series_count(name), 2);
        assert_eq!(s.gauge(name, &[("node_id", "node-7")]), 0.91);
        assert_eq!(s.gauge(name, &[("node_id", "node-8")]), 0.1);
    }

    #[test]
    fn rag_retrieval_recording() {
        let m = metrics();
        m.rag.rag_retrieval_duration_seconds().observe(0.03);
        m.rag
            .rag_retrieval_results_total(Query::NetworkHealth, Hit::True)
            .inc();
        m.rag
            .rag_retrieval_results_total(Query::Troubleshooting, Hit::False)
            .inc();
        m.rag.rag_vector_similarity().observe(0.82);
        let s = Snapshot::of(&m);
        let retrieval = s.histogram("x0tta6bl4_rag_retrieval_duration_seconds", &[]);
        assert_eq!(
            (retrieval.get_sample_count(), retrieval.get_sample_sum()),
            (1, 0.03)
        );
        let results = "x0tta6bl4_rag_retrieval_results_total";
        assert_eq!(
            s.counter(
                results,
                &[("query_type", "network_health"), ("hit", "true")]
            ),
            1.0
        );
        assert_eq!(
            s.counter(
                results,
                &[("query_type", "troubleshooting"), ("hit", "false")]
            ),
            1.0
        );
        assert_eq!(
            s.counter(
                results,
                &[("query_type", "network_health"), ("hit", "false")]
            ),
            0.0
        );
        let similarity = s.histogram("x0tta6bl4_rag_vector_similarity", &[]);
        assert_eq!(similarity.get_sample_count(), 1);
        // ratio buckets: 0.1 steps built by repeated addition.
        let upper_bounds: Vec<f64> = similarity
            .get_bucket()
            .iter()
            .map(|b| b.upper_bound())
            .collect();
        let first_holding = similarity
            .get_bucket()
            .iter()
            .position(|b| b.cumulative_count() == 1);
        assert!(upper_bounds[first_holding.expect("a bucket holds 0.82")] >= 0.82);
        assert!(upper_bounds[first_holding.unwrap() - 1] < 0.82);
    }

    #[test]
    fn index_size_updates() {
        let m = metrics();
        m.rag.rag_index_size_vectors().set(10_000);
        m.rag.rag_index_size_vectors().add(250);
        m.rag.rag_documents_indexed_total().inc_by(250);
        let s = Snapshot::of(&m);
        assert_eq!(s.gauge("x0tta6bl4_rag_index_size_vectors", &[]), 10_250.0);
        assert_eq!(
            s.counter("x0tta6bl4_rag_documents_indexed_total", &[]),
            250.0
        );
    }
}

/// Mesh Collector tests (4 tests).
mod mesh_collector {
    use super::*;
    use x0tta_metrics::{ConnectionType, Direction};

    #[test]
    fn active_nodes_tracking() {
        let m = metrics();
        m.mesh.mesh_nodes_active().set(10);
        m.mesh.mesh_nodes_active().dec();
        assert_eq!(
            Snapshot::of(&m).gauge("x0tta6bl4_mesh_nodes_active", &[]),
            9.0
        );
        assert!(exposition(&m).contains("\nx0tta6bl4_mesh_nodes_active 9\n"));
    }

    #[test]
    fn connection_recording() {
        let m = metrics();
        m.mesh.mesh_connections_total(ConnectionType::Direct).inc();
        m.mesh.mesh_connections_total(ConnectionType::Direct).inc();
        m.mesh.mesh_connections_total(ConnectionType::Relayed).inc();
        let s = Snapshot::of(&m);
        let name = "x0tta6bl4_mesh_connections_total";
        assert_eq!(s.counter(name, &[("connection_type", "direct")]), 2.0);
        assert_eq!(s.counter(name, &[("connection_type", "relayed")]), 1.0);
        assert_eq!(s.counter(name, &[("connection_type", "multi_hop")]), 0.0);
    }

    #[test]
    fn bandwidth_recording() {
        let m = metrics();
        m.mesh
            .mesh_bandwidth_bytes_total(Direction::Outbound)
            .inc_by(1500);
        m.mesh
            .mesh_bandwidth_bytes_total(Direction::Outbound)
            .inc_by(500);
        m.mesh
            .mesh_bandwidth_bytes_total(Direction::Inbound)
            .inc_by(600);
        let s = Snapshot::of(&m);
        let name = "x0tta6bl4_mesh_bandwidth_bytes_total";
        assert_eq!(s.counter(name, &[("direction", "outbound")]), 2000.0);
        assert_eq!(s.counter(name, &[("direction", "inbound")]), 600.0);
    }

    #[test]
    fn latency_tracking() {
        let m = metrics();
        m.mesh.mesh_latency_seconds().observe(0.02);
        m.mesh.mesh_latency_seconds().observe(0.2);
        let s = Snapshot::of(&m);
        let latency = s.histogram("x0tta6bl4_mesh_latency_seconds", &[]);
        assert_eq!(latency.get_sample_count(), 2);
        assert_close(latency.get_sample_sum(), 0.22);
        assert_eq!(bucket(latency, 0.01), 0);
        assert_eq!(bucket(latency, 0.025), 1);
        assert_eq!(bucket(latency, 0.25), 2);
        assert!(exposition(&m).contains("x0tta6bl4_mesh_latency_seconds_bucket{le=\"+Inf\"} 2\n"));
    }
}

/// Security Collector tests (2 tests).
mod security_collector {
    use super::*;
    use x0tta_metrics::{
        SecurityByzantineDetectionsTotalDetectionType as Detection,
        SecurityThreatAlertsTotalThreatType as Threat, Severity,
    };

    #[test]
    fn threat_alert_recording() {
        let m = metrics();
        m.security
            .security_threat_alerts_total(Threat::Ddos, Severity::Critical)
            .inc();
        m.security
            .security_threat_alerts_total(Threat::Sybil, Severity::Medium)
            .inc();
        let s = Snapshot::of(&m);
        let name = "x0tta6bl4_security_threat_alerts_total";
        assert_eq!(
            s.counter(name, &[("threat_type", "ddos"), ("severity", "critical")]),
            1.0
        );
        assert_eq!(
            s.counter(name, &[("threat_type", "sybil"), ("severity", "medium")]),
            1.0
        );
        assert_eq!(
            s.counter(name, &[("threat_type", "ddos"), ("severity", "low")]),
            0.0
        );
    }

    #[test]
    fn byzantine_detection() {
        let m = metrics();
        m.security
            .security_byzantine_detections_total(Detection::Equivocation)
            .inc();
        m.security.security_suspect_nodes().set(1);
        m.security.security_node_trust_score("node-13").set(0.05);
        let s = Snapshot::of(&m);
        let name = "x0tta6bl4_security_byzantine_detections_total";
        assert_eq!(s.counter(name, &[("detection_type", "equivocation")]), 1.0);
        assert_eq!(
            s.counter(name, &[("detection_type", "poisoned_update")]),
            0.0
        );
        assert_eq!(s.gauge("x0tta6bl4_security_suspect_nodes", &[]), 1.0);
        assert_eq!(
            s.gauge(
                "x0tta6bl4_security_node_trust_score",
                &[("node_id", "node-13")]
            ),
            0.05
        );
    }
}

/// FL Collector tests (2 tests).
mod fl_collector {
    use super::*;
    use x0tta_metrics::{CycleStatus, Direction};

    #[test]
    fn fl_round_recording() {
        let m = metrics();
        m.fl.fl_round_duration_seconds().observe(42.0);
        m.fl.fl_global_model_loss().set(0.31);
        m.fl.fl_participant_count().set(8);
        m.fl.fl_rounds_total(CycleStatus::Success).inc();
        let s = Snapshot::of(&m);
        let round = s.histogram("x0tta6bl4_fl_round_duration_seconds", &[]);
        assert_eq!(
            (round.get_sample_count(), round.get_sample_sum()),
            (1, 42.0)
        );
        assert_eq!(bucket(round, 30.0), 0);
        assert_eq!(bucket(round, 60.0), 1);
        assert_eq!(s.gauge("x0tta6bl4_fl_global_model_loss", &[]), 0.31);
        assert_eq!(s.gauge("x0tta6bl4_fl_participant_count", &[]), 8.0);
        assert_eq!(
            s.counter("x0tta6bl4_fl_rounds_total", &[("status", "success")]),
            1.0
        );
    }

    #[test]
    fn local_update_tracking() {
        let m = metrics();
        m.fl.fl_local_updates_total("node-1").inc();
        m.fl.fl_local_updates_total("node-2").inc_by(2);
        m.fl.fl_communication_bytes_total(Direction::Inbound)
            .inc_by(3 * 1_048_576);
        let s = Snapshot::of(&m);
        let name = "x0tta6bl4_fl_local_updates_total";
        assert_eq!(s.series_count(name), 2);
        assert_eq!(s.counter(name, &[("node_id", "node-1")]), 1.0);
        assert_eq!(s.counter(name, &[("node_id", "node-2")]), 2.0);
        assert_eq!(
            s.counter(
                "x0tta6bl4_fl_communication_bytes_total",
                &[("direction", "inbound")]
            ),
            3_145_728.0
        );
    }
}

/// DAO Collector tests (3 tests).
mod dao_collector {
    use super::*;
    use x0tta_metrics::DaoProposalsTotalStatus as Proposal;

    #[test]
    fn proposal_tracking() {
        let m = metrics();
        m.dao.dao_proposals_total(Proposal::Created).inc_by(3);
        m.dao.dao_proposals_total(Proposal::Passed).inc();
        m.dao.dao_proposals_active().set(2);
        let s = Snapshot::of(&m);
        assert_eq!(
            s.counter("x0tta6bl4_dao_proposals_total", &[("status", "created")]),
            3.0
        );
        assert_eq!(
            s.counter("x0tta6bl4_dao_proposals_total", &[("status", "passed")]),
            1.0
        );
        assert_eq!(
            s.counter("x0tta6bl4_dao_proposals_total", &[("status", "rejected")]),
            0.0
        );
        assert_eq!(s.gauge("x0tta6bl4_dao_proposals_active", &[]), 2.0);
    }

    #[test]
    fn voting_power_updates() {
        let m = metrics();
        m.dao.dao_voting_power_total().set(1_000_000.0);
        m.dao.dao_voting_power_total().add(2_500.0);
        m.dao.dao_vote_participation_ratio().set(0.42);
        let s = Snapshot::of(&m);
        assert_eq!(
            s.gauge("x0tta6bl4_dao_voting_power_total", &[]),
            1_002_500.0
        );
        assert_eq!(s.gauge("x0tta6bl4_dao_vote_participation_ratio", &[]), 0.42);
    }

    #[test]
    fn treasury_balance() {
        let m = metrics();
        m.dao.dao_treasury_balance().set(5000.5);
        m.dao.dao_treasury_balance().sub(500.0);
        assert_eq!(
            Snapshot::of(&m).gauge("x0tta6bl4_dao_treasury_balance", &[]),
            4500.5
        );
        assert!(exposition(&m).contains("\nx0tta6bl4_dao_treasury_balance 4500.5\n"));
    }
}
