//! One sample line: `name{label="value",…} value [timestamp] [# exemplar]`,
//! and the escapes of label values and help texts.

use super::super::exposition::{Format, Sample};

/// Reads one line left to right.
struct Cursor<'a> {
    line: &'a str,
    at: usize,
    format: Format,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.line.as_bytes().get(self.at).copied()
    }

    fn rest(&self) -> &'a str {
        &self.line[self.at..]
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        match self.peek() {
            Some(b) if b == byte => {
                self.at += 1;
                Ok(())
            }
            Some(_) => Err(format!(
                "expected `{}` at column {}, found `{}`",
                byte as char,
                self.at + 1,
                self.rest().chars().next().unwrap_or_default()
            )),
            None => Err(format!(
                "expected `{}` at column {}, found the end of the line",
                byte as char,
                self.at + 1
            )),
        }
    }

    /// Text 0.0.4 allows blanks and tabs between the tokens of a label set;
    /// OpenMetrics allows none.
    fn skip_blanks_in_labels(&mut self) {
        if self.format == Format::Text {
            while matches!(self.peek(), Some(b' ' | b'\t')) {
                self.at += 1;
            }
        }
    }

    /// The separator before a value or timestamp: one space in OpenMetrics,
    /// any run of blanks and tabs in text 0.0.4. `false` at the end of the line.
    fn separator(&mut self) -> Result<bool, String> {
        let start = self.at;
        match self.format {
            Format::OpenMetrics => {
                if self.peek() == Some(b' ') {
                    self.at += 1;
                }
            }
            Format::Text => {
                while matches!(self.peek(), Some(b' ' | b'\t')) {
                    self.at += 1;
                }
            }
        }
        if self.peek().is_none() {
            if self.at > start && self.format == Format::OpenMetrics {
                return Err("trailing space".to_owned());
            }
            return Ok(false);
        }
        if self.at == start {
            return Err(format!(
                "expected a space at column {}, found `{}`",
                self.at + 1,
                self.rest().chars().next().unwrap_or_default()
            ));
        }
        Ok(true)
    }

    /// A metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`) or, with `colons` false,
    /// a label name.
    fn name(&mut self, colons: bool) -> Result<&'a str, String> {
        let start = self.at;
        while let Some(b) = self.peek() {
            let ok = b.is_ascii_alphabetic()
                || b == b'_'
                || (colons && b == b':')
                || (self.at > start && b.is_ascii_digit());
            if !ok {
                break;
            }
            self.at += 1;
        }
        if self.at == start {
            let what = if colons {
                "a metric name"
            } else {
                "a label name"
            };
            return Err(format!("expected {what} at column {}", self.at + 1));
        }
        Ok(&self.line[start..self.at])
    }

    /// A token up to the next space (a value or a timestamp).
    fn token(&mut self) -> &'a str {
        let start = self.at;
        while !matches!(self.peek(), None | Some(b' ' | b'\t')) {
            self.at += 1;
        }
        &self.line[start..self.at]
    }

    /// A quoted label value, unescaped.
    fn quoted(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let rest = self.rest();
        let mut value = String::new();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += i + 1;
                    return Ok(value);
                }
                '\\' => value.push(escape(chars.next().map(|(_, c)| c), true)?),
                c => value.push(c),
            }
        }
        Err("label value without its closing `\"`".to_owned())
    }

    /// `{name="value",…}`, or nothing when the next byte is not `{`.
    fn labels(&mut self) -> Result<Vec<(String, String)>, String> {
        let mut labels: Vec<(String, String)> = Vec::new();
        if self.peek() != Some(b'{') {
            return Ok(labels);
        }
        self.at += 1;
        loop {
            self.skip_blanks_in_labels();
            // A trailing comma is text 0.0.4 only; OpenMetrics closes right
            // after a value, or right after `{` for an empty set.
            let may_close = labels.is_empty() || self.format == Format::Text;
            if may_close && self.peek() == Some(b'}') {
                self.at += 1;
                return Ok(labels);
            }
            let name = self.name(false)?;
            if labels.iter().any(|(n, _)| n == name) {
                return Err(format!("label `{name}` appears twice"));
            }
            self.skip_blanks_in_labels();
            self.expect(b'=')?;
            self.skip_blanks_in_labels();
            let value = self.quoted()?;
            labels.push((name.to_owned(), value));
            self.skip_blanks_in_labels();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(labels);
                }
                _ => {
                    // Fails, naming what stands where the `}` should be.
                    self.expect(b'}')?;
                    return Ok(labels);
                }
            }
        }
    }
}

/// The character an escape stands for: `\\`, `\n`, and `\"` where `quote`
/// (label values, OpenMetrics help); anything else is not an escape.
pub(super) fn escape(next: Option<char>, quote: bool) -> Result<char, String> {
    match next {
        Some('\\') => Ok('\\'),
        Some('n') => Ok('\n'),
        Some('"') if quote => Ok('"'),
        Some(c) => Err(format!("invalid escape `\\{c}`")),
        None => Err("`\\` at the end of the line".to_owned()),
    }
}

/// A sample value or timestamp: a decimal float, `NaN`, `+Inf`, `-Inf`.
pub(super) fn number(token: &str) -> Option<f64> {
    match token {
        "NaN" => Some(f64::NAN),
        "+Inf" | "Inf" => Some(f64::INFINITY),
        "-Inf" => Some(f64::NEG_INFINITY),
        // Rust's parser also takes `inf`, `infinity` and `nan` in any case;
        // the formats do not, so only digits, signs, points and exponents pass.
        _ if token
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) =>
        {
            token.parse().ok()
        }
        _ => None,
    }
}

fn read_number(cursor: &mut Cursor<'_>, what: &str) -> Result<f64, String> {
    let token = cursor.token();
    number(token).ok_or_else(|| format!("{what} `{token}` is not a number"))
}

/// Parses one sample line of `format`.
pub(super) fn sample(line: &str, format: Format) -> Result<Sample, String> {
    let mut cursor = Cursor {
        line,
        at: 0,
        format,
    };
    let name = cursor.name(true)?.to_owned();
    let labels = cursor.labels()?;
    if !cursor.separator()? {
        return Err(format!("sample `{name}` has no value"));
    }
    let value = read_number(&mut cursor, "value")?;
    let mut more = cursor.separator()?;
    if more && !cursor.rest().starts_with('#') {
        read_number(&mut cursor, "timestamp")?;
        more = cursor.separator()?;
    }
    if more {
        exemplar(&mut cursor)?;
    }
    Ok(Sample {
        name,
        labels,
        value,
    })
}

/// An OpenMetrics exemplar, `# {labels} value [timestamp]`: checked, then
/// skipped (live-check compares families, not traces).
fn exemplar(cursor: &mut Cursor<'_>) -> Result<(), String> {
    if cursor.format != Format::OpenMetrics || !cursor.rest().starts_with('#') {
        return Err(format!(
            "unexpected `{}` after the sample",
            cursor.rest().trim_end()
        ));
    }
    cursor.at += 1;
    cursor.expect(b' ')?;
    if cursor.peek() != Some(b'{') {
        return Err("an exemplar starts with its label set".to_owned());
    }
    cursor.labels()?;
    if !cursor.separator()? {
        return Err("exemplar without a value".to_owned());
    }
    read_number(cursor, "exemplar value")?;
    if cursor.separator()? {
        read_number(cursor, "exemplar timestamp")?;
    }
    if cursor.separator()? {
        return Err(format!("unexpected `{}` after the exemplar", cursor.rest()));
    }
    Ok(())
}
