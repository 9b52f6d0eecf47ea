//! The fast path against the granit path on generated documents: mostly
//! in the subset it reads (so it is exercised, not bypassed), with
//! near-misses it must either read as the granit path does or refuse.

use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::TestRunner;

use super::differential::fast_agrees;

/// Values written after `key: ` or `- `, as specs write them.
const VALUES: &[&str] = &[
    "app",
    "Events 0.",
    "counter",
    "a_total",
    "HTTP requests, by route (and method).",
    "'single'",
    "\"double\"",
    "'it''s'",
    "''",
    "\"\"",
    "\"true\"",
    "'200'",
    "true",
    "False",
    "yes",
    "~",
    "null",
    "0",
    "200",
    "-1",
    "+1",
    "007",
    "1_000",
    "0x1F",
    "0o17",
    "1.5",
    "-2.5e3",
    ".5",
    "1e999",
    ".nan",
    "-.inf",
    "18446744073709551616",
    "été",
    "日本語 テキスト",
    "a😀b",
    "http://host:9090/x",
    "a#b",
    "a-b",
    "-x",
    "a, b",
    "a]b",
    "x'y",
    "[]",
    "{}",
    "[ ]",
    "[a, b]",
    "[ a , 'b' , \"c\" ]",
    "[1, 2.5, true, ~, -3]",
    "{name: m0, labels: {zone: zone}}",
    "{type: counter, help: Events 0., labels: {outcome: outcome}}",
    "{exponential: {start: 0.001, factor: 2, count: 16}}",
    "[a, [b, [c]], {d: [e]}]",
    "{'k': v, \"l\": [é]}",
    "[é, 'ü', {ß: ñ}, \"日本\"]",
    "[[], {}]",
    "{a: {}, b: [], c: [[x]]}",
    "[-1, -x, -.5]",
    "a{b}",
    "a[b",
    "a,b]",
];

/// Anchors and aliases: each name defined once, used after (or not).
const ANCHORS: &[&str] = &[
    "&a1 {x: 1, y: [2, 3]}",
    "&a2 zone",
    "&a3 [1, *a1]",
    "*a1",
    "*a2",
    "[*a1, *a2]",
    "{k: *a3}",
];

/// Values a spec rarely or never holds: each either read exactly or refused.
const NEAR_MISSES: &[&str] = &[
    "a:b",
    "a: b",
    "x # comment",
    "x #comment",
    "x#comment",
    "trailing   ",
    "a\tb",
    "\"\\u00e9\"",
    "\"a\\\\b\"",
    "\"a\\\"b\"",
    "'unclosed",
    "\"x\" y",
    "'a'#c",
    "'a' # c",
    "!t x",
    "!!str 1",
    "*undefined",
    "&a1 again",
    "|",
    ">-",
    "? x",
    "%x",
    "@x",
    "`x`",
    "<<",
    "- x",
    "-",
    ": x",
    ":x",
    "[a, ]",
    "[a,b]",
    "[a:b]",
    "[a: b]",
    "{a}",
    "{a: }",
    "{a: 1, a: 2}",
    "{a:1}",
    "{\"a\":1}",
    "{<<: {b: 1}}",
    "[a]b",
    "[a] # c",
    "[a]# c",
    "{a: [b}",
    "x\u{a0}",
    "\u{a0}x",
    "a\u{85}b",
    "a\u{2028}b",
    "\u{feff}x",
    "a\u{7f}b",
    "&x\u{e9} v",
    "*a1 x",
    "&a1",
];

/// Keys of a mapping: names, and near-misses.
const KEYS: &[&str] = &[
    "name",
    "name",
    "help",
    "type",
    "labels",
    "metrics",
    "buckets",
    "zone_a",
    "'quoted'",
    "\"double\"",
    "é",
    "a b",
    "a-b",
    "x.y",
    "1",
    "true",
    "~",
    "a:b",
    "<<",
    "'<<'",
    "k ",
    "-k",
    "[k]",
    "{k: v}",
    "? k",
    "&k k",
    "*a2",
    "n#x",
    "'it''s'",
    "x\u{a0}",
];

/// A value of the document: written on the key's line, nothing, or a
/// block collection on the lines below.
#[derive(Clone, Debug)]
enum Shape {
    Inline(String),
    Empty,
    Map(Vec<(String, Shape)>),
    Seq(Vec<Shape>),
}

/// A value; `near` in 1,000 of them a near-miss.
fn inline(near: u32) -> impl Strategy<Value = String> {
    prop_oneof![
        1_000 => prop::sample::select(VALUES),
        20 => prop::sample::select(ANCHORS),
        near + 1 => prop::sample::select(NEAR_MISSES),
    ]
    .prop_map(str::to_owned)
}

/// A key; `near` in 1,000 of them a near-miss (or a likely duplicate).
fn key(near: u32) -> impl Strategy<Value = String> {
    prop_oneof![
        1_000 => (0..10_000u32).prop_map(|n| format!("key_{n}")),
        near + 1 => prop::sample::select(KEYS).prop_map(str::to_owned),
    ]
}

fn shape(near: u32) -> impl Strategy<Value = Shape> {
    let leaf = prop_oneof![12 => inline(near).prop_map(Shape::Inline), 1 => Just(Shape::Empty)];
    leaf.prop_recursive(5, 48, 5, move |inner| {
        prop_oneof![
            prop::collection::vec((key(near), inner.clone()), 1..5).prop_map(Shape::Map),
            prop::collection::vec(inner, 1..4).prop_map(Shape::Seq),
        ]
    })
}

/// Rolls that choose how each part is written (indentation, spacing,
/// comments): one strategy value, read in turn.
struct Dice {
    rolls: Vec<u8>,
    at: usize,
    /// Whether the choices stay in the subset the fast path reads.
    clean: bool,
}

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        let roll = self.rolls[self.at % self.rolls.len()];
        self.at += 1;
        usize::from(roll) % sides
    }

    fn pick<'s>(&mut self, choices: &[&'s str]) -> &'s str {
        choices[self.roll(choices.len())]
    }

    /// One of `choices`, among the first `clean` of them when clean.
    fn pick_clean<'s>(&mut self, choices: &[&'s str], clean: usize) -> &'s str {
        let sides = if self.clean { clean } else { choices.len() };
        choices[self.roll(sides)]
    }
}

/// What ends a line after a value: mostly nothing; the last two are
/// near-misses.
const ENDS: &[&str] = &[
    "", "", "", "", "", "", "  ", " # note", "   # é", "# glued", "\t",
];
const CLEAN_ENDS: usize = 9;

/// What may stand between entries: mostly nothing; the last (a second
/// document) a near-miss.
const BETWEEN: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "\n",
    "  \n",
    "# comment\n",
    "      # indented comment\n",
    "#\n",
    "---\n",
];
const CLEAN_BETWEEN: usize = 12;

fn render_map(entries: &[(String, Shape)], indent: usize, inline: bool, dice: &mut Dice) -> String {
    let mut out = String::new();
    for (i, (key, value)) in entries.iter().enumerate() {
        if !(i == 0 && inline) {
            out += dice.pick_clean(BETWEEN, CLEAN_BETWEEN);
            out += &" ".repeat(indent);
        }
        out += key;
        out += ":";
        match value {
            Shape::Inline(text) => {
                out += dice.pick(&[" ", " ", " ", "   "]);
                out += text;
                out += dice.pick_clean(ENDS, CLEAN_ENDS);
                out += "\n";
            }
            Shape::Empty => {
                out += dice.pick_clean(ENDS, CLEAN_ENDS);
                out += "\n";
            }
            Shape::Map(entries) => {
                out += dice.pick_clean(ENDS, CLEAN_ENDS);
                out += "\n";
                let step = [2, 2, 4, 1][dice.roll(4)];
                out += &render_map(entries, indent + step, false, dice);
            }
            Shape::Seq(items) => {
                out += dice.pick_clean(ENDS, CLEAN_ENDS);
                out += "\n";
                let step = [0, 2, 2, 4][dice.roll(4)];
                out += &render_seq(items, indent + step, false, dice);
            }
        }
    }
    out
}

fn render_seq(items: &[Shape], indent: usize, inline: bool, dice: &mut Dice) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if !(i == 0 && inline) {
            out += dice.pick_clean(BETWEEN, CLEAN_BETWEEN);
            out += &" ".repeat(indent);
        }
        let pad = dice.pick(&[" ", " ", " ", "   "]);
        out += "-";
        out += pad;
        let inner = indent + 1 + pad.len();
        match item {
            Shape::Inline(text) => {
                out += text;
                out += dice.pick_clean(ENDS, CLEAN_ENDS);
                out += "\n";
            }
            // An empty item is no part of the subset.
            Shape::Empty if dice.clean => out += "''\n",
            Shape::Empty => out += "\n",
            Shape::Map(entries) => out += &render_map(entries, inner, true, dice),
            Shape::Seq(items) => out += &render_seq(items, inner, true, dice),
        }
    }
    out
}

/// Edits that turn a document into a near-miss.
const EDITS: &[&str] = &[
    "\t", " ", "  ", "&e ", "*e", "!t ", "'", "\"", "\\", "[", "{", "]", ",", ":", "#", "- ", "? ",
    "|\n", "\r", "\n", "\u{feff}", "\u{85}", "\u{2028}", "é", "---\n", "...\n",
];

/// A document: a root mapping (or list) of generated shapes, written with the
/// dice's choices, sometimes after a leading `---`. Clean ones are
/// written in the subset but for one near-miss value or key in a thousand
/// and aliases before their anchor; the others hold more near-misses and
/// are sometimes edited once.
fn document() -> impl Strategy<Value = String> {
    prop_oneof![3 => written(true), 2 => written(false)]
}

fn written(clean: bool) -> impl Strategy<Value = String> {
    let near = if clean { 0 } else { 60 };
    (
        prop::collection::vec((key(near), shape(near)), 1..6),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 1..64),
        prop::sample::select(&["", "", "---\n", "--- # doc\n", "# head\n\n"][..]),
        prop::option::weighted(0.5, (prop::sample::select(EDITS), any::<usize>())),
    )
        .prop_map(move |(entries, list, rolls, head, edit)| {
            let mut dice = Dice {
                rolls,
                at: 0,
                clean,
            };
            let root = if list {
                let items: Vec<Shape> = entries.into_iter().map(|(_, shape)| shape).collect();
                render_seq(&items, 0, false, &mut dice)
            } else {
                render_map(&entries, 0, false, &mut dice)
            };
            let mut text = head.to_owned() + &root;
            if let Some((token, at)) = edit.filter(|_| !clean) {
                let mut at = at % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, token);
            }
            text
        })
}

/// Compares the fast path with the granit path on `cases` texts of
/// `strategy` (`text` turns a value into the text, or `None` to skip it);
/// panics at a difference, with the shrunk text. Returns how many texts the
/// fast path read, and of how many.
fn compare<S: Strategy>(
    strategy: S,
    cases: u32,
    text: impl Fn(S::Value) -> Option<String>,
) -> (usize, usize) {
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let (read, total) = (Cell::new(0usize), Cell::new(0usize));
    let result = TestRunner::new(config).run(&strategy, |value| {
        let Some(text) = text(value) else {
            return Ok(());
        };
        total.set(total.get() + 1);
        match fast_agrees(&text) {
            Ok(fast) => read.set(read.get() + usize::from(fast)),
            Err(trees) => prop_assert!(false, "for:\n{text}\n{trees}"),
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    (read.get(), total.get())
}

#[test]
fn the_fast_path_reads_generated_documents_as_the_granit_path_or_refuses_them() {
    let (read, total) = compare(document(), 3_000, Some);
    // The generator writes mostly documents of the subset: a good share
    // (about 55% when this was written) must take the fast path, or the
    // comparison tests little.
    assert!(
        read * 5 >= total * 2,
        "the fast path read only {read} of {total} documents"
    );
}

/// Nesting around `MAX_DEPTH`, in each construct the fast path reads (block
/// mappings and sequences, compact items, flow collections, aliases of
/// nested nodes): wherever the granit path reads the document, the fast
/// path reads the same tree; where it refuses, the fast path refuses too.
#[test]
fn nesting_around_the_depth_limit_is_read_or_refused_as_the_granit_path_does() {
    use super::MAX_DEPTH;
    let leaves = [
        "x",
        "[x]",
        "{k: [x]}",
        "*flat",
        "*nested",
        "[*nested]",
        "{k: *nested}",
    ];
    let anchors = "flat: &flat v\nnested: &nested {a: [b, {c: d}]}\n";
    let mut read = 0;
    let mut written = 0;
    for levels in 0..=MAX_DEPTH {
        for leaf in leaves {
            for (compact, last) in [(false, ""), (true, ""), (false, "- "), (true, "- ")] {
                written += 1;
                // `levels` mappings (or compact sequence items) down, then the leaf.
                let mut text = anchors.to_owned();
                text += "root:\n";
                let mut indent = 2;
                for level in 0..levels {
                    let pad = " ".repeat(indent);
                    if compact && level % 2 == 1 {
                        text += &format!("{pad}- l{level}:\n");
                        indent += 4;
                    } else {
                        text += &format!("{pad}l{level}:\n");
                        indent += 2;
                    }
                }
                text += &format!("{}{last}leaf: {leaf}\n", " ".repeat(indent));
                let granit = super::tree::read(&text).is_ok();
                assert_eq!(fast_agrees(&text), Ok(granit), "for:\n{text}");
                read += usize::from(granit);
            }
        }
    }
    // Both sides of the limit were reached.
    assert!(read > 0 && read < written, "{read} of {written}");
}
/// Lines past granit-parser's 1024-character simple-key lookahead: long
/// values are read, keys near the limit are left to the granit path.
#[test]
fn long_values_are_read_and_long_keys_refused() {
    let long = "x".repeat(1_100);
    let words = vec!["abc"; 400].join(", ");
    for text in [
        format!("- {{a: {long}}}\n"),
        format!("k:\n- {{a: [{words}]}}\n- b\n"),
        format!("k: [{words}]\n"),
        format!("k: '{long}'\n"),
        format!("k: {long}\n"),
        format!("- {long}\n"),
        format!("{}: v\n", "k".repeat(1_000)),
    ] {
        assert_eq!(fast_agrees(&text), Ok(true), "{text}");
    }
    for text in [
        format!("{}: v\n", "k".repeat(1_001)),
        format!("{}: v\n", "k".repeat(1_025)),
        format!("{{{}: v}}\n", "k".repeat(1_025)),
    ] {
        assert_eq!(fast_agrees(&text), Ok(false), "{text}");
    }
}

/// The valid specs `never_panics.rs` mutates, shared from the codegen's tests.
#[path = "../../tests/support/mutate.rs"]
mod mutate;

/// Real specs with a few random edits (deleted runs, inserted YAML
/// fragments, duplicated and swapped lines, changed bytes): read as the
/// granit path reads them, or refused.
#[test]
fn mutated_specs_are_read_as_the_granit_path_reads_them_or_refused() {
    let catalogue = include_str!("../../../metrics-spec.yaml");
    let bases: Vec<&str> = mutate::BASES.iter().copied().chain([catalogue]).collect();
    let strategy = (
        prop::sample::select(bases),
        prop::collection::vec(mutate::mutation(), 1..4),
    );
    let (read, total) = compare(strategy, 2_000, |(base, mutations)| {
        String::from_utf8(mutate::mutate(base, &mutations)).ok()
    });
    // Two of the six bases use what the fast path leaves to the granit path
    // (a merge key; block scalars and `\` escapes), and most edits leave the
    // subset: about 15% are read.
    assert!(
        read * 10 >= total,
        "the fast path read only {read} of {total} mutated specs"
    );
}
