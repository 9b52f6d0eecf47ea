//! No input makes the checker or the generator panic or hang: random bytes,
//! YAML-shaped token soup, and valid specs mutated at random, more than
//! 10,000 cases in all. Whatever parses must also generate valid Rust;
//! whatever fails must render its diagnostics with the YAML lines.
//!
//! The coverage-guided twin of this test is the cargo-fuzz target in
//! `x0tta-metrics-codegen/fuzz/`.

use proptest::prelude::*;

/// Checks `source`; a spec that passes must generate code that parses, and
/// every diagnostic of one that fails must render against its text.
fn check_and_generate(source: &[u8]) {
    match x0tta_metrics_codegen::check(source) {
        Ok(spec) => {
            let tokens = x0tta_metrics_codegen::generate(&spec, None);
            if let Err(e) = syn::parse2::<syn::File>(tokens) {
                panic!(
                    "a valid spec generated code that does not parse: {e}\n{}",
                    String::from_utf8_lossy(source)
                );
            }
        }
        Err(diagnostics) => {
            let text = std::str::from_utf8(source).ok();
            for d in &diagnostics {
                let rendered = d.render_for_compiler("spec.yaml", text);
                assert!(rendered.contains(d.rule), "{rendered}");
            }
        }
    }
}

/// Fragments that make YAML interesting: structure, anchors, merge keys,
/// odd scalars, huge numbers, and the spec's own keys and words.
const TOKENS: &[&str] = &[
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

fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..120)
        .prop_map(|tokens| tokens.concat().into_bytes())
}

/// Valid specs to mutate: small ones, so that thousands of cases stay quick.
const BASES: &[&str] = &[
    include_str!("snapshot/small.yaml"),
    include_str!("corpus/good/anchors-and-aliases.yaml"),
    include_str!("corpus/good/keywords-and-odd-values.yaml"),
    include_str!("corpus/good/tricky-help.yaml"),
    include_str!("corpus/good/objectives.yaml"),
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, token: &'static str },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    Byte { at: usize, byte: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..16).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), prop::sample::select(TOKENS))
            .prop_map(|(at, token)| Mutation::Insert { at, token }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Byte { at, byte }),
    ]
}

fn mutate(base: &str, mutations: &[Mutation]) -> Vec<u8> {
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_and_generate(&bytes);
    }

    #[test]
    fn yaml_token_soup_never_panics(source in token_soup()) {
        check_and_generate(&source);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_valid_specs_never_panic(
        base in prop::sample::select(BASES),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        check_and_generate(&mutate(base, &mutations));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_catalogue_never_panics(mutations in prop::collection::vec(mutation(), 1..4)) {
        check_and_generate(&mutate(include_str!("../../metrics-spec.yaml"), &mutations));
    }
}

#[test]
fn the_mutator_changes_specs() {
    // Guards the property test itself: mutations must produce other inputs.
    let base = BASES[0];
    let mutated = mutate(base, &[Mutation::Insert { at: 0, token: "[" }]);
    assert_ne!(mutated, base.as_bytes());
    assert!(x0tta_metrics_codegen::check(&mutated).is_err());
}
