//! What a metric's lifecycle adds to its accessor: `#[deprecated]`, the
//! forwarding accessors under old names, and registration under the old
//! exported name during a rename.

use super::code::Code;
use super::group::Family;
use super::spec_text;
use crate::model::{Metric, Spec, Stability};

/// `#[deprecated(note = …)]` naming the replacement, for a deprecated metric.
pub(super) fn deprecated_attr(code: &mut Code, spec: &Spec, metric: &Metric) {
    let Some(deprecation) = metric.lifecycle.deprecated.as_ref() else {
        return;
    };
    // rustdoc renders the note as markdown: the same care as for docs.
    let mut note = spec_text(&deprecation.note);
    let replacement = deprecation
        .renamed_to
        .as_deref()
        .and_then(|name| spec.metric(name));
    if let Some((group, target)) = replacement {
        note.push_str(&format!(
            " Use `{}.{}()` (exported as `{}`) instead.",
            group.field,
            target.accessor.trim_start_matches("r#"),
            target.exported
        ));
    }
    code.push("#[deprecated(note =").str_lit(&note).push(")]");
}

/// One deprecated accessor per alias, forwarding to the metric's accessor.
pub(super) fn aliases(code: &mut Code, family: &Family) {
    let metric = family.metric;
    let accessor = metric.accessor.trim_start_matches("r#");
    for alias in &metric.lifecycle.aliases {
        code.doc(&format!(
            "The earlier name of [`{accessor}`](Self::{accessor}), kept so old code still builds."
        ));
        code.push("#[deprecated(note =")
            .str_lit(&format!("renamed to `{accessor}`"))
            // The metric itself may be deprecated too.
            .push(")] #[allow(deprecated)] #[inline] pub fn")
            .ident(alias);
        family.params.decl(code);
        code.push("->");
        family.ret(code);
        code.push("{ self.").ident(&metric.accessor).push("(");
        family.params.forward(code);
        code.push(") }");
    }
}

/// The name and help the family is also exported under during a rename
/// with dual emission, if it is.
pub(super) fn old_family(metric: &Metric) -> Option<(&str, String)> {
    let rename = metric
        .lifecycle
        .renamed_from
        .as_ref()
        .filter(|r| r.dual_emit)?;
    let help = format!("{} (Old name, kept during a rename.)", metric.help);
    Some((rename.exported.as_str(), help))
}

/// Registers the family a second time under its old exported name `old`
/// with `help` (see [`old_family`]). Expects the new family in `family`.
pub(super) fn dual_emission(code: &mut Code, old: &str, help: &str) {
    code.push("registration.renamed(&family,")
        .str_lit(old)
        .push(",")
        .str_lit(help)
        .push(");");
}

/// Lines for the accessor's rustdoc: stability, deprecation, old names.
pub(super) fn doc_lines(metric: &Metric) -> String {
    let lifecycle = &metric.lifecycle;
    let mut doc = String::new();
    if lifecycle.stability != Stability::Alpha {
        doc.push_str(&format!("\n\nStability: {}.", lifecycle.stability.as_str()));
    }
    if let Some(old) = &lifecycle.renamed_from {
        let dual = if old.dual_emit {
            "; the scrape still carries it under that name too"
        } else {
            ""
        };
        doc.push_str(&format!(
            "\n\nFormerly exported as `{}`{dual}.",
            old.exported
        ));
    }
    doc
}

#[cfg(test)]
mod tests {
    const SPEC: &str = "
namespace: ns
groups:
  - name: g
    help: G.
    metrics:
      - {name: new_total, type: counter, help: New., aliases: [fresh_total], renamed_from: older_total, dual_emit: true}
      - name: old_total
        type: counter
        help: Old.
        deprecated: {note: Counts the wrong thing., renamed_to: new_total}
";

    fn generated() -> String {
        let spec = crate::check(SPEC.as_bytes()).expect("valid spec");
        let file = syn::parse2(crate::generate(&spec, None)).expect("generated code parses");
        prettyplease::unparse(&file)
    }

    #[test]
    fn deprecated_accessor_names_its_replacement() {
        let code = generated();
        assert!(
            code.contains(
                "#[deprecated(\n        note = \"Counts the wrong thing. Use `g.new_total()` (exported as `ns_new_total`) instead.\"\n    )]\n    #[inline]\n    pub fn old_total("
            ),
            "{code}"
        );
    }

    #[test]
    fn alias_forwards_to_the_accessor() {
        let code = generated();
        assert!(
            code.contains("#[deprecated(note = \"renamed to `new_total`\")]"),
            "{code}"
        );
        assert!(code.contains("pub fn fresh_total(&self) -> &__x0tta_private::IntCounter {\n        self.new_total()\n    }"), "{code}");
    }

    #[test]
    fn dual_emission_registers_the_old_name() {
        let code = generated();
        let compact: String = code.split_whitespace().collect();
        assert!(
            compact.contains("registration.renamed(&family,\"ns_older_total\","),
            "{code}"
        );
        assert_eq!(
            compact.matches("registration.renamed(").count(),
            1,
            "only the renamed metric"
        );
    }
}
