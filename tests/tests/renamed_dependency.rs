//! A crate that renames its `x0tta-metrics` dependency expands a spec with
//! `metrics_spec!("spec.yaml", crate = ::renamed_metrics)`: every runtime
//! path of the generated code goes through the path it names. Built with
//! the real cargo as a scratch crate (no `x0tta_metrics` in scope at all).
//! It also expands the spec through a `macro_rules!` wrapper naming the
//! runtime `$crate::runtime`, as a crate re-exporting it would: a path
//! that prints as `$crate`, which the generator cannot write as source
//! text (it names it by an alias instead).

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use support::scratch::{manifest, workspace};

const MAIN: &str = r#"
renamed_metrics::metrics_spec!("spec.yaml", crate = ::renamed_metrics);

pub use ::renamed_metrics as runtime;

mod wrapped {
    macro_rules! expand {
        () => {
            renamed_metrics::metrics_spec!("spec.yaml", crate = $crate::runtime);
        };
    }
    expand!();
}

fn main() {
    let metrics = Metrics::new().expect("register the spec's families");
    metrics.app.requests_total().inc_by(3);
    print!("{}", metrics.encode_openmetrics());
    let wrapped = wrapped::Metrics::new().expect("register the wrapped expansion's families");
    wrapped.app.requests_total().inc_by(5);
    print!("{}", wrapped.encode_openmetrics());
}
"#;

#[test]
fn a_renamed_dependency_is_reached_through_the_crate_argument() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rebuild-crate");
    // Shares the target dir of tests/tests/rebuild.rs: the same dependencies.
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-crate");
    let crate_dir = work.join("renamed-crate");
    if crate_dir.exists() {
        fs::remove_dir_all(&crate_dir).expect("remove the previous copy");
    }
    fs::create_dir_all(crate_dir.join("src")).expect("create the crate dir");
    fs::copy(fixture.join("spec.yaml"), crate_dir.join("spec.yaml")).expect("copy the spec");
    fs::write(crate_dir.join("src/main.rs"), MAIN).expect("write main.rs");
    let renamed = manifest("renamed-crate").replace(
        "x0tta-metrics = {",
        "renamed_metrics = { package = \"x0tta-metrics\",",
    );
    assert!(renamed.contains("renamed_metrics = { package"), "{renamed}");
    fs::write(crate_dir.join("Cargo.toml"), renamed).expect("write Cargo.toml");
    fs::copy(workspace().join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .expect("copy Cargo.lock");

    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(work.join("target"))
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("run cargo");
    assert!(
        output.status.success(),
        "cargo run failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).expect("UTF-8"),
        "# TYPE fixture_requests counter\n# HELP fixture_requests Requests handled.\n\
         fixture_requests_total 3\n# EOF\n\
         # TYPE fixture_requests counter\n# HELP fixture_requests Requests handled.\n\
         fixture_requests_total 5\n# EOF\n"
    );
}
