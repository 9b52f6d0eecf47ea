//! The standalone exporter: a small HTTP/1.1 server that answers only
//! [`MetricsHandler`], with limits that keep misbehaving clients cheap.

use std::{
    future::Future,
    io,
    net::{Ipv4Addr, SocketAddr},
    sync::Arc,
    time::Duration,
};

use hyper::{server::conn::http1, service::service_fn};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use tokio::{
    net::TcpListener,
    sync::{oneshot, Semaphore},
    task::{JoinHandle, JoinSet},
};

use super::{Auth, MetricsHandler, MetricsSource};

/// The address the exporter listens on unless told otherwise: loopback only,
/// on the port registered for Prometheus exporters of this kind (9464).
/// Serving other hosts takes an explicit [`Exporter::address`], e.g.
/// `0.0.0.0:9464` inside a container.
pub const DEFAULT_ADDRESS: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), 9464);

/// hyper's smallest allowed read buffer, which bounds the request head.
const MIN_HEADER_BYTES: usize = 8192;

/// Configuration of a standalone `/metrics` server; [`Exporter::bind`] starts it.
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// use x0tta_metrics::exporter::{Auth, Exporter};
///
/// let metrics = x0tta_metrics::Metrics::new().expect("fresh registry");
/// let running = Exporter::new(metrics.registry())
///     .auth(Auth::bearer(std::env::var("METRICS_TOKEN").unwrap_or_default()))
///     .bind()
///     .await?;
/// println!("serving {}", running.url());
/// running.shutdown().await;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Exporter {
    address: SocketAddr,
    handler: MetricsHandler,
    header_read_timeout: Duration,
    max_header_bytes: usize,
    max_connections: usize,
    shutdown_grace: Duration,
}

impl Exporter {
    /// An exporter of `source` with the defaults: [`DEFAULT_ADDRESS`], path
    /// `/metrics`, no authentication, request heads up to 16 KiB read within
    /// 10 s, request bodies refused over 4 KiB, at most 256 connections at
    /// once, 5 s for in-flight scrapes to finish on shutdown.
    pub fn new(source: impl Into<MetricsSource>) -> Self {
        Exporter {
            address: DEFAULT_ADDRESS,
            handler: MetricsHandler::new(source),
            header_read_timeout: Duration::from_secs(10),
            max_header_bytes: 16 * 1024,
            max_connections: 256,
            shutdown_grace: Duration::from_secs(5),
        }
    }

    /// Listens on `address` (port 0 picks a free port; see [`RunningExporter::local_addr`]).
    pub fn address(mut self, address: SocketAddr) -> Self {
        self.address = address;
        self
    }

    /// Serves on `path` instead of `/metrics`.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.handler = self.handler.with_path(path);
        self
    }

    /// Requires these credentials on every request (401 otherwise).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.handler = self.handler.with_auth(auth);
        self
    }

    /// Closes a connection whose request head is not complete `timeout` after
    /// it started (slow or stalled clients).
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// Answers 431 and closes when a request head exceeds `bytes` (at least 8192).
    pub fn max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes;
        self
    }

    /// Refuses requests that declare a body over `bytes` with 413.
    pub fn max_body_bytes(mut self, bytes: u64) -> Self {
        self.handler = self.handler.with_max_body_bytes(bytes);
        self
    }

    /// Accepts at most `connections` open connections; further clients wait
    /// in the listen backlog.
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.max_connections = connections;
        self
    }

    /// How long [`RunningExporter::shutdown`] lets in-flight requests finish
    /// before closing their connections.
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.shutdown_grace = grace;
        self
    }

    /// The handler this exporter serves, to mount in another application.
    pub fn handler(&self) -> MetricsHandler {
        self.handler.clone()
    }

    /// Binds the listener and serves on a task of the current tokio runtime
    /// until [`RunningExporter::shutdown`] (or until it is dropped, which
    /// stops it at once).
    pub async fn bind(self) -> io::Result<RunningExporter> {
        self.validate()?;
        let listener = TcpListener::bind(self.address).await?;
        let local_addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let path = self.handler.path().to_owned();
        let task = tokio::spawn(self.accept_loop(listener, async {
            // A dropped sender stops the server as a sent signal does.
            let _ = stopped.await;
        }));
        Ok(RunningExporter {
            local_addr,
            path,
            stop: Some(stop),
            task,
        })
    }

    /// Binds and serves in the calling task until `signal` completes, then
    /// shuts down gracefully.
    pub async fn serve_until(self, signal: impl Future<Output = ()> + Send) -> io::Result<()> {
        self.validate()?;
        let listener = TcpListener::bind(self.address).await?;
        self.accept_loop(listener, signal).await;
        Ok(())
    }

    fn validate(&self) -> io::Result<()> {
        let invalid = |message: String| Err(io::Error::new(io::ErrorKind::InvalidInput, message));
        if self.max_header_bytes < MIN_HEADER_BYTES {
            return invalid(format!(
                "max_header_bytes is {}, must be at least {MIN_HEADER_BYTES}",
                self.max_header_bytes
            ));
        }
        if self.max_connections == 0 {
            return invalid("max_connections must be at least 1".to_owned());
        }
        if !self.handler.path().starts_with('/') {
            return invalid(format!(
                "path {:?} must start with '/'",
                self.handler.path()
            ));
        }
        Ok(())
    }

    async fn accept_loop(self, listener: TcpListener, signal: impl Future<Output = ()>) {
        let slots = Arc::new(Semaphore::new(self.max_connections));
        let graceful = GracefulShutdown::new();
        let mut connections = JoinSet::new();
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(self.header_read_timeout)
            .max_buf_size(self.max_header_bytes)
            .keep_alive(true);
        tokio::pin!(signal);
        loop {
            let accepted = tokio::select! {
                () = &mut signal => break,
                Some(_) = connections.join_next(), if !connections.is_empty() => continue,
                slot = Arc::clone(&slots).acquire_owned() => match slot {
                    Ok(slot) => tokio::select! {
                        () = &mut signal => break,
                        accepted = listener.accept() => accepted.map(|(stream, _)| (stream, slot)),
                    },
                    Err(_) => break, // the semaphore is never closed
                },
            };
            let (stream, slot) = match accepted {
                Ok(accepted) => accepted,
                // Per-connection failures (a reset before accept, too many
                // open files): back off briefly instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let handler = self.handler.clone();
            let service = service_fn(move |request| {
                let response = handler.respond(&request);
                async move { Ok::<_, std::convert::Infallible>(response) }
            });
            let connection =
                graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
            connections.spawn(async move {
                // A client that misbehaves or disconnects ends only its own
                // connection; there is nothing to tell it.
                let _ = connection.await;
                drop(slot);
            });
        }
        drop(listener);
        if tokio::time::timeout(self.shutdown_grace, graceful.shutdown())
            .await
            .is_err()
        {
            connections.abort_all();
        }
        while connections.join_next().await.is_some() {}
    }
}

/// A running exporter started by [`Exporter::bind`].
#[derive(Debug)]
pub struct RunningExporter {
    local_addr: SocketAddr,
    path: String,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl RunningExporter {
    /// The address actually bound (with the real port when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The scrape URL, e.g. `http://127.0.0.1:9464/metrics`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.local_addr, self.path)
    }

    /// Stops accepting, lets in-flight requests finish (up to the shutdown
    /// grace), closes idle connections, and returns when all are closed.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for RunningExporter {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `source` on `address` until the process ends: the one-line
/// exporter. Use [`Exporter`] for authentication, limits or shutdown.
pub async fn serve(address: SocketAddr, source: impl Into<MetricsSource>) -> io::Result<()> {
    Exporter::new(source)
        .address(address)
        .serve_until(std::future::pending())
        .await
}
