// A counter only goes up.
use x0tta_metrics::{ConnectionType, Metrics};

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics.mesh.mesh_connections_total(ConnectionType::Direct).dec();
}
