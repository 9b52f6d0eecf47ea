//! What one connection is doing and when it last moved a byte: the clock
//! the connection's deadlines and the accept loop's shedding both read.
//!
//! The clock is fed from two places: [`Tracked`], a wrapper around the
//! socket that sees every read and write, and the service, which marks the
//! start of each response. hyper itself has no notion of "the client stopped
//! reading", so the socket is where that becomes visible.

use std::{
    io,
    pin::Pin,
    sync::{Arc, Mutex, MutexGuard},
    task::{Context, Poll},
    time::Duration,
};

use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::TcpStream,
    sync::Notify,
    time::Instant,
};

/// The per-connection time limits (see the `Exporter` builder for what each
/// means and its default).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub(crate) first_byte: Duration,
    pub(crate) header_read: Duration,
    pub(crate) keep_alive_idle: Duration,
    pub(crate) write_stall: Duration,
    pub(crate) shed_stalled_after: Duration,
}

/// Which connections are shed first at the connection cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ShedOrder {
    /// Sent a request before reading the answer to the previous one.
    /// HTTP/1.1 allows it, but scrapers never do; clients that pipeline and
    /// never read look busy for as long as the socket buffers absorb data.
    Pipelining,
    /// Holds a slot and never started a request.
    Silent,
    /// Moved no byte for a while, mid-request or mid-response.
    Stalled,
    /// Answered, and now idle waiting for its next request.
    KeptAlive,
}

/// Where a connection is in its request/response cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Waiting for the first byte of a request (fresh, or keep-alive idle).
    Awaiting,
    /// Some bytes of a request head have arrived, not the whole head.
    Reading,
    /// A request is being answered: rendered, or its response written.
    Responding,
}

#[derive(Debug)]
struct Clock {
    phase: Phase,
    /// When the current phase began.
    since: Instant,
    /// The last byte read or written.
    last_progress: Instant,
    /// Set when a write found the socket buffer full; cleared by the next
    /// byte written. A client that never reads keeps it set.
    write_blocked_since: Option<Instant>,
    /// Whether a byte of the current response has been written.
    wrote_response: bool,
    /// Responses started on this connection.
    served: u64,
    /// Socket reads that brought bytes since the last response started.
    reads_since_response: u32,
    /// Whether a request was answered that arrived with the one before it.
    pipelined: bool,
}

/// The shared state of one connection.
#[derive(Debug)]
pub(crate) struct Progress {
    clock: Mutex<Clock>,
    shed: Notify,
    /// Signalled when a phase change may have brought the deadline nearer
    /// (the connection's watchdog sleeps until the deadline it last read).
    phase_changed: Notify,
}

impl Progress {
    pub(crate) fn new() -> Arc<Self> {
        let now = Instant::now();
        Arc::new(Progress {
            clock: Mutex::new(Clock {
                phase: Phase::Awaiting,
                since: now,
                last_progress: now,
                write_blocked_since: None,
                wrote_response: false,
                served: 0,
                reads_since_response: 0,
                pipelined: false,
            }),
            shed: Notify::new(),
            phase_changed: Notify::new(),
        })
    }

    fn clock(&self) -> MutexGuard<'_, Clock> {
        // The clock holds plain values that every update leaves consistent,
        // so a panic elsewhere while it was locked leaves it usable.
        self.clock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The service was called: a request head is complete.
    pub(crate) fn response_started(&self) {
        let mut clock = self.clock();
        clock.phase = Phase::Responding;
        clock.since = Instant::now();
        clock.wrote_response = false;
        // No read since the previous request: this one came with it.
        clock.pipelined |= clock.served > 0 && clock.reads_since_response == 0;
        clock.reads_since_response = 0;
        clock.served += 1;
        self.phase_changed.notify_one();
    }

    /// Whether a response is being produced or written (shutdown lets those
    /// finish; anything else is closed at once).
    pub(crate) fn is_responding(&self) -> bool {
        self.clock().phase == Phase::Responding
    }

    fn read(&self, bytes: usize) {
        if bytes == 0 {
            return;
        }
        let mut clock = self.clock();
        let now = Instant::now();
        clock.last_progress = now;
        clock.reads_since_response = clock.reads_since_response.saturating_add(1);
        if clock.phase == Phase::Awaiting {
            clock.phase = Phase::Reading;
            clock.since = now;
            self.phase_changed.notify_one();
        }
    }

    fn wrote(&self, bytes: usize) {
        if bytes == 0 {
            return;
        }
        let mut clock = self.clock();
        clock.last_progress = Instant::now();
        clock.write_blocked_since = None;
        clock.wrote_response = true;
    }

    fn write_blocked(&self) {
        let mut clock = self.clock();
        if clock.write_blocked_since.is_none() {
            clock.write_blocked_since = Some(Instant::now());
            self.phase_changed.notify_one();
        }
    }

    /// hyper flushes after it has handed the socket everything it had: once
    /// that happens after response bytes, the response is out.
    fn flushed(&self) {
        let mut clock = self.clock();
        if clock.phase == Phase::Responding && clock.wrote_response {
            clock.phase = Phase::Awaiting;
            clock.since = Instant::now();
            self.phase_changed.notify_one();
        }
    }

    /// When this connection is to be closed unless it makes progress first.
    pub(crate) fn deadline(&self, limits: &Limits) -> Instant {
        let clock = self.clock();
        if let Some(blocked) = clock.write_blocked_since {
            return blocked + limits.write_stall;
        }
        match clock.phase {
            Phase::Awaiting if clock.served == 0 => clock.since + limits.first_byte,
            Phase::Awaiting => clock.since + limits.keep_alive_idle,
            Phase::Reading => clock.since + limits.header_read,
            Phase::Responding => clock.since.max(clock.last_progress) + limits.write_stall,
        }
    }

    /// If this connection may be closed to make room for a new one, its
    /// rank (the smallest goes first). Sheddable are connections that
    /// pipeline requests, connections waiting for a request, and
    /// connections that moved no byte for `limits.shed_stalled_after`
    /// (clients that stopped reading, or stalled halfway through a request
    /// head). Pipelining connections go first, then ones that never started
    /// a request, then stalled ones, and kept-alive connections that were
    /// answered last — that is how a scraper's connection outlives a flood; within a
    /// kind, the longest inactive goes first.
    pub(crate) fn shed_rank(&self, now: Instant, limits: &Limits) -> Option<(ShedOrder, Instant)> {
        let clock = self.clock();
        if clock.pipelined {
            return Some((ShedOrder::Pipelining, clock.last_progress));
        }
        let active = match clock.phase {
            Phase::Awaiting if clock.write_blocked_since.is_none() => {
                let kind = if clock.served == 0 {
                    ShedOrder::Silent
                } else {
                    ShedOrder::KeptAlive
                };
                return Some((kind, clock.since));
            }
            Phase::Responding => clock.since.max(clock.last_progress),
            Phase::Awaiting | Phase::Reading => clock.last_progress,
        };
        (now.saturating_duration_since(active) >= limits.shed_stalled_after)
            .then_some((ShedOrder::Stalled, active))
    }

    /// Completes when the phase changed since the last call (the deadline
    /// is to be read again).
    pub(crate) async fn phase_changed(&self) {
        self.phase_changed.notified().await;
    }

    /// Asks the connection to close now (it was chosen to be shed).
    pub(crate) fn shed(&self) {
        self.shed.notify_one();
    }

    /// Completes once [`Progress::shed`] was called.
    pub(crate) async fn shed_requested(&self) {
        self.shed.notified().await;
    }
}

/// The socket, reporting every byte moved to its connection's [`Progress`].
#[derive(Debug)]
pub(crate) struct Tracked {
    stream: TcpStream,
    progress: Arc<Progress>,
}

impl Tracked {
    pub(crate) fn new(stream: TcpStream, progress: Arc<Progress>) -> Self {
        Tracked { stream, progress }
    }
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = polled {
            self.progress.read(buf.filled().len() - before);
        }
        polled
    }
}

impl Tracked {
    fn account(&self, polled: Poll<io::Result<usize>>) -> Poll<io::Result<usize>> {
        match &polled {
            Poll::Ready(Ok(written)) => self.progress.wrote(*written),
            Poll::Pending => self.progress.write_blocked(),
            Poll::Ready(Err(_)) => {}
        }
        polled
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.account(polled)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.account(polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.stream).poll_flush(cx);
        if let Poll::Ready(Ok(())) = polled {
            self.progress.flushed();
        }
        polled
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            first_byte: Duration::from_secs(3),
            header_read: Duration::from_secs(10),
            keep_alive_idle: Duration::from_secs(180),
            write_stall: Duration::from_secs(10),
            shed_stalled_after: Duration::from_secs(1),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn each_phase_has_its_own_deadline() {
        let limits = limits();
        let progress = Progress::new();
        let start = Instant::now();
        assert_eq!(progress.deadline(&limits), start + limits.first_byte);
        assert_eq!(
            progress.shed_rank(start, &limits),
            Some((ShedOrder::Silent, start))
        );

        tokio::time::advance(Duration::from_secs(1)).await;
        progress.read(5);
        let reading = Instant::now();
        assert_eq!(progress.deadline(&limits), reading + limits.header_read);
        assert_eq!(progress.shed_rank(reading, &limits), None);

        progress.response_started();
        progress.write_blocked();
        let blocked = Instant::now();
        assert_eq!(progress.deadline(&limits), blocked + limits.write_stall);
        tokio::time::advance(Duration::from_secs(2)).await;
        assert_eq!(
            progress.shed_rank(Instant::now(), &limits),
            Some((ShedOrder::Stalled, blocked))
        );

        progress.wrote(100);
        progress.flushed();
        let idle = Instant::now();
        assert!(!progress.is_responding());
        assert_eq!(progress.deadline(&limits), idle + limits.keep_alive_idle);
        assert_eq!(
            progress.shed_rank(idle, &limits),
            Some((ShedOrder::KeptAlive, idle))
        );

        // A second request with no socket read of its own came with the
        // first one: pipelined.
        progress.response_started();
        assert_eq!(
            progress
                .shed_rank(Instant::now(), &limits)
                .map(|(kind, _)| kind),
            Some(ShedOrder::Pipelining)
        );
    }
}
