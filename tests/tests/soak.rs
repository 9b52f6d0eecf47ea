//! Soak: a million distinct values pushed into a metric whose budget is
//! 1,000 series. Past the budget the process's memory stays flat, the
//! overflow counter equals the excess, and the scrape stays the same size.
//! Its own test binary, so no other test's memory shows in the numbers.

use x0tta_metrics::bounded::OVERFLOW;

mod card {
    x0tta_metrics::metrics_spec!("specs/cardinality.yaml");
}

use card::{Metrics, Outcome};

const BUDGET: usize = 1000;
const DISTINCT: usize = 1_000_000;

/// Resident set size of this process, in bytes (Linux).
fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("read /proc/self/statm");
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .expect("resident field")
        .parse()
        .expect("pages");
    pages * 4096
}

#[test]
fn a_million_distinct_values_stay_within_the_budget() {
    let m = Metrics::new().expect("register");
    let push = |from: usize, to: usize| {
        for i in from..to {
            m.edge
                .requests_total(&format!("/users/{i}/profile"), Outcome::Ok)
                .inc();
        }
    };
    // Fill the budget, then go well past it before the first measurement so
    // that allocator warm-up is behind us.
    push(0, 100_000);
    let scrape_at_budget = m.encode_text();
    let rss_after_budget = resident_bytes();
    push(100_000, DISTINCT);
    let rss_at_end = resident_bytes();
    let scrape_at_end = m.encode_text();

    let family = m.edge.requests_total_family();
    assert_eq!(family.len(), BUDGET);
    assert_eq!(family.overflowed(), (DISTINCT - BUDGET) as u64);
    let overflow_line = format!(
        "card_requests_total{{outcome=\"ok\",path=\"{OVERFLOW}\"}} {}",
        DISTINCT - BUDGET
    );
    assert!(scrape_at_end.lines().any(|l| l == overflow_line));
    // Same series at both points; only the overflow numbers grew a digit or two.
    assert_eq!(
        scrape_at_end.lines().count(),
        scrape_at_budget.lines().count()
    );
    assert!(
        scrape_at_end.len() <= scrape_at_budget.len() + 16,
        "scrape grew from {} to {} bytes",
        scrape_at_budget.len(),
        scrape_at_end.len()
    );
    let growth = rss_at_end.saturating_sub(rss_after_budget);
    println!(
        "soak: {DISTINCT} distinct values, budget {BUDGET}: RSS {} KiB after 100,000, {} KiB after {DISTINCT} (+{} KiB); scrape {} bytes",
        rss_after_budget / 1024,
        rss_at_end / 1024,
        growth / 1024,
        scrape_at_end.len()
    );
    // 900,000 more distinct values past the budget: memory stays flat (a
    // few pages of allocator slack allowed, far below one byte per value).
    assert!(
        growth < 2 * 1024 * 1024,
        "resident memory grew by {growth} bytes past the budget"
    );
}
