//! The "Metrics Reference" section of the seed report (the Python system's
//! metrics), copied name for name: dashboards and alerts query these
//! exported names and label names, so the catalogue must keep every one.

/// `(exported name, label names)` of every metric of the seed's reference, in its order.
pub const SEED_REFERENCE: [(&str, &[&str]); 49] = [
    // HTTP Request Metrics
    (
        "x0tta6bl4_requests_total",
        &["method", "endpoint", "status"],
    ),
    (
        "x0tta6bl4_request_duration_seconds",
        &["method", "endpoint"],
    ),
    // MAPE-K Cycle Metrics
    ("x0tta6bl4_mapek_cycle_duration_seconds", &["phase"]),
    ("x0tta6bl4_mapek_cycles_total", &["status"]),
    (
        "x0tta6bl4_mapek_anomalies_detected_total",
        &["anomaly_type", "severity"],
    ),
    (
        "x0tta6bl4_mapek_recovery_actions_total",
        &["action_type", "status"],
    ),
    ("x0tta6bl4_mapek_knowledge_base_size_entries", &[]),
    ("x0tta6bl4_mapek_metrics_cache_size_bytes", &[]),
    // ML Metrics
    ("x0tta6bl4_graphsage_inference_duration_seconds", &[]),
    (
        "x0tta6bl4_graphsage_predictions_total",
        &["prediction_type"],
    ),
    ("x0tta6bl4_graphsage_anomaly_score", &["node_id"]),
    ("x0tta6bl4_graphsage_model_accuracy", &[]),
    ("x0tta6bl4_graphsage_training_duration_seconds", &[]),
    ("x0tta6bl4_graphsage_training_loss", &[]),
    ("x0tta6bl4_rag_retrieval_duration_seconds", &[]),
    (
        "x0tta6bl4_rag_retrieval_results_total",
        &["query_type", "hit"],
    ),
    ("x0tta6bl4_rag_vector_similarity", &[]),
    ("x0tta6bl4_rag_index_size_vectors", &[]),
    ("x0tta6bl4_rag_generation_duration_seconds", &[]),
    // Mesh Network Metrics
    ("x0tta6bl4_mesh_nodes_active", &[]),
    ("x0tta6bl4_mesh_connections_total", &["connection_type"]),
    ("x0tta6bl4_mesh_packet_loss_ratio", &[]),
    ("x0tta6bl4_mesh_hop_count", &[]),
    ("x0tta6bl4_mesh_bandwidth_bytes_total", &["direction"]),
    ("x0tta6bl4_mesh_latency_seconds", &[]),
    // mTLS & SPIFFE Metrics
    ("x0tta6bl4_mtls_certificate_rotations_total", &[]),
    ("x0tta6bl4_mtls_certificate_expiry_seconds", &[]),
    ("x0tta6bl4_mtls_certificate_age_seconds", &[]),
    (
        "x0tta6bl4_mtls_validation_failures_total",
        &["failure_type"],
    ),
    ("x0tta6bl4_spiffe_svid_issuance_total", &[]),
    ("x0tta6bl4_spiffe_svid_renewal_total", &[]),
    ("x0tta6bl4_spire_server_latency_seconds", &[]),
    // Consensus (Raft) Metrics
    ("x0tta6bl4_raft_leader_changes_total", &[]),
    ("x0tta6bl4_raft_log_replication_duration_seconds", &[]),
    ("x0tta6bl4_raft_followers_count", &[]),
    ("x0tta6bl4_raft_term", &[]),
    // Ledger Metrics
    ("x0tta6bl4_ledger_entries_total", &["entry_type"]),
    ("x0tta6bl4_ledger_chain_length", &[]),
    ("x0tta6bl4_ledger_sync_duration_seconds", &[]),
    (
        "x0tta6bl4_ledger_consistency_failures_total",
        &["failure_type"],
    ),
    // Federated Learning Metrics
    ("x0tta6bl4_fl_round_duration_seconds", &[]),
    ("x0tta6bl4_fl_global_model_loss", &[]),
    ("x0tta6bl4_fl_local_updates_total", &["node_id"]),
    ("x0tta6bl4_fl_communication_bytes_total", &["direction"]),
    ("x0tta6bl4_fl_participant_count", &[]),
    // DAO Governance Metrics
    ("x0tta6bl4_dao_proposals_total", &["status"]),
    ("x0tta6bl4_dao_voting_power_total", &[]),
    ("x0tta6bl4_dao_treasury_balance", &[]),
    ("x0tta6bl4_dao_vote_participation_ratio", &[]),
];
