//! Native histograms from a spec (`specs/native.yaml`) through the
//! generated handles: the buckets each observation lands in, as every
//! encoder receives them; what the text formats write (classic buckets
//! only, `+Inf`/`_sum`/`_count` for a native-only histogram), checked by
//! promtool and Python's strict OpenMetrics parser; the protobuf format's
//! native fields decoded by the prost oracle (client_model's
//! `metrics.proto`); and whole snapshots, in every format, under four
//! writers and a concurrent scraper.

use x0tta_metrics::exposition::{Encoder, Header, Sample};
use x0tta_metrics::storage::BucketSpan as Span;
use x0tta_metrics::Exposition;
use x0tta_metrics_tests::concurrent::scrape_while_writing;
use x0tta_metrics_tests::e2e::process::run_with_stdin;

mod oracle;

use oracle::{assert_same, decode_exactly, from_gather, take_what_gather_lacks, MetricFamily};

x0tta_metrics::metrics_spec!("specs/native.yaml");

/// One histogram series as an encoder receives it.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    family: String,
    labels: Vec<(String, String)>,
    count: u64,
    sum: f64,
    classic: Vec<u64>,
    native: Option<SeenNative>,
}

#[derive(Debug, Clone, PartialEq)]
struct SeenNative {
    schema: i32,
    zero_threshold: f64,
    zero_count: u64,
    positive: Vec<(i32, u64)>,
    negative: Vec<(i32, u64)>,
    positive_spans: Vec<Span>,
    positive_deltas: Vec<i64>,
}

/// Records every histogram series it is given.
#[derive(Default)]
struct Record {
    family: String,
    seen: Vec<Seen>,
}

impl Encoder for Record {
    fn family(&mut self, header: &Header<'_>) {
        self.family = header.name.to_string();
    }

    fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>) {
        let Sample::Histogram(h) = sample else {
            return;
        };
        self.seen.push(Seen {
            family: self.family.clone(),
            labels: labels
                .iter()
                .map(|&(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            count: h.count,
            sum: h.sum,
            classic: h.cumulative.to_vec(),
            native: h.native.map(|n| SeenNative {
                schema: n.schema,
                zero_threshold: n.zero_threshold,
                zero_count: n.zero_count,
                positive: n.positive().collect(),
                negative: n.negative().collect(),
                positive_spans: n.positive_spans.to_vec(),
                positive_deltas: n.positive_deltas.to_vec(),
            }),
        });
    }
}

fn record(m: &Metrics) -> Vec<Seen> {
    let mut record = Record::default();
    m.encode(&mut record);
    record.seen
}

fn series<'a>(seen: &'a [Seen], family: &str) -> &'a Seen {
    seen.iter()
        .find(|s| s.family == family)
        .unwrap_or_else(|| panic!("no series of {family}"))
}

#[test]
fn observations_land_in_the_buckets_prometheus_defines() {
    let m = Metrics::new().expect("register");
    // Schema 0: bucket i holds (2^(i-1), 2^i]; zero bucket up to 0.001.
    for v in [
        1.0,
        2.0,
        3.0,
        3.5,
        4.0,
        100.0,
        -0.5,
        0.0005,
        0.0,
        f64::INFINITY,
    ] {
        m.native.latency_seconds().observe(v);
    }
    let seen = record(&m);
    let s = series(&seen, "nat_latency_seconds");
    assert_eq!(s.count, 10);
    assert!(s.classic.is_empty(), "native-only: no classic bounds");
    let n = s.native.as_ref().expect("native part");
    assert_eq!((n.schema, n.zero_threshold, n.zero_count), (0, 0.001, 2));
    // 1 → 0; 2 → 1; 3, 3.5, 4 → 2; 100 → 7 (64 < 100 ≤ 128); +Inf → one
    // past f64::MAX's bucket (1024).
    assert_eq!(
        n.positive,
        [(0, 1), (1, 1), (2, 3), (7, 1), (1025, 1)],
        "{n:?}"
    );
    assert_eq!(n.negative, [(-1, 1)]);
    // Spans as metrics.proto defines them: 0..=2, then 7 (a gap of 4),
    // then 1025; deltas between neighbouring counts.
    assert_eq!(
        n.positive_spans,
        [
            Span {
                offset: 0,
                length: 3
            },
            Span {
                offset: 4,
                length: 1
            },
            Span {
                offset: 1017,
                length: 1
            },
        ]
    );
    assert_eq!(n.positive_deltas, [1, 0, 2, -2, 0]);
    assert_eq!(
        n.zero_count
            + n.positive
                .iter()
                .chain(&n.negative)
                .map(|b| b.1)
                .sum::<u64>(),
        s.count
    );
}

#[test]
fn a_dual_histogram_observes_into_both_parts_and_reduces_its_resolution() {
    let m = Metrics::new().expect("register");
    let h = m.native.size_bytes(SizeBytesKind::Read);
    // factor 1.1 is schema 3; 40 values a power of two apart need 40
    // buckets at any schema ≥ 0, over max_buckets = 20: the schema drops
    // until neighbouring octaves share buckets.
    for i in 0..40 {
        h.observe(2f64.powi(i - 10));
    }
    h.observe_with_exemplar(5.0, &[("trace_id", "abc")])
        .expect("exemplar");
    let seen = record(&m);
    let s = seen
        .iter()
        .find(|s| s.family == "nat_size_bytes" && s.labels[0].1 == "read")
        .expect("read series");
    assert_eq!(s.count, 41);
    // Classic buckets 1, 10, 100: 2^-10..=2^0 (11 values), 2^1..=2^3 and 5
    // (4), 2^4..=2^6 (3).
    assert_eq!(s.classic, [11, 15, 18]);
    let n = s.native.as_ref().expect("native part");
    assert!(n.schema < 0, "resolution reduced from 3: {}", n.schema);
    assert!(n.positive.len() <= 20, "{n:?}");
    assert_eq!(n.positive.iter().map(|b| b.1).sum::<u64>(), 41);
    // The other series of the family is untouched and still native.
    let write = seen
        .iter()
        .find(|s| s.family == "nat_size_bytes" && s.labels[0].1 == "write")
        .expect("write series");
    let n = write.native.as_ref().expect("native part");
    assert_eq!((write.count, n.schema, n.positive.len()), (0, 3, 0));
}

#[test]
fn a_free_form_series_is_native_too() {
    let m = Metrics::new().expect("register");
    // Schema 1: 1 → 0, 1.2 → 1 (1 < 1.2 ≤ √2), 3 → 4 (2√2 < 3 ≤ 4).
    for v in [1.0, 1.2, 3.0] {
        m.native.peer_rtt_seconds("a").observe(v);
    }
    let seen = record(&m);
    let s = series(&seen, "nat_peer_rtt_seconds");
    assert_eq!(s.labels, [("peer".to_string(), "a".to_string())]);
    let n = s.native.as_ref().expect("native part");
    assert_eq!(
        (n.schema, n.positive.as_slice()),
        (1, &[(0, 1), (1, 1), (4, 1)][..])
    );
}

/// Several specs in one exposition keep the native buckets (`Combined`
/// owns each series' copy between the walk and the encoder).
#[test]
fn combined_expositions_carry_the_native_buckets() {
    let m = Metrics::new().expect("register");
    m.native.latency_seconds().observe(3.0);
    let combined = x0tta_metrics::Combined::new(vec![std::sync::Arc::new(m.clone())]);
    let mut through = Record::default();
    combined.encode(&mut through);
    assert_eq!(through.seen, record(&m));
    let n = series(&through.seen, "nat_latency_seconds").native.clone();
    assert_eq!(n.expect("native part").positive, [(2, 1)]);
}

#[test]
fn text_writes_classic_buckets_only_and_promtool_and_gather_agree() {
    let m = Metrics::new().expect("register");
    for v in [0.125, 0.25, 0.5, 2.0] {
        m.native.latency_seconds().observe(v);
        m.native.request_duration_seconds().observe(v);
    }
    m.native.size_bytes(SizeBytesKind::Write).observe(50.0);
    let text = m.encode_text();
    let latency: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("nat_latency_seconds"))
        .collect();
    assert_eq!(
        latency,
        [
            "nat_latency_seconds_bucket{le=\"+Inf\"} 4",
            "nat_latency_seconds_sum 2.875",
            "nat_latency_seconds_count 4",
        ]
    );
    assert!(text.contains("nat_request_duration_seconds_bucket{le=\"0.3\"} 2\n"));
    assert!(text.contains("nat_size_bytes_bucket{kind=\"write\",le=\"100\"} 1\n"));
    assert_eq!(
        text,
        x0tta_metrics::encode_text(m.registry()).expect("TextEncoder")
    );
    let (code, stdout, stderr) = run_with_stdin("promtool", &["check", "metrics"], text.as_bytes());
    assert_eq!(code, 0, "promtool rejected:\n{stdout}{stderr}\n{text}");

    let openmetrics = m.encode_openmetrics();
    assert!(openmetrics.contains("nat_latency_seconds_bucket{le=\"+Inf\"} 4\n"));
    let strict = "import sys\nfrom prometheus_client.openmetrics.parser import text_string_to_metric_families as p\nprint(sum(len(f.samples) for f in p(sys.stdin.read())))";
    let (code, stdout, stderr) =
        run_with_stdin("/usr/bin/python3", &["-c", strict], openmetrics.as_bytes());
    assert_eq!(
        code, 0,
        "strict OpenMetrics parser rejected:\n{stderr}\n{openmetrics}"
    );
    assert!(stdout.trim().parse::<usize>().expect("sample count") > 10);
}

/// `(index, count)` of the populated buckets an oracle histogram's spans
/// and deltas describe, decoded here independently of the encoder.
fn oracle_buckets(spans: &[oracle::client_model::BucketSpan], deltas: &[i64]) -> Vec<(i32, u64)> {
    let mut out = Vec::new();
    let (mut index, mut count, mut deltas) = (0i32, 0i64, deltas.iter());
    for span in spans {
        index += span.offset();
        for _ in 0..span.length() {
            count += deltas
                .next()
                .expect("a delta for every bucket a span covers");
            if count != 0 {
                out.push((index, count as u64));
            }
            index += 1;
        }
    }
    assert!(deltas.next().is_none(), "deltas past the spans");
    out
}

/// An oracle histogram's count is its zero bucket plus every bucket.
fn assert_whole(h: &oracle::Histogram) {
    let buckets = oracle_buckets(&h.positive_span, &h.positive_delta)
        .into_iter()
        .chain(oracle_buckets(&h.negative_span, &h.negative_delta))
        .map(|b| b.1)
        .sum::<u64>();
    assert_eq!(h.zero_count() + buckets, h.sample_count(), "{h:?}");
}

/// The native fields written out, so the rest can be compared with
/// `gather()`, which has none.
fn take_native(families: &mut [MetricFamily]) {
    for h in families
        .iter_mut()
        .flat_map(|f| f.metric.iter_mut())
        .filter_map(|m| m.histogram.as_mut())
    {
        h.schema = None;
        h.zero_threshold = None;
        h.zero_count = None;
        h.negative_span.clear();
        h.negative_delta.clear();
        h.positive_span.clear();
        h.positive_delta.clear();
        h.exemplars.clear();
    }
}

/// A native histogram's exemplars are written once more in
/// `Histogram.exemplars` (field 16), where scrapers of native histograms
/// read them: the ones its classic buckets carry, with their timestamps.
/// A series without exemplars has none there.
#[test]
fn native_exemplars_are_in_the_histograms_exemplars_field_too() {
    let m = Metrics::new().expect("register");
    let read = m.native.size_bytes(SizeBytesKind::Read);
    read.observe_with_exemplar(5.0, &[("trace_id", "a1")])
        .expect("exemplar");
    read.observe_with_exemplar(500.0, &[("trace_id", "b2")])
        .expect("exemplar");
    read.observe(0.5);
    let ours = decode_exactly(&m.encode_protobuf());
    let family = ours
        .iter()
        .find(|f| f.name() == "nat_size_bytes")
        .expect("family");
    let h = family.metric[0].histogram.clone().expect("histogram");
    let native: Vec<(f64, Vec<(&str, &str)>)> = h
        .exemplars
        .iter()
        .map(|e| {
            (
                e.value(),
                e.label.iter().map(|p| (p.name(), p.value())).collect(),
            )
        })
        .collect();
    assert_eq!(
        native,
        [
            (5.0, vec![("trace_id", "a1")]),
            (500.0, vec![("trace_id", "b2")])
        ]
    );
    let in_buckets: Vec<oracle::Exemplar> =
        h.bucket.iter().filter_map(|b| b.exemplar.clone()).collect();
    assert_eq!(in_buckets, h.exemplars);
    assert!(h.exemplars.iter().all(|e| e.timestamp.is_some()));
    let write = family.metric[1].histogram.clone().expect("histogram");
    assert!(write.exemplars.is_empty());
}

#[test]
fn protobuf_native_fields_decode_with_the_oracle() {
    let m = Metrics::new().expect("register");
    let observed = [1.0, 2.0, 3.0, 3.5, 4.0, 100.0, -0.5, 0.0005];
    for v in observed {
        m.native.latency_seconds().observe(v);
    }
    for v in [0.5, 5.0, 50.0, 500.0] {
        m.native.size_bytes(SizeBytesKind::Read).observe(v);
    }
    let body = m.encode_protobuf();
    let mut ours = decode_exactly(&body);
    let histogram = |families: &[MetricFamily], name: &str, at: usize| -> oracle::Histogram {
        let family = families.iter().find(|f| f.name() == name).expect(name);
        family.metric[at].histogram.clone().expect("histogram")
    };

    let latency = histogram(&ours, "nat_latency_seconds", 0);
    assert_eq!(
        (
            latency.schema(),
            latency.zero_threshold(),
            latency.zero_count()
        ),
        (0, 0.001, 1)
    );
    // Native only: no classic bucket; 8 observations.
    assert!(latency.bucket.is_empty());
    assert_eq!(
        (latency.sample_count(), latency.sample_sum()),
        (8, observed.iter().sum::<f64>())
    );
    let spans: Vec<(i32, u32)> = latency
        .positive_span
        .iter()
        .map(|s| (s.offset(), s.length()))
        .collect();
    assert_eq!(spans, [(0, 3), (4, 1)]);
    assert_eq!(latency.positive_delta, [1, 0, 2, -2]);
    assert_eq!(
        oracle_buckets(&latency.positive_span, &latency.positive_delta),
        [(0, 1), (1, 1), (2, 3), (7, 1)]
    );
    assert_eq!(
        oracle_buckets(&latency.negative_span, &latency.negative_delta),
        [(-1, 1)]
    );
    assert_whole(&latency);

    // Dual: the classic buckets beside schema 3's native ones.
    let size = histogram(&ours, "nat_size_bytes", 0);
    let classic: Vec<(f64, u64)> = size
        .bucket
        .iter()
        .map(|b| (b.upper_bound(), b.cumulative_count()))
        .collect();
    assert_eq!(classic, [(1.0, 1), (10.0, 2), (100.0, 3)]);
    assert_eq!(size.schema(), 3);
    // Bucket i holds (2^((i-1)/8), 2^(i/8)]: 0.5 = 2^(-8/8); 4.76 < 5 ≤
    // 5.19 (19); 49.4 < 50 ≤ 53.8 (46); 470 < 500 ≤ 512 (72).
    assert_eq!(
        oracle_buckets(&size.positive_span, &size.positive_delta),
        [(-8, 1), (19, 1), (46, 1), (72, 1)]
    );
    assert_whole(&size);
    // An untouched native histogram: the default zero threshold, no span.
    let write = histogram(&ours, "nat_size_bytes", 1);
    assert_eq!(
        (write.sample_count(), write.zero_threshold()),
        (0, 2.938735877055719e-39)
    );
    assert!(write.positive_span.is_empty());

    // Everything else is what gather() holds.
    take_what_gather_lacks(&mut ours);
    take_native(&mut ours);
    assert_same(&ours, &from_gather(&m.registry().gather()));
}

#[test]
fn every_snapshot_is_whole_under_four_writers_and_a_scraper() {
    const WRITERS: u64 = 4;
    const ROUNDS: u64 = 20_000;
    let m = Metrics::new().expect("register");
    let scrapes = scrape_while_writing(
        WRITERS,
        |w| {
            for i in 0..ROUNDS {
                let v = (i % 50) as f64 * 0.02 - 0.2 + w as f64;
                m.native.latency_seconds().observe(v);
                m.native.request_duration_seconds().observe(v.abs());
            }
        },
        || {
            for s in record(&m) {
                let n = s.native.expect("every histogram here is native");
                let buckets: u64 = n.positive.iter().chain(&n.negative).map(|b| b.1).sum();
                assert_eq!(n.zero_count + buckets, s.count, "{}", s.family);
                assert!(s.classic.windows(2).all(|w| w[0] <= w[1]));
                assert!(s.classic.last().is_none_or(|&c| c <= s.count));
            }
            // The protobuf format writes whole histograms too.
            for family in decode_exactly(&m.encode_protobuf()) {
                for h in family.metric.iter().filter_map(|m| m.histogram.as_ref()) {
                    assert_whole(h);
                }
            }
        },
    );
    assert!(scrapes >= 3);
    let total = WRITERS * ROUNDS;
    let seen = record(&m);
    for family in ["nat_latency_seconds", "nat_request_duration_seconds"] {
        let s = series(&seen, family);
        let n = s.native.as_ref().expect("native");
        let buckets: u64 = n.positive.iter().chain(&n.negative).map(|b| b.1).sum();
        assert_eq!(
            (s.count, n.zero_count + buckets),
            (total, total),
            "{family}"
        );
    }
}
