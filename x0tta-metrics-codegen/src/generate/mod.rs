//! The validated model → Rust tokens.
//!
//! The output is meant to be read (rustdoc, `cargo expand`, the snapshot in
//! the tests): one enum per closed label set, one collector struct per group,
//! one `Metrics` registry type holding them all.

mod doc;
mod encode;
mod enums;
mod group;
mod lifecycle;
mod params;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::members;
use crate::model::Spec;
pub(crate) use doc::{code_span, doc, spec_text};

/// Generates the whole API for `spec`. `tracked_file`, when given, is the
/// spec's absolute path: the output then includes it with a hidden
/// `include_bytes!` so that cargo rebuilds the invoking crate when it changes.
pub fn generate(spec: &Spec, tracked_file: Option<&str>) -> TokenStream {
    let enums = spec.enums.iter().map(enums::generate);
    let groups = spec.groups.iter().map(|g| group::generate(spec, g));
    let registry = registry(spec);
    let encoder = encode::generate(spec);
    let track = tracked_file.map(|path| {
        quote! {
            // Makes cargo rebuild this crate when the spec changes.
            const _: &[u8] = include_bytes!(#path);
        }
    });
    quote! {
        #track
        #(#enums)*
        #registry
        #encoder
        #(#groups)*
    }
}

/// The `Metrics` type: one field per group, and the constructors.
fn registry(spec: &Spec) -> TokenStream {
    let fields = spec.groups.iter().map(|g| {
        let field = ident(&g.field);
        let ty = ident(&g.rust_name);
        let doc = doc(&spec_text(&g.help));
        quote! { #doc pub #field: #ty, }
    });
    let hidden_register = ident(members::COLLECTOR_METHODS[1]);
    let inits = spec.groups.iter().map(|g| {
        let field = ident(&g.field);
        let ty = ident(&g.rust_name);
        quote! { #field: #ty::#hidden_register(&mut registration)?, }
    });
    let families: usize = spec.groups.iter().map(|g| g.metrics.len()).sum();
    let doc = doc(&format!(
        "Every metric of the spec: {} groups, {families} families, registered on one `prometheus::Registry`.",
        spec.groups.len()
    ));
    // Spelled through `members`, which validation checks the spec against.
    #[allow(non_snake_case)] // reads as the type it names in the quote below
    let (Metrics, registry) = (
        ident(members::REGISTRY_TYPE),
        ident(members::REGISTRY_FIELD),
    );
    let type_name = members::REGISTRY_TYPE;
    quote! {
        #doc
        #[derive(Clone)]
        pub struct #Metrics {
            #registry: ::x0tta_metrics::prometheus::Registry,
            #(#fields)*
        }

        impl #Metrics {
            /// Creates every family on a fresh registry of its own.
            pub fn new() -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
                Self::register(&::x0tta_metrics::prometheus::Registry::new())
            }

            /// Creates every family and registers it on `registry` (for example
            /// `prometheus::default_registry()`). If any name is already taken,
            /// nothing stays registered and the error
            /// (`prometheus::Error::Msg`) names it.
            pub fn register(
                registry: &::x0tta_metrics::prometheus::Registry,
            ) -> ::core::result::Result<Self, ::x0tta_metrics::prometheus::Error> {
                let mut registration = ::x0tta_metrics::__private::Registration::new(registry);
                let metrics = Self {
                    #registry: registry.clone(),
                    #(#inits)*
                };
                registration.commit();
                ::core::result::Result::Ok(metrics)
            }

            /// The registry the families are registered on.
            pub fn registry(&self) -> &::x0tta_metrics::prometheus::Registry {
                &self.#registry
            }
        }

        impl ::core::fmt::Debug for #Metrics {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#type_name).finish_non_exhaustive()
            }
        }
    }
}

/// An unsuffixed integer literal (`3`, not `3usize`), for readable output.
pub(crate) fn int(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
}

/// An identifier from a validated name; `r#` names become raw identifiers.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
