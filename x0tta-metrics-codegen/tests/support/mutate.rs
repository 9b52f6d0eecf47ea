//! Valid specs mutated at random, shared by the property test
//! (`never_panics.rs`) and the workspace test that compiles sampled valid
//! specs in a scratch crate (`tests/tests/doc_injection.rs`).

use proptest::prelude::*;

/// Fragments that make YAML interesting: structure, anchors, merge keys,
/// odd scalars, huge numbers, and the spec's own keys and words.
pub const TOKENS: &[&str] = &[
    "\n",
    "  ",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "<<: ",
    "? ",
    "|\n",
    ">-\n",
    "'",
    "\"",
    "#",
    "---\n",
    "...\n",
    "!!str ",
    "!tag ",
    "\t",
    "\\",
    "namespace",
    "enums",
    "buckets",
    "groups",
    "name",
    "help",
    "type",
    "metrics",
    "labels",
    "value",
    "allow",
    "reason",
    "counter",
    "gauge",
    "histogram",
    "summary",
    "int",
    "float",
    "string",
    "exponential",
    "linear",
    "objectives",
    "availability",
    "latency",
    "success",
    "threshold",
    "target",
    "window",
    "matchers",
    "start",
    "factor",
    "count",
    "width",
    "x_total",
    "y_seconds",
    "le",
    "quantile",
    "__x",
    "5xx",
    "true",
    "null",
    "~",
    ".nan",
    ".inf",
    "-.inf",
    "1e999",
    "-0",
    "0x1F",
    "99999999999999999999999999999",
    "0.5",
    "ü",
    "🚀",
    "\u{0}",
    "\r\n",
    "\u{feff}",
];

/// Valid specs to mutate: small ones, so that thousands of cases stay quick.
pub const BASES: &[&str] = &[
    include_str!("../corpus/good/small.yaml"),
    include_str!("../corpus/good/anchors-and-aliases.yaml"),
    include_str!("../corpus/good/keywords-and-odd-values.yaml"),
    include_str!("../corpus/good/tricky-help.yaml"),
    include_str!("../corpus/good/objectives.yaml"),
];

#[derive(Debug, Clone)]
pub enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, token: &'static str },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    Byte { at: usize, byte: u8 },
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..16).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), prop::sample::select(TOKENS))
            .prop_map(|(at, token)| Mutation::Insert { at, token }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Byte { at, byte }),
    ]
}

pub fn mutate(base: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = base.as_bytes().to_vec();
    for m in mutations {
        let n = bytes.len().max(1);
        match *m {
            Mutation::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            Mutation::Insert { at, token } => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, token.bytes());
            }
            Mutation::DuplicateLine { line } | Mutation::SwapLines { a: line, .. } => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let count = lines.len();
                let i = line % count;
                match *m {
                    Mutation::SwapLines { b, .. } => lines.swap(i, b % count),
                    _ => {
                        let copy = lines[i].clone();
                        lines.insert(i, copy);
                    }
                }
                bytes = lines.join(&b'\n');
            }
            Mutation::Byte { at, byte } => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = byte;
                }
            }
        }
    }
    bytes
}
