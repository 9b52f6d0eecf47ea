//! Reading the spec file: bytes → text, with the problems a file can have.

use std::path::Path;

use crate::diagnostic::{Context, Location};

/// A spec larger than this is not a hand-written catalogue; refusing it keeps
/// compile time and memory bounded whatever file the macro is pointed at.
pub const MAX_SPEC_BYTES: u64 = 8 * 1024 * 1024;

/// Reads `path`; on failure the diagnostic shows the path it resolved to.
pub(crate) fn file(path: &Path, cx: &mut Context) -> Option<Vec<u8>> {
    let shown = path.display();
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            cx.error(
                "file-unreadable",
                Location::FILE,
                format!("{shown} is a directory, not a spec file"),
            );
            return None;
        }
        Ok(meta) if meta.len() > MAX_SPEC_BYTES => {
            cx.error(
                "file-too-large",
                Location::FILE,
                format!(
                    "{shown} is {} bytes; a spec may be at most {MAX_SPEC_BYTES} bytes",
                    meta.len()
                ),
            );
            return None;
        }
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(err) => {
            cx.error(
                "file-unreadable",
                Location::FILE,
                format!("cannot read spec file {shown}: {err}"),
            );
            None
        }
    }
}

/// The bytes as UTF-8, or a diagnostic at the first invalid byte.
pub(crate) fn text<'a>(bytes: &'a [u8], cx: &mut Context) -> Option<&'a str> {
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        cx.error(
            "file-too-large",
            Location::FILE,
            format!(
                "the spec is {} bytes; a spec may be at most {MAX_SPEC_BYTES} bytes",
                bytes.len()
            ),
        );
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count() as u64
                + 1;
            cx.error(
                "file-not-utf8",
                Location::new(line, column),
                "the spec is not valid UTF-8 — save it as UTF-8",
            );
            None
        }
    }
}
