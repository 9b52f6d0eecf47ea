//! A strict parser of the two exposition formats a target may serve: text
//! 0.0.4 and OpenMetrics 1.0. Samples are grouped into their families by
//! the suffixes each type allows (`_bucket`, `_sum`, `_count`, `_total`,
//! `_created`, …); exemplars are checked and skipped; a family split in two,
//! metadata after its samples, an unknown type, a bad escape or, in
//! OpenMetrics, a missing `# EOF` is an error with its line number.
//!
//! No crate does this fully: `prometheus-parse` reads text 0.0.4 only and
//! is unmaintained, and the `prometheus` crate only writes the format.

mod sample;

use std::collections::HashSet;
use std::fmt;

use super::exposition::{Exposition, Family, Format, MetricType};

/// Why an exposition could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    /// The 1-based line.
    pub(crate) line: usize,
    /// What is wrong there.
    pub(crate) message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Which metadata line a comment is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Meta {
    Help,
    Type,
    Unit,
}

/// The families read so far.
struct Parser {
    format: Format,
    families: Vec<Family>,
    /// Every family name met, the current one included: a name met again
    /// after another family is a split family.
    seen: HashSet<String>,
    /// Which metadata the current family has had (a second one is an error).
    metadata: Vec<Meta>,
}

/// Parses `text` as `format`.
pub(crate) fn parse(text: &str, format: Format) -> Result<Exposition, ParseError> {
    let mut parser = Parser {
        format,
        families: Vec::new(),
        seen: HashSet::new(),
        metadata: Vec::new(),
    };
    let mut eof = false;
    let mut lines = text.split('\n').enumerate().peekable();
    while let Some((index, line)) = lines.next() {
        let at = |message: String| ParseError {
            line: index + 1,
            message,
        };
        let last = lines.peek().is_none();
        if eof {
            if last && line.is_empty() {
                break;
            }
            return Err(at("content after `# EOF`".to_owned()));
        }
        if line.is_empty() {
            match format {
                Format::Text => continue,
                Format::OpenMetrics if last => break,
                Format::OpenMetrics => return Err(at("empty line".to_owned())),
            }
        }
        if format == Format::OpenMetrics && line == "# EOF" {
            eof = true;
        } else if line.starts_with('#') {
            parser.comment(line).map_err(at)?;
        } else {
            parser.sample(line).map_err(at)?;
        }
    }
    if format == Format::OpenMetrics && !eof {
        return Err(ParseError {
            line: text.split('\n').count(),
            message: "OpenMetrics exposition without its final `# EOF`".to_owned(),
        });
    }
    Ok(Exposition {
        format,
        families: parser.families,
    })
}

impl Parser {
    /// A `#` line: metadata, or (text 0.0.4 only) a free comment.
    fn comment(&mut self, line: &str) -> Result<(), String> {
        let body = match self.format {
            Format::OpenMetrics => line
                .strip_prefix("# ")
                .ok_or("a comment starts with `# `")?,
            Format::Text => line[1..].trim_start_matches([' ', '\t']),
        };
        let (keyword, rest) = body.split_once([' ', '\t']).unwrap_or((body, ""));
        let meta = match keyword {
            "HELP" => Meta::Help,
            "TYPE" => Meta::Type,
            "UNIT" if self.format == Format::OpenMetrics => Meta::Unit,
            _ if self.format == Format::Text => return Ok(()),
            _ => return Err(format!("unknown metadata `# {keyword}`")),
        };
        let rest = match self.format {
            Format::OpenMetrics => rest,
            Format::Text => rest.trim_start_matches([' ', '\t']),
        };
        let (name, text) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
        if name.is_empty() {
            return Err(format!("`# {keyword}` without a metric name"));
        }
        let format = self.format;
        let family = self.family_for_metadata(name, meta)?;
        match meta {
            Meta::Help => family.help = Some(unescape_help(text, format)?),
            Meta::Type => {
                let kind = text.trim_end_matches([' ', '\t']);
                family.kind = MetricType::from_name(kind, format)
                    .ok_or_else(|| format!("unknown type `{kind}` for `{name}`"))?;
            }
            Meta::Unit => family.unit = Some(text.to_owned()),
        }
        Ok(())
    }

    /// The family a metadata line for `name` belongs to: the current one
    /// while it has no samples, else a new one.
    fn family_for_metadata(&mut self, name: &str, meta: Meta) -> Result<&mut Family, String> {
        let current = self
            .families
            .last()
            .filter(|f| f.name == name)
            .map(|f| f.samples.is_empty());
        match current {
            Some(true) => {
                if self.metadata.contains(&meta) {
                    return Err(format!("second `{}` line for `{name}`", meta.keyword()));
                }
            }
            Some(false) => {
                return Err(format!(
                    "`{}` for `{name}` after its samples",
                    meta.keyword()
                ))
            }
            None => {
                self.open(name)?;
                self.metadata.clear();
            }
        }
        self.metadata.push(meta);
        Ok(self.families.last_mut().expect("a family was opened"))
    }

    /// Starts family `name`, unless it was met before.
    fn open(&mut self, name: &str) -> Result<(), String> {
        if !self.seen.insert(name.to_owned()) {
            return Err(format!(
                "family `{name}` appears again after other families (its lines must be together)"
            ));
        }
        self.families.push(Family {
            name: name.to_owned(),
            kind: MetricType::Unknown,
            help: None,
            unit: None,
            samples: Vec::new(),
        });
        Ok(())
    }

    /// A sample line: into the current family when its name is the
    /// family's plus a suffix the type allows, else into a new untyped one.
    fn sample(&mut self, line: &str) -> Result<(), String> {
        let sample = sample::sample(line, self.format)?;
        let format = self.format;
        let belongs = self.families.last().is_some_and(|f| {
            f.kind
                .sample_suffixes(format)
                .iter()
                .any(|suffix| sample.name.strip_suffix(suffix) == Some(f.name.as_str()))
        });
        if !belongs {
            self.open(&sample.name).map_err(|_| {
                format!(
                    "sample `{}` is apart from the rest of its family (its lines must be together)",
                    sample.name
                )
            })?;
            self.metadata.clear();
        }
        self.families
            .last_mut()
            .expect("a family is open")
            .samples
            .push(sample);
        Ok(())
    }
}

impl Meta {
    fn keyword(self) -> &'static str {
        match self {
            Meta::Help => "# HELP",
            Meta::Type => "# TYPE",
            Meta::Unit => "# UNIT",
        }
    }
}

/// A help text with its escapes resolved: `\\` and `\n`, and in OpenMetrics `\"`.
fn unescape_help(text: &str, format: Format) -> Result<String, String> {
    let mut help = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            help.push(sample::escape(chars.next(), format == Format::OpenMetrics)?);
        } else {
            help.push(c);
        }
    }
    Ok(help)
}

#[cfg(test)]
mod crosscheck;
#[cfg(test)]
mod tests;
