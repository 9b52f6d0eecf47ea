//! The crates as crates.io would serve them: `cargo package` the published
//! crates, unpack the `.crate` files, and build the README's "Your own spec"
//! crate against them (not against the workspace's path dependencies), then
//! install the packaged command-line tool.
//!
//! This is what catches a package that misses a file it needs (the catalogue
//! spec, a module, the README), and a README example that no longer builds.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use support::scratch::workspace;
use x0tta_metrics_tests::e2e::process::TempDir;

/// The crates meant for users, in dependency order.
const PUBLISHED: [&str; 4] = [
    "x0tta-metrics-codegen",
    "x0tta-metrics-macros",
    "x0tta-metrics",
    "x0tta-metrics-cli",
];

#[test]
fn readme_crate_builds_against_the_packaged_crates_and_the_cli_installs() {
    // The target dirs outlive a run, so later runs rebuild only what changed.
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("packaged");
    let package_target = work.join("package-target");
    // The packages and the scratch crate live outside this workspace, as a
    // user's would: cargo must not take them for members of it.
    let outside = TempDir::new("packaged");
    let unpacked = outside.path().join("unpacked");
    let crate_dir = outside.path().join("readme-crate");
    fs::create_dir_all(crate_dir.join("src")).expect("create the scratch crate");
    fs::create_dir_all(&unpacked).expect("create the unpack dir");

    let mut package = cargo(&workspace());
    package.args([
        "package",
        "--no-verify",
        "--allow-dirty",
        "--offline",
        "--target-dir",
    ]);
    package.arg(&package_target);
    for name in PUBLISHED {
        package.args(["-p", name]);
    }
    run_ok(package, "cargo package");

    let version = env!("CARGO_PKG_VERSION");
    let mut sources = Vec::new();
    for name in PUBLISHED {
        let archive = package_target.join(format!("package/{name}-{version}.crate"));
        let mut tar = Command::new("tar");
        tar.arg("xzf").arg(&archive).arg("-C").arg(&unpacked);
        run_ok(tar, "tar xzf");
        sources.push((name, unpacked.join(format!("{name}-{version}"))));
    }

    // The packaged runtime carries the catalogue spec itself, not a link out of the package.
    let packaged_spec = sources[2].1.join("metrics-spec.yaml");
    assert!(
        fs::symlink_metadata(&packaged_spec)
            .expect("packaged spec")
            .is_file(),
        "{} must be a plain file in the package",
        packaged_spec.display()
    );

    // The README's "Your own spec" crate, verbatim, with crates.io patched to the unpacked packages.
    let readme = fs::read_to_string(workspace().join("README.md")).expect("read README.md");
    let blocks = section_blocks(&readme, "## Your own spec");
    let block = |lang: &str| -> &str {
        blocks
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, text)| text.as_str())
            .unwrap_or_else(|| panic!("README's \"Your own spec\" has no ```{lang} block"))
    };
    let mut manifest = String::from(
        "[package]\nname = \"readme-crate\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n",
    );
    manifest.push_str(block("toml"));
    manifest.push_str("\n[patch.crates-io]\n");
    for (name, dir) in &sources[..3] {
        manifest.push_str(&format!("{name} = {{ path = {:?} }}\n", path_text(dir)));
    }
    manifest.push_str("\n[workspace]\n");
    fs::write(crate_dir.join("Cargo.toml"), manifest).expect("write Cargo.toml");
    fs::write(crate_dir.join("metrics.yaml"), block("yaml")).expect("write metrics.yaml");
    fs::write(crate_dir.join("src/main.rs"), block("rust")).expect("write main.rs");
    fs::copy(workspace().join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .expect("copy Cargo.lock");

    let mut run = cargo(&crate_dir);
    run.args(["run", "--quiet", "--offline", "--target-dir"]);
    run.arg(work.join("readme-target"));
    let scrape = String::from_utf8(run_ok(run, "cargo run of the README crate").stdout)
        .expect("UTF-8 scrape");
    assert!(
        scrape.contains("shop_requests_total{method=\"get\"} 1\n"),
        "{scrape}"
    );
    assert!(
        scrape.contains("shop_requests_total{method=\"post\"} 0\n"),
        "{scrape}"
    );
    assert!(
        scrape.contains("shop_request_duration_seconds_bucket{le=\"0.05\"} 1\n"),
        "{scrape}"
    );
    assert!(
        scrape.contains("shop_request_duration_seconds_count 1\n"),
        "{scrape}"
    );

    // `cargo install` of the packaged command-line tool gives a working binary.
    let root = work.join("install-root");
    // Its codegen dependency is not on crates.io: the packaged one stands in.
    let mut install = cargo(outside.path());
    install.args(["install", "--debug", "--offline", "--force", "--path"]);
    install
        .arg(&sources[3].1)
        .arg("--root")
        .arg(&root)
        .arg("--target-dir");
    install
        .arg(work.join("install-target"))
        .arg("--config")
        .arg(format!(
            "patch.crates-io.x0tta-metrics-codegen.path={:?}",
            path_text(&sources[0].1)
        ));
    run_ok(install, "cargo install of the packaged CLI");
    let binary = root.join("bin/x0tta-metrics");
    let mut version_cmd = Command::new(&binary);
    version_cmd.arg("--version");
    let printed = String::from_utf8(run_ok(version_cmd, "x0tta-metrics --version").stdout)
        .expect("UTF-8 version");
    assert_eq!(printed.trim(), format!("x0tta-metrics {version}"));
    let mut check = Command::new(&binary);
    check.arg("check").arg(crate_dir.join("metrics.yaml"));
    run_ok(check, "x0tta-metrics check of the README spec");
}

/// `cargo` with the environment of this test's own cargo run removed, so the
/// child builds its own crate in its own target dir.
fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}

/// A path as text for a TOML string (the temp dir is plain ASCII).
fn path_text(path: &Path) -> String {
    path.display().to_string()
}

/// Runs `command`, failing the test with its output unless it succeeds.
fn run_ok(mut command: Command, what: &str) -> Output {
    let output = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The fenced code blocks (language, text) of the README section that starts
/// with the heading `heading`, up to the next `## ` heading.
fn section_blocks(readme: &str, heading: &str) -> Vec<(String, String)> {
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README has no {heading}"));
    let section = &readme[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut blocks = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if let Some(lang) = line.strip_prefix("```") {
            let text: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            blocks.push((lang.trim().to_string(), text.join("\n") + "\n"));
        }
    }
    blocks
}
