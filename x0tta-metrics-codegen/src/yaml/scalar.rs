//! A scalar's text → its YAML 1.2 core-schema value.
//!
//! Only plain (unquoted) scalars are typed; quoted and block scalars are
//! strings. Booleans are the strict YAML 1.2 set (`yes`/`on` stay strings:
//! they are label values), integers fit 64 bits (a larger literal is a
//! float, so the validator can say "too large" at its location), and
//! `.nan`/`.inf` pass through for the validator to reject where a bound must
//! be finite.

use granit_parser::{ScalarStyle, Tag};

use super::Value;

/// What an explicit tag asks of its node, as serde-saphyr read tags.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Explicit {
    /// No tag, or a tag YAML gives no meaning (`!thing`): plain scalars are typed.
    None,
    /// `!`, `!!str` (and `!!merge`, `!!value` on a scalar): text as written.
    Str,
    Null,
    Bool,
    Int,
    Float,
    /// `!!time`, `!!degrees`, `!!radians`: angles and durations serde-saphyr
    /// reads only with a feature this crate does not use.
    Unit,
    Seq,
    Map,
    /// `!!timestamp` and `!!binary`: no spec value is either.
    Refused,
}

const CORE: &str = "tag:yaml.org,2002:";

impl Explicit {
    pub(super) fn of(tag: Option<&Tag>) -> Self {
        let Some(tag) = tag else {
            return Explicit::None;
        };
        if let Some(name) = tag.suffix_in_namespace(CORE) {
            return Explicit::named(name.strip_prefix('!').unwrap_or(&name));
        }
        let Some(local) = tag.suffix_in_namespace("!") else {
            return Explicit::None;
        };
        match local.as_ref() {
            "" | "!" => Explicit::Str,
            "!timestamp" | "!binary" => Explicit::Refused,
            name => match name.strip_prefix('!') {
                Some(core)
                    if matches!(
                        core,
                        "null" | "bool" | "int" | "float" | "map" | "seq" | "str"
                    ) =>
                {
                    Explicit::named(core)
                }
                Some(_) => Explicit::None,
                None => Explicit::named(name),
            },
        }
    }

    fn named(name: &str) -> Self {
        match name {
            "null" => Explicit::Null,
            "bool" => Explicit::Bool,
            "int" => Explicit::Int,
            "float" => Explicit::Float,
            "time" | "degrees" | "radians" => Explicit::Unit,
            "seq" => Explicit::Seq,
            "map" => Explicit::Map,
            "str" | "merge" | "value" => Explicit::Str,
            "timestamp" | "binary" => Explicit::Refused,
            _ => Explicit::None,
        }
    }

    /// Whether a node of this kind may carry the tag: `!!seq` only a
    /// sequence, `!!map` only a mapping, a scalar type only a scalar.
    pub(super) fn fits(self, kind: Kind) -> bool {
        match self {
            Explicit::None => true,
            Explicit::Seq => kind == Kind::Seq,
            Explicit::Map => kind == Kind::Map,
            _ => kind == Kind::Scalar,
        }
    }
}

/// A node's kind, for what its tag allows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Scalar,
    Seq,
    Map,
}

/// A tag as a spec author writes it, for messages: `!!seq`, `!local`.
pub(super) fn spelled(tag: &Tag) -> String {
    match tag.suffix_in_namespace(CORE) {
        Some(name) => format!("!!{name}"),
        None => format!("{}{}", tag.handle(), tag.suffix()),
    }
}

/// The value of a scalar written `text` in `style` under tag `explicit`;
/// `Err` names the type an explicit tag asked for and the text is not.
pub(super) fn value(
    text: &str,
    style: ScalarStyle,
    explicit: Explicit,
) -> Result<Value, &'static str> {
    let plain = style == ScalarStyle::Plain;
    match explicit {
        Explicit::Null => return Ok(Value::Null),
        Explicit::Str => return Ok(Value::Str(text.to_owned())),
        Explicit::Bool => {
            return boolean(text)
                .map(Value::Bool)
                .ok_or("boolean (strict mode expects true/false)")
        }
        Explicit::Int if trim(text).starts_with('-') => return integer(trim(text)).ok_or("i64"),
        Explicit::Int => return integer(trim(text)).ok_or("u64"),
        Explicit::Float => return float(text).map(Value::Float).ok_or("floating point"),
        Explicit::Unit => return Err("floating point"),
        Explicit::Refused | Explicit::Seq | Explicit::Map => return Err("tagged scalar"),
        Explicit::None if !plain => return Ok(Value::Str(text.to_owned())),
        Explicit::None => {}
    }
    // Most scalars of a spec are names and help texts: a plain scalar that
    // starts with none of the characters a null, boolean or number can start
    // with is text (the parser trims plain scalars, so the first byte is
    // the first character as written).
    match text.as_bytes().first() {
        None => return Ok(Value::Null),
        // A letter-led scalar is a null or a boolean spelled exactly, or
        // text: no number starts with a letter (`nan`, `inf` are text).
        // Keys such as `name` and `type` end here.
        Some(b'n' | b'N' | b't' | b'T' | b'f' | b'F') => {
            return Ok(match text {
                "null" | "Null" | "NULL" => Value::Null,
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                _ => Value::Str(text.to_owned()),
            })
        }
        Some(b) if !(b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'~')) => {
            return Ok(Value::Str(text.to_owned()))
        }
        Some(_) => {}
    }
    if matches!(text, "~" | "null" | "Null" | "NULL") {
        return Ok(Value::Null);
    }
    if let Some(b) = boolean(text) {
        return Ok(Value::Bool(b));
    }
    let t = trim(text);
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    // `0X1F` and a signed `.nan` are not core-schema numbers: text, as written.
    let uppercase_radix = matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..]);
    if uppercase_radix || matches!(unsigned, ".nan" | ".NaN" | ".NAN") && unsigned != t {
        return Ok(Value::Str(text.to_owned()));
    }
    // A negative decimal with a leading zero (`-07`) is no integer; it may be a float.
    let integral = if t.starts_with('-') {
        (!leading_zero_decimal(t)).then(|| integer(t)).flatten()
    } else {
        integer(t)
    };
    if let Some(value) = integral {
        return Ok(value);
    }
    Ok(float(text).map_or_else(|| Value::Str(text.to_owned()), Value::Float))
}

fn integer(t: &str) -> Option<Value> {
    if t.starts_with('-') {
        signed(t)
            .and_then(|v| i64::try_from(v).ok())
            .map(|v| Value::Int(v.into()))
    } else {
        unsigned_magnitude(t)
            .and_then(|v| u64::try_from(v).ok())
            .map(|v| Value::Int(v.into()))
    }
}

fn trim(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

fn boolean(s: &str) -> Option<bool> {
    match trim(s) {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn leading_zero_decimal(t: &str) -> bool {
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `0x`/`0o`/`0b` prefixes choose the radix; otherwise decimal.
fn radix_and_digits(rest: &str) -> (u32, &str) {
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = rest.strip_prefix(prefix) {
            return (radix, digits);
        }
    }
    (10, rest)
}

/// Digits in `radix`, single underscores allowed between them.
fn digits(digits: &str, radix: u32) -> Option<u128> {
    let bytes = digits.as_bytes();
    let mut value: u128 = 0;
    let mut any = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let between =
                i > 0 && bytes[i - 1] != b'_' && bytes.get(i + 1).is_some_and(|&n| n != b'_');
            if !between {
                return None;
            }
            continue;
        }
        let digit = char::from(b).to_digit(radix)?;
        value = value
            .checked_mul(u128::from(radix))?
            .checked_add(u128::from(digit))?;
        any = true;
    }
    any.then_some(value)
}

fn unsigned_magnitude(t: &str) -> Option<u128> {
    if t.starts_with('-') {
        return None;
    }
    let rest = t.strip_prefix('+').unwrap_or(t);
    let (radix, ds) = radix_and_digits(rest);
    if radix == 10 && ds.starts_with('0') && ds != "0" {
        return None;
    }
    digits(ds, radix)
}

fn signed(t: &str) -> Option<i128> {
    let (negative, rest) = match t.strip_prefix('+') {
        Some(rest) => (false, rest),
        None => t.strip_prefix('-').map_or((false, t), |rest| (true, rest)),
    };
    let (radix, ds) = radix_and_digits(rest);
    if radix == 10 && ds.starts_with('0') && ds != "0" {
        return None;
    }
    let magnitude = digits(ds, radix)?;
    if negative {
        0i128.checked_sub_unsigned(magnitude)
    } else {
        i128::try_from(magnitude).ok()
    }
}

/// YAML 1.2 floats: `.nan`, `[+-].inf`, Rust's finite literals, and a
/// digit-led literal too large for f64 (`1e999`) as infinity.
fn float(s: &str) -> Option<f64> {
    let t = trim(s);
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" if negative => return Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        Ok(v) if v.is_infinite() && unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
            Some(v)
        }
        _ => None,
    }
}
