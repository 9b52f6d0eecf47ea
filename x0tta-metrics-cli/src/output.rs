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

/// Writes `text` to `path`, creating its folder.
pub(crate) fn write_file(path: &Path, text: &str) -> Outcome {
    let result = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => fs::create_dir_all(dir).and_then(|()| fs::write(path, text)),
        None => fs::write(path, text),
    };
    result.map_err(|e| {
        eprintln!("error: cannot write {}: {e}", path.display());
        Failed
    })
}
