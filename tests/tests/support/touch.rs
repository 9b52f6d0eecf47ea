//! One call to every accessor of the catalogue.

use x0tta_metrics::{
    ActionType, BuildInfoLabels, ConnectionType, ContractCallsTotalLabels,
    ContractRevertsTotalReason, CrdtSyncFailuresTotalReason, CrdtType, CycleStatus,
    DaoProposalsTotalStatus, DaoVotesCastTotalChoice, Direction, FlRejectedUpdatesTotalReason,
    GcGeneration, GraphsagePredictionsTotalPredictionType, HttpMethod, HttpStatus,
    LedgerConsistencyFailuresTotalFailureType, LedgerEntriesTotalEntryType,
    MapekAnomaliesDetectedTotalAnomalyType, MapekCycleDurationSecondsPhase, MemoryUsageBytesKind,
    MeshPacketsDroppedTotalReason, Metrics, MtlsValidationFailuresTotalFailureType, OpResult,
    RaftAppendEntriesRejectedTotalReason, RaftElectionsTotalOutcome,
    RagGenerationTokensTotalTokenType, RagRetrievalResultsTotalHit,
    RagRetrievalResultsTotalQueryType, SecurityAuthFailuresTotalReason,
    SecurityByzantineDetectionsTotalDetectionType, SecurityThreatAlertsTotalThreatType, Severity,
    StorageCacheRequestsTotalResult, StorageOperation,
};

/// Calls every accessor of the catalogue once, through the generated typed
/// API: counters and gauges `inc()`, histograms `observe(0.5)`, with the first
/// value of each closed set and a plausible value for each free-form label.
/// Afterwards every family, free-form ones included, has a series to export.
///
/// Written out rather than generated so that every accessor's signature is
/// compiled here; `catalogue.rs` checks the list is complete against the spec.
pub fn touch_every_family(m: &Metrics) {
    // http
    m.http
        .requests_total(HttpMethod::Get, "/api/v1/status", HttpStatus::V200)
        .inc();
    m.http
        .request_duration_seconds(HttpMethod::Get, "/api/v1/status")
        .observe(0.5);
    m.http.http_requests_in_flight().inc();
    m.http
        .http_request_size_bytes(HttpMethod::Get, "/api/v1/status")
        .observe(0.5);
    m.http
        .http_response_size_bytes(HttpMethod::Get, "/api/v1/status")
        .observe(0.5);
    m.http
        .http_rate_limited_requests_total("/api/v1/status")
        .inc();

    // mapek
    m.mapek
        .mapek_cycle_duration_seconds(MapekCycleDurationSecondsPhase::Monitor)
        .observe(0.5);
    m.mapek.mapek_cycles_total(CycleStatus::Success).inc();
    m.mapek
        .mapek_anomalies_detected_total(
            MapekAnomaliesDetectedTotalAnomalyType::CpuUsage,
            Severity::Low,
        )
        .inc();
    m.mapek
        .mapek_recovery_actions_total(ActionType::ScaleUp, CycleStatus::Success)
        .inc();
    m.mapek.mapek_knowledge_base_size_entries().inc();
    m.mapek.mapek_metrics_cache_size_bytes().inc();
    m.mapek.mapek_last_cycle_timestamp_seconds().inc();
    m.mapek
        .mapek_plans_generated_total(ActionType::ScaleUp)
        .inc();
    m.mapek
        .mapek_recovery_action_duration_seconds(ActionType::ScaleUp)
        .observe(0.5);
    m.mapek.mapek_monitored_nodes().inc();

    // graphsage
    m.graphsage
        .graphsage_inference_duration_seconds()
        .observe(0.5);
    m.graphsage
        .graphsage_predictions_total(GraphsagePredictionsTotalPredictionType::Anomaly)
        .inc();
    m.graphsage.graphsage_anomaly_score("node-1").inc();
    m.graphsage.graphsage_model_accuracy().inc();
    m.graphsage
        .graphsage_training_duration_seconds()
        .observe(0.5);
    m.graphsage.graphsage_training_loss().inc();
    m.graphsage.graphsage_model_precision().inc();
    m.graphsage.graphsage_model_recall().inc();
    m.graphsage
        .graphsage_training_runs_total(OpResult::Success)
        .inc();
    m.graphsage.graphsage_graph_nodes().inc();
    m.graphsage.graphsage_inference_batch_size().observe(0.5);

    // rag
    m.rag.rag_retrieval_duration_seconds().observe(0.5);
    m.rag
        .rag_retrieval_results_total(
            RagRetrievalResultsTotalQueryType::NetworkHealth,
            RagRetrievalResultsTotalHit::True,
        )
        .inc();
    m.rag.rag_vector_similarity().observe(0.5);
    m.rag.rag_index_size_vectors().inc();
    m.rag.rag_generation_duration_seconds().observe(0.5);
    m.rag.rag_embedding_duration_seconds().observe(0.5);
    m.rag.rag_documents_indexed_total().inc();
    m.rag
        .rag_generation_tokens_total(RagGenerationTokensTotalTokenType::Prompt)
        .inc();

    // ledger
    m.ledger
        .ledger_entries_total(LedgerEntriesTotalEntryType::Transaction)
        .inc();
    m.ledger.ledger_chain_length().inc();
    m.ledger.ledger_sync_duration_seconds().observe(0.5);
    m.ledger
        .ledger_consistency_failures_total(LedgerConsistencyFailuresTotalFailureType::HashMismatch)
        .inc();
    m.ledger.ledger_size_bytes().inc();
    m.ledger
        .ledger_entry_verification_duration_seconds()
        .observe(0.5);
    m.ledger.ledger_last_entry_timestamp_seconds().inc();

    // crdt
    m.crdt
        .crdt_sync_operations_total(CrdtType::GCounter, Direction::Inbound)
        .inc();
    m.crdt
        .crdt_sync_duration_seconds(CrdtType::GCounter)
        .observe(0.5);
    m.crdt.crdt_state_size_bytes(CrdtType::GCounter).inc();
    m.crdt.crdt_delta_size_bytes().observe(0.5);
    m.crdt
        .crdt_concurrent_updates_merged_total(CrdtType::GCounter)
        .inc();
    m.crdt
        .crdt_sync_failures_total(CrdtSyncFailuresTotalReason::Timeout)
        .inc();

    // raft
    m.raft.raft_leader_changes_total().inc();
    m.raft.raft_log_replication_duration_seconds().observe(0.5);
    m.raft.raft_followers_count().inc();
    m.raft.raft_term().inc();
    m.raft
        .raft_elections_total(RaftElectionsTotalOutcome::Won)
        .inc();
    m.raft.raft_commit_index().inc();
    m.raft.raft_applied_index().inc();
    m.raft.raft_node_is_leader().inc();
    m.raft
        .raft_append_entries_rejected_total(RaftAppendEntriesRejectedTotalReason::StaleTerm)
        .inc();

    // mesh
    m.mesh.mesh_nodes_active().inc();
    m.mesh.mesh_connections_total(ConnectionType::Direct).inc();
    m.mesh.mesh_packet_loss_ratio().inc();
    m.mesh.mesh_hop_count().observe(0.5);
    m.mesh.mesh_bandwidth_bytes_total(Direction::Inbound).inc();
    m.mesh.mesh_latency_seconds().observe(0.5);
    m.mesh.mesh_connections_open(ConnectionType::Direct).inc();
    m.mesh.mesh_packets_total(Direction::Inbound).inc();
    m.mesh
        .mesh_packets_dropped_total(MeshPacketsDroppedTotalReason::TtlExpired)
        .inc();
    m.mesh.mesh_route_changes_total().inc();
    m.mesh.mesh_link_quality_ratio("peer-1").inc();

    // mtls
    m.mtls.mtls_certificate_rotations_total().inc();
    m.mtls.mtls_certificate_expiry_seconds().inc();
    m.mtls.mtls_certificate_age_seconds().inc();
    m.mtls
        .mtls_validation_failures_total(MtlsValidationFailuresTotalFailureType::Expired)
        .inc();
    m.mtls.spiffe_svid_issuance_total().inc();
    m.mtls.spiffe_svid_renewal_total().inc();
    m.mtls.spire_server_latency_seconds().observe(0.5);
    m.mtls.mtls_handshakes_total(OpResult::Success).inc();
    m.mtls.mtls_handshake_duration_seconds().observe(0.5);
    m.mtls.mtls_certificate_rotation_failures_total().inc();
    m.mtls.spiffe_svid_renewal_failures_total().inc();

    // fl
    m.fl.fl_round_duration_seconds().observe(0.5);
    m.fl.fl_global_model_loss().inc();
    m.fl.fl_local_updates_total("node-1").inc();
    m.fl.fl_communication_bytes_total(Direction::Inbound).inc();
    m.fl.fl_participant_count().inc();
    m.fl.fl_rounds_total(CycleStatus::Success).inc();
    m.fl.fl_current_round().inc();
    m.fl.fl_global_model_accuracy().inc();
    m.fl.fl_aggregation_duration_seconds().observe(0.5);
    m.fl.fl_rejected_updates_total(FlRejectedUpdatesTotalReason::ByzantineSuspected)
        .inc();

    // dao
    m.dao
        .dao_proposals_total(DaoProposalsTotalStatus::Created)
        .inc();
    m.dao.dao_voting_power_total().inc();
    m.dao.dao_treasury_balance().inc();
    m.dao.dao_vote_participation_ratio().inc();
    m.dao
        .dao_votes_cast_total(DaoVotesCastTotalChoice::For)
        .inc();
    m.dao.dao_proposals_active().inc();
    m.dao.dao_members().inc();

    // contract
    m.contract
        .contract_calls_total(ContractCallsTotalLabels {
            contract: "treasury",
            function: "transfer",
            result: OpResult::Success,
        })
        .inc();
    m.contract
        .contract_execution_duration_seconds("treasury")
        .observe(0.5);
    m.contract.contract_gas_used("treasury").observe(0.5);
    m.contract
        .contract_deployments_total(OpResult::Success)
        .inc();
    m.contract
        .contract_reverts_total("treasury", ContractRevertsTotalReason::OutOfGas)
        .inc();

    // storage
    m.storage
        .storage_operations_total(StorageOperation::Get, OpResult::Success)
        .inc();
    m.storage
        .storage_operation_duration_seconds(StorageOperation::Get)
        .observe(0.5);
    m.storage.storage_size_bytes().inc();
    m.storage.storage_keys().inc();
    m.storage.storage_value_size_bytes().observe(0.5);
    m.storage.storage_compactions_total().inc();
    m.storage
        .storage_cache_requests_total(StorageCacheRequestsTotalResult::Hit)
        .inc();

    // infra
    m.infra.memory_usage_bytes(MemoryUsageBytesKind::Rss).inc();
    m.infra.cpu_usage_ratio().inc();
    m.infra
        .gc_pause_duration_seconds(GcGeneration::V0)
        .observe(0.5);
    m.infra.gc_collections_total(GcGeneration::V0).inc();
    m.infra.process_open_file_descriptors().inc();
    m.infra.process_threads().inc();
    m.infra.process_uptime_seconds().inc();
    m.infra.disk_usage_bytes("/var/lib/x0tta6bl4").inc();
    m.infra
        .network_transfer_bytes_total(Direction::Inbound)
        .inc();
    m.infra
        .build_info(BuildInfoLabels {
            version: "0.1.0",
            git_commit: "31021d5",
        })
        .inc();

    // security
    m.security
        .security_threat_alerts_total(SecurityThreatAlertsTotalThreatType::Ddos, Severity::Low)
        .inc();
    m.security.security_suspect_nodes().inc();
    m.security
        .security_byzantine_detections_total(
            SecurityByzantineDetectionsTotalDetectionType::Equivocation,
        )
        .inc();
    m.security.security_quarantined_nodes().inc();
    m.security.security_node_trust_score("node-1").inc();
    m.security
        .security_auth_failures_total(SecurityAuthFailuresTotalReason::InvalidToken)
        .inc();

    // performance
    m.performance
        .performance_operations_total("route_lookup")
        .inc();
    m.performance
        .performance_operation_throughput_per_second("route_lookup")
        .inc();
    m.performance
        .performance_operation_duration_seconds("route_lookup")
        .observe(0.5);
    m.performance
        .performance_p95_latency_seconds("route_lookup")
        .inc();
    m.performance
        .performance_p99_latency_seconds("route_lookup")
        .inc();
    m.performance.performance_error_ratio("route_lookup").inc();
    m.performance
        .performance_slo_error_budget_remaining_ratio("api_availability")
        .inc();
}
