//! Sustained load on a release build of the demo: 16 clients scraping as
//! fast as they can for 60 s, once over keep-alive connections and once
//! with a new connection per scrape. Prints p50/p99 latency, scrapes per
//! second and the body size for BENCHMARKS.md.
//!
//! Ignored by default (two minutes of two saturated cores); `benches/run.sh`
//! runs it in release mode:
//! `cargo test --release -p x0tta-metrics-tests --test e2e_sustained_load -- --ignored --nocapture`

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use x0tta_metrics_tests::e2e::{
    attack::{Demo, ONE_AT_A_TIME},
    http::{get, Connection},
};

const CLIENTS: usize = 16;
const RUN: Duration = Duration::from_secs(60);

/// One client's scrapes until `until`: their latencies and the last body's size.
async fn client(address: SocketAddr, keep_alive: bool, until: Instant) -> (Vec<Duration>, usize) {
    let mut latencies = Vec::new();
    let mut connection = None;
    let mut body = 0;
    while Instant::now() < until {
        let sent = Instant::now();
        let response = if keep_alive {
            let open = match connection.as_mut() {
                Some(open) => open,
                None => connection.insert(Connection::open(address).await.expect("connect")),
            };
            open.send("GET", "/metrics", &[]).await
        } else {
            get(address, "/metrics").await
        }
        .expect("scrape under sustained load");
        latencies.push(sent.elapsed());
        assert_eq!(response.status, 200);
        body = response.body.len();
    }
    (latencies, body)
}

async fn sustained(keep_alive: bool) {
    let _one_at_a_time = ONE_AT_A_TIME.lock().await;
    let demo = Demo::start().await;
    let until = Instant::now() + RUN;
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| tokio::spawn(client(demo.address, keep_alive, until)))
        .collect();
    let mut latencies = Vec::new();
    let mut body = 0;
    for client in clients {
        let (mine, size) = client.await.expect("client");
        latencies.extend(mine);
        body = size;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |per_mille: usize| latencies[(latencies.len() * per_mille).div_ceil(1000) - 1];
    println!(
        "load: sustained {} s, {CLIENTS} clients, {}: {} scrapes, {:.0} scrapes/s, p50 {:.2?}, p99 {:.2?}, body {body} bytes",
        RUN.as_secs(),
        if keep_alive { "keep-alive" } else { "new connection per scrape" },
        latencies.len(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(500),
        at(990),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "60 s of saturated load; run by benches/run.sh"]
async fn sustained_keep_alive_scrapes() {
    sustained(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "60 s of saturated load; run by benches/run.sh"]
async fn sustained_new_connection_scrapes() {
    sustained(false).await;
}
