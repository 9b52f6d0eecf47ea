//! Support for the end-to-end tests: child processes that die with the test,
//! temporary directories, free loopback ports, a small HTTP client, and a
//! real Prometheus server.

pub mod attack;
pub mod certificates;
pub mod exporter;
pub mod http;
pub mod process;
pub mod prometheus;

use std::{future::Future, path::PathBuf, time::Duration};

/// The workspace root (the tests crate's parent directory).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Polls `probe` every 200 ms until it yields `Some`, or panics after
/// `deadline` saying what was awaited and what the last probe saw.
pub async fn wait_until<T, F, Fut>(deadline: Duration, what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let start = tokio::time::Instant::now();
    loop {
        let last = match probe().await {
            Ok(value) => return value,
            Err(last) => last,
        };
        if start.elapsed() > deadline {
            panic!("gave up after {deadline:?} waiting for {what}; last seen: {last}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
