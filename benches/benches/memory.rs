//! Target 5: heap bytes per family and per live series, counted by a global
//! allocator that tracks live bytes. Prints a markdown table (no timing).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use x0tta_metrics::prometheus::{IntCounter, IntCounterVec, Opts, Registry};

/// The system allocator, counting the bytes currently allocated.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counter only observes sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live heap bytes that `make` leaves behind while its result is alive.
fn live_bytes<T>(make: impl FnOnce() -> T) -> (isize, T) {
    let before = LIVE.load(Ordering::Relaxed);
    let value = make();
    (LIVE.load(Ordering::Relaxed) - before, value)
}

fn series(registry: &Registry) -> usize {
    registry.gather().iter().map(|f| f.get_metric().len()).sum()
}

fn row(what: &str, bytes: isize, per: &str) {
    println!("| {what} | {bytes} | {per} |");
}

fn main() {
    println!("| what | live heap bytes | per unit |");
    println!("|---|---:|---|");

    let (bytes, catalogue) = live_bytes(|| x0tta_metrics::Metrics::new().expect("catalogue"));
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../metrics-spec.yaml");
    let families = x0tta_metrics_codegen::check_file(spec.as_ref())
        .expect("catalogue")
        .metrics()
        .count();
    let n = series(catalogue.registry());
    row(
        &format!("catalogue `Metrics::new()`: {families} families, {n} series created up front"),
        bytes,
        &format!(
            "{} B/family, {} B/series",
            bytes / families as isize,
            bytes / n as isize
        ),
    );

    let (bytes, scrape) =
        live_bytes(|| x0tta_metrics_benches::scrape::Metrics::new().expect("scrape spec"));
    let n = series(scrape.registry());
    row(
        &format!("scrape spec: 120 counter families, {n} series"),
        bytes,
        &format!("{} B/series", bytes / n as isize),
    );

    let (client_bytes, client) = live_bytes(x0tta_metrics_benches::client_scrape_registry);
    row(
        &format!(
            "the same {n} series on a prometheus-client registry (ratio ours/theirs: {:.2})",
            bytes as f64 / client_bytes as f64
        ),
        client_bytes,
        &format!("{} B/series", client_bytes / n as isize),
    );

    let (bytes, hot) = live_bytes(|| x0tta_metrics_benches::hot::Metrics::new().expect("hot spec"));
    row(
        "sharded counter family, 4 series (8 × 128-byte shards each)",
        bytes,
        &format!("{} B/series", bytes / 4),
    );

    let registry = Registry::new();
    let (bytes, counters) = live_bytes(|| {
        (0..100)
            .map(|i| {
                let counter =
                    IntCounter::new(format!("family_{i:03}_total"), "A family.").expect("counter");
                registry
                    .register(Box::new(counter.clone()))
                    .expect("register");
                counter
            })
            .collect::<Vec<_>>()
    });
    row(
        "100 unlabelled IntCounter families on a Registry",
        bytes,
        &format!("{} B/family", bytes / 100),
    );

    let vec =
        IntCounterVec::new(Opts::new("free_total", "Free-form."), &["endpoint"]).expect("vec");
    let endpoints: Vec<String> = (0..1000).map(|i| format!("/api/v1/item/{i:04}")).collect();
    let (bytes, ()) = live_bytes(|| {
        for endpoint in &endpoints {
            vec.with_label_values(&[endpoint]).inc();
        }
    });
    row(
        "1,000 live series of a free-form family (`with_label_values`)",
        bytes,
        &format!("{} B/series", bytes / 1000),
    );

    // A free-form family under a series budget, fed far past it (issue 7).
    let budget = x0tta_metrics::bounded::Budget {
        max_series: 1000,
        expire_after: None,
    };
    let bounded_registry = Registry::new();
    static BOUNDED: x0tta_metrics::__private0_2::Meta = x0tta_metrics::__private0_2::Meta {
        name: "bounded_total",
        help: "Bounded.",
        kind: x0tta_metrics::__private0_2::MetricKind::Counter,
        labels: x0tta_metrics::__private0_2::LabelSpace {
            names: &["path"],
            values: &[],
        },
        buckets: &[],
        unit: "",
        native: None,
        const_labels: &[],
        headers: "",
    };
    let (bytes, bounded) = live_bytes(|| {
        let family = x0tta_metrics::bounded::BoundedFamily::<x0tta_metrics::IntCounter>::new(
            &BOUNDED,
            budget,
            ("overflow_total", "Overflowed."),
        )
        .expect("family");
        bounded_registry
            .register(Box::new(family.clone()))
            .expect("register");
        for i in 0..100_000 {
            family.get(&[&format!("/users/{i}/profile")]).inc();
        }
        family
    });
    let scrape_bytes = x0tta_metrics::encode_text(&bounded_registry)
        .expect("encode")
        .len();
    row(
        &format!(
            "bounded free-form family fed 100,000 distinct values, `max_series: 1000` ({} live + overflow; scrape {scrape_bytes} bytes)",
            bounded.len()
        ),
        bytes,
        &format!("{} B/series", bytes / 1001),
    );
    drop((catalogue, scrape, client, hot, counters, bounded));
}
