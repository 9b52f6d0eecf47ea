//! The fast path's scalars: plain ones (typed by `scalar::value`, as the
//! granit path types them) and one-line quoted ones, located in characters.

use granit_parser::ScalarStyle;

use super::{Reader, Scalar, MAX_KEY};
use crate::yaml::scalar::{self, Explicit};
use crate::yaml::{Node, Value, MAX_DEPTH};

impl<'a> Reader<'a> {
    /// A plain or quoted scalar in block context at `pos`; for a key, `pos`
    /// is left at its `:`, otherwise after the scalar.
    pub(super) fn block_scalar(&mut self, depth: usize) -> Option<Scalar> {
        let b = self.bytes;
        let start = self.pos;
        if start == b.len() {
            return None;
        }
        let node = if b[start] == b'\'' || b[start] == b'"' {
            self.quoted(depth)?
        } else {
            self.plain(depth, false)?
        };
        // A plain scalar stops at a `:` only when it is a key's.
        let i = self.pos;
        let key = i < b.len()
            && b[i] == b':'
            && (i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\n');
        if key && !is_key(&node) {
            return None;
        }
        Some(Scalar { node, key })
    }

    /// A plain scalar at `pos`, inside a flow collection when `flow`;
    /// `pos` is left at what ends it (for a key, its `:`).
    pub(super) fn plain(&mut self, depth: usize, flow: bool) -> Option<Node> {
        let b = self.bytes;
        let start = self.pos;
        if depth > MAX_DEPTH || !plain_start(b, start) {
            return None;
        }
        let location = self.here(0);
        let wide = self.wide;
        let mut i = start;
        let mut end = start;
        let mut key = false;
        while i < b.len() {
            let c = b[i];
            if c == b'\n' || (flow && (c == b',' || c == b']' || c == b'}')) {
                break;
            }
            if c == b':' {
                if i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\n' {
                    key = true;
                    break;
                }
                if flow {
                    // `a:b` in a flow collection: left to the granit path.
                    return None;
                }
            }
            if c == b' ' {
                if i + 1 < b.len() && b[i + 1] == b'#' {
                    break;
                }
                i += 1;
                continue;
            }
            if c >= 0x80 {
                i += self.wide_char(i)?;
            } else if c < 0x20 || c == 0x7f || (flow && (c == b'[' || c == b'{')) {
                return None;
            } else {
                i += 1;
            }
            end = i;
        }
        if key && end != i {
            // `key :`: rare, left to the granit path.
            return None;
        }
        self.pos = i;
        let text = self.text.get(start..end)?;
        self.nodes += 1;
        self.scalar_bytes += text.len();
        let value = scalar::value(text, ScalarStyle::Plain, Explicit::None).ok()?;
        let source = match value {
            Value::Str(_) => None,
            _ => Some(text.to_owned()),
        };
        let len = end - start - (self.wide - wide);
        Some(Node {
            location: location.spanning(len as u64),
            value,
            source,
        })
    }

    /// A one-line quoted scalar at `pos` (`'…'` with `''`, or `"…"` without
    /// escapes); `pos` is left after its closing quote.
    pub(super) fn quoted(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let b = self.bytes;
        let quote = b[self.pos];
        let location = self.here(0);
        let wide = self.wide;
        let start = self.pos + 1;
        let mut i = start;
        // Set at the first `''`: the text then differs from the slice.
        let mut unescaped: Option<String> = None;
        let mut from = start;
        loop {
            if i == b.len() {
                return None;
            }
            let c = b[i];
            if c == quote {
                if quote == b'\'' && i + 1 < b.len() && b[i + 1] == b'\'' {
                    let text = unescaped.get_or_insert_with(String::new);
                    text.push_str(self.text.get(from..=i)?);
                    i += 2;
                    from = i;
                    continue;
                }
                break;
            }
            if c == b'\\' && quote == b'"' {
                return None;
            }
            if c >= 0x80 {
                i += self.wide_char(i)?;
            } else if c < 0x20 || c == 0x7f {
                return None;
            } else {
                i += 1;
            }
        }
        let text = match unescaped {
            Some(mut text) => {
                text.push_str(self.text.get(from..i)?);
                text
            }
            None => self.text.get(start..i)?.to_owned(),
        };
        self.pos = i + 1;
        let len = self.pos - start + 1 - (self.wide - wide);
        self.nodes += 1;
        self.scalar_bytes += text.len();
        Some(Node {
            location: location.spanning(len as u64),
            value: Value::Str(text),
            source: None,
        })
    }

    /// The length of the non-ASCII character at `i`, counted into `wide`;
    /// `None` for those YAML may read otherwise than as text: C1 controls
    /// (U+0085 is a line break in YAML 1.1), U+2028/U+2029, a byte-order
    /// mark and the non-characters U+FFFE/U+FFFF.
    pub(super) fn wide_char(&mut self, i: usize) -> Option<usize> {
        let b = self.bytes;
        let lead = b[i];
        let len = if lead >= 0xf0 {
            4
        } else if lead >= 0xe0 {
            3
        } else {
            2
        };
        if refused(b, i) {
            return None;
        }
        self.wide += len - 1;
        Some(len)
    }
}

/// Whether `node` may be a key here: a string (no merge key) of a length
/// YAML allows.
pub(super) fn is_key(node: &Node) -> bool {
    matches!(&node.value, Value::Str(text) if text != "<<") && node.location.len <= MAX_KEY
}

/// Whether the non-ASCII character at `i` is one YAML may read otherwise
/// than as text.
pub(super) fn refused(b: &[u8], i: usize) -> bool {
    let lead = b[i];
    let next = b.get(i + 1).copied().unwrap_or(0);
    let third = b.get(i + 2).copied().unwrap_or(0);
    (lead == 0xc2 && next < 0xa0)
        || (lead == 0xe2 && next == 0x80 && (third == 0xa8 || third == 0xa9))
        || (lead == 0xef && next == 0xbb && third == 0xbf)
        || (lead == 0xef && next == 0xbf && third >= 0xbe)
}

/// Whether a plain scalar may start at `i`: not at an indicator YAML gives
/// a meaning there (a `-` only before a character that is no space).
pub(super) fn plain_start(b: &[u8], i: usize) -> bool {
    if i >= b.len() {
        return false;
    }
    match b[i] {
        b'-' => i + 1 < b.len() && !matches!(b[i + 1], b' ' | b'\n' | b',' | b']' | b'}'),
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
        | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' => false,
        _ => true,
    }
}
