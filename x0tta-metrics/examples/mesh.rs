//! The seed report's "Mesh Network Integration" example on the generated
//! API: active nodes, a new connection, bytes sent and a latency sample.
//!
//! `cargo run -p x0tta-metrics --example mesh`

mod support;

use x0tta_metrics::{ConnectionType, Direction, Metrics};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let metrics = Metrics::new()?;
    let mesh = &metrics.mesh;

    // update_active_nodes(10)
    mesh.mesh_nodes_active().set(10);
    // record_connection("direct")
    mesh.mesh_connections_total(ConnectionType::Direct).inc();
    // record_bandwidth(bytes_sent, "outbound")
    let bytes_sent = 48_000;
    mesh.mesh_bandwidth_bytes_total(Direction::Outbound)
        .inc_by(bytes_sent);
    // record_latency(latency_seconds)
    let latency_seconds = 0.018;
    mesh.mesh_latency_seconds().observe(latency_seconds);

    support::print_exposition(
        &metrics,
        &[
            "x0tta6bl4_mesh_nodes_active",
            "x0tta6bl4_mesh_connections_total",
            "x0tta6bl4_mesh_bandwidth_bytes_total",
            "x0tta6bl4_mesh_latency_seconds",
        ],
    )?;
    Ok(())
}
