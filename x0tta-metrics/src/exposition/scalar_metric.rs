//! A counter's or gauge's `Metric` message (protobuf format) written in one
//! pass: what every series of a family writes around its label values — the
//! registry's common labels merged in name order, each label's name — is
//! encoded once per family, when the family hands its series to the
//! protobuf [`LineWriter`](super::LineWriter), so a series is its lengths,
//! a few copies and a fixed tail. The general `Metric` description
//! (`protobuf.rs`) sizes each nested message before writing it, at every
//! level; this one's length is arithmetic on the label values' lengths.
//! Both write the same bytes: the prost oracle tests decode and re-encode
//! what either writes, through the line writer and through `sample`.

use super::protobuf::field::{
    COUNTER_EXEMPLAR, FAMILY_METRIC, METRIC_COUNTER, METRIC_GAUGE, METRIC_LABEL, PAIR_NAME,
    PAIR_VALUE, VALUE,
};
use super::protobuf::{ExemplarMessage, LabelPair};
use super::wire::{self, key_byte, size_of, varint_len, Sink, WireType};
use super::{MetricKind, Sample};
use crate::storage::Exemplar;

/// `Counter.value` and `Gauge.value`: the key and eight bytes.
const DOUBLE_LEN: usize = 1 + 8;

/// A `Metric`'s value field without exemplar: its key, its length (9) and
/// `double value = 1`.
const VALUE_LEN: usize = 1 + 1 + DOUBLE_LEN;

/// The longest block of a one-block series (see [`Single`]).
const BLOCK: usize = 32;

/// The room a one-block series is written into: its block, a short value
/// and the value field.
const ROOM: usize = 64;

/// The longest value a one-block series copies without `memcpy`.
const SHORT: usize = 16;

/// The longest label head kept padded (see [`Label::padded`]): names of up
/// to 29 bytes, far beyond any label name in practice.
const HEAD: usize = 32;

/// One label of the family, in name order.
#[derive(Debug, Clone, Copy)]
struct Label {
    /// The common labels that sort before it, encoded: a range of `bytes`.
    before: (usize, usize),
    /// The label's name: a range of `bytes`.
    name: (usize, usize),
    /// `LabelPair.name`'s field and `LabelPair.value`'s key: a range of
    /// `bytes`, and the same padded to [`HEAD`] so that it is copied as one
    /// fixed-size block (the padding is overwritten by what follows).
    head: (usize, usize),
    padded: [u8; HEAD],
}

/// The commonest series, one label and no common labels, whose lengths
/// each fit one byte: everything up to its value's text — the `metric`
/// field's key and length, the `label` field's key and length, the label's
/// head and the value's length — is one block, copied whole with the room
/// after it and then given the value's length in three bytes.
#[derive(Debug, Clone, Copy)]
struct Single {
    /// The block of a value of length 0, then zeros: what a series' room
    /// starts as.
    room: [u8; ROOM],
    /// Where in the block the value's length byte is (its text follows).
    value_at: usize,
    /// The `metric` and `label` fields' lengths with a value of length 0.
    metric: u8,
    pair: u8,
    /// Values at least this long take the general path: longer than
    /// [`SHORT`], or their `metric` length would need two bytes.
    max_value: usize,
}

/// The constant parts of a family's scalar `Metric`s, rendered when the
/// family hands over its series; buffers kept from family to family.
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
    /// The key of `Metric.counter` or `Metric.gauge`, whichever the family's
    /// series hold.
    value_key: u8,
    /// The one-block start of a one-label series, when the family has that shape.
    single: Option<Single>,
}

impl MetricStarts {
    /// A family of `kind` whose series have the labels `names` (in name
    /// order, the same for every series) hands them over: render what they
    /// share, unless its label names are the last family's (as in many
    /// specs, where families share `op`, `status`...). The common labels
    /// are the same for every family of a scrape.
    pub fn prepare<'n>(
        &mut self,
        names: impl ExactSizeIterator<Item = &'n str> + Clone,
        common: &[(String, String)],
        kind: MetricKind,
    ) {
        if !self.has_names(names.clone()) {
            self.render(names, common);
        }
        let field = match kind {
            MetricKind::Counter => METRIC_COUNTER,
            _ => METRIC_GAUGE,
        };
        self.value_key = key_byte(field, WireType::Len);
    }

    /// Appends a `MetricFamily.metric` field: `labels` (in name order,
    /// with the names [`prepare`](Self::prepare) was given) merged with the
    /// common labels, then the value field holding `sample` and a
    /// counter's `exemplar`, if any. A histogram is not handled here (the
    /// walk hands it to `Encoder::sample`): nothing is written for one.
    #[inline(always)]
    pub fn write(
        &self,
        out: &mut Vec<u8>,
        labels: &[(&str, &str)],
        sample: Sample<'_>,
        exemplar: Option<&Exemplar>,
    ) {
        let value = match sample {
            // Below 2^63 (always, in practice) the signed conversion is one
            // instruction; the unsigned one takes several.
            Sample::Count(v) if v <= i64::MAX as u64 => v as i64 as f64,
            Sample::Count(v) => v as f64,
            Sample::Signed(v) => v as f64,
            Sample::Float(v) => v,
            Sample::Histogram(_) => return,
        };
        if let (Some(single), [(_, text)], None) = (&self.single, labels, exemplar) {
            if text.len() < single.max_value {
                return self.write_single(out, single, text, value);
            }
        }
        self.write_general(out, labels, value, exemplar);
    }

    /// The commonest series in one pass (see [`Single`]): one block, the
    /// value's text, the value field, written into 64 bytes of room added
    /// at once and cut back to the series' length. Through a slice, not
    /// `Vec` pushes: each push stores the vector's length and the next
    /// reads it back (the compiler cannot keep it in a register, since the
    /// bytes written might be the vector's own fields), a chain of stalls
    /// that was most of a series' cost.
    #[inline(always)]
    fn write_single(&self, out: &mut Vec<u8>, single: &Single, text: &str, value: f64) {
        let (n, at) = (text.len(), single.value_at + 1);
        debug_assert!(n <= SHORT && at <= BLOCK);
        let start = out.len();
        out.extend_from_slice(&single.room);
        let room: &mut [u8; ROOM] = (&mut out[start..]).try_into().expect("64 bytes");
        // The `metric` length, the `label` length, the value's length:
        // stored, not added to the copied bytes (reading a byte back from
        // the copy just stored stalled every series).
        room[1] = single.metric + n as u8;
        room[3] = single.pair + n as u8;
        room[at - 1] = n as u8;
        copy_short(&mut room[at..at + n], text.as_bytes());
        room[at + n..at + n + VALUE_LEN].copy_from_slice(&tail(self.value_key, value));
        out.truncate(start + at + n + VALUE_LEN);
    }

    /// Any series: several labels, common labels, long values, an exemplar.
    fn write_general(
        &self,
        out: &mut Vec<u8>,
        labels: &[(&str, &str)],
        value: f64,
        exemplar: Option<&Exemplar>,
    ) {
        debug_assert_eq!(self.labels.len(), labels.len());
        // A gauge has no exemplar (as the general path writes it).
        let exemplar =
            exemplar.filter(|_| self.value_key == key_byte(METRIC_COUNTER, WireType::Len));
        let exemplar_len = exemplar.map_or(0, |e| field_len(size_of(&ExemplarMessage(e))));
        let value_len = DOUBLE_LEN + exemplar_len;
        let mut length = self.common_len + field_len(value_len);
        for (label, &(_, value)) in self.labels.iter().zip(labels) {
            length += field_len(pair_len(label, value));
        }
        // Room for the series and a head's padding, which the series
        // overwrites and `truncate` takes back: every head is one fixed-size
        // copy, not a call to `memcpy`.
        out.reserve(1 + wire::MAX_VARINT + length + HEAD);
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
        let Some(exemplar) = exemplar else {
            return out.extend_from_slice(&tail(self.value_key, value));
        };
        out.push(self.value_key);
        out.varint(value_len as u64);
        out.double(VALUE, value);
        out.message(COUNTER_EXEMPLAR, &ExemplarMessage(exemplar));
    }

    /// Whether the rendered parts are those of the label names `names`:
    /// compared at every family, so without calls to `memcmp`.
    fn has_names<'n>(&self, names: impl ExactSizeIterator<Item = &'n str>) -> bool {
        self.ready
            && self.labels.len() == names.len()
            && self.labels.iter().zip(names).all(|(label, name)| {
                same_bytes(&self.bytes[label.name.0..label.name.1], name.as_bytes())
            })
    }

    #[cold]
    fn render<'n>(&mut self, names: impl Iterator<Item = &'n str>, common: &[(String, String)]) {
        let bytes = &mut self.bytes;
        bytes.clear();
        self.labels.clear();
        self.common_len = 0;
        self.padded = true;
        let mut common = common.iter().peekable();
        for name in names {
            let before = bytes.len();
            // The common labels first where name order puts them, as
            // `Labels` in protobuf.rs merges them.
            while let Some((c, v)) = common.next_if(|(c, _)| c.as_str() < name) {
                self.common_len += encode_pair(bytes, c, v);
            }
            let head = bytes.len();
            bytes.string(PAIR_NAME, name);
            let name_range = (bytes.len() - name.len(), bytes.len());
            bytes.push(key_byte(PAIR_VALUE, WireType::Len));
            let mut padded = [0; HEAD];
            let fits = bytes.len() - head <= HEAD;
            if fits {
                padded[..bytes.len() - head].copy_from_slice(&bytes[head..]);
            }
            self.padded &= fits;
            self.labels.push(Label {
                before: (before, head),
                name: name_range,
                head: (head, bytes.len()),
                padded,
            });
        }
        let after = bytes.len();
        for (c, v) in common {
            self.common_len += encode_pair(bytes, c, v);
        }
        self.after = (after, bytes.len());
        self.single = self.single_block();
        self.ready = true;
    }

    /// The one-block start of the family's series, if they have one label
    /// and no common labels, and the label's head leaves room in the block
    /// for the four bytes before it and the value's length after it.
    fn single_block(&self) -> Option<Single> {
        let [label] = &self.labels[..] else {
            return None;
        };
        let head = &self.bytes[label.head.0..label.head.1];
        let len = 2 + 2 + head.len() + 1;
        if self.common_len != 0 || len > BLOCK {
            return None;
        }
        // `metric` length: the label field (key, length, pair) and the
        // value field; pair length: the head, the value's length byte.
        let pair = head.len() + 1;
        let metric = 2 + pair + VALUE_LEN;
        let mut room = [0; ROOM];
        room[..4].copy_from_slice(&[
            key_byte(FAMILY_METRIC, WireType::Len),
            metric as u8,
            key_byte(METRIC_LABEL, WireType::Len),
            pair as u8,
        ]);
        room[4..len - 1].copy_from_slice(head);
        Some(Single {
            room,
            value_at: len - 1,
            metric: metric as u8,
            pair: pair as u8,
            // The metric length is the largest and must stay one byte.
            max_value: (SHORT + 1).min(0x80 - metric),
        })
    }
}

/// Copies `from` into `to`, of the same length, at most [`SHORT`] bytes:
/// two overlapping fixed-size copies instead of a call to `memcpy` (label
/// values are mostly a few bytes long). Through integers of each width:
/// as byte-slice copies, the compiler merged the branches' second copies
/// into one `memcpy` call of variable length.
#[inline(always)]
fn copy_short(to: &mut [u8], from: &[u8]) {
    let n = from.len();
    debug_assert!(to.len() == n && n <= SHORT);
    if n >= 8 {
        let (head, last) = (word::<8>(from, 0), word::<8>(from, n - 8));
        to[..8].copy_from_slice(&u64::from_ne_bytes(head).to_ne_bytes());
        to[n - 8..].copy_from_slice(&u64::from_ne_bytes(last).to_ne_bytes());
    } else if n >= 4 {
        let (head, last) = (word::<4>(from, 0), word::<4>(from, n - 4));
        to[..4].copy_from_slice(&u32::from_ne_bytes(head).to_ne_bytes());
        to[n - 4..].copy_from_slice(&u32::from_ne_bytes(last).to_ne_bytes());
    } else if n > 0 {
        to[0] = from[0];
        to[n / 2] = from[n / 2];
        to[n - 1] = from[n - 1];
    }
}

/// Whether `a` and `b` hold the same bytes; short ones (label names)
/// compared as two overlapping words, like [`copy_short`].
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word8 = |bytes, at| u64::from_ne_bytes(word::<8>(bytes, at));
    let word4 = |bytes, at| u32::from_ne_bytes(word::<4>(bytes, at));
    match n {
        0 => true,
        1..4 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..8 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        8..=SHORT => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        _ => a == b,
    }
}

/// The `N` bytes of `bytes` from `at`.
#[inline(always)]
fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    bytes[at..at + N].try_into().expect("N bytes")
}

/// The value field without exemplar: key, length 9, `double value = 1`.
#[inline(always)]
fn tail(value_key: u8, value: f64) -> [u8; VALUE_LEN] {
    let mut tail = [0; VALUE_LEN];
    tail[0] = value_key;
    tail[1] = DOUBLE_LEN as u8;
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

/// A length-delimited field holding `len` bytes.
#[inline(always)]
fn field_len(len: usize) -> usize {
    1 + varint_len(len as u64) + len
}

#[cfg(test)]
mod tests {
    use super::{copy_short, same_bytes, SHORT};

    #[test]
    fn short_copies_and_comparisons_agree_with_slices_at_every_length() {
        let text: Vec<u8> = (0..SHORT as u8 + 4).map(|i| b'a' + i).collect();
        for n in 0..=SHORT {
            let from = &text[..n];
            let mut to = vec![b'-'; n];
            copy_short(&mut to, from);
            assert_eq!(to, from, "{n}");
            assert!(same_bytes(from, &to), "{n}");
            assert!(!same_bytes(from, &text[..n + 1]), "{n}");
            // A difference at any one byte is seen.
            for i in 0..n {
                to[i] = b'X';
                assert!(!same_bytes(from, &to), "{n} {i}");
                to[i] = from[i];
            }
        }
        // Longer: compared whole.
        let long = &text[..SHORT + 2];
        let mut copy = long.to_vec();
        assert!(same_bytes(long, &copy));
        copy[SHORT + 1] = b'X';
        assert!(!same_bytes(long, &copy));
    }
}
