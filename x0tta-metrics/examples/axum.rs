//! The `/metrics` handler mounted in an existing axum application, next to
//! its own routes: `cargo run -p x0tta-metrics --example axum --features exporter`.

use axum::{extract::Request, routing::get, Router};
use x0tta_metrics::{exporter::MetricsHandler, Metrics};

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let metrics = Metrics::new().map_err(std::io::Error::other)?;
    metrics.mapek.mapek_knowledge_base_size_entries().set(42);
    let scrape = MetricsHandler::new(metrics.registry());

    let app = Router::new()
        .route(
            "/",
            get(|| async { "the application's own routes stay as they are\n" }),
        )
        // `any` so the handler itself answers HEAD and 405 for other methods.
        .route(
            "/metrics",
            axum::routing::any(move |request: Request| async move { scrape.respond(&request) }),
        );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    println!(
        "axum app at http://{}/ with metrics at /metrics",
        listener.local_addr()?
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
