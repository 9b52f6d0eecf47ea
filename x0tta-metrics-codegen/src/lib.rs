//! The engine behind `x0tta_metrics_macros::metrics_spec!`: the spec model,
//! YAML parsing with locations, validation, promlint rules and code
//! generation, as an ordinary library so it can be unit-tested, fuzzed and
//! reused by tools.
//!
//! One pipeline, one direction:
//! [`read`] → `yaml` (text → located tree) → `parse` (tree → spec as
//! written) → `validate` (→ [`model`]) → [`generate()`] (→ tokens).
//! Every stage reports into one diagnostic context, so a build shows every
//! problem of a spec at once.
//!
//! The keys of the format are declared once (`keys`): `parse` checks unknown
//! and missing keys against them and [`schema`] turns them into the JSON
//! Schema editors complete from.

mod ast;
pub mod diagnostic;
mod generate;
mod keys;
pub mod lint;
mod members;
pub mod model;
mod naming;
mod parse;
pub mod read;
pub mod schema;
pub mod suggest;
mod validate;
mod yaml;

use std::path::Path;

pub use diagnostic::{Diagnostic, Location};
pub use generate::{generate, generate_in};
pub use model::Spec;
pub use validate::{DEFAULT_MAX_SERIES, OVERFLOW_HELP, OVERFLOW_METRIC};

/// Checks spec source text: every problem, or the validated model.
pub fn check(source: &[u8]) -> Result<Spec, Vec<Diagnostic>> {
    let mut cx = diagnostic::Context::default();
    let spec = read::text(source, &mut cx)
        .and_then(|text| yaml::parse(text, &mut cx))
        .map(|tree| parse::spec(&tree, &mut cx))
        .map(|ast| validate::spec(&ast, &mut cx));
    match spec {
        Some(spec) if !cx.has_errors() => Ok(spec),
        _ => Err(cx.finish()),
    }
}

/// Reads and checks the spec file at `path`.
pub fn check_file(path: &Path) -> Result<Spec, Vec<Diagnostic>> {
    let mut cx = diagnostic::Context::default();
    match read::file(path, &mut cx) {
        Some(bytes) => check(&bytes),
        None => Err(cx.finish()),
    }
}

/// What the macro does: reads and checks the spec at `path` (absolute) and
/// generates its API, tracking the file for rebuilds.
pub fn expand_file(path: &Path) -> Result<proc_macro2::TokenStream, Vec<Diagnostic>> {
    expand_file_in(path, &quote::quote!(::x0tta_metrics))
}

/// [`expand_file`] for a crate that renamed its `x0tta-metrics` dependency:
/// the generated code reaches the runtime through `rt` (`::my_metrics`).
pub fn expand_file_in(
    path: &Path,
    rt: &proc_macro2::TokenStream,
) -> Result<proc_macro2::TokenStream, Vec<Diagnostic>> {
    let spec = check_file(path)?;
    Ok(generate_in(&spec, path.to_str(), rt))
}
