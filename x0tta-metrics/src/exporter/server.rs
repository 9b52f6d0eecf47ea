//! The standalone exporter: a small HTTP/1.1 server that answers only
//! [`MetricsHandler`], with limits that keep misbehaving clients cheap.

use std::{
    future::Future,
    io,
    net::{Ipv4Addr, SocketAddr},
    sync::Arc,
    time::Duration,
};

use hyper::server::conn::http1;
use hyper_util::rt::TokioTimer;
use tokio::{
    net::{TcpListener, TcpSocket},
    sync::{oneshot, watch, Semaphore},
    task::{JoinHandle, JoinSet},
};

use super::{
    connections::{self, Shared},
    progress::Limits,
    slots::{Silent, Slots},
    Auth, MetricsHandler, MetricsSource,
};

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
/// Every limit below has a default chosen so that no client, however it
/// behaves, can keep a scraper out:
///
/// | limit | default | closes a connection that… |
/// |---|---|---|
/// | [`first_byte_timeout`](Exporter::first_byte_timeout) | 3 s | connected and sent nothing |
/// | [`header_read_timeout`](Exporter::header_read_timeout) | 10 s | started a request head and did not finish it |
/// | [`keep_alive_timeout`](Exporter::keep_alive_timeout) | 180 s | sits idle between requests |
/// | [`write_timeout`](Exporter::write_timeout) | 10 s | took no byte of its response for that long |
/// | [`max_silent_connections`](Exporter::max_silent_connections) | 1024 | — when full, the oldest connection that sent nothing is closed for a new one |
/// | [`max_connections`](Exporter::max_connections) | 256 | — at the cap, the longest idle or stalled connection is closed for a client that sent its request |
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use x0tta_metrics::exporter::{Auth, Exporter};
///
/// let metrics = x0tta_metrics::Metrics::new().expect("fresh registry");
/// // No token configured is an error, not an exporter nobody can scrape.
/// let token = std::env::var("METRICS_TOKEN")?;
/// let running = Exporter::new(metrics.registry())
///     .auth(Auth::bearer(token)?)
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
    limits: Limits,
    max_header_bytes: usize,
    max_connections: usize,
    max_silent_connections: usize,
    listen_backlog: u32,
    admission_wait: Duration,
    max_concurrent_renders: usize,
    shutdown_grace: Duration,
}

impl Exporter {
    /// An exporter of `source` with the defaults: [`DEFAULT_ADDRESS`], path
    /// `/metrics`, no authentication, the limits in the table above, 1 s
    /// without progress before a busy connection may be shed, 2 s of
    /// waiting for a slot, request heads up to 16 KiB, request bodies
    /// refused over 4 KiB, a listen backlog of 1024, as many bodies
    /// rendered at once as there are CPUs, and 5 s for in-flight scrapes to
    /// finish on shutdown.
    pub fn new(source: impl Into<MetricsSource>) -> Self {
        Exporter {
            address: DEFAULT_ADDRESS,
            handler: MetricsHandler::new(source),
            limits: Limits {
                first_byte: Duration::from_secs(3),
                header_read: Duration::from_secs(10),
                keep_alive_idle: Duration::from_secs(180),
                write_stall: Duration::from_secs(10),
                shed_stalled_after: Duration::from_secs(1),
            },
            max_header_bytes: 16 * 1024,
            max_connections: 256,
            max_silent_connections: 1024,
            listen_backlog: 1024,
            admission_wait: Duration::from_secs(2),
            max_concurrent_renders: std::thread::available_parallelism().map_or(2, |n| n.get()),
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

    /// Closes a connection that sends nothing within `timeout` of being
    /// accepted (default 3 s; scrapers send their request at once).
    pub fn first_byte_timeout(mut self, timeout: Duration) -> Self {
        self.limits.first_byte = timeout;
        self
    }

    /// Closes a connection whose request head is not complete `timeout`
    /// after its first byte arrived (slow or stalled clients; default 10 s).
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.header_read = timeout;
        self
    }

    /// Closes a keep-alive connection idle for `timeout` between requests
    /// (default 180 s: longer than Prometheus' default 1 min scrape
    /// interval, so a scraper keeps its connection from one scrape to the
    /// next).
    pub fn keep_alive_timeout(mut self, timeout: Duration) -> Self {
        self.limits.keep_alive_idle = timeout;
        self
    }

    /// Closes a connection when no byte of its response could be written
    /// for `timeout` (a client that stopped reading; default 10 s, the
    /// default Prometheus scrape timeout).
    pub fn write_timeout(mut self, timeout: Duration) -> Self {
        self.limits.write_stall = timeout;
        self
    }

    /// How long a connection must have moved no byte before it may be shed
    /// for a new client at the connection cap (default 1 s). Connections
    /// waiting for a request may always be shed.
    pub fn shed_stalled_after(mut self, stall: Duration) -> Self {
        self.limits.shed_stalled_after = stall;
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

    /// Serves at most `connections` at once (default 256). A connection
    /// holds one of these slots from its first byte on; a client whose
    /// bytes arrive at the cap takes the place of a connection that
    /// pipelines requests (scrapers never do), else of the one idle
    /// (waiting for a request) or stalled (see
    /// [`Exporter::shed_stalled_after`]) the longest, or waits for one (see
    /// [`Exporter::admission_wait`]).
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.max_connections = connections;
        self
    }

    /// Keeps at most `connections` that have not sent a byte yet (default
    /// 1024), each for at most the [first-byte timeout](Exporter::first_byte_timeout).
    /// They hold no serving slot; when this many wait, the oldest is closed
    /// for a new one.
    pub fn max_silent_connections(mut self, connections: usize) -> Self {
        self.max_silent_connections = connections;
        self
    }

    /// The listen backlog: connections the kernel completes and queues
    /// before they are accepted (default 1024; Linux caps it at
    /// `net.core.somaxconn`). Sized for bursts of reconnecting clients.
    pub fn listen_backlog(mut self, backlog: u32) -> Self {
        self.listen_backlog = backlog;
        self
    }

    /// How long a client whose bytes arrive at the connection cap, with
    /// nothing to shed, waits for a connection to close or stall before it
    /// is closed (default 2 s). Waiting clients get slots in arrival order.
    pub fn admission_wait(mut self, wait: Duration) -> Self {
        self.admission_wait = wait;
        self
    }

    /// At most `renders` bodies are rendered and compressed at once, on
    /// tokio's blocking pool (default: the number of CPUs).
    pub fn max_concurrent_renders(mut self, renders: usize) -> Self {
        self.max_concurrent_renders = renders;
        self
    }

    /// How long [`RunningExporter::shutdown`] lets in-flight responses
    /// finish before closing their connections. Connections with no
    /// response under way are closed at once.
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
        let listener = self.listen()?;
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
        let listener = self.listen()?;
        self.accept_loop(listener, signal).await;
        Ok(())
    }

    fn listen(&self) -> io::Result<TcpListener> {
        let socket = if self.address.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        // As std's TcpListener::bind does: a restarted exporter can rebind
        // while old connections linger in TIME_WAIT.
        socket.set_reuseaddr(true)?;
        socket.bind(self.address)?;
        socket.listen(self.listen_backlog)
    }

    fn validate(&self) -> io::Result<()> {
        let invalid = |message: String| Err(io::Error::new(io::ErrorKind::InvalidInput, message));
        if self.max_header_bytes < MIN_HEADER_BYTES {
            return invalid(format!(
                "max_header_bytes is {}, must be at least {MIN_HEADER_BYTES}",
                self.max_header_bytes
            ));
        }
        for (name, value) in [
            ("max_connections", self.max_connections),
            ("max_silent_connections", self.max_silent_connections),
            ("listen_backlog", self.listen_backlog as usize),
            ("max_concurrent_renders", self.max_concurrent_renders),
        ] {
            if value == 0 {
                return invalid(format!("{name} must be at least 1"));
            }
        }
        let limits = &self.limits;
        for (name, value) in [
            ("first_byte_timeout", limits.first_byte),
            ("header_read_timeout", limits.header_read),
            ("keep_alive_timeout", limits.keep_alive_idle),
            ("write_timeout", limits.write_stall),
        ] {
            if value.is_zero() {
                return invalid(format!("{name} must be longer than zero"));
            }
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
        let mut http = http1::Builder::new();
        // hyper's own header timeout would also close keep-alive connections
        // idle between scrapes; the per-connection deadlines do both jobs.
        http.timer(TokioTimer::new())
            .header_read_timeout(None)
            .max_buf_size(self.max_header_bytes)
            .keep_alive(true);
        let shared = Shared {
            handler: self.handler,
            http,
            limits: self.limits,
            renders: Arc::new(Semaphore::new(self.max_concurrent_renders)),
            slots: Slots::new(self.max_connections),
            admission_wait: self.admission_wait,
            shutdown_grace: self.shutdown_grace,
        };
        let silent = Silent::new(self.max_silent_connections);
        let (shutdown, shutdown_seen) = watch::channel(false);
        let mut connections = JoinSet::new();
        tokio::pin!(signal);
        loop {
            let accepted = tokio::select! {
                () = &mut signal => break,
                Some(_) = connections.join_next(), if !connections.is_empty() => continue,
                accepted = listener.accept() => accepted,
            };
            let stream = match accepted {
                Ok((stream, _)) => stream,
                // Per-connection failures (a reset before accept, too many
                // open files): back off briefly instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            connections.spawn(connections::serve(
                stream,
                silent.enter(),
                shared.clone(),
                shutdown_seen.clone(),
            ));
        }
        drop(listener);
        let _ = shutdown.send(true);
        // Each connection enforces the grace itself; this bounds the wait
        // should one not notice.
        let all_closed = async { while connections.join_next().await.is_some() {} };
        if tokio::time::timeout(self.shutdown_grace + Duration::from_secs(1), all_closed)
            .await
            .is_err()
        {
            connections.abort_all();
            while connections.join_next().await.is_some() {}
        }
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

    /// Stops accepting, lets in-flight responses finish (up to the shutdown
    /// grace), closes every other connection at once (idle ones, and ones
    /// halfway through a request head), and returns when all are closed.
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
