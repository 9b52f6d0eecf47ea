//! Printing sample values as prometheus' `TextEncoder` prints them.

/// Integers below this print the same through `itoa` as through `f64`'s
/// `Display` (which `TextEncoder` uses): every one of them is exact in an f64.
const EXACT_INTEGERS_U64: u64 = 1 << 53;
const EXACT_INTEGERS: f64 = EXACT_INTEGERS_U64 as f64;

/// The numbers 0 to 99 as two ASCII digits each.
const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// Appends `value` below 100 as one or two inlined byte copies, not
/// through `itoa` and a `memcpy` call: many counters of a scrape are
/// small (errors, restarts), and every series has a value.
#[inline(always)]
fn push_small(out: &mut String, value: u8) {
    debug_assert!(value < 100);
    if value < 10 {
        out.push(char::from(b'0' + value));
    } else {
        let at = 2 * usize::from(value);
        out.push_str(&PAIRS[at..at + 2]);
    }
}

/// Appends a count as `TextEncoder` prints it (through f64).
#[inline(always)]
pub fn push_u64(out: &mut String, value: u64) {
    if value < 100 {
        push_small(out, value as u8);
    } else if value < EXACT_INTEGERS_U64 {
        out.push_str(itoa::Buffer::new().format(value));
    } else {
        push_f64(out, value as f64);
    }
}

/// Appends a signed integer as `TextEncoder` prints it (through f64).
#[inline(always)]
pub fn push_i64(out: &mut String, value: i64) {
    if (0..100).contains(&value) {
        push_small(out, value as u8);
    } else if value.unsigned_abs() < EXACT_INTEGERS_U64 {
        out.push_str(itoa::Buffer::new().format(value));
    } else {
        push_f64(out, value as f64);
    }
}

/// Appends `value` exactly as `f64`'s `Display` does (`1`, `0.25`, `inf`,
/// `NaN`), taking the fast integer path when that prints the same.
pub fn push_f64(out: &mut String, value: f64) {
    // NaN and infinities fail the round trip through i64.
    let integral = value.abs() < EXACT_INTEGERS && value == (value as i64) as f64;
    // -0.0 prints as "-0", which the integer path would lose.
    if integral && !(value == 0.0 && value.is_sign_negative()) {
        push_i64(out, value as i64);
    } else {
        use std::fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = write!(out, "{value}");
    }
}

/// Appends `text` escaped as both text formats escape it: `\` and newline
/// always, `"` too when `quotes` (label values; OpenMetrics help).
pub fn push_escaped(out: &mut String, text: &str, quotes: bool) {
    // Most values need nothing: copy them whole.
    if !needs_escaping(text, quotes) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '"' if quotes => out.push_str("\\\""),
            c => out.push(c),
        }
    }
}

/// Whether [`push_escaped`] changes `text`. Checks eight bytes at a time
/// (every help text and free-form value goes through it at every scrape).
pub fn needs_escaping(text: &str, quotes: bool) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether any byte of `word` equals `byte` (the classic zero-byte test
    // on `word ^ byte…`; exact, as only a zero byte sets its high bit here).
    let has = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGHS != 0
    };
    let special = |b: u8| b == b'\\' || b == b'\n' || (quotes && b == b'"');
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(word);
        if has(word, b'\\') || has(word, b'\n') || (quotes && has(word, b'"')) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| special(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_display_does() {
        for v in [
            0.0,
            -0.0,
            1.0,
            0.25,
            -12.5,
            1e300,
            1e-300,
            f64::NAN,
            f64::INFINITY,
            2f64.powi(60),
        ] {
            let mut out = String::new();
            push_f64(&mut out, v);
            assert_eq!(out, v.to_string());
        }
        for v in [0, 1, 9, 10, 42, 99, 100, 101, 12345, (1 << 53) - 1] {
            let (mut unsigned, mut signed) = (String::new(), String::new());
            push_u64(&mut unsigned, v);
            push_i64(&mut signed, v as i64);
            assert_eq!(unsigned, (v as f64).to_string());
            assert_eq!(signed, unsigned);
            signed.clear();
            push_i64(&mut signed, -(v as i64));
            assert_eq!(signed, (-(v as i64)).to_string());
        }
        let mut out = String::new();
        push_u64(&mut out, u64::MAX);
        assert_eq!(out, (u64::MAX as f64).to_string());
        out.clear();
        push_i64(&mut out, -(1 << 55) - 3);
        assert_eq!(out, ((-(1i64 << 55) - 3) as f64).to_string());
    }

    #[test]
    fn finds_what_needs_escaping_at_every_position() {
        for len in 0..20 {
            let plain = "a".repeat(len);
            assert!(!needs_escaping(&plain, true));
            for at in 0..len {
                for (special, with_quotes_only) in [('\\', false), ('\n', false), ('"', true)] {
                    let mut text: Vec<char> = plain.chars().collect();
                    text[at] = special;
                    let text: String = text.into_iter().collect();
                    assert!(needs_escaping(&text, true), "{text:?}");
                    assert_eq!(needs_escaping(&text, false), !with_quotes_only, "{text:?}");
                }
            }
        }
        // Bytes next to the special ones (and non-ASCII) are not taken for them.
        assert!(!needs_escaping("[]!#\u{b}\u{9}ü✓\u{7f}\u{80}", true));
    }

    #[test]
    fn escapes_backslash_newline_and_optionally_quotes() {
        let mut out = String::new();
        push_escaped(&mut out, "a\\b\n\"c\"é", true);
        assert_eq!(out, "a\\\\b\\n\\\"c\\\"é");
        out.clear();
        push_escaped(&mut out, "a\\b\n\"c\"", false);
        assert_eq!(out, "a\\\\b\\n\"c\"");
    }
}
