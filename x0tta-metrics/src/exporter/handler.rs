//! The `/metrics` request handler, independent of any server: the standalone
//! exporter uses it, and it drops into an existing hyper or axum application.

use bytes::Bytes;
use http_body_util::Full;
use hyper::{
    header::{self, HeaderValue},
    http::request::Parts,
    HeaderMap, Method, Request, Response, StatusCode, Uri,
};

use super::{gzip, Auth, MetricsSource};
use crate::Format;

/// `Content-Type` of the Prometheus text exposition format 0.0.4.
pub const TEXT_FORMAT_CONTENT_TYPE: &str = crate::exposition::text::MIME_TYPE;

/// The response type of [`MetricsHandler`]: a complete body in memory.
pub type MetricsResponse = Response<Full<Bytes>>;

/// Answers scrape requests. Cheap to clone (it shares the source).
///
/// - `GET`/`HEAD` on the configured path (default `/metrics`): the body from
///   the [`MetricsSource`], in the protobuf format or OpenMetrics when
///   `Accept` asks for it (and the source can write it; see
///   [`Format::negotiate`]), in the text format 0.0.4 otherwise,
///   gzip-compressed when `Accept-Encoding` admits it;
/// - any other path: 404; any other method: 405 with `Allow: GET, HEAD`;
/// - a request that declares a body over the limit (or a chunked one): 413;
/// - with [`Auth`] set, a missing or wrong `Authorization` header: 401 with an
///   empty body, whatever the path.
///
/// In axum:
///
/// ```no_run
/// # use x0tta_metrics::exporter::MetricsHandler;
/// # fn app(handler: MetricsHandler) -> axum::Router {
/// axum::Router::new().route(
///     "/metrics",
///     axum::routing::any(move |request: axum::extract::Request| async move {
///         handler.respond(&request)
///     }),
/// )
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct MetricsHandler {
    source: MetricsSource,
    path: String,
    auth: Option<Auth>,
    max_body_bytes: u64,
}

impl MetricsHandler {
    /// A handler of `source` on `/metrics`, without authentication, that
    /// refuses request bodies over 4 KiB.
    pub fn new(source: impl Into<MetricsSource>) -> Self {
        MetricsHandler {
            source: source.into(),
            path: "/metrics".to_owned(),
            auth: None,
            max_body_bytes: 4096,
        }
    }

    /// Serves on `path` instead of `/metrics` (an exact match, no query).
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// Requires these credentials on every request.
    pub fn with_auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Refuses requests that declare a body larger than `bytes` (scrapes
    /// have none; the body itself is never read).
    pub fn with_max_body_bytes(mut self, bytes: u64) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// The path this handler serves.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Answers `request`. Only its head is looked at, so any body type works.
    pub fn respond<B>(&self, request: &Request<B>) -> MetricsResponse {
        self.answer(&Head {
            method: request.method(),
            uri: request.uri(),
            headers: request.headers(),
        })
    }

    /// Answers a request given its head.
    pub fn respond_to_parts(&self, request: &Parts) -> MetricsResponse {
        self.answer(&Head {
            method: &request.method,
            uri: &request.uri,
            headers: &request.headers,
        })
    }

    fn answer(&self, request: &Head<'_>) -> MetricsResponse {
        if let Some(auth) = &self.auth {
            let given = request
                .headers
                .get(header::AUTHORIZATION)
                .map(HeaderValue::as_bytes);
            if !auth.accepts(given) {
                return empty(StatusCode::UNAUTHORIZED)
                    .with_header(header::WWW_AUTHENTICATE, auth.challenge());
            }
        }
        if request.uri.path() != self.path {
            return text(StatusCode::NOT_FOUND, "not found\n");
        }
        if *request.method != Method::GET && *request.method != Method::HEAD {
            return text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n")
                .with_header(header::ALLOW, "GET, HEAD");
        }
        if self.declares_oversized_body(request) {
            return text(StatusCode::PAYLOAD_TOO_LARGE, "request body too large\n")
                .with_header(header::CONNECTION, "close");
        }
        self.scrape(request)
    }

    fn declares_oversized_body(&self, request: &Head<'_>) -> bool {
        if request.headers.contains_key(header::TRANSFER_ENCODING) {
            return true;
        }
        request
            .headers
            .get(header::CONTENT_LENGTH)
            .is_some_and(|length| {
                length
                    .to_str()
                    .ok()
                    .and_then(|l| l.trim().parse::<u64>().ok())
                    .is_none_or(|l| l > self.max_body_bytes)
            })
    }

    fn scrape(&self, request: &Head<'_>) -> MetricsResponse {
        let accept = request
            .headers
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok());
        let (format, body) = match self.source.render_format(Format::negotiate(accept)) {
            Ok(rendered) => rendered,
            Err(_) => {
                return text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "failed to encode metrics\n",
                )
            }
        };
        let wants_gzip = request
            .headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .any(gzip::accepts_gzip);
        let (body, encoding) = match wants_gzip.then(|| gzip::compress(&body)) {
            Some(Ok(compressed)) => (Bytes::from(compressed), Some("gzip")),
            // Compression into memory cannot fail short of allocation
            // failure; the plain body is still a correct answer.
            Some(Err(_)) | None => (Bytes::from(body), None),
        };
        let length = body.len();
        let body = if *request.method == Method::HEAD {
            Bytes::new()
        } else {
            body
        };
        let mut response = Response::new(Full::new(body))
            .with_header(header::CONTENT_TYPE, format.mime_type())
            .with_header(header::VARY, "Accept, Accept-Encoding")
            .with_header(header::CONTENT_LENGTH, &length.to_string());
        if let Some(encoding) = encoding {
            response = response.with_header(header::CONTENT_ENCODING, encoding);
        }
        response
    }
}

/// What the handler looks at in a request, borrowed from either a
/// `Request<B>` or its `Parts`.
struct Head<'a> {
    method: &'a Method,
    uri: &'a Uri,
    headers: &'a HeaderMap,
}

fn empty(status: StatusCode) -> MetricsResponse {
    with_status(Response::new(Full::new(Bytes::new())), status)
}

fn text(status: StatusCode, message: &'static str) -> MetricsResponse {
    with_status(
        Response::new(Full::new(Bytes::from_static(message.as_bytes()))),
        status,
    )
    .with_header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
}

fn with_status(mut response: MetricsResponse, status: StatusCode) -> MetricsResponse {
    *response.status_mut() = status;
    response
}

trait WithHeader {
    fn with_header(self, name: header::HeaderName, value: &str) -> Self;
}

impl WithHeader for MetricsResponse {
    fn with_header(mut self, name: header::HeaderName, value: &str) -> Self {
        // Every value passed here is ASCII text built by this module.
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers_mut().insert(name, value);
        }
        self
    }
}
