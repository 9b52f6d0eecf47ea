//! Printing the part of an exposition an example is about.

use x0tta_metrics::Metrics;

/// Prints, from the text exposition of `metrics`, every family whose name
/// starts with one of `prefixes` and that has a non-zero sample: its
/// `# HELP`/`# TYPE` lines and its non-zero samples. Histogram buckets are
/// left out (their `_sum` and `_count` stay), as are the zero-valued series
/// that closed label sets create up front, to keep the output short.
pub fn print_exposition(
    metrics: &Metrics,
    prefixes: &[&str],
) -> Result<(), x0tta_metrics::prometheus::Error> {
    let text = x0tta_metrics::encode_text(metrics.registry())?;
    // Each family's block starts with its `# HELP <name> ` line, then `# TYPE`.
    for block in text.split("# HELP ").skip(1) {
        if !prefixes.iter().any(|prefix| block.starts_with(prefix)) {
            continue;
        }
        let mut lines = block.lines();
        let (help, kind) = (
            lines.next().unwrap_or_default(),
            lines.next().unwrap_or_default(),
        );
        let shown: Vec<&str> = lines.filter(|sample| is_worth_showing(sample)).collect();
        if !shown.is_empty() {
            println!("# HELP {help}\n{kind}\n{}", shown.join("\n"));
        }
    }
    Ok(())
}

fn is_worth_showing(sample: &str) -> bool {
    let name = sample.split(['{', ' ']).next().unwrap_or_default();
    let value = sample.rsplit(' ').next().unwrap_or_default();
    !name.ends_with("_bucket") && value != "0"
}
