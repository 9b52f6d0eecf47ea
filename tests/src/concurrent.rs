//! Writers and a scraper at once, bounded in count and time, and the check
//! of a text scrape's histograms: what the "every scrape is whole under
//! four writers" tests share.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Runs `write(w)` on `writers` threads while one more thread calls
/// `scrape()` until they are done: at least three times, at most 10,000
/// times or for 60 s. Returns how many scrapes ran; panics if a writer or
/// the scraper did (an assertion inside `scrape` fails the test).
pub fn scrape_while_writing<W, S>(writers: u64, write: W, mut scrape: S) -> u32
where
    W: Fn(u64) + Sync,
    S: FnMut() + Send,
{
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let scraper = scope.spawn(|| {
            let started = Instant::now();
            let mut scrapes = 0u32;
            while (!done.load(Ordering::Acquire) || scrapes < 3)
                && scrapes < 10_000
                && started.elapsed() < Duration::from_secs(60)
            {
                scrape();
                scrapes += 1;
            }
            scrapes
        });
        let write = &write;
        let handles: Vec<_> = (0..writers)
            .map(|w| scope.spawn(move || write(w)))
            .collect();
        for handle in handles {
            handle.join().expect("writer");
        }
        done.store(true, Ordering::Release);
        scraper.join().expect("scraper")
    })
}

/// Every histogram series of `family` in `text` is whole: cumulative
/// buckets never decrease and `+Inf` equals `_count`. Returns the counts.
pub fn whole_histograms(text: &str, family: &str) -> Vec<u64> {
    let bucket = format!("{family}_bucket{{");
    let count = format!("{family}_count");
    let mut counts = Vec::new();
    let mut running: Option<u64> = None;
    let mut inf = None;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (series, value) = line.rsplit_once(' ').expect("sample line");
        if series.starts_with(&bucket) {
            let value: u64 = value.parse().expect("bucket count");
            if let Some(previous) = running {
                assert!(value >= previous, "buckets decrease: {line}");
            }
            running = Some(value);
            if series.contains("le=\"+Inf\"") {
                inf = running.take();
            }
        } else if series.starts_with(&count) {
            let value: u64 = value.parse().expect("count");
            assert_eq!(inf.take(), Some(value), "+Inf is not the count: {line}");
            counts.push(value);
        }
    }
    counts
}
