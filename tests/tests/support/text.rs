//! A reader for the text exposition format, just enough to check what a
//! scraper sees: family names, types and every sample's labels as written.

/// One family of the exposition: its `# HELP`/`# TYPE` lines and samples.
#[derive(Debug)]
pub struct TextFamily {
    /// The name on the `# TYPE` line.
    pub name: String,
    /// `counter`, `gauge`, `histogram`, ….
    pub kind: String,
    /// The text of the `# HELP` line.
    pub help: String,
    /// The sample lines after the `# TYPE` line (`_bucket`, `_sum`, `_count` included).
    pub samples: Vec<Sample>,
}

impl TextFamily {
    /// The label names its samples carry, without a histogram's `le`, sorted.
    pub fn label_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .samples
            .iter()
            .flat_map(|s| s.labels.iter().map(|(name, _)| name.as_str()))
            .filter(|name| *name != "le")
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// One sample line.
#[derive(Debug)]
pub struct Sample {
    /// The sample's name (a histogram's has its `_bucket`/`_sum`/`_count` suffix).
    pub name: String,
    /// The label pairs, values unescaped, in the order written.
    pub labels: Vec<(String, String)>,
    /// The value as written.
    pub value: String,
}

impl Sample {
    /// The value of label `name`, if the sample has it.
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses an exposition; panics with the offending line if it is malformed.
pub fn parse(text: &str) -> Vec<TextFamily> {
    let mut families: Vec<TextFamily> = Vec::new();
    let mut help = String::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("# HELP ") {
            help = rest.split_once(' ').map_or("", |(_, h)| h).to_string();
        } else if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest
                .split_once(' ')
                .unwrap_or_else(|| panic!("bad TYPE line: {line}"));
            let help = std::mem::take(&mut help);
            families.push(TextFamily {
                name: name.into(),
                kind: kind.into(),
                help,
                samples: Vec::new(),
            });
        } else {
            let family = families
                .last_mut()
                .unwrap_or_else(|| panic!("sample before any TYPE line: {line}"));
            family.samples.push(sample(line));
        }
    }
    families
}

/// The family named `name`; panics if the exposition has none.
pub fn family<'a>(families: &'a [TextFamily], name: &str) -> &'a TextFamily {
    families
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("exposition has no family {name}"))
}

fn sample(line: &str) -> Sample {
    let bad = || -> ! { panic!("malformed sample line: {line}") };
    let name_end = line.find(['{', ' ']).unwrap_or_else(|| bad());
    let name = line[..name_end].to_string();
    let mut rest = &line[name_end..];
    let mut labels = Vec::new();
    if let Some(mut inner) = rest.strip_prefix('{') {
        while let Some((label, after)) = inner.split_once("=\"") {
            let (value, after_value) = quoted(after).unwrap_or_else(|| bad());
            labels.push((label.trim_start_matches(',').to_string(), value));
            inner = after_value;
            if let Some(after_brace) = inner.strip_prefix('}') {
                inner = after_brace;
                break;
            }
        }
        rest = inner;
    }
    let value = rest.trim().to_string();
    Sample {
        name,
        labels,
        value,
    }
}

/// The unescaped label value at the start of `text` (just after its opening
/// quote), and what follows its closing quote.
fn quoted(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &text[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                escaped => value.push(escaped),
            },
            c => value.push(c),
        }
    }
    None
}
