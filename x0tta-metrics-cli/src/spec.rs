//! Loading a spec for a generator: the validated model, or its diagnostics
//! printed to standard error.

use std::path::Path;

use x0tta_metrics_codegen::{check_file, Spec};

use crate::Failed;

/// The validated spec at `path`; on errors, prints each and fails.
pub(crate) fn load(path: &Path) -> Result<Spec, Failed> {
    check_file(path).map_err(|diagnostics| {
        let shown = path.display().to_string();
        for d in &diagnostics {
            eprintln!("{}", d.render(&shown));
        }
        eprintln!(
            "error: {shown} has {} — run `x0tta-metrics check {shown}`",
            count(diagnostics.len(), "error")
        );
        Failed
    })
}

/// `1 error`, `3 errors`.
pub(crate) fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The spec's namespace prefix for names made from it (`x0tta6bl4`), or `metrics`.
pub(crate) fn prefix(spec: &Spec) -> &str {
    spec.namespace.as_deref().unwrap_or("metrics")
}

/// What `docs` and `rules` do: load the spec at `path`, render it (the
/// renderer gets the spec's file name for its header) and write the text to
/// `out` or standard output.
pub(crate) fn render_to(
    path: &Path,
    out: Option<&Path>,
    render: fn(&Spec, &str) -> String,
) -> crate::Outcome {
    let spec = load(path)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    crate::output::write(out, &render(&spec, &name))
}
