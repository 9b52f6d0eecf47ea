//! Cardinality budgets through the generated API: overflow series and their
//! counter, removal, retain, idle expiry, and a stress test of updates,
//! scrapes and evictions running at once with exact totals at the end.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use x0tta_metrics::bounded::OVERFLOW;

mod card {
    x0tta_metrics::metrics_spec!("specs/cardinality.yaml");
}

use card::{Metrics, Outcome};

fn scrape(m: &Metrics) -> String {
    x0tta_metrics::encode_text(m.registry()).expect("TextEncoder")
}

fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l == line)
}

#[test]
fn past_the_budget_new_series_go_to_the_overflow_series_and_are_counted() {
    let m = Metrics::new().expect("register");
    for tenant in 0..20 {
        m.edge.latency_seconds(&format!("t{tenant}")).observe(0.05);
    }
    m.edge.latency_seconds("t0").observe(0.5); // existing series keep working
    let text = scrape(&m);
    assert!(
        has_line(&text, "card_latency_seconds_count{tenant=\"t0\"} 2"),
        "{text}"
    );
    assert!(
        has_line(&text, "card_latency_seconds_count{tenant=\"t7\"} 1"),
        "{text}"
    );
    assert!(!text.contains("tenant=\"t8\""), "{text}");
    let overflow = format!("card_latency_seconds_count{{tenant=\"{OVERFLOW}\"}} 12");
    assert!(has_line(&text, &overflow), "{text}");
    assert!(
        has_line(
            &text,
            "x0tta_metrics_series_overflow_total{metric=\"card_latency_seconds\"} 12"
        ),
        "{text}"
    );
    assert_eq!(m.edge.latency_seconds_family().len(), 8);
    assert_eq!(m.edge.latency_seconds_family().overflowed(), 12);
    // The generated encoder writes the same text, self-metric included.
    assert_eq!(m.encode_text(), text);
}

#[test]
fn closed_labels_keep_their_values_in_the_overflow_series() {
    let m = Metrics::new().expect("register");
    for i in 0..1000 {
        m.edge.requests_total(&format!("/p/{i}"), Outcome::Ok).inc();
    }
    m.edge.requests_total("/late", Outcome::Error).inc_by(3);
    m.edge.requests_total("/later", Outcome::Ok).inc();
    let text = scrape(&m);
    let error = format!("card_requests_total{{outcome=\"error\",path=\"{OVERFLOW}\"}} 3");
    let ok = format!("card_requests_total{{outcome=\"ok\",path=\"{OVERFLOW}\"}} 1");
    assert!(has_line(&text, &error) && has_line(&text, &ok), "{text}");
    // Updates are counted, not increments: two updates overflowed.
    assert!(has_line(
        &text,
        "x0tta_metrics_series_overflow_total{metric=\"card_requests_total\"} 2"
    ));
}

#[test]
fn the_overflow_counter_counts_accessor_calls_routed_to_the_overflow_series() {
    let m = Metrics::new().expect("register");
    for tenant in 0..8 {
        m.edge.latency_seconds(&format!("t{tenant}")).observe(0.05);
    }
    // Within the budget and on existing series: nothing is counted.
    m.edge.latency_seconds("t3").observe(0.05);
    assert_eq!(m.edge.latency_seconds_family().overflowed(), 0);
    // Three calls past the budget, one per update: three counted.
    for tenant in ["late-a", "late-b", "late-a"] {
        m.edge.latency_seconds(tenant).observe(0.5);
    }
    // A handle kept from one call counts once, however often it is used:
    // what is counted is calls routed to the overflow series.
    let kept = m.edge.latency_seconds("late-c");
    kept.observe(0.5);
    kept.observe(0.5);
    let text = scrape(&m);
    assert!(
        has_line(
            &text,
            "x0tta_metrics_series_overflow_total{metric=\"card_latency_seconds\"} 4"
        ),
        "{text}"
    );
    let observations = format!("card_latency_seconds_count{{tenant=\"{OVERFLOW}\"}} 5");
    assert!(has_line(&text, &observations), "{text}");
}

#[test]
fn removing_a_series_frees_its_place_and_retain_filters_by_label_values() {
    let m = Metrics::new().expect("register");
    for tenant in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        m.edge.latency_seconds(tenant).observe(0.001);
    }
    assert!(m.edge.remove_latency_seconds("a"));
    assert!(!m.edge.remove_latency_seconds("a"), "already gone");
    m.edge.latency_seconds("i").observe(0.001); // takes the freed place
    assert_eq!(m.edge.latency_seconds_family().overflowed(), 0);
    let removed = m
        .edge
        .latency_seconds_family()
        .retain(|values| values[0] < "e");
    assert_eq!(removed, 5); // e, f, g, h and i
    let text = scrape(&m);
    let tenants: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("card_latency_seconds_count{"))
        .collect();
    assert_eq!(
        tenants,
        [
            "card_latency_seconds_count{tenant=\"b\"} 1",
            "card_latency_seconds_count{tenant=\"c\"} 1",
            "card_latency_seconds_count{tenant=\"d\"} 1",
        ]
    );
}

#[test]
fn idle_series_are_dropped_at_scrape_and_busy_ones_stay() {
    let m = Metrics::new().expect("register");
    m.edge.node_score("departed").set(0.4);
    m.edge.node_score("staying").set(0.9);
    thread::sleep(Duration::from_millis(300));
    m.edge.node_score("staying").set(0.8); // a use through the accessor
    let text = scrape(&m);
    assert!(
        has_line(&text, "card_node_score{node_id=\"staying\"} 0.8"),
        "{text}"
    );
    assert!(!text.contains("departed"), "{text}");
    assert_eq!(m.edge.node_score_family().len(), 1);
    // A departed node that comes back starts a fresh series.
    m.edge.node_score("departed").set(0.1);
    assert!(has_line(
        &scrape(&m),
        "card_node_score{node_id=\"departed\"} 0.1"
    ));
}

/// Every histogram series of a scrape is whole: cumulative buckets never
/// decrease and `+Inf` equals `_count`.
fn assert_histograms_whole(text: &str) {
    let mut last_bucket: Option<(String, f64)> = None;
    for line in text
        .lines()
        .filter(|l| l.starts_with("card_latency_seconds_"))
    {
        let (series, value) = line.rsplit_once(' ').expect("sample line");
        let value: f64 = value.parse().expect("number");
        if let Some(rest) = series.strip_prefix("card_latency_seconds_bucket{") {
            let labels = rest.split(",le=").next().unwrap_or_default().to_string();
            if let Some((previous_labels, previous)) = &last_bucket {
                if *previous_labels == labels {
                    assert!(value >= *previous, "buckets decrease in {line}");
                }
            }
            last_bucket = Some((labels, value));
        } else if let Some(rest) = series.strip_prefix("card_latency_seconds_count{") {
            let (labels, infinity) = last_bucket.take().expect("buckets before count");
            assert_eq!(
                labels,
                rest.trim_end_matches('}'),
                "count without its buckets"
            );
            assert_eq!(infinity, value, "+Inf bucket differs from count: {line}");
        }
    }
}

fn sample(text: &str, line_start: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(line_start)?.trim().parse().ok())
        .unwrap_or(0.0)
}

#[test]
fn updates_scrapes_and_evictions_at_once_lose_nothing() {
    const THREADS: usize = 4;
    const UPDATES: usize = 20_000;
    let m = Arc::new(Metrics::new().expect("register"));
    let done = Arc::new(AtomicBool::new(false));

    // Scrapes all along: each must parse whole, and totals never go down.
    let scraper = {
        let (m, done) = (Arc::clone(&m), Arc::clone(&done));
        thread::spawn(move || {
            let (mut scrapes, mut last_cycles) = (0, 0.0);
            while !done.load(Ordering::Relaxed) || scrapes == 0 {
                let text = if scrapes % 2 == 0 {
                    m.encode_text()
                } else {
                    scrape(&m)
                };
                assert_histograms_whole(&text);
                let cycles = sample(&text, "card_cycles_total{outcome=\"ok\"}");
                assert!(
                    cycles >= last_cycles,
                    "a counter went down: {last_cycles} → {cycles}"
                );
                last_cycles = cycles;
                scrapes += 1;
            }
            scrapes
        })
    };
    // Series come and go on paths nobody else updates.
    let evictor = {
        let (m, done) = (Arc::clone(&m), Arc::clone(&done));
        thread::spawn(move || {
            let mut round = 0;
            while !done.load(Ordering::Relaxed) {
                let path = format!("/evict/{}", round % 50);
                m.edge.requests_total(&path, Outcome::Error).inc();
                m.edge.remove_requests_total(&path, Outcome::Error);
                round += 1;
            }
        })
    };
    let workers: Vec<_> = (0..THREADS)
        .map(|t| {
            let m = Arc::clone(&m);
            thread::spawn(move || {
                for i in 0..UPDATES {
                    m.edge
                        .requests_total(&format!("/w{t}/{}", i % 100), Outcome::Ok)
                        .inc();
                    m.edge.cycles_total(Outcome::Ok).inc();
                    m.edge
                        .latency_seconds(&format!("tenant-{}", i % 8))
                        .observe(0.05);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("worker");
    }
    done.store(true, Ordering::Relaxed);
    evictor.join().expect("evictor");
    let scrapes = scraper.join().expect("scraper");
    assert!(scrapes > 0);

    let text = scrape(&m);
    assert_histograms_whole(&text);
    let total = (THREADS * UPDATES) as f64;
    assert_eq!(sample(&text, "card_cycles_total{outcome=\"ok\"}"), total);
    let requests: f64 = text
        .lines()
        .filter(|l| l.starts_with("card_requests_total{outcome=\"ok\",path=\"/w"))
        .map(|l| {
            l.rsplit_once(' ')
                .expect("sample")
                .1
                .parse::<f64>()
                .expect("number")
        })
        .sum();
    assert_eq!(requests, total);
    let observed: f64 = (0..8)
        .map(|t| {
            sample(
                &text,
                &format!("card_latency_seconds_count{{tenant=\"tenant-{t}\"}}"),
            )
        })
        .sum();
    assert_eq!(observed, total);
    // 400 worker paths and at most one evicted path at a time: under budget.
    assert_eq!(m.edge.requests_total_family().overflowed(), 0);
    assert_eq!(m.encode_text(), scrape(&m));
}
