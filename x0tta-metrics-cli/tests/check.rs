//! `x0tta-metrics check`: diagnostics as the macro reports them, exit codes.

mod common;

use common::{catalogue, run, Scratch};

#[test]
fn the_catalogue_is_clean() {
    let out = run([std::ffi::OsStr::new("check"), catalogue().as_os_str()]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout, "",
        "no errors and no deprecations in the catalogue"
    );
    assert!(out.stderr.ends_with(": ok\n"), "{}", out.stderr);
}

const BROKEN: &str = "\
namespace: ns
groups:
  - name: g
    help: G.
    metrics:
      - name: requests
        type: counter
        help: R.
        stability: stabel
";

#[test]
fn every_error_is_a_located_line_and_exit_1() {
    let dir = Scratch::new();
    let spec = dir.file("spec.yaml", BROKEN);
    let out = run([
        std::ffi::OsStr::new("check"),
        spec.as_os_str(),
        "--format".as_ref(),
        "short".as_ref(),
    ]);
    assert_eq!(out.code, 1);
    let p = spec.display();
    assert_eq!(
        out.stdout,
        format!(
            "{p}:6:15: counter \"ns_requests\" should end in `_total` (waive with `allow: [counter-total-suffix]` and a `reason`) [counter-total-suffix]\n\
             {p}:9:20: unknown stability \"stabel\" — did you mean \"stable\"? — use stable, beta or alpha [unknown-stability]\n"
        )
    );
    assert!(out.stderr.contains("2 errors"), "{}", out.stderr);
}

#[test]
fn the_human_form_shows_the_yaml_line_with_the_token_underlined() {
    let dir = Scratch::new();
    let spec = dir.file("spec.yaml", BROKEN);
    let out = run([std::ffi::OsStr::new("check"), spec.as_os_str()]);
    assert_eq!(out.code, 1);
    let p = spec.display();
    let expected = format!(
        "\
error[unknown-stability]: unknown stability \"stabel\"
 --> {p}:9:20
  |
9 |         stability: stabel
  |                    ^^^^^^
  |
  = help: did you mean \"stable\"? — use stable, beta or alpha
  = note: `x0tta-metrics explain unknown-stability` shows this rule with an example
"
    );
    assert!(out.stdout.contains(&expected), "{}", out.stdout);
    assert!(
        out.stdout.starts_with("error[counter-total-suffix]"),
        "{}",
        out.stdout
    );
    // Piped output is never coloured unless asked for.
    assert!(!out.stdout.contains('\x1b'), "{}", out.stdout);
    let coloured = run([
        std::ffi::OsStr::new("check"),
        spec.as_os_str(),
        "--color".as_ref(),
        "always".as_ref(),
    ]);
    assert!(coloured.stdout.contains("\x1b["), "{}", coloured.stdout);
}

#[test]
fn json_lists_rule_position_message_and_file() {
    let dir = Scratch::new();
    let spec = dir.file("spec.yaml", BROKEN);
    let out = run([
        std::ffi::OsStr::new("check"),
        spec.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(out.code, 1);
    let found: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON output");
    let found = found.as_array().expect("an array");
    assert_eq!(found.len(), 2);
    assert_eq!(found[1]["rule"], "unknown-stability");
    assert_eq!(found[1]["line"], 9);
    assert_eq!(found[1]["column"], 20);
    assert_eq!(found[1]["severity"], "error");
    assert_eq!(found[1]["file"], spec.display().to_string());
    assert_eq!(found[1]["message"], "unknown stability \"stabel\"");
    assert_eq!(found[1]["len"], "stabel".len());
    assert_eq!(
        found[1]["help"],
        "did you mean \"stable\"? — use stable, beta or alpha"
    );
}

#[test]
fn deprecations_are_notes_not_errors() {
    let dir = Scratch::new();
    let spec = dir.file(
        "spec.yaml",
        "groups:\n  - name: g\n    help: G.\n    metrics:\n      - {name: new_total, type: counter, help: N.}\n      - name: old_total\n        type: counter\n        help: O.\n        deprecated: {note: Counted twice., renamed_to: new_total}\n",
    );
    let out = run([std::ffi::OsStr::new("check"), spec.as_os_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "{}:6:9: note: metric \"old_total\" is deprecated: Counted twice. — use \"new_total\" instead [deprecated]\n",
            spec.display()
        )
    );
    let json = run([
        std::ffi::OsStr::new("check"),
        spec.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let found: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON output");
    assert_eq!(found[0]["severity"], "note");
    assert_eq!(found[0]["rule"], "deprecated");
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let dir = Scratch::new();
    let missing = dir.path().join("nope.yaml");
    let out = run([
        std::ffi::OsStr::new("check"),
        missing.as_os_str(),
        "--format".as_ref(),
        "short".as_ref(),
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .starts_with(&format!("{}:1:1: ", missing.display())),
        "{}",
        out.stdout
    );
    let human = run([std::ffi::OsStr::new("check"), missing.as_os_str()]);
    assert_eq!(human.code, 1);
    assert!(
        human
            .stdout
            .starts_with("error[file-unreadable]: cannot read"),
        "{}",
        human.stdout
    );
    assert!(!human.stderr.contains("panicked"), "{}", human.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(["check"]).code, 2, "no spec");
    assert_eq!(
        run(["check", "x.yaml", "--format", "xml"]).code,
        2,
        "unknown format"
    );
    assert_eq!(
        run(["check", "x.yaml", "--color", "sometimes"]).code,
        2,
        "unknown colour choice"
    );
    assert_eq!(run(["frobnicate"]).code, 2, "unknown subcommand");
}

#[test]
fn a_duplicate_points_back_at_the_first_definition() {
    let dir = Scratch::new();
    let spec = dir.file(
        "spec.yaml",
        "groups:\n  - name: g\n    help: G.\n    metrics:\n      - {name: a_total, type: counter, help: A.}\n      - {name: a_total, type: counter, help: B.}\n",
    );
    let json = run([
        std::ffi::OsStr::new("check"),
        spec.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(json.code, 1);
    let found: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON output");
    assert_eq!(found[0]["rule"], "duplicate-metric");
    assert_eq!(
        (found[0]["line"].clone(), found[0]["column"].clone()),
        (6.into(), 16.into())
    );
    let related = &found[0]["related"][0];
    assert_eq!(
        (related["line"].clone(), related["column"].clone()),
        (5.into(), 16.into())
    );
    assert_eq!(related["len"], "a_total".len());
    assert_eq!(related["label"], "first defined here");
    // The human form draws the first definition as a secondary span.
    let human = run([std::ffi::OsStr::new("check"), spec.as_os_str()]);
    assert!(
        human
            .stdout
            .contains("               ------- first defined here"),
        "{}",
        human.stdout
    );
}
