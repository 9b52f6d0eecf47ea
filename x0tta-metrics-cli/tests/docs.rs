//! `x0tta-metrics docs`: the committed reference is current, and it shows
//! what the spec says about each metric.

mod common;

use common::{assert_fresh, catalogue, root, run, Scratch};

#[test]
fn committed_reference_is_current() {
    let out = run([std::ffi::OsStr::new("docs"), catalogue().as_os_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_fresh(
        &root().join("docs/METRICS.md"),
        &out.stdout,
        "cargo run -p x0tta-metrics-cli -- docs metrics-spec.yaml -o docs/METRICS.md",
    );
}

const SPEC: &str = "\
namespace: ns
const_labels: {service: api, tier: \"edge \\\"1\\\"\"}
enums:
  outcome: [ok, failed]
groups:
  - name: jobs
    help: Background jobs.
    metrics:
      - name: jobs_total
        type: counter
        help: Jobs run.
        labels: {outcome: outcome, queue: string}
        stability: stable
        renamed_from: jobs_run_total
        dual_emit: true
        aliases: [jobs_run_total]
      - name: job_duration_seconds
        type: histogram
        help: Time per job.
        labels: {kind: [mail, sms]}
        buckets: {linear: {start: 0.1, width: 0.1, count: 3}}
        alerts:
          - {name: JobsSlow, threshold: 2, for: 10m, severity: warning, summary: Jobs are slow.}
      - name: jobs_ms_total
        type: counter
        help: Old timing.
        allow: [unit-abbreviation]
        reason: Kept for the old dashboard.
        deprecated: {note: Milliseconds were a mistake., renamed_to: job_duration_seconds}
";

#[test]
fn each_metric_shows_type_labels_buckets_waivers_and_lifecycle() {
    let dir = Scratch::new();
    let spec = dir.file("jobs.yaml", SPEC);
    let target = dir.path().join("out/METRICS.md");
    let out = run([
        std::ffi::OsStr::new("docs"),
        spec.as_os_str(),
        "-o".as_ref(),
        target.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "", "written to the file, not stdout");
    let md = std::fs::read_to_string(&target).expect("written");
    for expected in [
        "<!-- Generated from jobs.yaml by `x0tta-metrics docs`; do not edit by hand. -->",
        "| [jobs](#group-jobs) | 3 | Background jobs. |",
        "Every series carries the constant labels `service` = \"api\", `tier` = \"edge \\\"1\\\"\".",
        "### `ns_jobs_total`\n\ncounter (integer), stability `stable`. Jobs run.",
        "- Rust: `metrics.jobs.jobs_total(outcome, queue)`",
        "- Label `outcome`: `ok`, `failed` (set `outcome`)",
        "- Label `queue`: free-form",
        "- Renamed from `ns_jobs_run_total` (still exported under that name too)",
        "- Deprecated Rust aliases: `jobs_run_total()`",
        "histogram (float), stability `alpha`. Time per job.",
        "- Label `kind`: `mail`, `sms`\n",
        "- Buckets: 0.1, 0.2, 0.3, +Inf",
        "- Alert `JobsSlow` (warning): `histogram_quantile(0.95, sum by (le) (rate(ns_job_duration_seconds_bucket[5m]))) > 2` for 10m — Jobs are slow.",
        "> **Deprecated.** Milliseconds were a mistake. Use [`ns_job_duration_seconds`](#ns_job_duration_seconds) instead.",
        "- Waives `unit-abbreviation`: Kept for the old dashboard.",
        "| `counter-total-suffix` | counter names end in `_total` |",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
}

#[test]
fn an_invalid_spec_writes_nothing_and_says_why() {
    let dir = Scratch::new();
    let spec = dir.file("bad.yaml", "groups: 3\n");
    let target = dir.path().join("METRICS.md");
    let out = run([
        std::ffi::OsStr::new("docs"),
        spec.as_os_str(),
        "-o".as_ref(),
        target.as_os_str(),
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("bad.yaml:1:9: groups must be a list"),
        "{}",
        out.stderr
    );
    assert!(!target.exists());
}

#[test]
fn output_is_written_whole_or_not_at_all() {
    let dir = Scratch::new();
    let spec = dir.file("spec.yaml", SPEC);
    // A fresh file appears complete, and no temporary file is left beside it.
    let target = dir.path().join("out/METRICS.md");
    let out = run([
        std::ffi::OsStr::new("docs"),
        spec.as_os_str(),
        std::ffi::OsStr::new("-o"),
        target.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = std::fs::read_to_string(&target).expect("reference written");
    assert!(written.contains("ns_jobs_total"));
    // A target that cannot be replaced (a folder) fails cleanly: the error
    // names it, and the temporary file is removed.
    let blocked = dir.path().join("blocked");
    std::fs::create_dir_all(blocked.join("inside")).expect("folder");
    let out = run([
        std::ffi::OsStr::new("docs"),
        spec.as_os_str(),
        std::ffi::OsStr::new("-o"),
        blocked.as_os_str(),
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("cannot write"), "{}", out.stderr);
    for folder in [dir.path().to_path_buf(), dir.path().join("out")] {
        let leftovers: Vec<_> = std::fs::read_dir(&folder)
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary files left in {}",
            folder.display()
        );
    }
}
