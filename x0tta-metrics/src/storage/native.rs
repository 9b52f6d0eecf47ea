//! Native (sparse, exponential) histograms, as Prometheus defines them.
//!
//! At schema `s` the bucket with index `i` holds the observations `v` with
//! `base^(i-1) < |v| ≤ base^i`, where `base = 2^(2^-s)` (upper bounds
//! inclusive); positive and negative observations have buckets of their
//! own, and observations with `|v| ≤ zero_threshold` go to the zero
//! bucket. Only populated buckets are kept, sorted by index. When more
//! than `max_buckets` are populated, the resolution halves (schema − 1,
//! each pair of buckets merged into one) until they fit or the schema is
//! −4, as client_golang does.
//!
//! The state sits behind one short lock, taken by each observation and by
//! each scrape: a scrape therefore reads a whole histogram, its count equal
//! to the zero bucket plus every bucket (plus the NaN observations, which,
//! as in client_golang, count and poison the sum but enter no bucket). A
//! histogram with classic buckets too updates them under the same lock, so
//! both parts of a scrape agree.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use super::histogram::{BucketSpan, NativeBuckets, SampleBuffer};

/// The lowest and highest schema Prometheus accepts.
pub const SCHEMAS: std::ops::RangeInclusive<i8> = -4..=8;

/// How a native histogram is laid out (the spec's `native:` key).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NativeConfig {
    /// The initial schema, in [`SCHEMAS`]: `2^s` buckets per power of two.
    pub schema: i8,
    /// Populated buckets (positive and negative) kept before the
    /// resolution is halved.
    pub max_buckets: u32,
    /// Observations with an absolute value at or below it go to the zero
    /// bucket.
    pub zero_threshold: f64,
}

/// Gaps of at most this many empty buckets are written as zero counts
/// inside a span instead of starting a new one (a span costs more bytes
/// than two zero deltas), as client_golang does.
const MAX_FILLED_GAP: i32 = 2;

/// Appends the spans and deltas of `buckets` (populated, ascending by
/// index) as metrics.proto defines them: the first span's offset is its
/// first index, each later one's the gap since the previous span's end;
/// each delta is a count minus the one before it (the first minus zero),
/// over every bucket the spans cover.
fn push_spans(buckets: &[(i32, u64)], spans: &mut Vec<BucketSpan>, deltas: &mut Vec<i64>) {
    let mut previous: Option<(i32, u64)> = None;
    let mut end = None;
    for &(index, count) in buckets {
        let gap = previous.map(|(p, _)| index - p - 1);
        match gap {
            Some(gap) if gap <= MAX_FILLED_GAP => {
                // The same span, its empty buckets as zeros.
                if let Some(span) = spans.last_mut() {
                    span.length += gap as u32 + 1;
                }
                let mut last = previous.map_or(0, |(_, c)| c as i64);
                for _ in 0..gap {
                    deltas.push(-last);
                    last = 0;
                }
                deltas.push(count as i64 - last);
            }
            _ => {
                spans.push(BucketSpan {
                    offset: end.map_or(index, |end| index - end),
                    length: 1,
                });
                deltas.push(count as i64 - previous.map_or(0, |(_, c)| c as i64));
            }
        }
        previous = Some((index, count));
        end = Some(index + 1);
    }
}

impl<'a> NativeBuckets<'a> {
    /// The populated positive buckets as `(index, count)`, ascending.
    pub fn positive(&self) -> impl Iterator<Item = (i32, u64)> + 'a {
        decode(self.positive_spans, self.positive_deltas)
    }

    /// The populated negative buckets as `(index, count)` (the index of
    /// the absolute value), ascending.
    pub fn negative(&self) -> impl Iterator<Item = (i32, u64)> + 'a {
        decode(self.negative_spans, self.negative_deltas)
    }

    /// The observations in the zero bucket and every other bucket: the
    /// histogram's count, less its NaN observations.
    pub fn bucketed(&self) -> u64 {
        let buckets = self.positive().chain(self.negative());
        buckets.fold(self.zero_count, |sum, (_, count)| sum.wrapping_add(count))
    }

    /// The upper bound of bucket `index` at this schema.
    pub fn upper_bound(&self, index: i32) -> f64 {
        upper_bound(index, self.schema as i8)
    }
}

/// Spans and deltas back to the populated buckets they describe.
fn decode<'a>(spans: &'a [BucketSpan], deltas: &'a [i64]) -> impl Iterator<Item = (i32, u64)> + 'a {
    let indices = spans.iter().scan(0i32, |next, span| {
        let start = *next + span.offset;
        *next = start + span.length as i32;
        Some(start..*next)
    });
    let counts = deltas.iter().scan(0i64, |count, delta| {
        *count += delta;
        Some(*count as u64)
    });
    indices
        .flatten()
        .zip(counts)
        .filter(|&(_, count)| count > 0)
}

/// The upper bound of bucket `index` at `schema`.
pub fn upper_bound(index: i32, schema: i8) -> f64 {
    if schema > 0 {
        let per_octave = 1i32 << schema;
        let (octave, within) = (index.div_euclid(per_octave), index.rem_euclid(per_octave));
        // The table holds 2^(j/n - 1); one octave more makes it 2^(j/n).
        bounds(schema)[within as usize] * 2f64.powi(octave + 1)
    } else {
        2f64.powi(index << -schema)
    }
}

/// What finding a bucket needs, per schema `s > 0` (`n = 2^s` buckets per
/// octave), computed once.
struct Tables {
    /// `2^(j/n - 1)` for `j` in `0..n`: the fractions (in `[0.5, 1)`)
    /// where a bucket ends within an octave, schema `s` at `n - 2`. Each
    /// value comes from the same exact exponent at every schema, so a
    /// schema's bounds are every other bound of the next one's: halving
    /// the resolution merges buckets exactly where the lower schema would
    /// have put the observations.
    bounds: Box<[f64]>,
    /// For each of `2n` equal slices of the mantissa (its top `s + 1`
    /// bits), the first bucket reaching into it, schema `s` at `2n - 4`. A
    /// slice is narrower than any bucket, so the bucket of a value is that
    /// one or the next: one comparison instead of a binary search.
    first: Box<[u16]>,
}

#[inline]
fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let schemas = 1..=*SCHEMAS.end();
        let bounds: Box<[f64]> = schemas
            .clone()
            .flat_map(|s| {
                let n = 1u32 << s;
                (0..n).map(move |j| (f64::from(j) / f64::from(n) - 1.0).exp2())
            })
            .collect();
        let first = schemas
            .flat_map(|s| {
                let n = 1usize << s;
                let bounds = &bounds[n - 2..2 * n - 2];
                (0..2 * n as u64).map(move |slice| {
                    // The smallest fraction of the slice.
                    let low = f64::from_bits((1022 << 52) | (slice << (51 - s)));
                    bounds.partition_point(|&b| b < low) as u16
                })
            })
            .collect();
        Tables { bounds, first }
    })
}

/// The bounds of schema `s > 0` (see [`Tables::bounds`]).
#[inline]
fn bounds(schema: i8) -> &'static [f64] {
    let n = 1usize << schema;
    &tables().bounds[n - 2..2 * n - 2]
}

/// `(frac, exp)` with `x = frac · 2^exp` and `frac` in `[0.5, 1)`, for a
/// finite `x > 0` (Go's `math.Frexp`, which client_golang indexes with).
#[inline]
fn frexp(x: f64) -> (f64, i32) {
    const EXPONENT: u64 = 0x7ff << 52;
    let bits = x.to_bits();
    let biased = ((bits & EXPONENT) >> 52) as i32;
    if biased == 0 {
        // Subnormal: scale into the normal range first.
        let (frac, exp) = frexp(x * 2f64.powi(54));
        return (frac, exp - 54);
    }
    (
        f64::from_bits((bits & !EXPONENT) | (1022 << 52)),
        biased - 1022,
    )
}

/// The index of the bucket of `abs` (`> 0`, possibly `+Inf`) at `schema`:
/// client_golang's (the first bound at or above the fraction, plus whole
/// octaves), found through [`Tables::first`].
#[inline]
fn index(abs: f64, schema: i8) -> i32 {
    const MANTISSA: u64 = (1 << 52) - 1;
    let bits = abs.to_bits();
    let biased = (bits >> 52) as i32;
    if biased == 0 || biased == 0x7ff {
        return unusual_index(abs, schema);
    }
    // abs = frac · 2^exp, frac in [0.5, 1) with abs's mantissa bits.
    let (exp, mantissa) = (biased - 1022, bits & MANTISSA);
    if schema > 0 {
        let tables = tables();
        let n = 1usize << schema;
        let bounds = &tables.bounds[n - 2..2 * n - 2];
        let slice = mantissa >> (51 - schema);
        let mut j = usize::from(tables.first[2 * n - 4 + slice as usize]);
        if j < n && bounds[j] < f64::from_bits((1022 << 52) | mantissa) {
            j += 1;
        }
        j as i32 + (exp - 1) * n as i32
    } else {
        // A power of two (frac 0.5) is the upper bound of its bucket.
        let key = if mantissa == 0 { exp - 1 } else { exp };
        let shift = -i32::from(schema);
        (key + (1 << shift) - 1) >> shift
    }
}

/// [`index`] of a subnormal (scaled into the normal range) or of `+Inf`
/// (one bucket past the largest finite value's, as client_golang does).
#[cold]
fn unusual_index(abs: f64, schema: i8) -> i32 {
    if abs.is_infinite() {
        return index(f64::MAX, schema) + 1;
    }
    // 2^54 · abs is normal; 54 octaves are 54 · 2^schema buckets.
    let scaled = index(abs * 2f64.powi(54), schema);
    if schema >= 0 {
        scaled - (54 << schema)
    } else {
        // Octaves group by 2^-schema: recompute from the exponent instead.
        let (frac, exp) = frexp(abs);
        let key = if frac == 0.5 { exp - 1 } else { exp };
        let shift = -i32::from(schema);
        (key + (1 << shift) - 1) >> shift
    }
}

/// The native part of a histogram: its configuration and locked state.
#[derive(Debug)]
pub(crate) struct Native {
    config: NativeConfig,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    schema: i8,
    zero_count: u64,
    sum: f64,
    /// `(index, count)`, ascending by index.
    positive: Vec<(i32, u64)>,
    negative: Vec<(i32, u64)>,
}

impl Native {
    pub(crate) fn new(config: NativeConfig) -> Self {
        Native {
            config,
            state: Mutex::new(State {
                schema: config.schema.clamp(*SCHEMAS.start(), *SCHEMAS.end()),
                zero_count: 0,
                sum: 0.0,
                positive: Vec::new(),
                negative: Vec::new(),
            }),
        }
    }

    #[inline]
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // Nothing under the lock panics; a poisoned lock still holds whole data.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records `v`, and one in the classic bucket `classic` under the same
    /// lock (every writer of it holds the lock: no read-modify-write needed).
    #[inline]
    pub(crate) fn observe(&self, v: f64, classic: &AtomicU64) {
        let mut state = self.lock();
        classic.store(classic.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
        state.sum += v;
        let threshold = self.config.zero_threshold;
        let schema = state.schema;
        let created = if v > threshold {
            add(&mut state.positive, index(v, schema))
        } else if v < -threshold {
            add(&mut state.negative, index(-v, schema))
        } else {
            // NaN compares false both ways: it enters no bucket.
            if !v.is_nan() {
                state.zero_count += 1;
            }
            false
        };
        if created {
            state.limit(self.config.max_buckets as usize);
        }
    }

    /// The sum, and the classic buckets' per-bucket counts and the native
    /// spans and deltas appended to `buffer`, all read under the lock.
    pub(crate) fn read(&self, classic: &[AtomicU64], buffer: &mut SampleBuffer) -> (f64, Reading) {
        let state = self.lock();
        let SampleBuffer {
            counts,
            spans,
            deltas,
        } = buffer;
        counts.extend(classic.iter().map(|b| b.load(Ordering::Relaxed)));
        let (span, delta) = (spans.len(), deltas.len());
        push_spans(&state.negative, spans, deltas);
        let (middle_span, middle_delta) = (spans.len(), deltas.len());
        push_spans(&state.positive, spans, deltas);
        let reading = Reading {
            schema: state.schema,
            zero_threshold: self.config.zero_threshold,
            zero_count: state.zero_count,
            negative: (span..middle_span, delta..middle_delta),
            positive: (middle_span..spans.len(), middle_delta..deltas.len()),
        };
        (state.sum, reading)
    }
}

/// Where [`Native::read`] put the native buckets, to build the
/// [`NativeBuckets`] once the buffer is borrowed for good.
#[derive(Debug)]
pub(crate) struct Reading {
    schema: i8,
    zero_threshold: f64,
    zero_count: u64,
    /// Ranges of spans and of deltas in the buffer.
    negative: (Range<usize>, Range<usize>),
    positive: (Range<usize>, Range<usize>),
}

impl Reading {
    pub(crate) fn buckets(self, buffer: &SampleBuffer) -> NativeBuckets<'_> {
        NativeBuckets {
            schema: i32::from(self.schema),
            zero_threshold: self.zero_threshold,
            zero_count: self.zero_count,
            negative_spans: &buffer.spans[self.negative.0],
            negative_deltas: &buffer.deltas[self.negative.1],
            positive_spans: &buffer.spans[self.positive.0],
            positive_deltas: &buffer.deltas[self.positive.1],
        }
    }
}

/// Adds one to bucket `index`; `true` if the bucket is new.
#[inline]
fn add(buckets: &mut Vec<(i32, u64)>, index: i32) -> bool {
    match buckets.binary_search_by_key(&index, |&(i, _)| i) {
        Ok(at) => {
            buckets[at].1 += 1;
            false
        }
        Err(at) => {
            buckets.insert(at, (index, 1));
            true
        }
    }
}

impl State {
    /// Halves the resolution until at most `max` buckets are populated or
    /// the schema is the lowest.
    fn limit(&mut self, max: usize) {
        while self.positive.len() + self.negative.len() > max && self.schema > *SCHEMAS.start() {
            self.schema -= 1;
            merge(&mut self.positive);
            merge(&mut self.negative);
        }
    }
}

/// Merges each pair of buckets into the bucket of the schema one lower
/// (index `i` → `ceil(i / 2)`), in place; the order is kept.
fn merge(buckets: &mut Vec<(i32, u64)>) {
    let mut merged: Vec<(i32, u64)> = Vec::with_capacity(buckets.len());
    for &(index, count) in buckets.iter() {
        let index = (index + 1) >> 1;
        match merged.last_mut() {
            Some(last) if last.0 == index => last.1 += count,
            _ => merged.push((index, count)),
        }
    }
    *buckets = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_matches_the_definition() {
        for x in [1.0, 0.75, 3.0, 1e-310, 5e-324, f64::MAX, 0.1] {
            let (frac, exp) = frexp(x);
            assert!((0.5..1.0).contains(&frac), "{x}: {frac}");
            // In two steps: 2^exp alone underflows for subnormals.
            let half = exp / 2;
            assert_eq!(frac * 2f64.powi(half) * 2f64.powi(exp - half), x, "{x}");
        }
    }

    /// Bucket `i` holds `(base^(i-1), base^i]`, at every schema; a power of
    /// two is the upper bound of its bucket.
    #[test]
    fn indices_follow_prometheus_boundaries() {
        for schema in SCHEMAS {
            for i in [-1100, -40, -3, -1, 0, 1, 2, 7, 33, 500] {
                let upper = upper_bound(i, schema);
                let lower = upper_bound(i - 1, schema);
                if upper == 0.0 || !upper.is_finite() || lower == 0.0 {
                    continue;
                }
                assert_eq!(index(upper, schema), i, "upper of {i} at {schema}");
                let inside =
                    (lower + (upper - lower) / 2.0).max(f64::from_bits(lower.to_bits() + 1));
                assert_eq!(index(inside, schema), i, "inside {i} at {schema}");
                assert_eq!(
                    index(f64::from_bits(upper.to_bits() + 1), schema),
                    i + 1,
                    "just above {i} at {schema}"
                );
            }
        }
        assert_eq!(index(1.0, 0), 0);
        assert_eq!(index(1.5, 0), 1);
        assert_eq!(index(4.0, -1), 1);
        assert_eq!(index(4.5, -1), 2);
        assert_eq!(index(1.1, 3), 2);
        // +Inf is one past the largest finite value.
        assert_eq!(index(f64::INFINITY, 3), index(f64::MAX, 3) + 1);
    }

    /// client_golang's way, kept as the reference: `frexp`, then a binary
    /// search of the fraction among the bounds (schema > 0) or the
    /// exponent grouped by `2^-schema`; `+Inf` one past `f64::MAX`.
    fn reference_index(abs: f64, schema: i8) -> i32 {
        if abs.is_infinite() {
            return reference_index(f64::MAX, schema) + 1;
        }
        let (frac, exp) = frexp(abs);
        if schema > 0 {
            let bounds = bounds(schema);
            bounds.partition_point(|&b| b < frac) as i32 + (exp - 1) * bounds.len() as i32
        } else {
            let key = if frac == 0.5 { exp - 1 } else { exp };
            let shift = -i32::from(schema);
            (key + (1 << shift) - 1) >> shift
        }
    }

    #[test]
    fn indices_agree_with_client_golangs_way_over_the_whole_range() {
        let mut values = vec![
            f64::MIN_POSITIVE,
            5e-324,
            1e-310,
            3e-320,
            f64::MAX,
            f64::INFINITY,
        ];
        // Every power of two, and a neighbour either side of it.
        for e in -1074i64..=1023 {
            let p = if e >= -1022 {
                f64::from_bits(((e + 1023) as u64) << 52)
            } else {
                f64::from_bits(1 << (e + 1074))
            };
            values.extend([
                p,
                f64::from_bits(p.to_bits() + 1),
                f64::from_bits(p.to_bits() - 1),
            ]);
        }
        values.extend((1..2000).map(|i| f64::from(i) * 0.0137));
        for schema in SCHEMAS {
            for &v in values.iter().filter(|v| **v > 0.0) {
                assert_eq!(
                    index(v, schema),
                    reference_index(v, schema),
                    "{v:e} at {schema}"
                );
            }
        }
    }

    /// The slice table finds the same bucket as a binary search (what
    /// client_golang does), at every schema, for values all over an octave.
    #[test]
    fn the_slice_table_agrees_with_a_binary_search() {
        for schema in 1..=*SCHEMAS.end() {
            let bounds = bounds(schema);
            for step in 0..20_000u64 {
                // Spread over [0.5, 1), bounds and their neighbours included.
                let frac = f64::from_bits((1022 << 52) | (step * 225_179_981_368 % (1 << 52)));
                let expected = bounds.partition_point(|&b| b < frac) as i32;
                assert_eq!(index(frac * 2.0, schema), expected, "{frac} at {schema}");
            }
            for &b in bounds.iter().skip(1) {
                for frac in [
                    b,
                    f64::from_bits(b.to_bits() - 1),
                    f64::from_bits(b.to_bits() + 1),
                ] {
                    let expected = bounds.partition_point(|&x| x < frac) as i32;
                    assert_eq!(index(frac * 2.0, schema), expected, "{frac} at {schema}");
                }
            }
        }
    }

    /// `(index, count)` pairs.
    type Pairs = Vec<(i32, u64)>;

    /// Reads `native` as a scrape does: sum, schema, zero bucket, buckets.
    fn read(native: &Native) -> (f64, i8, u64, Pairs, Pairs) {
        let mut buffer = SampleBuffer::default();
        let (sum, reading) = native.read(&[], &mut buffer);
        let b = reading.buckets(&buffer);
        let (positive, negative) = (b.positive().collect(), b.negative().collect());
        (sum, b.schema as i8, b.zero_count, positive, negative)
    }

    fn config(schema: i8, max_buckets: u32) -> NativeConfig {
        NativeConfig {
            schema,
            max_buckets,
            zero_threshold: 1e-3,
        }
    }

    #[test]
    fn observations_land_in_their_buckets() {
        let native = Native::new(config(0, 100));
        let classic = AtomicU64::new(0);
        for v in [
            1.0,
            1.5,
            2.0,
            3.0,
            -0.75,
            0.0005,
            -0.0005,
            0.0,
            f64::NAN,
            f64::INFINITY,
        ] {
            native.observe(v, &classic);
        }
        assert_eq!(classic.load(Ordering::Relaxed), 10);
        let (sum, _, zero_count, positive, negative) = read(&native);
        assert!(sum.is_nan());
        assert_eq!(zero_count, 3);
        let inf = index(f64::INFINITY, 0);
        assert_eq!(positive, [(0, 1), (1, 2), (2, 1), (inf, 1)]);
        assert_eq!(negative, [(0, 1)]);
        // Ten observations: NaN is in the count only.
        let total: u64 = positive.iter().chain(&negative).map(|b| b.1).sum();
        assert_eq!(zero_count + total, 9);
    }

    #[test]
    fn over_max_buckets_the_resolution_halves() {
        let native = Native::new(config(3, 4));
        let classic = AtomicU64::new(0);
        // At schema 3: buckets 1, 2, 3, 4, 5 (five, one too many).
        let values: Vec<f64> = (1..=5).map(|i| upper_bound(i, 3)).collect();
        for &v in &values {
            native.observe(v, &classic);
        }
        let (_, schema, _, positive, _) = read(&native);
        assert_eq!(schema, 2);
        // ceil(i / 2): 1 → 1, 2 → 1, 3 → 2, 4 → 2, 5 → 3.
        assert_eq!(positive, [(1, 2), (2, 2), (3, 1)]);
        // Where schema 2 itself would have put them.
        for &v in &values {
            let i = index(v, 2);
            assert!(positive.iter().any(|&(j, _)| j == i), "{v} in {i}");
        }
        // Never below -4, whatever the spread.
        let native = Native::new(config(-3, 1));
        for v in [1e-300, 1.0, 1e300, -1e300] {
            native.observe(v, &classic);
        }
        assert_eq!(read(&native).1, -4);
    }

    fn spans_of(pairs: &[(i32, u64)]) -> (Vec<BucketSpan>, Vec<i64>) {
        let (mut spans, mut deltas) = (Vec::new(), Vec::new());
        push_spans(pairs, &mut spans, &mut deltas);
        (spans, deltas)
    }

    fn span(offset: i32, length: u32) -> BucketSpan {
        BucketSpan { offset, length }
    }

    #[test]
    fn spans_and_deltas_are_as_metrics_proto_defines_them() {
        let (spans, deltas) = spans_of(&[(-2, 3), (-1, 5), (1, 1), (10, 4), (11, 4), (20, 1)]);
        // -2..=1 with index 0 filled (a gap of one); 10..=11; 20.
        assert_eq!(spans, [span(-2, 4), span(8, 2), span(8, 1)]);
        // Counts 3, 5, 0, 1, 4, 4, 1 as deltas.
        assert_eq!(deltas, [3, 2, -5, 1, 3, 0, -3]);
        assert_eq!(spans_of(&[]), (vec![], vec![]));
        // A gap of two is filled, of three is a new span.
        assert_eq!(spans_of(&[(0, 1), (3, 1)]).0, [span(0, 4)]);
        assert_eq!(spans_of(&[(0, 1), (4, 1)]).0, [span(0, 1), span(3, 1)]);
    }

    /// Decoding spans and deltas gives back every populated bucket.
    #[test]
    fn spans_and_deltas_round_trip() {
        let pairs = [(-7, 1), (-6, 2), (-3, 9), (0, 1), (4, 2), (5, 7), (100, 1)];
        let (spans, deltas) = spans_of(&pairs);
        assert_eq!(decode(&spans, &deltas).collect::<Vec<_>>(), pairs);
    }
}
