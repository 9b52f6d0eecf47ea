//! One Rust enum per closed label-value set.

use proc_macro2::TokenStream;
use quote::quote;

use super::{code_span, doc, ident, int};
use crate::model::Enum;

pub(super) fn generate(set: &Enum) -> TokenStream {
    let name = ident(&set.rust_name);
    let count = int(set.values.len());
    let variants: Vec<_> = set.values.iter().map(|v| ident(&v.variant)).collect();
    let values: Vec<&str> = set.values.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = values
        .iter()
        .map(|v| doc(&format!("The label value {}.", code_span(v))));
    let values_doc = values
        .iter()
        .map(|v| code_span(v))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = doc(&if set.shared {
        format!(
            "Values of the shared label set `{}`: {values_doc}.",
            set.name
        )
    } else {
        let (metric, label) = set.name.split_once('.').unwrap_or((&set.name, ""));
        format!("Values of label `{label}` of `{metric}`: {values_doc}.")
    });
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variant_docs #variants, )*
        }

        impl #name {
            /// Every value, in spec order.
            pub const ALL: [Self; #count] = [#(Self::#variants),*];

            /// Every exported label value, in spec order.
            pub const LABELS: [&'static str; #count] = [#(#values),*];

            /// The exported label value.
            pub const fn as_str(self) -> &'static str {
                Self::LABELS[self as usize]
            }

            /// The value whose exported label value is `value`, if any.
            pub fn from_label(value: &str) -> ::core::option::Option<Self> {
                match value {
                    #(#values => ::core::option::Option::Some(Self::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
