//! The corpus of bad specs: each file under `corpus/bad/` must give exactly
//! the diagnostics recorded beside it in `<name>.expected`, and none may
//! pass. Every file under `corpus/good/` must pass and generate valid Rust.
//!
//! `UPDATE_EXPECT=1 cargo test -p x0tta-metrics-codegen --test corpus`
//! rewrites the `.expected` files; review the diff before committing.

use std::fs;
use std::path::{Path, PathBuf};

fn specs(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir);
    let mut specs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    specs
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_bad_spec_gives_its_expected_diagnostics() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let specs = specs("bad");
    assert!(
        specs.len() >= 40,
        "the corpus should hold at least 40 bad specs, found {}",
        specs.len()
    );
    let mut mismatches = Vec::new();
    for spec in &specs {
        let name = file_name(spec);
        let source = fs::read(spec).expect("read spec");
        let diagnostics = match x0tta_metrics_codegen::check(&source) {
            Ok(_) => {
                mismatches.push(format!("{name}: passed, but it is in the bad corpus"));
                continue;
            }
            Err(diagnostics) => diagnostics,
        };
        let rendered: String = diagnostics.iter().map(|d| d.render(&name) + "\n").collect();
        let expected_path = spec.with_extension("expected");
        if update {
            fs::write(&expected_path, &rendered).expect("write expected");
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == rendered => {}
            Ok(expected) => mismatches.push(format!(
                "{name}:\n--- expected\n{expected}+++ got\n{rendered}"
            )),
            Err(_) => mismatches.push(format!(
                "{name}: no {} (run with UPDATE_EXPECT=1)",
                file_name(&expected_path)
            )),
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn every_good_spec_passes_and_generates_valid_rust() {
    for spec in specs("good") {
        let source = fs::read(&spec).expect("read spec");
        let model = x0tta_metrics_codegen::check(&source).unwrap_or_else(|diagnostics| {
            let rendered: Vec<String> = diagnostics
                .iter()
                .map(|d| d.render(&file_name(&spec)))
                .collect();
            panic!("{}", rendered.join("\n"))
        });
        let tokens = x0tta_metrics_codegen::generate(&model, None);
        syn::parse2::<syn::File>(tokens)
            .unwrap_or_else(|e| panic!("{}: generated code does not parse: {e}", file_name(&spec)));
    }
}

#[test]
fn a_generated_5000_metric_spec_passes() {
    let mut yaml = String::from("namespace: big\nenums:\n  outcome: [ok, error]\ngroups:\n");
    for group in 0..50 {
        yaml.push_str(&format!(
            "  - name: group_{group}\n    help: Group {group}.\n    metrics:\n"
        ));
        for metric in 0..100 {
            let line = match metric % 3 {
                0 => format!("      - {{name: g{group}_m{metric}_total, type: counter, help: C., labels: {{outcome: outcome}}}}\n"),
                1 => format!("      - {{name: g{group}_m{metric}_bytes, type: gauge, help: G., labels: {{node: string}}}}\n"),
                _ => format!("      - {{name: g{group}_m{metric}_seconds, type: histogram, help: H.}}\n"),
            };
            yaml.push_str(&line);
        }
    }
    let model = x0tta_metrics_codegen::check(yaml.as_bytes()).expect("generated spec is valid");
    assert_eq!(model.metrics().count(), 5000);
    assert_eq!(model.groups.len(), 50);
    let tokens = x0tta_metrics_codegen::generate(&model, None);
    syn::parse2::<syn::File>(tokens).expect("generated code parses");
}

#[test]
fn a_missing_file_names_the_path_it_resolved() {
    let path = Path::new("/nonexistent/dir/metrics-spec.yaml");
    let diagnostics = x0tta_metrics_codegen::check_file(path).expect_err("missing file");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].rule, "file-unreadable");
    assert!(
        diagnostics[0]
            .message
            .contains("/nonexistent/dir/metrics-spec.yaml"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn a_directory_is_not_a_spec() {
    let diagnostics = x0tta_metrics_codegen::check_file(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect_err("directory");
    assert_eq!(diagnostics[0].rule, "file-unreadable");
    assert!(diagnostics[0].message.contains("is a directory"));
}

#[test]
fn an_oversized_spec_is_refused_before_parsing() {
    let mut huge = b"namespace: app\ngroups: []\n# ".to_vec();
    huge.resize(50 * 1024 * 1024, b'x');
    let diagnostics = x0tta_metrics_codegen::check(&huge).expect_err("too large");
    assert_eq!(diagnostics[0].rule, "file-too-large");
}

#[test]
fn every_rule_is_exercised_by_the_corpus_and_documented() {
    let expected: String = specs("bad")
        .iter()
        .map(|spec| fs::read_to_string(spec.with_extension("expected")).unwrap_or_default())
        .collect();
    let reference =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/SPEC.md"))
            .expect("docs/SPEC.md, the spec reference");
    // These two need a real file; `a_missing_file…` and `an_oversized_spec…` cover them.
    let tested_elsewhere = ["file-unreadable", "file-too-large"];
    let rules = x0tta_metrics_codegen::diagnostic::ERRORS
        .iter()
        .chain(x0tta_metrics_codegen::lint::RULES);
    for rule in rules {
        let tag = format!("[{}]", rule.id);
        assert!(
            tested_elsewhere.contains(&rule.id) || expected.contains(&tag),
            "no bad spec in the corpus triggers {}",
            rule.id
        );
        assert!(
            reference.contains(&format!("`{}`", rule.id)),
            "docs/SPEC.md does not list {}",
            rule.id
        );
    }
    // And no diagnostic carries a rule id that the lists do not know.
    for line in expected.lines() {
        let id = line
            .rsplit_once('[')
            .map(|(_, id)| id.trim_end_matches(']'))
            .unwrap_or_default();
        let known = x0tta_metrics_codegen::diagnostic::ERRORS
            .iter()
            .chain(x0tta_metrics_codegen::lint::RULES)
            .any(|r| r.id == id);
        assert!(known, "unlisted rule id {id:?} in: {line}");
    }
}
