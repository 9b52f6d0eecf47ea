//! `explain <rule-id>`: a rule's entry in docs/SPEC.md, as rustc's
//! `--explain` prints an error code's. The rules are written once, in the
//! reference ([`crate::reference`]).

use x0tta_metrics_codegen::suggest;

use crate::reference::{self, Entry};
use crate::{Failed, Outcome};

pub(crate) fn run(id: &str) -> Outcome {
    let entries = reference::rules();
    match entries.iter().find(|e| e.id == id) {
        Some(entry) => {
            print!("{}", render(entry));
            Ok(())
        }
        None => {
            let hint = suggest::closest(id, entries.iter().map(|e| e.id))
                .map(|c| format!(" — did you mean `{c}`?"))
                .unwrap_or_default();
            eprintln!("error: no rule `{id}`{hint}");
            eprintln!("the rules are listed in docs/SPEC.md, section Rules");
            Err(Failed)
        }
    }
}

fn render(entry: &Entry<'_>) -> String {
    let mut out = format!("{} — {}\n\n", entry.id, entry.section);
    out += &format!("The spec must satisfy: {}.\n\n", entry.asks);
    out += &format!("Example that breaks it: {}\n", entry.example);
    if !entry.preamble.is_empty() {
        out += &format!("\n{}\n", entry.preamble);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_of_the_engine_has_an_entry() {
        let entries = reference::rules();
        let rules = x0tta_metrics_codegen::diagnostic::ERRORS
            .iter()
            .chain(x0tta_metrics_codegen::lint::RULES);
        for rule in rules {
            let entry = entries
                .iter()
                .find(|e| e.id == rule.id)
                .unwrap_or_else(|| panic!("docs/SPEC.md has no row for `{}`", rule.id));
            assert!(
                !entry.asks.is_empty() && !entry.example.is_empty(),
                "{entry:?}"
            );
            assert!(render(entry).contains(entry.example));
        }
    }
}
