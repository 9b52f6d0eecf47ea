//! Printing the findings: grouped lines with a summary for people, one JSON
//! document for tools.

use serde_json::json;

use super::compare::{Finding, Level};

/// What was checked, for the summary.
pub(crate) struct Checked<'a> {
    /// The URL or file.
    pub(crate) target: &'a str,
    /// `text` or `openmetrics`.
    pub(crate) format: &'a str,
    /// Families in the scrape.
    pub(crate) families: usize,
    /// Samples in the scrape.
    pub(crate) samples: usize,
}

/// One line per finding under a heading per kind, then the summary (on
/// standard error when clean, so a clean run prints nothing on standard output).
pub(crate) fn human(checked: &Checked<'_>, findings: &[Finding]) {
    let mut heading = None;
    for f in findings {
        if heading != Some(f.drift) {
            let count = findings.iter().filter(|g| g.drift == f.drift).count();
            println!("{} ({count}):", f.drift.title());
            heading = Some(f.drift);
        }
        println!("  {}: {}: {}", f.level.as_str(), f.family, f.message);
    }
    let (errors, warnings) = counts(findings);
    let scope = format!(
        "{} families, {} samples ({})",
        checked.families, checked.samples, checked.format
    );
    if findings.is_empty() {
        eprintln!("{}: ok — {scope} match the spec", checked.target);
    } else {
        println!(
            "{}: {} ({errors} errors, {warnings} warnings) in {scope}",
            checked.target,
            crate::spec::count(findings.len(), "finding")
        );
    }
}

/// `{"target", "format", "families", "samples", "errors", "warnings", "findings": […]}`.
pub(crate) fn json(checked: &Checked<'_>, findings: &[Finding]) {
    let (errors, warnings) = counts(findings);
    let items: Vec<_> = findings
        .iter()
        .map(|f| {
            json!({
                "kind": f.drift.id(),
                "level": f.level.as_str(),
                "family": f.family,
                "message": f.message,
            })
        })
        .collect();
    let document = json!({
        "target": checked.target,
        "format": checked.format,
        "families": checked.families,
        "samples": checked.samples,
        "errors": errors,
        "warnings": warnings,
        "findings": items,
    });
    println!("{document}");
}

fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    (errors, findings.len() - errors)
}
