//! An accessor's parameters. When every label has a Rust type of its own,
//! one positional parameter per label, in spec order: passing them in the
//! wrong order does not compile. When two labels share a type (two
//! free-form labels, or one enum used twice), a swap would compile, so the
//! accessor takes one labels struct with a named field per label instead,
//! as prometheus-client's label sets do.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident};
use crate::model::{Group, LabelValues, Metric, Spec};

/// How an accessor (and its aliases and removal helper) takes the labels.
pub(super) struct Params {
    /// The parameters after `&self`.
    pub(super) decl: Vec<TokenStream>,
    /// Binds every label's argument name from the parameters, first thing in
    /// the body (empty for positional parameters).
    pub(super) bind: TokenStream,
    /// The arguments that forward a call to another method with the same
    /// parameters.
    pub(super) forward: Vec<TokenStream>,
    /// The labels struct, if the accessor takes one.
    pub(super) labels_struct: Option<TokenStream>,
}

pub(super) fn params(spec: &Spec, group: &Group, metric: &Metric) -> Params {
    let typed = |lifetime: TokenStream| {
        metric.labels.iter().map(move |l| {
            let arg = ident(&l.arg);
            match l.values {
                LabelValues::Enum(e) => {
                    let ty = ident(&spec.enums[e].rust_name);
                    (arg, quote!(#ty))
                }
                LabelValues::Free => (arg, quote!(&#lifetime str)),
            }
        })
    };
    let Some(name) = &metric.labels_struct else {
        let (args, types): (Vec<_>, Vec<_>) = typed(quote!()).unzip();
        return Params {
            decl: args
                .iter()
                .zip(&types)
                .map(|(a, t)| quote!(#a: #t))
                .collect(),
            bind: quote!(),
            forward: args.iter().map(|a| quote!(#a)).collect(),
            labels_struct: None,
        };
    };
    let ty = ident(name);
    let free = metric.labels.iter().any(|l| l.values == LabelValues::Free);
    let (generics, anonymous) = if free {
        (quote!(<'a>), quote!(<'_>))
    } else {
        (quote!(), quote!())
    };
    let (args, types): (Vec<_>, Vec<_>) = typed(quote!('a)).unzip();
    let field_docs = metric.labels.iter().map(|l| {
        let values = match l.values {
            LabelValues::Enum(e) => format!("one of [`{}`]", spec.enums[e].rust_name),
            LabelValues::Free => "free-form".to_string(),
        };
        doc(&format!("Label `{}`: {values}.", l.name))
    });
    let accessor = metric.accessor.trim_start_matches("r#");
    let struct_doc = doc(&format!(
        "The labels of [`{accessor}`]({}::{accessor}), by name: two of them have the same \
         Rust type, so positional arguments could be swapped without a compile error.",
        group.rust_name
    ));
    Params {
        decl: vec![quote!(labels: #ty #anonymous)],
        bind: quote!(let #ty { #(#args),* } = labels;),
        forward: vec![quote!(labels)],
        labels_struct: Some(quote! {
            #struct_doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub struct #ty #generics {
                #( #field_docs pub #args: #types, )*
            }
        }),
    }
}
