//! docs/SPEC.md, embedded at compile time and read as data: its rule tables
//! for `explain`, its key tables for the schema's descriptions. The
//! reference is the one place these are written.

/// The spec reference. `SPEC.md` beside the manifest is a symlink to
/// docs/SPEC.md, so a packaged crate carries the reference too.
const REFERENCE: &str = include_str!("../SPEC.md");

/// One rule as the reference documents it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    /// The `###` heading the rule's table stands under (`Errors`, `Lints …`).
    pub(crate) section: &'a str,
    /// The text between that heading and its table: what such rules share.
    pub(crate) preamble: String,
    pub(crate) id: &'a str,
    pub(crate) asks: &'a str,
    pub(crate) example: &'a str,
}

/// Every row of the tables under `## Rules`: `| `id` | asks | example |`.
pub(crate) fn rules() -> Vec<Entry<'static>> {
    let reference = REFERENCE;
    let mut out = Vec::new();
    let mut in_rules = false;
    let mut section = "";
    // Prose under `## Rules` applies to every section; a section's own
    // prose follows it.
    let mut intro = Vec::new();
    let mut preamble = Vec::new();
    for line in reference.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            in_rules = heading.trim() == "Rules";
            continue;
        }
        if !in_rules {
            continue;
        }
        if let Some(heading) = line.strip_prefix("### ") {
            if section.is_empty() {
                intro = std::mem::take(&mut preamble);
            }
            section = heading.trim();
            preamble.clone_from(&intro);
        } else if line.starts_with('|') {
            let cells = cells(line);
            if let [id, asks, example] = cells[..] {
                if let Some(id) = id.strip_prefix('`').and_then(|i| i.strip_suffix('`')) {
                    out.push(Entry {
                        section,
                        preamble: preamble.join(" "),
                        id,
                        asks,
                        example,
                    });
                }
            }
        } else if !line.trim().is_empty() && out.last().is_none_or(|e| e.section != section) {
            // Prose before the section's table (not the notes after it).
            preamble.push(line.trim());
        }
    }
    out
}

/// The cells of a Markdown table row; `\|` inside a cell is a literal bar.
fn cells(row: &str) -> Vec<&str> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = inner.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(inner[start..i].trim());
            start = i + 1;
        }
    }
    cells.push(inner[start..].trim());
    cells
}

/// The meaning of `key` in the object `object` (`spec`, `group`, `metric`,
/// `objective`):
/// the last cell of its row in the `## Keys` tables.
pub(crate) fn key_meaning(object: &str, key: &str) -> Option<String> {
    let mut in_keys = false;
    let mut current = "";
    for line in REFERENCE.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            in_keys = heading.trim() == "Keys";
        } else if let Some(heading) = line.strip_prefix("### ").filter(|_| in_keys) {
            current = match heading.trim() {
                "Top level" => "spec",
                h if h.starts_with("A group") => "group",
                h if h.starts_with("A metric") => "metric",
                h if h.starts_with("Objectives") => "objective",
                _ => "",
            };
        } else if in_keys && current == object && line.starts_with('|') {
            let cells = cells(line);
            if cells.first() == Some(&format!("`{key}`").as_str()) {
                return cells.last().map(|m| m.replace(r"\|", "|"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_bars_stay_in_their_cell() {
        assert_eq!(cells(r"| `a` | x \| y | z |"), ["`a`", r"x \| y", "z"]);
    }

    #[test]
    fn keys_have_their_meaning() {
        let meaning = key_meaning("metric", "type").expect("a row for `type`");
        assert!(
            meaning.starts_with("`counter`, `gauge` or `histogram`"),
            "{meaning}"
        );
        assert!(key_meaning("group", "type").is_none());
        let alerts = key_meaning("metric", "alerts").expect("a row for `alerts`");
        assert!(alerts.contains("expr | threshold"), "{alerts}");
    }
}
