//! What `cargo install` users meet first: `--version` and shell completions.

mod common;

use std::process::Command;

#[test]
fn version_names_the_binary_and_the_crate_version() {
    let run = common::run(["--version"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        format!("x0tta-metrics {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bash_completion_script_registers_and_completes_subcommands() {
    let script = common::run(["completions", "bash"]);
    assert_eq!(script.code, 0, "{}", script.stderr);
    let scratch = common::Scratch::new();
    let path = scratch.path().join("x0tta-metrics.bash");
    std::fs::write(&path, &script.stdout).expect("write completion script");
    // Source it in a real bash, find the function it registered for
    // `x0tta-metrics`, and ask it to complete `x0tta-metrics ch`.
    let probe = format!(
        "source {}; spec=$(complete -p x0tta-metrics) || exit 3; echo \"$spec\"; \
         function=${{spec##*-F }}; function=${{function%% *}}; \
         COMP_WORDS=(x0tta-metrics ch); COMP_CWORD=1; COMP_LINE='x0tta-metrics ch'; COMP_POINT=${{#COMP_LINE}}; \
         \"$function\" x0tta-metrics ch x0tta-metrics; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display()
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &probe])
        .output()
        .expect("run bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("complete "), "{stdout}");
    assert!(stdout.lines().any(|line| line == "check"), "{stdout}");
}

#[test]
fn unknown_shell_is_refused_with_the_list_of_shells() {
    let run = common::run(["completions", "cmd.exe"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bash"), "{}", run.stderr);
}
