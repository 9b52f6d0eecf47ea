//! Load: 2,000 scrapes over 16 keep-alive connections while two threads
//! increment a counter until the scrapes are done. Every scrape succeeds,
//! each connection sees the value rise monotonically, and the final scrape
//! shows exactly the increments the threads made. Throughput and p99 latency are printed, not asserted.

use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use x0tta_metrics::{exporter::Exporter, Metrics, OpResult};
use x0tta_metrics_tests::e2e::http::{get, Connection};

const CONNECTIONS: usize = 16;
const SCRAPES: usize = 2_000;
const SERIES: &str = "x0tta6bl4_storage_operations_total{operation=\"put\",result=\"success\"} ";

fn scraped_value(text: &str) -> u64 {
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix(SERIES))
        .expect("series in scrape");
    line.parse().expect("integer counter")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_scrapes_while_counting_are_all_served_and_exact() {
    let metrics = Metrics::new().expect("fresh registry");
    let running = Exporter::new(metrics.clone())
        .address("127.0.0.1:0".parse().unwrap())
        .bind()
        .await
        .expect("bind");
    let addr = running.local_addr();
    let counting = Arc::new(AtomicBool::new(true));
    let incrementers: Vec<_> = (0..2)
        .map(|_| {
            // Handles borrow their family's cells: a thread takes a clone of
            // `Metrics` (a few reference counts) and looks the series up once.
            let (metrics, counting) = (metrics.clone(), Arc::clone(&counting));
            std::thread::spawn(move || {
                let counter = metrics.storage.storage_operations_total(
                    x0tta_metrics::StorageOperation::Put,
                    OpResult::Success,
                );
                let mut done = 0u64;
                while counting.load(Ordering::Relaxed) {
                    counter.inc();
                    done += 1;
                }
                done
            })
        })
        .collect();

    let started = Instant::now();
    let clients: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            tokio::spawn(async move {
                let mut connection = Connection::open(addr).await.expect("connect");
                let mut latencies = Vec::with_capacity(SCRAPES / CONNECTIONS);
                let mut previous = 0;
                for _ in 0..SCRAPES / CONNECTIONS {
                    let sent = Instant::now();
                    let response = connection
                        .send("GET", "/metrics", &[])
                        .await
                        .expect("scrape failed");
                    latencies.push(sent.elapsed());
                    assert_eq!(response.status, 200);
                    let value = scraped_value(&response.text());
                    assert!(
                        value >= previous,
                        "counter went back from {previous} to {value}"
                    );
                    previous = value;
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(SCRAPES);
    for client in clients {
        latencies.extend(client.await.expect("client task"));
    }
    let elapsed = started.elapsed();
    counting.store(false, Ordering::Relaxed);
    let increments: u64 = incrementers
        .into_iter()
        .map(|t| t.join().expect("incrementer"))
        .sum();

    assert_eq!(latencies.len(), SCRAPES);
    let last = get(addr, "/metrics").await.expect("final scrape");
    assert_eq!(scraped_value(&last.text()), increments);
    let counter = metrics
        .storage
        .storage_operations_total(x0tta_metrics::StorageOperation::Put, OpResult::Success);
    assert_eq!(counter.get(), increments);

    latencies.sort();
    let p99 = latencies[(latencies.len() * 99).div_ceil(100) - 1];
    let p50 = latencies[latencies.len() / 2];
    println!(
        "load: {SCRAPES} scrapes over {CONNECTIONS} connections in {:.2?}: {:.0} scrapes/s, p50 {:.2?}, p99 {:.2?} (body {} bytes, {increments} increments meanwhile)",
        elapsed,
        SCRAPES as f64 / elapsed.as_secs_f64(),
        p50,
        p99,
        last.body.len()
    );
    tokio::time::timeout(Duration::from_secs(10), running.shutdown())
        .await
        .expect("shutdown");
}
