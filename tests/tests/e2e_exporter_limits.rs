//! Each connection limit of the exporter, over real loopback TCP: a client
//! that sends nothing, one that stops reading, a keep-alive connection idle
//! longer than the header timeout, shedding at the connection cap and in
//! the pool of silent connections, shutdown with a half-sent request, and
//! gzip refused with `gzip;q=0, *`.

use std::{
    io::{ErrorKind, Read, Write},
    net::{SocketAddr, TcpStream},
    time::{Duration, Instant},
};

use x0tta_metrics::exporter::Exporter;
use x0tta_metrics_tests::e2e::{
    exporter::{catalogue, large_catalogue, start},
    http::{get, request, Connection},
};

/// How long until the server closes `stream` (reads and discards whatever
/// it sends); panics if it is still open after `limit`.
fn time_until_closed(stream: &mut TcpStream, limit: Duration) -> Duration {
    let start = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");
    let mut sink = [0u8; 4096];
    loop {
        match stream.read(&mut sink) {
            Ok(0) => return start.elapsed(),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return start.elapsed(), // reset
        }
        assert!(start.elapsed() < limit, "still open after {limit:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_connection_is_closed_after_the_first_byte_timeout() {
    let running = start(
        Exporter::new(catalogue().registry())
            .first_byte_timeout(Duration::from_millis(500))
            .header_read_timeout(Duration::from_secs(30)),
    )
    .await;
    let addr = running.local_addr();
    let closed_after = tokio::task::spawn_blocking(move || {
        let mut silent = TcpStream::connect(addr).expect("connect");
        time_until_closed(&mut silent, Duration::from_secs(5))
    })
    .await
    .expect("silent client");
    assert!(
        closed_after >= Duration::from_millis(400) && closed_after < Duration::from_secs(3),
        "closed after {closed_after:?}"
    );
    running.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_alive_outlives_the_header_timeout() {
    let running = start(
        Exporter::new(catalogue().registry())
            .first_byte_timeout(Duration::from_millis(300))
            .header_read_timeout(Duration::from_millis(300)),
    )
    .await;
    let mut connection = Connection::open(running.local_addr())
        .await
        .expect("connect");
    for _ in 0..2 {
        let response = connection
            .send("GET", "/metrics", &[])
            .await
            .expect("scrape on the kept connection");
        assert_eq!(response.status, 200);
        // Idle between scrapes for longer than both short limits.
        tokio::time::sleep(Duration::from_millis(1200)).await;
    }
    running.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_closed_after_the_write_timeout() {
    let running =
        start(Exporter::new(large_catalogue().registry()).write_timeout(Duration::from_secs(1)))
            .await;
    let addr = running.local_addr();
    let closed_after = tokio::task::spawn_blocking(move || {
        let mut reader = TcpStream::connect(addr).expect("connect");
        // Pipelined requests, none of the responses read: far more
        // response bytes than the loopback socket buffers hold.
        let requests = b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".repeat(500);
        reader.write_all(&requests).expect("send");
        std::thread::sleep(Duration::from_secs(2));
        // The server gave up on it: what it wrote ends, then EOF or reset.
        time_until_closed(&mut reader, Duration::from_secs(5))
    })
    .await
    .expect("non-reading client");
    assert!(closed_after < Duration::from_secs(5));
    assert_eq!(get(addr, "/metrics").await.expect("scrape").status, 200);
    running.shutdown().await;
}

/// Sends one scrape on a raw connection and reads its whole response,
/// leaving the connection open and idle (kept alive).
fn scrape_and_keep(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("send");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("response head");
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).expect("ASCII head");
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().to_owned())
        })
        .and_then(|v| v.parse().ok())
        .expect("content-length");
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).expect("response body");
    stream
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_cap_the_longest_idle_connection_makes_room_for_a_scraper() {
    let running = start(Exporter::new(catalogue().registry()).max_connections(4)).await;
    let addr = running.local_addr();
    // Four kept-alive connections hold all four slots.
    let kept = tokio::task::spawn_blocking(move || {
        (0..4)
            .map(|_| {
                let stream = scrape_and_keep(addr);
                std::thread::sleep(Duration::from_millis(50));
                stream
            })
            .collect::<Vec<_>>()
    })
    .await
    .expect("kept-alive clients");
    let started = Instant::now();
    let response = tokio::time::timeout(Duration::from_secs(2), get(addr, "/metrics"))
        .await
        .expect("scrape within 2 s at the cap")
        .expect("scrape");
    assert_eq!(response.status, 200);
    assert!(started.elapsed() < Duration::from_secs(2));
    // The connection idle the longest was the one closed; the newest kept.
    let mut kept = kept.into_iter();
    let mut oldest = kept.next().expect("oldest");
    let mut newest = kept.last().expect("newest");
    tokio::task::spawn_blocking(move || {
        time_until_closed(&mut oldest, Duration::from_secs(2));
        newest
            .set_read_timeout(Some(Duration::from_millis(300)))
            .expect("timeout");
        let mut byte = [0u8; 1];
        let still_open = matches!(
            newest.read(&mut byte),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
        );
        assert!(
            still_open,
            "the newest kept-alive connection was closed too"
        );
    })
    .await
    .expect("oldest closed, newest open");
    running.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_connections_hold_no_slot_and_the_oldest_makes_room() {
    let running = start(
        Exporter::new(catalogue().registry())
            .max_connections(1)
            .max_silent_connections(3)
            .first_byte_timeout(Duration::from_secs(60)),
    )
    .await;
    let addr = running.local_addr();
    let silent: Vec<TcpStream> = (0..3)
        .map(|_| TcpStream::connect(addr).expect("connect"))
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Three silent connections and a cap of one: a scraper is served.
    let response = tokio::time::timeout(Duration::from_secs(2), get(addr, "/metrics"))
        .await
        .expect("scrape within 2 s")
        .expect("scrape");
    assert_eq!(response.status, 200);
    // It passed through the full silent pool, closing the oldest.
    let mut oldest = silent.into_iter().next().expect("oldest");
    tokio::task::spawn_blocking(move || time_until_closed(&mut oldest, Duration::from_secs(2)))
        .await
        .expect("oldest silent connection closed");
    running.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_request_does_not_hold_up_shutdown() {
    let running =
        start(Exporter::new(catalogue().registry()).shutdown_grace(Duration::from_secs(10))).await;
    let addr: SocketAddr = running.local_addr();
    let mut half = TcpStream::connect(addr).expect("connect");
    half.write_all(b"GET /metr")
        .expect("send half a request line");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    tokio::time::timeout(Duration::from_secs(10), running.shutdown())
        .await
        .expect("shutdown");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "shutdown took {:?} with a half-sent request",
        started.elapsed()
    );
}

#[tokio::test]
async fn gzip_refused_explicitly_is_not_granted_by_a_wildcard() {
    let running = start(Exporter::new(catalogue().registry())).await;
    let addr = running.local_addr();
    for (accept, gzip) in [
        ("gzip;q=0, *", false),
        ("*", true),
        ("identity, *;q=0.5", true),
    ] {
        let response = request(addr, "GET", "/metrics", &[("accept-encoding", accept)])
            .await
            .expect("scrape");
        assert_eq!(
            response.header("content-encoding") == Some("gzip"),
            gzip,
            "{accept}"
        );
    }
    running.shutdown().await;
}
