//! The seed report's five recommended dashboards, with the panels it lists
//! and its PromQL queries (verbatim) where they belong.

/// Where a curated panel's data comes from.
pub(crate) enum Source {
    /// The metric's standard panel (rate, quantiles or value), optionally
    /// narrowed by a label selector such as `{phase="total"}`.
    Metric {
        name: &'static str,
        selector: &'static str,
    },
    /// A heatmap of the histogram's buckets.
    Heatmap(&'static str),
    /// A query written out, reading the spec metric `reads`.
    Query {
        reads: &'static str,
        expr: &'static str,
        legend: &'static str,
        unit: &'static str,
    },
}

/// One panel of a curated dashboard.
pub(crate) struct Panel {
    pub(crate) title: &'static str,
    pub(crate) description: &'static str,
    pub(crate) source: Source,
}

/// One curated dashboard.
pub(crate) struct Dashboard {
    /// File and uid suffix (`mapek-health`).
    pub(crate) slug: &'static str,
    pub(crate) title: &'static str,
    pub(crate) tags: &'static [&'static str],
    pub(crate) panels: &'static [Panel],
}

const fn metric(title: &'static str, name: &'static str) -> Panel {
    Panel {
        title,
        description: "",
        source: Source::Metric { name, selector: "" },
    }
}

/// The seed's "Prometheus Queries", each on the dashboard it belongs to.
pub(crate) mod seed {
    /// Seed heading "CPU Utilization Trend" (it is the rate of successful MAPE-K cycles).
    pub(crate) const SUCCESSFUL_CYCLES: &str =
        "rate(x0tta6bl4_mapek_cycles_total{status=\"success\"}[5m])";
    /// Seed heading "MAPE-K Phase Performance".
    pub(crate) const PHASE_P95: &str =
        "histogram_quantile(0.95, \n  rate(x0tta6bl4_mapek_cycle_duration_seconds_bucket[5m])\n)";
    /// Seed heading "Mesh Network Health".
    pub(crate) const MESH_HEALTH: &str = "1 - x0tta6bl4_mesh_packet_loss_ratio";
    /// Seed heading "Model Accuracy Trend".
    pub(crate) const MODEL_ACCURACY: &str = "x0tta6bl4_graphsage_model_accuracy";
    /// Seed heading "Error Rate".
    pub(crate) const ERROR_RATE: &str = "rate(x0tta6bl4_requests_total{status=~\"5..\"}[5m])";
}

pub(crate) const DASHBOARDS: &[Dashboard] = &[
    Dashboard {
        slug: "mapek-health",
        title: "MAPE-K Health",
        tags: &["mapek"],
        panels: &[
            Panel {
                title: "Cycle duration (p50, p95, p99)",
                description: "Whole MAPE-K cycles (phase=\"total\").",
                source: Source::Metric { name: "mapek_cycle_duration_seconds", selector: "{phase=\"total\"}" },
            },
            Panel {
                title: "Cycles per minute",
                description: "Completed cycles per minute, by outcome.",
                source: Source::Query {
                    reads: "mapek_cycles_total",
                    expr: "60 * sum by (status) (rate(x0tta6bl4_mapek_cycles_total[5m]))",
                    legend: "{{status}}",
                    unit: "short",
                },
            },
            Panel {
                title: "Successful cycles per second",
                description: "The seed report's query headed \"CPU Utilization Trend\".",
                source: Source::Query {
                    reads: "mapek_cycles_total",
                    expr: seed::SUCCESSFUL_CYCLES,
                    legend: "{{instance}}",
                    unit: "ops",
                },
            },
            Panel {
                title: "Phase performance (p95)",
                description: "The seed report's query headed \"MAPE-K Phase Performance\".",
                source: Source::Query {
                    reads: "mapek_cycle_duration_seconds",
                    expr: seed::PHASE_P95,
                    legend: "{{phase}} {{instance}}",
                    unit: "s",
                },
            },
            metric("Anomalies detected", "mapek_anomalies_detected_total"),
            metric("Recovery actions executed", "mapek_recovery_actions_total"),
        ],
    },
    Dashboard {
        slug: "ml-performance",
        title: "ML Performance",
        tags: &["ml", "graphsage", "rag"],
        panels: &[
            metric("GraphSAGE inference latency", "graphsage_inference_duration_seconds"),
            Panel {
                title: "Model accuracy trend",
                description: "The seed report's query headed \"Model Accuracy Trend\".",
                source: Source::Query {
                    reads: "graphsage_model_accuracy",
                    expr: seed::MODEL_ACCURACY,
                    legend: "{{instance}}",
                    unit: "percentunit",
                },
            },
            metric("RAG retrieval performance", "rag_retrieval_duration_seconds"),
            metric("Training loss progression", "graphsage_training_loss"),
        ],
    },
    Dashboard {
        slug: "mesh-network",
        title: "Mesh Network",
        tags: &["mesh"],
        panels: &[
            metric("Active nodes", "mesh_nodes_active"),
            metric("Connection count", "mesh_connections_open"),
            metric("Connections established", "mesh_connections_total"),
            metric("Packet loss ratio", "mesh_packet_loss_ratio"),
            Panel {
                title: "Mesh network health",
                description: "The seed report's query headed \"Mesh Network Health\": the fraction of packets delivered.",
                source: Source::Query {
                    reads: "mesh_packet_loss_ratio",
                    expr: seed::MESH_HEALTH,
                    legend: "{{instance}}",
                    unit: "percentunit",
                },
            },
            Panel {
                title: "Latency histogram",
                description: "Round-trip latency to mesh peers, per bucket.",
                source: Source::Heatmap("mesh_latency_seconds"),
            },
        ],
    },
    Dashboard {
        slug: "system-health",
        title: "System Health",
        tags: &["http", "infra"],
        panels: &[
            Panel {
                title: "Error rates",
                description: "The seed report's query headed \"Error Rate\": HTTP 5xx responses per second.",
                source: Source::Query {
                    reads: "requests_total",
                    expr: seed::ERROR_RATE,
                    legend: "{{method}} {{endpoint}} {{status}}",
                    unit: "reqps",
                },
            },
            metric("Request latency", "request_duration_seconds"),
            metric("Memory usage", "memory_usage_bytes"),
            metric("CPU usage", "cpu_usage_ratio"),
        ],
    },
    Dashboard {
        slug: "security",
        title: "Security",
        tags: &["security", "mtls"],
        panels: &[
            metric("Threat alerts", "security_threat_alerts_total"),
            metric("Suspect nodes", "security_suspect_nodes"),
            metric("Byzantine detections", "security_byzantine_detections_total"),
            metric("SPIFFE SVID issuance", "spiffe_svid_issuance_total"),
        ],
    },
];
