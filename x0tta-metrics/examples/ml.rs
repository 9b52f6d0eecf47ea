//! The seed report's "ML Integration" example on the generated API: a timed
//! GraphSAGE inference, the model's accuracy, and a timed RAG retrieval
//! recorded with whether it found anything.
//!
//! `cargo run -p x0tta-metrics --example ml`

mod support;

use std::time::Instant;

use x0tta_metrics::{
    GraphsagePredictionsTotalPredictionType as Prediction, Metrics,
    RagRetrievalResultsTotalHit as Hit, RagRetrievalResultsTotalQueryType as Query,
};

/// Stands in for the GraphSAGE model: an anomaly score per node (here its
/// load, clamped to 0..1).
fn predict(node_loads: &[f64]) -> Vec<f64> {
    node_loads.iter().map(|load| load.clamp(0.0, 1.0)).collect()
}

/// Stands in for the RAG index: the documents mentioning the query.
fn retrieve<'a>(documents: &[&'a str], query: &str) -> Vec<&'a str> {
    documents
        .iter()
        .copied()
        .filter(|d| d.contains(query))
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let metrics = Metrics::new()?;

    // record_graphsage_inference(time.time() - inference_time, prediction_type="anomaly")
    let inference_time = Instant::now();
    let scores = predict(&[0.2, 0.4, 0.97, 0.3]);
    metrics
        .graphsage
        .graphsage_inference_duration_seconds()
        .observe(inference_time.elapsed().as_secs_f64());
    for (node, score) in scores.iter().enumerate() {
        let class = if *score > 0.8 {
            Prediction::Anomaly
        } else {
            Prediction::Normal
        };
        metrics.graphsage.graphsage_predictions_total(class).inc();
        metrics
            .graphsage
            .graphsage_anomaly_score(&format!("node-{node}"))
            .set(*score);
    }

    // update_graphsage_accuracy(0.95)
    metrics.graphsage.graphsage_model_accuracy().set(0.95);

    // record_rag_retrieval(time.time() - rag_time, query_type="network_health", hit=len(results) > 0)
    let documents = [
        "packet loss runbook",
        "mesh latency troubleshooting",
        "latency SLO",
    ];
    let rag_time = Instant::now();
    let results = retrieve(&documents, "latency");
    metrics
        .rag
        .rag_retrieval_duration_seconds()
        .observe(rag_time.elapsed().as_secs_f64());
    let hit = if results.is_empty() {
        Hit::False
    } else {
        Hit::True
    };
    metrics
        .rag
        .rag_retrieval_results_total(Query::NetworkHealth, hit)
        .inc();

    support::print_exposition(
        &metrics,
        &[
            "x0tta6bl4_graphsage_inference_duration_seconds",
            "x0tta6bl4_graphsage_predictions_total",
            "x0tta6bl4_graphsage_anomaly_score",
            "x0tta6bl4_graphsage_model_accuracy",
            "x0tta6bl4_rag_retrieval_",
        ],
    )?;
    Ok(())
}
