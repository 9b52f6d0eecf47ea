//! Scratch crates: small crates written at test time and built with the real
//! cargo, to test what only a separate crate shows (the macro's path
//! resolution, its compile errors, rebuilds on a spec edit).

use std::path::{Path, PathBuf};

/// The workspace root (the parent of the `tests` package).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// The `Cargo.toml` of scratch package `package`: it depends on this
/// workspace's x0tta-metrics without the catalogue, and is a workspace of
/// its own (so cargo does not take it for a member of an enclosing one).
pub fn manifest(package: &str) -> String {
    let runtime = workspace().join("x0tta-metrics");
    format!(
        "[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nx0tta-metrics = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
        runtime.display().to_string()
    )
}
