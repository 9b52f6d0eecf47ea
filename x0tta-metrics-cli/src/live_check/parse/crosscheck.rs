//! The parser against a second, independent one: Python's
//! `prometheus_client` (Debian `python3-prometheus-client`) reads the same
//! awkward expositions, and both must find the same samples, label values
//! and help texts.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use super::super::exposition::Format;
use super::parse;

/// Prints `[[help…], [[name, [[label, value]…], repr(value)]…]]` for the
/// exposition on standard input, read by the parser named in argv[1].
const READ_WITH_PYTHON: &str = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families as text
from prometheus_client.openmetrics.parser import text_string_to_metric_families as om
parse = om if sys.argv[1] == "openmetrics" else text
helps, samples = [], []
for family in parse(sys.stdin.read()):
    helps.append(family.documentation)
    for s in family.samples:
        samples.append([s.name, sorted(s.labels.items()), repr(float(s.value))])
print(json.dumps([helps, samples]))
"#;

fn python(text: &str, format: &str) -> Value {
    let mut child = Command::new("/usr/bin/python3")
        .args(["-c", READ_WITH_PYTHON, format])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run /usr/bin/python3 (Debian python3-prometheus-client)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write the exposition");
    let out = child.wait_with_output().expect("python finishes");
    assert!(
        out.status.success(),
        "prometheus_client rejected it: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("python's JSON")
}

/// One sample as both sides read it: name, sorted labels, value.
type Reading = (String, Vec<(String, String)>, f64);

/// Our reading in the same shape as the Python script's.
fn ours(text: &str, format: Format) -> (Vec<String>, Vec<Reading>) {
    let exposition = parse(text, format).unwrap_or_else(|e| panic!("{e}"));
    let helps = exposition
        .families
        .iter()
        .map(|f| f.help.clone().unwrap_or_default())
        .collect();
    let samples = exposition
        .families
        .iter()
        .flat_map(|f| &f.samples)
        .map(|s| {
            let mut labels = s.labels.clone();
            labels.sort();
            (s.name.clone(), labels, s.value)
        })
        .collect();
    (helps, samples)
}

fn assert_same(text: &str, format: Format, name: &str) {
    let theirs = python(text, name);
    let (helps, samples) = ours(text, format);
    let their_helps: Vec<&str> = theirs[0]
        .as_array()
        .expect("helps")
        .iter()
        .map(|h| h.as_str().expect("help"))
        .collect();
    assert_eq!(helps, their_helps, "help texts");
    let their_samples: Vec<Reading> = theirs[1]
        .as_array()
        .expect("samples")
        .iter()
        .map(|s| {
            let labels = s[1]
                .as_array()
                .expect("labels")
                .iter()
                .map(|pair| {
                    let text = |i: usize| pair[i].as_str().expect("label text").to_owned();
                    (text(0), text(1))
                })
                .collect();
            let value: f64 = s[2].as_str().expect("repr").parse().expect("a float");
            (s[0].as_str().expect("name").to_owned(), labels, value)
        })
        .collect();
    assert_eq!(
        samples.len(),
        their_samples.len(),
        "{samples:?}\n{their_samples:?}"
    );
    for (mine, theirs) in samples.iter().zip(&their_samples) {
        assert_eq!((&mine.0, &mine.1), (&theirs.0, &theirs.1));
        assert!(
            mine.2 == theirs.2 || (mine.2.is_nan() && theirs.2.is_nan()),
            "{mine:?} vs {theirs:?}"
        );
    }
}

#[test]
fn text_with_awkward_escapes_reads_as_prometheus_client_reads_it() {
    let text = r#"# HELP esc_total Help with \\ a backslash and \n a newline.
# TYPE esc_total counter
esc_total{path="C:\\dir\\file",quote="say \"hi\"",nl="a\nb",odd="}{,=# "} 1
esc_total{path="",quote="\\n is no newline",nl="ünï©ødé ✓",odd="\\\""} 2.5e-3
# TYPE lat_seconds histogram
lat_seconds_bucket{le="0.5"} 1
lat_seconds_bucket{le="+Inf"} 2
lat_seconds_sum 1.25
lat_seconds_count 2
# TYPE temp gauge
temp{room="a"} -Inf
temp{room="b"} NaN 1700000000000
"#;
    assert_same(text, Format::Text, "text");
}

#[test]
fn openmetrics_with_awkward_escapes_and_exemplars_reads_as_prometheus_client_reads_it() {
    let text = r#"# TYPE esc counter
# HELP esc Help with \\ a backslash, \" a quote and \n a newline.
esc_total{path="C:\\dir",quote="say \"hi\"",nl="a\nb",odd="}{,=# "} 1 # {trace_id="x\"y"} 1.0
esc_created{path="C:\\dir",quote="say \"hi\"",nl="a\nb",odd="}{,=# "} 1700000000.5
# TYPE lat_seconds histogram
# UNIT lat_seconds seconds
lat_seconds_bucket{le="0.5"} 1
lat_seconds_bucket{le="+Inf"} 2 # {} 0.7 1700000000.25
lat_seconds_count 2
lat_seconds_sum 1.25
# EOF
"#;
    assert_same(text, Format::OpenMetrics, "openmetrics");
}
