//! The protobuf wire format, as much of it as the exposition writes: keys,
//! varints, zigzag integers, doubles and length-delimited fields.
//!
//! A message is described once ([`Message::encode`]) and run against two
//! sinks: [`Size`] adds up the bytes it would take, a `Vec<u8>` writes them.
//! A nested message's length prefix is computed by running it against
//! [`Size`] first, so lengths and bytes cannot disagree.

/// How a field's value is laid out after its key.
#[derive(Debug, Clone, Copy)]
#[repr(u8)]
pub enum WireType {
    /// A varint (`uint64`, `sint32`, `sint64`, enums).
    Varint = 0,
    /// Eight little-endian bytes (`double`).
    Fixed64 = 1,
    /// A varint length, then that many bytes (strings, messages).
    Len = 2,
}

/// A message that can be written to any [`Sink`].
pub trait Message {
    /// Writes the message's fields (without its own key and length).
    fn encode<S: Sink>(&self, sink: &mut S);
}

/// Where encoded bytes go: counted ([`Size`]) or written (`Vec<u8>`).
pub trait Sink: Sized {
    /// Raw bytes.
    fn put(&mut self, bytes: &[u8]);
    /// A varint.
    fn varint(&mut self, value: u64);
    /// Field `field` holding `message`, length-delimited.
    fn message<M: Message>(&mut self, field: u32, message: &M);

    /// A field's key.
    #[inline]
    fn key(&mut self, field: u32, wire: WireType) {
        self.varint(u64::from(field << 3 | wire as u32));
    }

    /// A `uint64` (or enum) field.
    #[inline]
    fn uint(&mut self, field: u32, value: u64) {
        self.key(field, WireType::Varint);
        self.varint(value);
    }

    /// A `sint32` or `sint64` field (zigzag-encoded).
    #[inline]
    fn sint(&mut self, field: u32, value: i64) {
        self.uint(field, zigzag(value));
    }

    /// A `double` field.
    #[inline]
    fn double(&mut self, field: u32, value: f64) {
        self.key(field, WireType::Fixed64);
        self.put(&value.to_le_bytes());
    }

    /// A `string` field.
    #[inline]
    fn string(&mut self, field: u32, value: &str) {
        self.key(field, WireType::Len);
        self.varint(value.len() as u64);
        self.put(value.as_bytes());
    }
}

/// Counts the bytes a message would take.
#[derive(Debug, Default, Clone, Copy)]
pub struct Size(pub usize);

/// The encoded length of `message`'s fields.
#[inline]
pub fn size_of<M: Message>(message: &M) -> usize {
    let mut size = Size(0);
    message.encode(&mut size);
    size.0
}

impl Sink for Size {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }

    #[inline]
    fn varint(&mut self, value: u64) {
        self.0 += varint_len(value);
    }

    #[inline]
    fn message<M: Message>(&mut self, field: u32, message: &M) {
        let length = size_of(message);
        self.key(field, WireType::Len);
        self.0 += varint_len(length as u64) + length;
    }
}

impl Sink for Vec<u8> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    #[inline]
    fn varint(&mut self, mut value: u64) {
        // Keys, lengths of labels and small counts: one byte.
        if value < 0x80 {
            self.push(value as u8);
            return;
        }
        while value >= 0x80 {
            self.push(value as u8 | 0x80);
            value >>= 7;
        }
        self.push(value as u8);
    }

    #[inline]
    fn message<M: Message>(&mut self, field: u32, message: &M) {
        let length = size_of(message);
        // Room for the key, the length and the message, grown once.
        self.reserve(length + 2 * MAX_VARINT);
        self.key(field, WireType::Len);
        self.varint(length as u64);
        message.encode(self);
    }
}

/// The one-byte key of a field numbered below 16.
pub const fn key_byte(field: u32, wire: WireType) -> u8 {
    assert!(field < 16, "a one-byte key");
    (field << 3 | wire as u32) as u8
}

/// The most bytes a varint takes (a `u64`'s 64 bits, 7 per byte).
pub const MAX_VARINT: usize = 10;

/// The bytes `value` takes as a varint: 7 bits per byte.
#[inline]
pub fn varint_len(value: u64) -> usize {
    // Keys and the lengths of labels and series: one byte, without counting bits.
    if value < 0x80 {
        return 1;
    }
    let bits = 64 - (value | 1).leading_zeros() as usize;
    bits.div_ceil(7)
}

/// Writes `value` as a varint into exactly `out.len()` bytes, which must be
/// [`varint_len`]`(value)`.
pub fn varint_into(out: &mut [u8], mut value: u64) {
    let last = out.len() - 1;
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = if i == last {
            value as u8
        } else {
            value as u8 | 0x80
        };
        value >>= 7;
    }
}

/// `sint64`'s zigzag mapping: small magnitudes of either sign stay short.
fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_as_the_protobuf_encoding_guide_shows() {
        let cases: [(u64, &[u8]); 5] = [
            (0, &[0]),
            (1, &[1]),
            (150, &[0x96, 0x01]),
            (300, &[0xac, 0x02]),
            (
                u64::MAX,
                &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
            ),
        ];
        for (value, bytes) in cases {
            let mut out = Vec::new();
            out.varint(value);
            assert_eq!(out, bytes, "{value}");
            assert_eq!(varint_len(value), bytes.len(), "{value}");
            let mut into = vec![0; bytes.len()];
            varint_into(&mut into, value);
            assert_eq!(into, bytes, "{value}");
        }
    }

    #[test]
    fn zigzag_interleaves_signs() {
        let mapped: Vec<u64> = [0, -1, 1, -2, 2147483647, -2147483648]
            .into_iter()
            .map(zigzag)
            .collect();
        assert_eq!(mapped, [0, 1, 2, 3, 4294967294, 4294967295]);
        assert_eq!(zigzag(i64::MIN), u64::MAX);
    }
}
