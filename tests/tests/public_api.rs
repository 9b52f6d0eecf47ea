//! The public API of the runtime crate `x0tta-metrics` (every feature on, so
//! the generated catalogue and the exporter count) is kept in
//! `tests/public-api/x0tta-metrics.txt`, one item a line, as
//! [`public-api`](https://docs.rs/public-api) lists it from rustdoc's JSON.
//!
//! - Any change to the surface fails until that file is refreshed
//!   (`UPDATE_EXPECT=1`), so every change shows in review.
//! - Each release leaves its surface in `tests/public-api/x0tta-metrics-<version>.txt`.
//!   While the crate's version is semver-compatible with a released one, no
//!   item of that release may disappear or change: a breaking change must be
//!   announced by bumping the version (the minor one, while it is 0.x) and
//!   saying so in CHANGELOG.md.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::scratch::workspace;

#[test]
fn public_api_matches_the_snapshot_and_breaks_nothing_released() {
    let current = surface();
    let snapshot_path = dir().join("x0tta-metrics.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(&snapshot_path, &current).expect("write the snapshot");
    }
    let snapshot = fs::read_to_string(&snapshot_path).unwrap_or_default();
    let (added, removed) = difference(&snapshot, &current);
    assert!(
        added.is_empty() && removed.is_empty(),
        "the public API of x0tta-metrics changed.\n\
         Refresh the snapshot with `UPDATE_EXPECT=1 cargo test -p x0tta-metrics-tests --test public_api` \
         and say what changed in CHANGELOG.md.\nadded:\n  {}\nremoved or changed:\n  {}",
        added.join("\n  "),
        removed.join("\n  ")
    );

    let version = semver::Version::parse(env!("CARGO_PKG_VERSION")).expect("crate version");
    for (released, path) in releases() {
        let requirement =
            semver::VersionReq::parse(&format!("^{released}")).expect("caret requirement");
        if !requirement.matches(&version) {
            continue; // a breaking release since: announced by the version bump
        }
        let baseline = fs::read_to_string(&path).expect("read a released surface");
        let (_, broken) = difference(&baseline, &current);
        assert!(
            broken.is_empty(),
            "version {version} is semver-compatible with released {released}, but these items of \
             {released} are gone or changed — a breaking change: keep them, or bump the version \
             (the minor one while it is 0.x) and record it in CHANGELOG.md under Changed/Removed \
             marked **Breaking**:\n  {}",
            broken.join("\n  ")
        );
    }
}

/// The folder of the snapshot and the released surfaces.
fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public-api")
}

/// Every released surface: (version, file).
fn releases() -> Vec<(semver::Version, PathBuf)> {
    let mut releases: Vec<_> = fs::read_dir(dir())
        .expect("read tests/public-api")
        .map(|entry| entry.expect("dir entry").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let version = name.strip_prefix("x0tta-metrics-")?.strip_suffix(".txt")?;
            Some((semver::Version::parse(version).ok()?, path))
        })
        .collect();
    releases.sort();
    assert!(
        !releases.is_empty(),
        "no released surface in tests/public-api"
    );
    releases
}

/// Lines of `new` not in `old`, and lines of `old` not in `new`.
fn difference(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let old_lines: std::collections::BTreeSet<&str> = old.lines().collect();
    let new_lines: std::collections::BTreeSet<&str> = new.lines().collect();
    let added = new_lines
        .difference(&old_lines)
        .map(|s| s.to_string())
        .collect();
    let removed = old_lines
        .difference(&new_lines)
        .map(|s| s.to_string())
        .collect();
    (added, removed)
}

/// The crate's public API today, one item a line.
fn surface() -> String {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("public-api");
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args([
            "rustdoc",
            "--quiet",
            "--offline",
            "-p",
            "x0tta-metrics",
            "--lib",
            "--all-features",
        ])
        .arg("--target-dir")
        .arg(&target)
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        // rustdoc's JSON output is unstable; the stable toolchain writes it when
        // told to, as cargo-semver-checks also has it do. public-api reads the
        // format version this toolchain writes (a mismatch fails below, saying so).
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTDOCFLAGS")
        .output()
        .expect("run cargo rustdoc");
    assert!(
        output.status.success(),
        "cargo rustdoc --output-format json failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = target.join("doc/x0tta_metrics.json");
    let api = public_api::Builder::from_rustdoc_json(&json)
        .build()
        .unwrap_or_else(|e| panic!("public-api cannot read {}: {e}", json.display()));
    let mut text: String = api.items().map(|item| format!("{item}\n")).collect();
    if text.is_empty() {
        text.push('\n');
    }
    text
}
