//! A counter's or gauge's `Metric` message (protobuf format) written in one
//! pass: what every series of a family writes around its label values — the
//! registry's common labels merged in name order, each label's name — is
//! encoded once per family, so a series is its lengths, a few copies and a
//! fixed tail. The general `Metric` description (`protobuf.rs`) sizes each
//! nested message before writing it, at every level; this one's length is
//! arithmetic on the label values' lengths. Both write the same bytes (the
//! prost oracle tests decode and re-encode them).

use super::protobuf::field::{FAMILY_METRIC, METRIC_LABEL, PAIR_NAME, PAIR_VALUE, VALUE};
use super::protobuf::LabelPair;
use super::wire::{self, key_byte, varint_len, Sink, WireType};

/// A `Metric`'s value field: its key, its length (9) and `double value = 1`.
const VALUE_LEN: usize = 1 + 1 + 1 + 8;

/// The longest label head kept padded (see [`Label::head`]): names of up
/// to 29 bytes, far beyond any label name in practice.
const HEAD: usize = 32;

/// One label of the family, in name order.
#[derive(Debug, Clone, Copy)]
struct Label {
    /// The common labels that sort before it, encoded: a range of `bytes`.
    before: (usize, usize),
    /// `LabelPair.name`'s field and `LabelPair.value`'s key: a range of
    /// `bytes`, and the same padded to [`HEAD`] so that it is copied as one
    /// fixed-size block (the padding is overwritten by what follows).
    head: (usize, usize),
    padded: [u8; HEAD],
}

/// The constant parts of a family's scalar `Metric`s, rendered at its first
/// series and reused by the rest; buffers kept from family to family.
#[derive(Debug, Default)]
pub struct MetricStarts {
    /// Every label's head and the common labels, encoded (the latter where
    /// name order puts them).
    bytes: Vec<u8>,
    labels: Vec<Label>,
    /// The common labels that sort after every label of the family.
    after: (usize, usize),
    /// What every common label takes.
    common_len: usize,
    /// Whether every head fits its padded copy.
    padded: bool,
    /// Whether the above were rendered (for this family or an earlier one).
    ready: bool,
    /// Whether the current family's label names are yet to be compared
    /// with the rendered ones.
    fresh: bool,
}

impl MetricStarts {
    /// A new family starts: at its first series, render again unless its
    /// label names are the last family's (as in many specs, where families
    /// share `op`, `status`...). The common labels are the same for all.
    pub fn reset(&mut self) {
        self.fresh = true;
    }

    /// Appends a `MetricFamily.metric` field: `labels` (in
    /// name order, the same names for every series of the family) merged
    /// with `common` (sorted by name), then value field `value_field`
    /// (`Metric.counter` or `Metric.gauge`) holding `value`.
    #[inline]
    pub fn write(
        &mut self,
        out: &mut Vec<u8>,
        labels: &[(&str, &str)],
        common: &[(String, String)],
        value_field: u32,
        value: f64,
    ) {
        if self.fresh || !self.ready {
            if !self.has_names(labels) {
                self.render(labels, common);
            }
            self.fresh = false;
        }
        debug_assert_eq!(self.labels.len(), labels.len());
        let mut length = self.common_len + VALUE_LEN;
        for (label, &(_, value)) in self.labels.iter().zip(labels) {
            length += field_len(pair_len(label, value));
        }
        // Room for the series and a head's padding, which the series
        // overwrites and `truncate` takes back: every head is one fixed-size
        // copy, not a call to `memcpy`. (Assembling the series on the stack
        // and copying it over instead costs a stalled load per series: the
        // copy reads what was just stored.)
        out.reserve(1 + wire::MAX_VARINT + length + HEAD);
        // The commonest series, one label and no common labels, every
        // length one byte: straight-line, without the loops' branches.
        if let ([(_, text)], [label], 0, true, true) = (
            labels,
            &self.labels[..],
            self.common_len,
            self.padded,
            length < 0x80,
        ) {
            let pair = pair_len(label, text) as u8;
            out.extend_from_slice(&[
                key_byte(FAMILY_METRIC, WireType::Len),
                length as u8,
                key_byte(METRIC_LABEL, WireType::Len),
                pair,
            ]);
            let head = out.len() + (label.head.1 - label.head.0);
            out.extend_from_slice(&label.padded);
            out.truncate(head);
            out.push(text.len() as u8);
            out.extend_from_slice(text.as_bytes());
            out.extend_from_slice(&tail(value_field, value));
            return;
        }
        out.push(key_byte(FAMILY_METRIC, WireType::Len));
        out.varint(length as u64);
        for (label, &(_, value)) in self.labels.iter().zip(labels) {
            if label.before.0 < label.before.1 {
                out.extend_from_slice(&self.bytes[label.before.0..label.before.1]);
            }
            out.push(key_byte(METRIC_LABEL, WireType::Len));
            out.varint(pair_len(label, value) as u64);
            if self.padded {
                let head = out.len() + (label.head.1 - label.head.0);
                out.extend_from_slice(&label.padded);
                out.truncate(head);
            } else {
                out.extend_from_slice(&self.bytes[label.head.0..label.head.1]);
            }
            out.varint(value.len() as u64);
            out.extend_from_slice(value.as_bytes());
        }
        if self.after.0 < self.after.1 {
            out.extend_from_slice(&self.bytes[self.after.0..self.after.1]);
        }
        out.extend_from_slice(&tail(value_field, value));
    }

    /// Whether the rendered parts are those of `labels`' names.
    fn has_names(&self, labels: &[(&str, &str)]) -> bool {
        self.ready
            && self.labels.len() == labels.len()
            && self.labels.iter().zip(labels).all(|(label, (name, _))| {
                // A head is `name`'s key and length, `name`, the value's key.
                let head = &self.bytes[label.head.0..label.head.1 - 1];
                head.ends_with(name.as_bytes())
                    && head.len() - name.len() == 1 + varint_len(name.len() as u64)
            })
    }

    #[cold]
    fn render(&mut self, labels: &[(&str, &str)], common: &[(String, String)]) {
        let bytes = &mut self.bytes;
        bytes.clear();
        self.labels.clear();
        self.common_len = 0;
        self.padded = true;
        let mut common = common.iter().peekable();
        for &(name, _) in labels {
            let before = bytes.len();
            // The common labels first where name order puts them, as
            // `Labels` in protobuf.rs merges them.
            while let Some((c, v)) = common.next_if(|(c, _)| c.as_str() < name) {
                self.common_len += encode_pair(bytes, c, v);
            }
            let head = bytes.len();
            bytes.string(PAIR_NAME, name);
            bytes.push(key_byte(PAIR_VALUE, WireType::Len));
            let mut padded = [0; HEAD];
            let fits = bytes.len() - head <= HEAD;
            if fits {
                padded[..bytes.len() - head].copy_from_slice(&bytes[head..]);
            }
            self.padded &= fits;
            self.labels.push(Label {
                before: (before, head),
                head: (head, bytes.len()),
                padded,
            });
        }
        let after = bytes.len();
        for (c, v) in common {
            self.common_len += encode_pair(bytes, c, v);
        }
        self.after = (after, bytes.len());
        self.ready = true;
    }
}

/// The value field: key, length 9, `double value = 1`.
#[inline(always)]
fn tail(value_field: u32, value: f64) -> [u8; VALUE_LEN] {
    let mut tail = [0; VALUE_LEN];
    tail[0] = key_byte(value_field, WireType::Len);
    tail[1] = 9;
    tail[2] = key_byte(VALUE, WireType::Fixed64);
    tail[3..].copy_from_slice(&value.to_le_bytes());
    tail
}

/// Appends a whole `Metric.label` field of `name` and `value`; its length.
fn encode_pair(bytes: &mut Vec<u8>, name: &str, value: &str) -> usize {
    let start = bytes.len();
    bytes.message(METRIC_LABEL, &LabelPair(name, value));
    bytes.len() - start
}

/// A `LabelPair`'s length with this label's name and `value`.
#[inline(always)]
fn pair_len(label: &Label, value: &str) -> usize {
    (label.head.1 - label.head.0) + varint_len(value.len() as u64) + value.len()
}

/// A `Metric.label` field holding a pair of `pair` bytes.
#[inline(always)]
fn field_len(pair: usize) -> usize {
    1 + varint_len(pair as u64) + pair
}
