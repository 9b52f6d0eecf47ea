//! The exporter over real loopback HTTP: format, compression, methods,
//! paths, limits, authentication, misbehaving clients, graceful shutdown,
//! and the handler mounted in an axum application.

use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    time::Duration,
};

use x0tta_metrics::{
    exporter::{Auth, Exporter, MetricsHandler, TEXT_FORMAT_CONTENT_TYPE},
    prometheus::{IntCounter, Registry},
};
use x0tta_metrics_tests::e2e::{
    exporter::{catalogue, large_catalogue, start},
    http::{get, request},
};

#[tokio::test]
async fn get_serves_the_text_format_and_gzip_when_asked() {
    let metrics = catalogue();
    let running = start(Exporter::new(metrics.registry())).await;
    let addr = running.local_addr();

    let plain = get(addr, "/metrics").await.expect("scrape");
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-type"), Some(TEXT_FORMAT_CONTENT_TYPE));
    assert_eq!(plain.header("content-encoding"), None);
    let text = plain.text();
    assert!(
        text.contains("x0tta6bl4_mapek_knowledge_base_size_entries 1234\n"),
        "{text}"
    );
    assert_eq!(
        text,
        x0tta_metrics::encode_text(metrics.registry()).expect("encode")
    );

    let compressed = request(addr, "GET", "/metrics", &[("accept-encoding", "gzip")])
        .await
        .expect("scrape");
    assert_eq!(compressed.header("content-encoding"), Some("gzip"));
    assert_eq!(compressed.header("vary"), Some("Accept, Accept-Encoding"));
    let mut inflated = String::new();
    flate2::read::GzDecoder::new(&compressed.body[..])
        .read_to_string(&mut inflated)
        .expect("valid gzip");
    assert_eq!(inflated, text);

    let refused = request(
        addr,
        "GET",
        "/metrics",
        &[("accept-encoding", "gzip;q=0, br")],
    )
    .await
    .expect("scrape");
    assert_eq!(refused.header("content-encoding"), None);
    running.shutdown().await;
}

#[tokio::test]
async fn openmetrics_is_served_when_the_scraper_asks_for_it() {
    let metrics = catalogue();
    let running = start(Exporter::new(metrics.clone())).await;
    let addr = running.local_addr();
    // The Accept header Prometheus 2.42 sends.
    let accept = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    let response = request(addr, "GET", "/metrics", &[("accept", accept)])
        .await
        .expect("scrape");
    assert_eq!(
        response.header("content-type"),
        Some(x0tta_metrics::exposition::openmetrics::MIME_TYPE)
    );
    let text = response.text();
    assert!(text.ends_with("# EOF\n"));
    assert!(text.contains("x0tta6bl4_mapek_knowledge_base_size_entries 1234\n"));
    assert_eq!(text, metrics.encode_openmetrics());

    // A registry source has only the text format: asked for OpenMetrics, it
    // says what it sends.
    let registry = start(Exporter::new(metrics.registry())).await;
    let response = request(
        registry.local_addr(),
        "GET",
        "/metrics",
        &[("accept", accept)],
    )
    .await
    .expect("scrape");
    assert_eq!(
        response.header("content-type"),
        Some(TEXT_FORMAT_CONTENT_TYPE)
    );
    registry.shutdown().await;
    running.shutdown().await;
}

#[tokio::test]
async fn head_other_paths_other_methods_and_bodies_get_their_statuses() {
    let metrics = catalogue();
    let running = start(Exporter::new(metrics.registry())).await;
    let addr = running.local_addr();

    let full_length = get(addr, "/metrics")
        .await
        .expect("get")
        .body
        .len()
        .to_string();
    let head = request(addr, "HEAD", "/metrics", &[]).await.expect("head");
    assert_eq!((head.status, head.body.len()), (200, 0));
    assert_eq!(head.header("content-length"), Some(full_length.as_str()));
    assert_eq!(head.header("content-type"), Some(TEXT_FORMAT_CONTENT_TYPE));

    for path in ["/", "/metric", "/metrics/", "/other"] {
        let response = get(addr, path).await.expect("get");
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.text().contains("x0tta6bl4_"), "{path}");
    }
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let response = request(addr, method, "/metrics", &[])
            .await
            .expect("request");
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.header("allow"), Some("GET, HEAD"), "{method}");
    }
    let big = request(addr, "GET", "/metrics", &[("content-length", "1000000")]).await;
    assert_eq!(big.expect("answer before the body").status, 413);
    running.shutdown().await;
}

#[tokio::test]
async fn wrong_or_missing_credentials_get_401_and_nothing_else() {
    let metrics = catalogue();
    for (auth, good, bad) in [
        (
            Auth::bearer("t0ken-xyz").expect("token"),
            "Bearer t0ken-xyz",
            "Bearer t0ken-xyZ",
        ),
        (
            Auth::basic("prometheus", "pa:ss").expect("pair"),
            "Basic cHJvbWV0aGV1czpwYTpzcw==",
            "Basic cHJvbWV0aGV1czpwYXNz",
        ),
    ] {
        let running = start(Exporter::new(metrics.registry()).auth(auth)).await;
        let addr = running.local_addr();
        for headers in [
            vec![],
            vec![("authorization", bad)],
            vec![("authorization", "Bearer")],
        ] {
            for (method, path) in [
                ("GET", "/metrics"),
                ("HEAD", "/metrics"),
                ("GET", "/elsewhere"),
                ("POST", "/metrics"),
            ] {
                let denied = request(addr, method, path, &headers)
                    .await
                    .expect("request");
                assert_eq!(denied.status, 401, "{method} {path} {headers:?}");
                assert!(denied.body.is_empty(), "401 must carry no body");
                assert!(denied.header("www-authenticate").is_some());
                let echoed = denied.headers.iter().any(|(_, v)| {
                    v.to_str()
                        .is_ok_and(|v| v.contains("t0ken") || v.contains("pa:ss"))
                });
                assert!(!echoed, "credentials echoed: {:?}", denied.headers);
            }
        }
        let allowed = request(addr, "GET", "/metrics", &[("authorization", good)])
            .await
            .expect("scrape");
        assert_eq!(allowed.status, 200);
        assert!(allowed
            .text()
            .contains("x0tta6bl4_mapek_knowledge_base_size_entries 1234"));
        running.shutdown().await;
    }
}

/// A raw TCP client that writes `bytes` and returns what the server sent
/// back before closing (or until `read_timeout`).
fn raw_exchange(addr: SocketAddr, bytes: &[u8], read_timeout: Duration) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(read_timeout))
        .expect("timeout");
    let _ = stream.write_all(bytes);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    answer
}

/// Scrapes `addr` in a loop until `stop`; returns how many succeeded, and
/// fails on the first scrape that does not.
async fn scrape_until(addr: SocketAddr, stop: tokio::sync::watch::Receiver<bool>) -> usize {
    let mut done = 0;
    while !*stop.borrow() {
        let response = get(addr, "/metrics")
            .await
            .expect("concurrent scrape failed");
        assert_eq!(response.status, 200);
        assert!(response
            .text()
            .contains("x0tta6bl4_mapek_knowledge_base_size_entries 1234"));
        done += 1;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    done
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn misbehaving_clients_are_dropped_without_disturbing_scrapes() {
    let metrics = large_catalogue();
    let running =
        start(Exporter::new(metrics.registry()).header_read_timeout(Duration::from_secs(1))).await;
    let addr = running.local_addr();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let scraper = tokio::spawn(scrape_until(addr, stopped));

    let bad_clients = tokio::task::spawn_blocking(move || {
        // Malformed request line.
        let answer = raw_exchange(addr, b"THIS IS NOT HTTP\r\n\r\n", Duration::from_secs(5));
        assert!(
            answer.is_empty() || answer.starts_with(b"HTTP/1.1 400"),
            "{}",
            String::from_utf8_lossy(&answer)
        );

        // A 64 KiB header (the limit is 16 KiB).
        let mut oversized = b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Filler: ".to_vec();
        oversized.extend(std::iter::repeat_n(b'a', 64 * 1024));
        oversized.extend_from_slice(b"\r\n\r\n");
        let answer = raw_exchange(addr, &oversized, Duration::from_secs(5));
        assert!(
            answer.is_empty() || answer.starts_with(b"HTTP/1.1 431"),
            "{}",
            String::from_utf8_lossy(&answer)
        );

        // One byte every 300 ms: the 1 s header timeout closes the
        // connection long before the 40-byte request is complete.
        let slow = b"GET /metrics HTTP/1.1\r\nHost: slowloris\r\n\r\n";
        let mut stream = TcpStream::connect(addr).expect("connect");
        let mut sent = 0;
        for byte in slow {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            sent += 1;
            std::thread::sleep(Duration::from_millis(300));
        }
        stream
            .set_read_timeout(Some(Duration::from_secs(2)))
            .expect("timeout");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        assert!(
            !answer.starts_with(b"HTTP/1.1 200"),
            "the slow client was served"
        );
        assert!(sent < slow.len(), "the slow client was never cut off");

        // Disconnect after the first bytes of a large response.
        for _ in 0..5 {
            let mut stream = TcpStream::connect(addr).expect("connect");
            stream
                .write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                .expect("send");
            let mut first = [0u8; 64];
            stream.read_exact(&mut first).expect("response starts");
            assert!(first.starts_with(b"HTTP/1.1 200"));
            drop(stream);
        }
    });
    bad_clients.await.expect("bad-client checks");
    stop.send(true).expect("stop scraper");
    let scrapes = scraper.await.expect("scraper");
    assert!(scrapes > 0, "no concurrent scrape ran");
    let after = get(addr, "/metrics")
        .await
        .expect("scrape after the bad clients");
    assert_eq!(after.status, 200);
    running.shutdown().await;
}

#[tokio::test]
async fn shutdown_finishes_and_stops_listening() {
    let metrics = catalogue();
    let running = start(Exporter::new(metrics.registry())).await;
    let addr = running.local_addr();
    // An idle keep-alive connection must not hold shutdown up.
    let mut idle = x0tta_metrics_tests::e2e::http::Connection::open(addr)
        .await
        .expect("connect");
    assert_eq!(
        idle.send("GET", "/metrics", &[])
            .await
            .expect("scrape")
            .status,
        200
    );
    tokio::time::timeout(Duration::from_secs(10), running.shutdown())
        .await
        .expect("graceful shutdown completes");
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still accepting after shutdown"
    );
    assert!(
        idle.send("GET", "/metrics", &[]).await.is_err(),
        "idle connection still served"
    );
}

#[tokio::test]
async fn bad_configuration_is_an_error_not_a_panic() {
    let registry = Registry::new();
    let small = Exporter::new(&registry)
        .address("127.0.0.1:0".parse().unwrap())
        .max_header_bytes(1024)
        .bind()
        .await;
    assert!(small.unwrap_err().to_string().contains("at least 8192"));
    let no_slash = Exporter::new(&registry)
        .address("127.0.0.1:0".parse().unwrap())
        .path("metrics")
        .bind()
        .await;
    assert!(no_slash
        .unwrap_err()
        .to_string()
        .contains("must start with '/'"));
}

#[tokio::test]
async fn the_handler_serves_inside_an_axum_application() {
    let registry = Registry::new();
    let counter = IntCounter::new("x0tta6bl4_axum_demo_total", "Requests to the axum demo.")
        .expect("counter");
    registry
        .register(Box::new(counter.clone()))
        .expect("register");
    counter.inc_by(7);
    let scrape = MetricsHandler::new(&registry);
    let app = axum::Router::new()
        .route("/", axum::routing::get(|| async { "app" }))
        .route(
            "/metrics",
            axum::routing::any(move |request: axum::extract::Request| async move {
                scrape.respond(&request)
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let metrics = get(addr, "/metrics").await.expect("scrape");
    assert_eq!(metrics.status, 200);
    assert_eq!(
        metrics.header("content-type"),
        Some(TEXT_FORMAT_CONTENT_TYPE)
    );
    assert!(metrics.text().contains("x0tta6bl4_axum_demo_total 7\n"));
    assert_eq!(get(addr, "/").await.expect("app route").text(), "app");
    assert_eq!(
        request(addr, "DELETE", "/metrics", &[])
            .await
            .expect("delete")
            .status,
        405
    );
    server.abort();
}
