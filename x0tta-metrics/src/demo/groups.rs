//! One function per catalogue group: what a tick of the simulated node
//! records there. Counts are fixed per tick (or every n-th tick) and
//! measurements come from the fixed-seed generator, so runs repeat.

use super::{api, unix_now, Random, NODES, PHASE_DURATIONS};
use crate::*;

/// Picks the `tick`-th element of `all`, cycling.
fn pick<T: Copy>(all: &[T], tick: u64) -> T {
    all[(tick % all.len() as u64) as usize]
}

pub(super) fn http(m: &Metrics, tick: u64) {
    for (method, endpoint) in api::ROUTES {
        let body_bytes = if method == HttpMethod::Post { 512 } else { 0 };
        api::instrumented(
            m,
            &api::Request {
                method,
                endpoint,
                body_bytes,
                tick,
            },
            api::handle,
        );
    }
    // Every family with a free-form label gets its first series on tick 0,
    // so the first scrape already shows the whole catalogue.
    if tick.is_multiple_of(10) {
        m.http
            .http_rate_limited_requests_total("/api/v1/heal")
            .inc();
    }
}

pub(super) fn mapek(m: &Metrics, tick: u64, r: &mut Random) {
    let k = &m.mapek;
    let mut total = 0.0;
    for (phase, low, high) in PHASE_DURATIONS {
        let took = r.between(low, high);
        k.mapek_cycle_duration_seconds(phase).observe(took);
        total += took;
    }
    k.mapek_cycle_duration_seconds(MapekCycleDurationSecondsPhase::Total)
        .observe(total);
    let status = match tick % 12 {
        5 => CycleStatus::Failed,
        11 => CycleStatus::Partial,
        _ => CycleStatus::Success,
    };
    k.mapek_cycles_total(status).inc();
    if tick.is_multiple_of(3) {
        let kind = pick(&MapekAnomaliesDetectedTotalAnomalyType::ALL, tick / 3);
        k.mapek_anomalies_detected_total(kind, pick(&Severity::ALL, tick / 2))
            .inc();
        let action = pick(&ActionType::ALL, tick / 3);
        k.mapek_plans_generated_total(action).inc();
        k.mapek_recovery_actions_total(action, status).inc();
        k.mapek_recovery_action_duration_seconds(action)
            .observe(r.between(0.05, 4.0));
    }
    k.mapek_knowledge_base_size_entries()
        .set(1_000 + tick as i64 * 3);
    k.mapek_metrics_cache_size_bytes()
        .set(r.below(2 << 20, 4 << 20) as i64);
    k.mapek_last_cycle_timestamp_seconds().set(unix_now());
    k.mapek_monitored_nodes().set(NODES.len() as i64);
}

pub(super) fn graphsage(m: &Metrics, tick: u64, r: &mut Random) {
    let g = &m.graphsage;
    g.graphsage_inference_duration_seconds()
        .observe(r.between(0.0005, 0.02));
    g.graphsage_inference_batch_size()
        .observe(NODES.len() as f64);
    g.graphsage_graph_nodes().set(NODES.len() as i64);
    for (i, node) in NODES.iter().enumerate() {
        let anomalous = (tick + i as u64).is_multiple_of(11);
        let score = if anomalous {
            r.between(0.7, 0.99)
        } else {
            r.between(0.01, 0.2)
        };
        g.graphsage_anomaly_score(node).set(score);
        let class = if anomalous {
            GraphsagePredictionsTotalPredictionType::Anomaly
        } else {
            GraphsagePredictionsTotalPredictionType::Normal
        };
        g.graphsage_predictions_total(class).inc();
    }
    // Accuracy climbs from 0.90 towards 0.95 as the model retrains.
    g.graphsage_model_accuracy()
        .set(0.90 + 0.05 * (1.0 - 1.0 / (1.0 + tick as f64 / 20.0)));
    g.graphsage_model_precision().set(r.between(0.85, 0.95));
    g.graphsage_model_recall().set(r.between(0.80, 0.92));
    if tick.is_multiple_of(20) {
        g.graphsage_training_duration_seconds()
            .observe(r.between(30.0, 200.0));
        g.graphsage_training_loss()
            .set(0.5 / (1.0 + tick as f64 / 20.0));
        g.graphsage_training_runs_total(OpResult::Success).inc();
    }
}

pub(super) fn rag(m: &Metrics, tick: u64, r: &mut Random) {
    let g = &m.rag;
    let query = pick(&RagRetrievalResultsTotalQueryType::ALL, tick);
    let hit = if tick % 4 == 3 {
        RagRetrievalResultsTotalHit::False
    } else {
        RagRetrievalResultsTotalHit::True
    };
    g.rag_retrieval_duration_seconds()
        .observe(r.between(0.005, 0.08));
    g.rag_retrieval_results_total(query, hit).inc();
    g.rag_vector_similarity().observe(r.between(0.55, 0.98));
    g.rag_embedding_duration_seconds()
        .observe(r.between(0.002, 0.02));
    g.rag_generation_duration_seconds()
        .observe(r.between(0.3, 2.5));
    g.rag_generation_tokens_total(RagGenerationTokensTotalTokenType::Prompt)
        .inc_by(r.below(200, 800));
    g.rag_generation_tokens_total(RagGenerationTokensTotalTokenType::Completion)
        .inc_by(r.below(50, 300));
    if tick.is_multiple_of(5) {
        g.rag_documents_indexed_total().inc_by(10);
    }
    g.rag_index_size_vectors()
        .set(5_000 + 10 * (tick as i64 / 5 + 1));
}

pub(super) fn ledger(m: &Metrics, tick: u64, r: &mut Random) {
    let l = &m.ledger;
    l.ledger_entries_total(pick(&LedgerEntriesTotalEntryType::ALL, tick))
        .inc();
    l.ledger_chain_length().set(tick as i64 + 1);
    l.ledger_size_bytes().set((tick as i64 + 1) * 512);
    l.ledger_sync_duration_seconds()
        .observe(r.between(0.02, 0.4));
    l.ledger_entry_verification_duration_seconds()
        .observe(r.between(0.0001, 0.002));
    l.ledger_last_entry_timestamp_seconds().set(unix_now());
    if tick % 40 == 39 {
        l.ledger_consistency_failures_total(LedgerConsistencyFailuresTotalFailureType::SequenceGap)
            .inc();
    }
}

pub(super) fn crdt(m: &Metrics, tick: u64, r: &mut Random) {
    let c = &m.crdt;
    let kind = pick(&CrdtType::ALL, tick);
    c.crdt_sync_operations_total(kind, pick(&Direction::ALL, tick))
        .inc();
    c.crdt_sync_duration_seconds(kind)
        .observe(r.between(0.001, 0.05));
    c.crdt_state_size_bytes(kind)
        .set(r.below(1_000, 50_000) as i64);
    c.crdt_delta_size_bytes().observe(r.between(64.0, 4_096.0));
    if tick.is_multiple_of(4) {
        c.crdt_concurrent_updates_merged_total(kind).inc();
    }
    if tick % 30 == 29 {
        c.crdt_sync_failures_total(CrdtSyncFailuresTotalReason::Timeout)
            .inc();
    }
}

pub(super) fn raft(m: &Metrics, tick: u64, r: &mut Random) {
    let f = &m.raft;
    if tick.is_multiple_of(25) {
        f.raft_leader_changes_total().inc();
        f.raft_elections_total(RaftElectionsTotalOutcome::Won).inc();
        f.raft_term().set(tick as i64 / 25 + 1);
    }
    if tick % 25 == 12 {
        f.raft_elections_total(RaftElectionsTotalOutcome::TimedOut)
            .inc();
    }
    f.raft_node_is_leader()
        .set(i64::from((tick / 25).is_multiple_of(2)));
    f.raft_followers_count().set(NODES.len() as i64 - 1);
    f.raft_log_replication_duration_seconds()
        .observe(r.between(0.001, 0.03));
    f.raft_commit_index().set(tick as i64 * 4);
    f.raft_applied_index().set((tick as i64 * 4 - 1).max(0));
    if tick % 17 == 16 {
        f.raft_append_entries_rejected_total(RaftAppendEntriesRejectedTotalReason::LogMismatch)
            .inc();
    }
}

pub(super) fn mesh(m: &Metrics, tick: u64, r: &mut Random) {
    let h = &m.mesh;
    h.mesh_nodes_active().set(NODES.len() as i64);
    h.mesh_connections_total(pick(&ConnectionType::ALL, tick))
        .inc();
    for kind in ConnectionType::ALL {
        h.mesh_connections_open(kind).set(r.below(0, 8) as i64);
    }
    // Loss moves between 1 % and 1.8 %.
    h.mesh_packet_loss_ratio()
        .set(0.01 + 0.002 * (tick % 5) as f64);
    h.mesh_hop_count().observe(r.below(1, 6) as f64);
    h.mesh_latency_seconds().observe(r.between(0.002, 0.09));
    for direction in Direction::ALL {
        h.mesh_bandwidth_bytes_total(direction)
            .inc_by(r.below(10_000, 90_000));
        h.mesh_packets_total(direction).inc_by(r.below(20, 120));
    }
    h.mesh_packets_dropped_total(pick(&MeshPacketsDroppedTotalReason::ALL, tick))
        .inc();
    if tick.is_multiple_of(8) {
        h.mesh_route_changes_total().inc();
    }
    for peer in &NODES[1..] {
        h.mesh_link_quality_ratio(peer).set(r.between(0.8, 1.0));
    }
}

pub(super) fn mtls(m: &Metrics, tick: u64, r: &mut Random) {
    let t = &m.mtls;
    if tick.is_multiple_of(50) {
        t.mtls_certificate_rotations_total().inc();
        t.spiffe_svid_issuance_total().inc();
    }
    if tick.is_multiple_of(10) {
        t.spiffe_svid_renewal_total().inc();
    }
    if tick % 97 == 96 {
        t.mtls_certificate_rotation_failures_total().inc();
        t.spiffe_svid_renewal_failures_total().inc();
    }
    let age = (tick % 50) as f64 * 60.0;
    t.mtls_certificate_age_seconds().set(age);
    t.mtls_certificate_expiry_seconds().set(86_400.0 - age);
    t.mtls_handshakes_total(if tick.is_multiple_of(13) {
        OpResult::Failure
    } else {
        OpResult::Success
    })
    .inc();
    t.mtls_handshake_duration_seconds()
        .observe(r.between(0.001, 0.01));
    t.spire_server_latency_seconds()
        .observe(r.between(0.002, 0.05));
    if tick.is_multiple_of(13) {
        t.mtls_validation_failures_total(pick(
            &MtlsValidationFailuresTotalFailureType::ALL,
            tick / 13,
        ))
        .inc();
    }
}

pub(super) fn fl(m: &Metrics, tick: u64, r: &mut Random) {
    let f = &m.fl;
    for node in NODES {
        f.fl_local_updates_total(node).inc();
    }
    f.fl_communication_bytes_total(Direction::Outbound)
        .inc_by(r.below(100_000, 200_000));
    f.fl_communication_bytes_total(Direction::Inbound)
        .inc_by(r.below(400_000, 800_000));
    f.fl_participant_count().set(NODES.len() as i64);
    if tick % 10 == 9 {
        let round = tick / 10 + 1;
        f.fl_rounds_total(CycleStatus::Success).inc();
        f.fl_current_round().set(round as i64);
        f.fl_round_duration_seconds().observe(r.between(20.0, 90.0));
        f.fl_aggregation_duration_seconds()
            .observe(r.between(0.2, 3.0));
        f.fl_global_model_loss().set(1.0 / (1.0 + round as f64));
        f.fl_global_model_accuracy()
            .set(0.95 - 0.4 / (1.0 + round as f64));
        if round.is_multiple_of(3) {
            f.fl_rejected_updates_total(FlRejectedUpdatesTotalReason::ByzantineSuspected)
                .inc();
        }
    }
}

pub(super) fn dao(m: &Metrics, tick: u64, r: &mut Random) {
    let d = &m.dao;
    d.dao_votes_cast_total(pick(&DaoVotesCastTotalChoice::ALL, tick))
        .inc();
    if tick.is_multiple_of(15) {
        d.dao_proposals_total(DaoProposalsTotalStatus::Created)
            .inc();
    }
    if tick % 15 == 14 {
        let outcome = if tick % 30 == 14 {
            DaoProposalsTotalStatus::Passed
        } else {
            DaoProposalsTotalStatus::Rejected
        };
        d.dao_proposals_total(outcome).inc();
    }
    d.dao_proposals_active().set(i64::from(tick % 15 != 14));
    d.dao_members().set(42);
    d.dao_voting_power_total().set(42_000.0);
    d.dao_treasury_balance()
        .set(1_000_000.0 + 125.0 * tick as f64);
    d.dao_vote_participation_ratio().set(r.between(0.4, 0.8));
}

pub(super) fn contract(m: &Metrics, tick: u64, r: &mut Random) {
    let c = &m.contract;
    let (contract, function) = pick(
        &[
            ("governance", "vote"),
            ("treasury", "transfer"),
            ("registry", "register"),
        ],
        tick,
    );
    let reverted = tick.is_multiple_of(9);
    c.contract_calls_total(ContractCallsTotalLabels {
        contract,
        function,
        result: if reverted {
            OpResult::Failure
        } else {
            OpResult::Success
        },
    })
    .inc();
    c.contract_execution_duration_seconds(contract)
        .observe(r.between(0.001, 0.2));
    c.contract_gas_used(contract)
        .observe(r.between(21_000.0, 900_000.0));
    if reverted {
        c.contract_reverts_total(contract, ContractRevertsTotalReason::OutOfGas)
            .inc();
    }
    if tick == 0 {
        c.contract_deployments_total(OpResult::Success).inc_by(3);
    }
}

pub(super) fn storage(m: &Metrics, tick: u64, r: &mut Random) {
    let s = &m.storage;
    for operation in [
        StorageOperation::Get,
        StorageOperation::Get,
        StorageOperation::Put,
        pick(&StorageOperation::ALL, tick),
    ] {
        s.storage_operations_total(operation, OpResult::Success)
            .inc();
        s.storage_operation_duration_seconds(operation)
            .observe(r.between(0.0001, 0.004));
    }
    s.storage_value_size_bytes()
        .observe(r.between(100.0, 8_000.0));
    s.storage_cache_requests_total(if tick.is_multiple_of(4) {
        StorageCacheRequestsTotalResult::Miss
    } else {
        StorageCacheRequestsTotalResult::Hit
    })
    .inc();
    s.storage_keys().set(10_000 + tick as i64);
    s.storage_size_bytes().set((10_000 + tick as i64) * 700);
    if tick % 60 == 59 {
        s.storage_compactions_total().inc();
    }
}

pub(super) fn infra(m: &Metrics, tick: u64, r: &mut Random, uptime: f64) {
    let i = &m.infra;
    if tick == 0 {
        i.build_info(BuildInfoLabels {
            version: env!("CARGO_PKG_VERSION"),
            git_commit: "demo",
        })
        .set(1);
    }
    i.memory_usage_bytes(MemoryUsageBytesKind::Rss)
        .set(r.below(180 << 20, 220 << 20) as i64);
    i.memory_usage_bytes(MemoryUsageBytesKind::Heap)
        .set(r.below(120 << 20, 160 << 20) as i64);
    i.memory_usage_bytes(MemoryUsageBytesKind::Virtual)
        .set(1 << 30);
    i.cpu_usage_ratio().set(r.between(0.1, 0.6));
    let generation = pick(&GcGeneration::ALL, tick);
    i.gc_collections_total(generation).inc();
    i.gc_pause_duration_seconds(generation)
        .observe(r.between(0.0001, 0.01));
    i.process_open_file_descriptors()
        .set(64 + (tick % 8) as i64);
    i.process_threads().set(12);
    i.process_uptime_seconds().set(uptime);
    i.disk_usage_bytes("/var/lib/x0tta6bl4")
        .set((1 << 30) + tick as i64 * 4_096);
    i.network_transfer_bytes_total(Direction::Inbound)
        .inc_by(r.below(50_000, 150_000));
    i.network_transfer_bytes_total(Direction::Outbound)
        .inc_by(r.below(30_000, 90_000));
}

pub(super) fn security(m: &Metrics, tick: u64, r: &mut Random) {
    let s = &m.security;
    if tick.is_multiple_of(6) {
        let threat = pick(&SecurityThreatAlertsTotalThreatType::ALL, tick / 6);
        s.security_threat_alerts_total(threat, pick(&Severity::ALL, tick / 6))
            .inc();
    }
    if tick % 20 == 7 {
        s.security_byzantine_detections_total(
            SecurityByzantineDetectionsTotalDetectionType::Equivocation,
        )
        .inc();
    }
    if tick.is_multiple_of(11) {
        s.security_auth_failures_total(SecurityAuthFailuresTotalReason::ExpiredToken)
            .inc();
    }
    s.security_suspect_nodes()
        .set(i64::from(tick % 20 >= 7 && tick % 20 < 10));
    s.security_quarantined_nodes().set(0);
    for node in NODES {
        s.security_node_trust_score(node).set(r.between(0.9, 1.0));
    }
}

pub(super) fn performance(m: &Metrics, tick: u64, r: &mut Random) {
    let p = &m.performance;
    for operation in ["mapek_cycle", "mesh_route"] {
        p.performance_operations_total(operation).inc_by(10);
        p.performance_operation_duration_seconds(operation)
            .observe(r.between(0.001, 0.05));
        p.performance_operation_throughput_per_second(operation)
            .set(r.between(80.0, 120.0));
        p.performance_p95_latency_seconds(operation)
            .set(r.between(0.02, 0.04));
        p.performance_p99_latency_seconds(operation)
            .set(r.between(0.04, 0.06));
        p.performance_error_ratio(operation)
            .set(if tick % 12 == 5 { 0.1 } else { 0.0 });
    }
    p.performance_slo_error_budget_remaining_ratio("api_availability")
        .set(r.between(0.7, 0.9));
}
