//! `metrics_spec!("path/to/spec.yaml")`: a thin shell around
//! `x0tta-metrics-codegen`. All logic lives there; this crate only resolves
//! the path and turns diagnostics into compile errors.

use std::path::PathBuf;

use proc_macro::TokenStream;
use syn::{parse_macro_input, LitStr};

/// Expands, in place, to the typed API of the YAML metric spec at the given
/// path, relative to the invoking crate's root (`CARGO_MANIFEST_DIR`).
///
/// Every problem of the spec is a compile error at the path literal whose
/// message is drawn as rustc draws its own: `<message> [<rule>]`, then
/// `--> <path>:<line>:<col>` and the YAML line with the offending key or
/// value underlined, a `help:` and a note naming `x0tta-metrics explain`.
/// The generated code refers to `::x0tta_metrics`, so the invoking crate
/// depends on `x0tta-metrics` (which re-exports this macro).
#[proc_macro]
pub fn metrics_spec(input: TokenStream) -> TokenStream {
    let literal = parse_macro_input!(input as LitStr);
    let written = literal.value();
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let path = root.join(&written);
    match x0tta_metrics_codegen::expand_file(&path) {
        Ok(tokens) => tokens.into(),
        Err(diagnostics) => {
            // The snippets quote the spec's lines; a file that cannot be read
            // (or is not UTF-8) is rendered without them, and its error names
            // the path it resolved to.
            let source = std::fs::read_to_string(&path).ok();
            let mut errors = diagnostics.iter().map(|d| {
                let text = d.render_for_compiler(&written, source.as_deref());
                syn::Error::new(literal.span(), text)
            });
            let mut combined = errors
                .next()
                .unwrap_or_else(|| syn::Error::new(literal.span(), "invalid spec"));
            combined.extend(errors);
            combined.to_compile_error().into()
        }
    }
}
