//! Serving metrics over HTTP (feature `exporter`): a standalone `/metrics`
//! server, a handler for existing hyper or axum applications, and a
//! Pushgateway client for batch jobs and unreachable nodes (HTTPS with the
//! `tls` feature).
//!
//! The exporter listens on `127.0.0.1:9464` by default, never on all
//! interfaces unless an address says so.
//!
//! ```no_run
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> std::io::Result<()> {
//! let metrics = x0tta_metrics::Metrics::new().expect("fresh registry");
//! // Runs until the process ends; `Exporter` adds auth, limits and shutdown.
//! x0tta_metrics::exporter::serve(x0tta_metrics::exporter::DEFAULT_ADDRESS, metrics.registry()).await
//! # }
//! ```

mod auth;
mod base64;
mod connections;
mod gzip;
mod handler;
mod progress;
mod push_periodic;
mod pushgateway;
mod server;
mod slots;
mod source;
#[cfg(feature = "tls")]
mod tls;

pub use auth::{Auth, InvalidCredentials};
pub use handler::{MetricsHandler, MetricsResponse, TEXT_FORMAT_CONTENT_TYPE};
pub use push_periodic::{PeriodicPush, PushSchedule};
pub use pushgateway::{PushError, Pushgateway};
pub use server::{serve, Exporter, RunningExporter, DEFAULT_ADDRESS};
pub use source::MetricsSource;
