//! Names: what Prometheus accepts, and how spec names become Rust identifiers.
//!
//! Spec text reaches generated code only through the functions here (as
//! identifiers checked character by character) or as string literals, so no
//! spec can inject code.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Why `name` is not a legal metric, namespace or label name, if it is not.
pub(crate) fn prometheus_name_problem(name: &str) -> Option<String> {
    // Fast path: nearly every name is legal, and the full check below
    // allocates (the macro runs unoptimized, once per name of the spec).
    let bytes = name.as_bytes();
    if bytes
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        return None;
    }
    if name.contains(':') {
        return Some("`:` is reserved for recording rules — use `_` instead".into());
    }
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let mut bad: Vec<char> = name
        .chars()
        .filter(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
        .collect();
    bad.dedup();
    let mut described: Vec<String> = Vec::new();
    for c in bad {
        let c = describe_char(c);
        if !described.contains(&c) {
            described.push(c);
        }
    }
    match described.as_slice() {
        [] if !first_ok => Some("a name must start with a letter or `_`".into()),
        [] => None,
        [one] => Some(format!(
            "{one} is not allowed — names use only ASCII letters, digits and `_`"
        )),
        [init @ .., last] => Some(format!(
            "{} and {last} are not allowed — names use only ASCII letters, digits and `_`",
            init.join(", ")
        )),
    }
}

fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("the character U+{:04X}", c as u32)
    } else {
        format!("`{c}`")
    }
}

/// Rust keywords, strict and reserved, in any edition.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot even be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A Rust identifier: its text and whether it needs the `r#` prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RustIdent {
    pub(crate) text: String,
    pub(crate) raw: bool,
}

/// `snake_case` identifier for a method, field or argument, or why there is none.
pub(crate) fn snake_ident(name: &str) -> Result<RustIdent, String> {
    // The usual metric or label name: one pass over its bytes instead of the
    // checks below, which cost the unoptimized macro thousands of
    // instructions per name (the spec's names are checked several times).
    if let Some(letters_only) = plain_snake(name) {
        // Keywords are lowercase letters only: a name with `_` or a digit is none.
        if letters_only && NOT_RAW.contains(&name) {
            return Err(format!(
                "\"{name}\" is a reserved word in Rust — choose another name"
            ));
        }
        let raw = letters_only && KEYWORDS.contains(&name);
        return Ok(RustIdent {
            text: name.to_owned(),
            raw,
        });
    }
    checked_snake_ident(name)
}

/// [`snake_ident`] without its one-pass path, for any name.
fn checked_snake_ident(name: &str) -> Result<RustIdent, String> {
    let text = name.to_snake_case();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("\"{name}\" does not make a Rust identifier"));
    }
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "\"{name}\" would make a Rust identifier starting with a digit"
        ));
    }
    if NOT_RAW.contains(&text.as_str()) {
        return Err(format!(
            "\"{name}\" is a reserved word in Rust — choose another name"
        ));
    }
    let raw = KEYWORDS.contains(&text.as_str());
    Ok(RustIdent { text, raw })
}

/// For lowercase ASCII words of letters and digits joined by single `_`,
/// starting with a letter (a snake case Rust identifier as it stands):
/// whether it is letters only. `None` for any other name.
fn plain_snake(name: &str) -> Option<bool> {
    let bytes = name.as_bytes();
    let first = *bytes.first()?;
    if !first.is_ascii_lowercase() {
        return None;
    }
    let (mut letters_only, mut previous) = (true, first);
    // An index loop: iterator adapters cost the unoptimized macro a call each.
    let mut i = 1;
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            b'a'..=b'z' => {}
            b'0'..=b'9' => letters_only = false,
            b'_' if previous != b'_' => letters_only = false,
            _ => return None,
        }
        previous = byte;
        i += 1;
    }
    (previous != b'_').then_some(letters_only)
}

/// `PascalCase` type or variant name for arbitrary text (a label value, an
/// enum name), or `None` when the text has no letter or digit.
pub(crate) fn pascal_ident(text: &str) -> Option<String> {
    // Non-ASCII characters become their code point as a word of their own
    // (`ü` → `U00fc`), so no character is dropped silently and distinct
    // values stay distinct (clashes left are reported as `rust-name-clash`).
    let spelled: String = text
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!(" U{:04X} ", c as u32)
            }
        })
        .collect();
    let pascal: String = spelled
        .to_upper_camel_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if pascal.is_empty() {
        return None;
    }
    // `5xx` → `V5xx`: an identifier cannot start with a digit.
    let pascal = if pascal.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{pascal}")
    } else {
        pascal
    };
    Some(if pascal == "Self" {
        "Self_".into()
    } else {
        pascal
    })
}

/// The Rust type of the inline value set of label `label` of metric `metric`
/// (`mapek_cycle_duration_seconds`, `phase` → `MapekCycleDurationSecondsPhase`).
pub(crate) fn inline_enum_type(metric: &str, label: &str) -> Option<String> {
    Some(format!("{}{}", pascal_ident(metric)?, pascal_ident(label)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_idents_from_label_values() {
        assert_eq!(pascal_ident("success").as_deref(), Some("Success"));
        assert_eq!(pascal_ident("5xx").as_deref(), Some("V5xx"));
        assert_eq!(pascal_ident("200").as_deref(), Some("V200"));
        assert_eq!(pascal_ident("GET").as_deref(), Some("Get"));
        assert_eq!(pascal_ident("in-bound"), pascal_ident("in_bound"));
        assert_eq!(pascal_ident("self").as_deref(), Some("Self_"));
        assert_eq!(pascal_ident("+-"), None);
        assert_eq!(pascal_ident("ünïcode").as_deref(), Some("U00fcNU00efCode"));
        assert_eq!(pascal_ident("🚀").as_deref(), Some("U1f680"));
        assert_ne!(pascal_ident("zürich"), pascal_ident("zrich"));
    }

    #[test]
    fn snake_idents_escape_keywords() {
        assert_eq!(
            snake_ident("type").unwrap(),
            RustIdent {
                text: "type".into(),
                raw: true
            }
        );
        assert!(snake_ident("self").is_err());
        assert!(snake_ident("_").is_err());
        assert_eq!(
            snake_ident("mapek_cycles_total").unwrap().text,
            "mapek_cycles_total"
        );
    }

    #[test]
    fn plain_snake_names_take_the_fast_path_with_the_slow_paths_answer() {
        for name in [
            "m0_events_total",
            "a",
            "type",
            "self",
            "super",
            "crate",
            "fn",
            "r",
            "abc9",
            "a_b_c",
            "a__b",
            "a_",
            "_a",
            "9a",
            "aB",
            "a-b",
            "ünï",
            "",
            "x0tta6bl4_requests_total",
        ] {
            let slow = checked_snake_ident(name);
            match plain_snake(name) {
                Some(_) => assert_eq!(snake_ident(name), slow, "{name}"),
                None => assert!(
                    matches!(
                        name,
                        "a__b" | "a_" | "_a" | "9a" | "aB" | "a-b" | "ünï" | ""
                    ),
                    "{name} should take the fast path"
                ),
            }
        }
        assert_eq!(plain_snake("a_b9"), Some(false));
        assert_eq!(plain_snake("abc"), Some(true));
    }

    proptest::proptest! {
        /// Names near the fast path's edges (keywords, `_` runs, digits,
        /// capitals, dashes) get what the slow path gives them.
        #[test]
        fn snake_ident_answers_as_its_slow_path_does(
            name in "(self|super|crate|type|fn|[a-z]{0,3})[a-z0-9_A-]{0,5}"
        ) {
            proptest::prop_assert_eq!(snake_ident(&name), checked_snake_ident(&name));
        }
    }

    #[test]
    fn snake_case_fast_path_agrees_with_heck() {
        for name in [
            "m0_events_total",
            "x0tta6bl4_requests_total",
            "a1b2c3",
            "http2_conn_9",
            "a",
            "type",
            "_a",
            "a_",
            "a__b",
            "aB",
            "a-b",
            "ünï",
            "9lives",
        ] {
            if plain_snake(name).is_some() {
                assert_eq!(name.to_snake_case(), name, "{name}");
            }
        }
        assert!(plain_snake("m0_events_total").is_some() && plain_snake("a1b2c3").is_some());
        assert!(
            plain_snake("a__b").is_none()
                && plain_snake("_a").is_none()
                && plain_snake("aB").is_none()
        );
    }

    #[test]
    fn prometheus_names() {
        assert!(prometheus_name_problem("x0tta6bl4_requests_total").is_none());
        assert!(prometheus_name_problem("a:b")
            .unwrap()
            .contains("recording rules"));
        assert!(prometheus_name_problem("1abc").is_some());
        assert!(prometheus_name_problem("a-b").is_some());
        assert!(prometheus_name_problem("a\"b").is_some());
        assert_eq!(
            prometheus_name_problem("a-b.c d-e").unwrap(),
            "`-`, `.` and the character U+0020 are not allowed — names use only ASCII letters, digits and `_`"
        );
    }
}
