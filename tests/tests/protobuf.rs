//! The protobuf exposition checked against the oracle: prost types generated
//! from client_model's `metrics.proto` decode every byte the encoder writes
//! (and prost writes the decoded families back to the same bytes), and the
//! decoded families equal `gather()`'s field by field, on plain and custom
//! registries, for every shape, free-form families, overflow and several
//! specs combined; exemplars and units, which `gather()` cannot hold, are
//! checked against the values the test set.

use std::time::{SystemTime, UNIX_EPOCH};

use x0tta_metrics::exposition::protobuf::Protobuf;
use x0tta_metrics::exposition::{Encoder, Header, MetricKind, Sample, Scope};
use x0tta_metrics::prometheus::Registry;
use x0tta_metrics::storage::{BucketSpan, HistogramSnapshot, NativeBuckets};
use x0tta_metrics::{Exposition, Format};
use x0tta_metrics_tests::concurrent::scrape_while_writing;

mod oracle;
mod shapes;

use oracle::{assert_same, decode_exactly, from_gather, take_what_gather_lacks, MetricFamily};
use shapes::{
    custom_registry, touch_every_shape, two_specs_past_budget, Metrics, Zone,
    ZonedEventsTotalKind as Kind, SPEC_LABELS,
};

/// Our families, decoded and checked byte for byte, with what `gather()`
/// lacks taken out; and `gather()`'s, in the same types.
fn both(ours: &[u8], registry: &Registry) -> (Vec<MetricFamily>, Vec<MetricFamily>) {
    let mut ours = decode_exactly(ours);
    take_what_gather_lacks(&mut ours);
    (ours, from_gather(&registry.gather()))
}

fn family<'a>(families: &'a [MetricFamily], name: &str) -> &'a MetricFamily {
    families
        .iter()
        .find(|f| f.name() == name)
        .unwrap_or_else(|| panic!("no family {name}"))
}

/// A series' labels but the spec's constant ones (`SPEC_LABELS`, which
/// `spec_constant_labels_are_on_every_series_of_the_spec` checks).
fn labels_of(metric: &oracle::Metric) -> Vec<(&str, &str)> {
    all_labels_of(metric)
        .into_iter()
        .filter(|pair| !SPEC_LABELS.contains(pair))
        .collect()
}

fn all_labels_of(metric: &oracle::Metric) -> Vec<(&str, &str)> {
    metric.label.iter().map(|p| (p.name(), p.value())).collect()
}

#[test]
fn spec_constant_labels_are_on_every_series_of_the_spec() {
    let m = Metrics::with_labels(&[("instance", "a:1")]).expect("labels");
    touch_every_shape(&m);
    let (ours, theirs) = both(&m.encode_protobuf(), m.registry());
    assert_same(&ours, &theirs);
    let mut series = 0;
    for family in &ours {
        let overflow = family.name() == "x0tta_metrics_series_overflow_total";
        for metric in &family.metric {
            let labels = all_labels_of(metric);
            // The shared overflow self-metric carries only registration labels.
            let spec_labels = SPEC_LABELS.iter().filter(|p| labels.contains(p)).count();
            assert_eq!(spec_labels, if overflow { 0 } else { 2 }, "{labels:?}");
            assert!(labels.contains(&("instance", "a:1")), "{labels:?}");
            series += 1;
        }
    }
    assert!(series > 50, "{series} series");
    // In name order among the series' own and the registration labels.
    let zoned = family(&ours, "enc_zoned_events_total");
    let names: Vec<&str> = all_labels_of(&zoned.metric[0])
        .iter()
        .map(|l| l.0)
        .collect();
    assert_eq!(names, ["build", "instance", "kind", "service", "zone"]);
}

#[test]
fn equals_gather_on_a_registry_with_prefix_and_common_labels() {
    let registry = custom_registry();
    let m = Metrics::register(&registry).expect("register");
    // Untouched: the free-form families have no series and are left out.
    let (ours, theirs) = both(&m.encode_protobuf(), &registry);
    assert_same(&ours, &theirs);
    touch_every_shape(&m);
    let body = m.encode_protobuf();
    let (ours, theirs) = both(&body, &registry);
    assert_same(&ours, &theirs);
    assert!(ours.len() >= 12, "{} families", ours.len());

    // Every series carries the common labels, merged in name order.
    let depth = family(&ours, "fleet_enc_zoned_events_total");
    let names: Vec<&str> = labels_of(&depth.metric[0]).iter().map(|l| l.0).collect();
    assert_eq!(names, ["instance", "kind", "node", "region", "zone"]);
    assert!(labels_of(&depth.metric[0]).contains(&("node", "n\"7\\x")));

    // The units, which gather() has no field for.
    let (units, _) = take_what_gather_lacks(&mut decode_exactly(&body));
    assert_eq!(
        units,
        [
            (
                "fleet_enc_latency_seconds".to_string(),
                "seconds".to_string()
            ),
            ("fleet_enc_request_bytes".into(), "bytes".into()),
            ("fleet_enc_temperature_celsius".into(), "celsius".into()),
        ]
    );
}

#[test]
fn reads_back_the_values_set() {
    let m = Metrics::new().expect("register");
    m.shapes.plain_events_total().inc_by(7);
    m.shapes
        .zoned_events_total(Zone::East, Kind::Delete)
        .inc_by(u64::MAX - 7);
    m.shapes.queue_depth().set(-42);
    m.shapes.temperature_celsius(Zone::West).set(-12.5);
    m.shapes.peer_up("minus-zero").set(-0.0);
    m.shapes.peer_up("nan").set(f64::NAN);
    for v in [0.001, 0.05, 0.05, 3.0, 1e9] {
        m.shapes.latency_seconds(Zone::West).observe(v);
    }
    let families = decode_exactly(&m.encode_protobuf());

    let plain = family(&families, "enc_plain_events_total");
    assert_eq!(
        plain.r#type,
        Some(oracle::client_model::MetricType::Counter as i32)
    );
    assert!(plain
        .help()
        .starts_with("Help with a backslash \\ and a newline\nsecond"));
    assert_eq!(plain.metric[0].counter.as_ref().unwrap().value, Some(7.0));
    assert!(labels_of(&plain.metric[0]).is_empty());

    let zoned = family(&families, "enc_zoned_events_total");
    let east_delete = zoned
        .metric
        .iter()
        .find(|m| labels_of(m) == [("kind", "delete"), ("zone", "east")])
        .expect("series");
    assert_eq!(
        east_delete.counter.as_ref().unwrap().value,
        Some((u64::MAX - 7) as f64)
    );

    let depth = family(&families, "enc_queue_depth");
    assert_eq!(
        depth.r#type,
        Some(oracle::client_model::MetricType::Gauge as i32)
    );
    assert_eq!(depth.metric[0].gauge.as_ref().unwrap().value, Some(-42.0));

    let peers = family(&families, "enc_peer_up");
    let value = |peer: &str| {
        let metric = peers
            .metric
            .iter()
            .find(|m| labels_of(m) == [("peer", peer)])
            .expect("peer");
        metric.gauge.as_ref().unwrap().value()
    };
    assert!(value("nan").is_nan());
    assert!(value("minus-zero") == 0.0 && value("minus-zero").is_sign_negative());

    let latency = family(&families, "enc_latency_seconds");
    assert_eq!(
        latency.r#type,
        Some(oracle::client_model::MetricType::Histogram as i32)
    );
    assert_eq!(latency.unit.as_deref(), Some("seconds"));
    let west = latency
        .metric
        .iter()
        .find(|m| labels_of(m) == [("zone", "west")])
        .and_then(|m| m.histogram.as_ref())
        .expect("west histogram");
    assert_eq!(west.sample_count, Some(5));
    assert_eq!(west.sample_sum, Some(0.001 + 0.05 + 0.05 + 3.0 + 1e9));
    let buckets: Vec<(f64, u64)> = west
        .bucket
        .iter()
        .map(|b| (b.upper_bound(), b.cumulative_count()))
        .collect();
    // Cumulative, finite bounds only: no exemplar, so no explicit +Inf.
    assert_eq!(
        buckets,
        [(0.005, 1), (0.1, 3), (1.0, 3), (2.5, 3), (10.0, 4)]
    );
}

#[test]
fn exemplars_ride_on_their_counter_and_bucket() {
    let m = Metrics::new().expect("register");
    let before = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    m.shapes
        .zoned_events_total(Zone::East, Kind::Write)
        .inc_by_with_exemplar(3, &[("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")])
        .expect("exemplar");
    m.shapes
        .latency_seconds(Zone::West)
        .observe_with_exemplar(0.05, &[("trace_id", "00f067aa0ba902b7"), ("span", "a\"b")])
        .expect("exemplar");
    m.shapes
        .latency_seconds(Zone::West)
        .observe_with_exemplar(50.0, &[("trace_id", "beyond-the-last-bound")])
        .expect("exemplar");
    m.shapes
        .peer_messages_total("peer-1", Zone::West)
        .inc_with_exemplar(&[("trace_id", "free-form")])
        .expect("exemplar");
    let after = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();

    let body = m.encode_protobuf();
    let mut families = decode_exactly(&body);
    let (_, found) = take_what_gather_lacks(&mut families);
    // What is left is gather()'s, field by field.
    assert_same(&families, &from_gather(&m.registry().gather()));

    let seen: Vec<_> = found
        .iter()
        .map(|f| {
            let labels: Vec<(&str, &str)> = f
                .labels
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .filter(|pair| !SPEC_LABELS.contains(pair))
                .collect();
            (
                f.family.as_str(),
                labels,
                f.bound,
                f.exemplar_labels(),
                f.exemplar.value(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "enc_latency_seconds",
                vec![("zone", "west")],
                Some(0.1),
                vec![("trace_id", "00f067aa0ba902b7"), ("span", "a\"b")],
                0.05
            ),
            (
                "enc_latency_seconds",
                vec![("zone", "west")],
                Some(f64::INFINITY),
                vec![("trace_id", "beyond-the-last-bound")],
                50.0
            ),
            (
                "enc_peer_messages_total",
                vec![("peer", "peer-1"), ("zone", "west")],
                None,
                vec![("trace_id", "free-form")],
                1.0
            ),
            (
                "enc_zoned_events_total",
                vec![("kind", "write"), ("zone", "east")],
                None,
                vec![("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")],
                3.0
            ),
        ]
    );
    for f in &found {
        let t = f.exemplar.timestamp.expect("exemplar timestamp");
        let seconds = t.seconds as f64 + f64::from(t.nanos) * 1e-9;
        assert!(
            (0..1_000_000_000).contains(&t.nanos)
                && seconds >= before - 1e-3
                && seconds <= after + 1e-3,
            "{t:?} not within [{before}, {after}]"
        );
    }
    // The explicit +Inf bucket holds the count, like the implicit one.
    let latency = decode_exactly(&body);
    let west = family(&latency, "enc_latency_seconds")
        .metric
        .iter()
        .find(|m| labels_of(m) == [("zone", "west")])
        .and_then(|m| m.histogram.clone())
        .expect("west");
    let inf = west.bucket.last().expect("+Inf bucket");
    assert_eq!(
        (inf.upper_bound(), inf.cumulative_count()),
        (f64::INFINITY, 2)
    );
}

#[test]
fn constant_labels_given_at_registration_are_merged_in_name_order() {
    let m = Metrics::with_labels(&[("region", "eu"), ("instance", "a:1")]).expect("labels");
    m.shapes.queue_depth().set(5);
    m.shapes.zoned_events_total(Zone::West, Kind::Read).inc();
    let (ours, theirs) = both(&m.encode_protobuf(), m.registry());
    assert_same(&ours, &theirs);
    let depth = family(&ours, "enc_queue_depth");
    assert_eq!(
        labels_of(&depth.metric[0]),
        [("instance", "a:1"), ("region", "eu")]
    );
    let zoned = family(&ours, "enc_zoned_events_total");
    let names: Vec<&str> = labels_of(&zoned.metric[0]).iter().map(|l| l.0).collect();
    assert_eq!(names, ["instance", "kind", "region", "zone"]);
}

#[test]
fn several_specs_with_free_form_families_and_overflow_equal_gather() {
    let registry = custom_registry();
    let both_specs = two_specs_past_budget(&registry);
    let body = both_specs.encode_format(Format::Protobuf);
    let (ours, theirs) = both(&body, &registry);
    assert_same(&ours, &theirs);
    let overflow = family(&ours, "fleet_x0tta_metrics_series_overflow_total");
    let second_jobs = overflow
        .metric
        .iter()
        .find(|m| labels_of(m).contains(&("metric", "second_job_runs_total")))
        .expect("the second spec's overflow series");
    assert_eq!(second_jobs.counter.as_ref().unwrap().value, Some(2.0));
    assert_eq!(
        ours.iter()
            .filter(|f| f.name() == "fleet_x0tta_metrics_series_overflow_total")
            .count(),
        1
    );
}

#[test]
fn write_format_appends_every_format_to_one_byte_buffer() {
    let m = Metrics::new().expect("register");
    touch_every_shape(&m);
    let mut out = Vec::new();
    m.write_format(Format::Protobuf, &mut out);
    let protobuf = out.len();
    assert_eq!(out, m.encode_protobuf());
    // Text after binary: appended, the binary part untouched.
    m.write_format(Format::Text, &mut out);
    assert_eq!(&out[protobuf..], m.encode_text().as_bytes());
    assert_eq!(
        decode_exactly(&out[..protobuf]).len(),
        decode_exactly(&m.encode_protobuf()).len()
    );
    out.clear();
    m.write_format(Format::OpenMetrics, &mut out);
    assert_eq!(out, m.encode_openmetrics().into_bytes());
}

/// Series handed over as dense families hand them — through the encoder's
/// `LineWriter`, and as one `sample` per series (free-form families) — take
/// its one-pass path for counters and gauges: a label name past the padded
/// head it copies, common labels sorting before, between and after the
/// series' own, values of every length around the one-block limits (16
/// bytes, a one-byte `Metric` length) and past a one-byte length, families
/// sharing their label names and families not, a gauge, no labels at all;
/// with the registry's common labels and without. Each series decodes (and
/// re-encodes to the same bytes) to its labels, merged in name order, and
/// its value.
#[test]
fn dense_series_of_every_shape_decode_to_their_labels_and_values() {
    let pairs = [("a", "1"), ("m", "2"), ("zz", "3")];
    let common = pairs.map(|(k, v)| (k.to_string(), v.to_string())).into();
    let registry = Registry::new_custom(None, Some(common)).expect("registry");
    let long_name = "a_label_name_longer_than_the_head_copied_in_one_block";
    let values: Vec<String> = [0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 108, 109, 110, 200]
        .iter()
        // Distinct bytes, so that a copy from the wrong offset shows.
        .map(|&n| (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect())
        .collect();
    type Series<'a> = Vec<(&'a str, &'a str)>;
    let families: Vec<(&str, MetricKind, Vec<Series>)> = vec![
        (
            "first_total",
            MetricKind::Counter,
            vec![
                vec![("b", "x"), ("n", "y")],
                vec![("b", "x"), ("n", &values[13])],
            ],
        ),
        (
            "second_total",
            MetricKind::Counter,
            vec![vec![("b", "z"), ("n", "")]],
        ),
        ("third", MetricKind::Gauge, vec![vec![(long_name, "w")]]),
        ("fourth_total", MetricKind::Counter, vec![vec![]]),
        (
            "fifth_total",
            MetricKind::Counter,
            vec![vec![("b", "q"), ("n", "r")]],
        ),
        (
            "sixth_total",
            MetricKind::Counter,
            values.iter().map(|v| vec![("op", v.as_str())]).collect(),
        ),
        (
            "seventh",
            MetricKind::Gauge,
            values.iter().map(|v| vec![("op", v.as_str())]).collect(),
        ),
    ];
    for (scope, common) in [(Scope::of(&registry), &pairs[..]), (Scope::none(), &[][..])] {
        for through_lines in [true, false] {
            let mut out = Vec::new();
            let mut encoder = Protobuf::new(&mut out, &scope);
            let mut value = 0;
            for (name, kind, series) in &families {
                let header = Header {
                    name,
                    help: "Help.",
                    kind: *kind,
                    unit: "",
                };
                encoder.family(&header);
                let names: Vec<&str> = series[0].iter().map(|l| l.0).collect();
                let sample = |value: i64| match kind {
                    MetricKind::Gauge => Sample::Signed(-value),
                    _ => Sample::Count(value as u64),
                };
                if through_lines {
                    let mut lines = encoder.lines(&names).expect("protobuf writes lines");
                    for labels in series {
                        value += 1;
                        let escaped: Vec<&str> = labels.iter().map(|l| l.1).collect();
                        lines.line(labels, &escaped, sample(value), None);
                    }
                } else {
                    for labels in series {
                        value += 1;
                        encoder.sample(labels, sample(value));
                    }
                }
                encoder.end_family();
            }
            drop(encoder);
            let decoded = decode_exactly(&out);
            assert_eq!(decoded.len(), families.len());
            let mut value = 0;
            for ((name, kind, series), family) in families.iter().zip(&decoded) {
                assert_eq!(family.name(), *name);
                assert_eq!(family.metric.len(), series.len(), "{name}");
                for (labels, metric) in series.iter().zip(&family.metric) {
                    value += 1;
                    let mut expected = labels.clone();
                    expected.extend(common);
                    expected.sort();
                    assert_eq!(all_labels_of(metric), expected, "{name}");
                    let read = match kind {
                        MetricKind::Gauge => -metric.gauge.as_ref().expect("gauge").value(),
                        _ => metric.counter.as_ref().expect("counter").value(),
                    };
                    assert_eq!(read, value as f64, "{name}");
                }
            }
        }
    }
}

/// A family's length prefix takes one, two or three bytes (below 128
/// bytes, below 16 KiB, above): the encoder leaves two bytes of room and
/// moves the message either way when the prefix needs fewer or more. Every
/// family decodes whole, prost writes the same bytes back, and each series
/// keeps its value.
#[test]
fn family_length_prefixes_of_one_two_and_three_bytes_decode() {
    use prost::Message as _;
    let scope = Scope::none();
    let sizes = [1, 40, 2_000, 1];
    let values: Vec<String> = (0..2_000).map(|i| format!("value-{i:05}")).collect();
    let mut out = Vec::new();
    let mut encoder = Protobuf::new(&mut out, &scope);
    for (f, &series) in sizes.iter().enumerate() {
        let name = format!("family_{f}_total");
        let header = Header {
            name: &name,
            help: "",
            kind: MetricKind::Counter,
            unit: "",
        };
        encoder.family(&header);
        let mut lines = encoder.lines(&["id"]).expect("protobuf writes lines");
        for value in &values[..series] {
            let labels = [("id", value.as_str())];
            lines.line(&labels, &[value], Sample::Count(series as u64), None);
        }
        encoder.end_family();
    }
    drop(encoder);
    let decoded = decode_exactly(&out);
    let lengths: Vec<usize> = decoded.iter().map(|f| f.metric.len()).collect();
    assert_eq!(lengths, sizes);
    for (family, &series) in decoded.iter().zip(&sizes) {
        let counts = family
            .metric
            .iter()
            .map(|m| m.counter.as_ref().unwrap().value());
        assert!(
            counts.into_iter().all(|v| v == series as f64),
            "{}",
            family.name()
        );
    }
    // The prefixes really were of those lengths: the first family's body
    // is shorter than 128 bytes, the third's longer than 16 KiB.
    assert!(out[0] < 0x80);
    assert!(decoded[2].encoded_len() > 16 * 1024);
}

/// One histogram family written straight through the encoder, with the
/// native buckets a native-histogram cell would hand it.
fn encode_native(native: NativeBuckets<'_>) -> oracle::Histogram {
    let mut out = Vec::new();
    let scope = Scope::none();
    {
        let mut encoder = Protobuf::new(&mut out, &scope);
        encoder.family(&Header {
            name: "rpc_seconds",
            help: "RPC latency.",
            kind: MetricKind::Histogram,
            unit: "seconds",
        });
        encoder.sample(
            &[("method", "get")],
            Sample::Histogram(HistogramSnapshot {
                bounds: &[0.5],
                cumulative: &[3],
                count: 7,
                sum: 12.25,
                native: Some(native),
            }),
        );
        encoder.end_family();
    }
    let families = decode_exactly(&out);
    assert_eq!(families.len(), 1);
    families[0].metric[0].histogram.clone().expect("histogram")
}

#[test]
fn native_buckets_are_written_beside_the_classic_ones() {
    let negative = [BucketSpan {
        offset: -2,
        length: 1,
    }];
    let positive = [
        BucketSpan {
            offset: 0,
            length: 2,
        },
        BucketSpan {
            offset: 3,
            length: 1,
        },
    ];
    let h = encode_native(NativeBuckets {
        schema: 3,
        zero_threshold: 1e-128,
        zero_count: 1,
        negative_spans: &negative,
        negative_deltas: &[1],
        positive_spans: &positive,
        positive_deltas: &[2, -1, 1],
    });
    assert_eq!((h.sample_count(), h.sample_sum()), (7, 12.25));
    assert_eq!(h.bucket.len(), 1);
    assert_eq!(
        (h.schema(), h.zero_threshold(), h.zero_count()),
        (3, 1e-128, 1)
    );
    let spans = |s: &[oracle::client_model::BucketSpan]| -> Vec<(i32, u32)> {
        s.iter().map(|s| (s.offset(), s.length())).collect()
    };
    assert_eq!(spans(&h.negative_span), [(-2, 1)]);
    assert_eq!(h.negative_delta, [1]);
    assert_eq!(spans(&h.positive_span), [(0, 2), (3, 1)]);
    assert_eq!(h.positive_delta, [2, -1, 1]);
    assert!(h.negative_count.is_empty() && h.positive_count.is_empty());

    // No observations and no zero bucket: a no-op span marks it native.
    let empty = encode_native(NativeBuckets {
        schema: 0,
        zero_threshold: 0.0,
        zero_count: 0,
        negative_spans: &[],
        negative_deltas: &[],
        positive_spans: &[],
        positive_deltas: &[],
    });
    assert_eq!(spans(&empty.positive_span), [(0, 0)]);
    assert_eq!(empty.schema, Some(0));
}

/// Every histogram of `families` is whole: cumulative counts never decrease
/// and none exceeds the count. Returns the counts of `name`'s series.
fn whole_histograms(families: &[MetricFamily], name: &str) -> Vec<u64> {
    let mut counts = Vec::new();
    for family in families {
        for h in family.metric.iter().filter_map(|m| m.histogram.as_ref()) {
            let cumulative: Vec<u64> = h.bucket.iter().map(|b| b.cumulative_count()).collect();
            assert!(
                cumulative.windows(2).all(|w| w[0] <= w[1]),
                "{cumulative:?}"
            );
            assert!(cumulative.last().is_none_or(|&c| c <= h.sample_count()));
            if family.name() == name {
                counts.push(h.sample_count());
            }
        }
    }
    counts
}

#[test]
fn every_protobuf_scrape_is_whole_and_totals_exact_under_four_writers() {
    const WRITERS: u64 = 4;
    const ROUNDS: u64 = 20_000;
    let m = Metrics::new().expect("register");
    let scrapes = scrape_while_writing(
        WRITERS,
        |w| {
            let zone = Zone::ALL[w as usize % 2];
            for i in 0..ROUNDS {
                m.shapes.zoned_events_total(zone, Kind::Read).inc();
                m.shapes.hot_plain_total().inc();
                m.shapes.latency_seconds(Zone::West).observe((i % 7) as f64);
            }
        },
        || {
            whole_histograms(&decode_exactly(&m.encode_protobuf()), "");
        },
    );
    assert!(scrapes >= 3);

    let total = WRITERS * ROUNDS;
    let families = decode_exactly(&m.encode_protobuf());
    let counter = |name: &str, labels: &[(&str, &str)]| {
        family(&families, name)
            .metric
            .iter()
            .find(|m| labels_of(m) == labels)
            .and_then(|m| m.counter.as_ref())
            .and_then(|c| c.value)
    };
    assert_eq!(counter("enc_hot_plain_total", &[]), Some(total as f64));
    for zone in ["west", "east"] {
        let labels = [("kind", "read"), ("zone", zone)];
        assert_eq!(
            counter("enc_zoned_events_total", &labels),
            Some((total / 2) as f64)
        );
    }
    let counts = whole_histograms(&families, "enc_latency_seconds");
    assert!(counts.contains(&total), "{counts:?}");
}
