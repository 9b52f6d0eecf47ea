//! The parser on each construct of both formats, and on each error it must catch.

use super::super::exposition::{Family, Format, MetricType, Sample};
use super::{parse, ParseError};

fn families(text: &str, format: Format) -> Vec<Family> {
    parse(text, format)
        .unwrap_or_else(|e| panic!("{e}"))
        .families
}

fn error(text: &str, format: Format) -> ParseError {
    parse(text, format).expect_err("should not parse")
}

fn labels(sample: &Sample) -> Vec<(&str, &str)> {
    sample
        .labels
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}

#[test]
fn text_groups_histogram_samples_and_reads_escapes_blanks_and_timestamps() {
    let text = "\
# A free comment.
# HELP lat_seconds Latency \\\\ of \\n calls.
# TYPE lat_seconds histogram
lat_seconds_bucket{op=\"a\\\"b\\\\c\\nd\",le=\"0.1\"} 1
lat_seconds_bucket{ op = \"x\" , le=\"+Inf\", } 2 1700000000000
lat_seconds_sum{op=\"x\"}\t0.5
lat_seconds_count{op=\"x\"} 2

# TYPE up_total counter
up_total 3e2
loose NaN
";
    let fams = families(text, Format::Text);
    assert_eq!(fams.len(), 3);
    let lat = &fams[0];
    assert_eq!(
        (lat.name.as_str(), lat.kind),
        ("lat_seconds", MetricType::Histogram)
    );
    assert_eq!(lat.help.as_deref(), Some("Latency \\ of \n calls."));
    assert_eq!(lat.samples.len(), 4);
    assert_eq!(
        labels(&lat.samples[0]),
        [("op", "a\"b\\c\nd"), ("le", "0.1")]
    );
    assert_eq!(labels(&lat.samples[1]), [("op", "x"), ("le", "+Inf")]);
    assert_eq!(lat.samples[2].value, 0.5);
    assert_eq!(
        (
            fams[1].name.as_str(),
            fams[1].kind,
            fams[1].samples[0].value
        ),
        ("up_total", MetricType::Counter, 300.0)
    );
    assert_eq!(
        (fams[2].name.as_str(), fams[2].kind),
        ("loose", MetricType::Unknown)
    );
    assert!(fams[2].samples[0].value.is_nan());
}

#[test]
fn openmetrics_maps_total_and_created_reads_unit_and_skips_exemplars() {
    let text = "\
# TYPE jobs counter
# UNIT jobs jobs
# HELP jobs Jobs \\\"done\\\".
jobs_total{kind=\"x\"} 7 # {trace_id=\"abc\"} 1.0 1700000000.5
jobs_created{kind=\"x\"} 1700000000.0
# TYPE d_seconds histogram
d_seconds_bucket{le=\"1.0\"} 0
d_seconds_bucket{le=\"+Inf\"} 1 # {} 3
d_seconds_count 1
d_seconds_sum 3
# TYPE info_thing info
info_thing_info{version=\"1\"} 1
# EOF
";
    let fams = families(text, Format::OpenMetrics);
    assert_eq!(fams.len(), 3);
    assert_eq!(
        (fams[0].name.as_str(), fams[0].kind, fams[0].unit.as_deref()),
        ("jobs", MetricType::Counter, Some("jobs"))
    );
    assert_eq!(fams[0].help.as_deref(), Some("Jobs \"done\"."));
    assert_eq!(fams[0].samples.len(), 2);
    assert_eq!(fams[0].samples[0].value, 7.0);
    assert_eq!(fams[1].samples.len(), 4);
    assert_eq!(fams[2].samples[0].name, "info_thing_info");
}

#[test]
fn openmetrics_needs_its_eof_and_nothing_after_it() {
    assert_eq!(
        error("# TYPE a gauge\na 1\n", Format::OpenMetrics).message,
        "OpenMetrics exposition without its final `# EOF`"
    );
    assert_eq!(error("a 1\n# EOF\nb 2\n", Format::OpenMetrics).line, 3);
    assert!(parse("a 1\n# EOF", Format::OpenMetrics).is_ok());
    // OpenMetrics has no free comments, blank lines or trailing commas.
    let strict = [
        "# hello\n# EOF\n",
        "a 1\n\n# EOF\n",
        "a{x=\"1\",} 1\n# EOF\n",
        "a  1\n# EOF\n",
    ];
    for text in strict {
        assert!(parse(text, Format::OpenMetrics).is_err(), "{text:?}");
        let as_text = text.replace("# EOF\n", "");
        if !as_text.starts_with("# hello") {
            assert!(parse(&as_text, Format::Text).is_ok(), "text: {as_text:?}");
        }
    }
}

#[test]
fn every_malformed_line_is_an_error_at_its_line() {
    let cases: [(&str, usize, &str); 11] = [
        ("a 1\nb 2\na 3\n", 3, "apart from the rest of its family"),
        (
            "# TYPE a gauge\na 1\n# HELP a late\n",
            3,
            "after its samples",
        ),
        ("# TYPE a gauge\n# TYPE a gauge\n", 2, "second `# TYPE`"),
        ("# TYPE a gauges\n", 1, "unknown type `gauges`"),
        ("a{x=\"\\q\"} 1\n", 1, "invalid escape `\\q`"),
        ("a{x=\"1\",x=\"2\"} 1\n", 1, "label `x` appears twice"),
        ("a{x=\"1} 1\n", 1, "without its closing"),
        ("a one\n", 1, "value `one` is not a number"),
        ("a inf\n", 1, "value `inf` is not a number"),
        ("a\n", 1, "has no value"),
        ("a 1 # {x=\"y\"} 1\n", 1, "unexpected `# {x=\"y\"} 1`"),
    ];
    for (text, line, message) in cases {
        let e = error(text, Format::Text);
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.message.contains(message), "{text:?}: {e}");
    }
}
