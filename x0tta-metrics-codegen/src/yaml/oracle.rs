//! The YAML stage as it was, on serde-saphyr's `Spanned<T>` deserializer: the
//! oracle the differential test compares the event-driven stage with.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::{Node, Value, MAX_DEPTH};
use crate::diagnostic::{Context, Location};

/// Parses `text` into a node tree; a syntax error becomes one diagnostic.
pub(crate) fn parse(text: &str, cx: &mut Context) -> Option<Node> {
    DEPTH.with(|d| d.set(0));
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options()) {
        Ok(root) => {
            let mut node = into_node(root, text);
            // An empty or comment-only file is "null" one line past its
            // end; point at its start, a line that exists.
            if matches!(node.value, Value::Null)
                && node.location.line as usize > text.lines().count()
            {
                node.location = Location::new(1, 1);
            }
            Some(node)
        }
        Err(err) => {
            let message = first_line(&err.without_snippet().to_string());
            let location = err
                .location()
                .map(|l| Location::new(l.line(), l.column()))
                .unwrap_or(Location::FILE);
            let location = if message.starts_with("a merge key (`<<`)") {
                merge_key_of_anchor_at(text, location).unwrap_or(location)
            } else if message.starts_with("a tab where") {
                first_tab_from(text, location).unwrap_or(location)
            } else {
                location
            };
            cx.error(
                "yaml-syntax",
                location,
                format!("the file is not valid YAML: {message}"),
            );
            None
        }
    }
}

/// YAML 1.2 reading: `yes`/`on` stay strings (they are label values, not
/// booleans), and `.nan`/`.inf` reach the validator, which says where and why
/// a bucket bound must be finite.
fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    options.with_snippet = false;
    options
}

/// The YAML library appends a source snippet and location; the diagnostic has its own.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or("").trim();
    let line = line.find(" at line ").map_or(line, |at| &line[..at]);
    // The library's advice about its own options means nothing to a spec author.
    let line = line
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(line);
    if line.starts_with("duplicate mapping key") {
        return format!("{line} — a key may appear only once in a mapping");
    }
    if line.contains("found a tab") || line.starts_with("tabs disallowed") {
        return "a tab where YAML expects indentation — indent with spaces only".into();
    }
    if line.starts_with("multiple YAML documents") {
        return "the file holds more than one YAML document (a `---` line starts another) — a spec is one document".into();
    }
    if line.starts_with("budget breached") {
        return "it grows too large once its aliases are expanded (aliases of aliases multiply) — write the spec with fewer nested aliases".into();
    }
    if line.starts_with("recursive references") {
        return "an alias refers to the anchored value it stands inside — an alias must name a value defined outside it".into();
    }
    if line.starts_with("YAML merge value must be") {
        return "a merge key (`<<`) takes a mapping or a list of mappings, not a scalar — merge an anchored mapping".into();
    }
    line.to_string()
}

/// The library reports a tab where the scalar before it ends, often on the
/// line before; the token to change is the tab itself.
fn first_tab_from(text: &str, at: Location) -> Option<Location> {
    let first = usize::try_from(at.line).ok()?.checked_sub(1)?;
    text.lines().enumerate().skip(first).find_map(|(n, line)| {
        let column = line.chars().position(|c| c == '\t')?;
        Some(Location::new(n as u64 + 1, column as u64 + 1))
    })
}

/// The library places a bad merge value at the anchored scalar; the token
/// to change is the merge key (`<<: *name`) using that anchor.
fn merge_key_of_anchor_at(text: &str, at: Location) -> Option<Location> {
    let line = text
        .lines()
        .nth(usize::try_from(at.line).ok()?.checked_sub(1)?)?;
    let anchors = line.split('&').skip(1).filter_map(|rest| {
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
            .collect();
        (!name.is_empty()).then_some(name)
    });
    for anchor in anchors {
        for (n, candidate) in text.lines().enumerate() {
            let Some(column) = candidate.find("<<") else {
                continue;
            };
            let alias = format!("*{anchor}");
            let after = &candidate[column..];
            let uses = after.match_indices(&alias).any(|(i, _)| {
                after[i + alias.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || ",]}".contains(c))
            });
            if uses {
                return Some(Location::new(n as u64 + 1, column as u64 + 1));
            }
        }
    }
    None
}

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// The deserialized shape before locations are folded in.
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

fn into_node(spanned: Spanned<Raw>, text: &str) -> Node {
    let at = spanned.referenced;
    let location = Location::new(at.line(), at.column()).spanning(at.span().len());
    let source = || -> Option<String> {
        let span = at.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        text.get(start..start.checked_add(len)?)
            .map(|s| s.trim().to_string())
    };
    let (value, source) = match spanned.value {
        Raw::Null => (Value::Null, source()),
        Raw::Bool(b) => (Value::Bool(b), source()),
        Raw::Int(i) => (Value::Int(i), source()),
        Raw::Float(x) => (Value::Float(x), source()),
        Raw::Str(s) => (Value::Str(s), None),
        Raw::Seq(items) => (
            Value::Seq(items.into_iter().map(|n| into_node(n, text)).collect()),
            None,
        ),
        Raw::Map(entries) => (
            Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (into_node(k, text), into_node(v, text)))
                    .collect(),
            ),
            None,
        ),
    };
    Node {
        location,
        value,
        source,
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let depth = DEPTH.with(|d| {
            let depth = d.get() + 1;
            d.set(depth);
            depth
        });
        let result = if depth > MAX_DEPTH {
            Err(de::Error::custom(format_args!(
                "nesting deeper than {MAX_DEPTH} levels"
            )))
        } else {
            deserializer.deserialize_any(RawVisitor)
        };
        DEPTH.with(|d| d.set(d.get() - 1));
        result
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        // Beyond i128 no spec value is meaningful; keep it as a float so the
        // validator can say "too large" at its location.
        Ok(i128::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Raw::Map(entries))
    }
}
