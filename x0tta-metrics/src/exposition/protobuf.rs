//! The Prometheus protobuf format: `io.prometheus.client.MetricFamily`
//! messages of client_model's `metrics.proto`, each preceded by its length
//! as a varint (the "delimited" encoding). Prometheus asks for it first when
//! native histograms are enabled, since only this format carries them.
//!
//! Written straight into the byte buffer from the walk, without message
//! structs. A dense family's counters and gauges (most series) come through
//! the [`LineWriter`] the encoder hands out ([`Encoder::lines`]), each
//! written in one pass from what their family renders once (the private
//! `scalar_metric` module); every other series' `Metric` is sized first,
//! then written (the private `wire` module). A family's length is known
//! only after its last series, so its message is written after two bytes of
//! room for its length prefix (enough below 16 KiB), which is then filled
//! in, the message moved only when the prefix takes another length.
//!
//! - Names carry the registry's prefix; every series carries its own labels
//!   and the registry's common labels, merged in name order as client_golang
//!   writes them (`gather()` appends the common labels instead; the text
//!   formats keep its order).
//! - Counters and gauges are doubles; histograms have their cumulative
//!   finite buckets, `sample_count` and `sample_sum`. A counter's exemplar
//!   is `Counter.exemplar`; a histogram's are `Bucket.exemplar`, the `+Inf`
//!   bucket's on an explicit `+Inf` bucket written only when it has one (as
//!   client_golang does).
//! - A histogram snapshot with [`NativeBuckets`] also writes the native
//!   fields (`schema`, the zero bucket, spans and deltas) and its exemplars
//!   once more in `Histogram.exemplars`. No `created_timestamp`: the cells
//!   keep no creation time.
//! - A family without series writes nothing, as `gather()` drops it.

use super::line::split_headers;
use super::scalar_metric::MetricStarts;
use super::wire::{self, Message, Sink};
use super::{Encoder, Header, LineWriter, MetricKind, Sample, Scope};
use crate::storage::{BucketSpan, Exemplar, HistogramSnapshot, NativeBuckets};

/// `Content-Type` of the protobuf delimited format.
pub const MIME_TYPE: &str =
    "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

/// Room left for a family's length prefix: two bytes, a family's length
/// below 16 KiB (as every family of a few hundred series is). A shorter
/// family moves its message back by one byte, a longer one forward by what
/// it needs: a move of the whole message only where the guess was wrong.
const PREFIX_ROOM: usize = 2;
// `close` stores a length of 128 to 16,383 bytes as two bytes in the room.
const _: () = assert!(PREFIX_ROOM == 2);

/// Writes families into a byte buffer as delimited `MetricFamily` messages.
#[derive(Debug)]
pub struct Protobuf<'a> {
    out: &'a mut Vec<u8>,
    scope: &'a Scope,
    kind: MetricKind,
    /// The current family's unit, written after its series: fields in
    /// number order, as protobuf encoders write them.
    unit: String,
    /// The family being written: where its room for the length prefix
    /// starts and where its header ends (nothing after it: no series yet).
    open: Option<(usize, usize)>,
    /// The exemplars of the next sample, if it has any.
    pending: Vec<Option<Exemplar>>,
    /// The parts of the current family's counters and gauges rendered once.
    starts: MetricStarts,
    /// Whether `starts` holds the current family's parts.
    prepared: bool,
}

impl<'a> Protobuf<'a> {
    /// Appends to `out`, with the prefix and common labels of `scope`.
    pub fn new(out: &'a mut Vec<u8>, scope: &'a Scope) -> Self {
        Protobuf {
            out,
            scope,
            kind: MetricKind::Gauge,
            unit: String::new(),
            open: None,
            pending: Vec::new(),
            starts: MetricStarts::default(),
            prepared: false,
        }
    }

    /// Renders the current family's parts for series with labels `names`.
    fn prepare<'n>(&mut self, names: impl ExactSizeIterator<Item = &'n str> + Clone) {
        let common = self.scope.common_pairs();
        self.starts.prepare(names, common, self.kind);
        self.prepared = true;
    }

    /// Finishes the family being written: fills in its length prefix, or
    /// takes it back if it has no series.
    fn close(&mut self) {
        let Some((start, header_end)) = self.open.take() else {
            return;
        };
        if self.out.len() == header_end {
            self.out.truncate(start);
            return;
        }
        if !self.unit.is_empty() {
            self.out.string(field::FAMILY_UNIT, &self.unit);
        }
        let body = start + PREFIX_ROOM;
        let length = self.out.len() - body;
        if let (0x80..0x4000, Some(room)) = (length, self.out.get_mut(start..body)) {
            // The room was right (most families): the varint's two bytes,
            // stored without the general loop.
            room.copy_from_slice(&[length as u8 | 0x80, (length >> 7) as u8]);
            return;
        }
        let prefix = wire::varint_len(length as u64);
        if prefix < PREFIX_ROOM {
            self.out.copy_within(body.., start + prefix);
            self.out.truncate(start + prefix + length);
        } else if prefix > PREFIX_ROOM {
            self.out.resize(start + prefix + length, 0);
            self.out.copy_within(body..body + length, start + prefix);
        }
        wire::varint_into(&mut self.out[start..start + prefix], length as u64);
    }
}

impl Protobuf<'_> {
    /// Starts the family `header` (after finishing the last): room for its
    /// length prefix, then its `name`, `help` and `type` fields, which
    /// `fields` writes.
    #[inline(always)]
    fn open_family(&mut self, header: &Header<'_>, fields: impl FnOnce(&mut Vec<u8>)) {
        self.close();
        self.kind = header.kind;
        let start = self.out.len();
        self.out.resize(start + PREFIX_ROOM, 0);
        fields(self.out);
        self.open = Some((start, self.out.len()));
        self.prepared = false;
        self.unit.clear();
        self.unit.push_str(header.unit);
    }
}

/// `MetricFamily` and its nested messages' field numbers in `metrics.proto`.
pub(super) mod field {
    pub const FAMILY_NAME: u32 = 1;
    pub const FAMILY_HELP: u32 = 2;
    pub const FAMILY_TYPE: u32 = 3;
    pub const FAMILY_METRIC: u32 = 4;
    pub const FAMILY_UNIT: u32 = 5;
    pub const METRIC_LABEL: u32 = 1;
    pub const METRIC_GAUGE: u32 = 2;
    pub const METRIC_COUNTER: u32 = 3;
    pub const METRIC_HISTOGRAM: u32 = 7;
    pub const PAIR_NAME: u32 = 1;
    pub const PAIR_VALUE: u32 = 2;
    /// `Gauge.value` and `Counter.value`.
    pub const VALUE: u32 = 1;
    pub const COUNTER_EXEMPLAR: u32 = 2;
    pub const HISTOGRAM_SAMPLE_COUNT: u32 = 1;
    pub const HISTOGRAM_SAMPLE_SUM: u32 = 2;
    pub const HISTOGRAM_BUCKET: u32 = 3;
    pub const HISTOGRAM_SCHEMA: u32 = 5;
    pub const HISTOGRAM_ZERO_THRESHOLD: u32 = 6;
    pub const HISTOGRAM_ZERO_COUNT: u32 = 7;
    pub const HISTOGRAM_NEGATIVE_SPAN: u32 = 9;
    pub const HISTOGRAM_NEGATIVE_DELTA: u32 = 10;
    pub const HISTOGRAM_POSITIVE_SPAN: u32 = 12;
    pub const HISTOGRAM_POSITIVE_DELTA: u32 = 13;
    pub const HISTOGRAM_EXEMPLARS: u32 = 16;
    pub const BUCKET_CUMULATIVE_COUNT: u32 = 1;
    pub const BUCKET_UPPER_BOUND: u32 = 2;
    pub const BUCKET_EXEMPLAR: u32 = 3;
    pub const SPAN_OFFSET: u32 = 1;
    pub const SPAN_LENGTH: u32 = 2;
    pub const EXEMPLAR_LABEL: u32 = 1;
    pub const EXEMPLAR_VALUE: u32 = 2;
    pub const EXEMPLAR_TIMESTAMP: u32 = 3;
    pub const TIMESTAMP_SECONDS: u32 = 1;
    pub const TIMESTAMP_NANOS: u32 = 2;
}

/// `MetricType`'s numbers in `metrics.proto`.
fn metric_type(kind: MetricKind) -> u64 {
    match kind {
        MetricKind::Counter => 0,
        MetricKind::Gauge => 1,
        MetricKind::Histogram => 4,
    }
}

impl Encoder for Protobuf<'_> {
    fn family(&mut self, header: &Header<'_>) {
        let prefix = self.scope.prefix();
        self.open_family(header, |out| {
            // The name is the registry's prefix, then the family's.
            out.key(field::FAMILY_NAME, wire::WireType::Len);
            out.varint((prefix.len() + header.name.len()) as u64);
            out.put(prefix.as_bytes());
            out.put(header.name.as_bytes());
            out.string(field::FAMILY_HELP, header.help);
            out.uint(field::FAMILY_TYPE, metric_type(header.kind));
        });
    }

    /// Copies the family's `name`, `help` and `type` fields as the macro
    /// rendered them, when it did and the registry has no prefix.
    fn family_rendered(&mut self, header: &Header<'_>, headers: &'static str) {
        let fields = split_headers(headers, header, self.scope).map(|(.., fields)| fields);
        let Some(fields) = fields.filter(|fields| !fields.is_empty()) else {
            return self.family(header);
        };
        self.open_family(header, |out| out.put(fields.as_bytes()));
        debug_assert_eq!(fields.as_bytes(), {
            let mut rendered = Vec::new();
            let mut encoder = Protobuf::new(&mut rendered, self.scope);
            encoder.family(header);
            // Nothing for the encoder's drop to finish: no series.
            encoder.open = None;
            drop(encoder);
            rendered.split_off(PREFIX_ROOM)
        });
    }

    /// A dense family's counters and gauges: each written in one pass from
    /// the parts rendered here, once for the family (see `scalar_metric`).
    fn lines(&mut self, names: &[&str]) -> Option<LineWriter<'_>> {
        self.open?;
        self.prepare(names.iter().copied());
        Some(LineWriter::protobuf(self.out, &self.starts))
    }

    fn exemplars(&mut self, exemplars: &[Option<Exemplar>]) {
        self.pending.clear();
        self.pending.extend_from_slice(exemplars);
    }

    /// A counter without exemplars or a gauge is written in one pass from
    /// the parts its family renders once (see `scalar_metric`), as through
    /// [`lines`](Encoder::lines): every series of a family has the same
    /// label names. The rest (histograms, exemplars, even none kept yet)
    /// takes the general path.
    fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>) {
        if self.open.is_none() {
            return;
        }
        // The one-pass writer of the line path: every series of a family
        // has the same label names, taken from the first.
        if !matches!(sample, Sample::Histogram(_)) && self.pending.is_empty() {
            if !self.prepared {
                self.prepare(labels.iter().map(|&(name, _)| name));
            }
            return self.starts.write(self.out, labels, sample, None);
        }
        let exemplars = &self.pending[..];
        let value = match sample {
            Sample::Histogram(snapshot) => Value::Histogram(Histogram {
                snapshot,
                exemplars,
            }),
            Sample::Count(v) => scalar(self.kind, v as f64, exemplars),
            Sample::Signed(v) => scalar(self.kind, v as f64, exemplars),
            Sample::Float(v) => scalar(self.kind, v, exemplars),
        };
        let metric = Metric {
            labels: Labels {
                own: labels,
                common: self.scope.common_pairs(),
            },
            value,
        };
        self.out.message(field::FAMILY_METRIC, &metric);
        self.pending.clear();
    }

    fn end_family(&mut self) {
        self.close();
    }
}

impl Drop for Protobuf<'_> {
    /// A walk that ends without `end_family` still leaves whole messages.
    fn drop(&mut self) {
        self.close();
    }
}

fn scalar(kind: MetricKind, value: f64, exemplars: &[Option<Exemplar>]) -> Value<'_> {
    match kind {
        MetricKind::Counter => Value::Counter(value, exemplars.first().and_then(Option::as_ref)),
        _ => Value::Gauge(value),
    }
}

/// One series: `Metric`.
struct Metric<'a> {
    labels: Labels<'a>,
    value: Value<'a>,
}

enum Value<'a> {
    Counter(f64, Option<&'a Exemplar>),
    Gauge(f64),
    Histogram(Histogram<'a>),
}

impl Message for Metric<'_> {
    #[inline]
    fn encode<S: Sink>(&self, sink: &mut S) {
        for (name, value) in self.labels.clone() {
            sink.message(field::METRIC_LABEL, &LabelPair(name, value));
        }
        match &self.value {
            Value::Counter(value, exemplar) => {
                sink.message(field::METRIC_COUNTER, &Counter(*value, *exemplar))
            }
            Value::Gauge(value) => sink.message(field::METRIC_GAUGE, &Gauge(*value)),
            Value::Histogram(histogram) => sink.message(field::METRIC_HISTOGRAM, histogram),
        }
    }
}

/// A series' own labels (in name order) and the registry's common labels
/// (sorted by name), merged in name order.
#[derive(Clone)]
struct Labels<'a> {
    own: &'a [(&'a str, &'a str)],
    common: &'a [(String, String)],
}

impl<'a> Iterator for Labels<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let common_first = match (self.own.first(), self.common.first()) {
            (Some(own), Some(common)) => common.0.as_str() < own.0,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if common_first {
            let ((name, value), rest) = self.common.split_first()?;
            self.common = rest;
            Some((name, value))
        } else {
            let (&pair, rest) = self.own.split_first()?;
            self.own = rest;
            Some(pair)
        }
    }
}

/// `LabelPair`.
pub(super) struct LabelPair<'a>(pub(super) &'a str, pub(super) &'a str);

impl Message for LabelPair<'_> {
    #[inline]
    fn encode<S: Sink>(&self, sink: &mut S) {
        sink.string(field::PAIR_NAME, self.0);
        sink.string(field::PAIR_VALUE, self.1);
    }
}

/// `Gauge`.
struct Gauge(f64);

impl Message for Gauge {
    #[inline]
    fn encode<S: Sink>(&self, sink: &mut S) {
        sink.double(field::VALUE, self.0);
    }
}

/// `Counter`, with its exemplar if it has one.
struct Counter<'a>(f64, Option<&'a Exemplar>);

impl Message for Counter<'_> {
    #[inline]
    fn encode<S: Sink>(&self, sink: &mut S) {
        sink.double(field::VALUE, self.0);
        if let Some(exemplar) = self.1 {
            sink.message(field::COUNTER_EXEMPLAR, &ExemplarMessage(exemplar));
        }
    }
}

/// `Exemplar`: its labels as given, its value and its timestamp.
pub(super) struct ExemplarMessage<'a>(pub(super) &'a Exemplar);

impl Message for ExemplarMessage<'_> {
    #[inline]
    fn encode<S: Sink>(&self, sink: &mut S) {
        for (name, value) in &self.0.labels {
            sink.message(field::EXEMPLAR_LABEL, &LabelPair(name, value));
        }
        sink.double(field::EXEMPLAR_VALUE, self.0.value);
        sink.message(field::EXEMPLAR_TIMESTAMP, &Timestamp(self.0.timestamp));
    }
}

/// `google.protobuf.Timestamp` of Unix seconds (proto3: zero fields left out).
struct Timestamp(f64);

impl Message for Timestamp {
    #[inline]
    fn encode<S: Sink>(&self, sink: &mut S) {
        let mut seconds = self.0.floor() as i64;
        let mut nanos = ((self.0 - self.0.floor()) * 1e9).round() as i64;
        if nanos >= 1_000_000_000 {
            seconds += 1;
            nanos -= 1_000_000_000;
        }
        // int64 and int32 are varints of the two's complement.
        if seconds != 0 {
            sink.uint(field::TIMESTAMP_SECONDS, seconds as u64);
        }
        if nanos != 0 {
            sink.uint(field::TIMESTAMP_NANOS, nanos as u64);
        }
    }
}

/// `Histogram`: classic buckets, and the native ones when the snapshot has them.
struct Histogram<'a> {
    snapshot: HistogramSnapshot<'a>,
    /// One per finite bucket, then `+Inf`'s; empty without exemplars.
    exemplars: &'a [Option<Exemplar>],
}

impl Message for Histogram<'_> {
    #[inline]
    fn encode<S: Sink>(&self, sink: &mut S) {
        let h = &self.snapshot;
        let exemplar = |i: usize| self.exemplars.get(i).and_then(Option::as_ref);
        sink.uint(field::HISTOGRAM_SAMPLE_COUNT, h.count);
        sink.double(field::HISTOGRAM_SAMPLE_SUM, h.sum);
        for (i, (&upper_bound, &count)) in h.bounds.iter().zip(h.cumulative).enumerate() {
            let bucket = Bucket(count, upper_bound, exemplar(i));
            sink.message(field::HISTOGRAM_BUCKET, &bucket);
        }
        if let Some(inf) = exemplar(h.bounds.len()) {
            let bucket = Bucket(h.count, f64::INFINITY, Some(inf));
            sink.message(field::HISTOGRAM_BUCKET, &bucket);
        }
        if let Some(native) = &h.native {
            encode_native(sink, native);
            // A native histogram's exemplars also go where metrics.proto puts
            // them for native histograms, `Histogram.exemplars` ("only used
            // for native histograms"), each with the timestamp it must have.
            for exemplar in self.exemplars.iter().flatten() {
                sink.message(field::HISTOGRAM_EXEMPLARS, &ExemplarMessage(exemplar));
            }
        }
    }
}

/// The native fields of `Histogram`.
fn encode_native<S: Sink>(sink: &mut S, native: &NativeBuckets<'_>) {
    sink.sint(field::HISTOGRAM_SCHEMA, i64::from(native.schema));
    sink.double(field::HISTOGRAM_ZERO_THRESHOLD, native.zero_threshold);
    sink.uint(field::HISTOGRAM_ZERO_COUNT, native.zero_count);
    for span in native.negative_spans {
        sink.message(field::HISTOGRAM_NEGATIVE_SPAN, &Span(*span));
    }
    // proto2 repeated scalars are unpacked: one key per value.
    for &delta in native.negative_deltas {
        sink.sint(field::HISTOGRAM_NEGATIVE_DELTA, delta);
    }
    let spans = native.positive_spans;
    // metrics.proto: a native histogram with no observations and no zero
    // bucket width has a no-op span, or it would read as a classic one.
    let empty = native.negative_spans.is_empty() && spans.is_empty();
    if empty && native.zero_threshold == 0.0 {
        sink.message(field::HISTOGRAM_POSITIVE_SPAN, &Span(BucketSpan::default()));
    }
    for span in spans {
        sink.message(field::HISTOGRAM_POSITIVE_SPAN, &Span(*span));
    }
    for &delta in native.positive_deltas {
        sink.sint(field::HISTOGRAM_POSITIVE_DELTA, delta);
    }
}

/// `Bucket`: cumulative count, upper bound, exemplar.
struct Bucket<'a>(u64, f64, Option<&'a Exemplar>);

impl Message for Bucket<'_> {
    #[inline]
    fn encode<S: Sink>(&self, sink: &mut S) {
        sink.uint(field::BUCKET_CUMULATIVE_COUNT, self.0);
        sink.double(field::BUCKET_UPPER_BOUND, self.1);
        if let Some(exemplar) = self.2 {
            sink.message(field::BUCKET_EXEMPLAR, &ExemplarMessage(exemplar));
        }
    }
}

/// `BucketSpan`.
struct Span(BucketSpan);

impl Message for Span {
    #[inline]
    fn encode<S: Sink>(&self, sink: &mut S) {
        sink.sint(field::SPAN_OFFSET, i64::from(self.0.offset));
        sink.uint(field::SPAN_LENGTH, u64::from(self.0.length));
    }
}
