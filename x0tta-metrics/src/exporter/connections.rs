//! The open connections of the standalone exporter: each one served under
//! its deadlines, all of them in a table the accept loop uses to shed the
//! idle or stalled ones when a new client arrives at the cap.

use std::{
    collections::HashMap,
    convert::Infallible,
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use bytes::Bytes;
use http_body_util::Full;
use hyper::{
    body::Incoming, server::conn::http1, service::service_fn, Request, Response, StatusCode,
};
use hyper_util::rt::TokioIo;
use tokio::{
    net::TcpStream,
    sync::{watch, Semaphore},
    time::Instant,
};

use super::{
    progress::{Limits, Progress, Tracked},
    MetricsHandler, MetricsResponse,
};

/// Every open connection by id, with its progress.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table(Arc<Mutex<TableInner>>);

#[derive(Debug, Default)]
struct TableInner {
    next_id: u64,
    open: HashMap<u64, Arc<Progress>>,
}

/// What the accept loop decided about a new connection.
pub(crate) enum Admission {
    /// Serve it; the entry leaves the table when dropped.
    Admitted(Entry),
    /// At the cap with every connection busy and moving: close it.
    Refused,
}

impl Table {
    fn inner(&self) -> MutexGuard<'_, TableInner> {
        // Inserts and removals leave the map consistent at every step.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Admits a new connection, shedding the idle or stalled connection
    /// that ranks first (see `Progress::shed_rank`) when `max` are already
    /// open.
    pub(crate) fn admit(&self, max: usize, limits: &Limits) -> Admission {
        let mut inner = self.inner();
        if inner.open.len() >= max {
            let now = Instant::now();
            let victim = inner
                .open
                .iter()
                .filter_map(|(id, progress)| Some((progress.shed_rank(now, limits)?, *id)))
                .min();
            match victim.and_then(|(_, id)| inner.open.remove(&id)) {
                Some(progress) => progress.shed(),
                None => return Admission::Refused,
            }
        }
        let id = inner.next_id;
        inner.next_id += 1;
        let progress = Progress::new();
        inner.open.insert(id, Arc::clone(&progress));
        Admission::Admitted(Entry {
            table: self.clone(),
            id,
            progress,
        })
    }
}

/// One admitted connection's place in the [`Table`].
pub(crate) struct Entry {
    table: Table,
    id: u64,
    progress: Arc<Progress>,
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.table.inner().open.remove(&self.id);
    }
}

/// What every connection shares: the handler and how to run it, limits, and
/// the shutdown signal.
#[derive(Clone, Debug)]
pub(crate) struct Shared {
    pub(crate) handler: MetricsHandler,
    pub(crate) http: http1::Builder,
    pub(crate) limits: Limits,
    /// Bounds how many bodies are rendered (and compressed) at once on the
    /// blocking pool, so a flood of requests cannot start hundreds of threads.
    pub(crate) renders: Arc<Semaphore>,
    pub(crate) shutdown_grace: Duration,
}

/// Serves one connection until the client closes it, a deadline passes, the
/// accept loop sheds it, or shutdown (at once if no response is under way,
/// otherwise after the response or the grace period).
pub(crate) async fn serve(
    stream: TcpStream,
    entry: Entry,
    shared: Shared,
    mut shutdown: watch::Receiver<bool>,
) {
    let progress = Arc::clone(&entry.progress);
    let service = {
        let (progress, handler, renders) = (
            Arc::clone(&progress),
            shared.handler.clone(),
            Arc::clone(&shared.renders),
        );
        service_fn(move |request: Request<Incoming>| {
            progress.response_started();
            let (handler, renders) = (handler.clone(), Arc::clone(&renders));
            async move { Ok::<_, Infallible>(render(handler, renders, request).await) }
        })
    };
    let connection = shared
        .http
        .serve_connection(TokioIo::new(Tracked::new(stream, progress)), service);
    tokio::pin!(connection);
    let mut grace_ends: Option<Instant> = None;
    loop {
        let deadline = entry.progress.deadline(&shared.limits);
        let deadline = grace_ends.map_or(deadline, |grace| grace.min(deadline));
        tokio::select! {
            // A client that misbehaves or disconnects ends only its own
            // connection; there is nothing to tell it.
            _ = &mut connection => return,
            () = entry.progress.shed_requested() => return,
            () = entry.progress.phase_changed() => {}
            () = tokio::time::sleep_until(deadline) => {
                // Progress may have moved the deadline while this slept.
                let now = Instant::now();
                if now >= entry.progress.deadline(&shared.limits) || grace_ends.is_some_and(|g| now >= g) {
                    return;
                }
            }
            // The sender dropping counts as the signal too.
            _ = shutdown.changed(), if grace_ends.is_none() => {
                if !entry.progress.is_responding() {
                    // Idle, or halfway through a request head: waiting for
                    // the rest would hold shutdown for nothing.
                    return;
                }
                connection.as_mut().graceful_shutdown();
                grace_ends = Some(Instant::now() + shared.shutdown_grace);
            }
        }
    }
}

/// Answers one request on the blocking pool: rendering and gzip take
/// milliseconds of CPU that would otherwise stall accepting and every other
/// connection (and, in a single-threaded runtime, the application).
async fn render(
    handler: MetricsHandler,
    renders: Arc<Semaphore>,
    request: Request<Incoming>,
) -> MetricsResponse {
    let (head, _body) = request.into_parts();
    // The semaphore is never closed, so acquiring fails only in theory.
    let Ok(_permit) = renders.acquire_owned().await else {
        return internal_error();
    };
    tokio::task::spawn_blocking(move || handler.respond_to_parts(&head))
        .await
        .unwrap_or_else(|_| internal_error())
}

/// The answer when rendering panicked.
fn internal_error() -> MetricsResponse {
    let mut response = Response::new(Full::new(Bytes::from_static(b"failed to encode metrics\n")));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}
