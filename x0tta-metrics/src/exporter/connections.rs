//! One connection of the standalone exporter, from accept to close: silent
//! until its first byte, then holding a serving slot under its deadlines.

use std::{convert::Infallible, sync::Arc, time::Duration};

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
    progress::{Limits, Tracked},
    slots::{SilentTicket, Slots},
    MetricsHandler, MetricsResponse,
};

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
    pub(crate) slots: Slots,
    /// How long a connection that sent bytes waits for a slot.
    pub(crate) admission_wait: Duration,
    pub(crate) shutdown_grace: Duration,
}

/// Serves one connection: waits (without a slot) for its first byte, then
/// for a slot, then serves until the client closes it, a deadline passes,
/// it is shed, or shutdown (at once if no response is under way, otherwise
/// after the response or the grace period).
pub(crate) async fn serve(
    stream: TcpStream,
    silent: SilentTicket,
    shared: Shared,
    mut shutdown: watch::Receiver<bool>,
) {
    // peek, not readable(): readiness can be reported for a socket with
    // nothing to read, which would hand silent clients a slot.
    let mut first = [0u8; 1];
    tokio::select! {
        peeked = stream.peek(&mut first) => match peeked {
            Ok(0) | Err(_) => return, // closed before saying anything
            Ok(_) => {}
        },
        () = tokio::time::sleep(shared.limits.first_byte) => return,
        () = silent.evicted() => return,
        _ = shutdown.changed() => return,
    }
    drop(silent);
    let slot = tokio::select! {
        slot = shared.slots.acquire(&shared.limits, shared.admission_wait) => match slot {
            Some(slot) => slot,
            None => return, // every slot busy and moving for the whole wait
        },
        _ = shutdown.changed() => return,
    };
    let progress = Arc::clone(&slot.progress);
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
        let deadline = slot.progress.deadline(&shared.limits);
        let deadline = grace_ends.map_or(deadline, |grace| grace.min(deadline));
        tokio::select! {
            // A client that misbehaves or disconnects ends only its own
            // connection; there is nothing to tell it.
            _ = &mut connection => return,
            () = slot.progress.shed_requested() => return,
            () = slot.progress.phase_changed() => {}
            () = tokio::time::sleep_until(deadline) => {
                // Progress may have moved the deadline while this slept.
                let now = Instant::now();
                if now >= slot.progress.deadline(&shared.limits) || grace_ends.is_some_and(|g| now >= g) {
                    return;
                }
            }
            // The sender dropping counts as the signal too.
            _ = shutdown.changed(), if grace_ends.is_none() => {
                if !slot.progress.is_responding() {
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
