//! Spec text never becomes code, and every spec that validates compiles.
//!
//! A scratch library crate expands `tests/fixtures/hostile-docs.yaml` (code
//! fences, tilde fences, indented blocks in lists and quotes,
//! `compile_fail`, HTML, links, quotes, backslashes) beside every good spec
//! of the corpus and a seeded sample of valid specs from the property test's
//! mutator (`x0tta-metrics-codegen/tests/support/mutate.rs`), each in a
//! module of its own. It must build, `cargo test --doc` must find zero
//! doctests, and `cargo doc` must render it without a warning.

#[path = "../../x0tta-metrics-codegen/tests/support/mutate.rs"]
mod mutate;
mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use support::scratch::{manifest, workspace};

/// How many mutated valid specs the scratch crate expands.
const SAMPLED: usize = 24;
/// Mutations tried at most to find them (most mutations break a spec).
const ATTEMPTS: usize = 20_000;

/// Distinct valid specs made by mutating the property test's bases, from a
/// fixed seed so that every run compiles the same ones.
fn sampled_valid_specs() -> Vec<Vec<u8>> {
    let strategy = (
        proptest::sample::select(mutate::BASES),
        proptest::collection::vec(mutate::mutation(), 1..4),
    );
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let mut specs: Vec<Vec<u8>> = Vec::new();
    for _ in 0..ATTEMPTS {
        let (base, mutations) = strategy.new_tree(&mut runner).expect("a case").current();
        let spec = mutate::mutate(base, &mutations);
        if x0tta_metrics_codegen::check(&spec).is_ok() && !specs.contains(&spec) {
            specs.push(spec);
            if specs.len() == SAMPLED {
                break;
            }
        }
    }
    assert_eq!(
        specs.len(),
        SAMPLED,
        "the mutator found too few valid specs"
    );
    specs
}

/// Writes the spec files and a `lib.rs` expanding each in its own module.
fn write_specs(crate_dir: &Path) {
    let specs_dir = crate_dir.join("specs");
    fs::create_dir_all(&specs_dir).expect("create the specs dir");
    let mut specs: Vec<(String, Vec<u8>)> = vec![(
        "hostile".into(),
        fs::read(workspace().join("tests/fixtures/hostile-docs.yaml")).expect("read the spec"),
    )];
    let good = workspace().join("x0tta-metrics-codegen/tests/corpus/good");
    let mut good: Vec<_> = fs::read_dir(&good)
        .expect("list the good corpus")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    good.sort();
    for (i, path) in good.iter().enumerate() {
        specs.push((
            format!("good_{i}"),
            fs::read(path).expect("read a good spec"),
        ));
    }
    for (i, spec) in sampled_valid_specs().into_iter().enumerate() {
        specs.push((format!("sampled_{i}"), spec));
    }
    let mut lib = String::from("//! Expands hostile, good and sampled specs, one module each.\n");
    for (name, spec) in &specs {
        fs::write(specs_dir.join(format!("{name}.yaml")), spec).expect("write a spec");
        lib.push_str(&format!(
            "\n/// Spec `{name}`.\npub mod {name} {{\n    x0tta_metrics::metrics_spec!(\"specs/{name}.yaml\");\n}}\n"
        ));
    }
    fs::write(crate_dir.join("src/lib.rs"), lib).expect("write lib.rs");
}

#[test]
fn hostile_and_sampled_valid_specs_compile_and_yield_no_doctest() {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("doc-injection");
    let crate_dir = work.join("crate");
    if crate_dir.exists() {
        fs::remove_dir_all(&crate_dir).expect("remove the previous copy");
    }
    fs::create_dir_all(crate_dir.join("src")).expect("create the crate dir");
    write_specs(&crate_dir);
    fs::write(crate_dir.join("Cargo.toml"), manifest("doc-injection")).expect("write Cargo.toml");
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
    let page =
        fs::read_to_string(work.join("target/doc/doc_injection/hostile/struct.FencedMetrics.html"))
            .expect("the group's page is rendered");
    assert!(
        page.contains("Backtick fence, see https://example.com/docs"),
        "help text is shown"
    );
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
