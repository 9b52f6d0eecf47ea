//! Editing a spec rebuilds the crate that expands it, with no other change:
//! the generated code's hidden `include_bytes!` of the spec makes cargo
//! track the file. Builds the fixture crate `tests/fixtures/rebuild-crate`
//! in a temp dir with the real cargo, edits its spec, builds it again.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use support::scratch::{manifest, workspace};

const ADDED_METRIC: &str = "      - name: errors_total
        type: counter
        help: Requests that failed.
";

#[test]
fn editing_the_spec_rebuilds_the_crate() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rebuild-crate");
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-crate");
    let crate_dir = work.join("crate");
    // The target dir outlives the crate dir, so later runs reuse the build
    // of prometheus and the proc-macro; the crate itself is fresh each run.
    let target_dir = work.join("target");

    if crate_dir.exists() {
        fs::remove_dir_all(&crate_dir).expect("remove the previous copy");
    }
    fs::create_dir_all(crate_dir.join("src")).expect("create the crate dir");
    for file in ["spec.yaml", "src/main.rs"] {
        fs::copy(fixture.join(file), crate_dir.join(file)).expect("copy the fixture");
    }
    fs::write(crate_dir.join("Cargo.toml"), manifest("rebuild-crate")).expect("write Cargo.toml");
    // The workspace's lock file pins the same versions, so no resolution is needed.
    fs::copy(workspace().join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .expect("copy Cargo.lock");

    assert_eq!(
        build_and_run(&crate_dir, &target_dir),
        ["fixture_requests_total"]
    );

    let spec = crate_dir.join("spec.yaml");
    let mut text = fs::read_to_string(&spec).expect("read the spec");
    text.push_str(ADDED_METRIC);
    fs::write(&spec, text).expect("edit the spec");

    // main.rs is untouched: only the spec changed.
    assert_eq!(
        build_and_run(&crate_dir, &target_dir),
        ["fixture_errors_total", "fixture_requests_total"]
    );
}

/// `cargo run`s the crate and returns the lines it printed.
fn build_and_run(crate_dir: &Path, target_dir: &Path) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("run cargo");
    assert!(
        output.status.success(),
        "cargo run of {} failed:\n{}",
        crate_dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(str::to_string)
        .collect()
}
