//! RFC 4648 base64, the two alphabets the exporter needs: the standard one for
//! HTTP Basic credentials and the URL-safe one for Pushgateway grouping keys.
//! A dozen lines do not justify a dependency.

/// Standard alphabet (RFC 4648 §4), used by `Authorization: Basic`.
pub(crate) const STANDARD: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// URL- and filename-safe alphabet (RFC 4648 §5), used by the Pushgateway's
/// `@base64` path segments.
pub(crate) const URL_SAFE: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes `input` with `alphabet`, padded with `=`.
pub(crate) fn encode(input: &[u8], alphabet: &[u8; 64]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let bytes = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let triple = u32::from_be_bytes([0, bytes[0], bytes[1], bytes[2]]);
        for i in 0..4 {
            if i <= chunk.len() {
                let sextet = (triple >> (18 - 6 * i)) & 0x3f;
                out.push(char::from(alphabet[sextet as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rfc_4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(encode(plain.as_bytes(), STANDARD), encoded, "{plain:?}");
        }
    }

    #[test]
    fn url_safe_alphabet_replaces_plus_and_slash() {
        assert_eq!(encode(&[0xfb, 0xff], STANDARD), "+/8=");
        assert_eq!(encode(&[0xfb, 0xff], URL_SAFE), "-_8=");
        assert_eq!(encode(b"/path/a", URL_SAFE), "L3BhdGgvYQ==");
    }
}
