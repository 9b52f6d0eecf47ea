//! `metrics_spec!("path/to/spec.yaml")`: a thin shell around
//! `x0tta-metrics-codegen`. All logic lives there; this crate only resolves
//! the path and turns diagnostics into compile errors.

use std::path::PathBuf;

use proc_macro::TokenStream;
use syn::{parse_macro_input, LitStr};

/// Expands, in place, to the typed API of the YAML metric spec at the given
/// path, relative to the invoking crate's root (`CARGO_MANIFEST_DIR`).
///
/// Every problem of the spec is a compile error at the path literal, whose
/// message starts `<path>:<line>:<col>: ` at the offending YAML key or value.
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
            // A file that cannot be read is named by the path it resolved to.
            let mut errors = diagnostics
                .iter()
                .map(|d| syn::Error::new(literal.span(), d.render(&written)));
            let mut combined = errors
                .next()
                .unwrap_or_else(|| syn::Error::new(literal.span(), "invalid spec"));
            combined.extend(errors);
            combined.to_compile_error().into()
        }
    }
}
