//! The validated model → Rust tokens.
//!
//! The output is meant to be read (rustdoc, `cargo expand`, the snapshot in
//! the tests): one enum per closed label set, one collector struct per group,
//! one `Metrics` registry type holding them all.

/// The alias of the runtime's `__private0_2` module that `generate_in`
/// brings into scope beside the generated items, as a literal for
/// `concat!` (see [`private!`]).
macro_rules! private_alias {
    () => {
        "__x0tta_private"
    };
}

/// `item` of the runtime's private module by its alias, spaces around:
/// one `&'static str` for `Code::push`, one copy into the text.
macro_rules! private {
    ($item:literal) => {
        concat!(" ", private_alias!(), "::", $item, " ")
    };
}

mod code;
mod doc;
mod encode;
mod enums;
mod group;
mod headers;
mod lifecycle;
mod params;
mod shared;
mod statics;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::members;
use crate::model::Spec;
pub(crate) use doc::{code_span, doc, spec_text};

/// Generates the whole API for `spec`. `tracked_file`, when given, is the
/// spec's absolute path: the output then includes it with a hidden
/// `include_bytes!` so that cargo rebuilds the invoking crate when it changes.
pub fn generate(spec: &Spec, tracked_file: Option<&str>) -> TokenStream {
    generate_in(spec, tracked_file, &quote!(::x0tta_metrics))
}

/// [`generate`], naming the runtime crate `rt` (`::x0tta_metrics` unless
/// the user renamed the dependency): every runtime path in the output goes
/// through this one token stream.
pub fn generate_in(spec: &Spec, tracked_file: Option<&str>, rt: &TokenStream) -> TokenStream {
    let enums = spec.enums.iter().map(enums::generate);
    let shared = shared::Shared::new(spec);
    // What grows with the families (the walk, the groups) is written as
    // source text and lexed once (see `code.rs`); the rest, once per spec,
    // is built by `quote!`.
    let (rt_alias, text_rt) = text_rt(rt);
    let families = spec.metrics().count();
    let mut code = code::Code::with_capacity(1024 * families);
    encode::write(&mut code, spec, &text_rt);
    for (index, group) in spec.groups.iter().enumerate() {
        group::write(&mut code, spec, &shared, index, group, &text_rt);
    }
    let per_family = code.finish();
    let shared = shared.items(spec);
    let registry = registry(spec, rt);
    let track = tracked_file.map(|path| {
        quote! {
            // Makes cargo rebuild this crate when the spec changes.
            const _: &[u8] = include_bytes!(#path);
        }
    });
    let private = private();
    quote! {
        #track
        // The runtime's support for generated code under one short name:
        // written once here rather than in full in every family's code.
        #[doc(hidden)]
        #[allow(unused_imports)]
        use #rt::__private0_2 as #private;
        #rt_alias
        #(#enums)*
        #shared
        #registry
        #per_family
    }
}

/// The runtime crate's path as the text (see `code.rs`) names it: `rt`
/// itself when it can be written as text (`::x0tta_metrics`,
/// `::renamed`), else (`$crate::…` from a `macro_rules!` wrapper) an alias
/// declared beside the generated items, with that declaration.
fn text_rt(rt: &TokenStream) -> (Option<TokenStream>, TokenStream) {
    if code::prints_as_lexed(rt) {
        return (None, rt.clone());
    }
    let alias = ident(RT_ALIAS);
    let declaration = quote! {
        #[doc(hidden)]
        #[allow(unused_imports)]
        use #rt as #alias;
    };
    (Some(declaration), quote!(#alias))
}

/// The alias of the runtime crate that [`text_rt`] declares when needed.
const RT_ALIAS: &str = "__x0tta_rt";

/// The `Metrics` type: one field per group, and the constructors.
fn registry(spec: &Spec, rt: &TokenStream) -> TokenStream {
    let private = private();
    // A static group lives in the user's `static`, not in `Metrics`.
    let groups = || spec.groups.iter().filter(|g| !g.is_static);
    let fields = groups().map(|g| {
        let field = ident(&g.field);
        let ty = ident(&g.rust_name);
        let doc = doc(&spec_text(&g.help));
        quote! { #doc pub #field: #ty, }
    });
    let hidden_register = ident(members::COLLECTOR_METHODS[1]);
    let inits = groups().map(|g| {
        let field = ident(&g.field);
        let ty = ident(&g.rust_name);
        quote! { #field: #ty::#hidden_register(&mut registration), }
    });
    let families: usize = groups().map(|g| g.metrics.len()).sum();
    let mut text = format!(
        "Every metric of the spec: {} groups, {families} families, registered on one `prometheus::Registry`.",
        groups().count()
    );
    for g in spec.groups.iter().filter(|g| g.is_static) {
        text.push_str(&format!(
            "\n\nGroup `{}` is static: it lives in a `static` of yours ([`{}::new`]), not here.",
            g.name, g.rust_name
        ));
    }
    if !spec.const_labels.is_empty() {
        text.push_str("\n\nEvery series carries the spec's constant labels:");
        for (name, value) in &spec.const_labels {
            text.push_str(&format!("\n- `{name}` = {}", code_span(value)));
        }
    }
    let doc = doc(&text);
    let names = spec.const_labels.iter().map(|(name, _)| name);
    let values = spec.const_labels.iter().map(|(_, value)| value);
    // Spelled through `members`, which validation checks the spec against.
    #[allow(non_snake_case)] // reads as the type it names in the quote below
    let (Metrics, registry, scope, CONST_LABELS) = (
        ident(members::REGISTRY_TYPE),
        ident(members::REGISTRY_FIELD),
        ident(members::SCOPE_FIELD),
        ident(members::CONST_LABELS),
    );
    let type_name = members::REGISTRY_TYPE;
    quote! {
        #doc
        #[derive(Clone)]
        pub struct #Metrics {
            #registry: #rt::prometheus::Registry,
            /// The registry's prefix and common labels, for the encoders.
            #scope: ::std::sync::Arc<#private::Scope>,
            #(#fields)*
        }

        impl #Metrics {
            /// The spec's `const_labels`, sorted by name.
            #[doc(hidden)]
            pub const #CONST_LABELS: &'static [(&'static str, &'static str)] =
                &[#((#names, #values)),*];

            /// Creates every family on a fresh registry of its own.
            pub fn new() -> ::core::result::Result<Self, #rt::prometheus::Error> {
                Self::register(&#rt::prometheus::Registry::new())
            }

            /// Creates every family and registers it on `registry` (for example
            /// `prometheus::default_registry()`). If any name is already taken,
            /// or a common label of the registry is one of the spec's
            /// `const_labels`, nothing stays registered and the error
            /// (`prometheus::Error::Msg`) names it.
            pub fn register(
                registry: &#rt::prometheus::Registry,
            ) -> ::core::result::Result<Self, #rt::prometheus::Error> {
                let mut registration = #private::Registration::new(registry);
                let metrics = Self {
                    #registry: registry.clone(),
                    #scope: ::std::sync::Arc::new(registration.scope(Self::#CONST_LABELS)?),
                    #(#inits)*
                };
                registration.finish(metrics)
            }

            /// Creates every family on a fresh registry whose constant labels
            /// (`instance`, `node`, `region`, …) every series carries, in every
            /// format and in `gather()`. A label named like one of the spec's
            /// `const_labels` is an error (`prometheus::Error::Msg`).
            pub fn with_labels(
                labels: &[(&str, &str)],
            ) -> ::core::result::Result<Self, #rt::prometheus::Error> {
                Self::register(&#private::registry_with_labels(labels)?)
            }

            /// The process-wide instance, registered on
            /// `prometheus::default_registry()` on first use. If a name was
            /// already taken there, every call returns that error.
            pub fn global() -> ::core::result::Result<&'static Self, &'static #rt::prometheus::Error> {
                static GLOBAL: ::std::sync::OnceLock<
                    ::core::result::Result<#Metrics, #rt::prometheus::Error>,
                > = ::std::sync::OnceLock::new();
                GLOBAL
                    .get_or_init(|| Self::register(#rt::prometheus::default_registry()))
                    .as_ref()
            }

            /// The registry the families are registered on.
            pub fn registry(&self) -> &#rt::prometheus::Registry {
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

/// The alias of the runtime's `__private0_2` module that `generate_in`
/// brings into scope beside the generated items.
pub(crate) const PRIVATE: &str = private_alias!();

/// [`PRIVATE`], for `quote!`.
pub(crate) fn private() -> Ident {
    ident(PRIVATE)
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

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    const SPEC: &str =
        "{namespace: ns, groups: [{name: g, help: G., metrics: [{name: a_total, type: counter, help: A.}]}]}";

    #[test]
    fn a_path_through_dollar_crate_is_named_by_an_alias() {
        let spec = crate::check(SPEC.as_bytes()).expect("valid spec");
        // What a `macro_rules!` wrapper's `$crate::runtime` prints as.
        let rt = TokenStream::from_str("$crate::runtime").expect("lexes");
        let out = generate_in(&spec, None, &rt).to_string();
        assert!(
            out.contains("use $ crate :: runtime as __x0tta_rt ;"),
            "{out}"
        );
        assert!(
            out.contains("registry : & __x0tta_rt :: prometheus :: Registry"),
            "{out}"
        );
        assert!(!out.contains("compile_error"), "{out}");
        // A plain path is written as it is, with no alias.
        let out = generate_in(&spec, None, &quote!(::renamed)).to_string();
        assert!(
            out.contains("registry : & :: renamed :: prometheus :: Registry"),
            "{out}"
        );
        assert!(!out.contains("__x0tta_rt"), "{out}");
    }
}
