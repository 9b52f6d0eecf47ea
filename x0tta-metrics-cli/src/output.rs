//! Writing generated text to a file or standard output.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::{Failed, Outcome};

/// Writes `text` to `path`, or to standard output when there is none.
pub(crate) fn write(path: Option<&Path>, text: &str) -> Outcome {
    match path {
        Some(path) => write_file(path, text),
        None => std::io::stdout().write_all(text.as_bytes()).map_err(|e| {
            eprintln!("error: cannot write to standard output: {e}");
            Failed
        }),
    }
}

/// Writes `text` to `path`, creating its folder. The text goes to a
/// temporary file beside it first and is renamed into place, so an
/// interrupted run never leaves a half-written reference, rule file or
/// dashboard behind.
pub(crate) fn write_file(path: &Path, text: &str) -> Outcome {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = dir
        .map_or(Ok(()), fs::create_dir_all)
        .and_then(|()| fs::write(&temporary, text))
        .and_then(|()| fs::rename(&temporary, path));
    result.map_err(|e| {
        let _ = fs::remove_file(&temporary);
        eprintln!("error: cannot write {}: {e}", path.display());
        Failed
    })
}
