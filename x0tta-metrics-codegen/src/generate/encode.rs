//! `Metrics::write_text` / `Metrics::encode_text`: the registry writes its own
//! families in the text exposition format 0.0.4.
//!
//! Everything but the values is known here: names, `# HELP`/`# TYPE` lines,
//! every series' label set. So each is rendered and escaped once, now, into
//! string literals, and the scrape only reads values and prints numbers.
//! Families and series come out in the order `Registry::gather()` sorts them
//! (families by name; series by their label values, labels by name), so the
//! text equals `TextEncoder`'s byte for byte.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, int, lifecycle};
use crate::model::{bucket_label, Group, Kind, LabelValues, Metric, Spec};
use crate::validate::{OVERFLOW_HELP, OVERFLOW_METRIC};

/// Bytes a value and its newline take on average, for the buffer's first size.
const VALUE_BYTES: usize = 8;

/// One family as exported: a metric under its name, or under its old name
/// during a rename with dual emission.
struct Exported<'a> {
    group: &'a Group,
    metric: &'a Metric,
    name: &'a str,
    help: String,
}

pub(super) fn generate(spec: &Spec) -> TokenStream {
    let mut families: Vec<Exported> = Vec::new();
    for (group, metric) in spec.metrics() {
        families.push(Exported {
            group,
            metric,
            name: &metric.exported,
            help: metric.help.clone(),
        });
        if let Some((name, help)) = lifecycle::old_family(metric) {
            families.push(Exported {
                group,
                metric,
                name,
                help,
            });
        }
    }
    let mut capacity = 0;
    let mut writes: Vec<(&str, TokenStream)> = families
        .iter()
        .map(|exported| {
            let (write, bytes) = family(spec, exported);
            capacity += bytes;
            (exported.name, write)
        })
        .collect();
    if let Some((write, bytes)) = overflow_family(spec) {
        capacity += bytes;
        writes.push((OVERFLOW_METRIC, write));
    }
    // In `gather()`'s order: families by name.
    writes.sort_by(|a, b| a.0.cmp(b.0));
    let writes = writes.into_iter().map(|(_, write)| write);
    let capacity = int(capacity);
    quote! {
        impl Metrics {
            /// Appends every family of the spec to `out` in the Prometheus
            /// text format 0.0.4: the same text as `gather()` + `TextEncoder`
            /// for these families, written from pre-rendered names and label
            /// sets. Collectors registered on the registry by others are not
            /// included (use [`x0tta_metrics::encode_text`] for those).
            pub fn write_text(&self, out: &mut ::std::string::String) {
                #(#writes)*
            }

            /// Every family of the spec in the Prometheus text format 0.0.4:
            /// the body of a `/metrics` response (see [`Self::write_text`]).
            pub fn encode_text(&self) -> ::std::string::String {
                let mut out = ::std::string::String::with_capacity(#capacity);
                self.write_text(&mut out);
                out
            }
        }

        impl ::x0tta_metrics::Exposition for Metrics {
            fn encode_text(&self) -> ::std::string::String {
                Metrics::encode_text(self)
            }
        }
    }
}

/// The statement writing one family, and about how many bytes it writes.
fn family(spec: &Spec, exported: &Exported) -> (TokenStream, usize) {
    let Exported {
        group,
        metric,
        name,
        help,
    } = exported;
    let text = quote!(::x0tta_metrics::__private::text);
    let field = {
        let group = ident(&group.field);
        let metric = ident(&metric.accessor);
        quote!(self.#group.#metric)
    };
    if !metric.is_closed() {
        if *name == metric.exported {
            return (quote! { #text::collected(out, &#field); }, 0);
        }
        return (
            quote! { #text::collected_as(out, &#field, #name, #help); },
            0,
        );
    }
    let header = header(name, help, metric.kind);
    let mut bytes = header.len();
    let values = if metric.labels.is_empty() {
        quote!(::core::slice::from_ref(&#field))
    } else {
        quote!(&#field)
    };
    let children = sorted_children(spec, metric);
    let write = if metric.kind == Kind::Histogram {
        let les: Vec<String> = metric
            .buckets
            .iter()
            .map(|&b| format!("le=\"{}\"}} ", bucket_label(b)))
            .collect();
        let series = children.iter().map(|(index, labels)| {
            let bucket = format!("{name}_bucket{{{labels}{}", if labels.is_empty() { "" } else { "," });
            let sum = format!("{name}_sum{} ", braced(labels));
            let count = format!("{name}_count{} ", braced(labels));
            bytes += (les.len() + 1) * (bucket.len() + 16 + VALUE_BYTES) + sum.len() + count.len() + 2 * VALUE_BYTES;
            { let index = int(*index); quote! { (#text::HistogramPrefixes { bucket: #bucket, sum: #sum, count: #count }, #index) } }
        });
        let series: Vec<_> = series.collect();
        quote! { #text::histograms(out, #header, &[#(#les),*], &[#(#series),*], #values); }
    } else {
        let series = children.iter().map(|(index, labels)| {
            let prefix = format!("{name}{} ", braced(labels));
            bytes += prefix.len() + VALUE_BYTES;
            {
                let index = int(*index);
                quote! { (#prefix, #index) }
            }
        });
        let series: Vec<_> = series.collect();
        quote! { #text::series(out, #header, &[#(#series),*], #values); }
    };
    (write, bytes)
}

/// The self-metric counting overflowed updates: one series per metric with a
/// series budget, labelled with the metric's exported name.
fn overflow_family(spec: &Spec) -> Option<(TokenStream, usize)> {
    let mut bounded: Vec<(&Group, &Metric)> =
        spec.metrics().filter(|(_, m)| m.budget.is_some()).collect();
    if bounded.is_empty() {
        return None;
    }
    bounded.sort_by(|a, b| a.1.exported.cmp(&b.1.exported));
    let header = header(OVERFLOW_METRIC, OVERFLOW_HELP, Kind::Counter);
    let mut bytes = header.len();
    let series = bounded.iter().enumerate().map(|(index, (_, metric))| {
        let prefix = format!(
            "{OVERFLOW_METRIC}{{metric=\"{}\"}} ",
            escape(&metric.exported, true)
        );
        bytes += prefix.len() + VALUE_BYTES;
        {
            let index = int(index);
            quote! { (#prefix, #index) }
        }
    });
    let series: Vec<TokenStream> = series.collect();
    let counters = bounded.iter().map(|(group, metric)| {
        let (group, metric) = (ident(&group.field), ident(&metric.accessor));
        quote!(self.#group.#metric.overflow_counter())
    });
    let text = quote!(::x0tta_metrics::__private::text);
    let write = quote! { #text::series(out, #header, &[#(#series),*], &[#(#counters),*]); };
    Some((write, bytes))
}

/// `# HELP name help\n# TYPE name kind\n`, as `TextEncoder` writes them.
fn header(name: &str, help: &str, kind: Kind) -> String {
    let help = if help.is_empty() {
        String::new()
    } else {
        format!("# HELP {name} {}\n", escape(help, false))
    };
    format!("{help}# TYPE {name} {}\n", kind.as_str())
}

/// `{labels}`, or nothing for a series without labels.
fn braced(labels: &str) -> String {
    if labels.is_empty() {
        String::new()
    } else {
        format!("{{{labels}}}")
    }
}

/// Every child of a closed family as (its index in the accessor's array,
/// its rendered `name="value",…` labels), in `gather()`'s order.
fn sorted_children(spec: &Spec, metric: &Metric) -> Vec<(usize, String)> {
    let sets: Vec<&[crate::model::EnumValue]> = metric
        .labels
        .iter()
        .map(|l| match l.values {
            LabelValues::Enum(e) => spec.enums[e].values.as_slice(),
            LabelValues::Free => unreachable!("closed metric"),
        })
        .collect();
    // Prometheus orders a series' labels by name.
    let mut by_name: Vec<usize> = (0..metric.labels.len()).collect();
    by_name.sort_by(|&a, &b| metric.labels[a].name.cmp(&metric.labels[b].name));
    let count: usize = sets.iter().map(|s| s.len()).product();
    let mut children: Vec<(Vec<&str>, usize)> = (0..count)
        .map(|i| {
            // The accessor's mixed radix: the last label varies fastest.
            let mut digits = vec![0; sets.len()];
            let mut rest = i;
            for (k, set) in sets.iter().enumerate().rev() {
                digits[k] = rest % set.len();
                rest /= set.len();
            }
            let values = by_name
                .iter()
                .map(|&k| sets[k][digits[k]].value.as_str())
                .collect();
            (values, i)
        })
        .collect();
    children.sort();
    children
        .into_iter()
        .map(|(values, index)| {
            let labels = by_name
                .iter()
                .zip(&values)
                .map(|(&k, value)| format!("{}=\"{}\"", metric.labels[k].name, escape(value, true)))
                .collect::<Vec<_>>()
                .join(",");
            (index, labels)
        })
        .collect()
}

/// Escapes as the exposition format asks: `\` and newline always, `"` in
/// label values.
fn escape(text: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '"' if quotes => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_backslash_newline_and_quote_in_label_values_only() {
        assert_eq!(escape("a\\b\n\"c\"é", true), "a\\\\b\\n\\\"c\\\"é");
        assert_eq!(escape("a\\b\n\"c\"", false), "a\\\\b\\n\"c\"");
    }
}
