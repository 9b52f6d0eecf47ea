//! A family of series known at compile time (scalar, dense or sharded): a
//! dense array of cells indexed by the label code, walked once per scrape
//! by whatever format encodes it.

use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;
use prometheus::Error;

use super::{Cell, Create, LabelSpace, SampleBuffer, SeriesWriter};
use crate::exposition::order::{with_scratch, DenseOrder};
use crate::exposition::{
    collect::Collect, needs_escaping, push_escaped, EachLine, Encoder, Header, MetricKind,
    WriteLine,
};

/// What the generated code knows about a family, as constants.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    /// The exported name (namespace included, registry prefix not).
    pub name: &'static str,
    /// The help text.
    pub help: &'static str,
    /// Counter, gauge or histogram.
    pub kind: MetricKind,
    /// The labels and their closed sets.
    pub labels: LabelSpace,
    /// A histogram's finite bucket bounds; empty otherwise.
    pub buckets: &'static [f64],
    /// The OpenMetrics unit, or empty.
    pub unit: &'static str,
    /// A histogram's native (sparse) buckets, if the spec asks for them.
    pub native: Option<super::NativeConfig>,
    /// The spec's `const_labels`, sorted by name: on every series.
    pub const_labels: &'static [(&'static str, &'static str)],
    /// The family's metadata lines pre-rendered by the macro, copied whole
    /// by a scrape of a registry without prefix: the text format's
    /// (`# HELP`, `# TYPE`) then OpenMetrics' (`# TYPE`, `# HELP`,
    /// `# UNIT`), the help needing no escaping; for a counter or gauge of
    /// one label, then the start of its series lines, `name{label="`
    /// (see [`Encoder::lines_rendered`]); or empty, and the encoders
    /// render them (see [`Encoder::family_rendered`]).
    pub headers: &'static str,
}

impl Meta {
    /// [`headers`](Self::headers) in its parts: the metadata lines, and
    /// the line start of the family's series when they can take it (one
    /// label and no constant labels), else empty. The start's length
    /// follows from the name and the label's: `name{label="`.
    pub(crate) fn rendered(&self) -> (&'static str, &'static str) {
        let headers = self.headers;
        let [label] = self.labels.names else {
            return (headers, "");
        };
        if headers.is_empty() || self.kind == MetricKind::Histogram {
            return (headers, "");
        }
        let len = self.name.len() + label.len() + "{=\"".len();
        let at = headers.len().checked_sub(len);
        let Some(at) = at.filter(|&at| headers.is_char_boundary(at)) else {
            return (headers, "");
        };
        let (lines, start) = headers.split_at(at);
        debug_assert_eq!(start, format!("{}{{{label}=\"", self.name));
        match self.const_labels {
            [] => (lines, start),
            // The first label in name order may be a constant one.
            _ => (lines, ""),
        }
    }

    /// What the registry checks the family's names and label names against:
    /// the labels as variable ones, the constant labels as constant ones.
    pub(crate) fn desc(&self) -> Result<Desc, Error> {
        let names = self.labels.names.iter().map(|n| n.to_string()).collect();
        let consts = self.const_labels.iter();
        Desc::new(
            self.name.to_string(),
            self.help.to_string(),
            names,
            consts
                .map(|&(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }
}

/// Inserts the constant labels `consts` (sorted by name) into a series'
/// `labels` (sorted by name), where name order puts them: the order
/// `gather()` keeps and every format writes.
pub(crate) fn insert_const_labels<'a>(
    labels: &mut Vec<(&'a str, &'a str)>,
    consts: &[(&'a str, &'a str)],
) {
    for &pair in consts {
        let at = labels.partition_point(|&(name, _)| name < pair.0);
        labels.insert(at, pair);
    }
}

/// One label's values, escaped, in spec order.
type EscapedSet = Box<[Box<str>]>;

/// The series of one family. Cloning shares them (the registry holds a clone).
pub struct Family<C>(Arc<Inner<C>>);

struct Inner<C> {
    layout: Layout,
    cells: Box<[C]>,
}

/// What a walk needs besides the cells, built once from the family's
/// constants: shared by [`Family`] and by `StaticFamily`, whose cells live
/// in a `static`, so both write every format through the one walk.
pub(crate) struct Layout {
    meta: &'static Meta,
    /// What the registry checks names and label names against; none for a
    /// stand-in that is never registered (see [`Family::undescribed`]).
    desc: Option<Desc>,
    /// How to walk the series in `gather()` order.
    order: DenseOrder,
    /// The label values escaped for the text formats, per label and value,
    /// when any needs it (`None`: every value is its own escaped form).
    escaped: Option<Box<[EscapedSet]>>,
    /// The spec's constant label values escaped the same way, when any
    /// needs it (`None`: each is its own escaped form).
    const_escaped: Option<EscapedSet>,
}

impl<C> Clone for Family<C> {
    fn clone(&self) -> Self {
        Family(Arc::clone(&self.0))
    }
}

impl<C: Cell> Family<C> {
    /// Every series of `meta`'s label space, each cell at zero.
    pub fn new(meta: &'static Meta) -> Result<Self, Error>
    where
        C: Create,
    {
        let desc = meta.desc()?;
        Ok(Self::with(meta, Some(desc)))
    }

    /// The cells of a family whose description or registration failed: a
    /// stand-in so that a group is built whole (its registration then
    /// reports the failure and the group is dropped); never registered.
    pub(crate) fn undescribed(meta: &'static Meta) -> Self
    where
        C: Create,
    {
        Self::with(meta, None)
    }

    fn with(meta: &'static Meta, desc: Option<Desc>) -> Self
    where
        C: Create,
    {
        let cells = (0..meta.labels.series()).map(|_| C::create(meta)).collect();
        Family(Arc::new(Inner {
            layout: Layout::new(meta, desc),
            cells,
        }))
    }

    /// The series with code `code` (see [`LabelSpace::encode`]).
    #[inline(always)]
    pub fn get(&self, code: usize) -> &C {
        &self.0.cells[code]
    }

    /// Walks every series once, in `gather()` order, into `encoder`.
    pub fn encode(&self, encoder: &mut dyn Encoder) {
        self.0.layout.encode(&self.0.cells, encoder);
    }

    /// [`encode`](Self::encode) under another name and help: the old name
    /// of a family during a rename with dual emission.
    pub fn encode_as(&self, encoder: &mut dyn Encoder, name: &str, help: &str) {
        self.0.layout.encode_as(&self.0.cells, encoder, name, help);
    }
}

impl Layout {
    /// The layout of the family `meta` describes, registered as `desc`.
    pub(crate) fn new(meta: &'static Meta, desc: Option<Desc>) -> Self {
        let order = DenseOrder::new(&meta.labels);
        let values = meta.labels.values;
        let escaped = values
            .iter()
            .flat_map(|set| set.iter())
            .any(|value| needs_escaping(value, true))
            .then(|| {
                values
                    .iter()
                    .map(|set| set.iter().map(|v| escape_value(v)).collect())
                    .collect()
            });
        let consts = meta.const_labels;
        let const_escaped = consts
            .iter()
            .any(|&(_, value)| needs_escaping(value, true))
            .then(|| {
                consts
                    .iter()
                    .map(|&(_, value)| escape_value(value))
                    .collect()
            });
        Layout {
            meta,
            desc,
            order,
            escaped,
            const_escaped,
        }
    }

    /// The family's description, if it has one (see [`Family::undescribed`]).
    pub(crate) fn desc(&self) -> Option<&Desc> {
        self.desc.as_ref()
    }

    /// Walks `cells`, the family's series by code, into `encoder`.
    pub(crate) fn encode<C: Cell>(&self, cells: &[C], encoder: &mut dyn Encoder) {
        let meta = self.meta;
        let header = Header {
            name: meta.name,
            help: meta.help,
            kind: meta.kind,
            unit: meta.unit,
        };
        self.walk(cells, encoder, &header, meta.rendered());
    }

    /// [`encode`](Self::encode) under an old name and help.
    pub(crate) fn encode_as<C: Cell>(
        &self,
        cells: &[C],
        encoder: &mut dyn Encoder,
        name: &str,
        help: &str,
    ) {
        let header = Header {
            name,
            help,
            kind: self.meta.kind,
            // An old name need not end with the unit.
            unit: "",
        };
        // The pre-rendered lines carry the current name, not this one.
        self.walk(cells, encoder, &header, ("", ""));
    }

    /// The same walk into prometheus' model: what `collect()` returns.
    pub(crate) fn collect<C: Cell>(&self, cells: &[C]) -> Vec<MetricFamily> {
        let mut collect = Collect::default();
        self.encode(cells, &mut collect);
        collect.into_families()
    }

    /// Writes the family's `cells` under `header`, with the macro's
    /// `(metadata lines, line start)` (see [`Meta::rendered`]). (The header by
    /// reference: as six string words the arguments went on the stack, and
    /// reading them back stalled every family's walk in the scrape profile.)
    fn walk<C: Cell>(
        &self,
        cells: &[C],
        encoder: &mut dyn Encoder,
        header: &Header<'_>,
        (headers, start): (&'static str, &'static str),
    ) {
        encoder.family_rendered(header, headers);
        // One-line series go to the format's line writer when it has one: a
        // loop compiled for `C` and the format, with no call through
        // `dyn Encoder` per series.
        let written = self.meta.kind != MetricKind::Histogram
            && self.with_names(|names| {
                let Some(lines) = encoder.lines_rendered(names, start) else {
                    return false;
                };
                lines.each(OneLine {
                    layout: self,
                    cells,
                });
                true
            });
        if !written {
            let mut writer = SeriesWriter::default();
            self.each_series(cells, |labels, _, cell| writer.write(encoder, labels, cell));
        }
        encoder.end_family();
    }

    /// Calls `f` with the family's label names in name order, its constant
    /// labels among them: the names of every series' labels.
    fn with_names<R>(&self, f: impl FnOnce(&[&str]) -> R) -> R {
        let Layout { meta, order, .. } = self;
        let (space, consts) = (&meta.labels, meta.const_labels);
        if consts.is_empty() && space.names.len() <= 1 {
            return f(space.names);
        }
        with_scratch(space.names.len() + consts.len(), "", |names| {
            for (c, &(name, _)) in consts.iter().enumerate() {
                names[const_slot(space, c, name)] = name;
            }
            for j in 0..space.names.len() {
                let name = space.names[order.label(j)];
                names[own_slot(consts, j, name)] = name;
            }
            f(names)
        })
    }

    /// Calls `visit(labels, escaped, cell)` for every series of `cells`, in
    /// `gather()` order: its labels in name order (constant labels among
    /// them), their values escaped for the text formats, its cell.
    #[inline(always)]
    fn each_series<C>(&self, cells: &[C], mut visit: impl FnMut(&[(&str, &str)], &[&str], &C)) {
        let Layout {
            meta,
            order,
            escaped,
            const_escaped,
            ..
        } = self;
        let space = &meta.labels;
        let consts = meta.const_labels;
        if let (Some(sorted), true) = (order.single(space), consts.is_empty()) {
            // One label: its values in sorted order are the series' codes.
            // The common case, with everything it reads hoisted.
            let (label, values) = (space.names[0], space.values[0]);
            let escaped = escaped.as_ref().map(|e| &e[0]);
            for &code in sorted {
                let code = usize::from(code);
                let value = values[code];
                let escaped = escaped.map_or(value, |e| &e[code]);
                visit(&[(label, value)], &[escaped], &cells[code]);
            }
            return;
        }
        let escape = |k: usize, value: usize| match escaped {
            Some(escaped) => &*escaped[k][value],
            None => space.values[k][value],
        };
        let count = space.names.len() + consts.len();
        with_scratch(count, ("", ""), |labels| {
            with_scratch(count, "", |values| {
                with_scratch(space.names.len(), 0, |at| {
                    // Where each label goes in name order: the
                    // constant ones among the family's own.
                    for (c, &(name, value)) in consts.iter().enumerate() {
                        let slot = const_slot(space, c, name);
                        labels[slot] = (name, value);
                        values[slot] = const_escaped.as_ref().map_or(value, |e| &*e[c]);
                    }
                    for (j, at) in at.iter_mut().enumerate() {
                        *at = own_slot(consts, j, space.names[order.label(j)]);
                    }
                    order.walk(space, |code, digits| {
                        for (j, &value) in digits.iter().enumerate() {
                            let k = order.label(j);
                            labels[at[j]] = (space.names[k], space.values[k][value]);
                            values[at[j]] = escape(k, value);
                        }
                        visit(labels, values, &cells[code]);
                    });
                })
            })
        });
    }
}

/// A family's one-line series, handed to the format's line writer.
struct OneLine<'a, C> {
    layout: &'a Layout,
    cells: &'a [C],
}

impl<C: Cell> EachLine for OneLine<'_, C> {
    #[inline(always)]
    fn each<W: WriteLine>(self, lines: &mut W) {
        if !C::EXEMPLARS {
            // A counter's or gauge's value needs no buffer: nothing to set
            // up or drop per family (a writer kept across the loop cost its
            // construction and a call to its drop at every family).
            return self
                .layout
                .each_series(self.cells, |labels, escaped, cell| {
                    match cell.scalar() {
                        Some(sample) => lines.line(labels, escaped, sample, None),
                        // A histogram: the walk hands its series to
                        // `Encoder::sample` instead, and `line` skips it.
                        None => {
                            let mut buffer = SampleBuffer::default();
                            lines.line(labels, escaped, cell.sample(&mut buffer), None)
                        }
                    }
                });
        }
        let mut writer = SeriesWriter::default();
        self.layout
            .each_series(self.cells, |labels, escaped, cell| {
                writer.line(lines, labels, escaped, cell)
            });
    }
}

/// Where, among a series' labels in name order, the `c`-th constant label
/// (`name`) goes: after the family's own labels that sort before it.
fn const_slot(space: &LabelSpace, c: usize, name: &str) -> usize {
    c + space.names.iter().filter(|&&n| n < name).count()
}

/// Where the `j`-th of the family's own labels in name order (`name`) goes:
/// after the constant labels that sort before it.
fn own_slot(consts: &[(&str, &str)], j: usize, name: &str) -> usize {
    j + consts.partition_point(|&(c, _)| c < name)
}

/// `value` escaped as a label value of the text formats.
fn escape_value(value: &str) -> Box<str> {
    let mut out = String::new();
    push_escaped(&mut out, value, true);
    out.into()
}

impl<C: Cell> Collector for Family<C> {
    fn desc(&self) -> Vec<&Desc> {
        self.0.layout.desc().into_iter().collect()
    }

    /// The same walk as every format, into prometheus' model.
    fn collect(&self) -> Vec<MetricFamily> {
        self.0.layout.collect(&self.0.cells)
    }
}

impl<C> std::fmt::Debug for Family<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Family")
            .field("name", &self.0.layout.meta.name)
            .field("series", &self.0.cells.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::{insert_const_labels, Cell, Family, Meta};
    use crate::exposition::openmetrics::{self, OpenMetrics};
    use crate::exposition::protobuf::Protobuf;
    use crate::exposition::{text::Text, Encoder, Header, MetricKind, Sample, Scope};
    use crate::storage::{Exemplar, Exemplars, Gauge, IntCounter, IntGauge, LabelSpace};

    /// The text a family writes, and what `gather()` + `TextEncoder` print
    /// for it on a registry with common labels.
    fn both(meta: &'static Meta, touch: impl Fn(&Family<IntCounter>)) -> (String, String) {
        let labels = [("node".to_string(), "n\"1".to_string())].into();
        let registry = prometheus::Registry::new_custom(None, Some(labels)).unwrap();
        let family = Family::<IntCounter>::new(meta).unwrap();
        registry.register(Box::new(family.clone())).unwrap();
        touch(&family);
        let mut ours = String::new();
        family.encode(&mut Text::new(&mut ours, &Scope::of(&registry)));
        (ours, crate::encode_text(&registry).unwrap())
    }

    #[test]
    fn values_that_need_escaping_are_written_escaped_on_every_path() {
        const SET: &[&str] = &["plain", "quo\"te", "back\\slash", "new\nline"];
        const ONE: Meta = Meta {
            name: "one_total",
            help: "One label.",
            kind: MetricKind::Counter,
            labels: LabelSpace {
                names: &["path"],
                values: &[SET],
            },
            buckets: &[],
            unit: "",
            native: None,
            const_labels: &[],
            headers: "",
        };
        const TWO: Meta = Meta {
            name: "two_total",
            labels: LabelSpace {
                names: &["path", "kind"],
                values: &[SET, &["b\"", "a"]],
            },
            const_labels: &[("app", "x\\y"), ("zone", "z")],
            ..ONE
        };
        for meta in [&ONE, &TWO] {
            let (ours, gathered) = both(meta, |f| {
                for code in 0..meta.labels.series() {
                    f.get(code).inc_by(code as u64 + 1);
                }
            });
            assert_eq!(ours, gathered);
            assert!(ours.contains("quo\\\"te"), "{ours}");
        }
    }

    #[test]
    fn constant_labels_land_in_name_order_before_between_and_after() {
        let mut labels = vec![("kind", "read"), ("zone", "west")];
        insert_const_labels(&mut labels, &[("app", "a"), ("service", "s"), ("zz", "z")]);
        assert_eq!(
            labels,
            [
                ("app", "a"),
                ("kind", "read"),
                ("service", "s"),
                ("zone", "west"),
                ("zz", "z")
            ]
        );
        let mut none = vec![];
        insert_const_labels(&mut none, &[("app", "a")]);
        assert_eq!(none, [("app", "a")]);
    }

    /// Forwards everything but [`Encoder::lines`]: the encoder it wraps then
    /// gets one [`Encoder::sample`] per series, the path of other formats.
    struct PerSeries<E>(E);

    impl<E: Encoder> Encoder for PerSeries<E> {
        fn family(&mut self, header: &Header<'_>) {
            self.0.family(header);
        }
        fn sample(&mut self, labels: &[(&str, &str)], sample: Sample<'_>) {
            self.0.sample(labels, sample);
        }
        fn exemplars(&mut self, exemplars: &[Option<Exemplar>]) {
            self.0.exemplars(exemplars);
        }
        fn end_family(&mut self) {
            self.0.end_family();
        }
    }

    /// `family` in both text formats, through the line writer and per series.
    fn through_both_paths<C: Cell>(family: &Family<C>, scope: &Scope) -> [(String, String); 2] {
        let (mut lines, mut per_series) = (String::new(), String::new());
        family.encode(&mut Text::new(&mut lines, scope));
        family.encode(&mut PerSeries(Text::new(&mut per_series, scope)));
        let text = (lines, per_series);
        let (mut lines, mut per_series) = (String::new(), String::new());
        family.encode(&mut OpenMetrics::new(&mut lines, scope));
        family.encode(&mut PerSeries(OpenMetrics::new(&mut per_series, scope)));
        openmetrics::finish(&mut lines);
        openmetrics::finish(&mut per_series);
        [text, (lines, per_series)]
    }

    /// `family` in the protobuf format, through the line writer and per series.
    fn protobuf_both_paths<C: Cell>(family: &Family<C>, scope: &Scope) -> (Vec<u8>, Vec<u8>) {
        let (mut lines, mut per_series) = (Vec::new(), Vec::new());
        family.encode(&mut Protobuf::new(&mut lines, scope));
        family.encode(&mut PerSeries(Protobuf::new(&mut per_series, scope)));
        (lines, per_series)
    }

    /// A one-label counter family whose values are `lengths` bytes long.
    fn one_label_of_lengths(lengths: &[usize]) -> &'static Meta {
        let values: Vec<&'static str> = lengths
            .iter()
            .map(|&n| &*String::leak((0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect()))
            .collect();
        Box::leak(Box::new(Meta {
            name: "long_total",
            help: "Long values.",
            kind: MetricKind::Counter,
            labels: LabelSpace {
                names: &["op"],
                values: Vec::leak(vec![&*Vec::leak(values)]),
            },
            buckets: &[],
            unit: "",
            native: None,
            const_labels: &[],
            headers: "",
        }))
    }

    #[test]
    fn the_line_writer_writes_what_one_sample_per_series_writes() {
        const GAUGES: Meta = Meta {
            name: "temperature_celsius",
            help: "Help with \\ and \"quotes\".",
            kind: MetricKind::Gauge,
            labels: LabelSpace {
                names: &["zone", "kind"],
                values: &[&["west", "e\"ast"], &["b", "a", "c"]],
            },
            buckets: &[],
            unit: "celsius",
            native: None,
            const_labels: &[("app", "x\\y"), ("site", "s")],
            headers: "",
        };
        const COUNTERS: Meta = Meta {
            name: "requests_total",
            help: "",
            kind: MetricKind::Counter,
            labels: LabelSpace {
                names: &["op"],
                values: &[&["read", "write"]],
            },
            const_labels: &[],
            unit: "",
            ..GAUGES
        };
        const UNLABELLED: Meta = Meta {
            name: "up",
            labels: LabelSpace::NONE,
            const_labels: &[],
            ..GAUGES
        };
        let labels = [("node".to_string(), "n\"1".to_string())].into();
        let registry = prometheus::Registry::new_custom(Some("edge".into()), Some(labels)).unwrap();
        let scopes = [Scope::none(), Scope::of(&registry)];
        let floats = [-0.0, f64::NAN, f64::INFINITY, 0.5, 1e300, 7.0];
        let gauges = Family::<Gauge>::new(&GAUGES).unwrap();
        let ints = Family::<IntGauge>::new(&GAUGES).unwrap();
        for code in 0..GAUGES.labels.series() {
            gauges.get(code).set(floats[code]);
            ints.get(code)
                .set([-5, 0, 99, 100, i64::MIN, 1 << 60][code]);
        }
        // No help: never registered (prometheus refuses it), still written.
        let counters = Family::<Exemplars<IntCounter>>::undescribed(&COUNTERS);
        counters
            .get(1)
            .inc_with_exemplar(&[("trace_id", "t\"1")])
            .unwrap();
        let up = Family::<IntGauge>::new(&UNLABELLED).unwrap();
        up.get(0).set(1);
        // "op" and a value of up to 108 bytes: every length of its `Metric`
        // one byte, the one-block path of the protobuf writer; from 109 on
        // the general one; 200 needs two-byte lengths.
        let long = Family::<Exemplars<IntCounter>>::new(one_label_of_lengths(&[
            0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 108, 109, 200,
        ]))
        .unwrap();
        long.get(1).inc_with_exemplar(&[("trace_id", "t")]).unwrap();
        long.get(12).inc_by(1 << 40);
        for scope in &scopes {
            let written = [
                through_both_paths(&gauges, scope),
                through_both_paths(&ints, scope),
                through_both_paths(&counters, scope),
                through_both_paths(&up, scope),
            ];
            for (lines, per_series) in written.iter().flatten() {
                assert_eq!(lines, per_series);
            }
            let protobuf = [
                protobuf_both_paths(&gauges, scope),
                protobuf_both_paths(&ints, scope),
                protobuf_both_paths(&counters, scope),
                protobuf_both_paths(&up, scope),
                protobuf_both_paths(&long, scope),
            ];
            for (lines, per_series) in &protobuf {
                assert!(!lines.is_empty());
                assert_eq!(lines, per_series);
            }
            let [gauges, ints, counters, up] = written.map(|[text, om]| [text.0, om.0]);
            assert!(gauges[0].contains("{app=\"x\\\\y\",kind=\"a\",site=\"s\",zone=\"e\\\"ast\""));
            assert!(gauges[0].contains("} -0\n") && gauges[1].contains("} -0.0\n"));
            assert!(gauges[1].contains("} +Inf\n") && gauges[1].contains("} NaN\n"));
            // Through f64, as `TextEncoder` prints every value.
            assert!(ints[0].contains("} -9223372036854776000\n") && ints[0].contains("} 99\n"));
            assert!(
                counters[1].contains("_total{op=\"write\"")
                    && counters[1].contains(" # {trace_id=\"t\\\"1\"} 1 ")
            );
            assert!(
                up[0].ends_with("up 1\n") || up[0].ends_with("up{node=\"n\\\"1\"} 1\n"),
                "{}",
                up[0]
            );
        }
    }

    #[test]
    fn pre_rendered_header_lines_are_what_the_encoders_render() {
        // As the macro renders them: the text format's lines, then
        // OpenMetrics', the protobuf fields, the one-label series' line start.
        const COUNTERS: Meta = Meta {
            name: "jobs_total",
            help: "Finished jobs.",
            kind: MetricKind::Counter,
            labels: LabelSpace {
                names: &["op"],
                values: &[&["read", "write"]],
            },
            buckets: &[],
            unit: "",
            native: None,
            const_labels: &[],
            headers: "# HELP jobs_total Finished jobs.\n# TYPE jobs_total counter\n\
                      # TYPE jobs counter\n# HELP jobs Finished jobs.\n\
                      \x0a\x0ajobs_total\x12\x0eFinished jobs.\x18\x00jobs_total{op=\"",
        };
        const GAUGES: Meta = Meta {
            name: "heat_celsius",
            help: "",
            kind: MetricKind::Gauge,
            unit: "celsius",
            headers: "# TYPE heat_celsius gauge\n\
                      # TYPE heat_celsius gauge\n# UNIT heat_celsius celsius\n\
                      \x0a\x0cheat_celsius\x12\x00\x18\x01heat_celsius{op=\"",
            ..COUNTERS
        };
        let counters = Family::<IntCounter>::new(&COUNTERS).unwrap();
        counters.get(1).inc_by(3);
        let gauges = Family::<IntGauge>::undescribed(&GAUGES);
        gauges.get(0).set(-2);
        let registry = prometheus::Registry::new_custom(Some("edge".into()), None).unwrap();
        for scope in [Scope::none(), Scope::of(&registry)] {
            // `PerSeries` renders the header lines; the encoders themselves copy them.
            let written = [
                through_both_paths(&counters, &scope),
                through_both_paths(&gauges, &scope),
            ];
            for (copied, rendered) in written.iter().flatten() {
                assert_eq!(copied, rendered);
            }
            let protobuf = [
                protobuf_both_paths(&counters, &scope),
                protobuf_both_paths(&gauges, &scope),
            ];
            for (copied, rendered) in &protobuf {
                assert_eq!(copied, rendered);
            }
            let [[text, om], _] = &written;
            let prefix = scope.prefix();
            assert!(text
                .0
                .starts_with(&format!("# HELP {prefix}jobs_total Finished jobs.\n")));
            assert!(om.0.starts_with(&format!("# TYPE {prefix}jobs counter\n")));
        }
    }
}
