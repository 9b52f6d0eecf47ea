//! A tiny REST API of the simulated node, with the HTTP group's metrics
//! recorded around every request the way a middleware would.

use std::time::Duration;

use crate::{HttpMethod, HttpStatus, Metrics};

/// The routes of the simulated API, as `(method, route template)`.
pub const ROUTES: [(HttpMethod, &str); 4] = [
    (HttpMethod::Get, "/api/v1/nodes"),
    (HttpMethod::Get, "/api/v1/topology"),
    (HttpMethod::Post, "/api/v1/heal"),
    (HttpMethod::Get, "/api/v1/unknown"),
];

/// A simulated request: what the handler sees.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// HTTP method.
    pub method: HttpMethod,
    /// Route template (the `endpoint` label; never a raw path with ids).
    pub endpoint: &'a str,
    /// Request body size in bytes.
    pub body_bytes: usize,
    /// Which tick of the workload sends it (drives the simulated failures).
    pub tick: u64,
}

/// What the handler answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Response {
    /// Status code.
    pub status: HttpStatus,
    /// Response body size in bytes.
    pub body_bytes: usize,
    /// How long the handler took (simulated, not slept).
    pub took: Duration,
}

/// The API itself: deterministic answers, including server errors — the
/// topology service fails on every 7th tick (500) and healing is overloaded
/// on every 5th (503) — so the seed's error-rate query has something to show.
pub fn handle(request: &Request<'_>) -> Response {
    let tick = request.tick;
    let (status, body_bytes, millis) = match (request.method, request.endpoint) {
        (HttpMethod::Get, "/api/v1/nodes") => (HttpStatus::V200, 2_048, 3),
        (HttpMethod::Get, "/api/v1/topology") if tick % 7 == 3 => (HttpStatus::V500, 64, 40),
        (HttpMethod::Get, "/api/v1/topology") => (HttpStatus::V200, 16_384, 12),
        (HttpMethod::Post, "/api/v1/heal") if tick.is_multiple_of(5) => (HttpStatus::V503, 48, 2),
        (HttpMethod::Post, "/api/v1/heal") => (HttpStatus::V202, 128, 30),
        (_, _) => (HttpStatus::V404, 32, 1),
    };
    Response {
        status,
        body_bytes,
        took: Duration::from_millis(millis),
    }
}

/// Calls `handle` with the HTTP group's metrics recorded around it.
pub fn instrumented(
    metrics: &Metrics,
    request: &Request<'_>,
    handle: impl Fn(&Request<'_>) -> Response,
) -> Response {
    let http = &metrics.http;
    let (method, endpoint) = (request.method, request.endpoint);
    http.http_requests_in_flight().inc();
    let response = handle(request);
    http.http_requests_in_flight().dec();
    http.requests_total(method, endpoint, response.status).inc();
    http.request_duration_seconds(method, endpoint)
        .observe(response.took.as_secs_f64());
    http.http_request_size_bytes(method, endpoint)
        .observe(request.body_bytes as f64);
    http.http_response_size_bytes(method, endpoint)
        .observe(response.body_bytes as f64);
    response
}
