//! Spec text never becomes code: a scratch library crate expands
//! `tests/fixtures/hostile-docs.yaml` (code fences, tilde fences, indented
//! blocks in lists and quotes, `compile_fail`, HTML, links, quotes,
//! backslashes) and `cargo test --doc` must find zero doctests, and
//! `cargo doc` must render it without a warning.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use support::scratch::{manifest, workspace};

#[test]
fn hostile_spec_text_yields_no_doctest() {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("doc-injection");
    let crate_dir = work.join("crate");
    fs::create_dir_all(crate_dir.join("src")).expect("create the crate dir");
    fs::copy(
        workspace().join("tests/fixtures/hostile-docs.yaml"),
        crate_dir.join("spec.yaml"),
    )
    .expect("copy the spec");
    fs::write(crate_dir.join("Cargo.toml"), manifest("doc-injection")).expect("write Cargo.toml");
    fs::write(
        crate_dir.join("src/lib.rs"),
        "//! Expands a hostile spec.\n\nx0tta_metrics::metrics_spec!(\"spec.yaml\");\n",
    )
    .expect("write lib.rs");
    fs::copy(workspace().join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .expect("copy Cargo.lock");

    let doctests = cargo(&crate_dir, &work, &["test", "--doc"], "");
    let stdout = String::from_utf8_lossy(&doctests.stdout);
    assert!(
        stdout.contains("running 0 tests"),
        "spec text became doctests:\n{stdout}"
    );

    let docs = cargo(&crate_dir, &work, &["doc", "--no-deps"], "-D warnings");
    assert!(docs.status.success());
    let page = fs::read_to_string(work.join("target/doc/doc_injection/struct.FencedMetrics.html"))
        .expect("the group's page is rendered");
    assert!(page.contains("Backtick fence:"), "help text is shown");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            && !page.contains("<script>alert(1)"),
        "spec HTML is shown as text"
    );
    assert!(
        !page.contains("<code>panic!"),
        "no spec text is rendered as code"
    );
}

/// Runs cargo `args` in `crate_dir` with its own target dir under `work`
/// (kept between runs, so dependencies build once) and asserts success.
fn cargo(crate_dir: &Path, work: &Path, args: &[&str], rustdocflags: &str) -> Output {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .args(["--offline", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(work.join("target"))
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .env("RUSTDOCFLAGS", rustdocflags)
        .output()
        .expect("run cargo");
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
