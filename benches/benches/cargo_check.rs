//! Issue 11's compile targets as a user meets them: a crate of its own that
//! depends on this workspace's `x0tta-metrics` and expands a 10,000-family
//! spec (the compile_time bench's generator), checked with the real cargo in
//! the default dev profile, where the proc macro runs unoptimized.
//!
//! Prints one `compile:` line per profile (`benches/report.py` reads them):
//! the wall and CPU time and peak RSS of `cargo check` of that crate alone
//! (its dependencies are built beforehand), and the macro's share of it,
//! `macro_expand_crate` from rustc's `-Z time-passes` (`RUSTC_BOOTSTRAP=1`,
//! the only way a stable rustc reports it; nothing else about the build
//! changes). Best of three runs, the profiles taking turns, as the machine
//! is shared. Peak RSS comes from `/usr/bin/time` (GNU time), the largest
//! process of the check.
//!
//! Only under `cargo bench` (it builds the scratch crate's dependencies on
//! first use, minutes); `cargo test --benches` runs it as a no-op.

#[path = "../../tests/tests/support/scratch.rs"]
#[allow(dead_code)] // the tests' helper; this bench uses part of it
mod scratch;

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use x0tta_metrics_benches::synthetic_spec;

const FAMILIES: usize = 10_000;
const RUNS: usize = 3;

/// A profile the scratch crate is checked in: its name and the manifest
/// lines that make it.
const PROFILES: [(&str, &str); 2] = [
    ("dev", ""),
    (
        "dev + build-override opt-level 3",
        "\n[profile.dev.build-override]\nopt-level = 3\n",
    ),
];

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("cargo_check: skipped (runs under `cargo bench` only)");
        return;
    }
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cargo-check-10k");
    // Each profile its own crate and target dir, kept between runs: the
    // dependencies build once, the crate itself is cleaned before each run.
    let dirs: Vec<(PathBuf, PathBuf)> = (0..PROFILES.len())
        .map(|i| {
            (
                work.join(format!("crate{i}")),
                work.join(format!("target{i}")),
            )
        })
        .collect();
    for ((crate_dir, target_dir), (_, manifest_tail)) in dirs.iter().zip(PROFILES) {
        write_crate(crate_dir, manifest_tail);
        cargo(crate_dir, target_dir, &["check"]).expect("warm-up build of the dependencies");
    }
    // The profiles take turns, so that both meet the same load on a shared machine.
    let mut runs: Vec<Vec<Run>> = PROFILES.iter().map(|_| Vec::new()).collect();
    for _ in 0..RUNS {
        for ((crate_dir, target_dir), runs) in dirs.iter().zip(&mut runs) {
            cargo(crate_dir, target_dir, &["clean", "-p", PACKAGE]).expect("clean");
            runs.push(timed_check(crate_dir, target_dir));
        }
    }
    for ((profile, _), runs) in PROFILES.iter().zip(runs) {
        let best = runs
            .into_iter()
            .min_by(|a, b| a.wall.total_cmp(&b.wall))
            .expect("at least one run");
        println!(
            "compile: {FAMILIES} families, {profile}: cargo check {:.1} s wall, {:.1} s CPU, \
             {:.0} MB peak RSS, expansion {:.2} s inside rustc (best of {RUNS})",
            best.wall, best.cpu, best.peak_mb, best.expansion
        );
    }
}

const PACKAGE: &str = "cargo-check-10k";

/// The scratch crate: the workspace's manifest for scratch crates plus the
/// profile's lines, the spec, and a lib that expands it.
fn write_crate(dir: &Path, manifest_tail: &str) {
    fs::create_dir_all(dir.join("src")).expect("create the crate dir");
    let manifest = scratch::manifest(PACKAGE) + manifest_tail;
    fs::write(dir.join("Cargo.toml"), manifest).expect("write Cargo.toml");
    fs::write(dir.join("spec.yaml"), synthetic_spec(FAMILIES)).expect("write the spec");
    fs::write(
        dir.join("src/lib.rs"),
        "//! 10,000 families.\n#![allow(missing_docs)]\nx0tta_metrics::metrics_spec!(\"spec.yaml\");\n",
    )
    .expect("write lib.rs");
    // The workspace's lock file pins the same versions: no resolution, no network.
    fs::copy(
        scratch::workspace().join("Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .expect("copy Cargo.lock");
}

/// `cargo <args>` on the scratch crate, quietly; the error has its stderr.
fn cargo(crate_dir: &Path, target_dir: &Path, args: &[&str]) -> Result<(), String> {
    let output = command(env!("CARGO"))
        .args(cargo_args(crate_dir, target_dir, args))
        .output()
        .map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// `program` with the environment of a user's shell rather than the bench's.
fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}

/// Cargo's arguments for `args` on the scratch crate and its target dir.
fn cargo_args(crate_dir: &Path, target_dir: &Path, args: &[&str]) -> Vec<OsString> {
    let mut all: Vec<OsString> = args.iter().map(OsString::from).collect();
    all.extend(["--offline", "--quiet", "--manifest-path"].map(OsString::from));
    all.push(crate_dir.join("Cargo.toml").into());
    all.push("--target-dir".into());
    all.push(target_dir.into());
    all
}

/// One measured check of the crate alone.
struct Run {
    wall: f64,
    cpu: f64,
    peak_mb: f64,
    expansion: f64,
}

/// `cargo check` (as `cargo rustc --profile check -- -Z time-passes`) under
/// GNU time.
fn timed_check(crate_dir: &Path, target_dir: &Path) -> Run {
    let times: PathBuf = target_dir.join("time.txt");
    let args = cargo_args(
        crate_dir,
        target_dir,
        &["rustc", "--profile", "check", "--lib"],
    );
    let output = command("/usr/bin/time")
        .arg("-f")
        .arg("%e %U %S %M")
        .arg("-o")
        .arg(&times)
        .arg(env!("CARGO"))
        .args(args)
        .args(["--", "-Ztime-passes"])
        .env("RUSTC_BOOTSTRAP", "1")
        .output()
        .expect("run /usr/bin/time (Debian package `time`)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo check failed:\n{stderr}");
    let times = fs::read_to_string(&times).expect("GNU time's output");
    let fields: Vec<f64> = times
        .split_whitespace()
        .map(|f| f.parse().expect("a number"))
        .collect();
    let [wall, user, system, peak_kb] = fields[..] else {
        panic!("unexpected GNU time output {times:?}");
    };
    Run {
        wall,
        cpu: user + system,
        peak_mb: peak_kb / 1000.0,
        expansion: pass_seconds(&stderr, "macro_expand_crate"),
    }
}

/// The seconds rustc's `-Z time-passes` reports for `pass`
/// (`time:   2.345; rss: … macro_expand_crate`).
fn pass_seconds(time_passes: &str, pass: &str) -> f64 {
    time_passes
        .lines()
        .find(|line| line.trim_end().ends_with(pass))
        .and_then(|line| {
            line.strip_prefix("time:")?
                .split(';')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no `{pass}` in rustc's -Z time-passes output:\n{time_passes}"))
}
