//! Running the `x0tta-metrics` binary and scratch folders for the tests.
#![allow(dead_code)] // each test file uses its own part of this

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The workspace root, where metrics-spec.yaml and the generated files live.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// The catalogue spec.
pub fn catalogue() -> PathBuf {
    root().join("metrics-spec.yaml")
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with `args`.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    run_with_env(args, &[])
}

/// Runs the binary with `args` and the environment variables `env` set
/// (and live-check's secret variables unset unless `env` sets them).
pub fn run_with_env<I, S>(args: I, env: &[(&str, &str)]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_x0tta-metrics"));
    command
        .args(args)
        .env_remove("X0TTA_METRICS_BEARER_TOKEN")
        .env_remove("X0TTA_METRICS_BASIC_PASSWORD");
    for (name, value) in env {
        command.env(name, value);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("run x0tta-metrics");
    Run {
        code: status.code().expect("exited, not killed"),
        stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
    }
}

/// A scratch folder, removed when dropped (also when the test fails).
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new() -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "x0tta-metrics-cli-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create scratch folder");
        Scratch(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `text` to `name` in the folder and returns its path.
    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Fails with the refresh command when `committed` differs from `generated`.
pub fn assert_fresh(committed: &Path, generated: &str, refresh: &str) {
    let on_disk = std::fs::read_to_string(committed).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}) — generate it with `{refresh}`",
            committed.display()
        )
    });
    assert!(
        on_disk == generated,
        "{} is stale: it differs from what metrics-spec.yaml generates — refresh it with `{refresh}` and commit the result",
        committed.display()
    );
}

/// Runs `promtool` with `args`; fails the test with its output unless it succeeds.
pub fn promtool(args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new("promtool")
        .args(args)
        .output()
        .expect("run promtool (Debian package prometheus)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "promtool {args:?} failed:\n{text}");
    text
}
