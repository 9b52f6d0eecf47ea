//! A family of series known at compile time (scalar, dense or sharded): a
//! dense array of cells indexed by the label code, walked once per scrape
//! by whatever format encodes it.

use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;
use prometheus::Error;

use super::{Cell, LabelSpace, SeriesWriter};
use crate::exposition::{collect::Collect, Encoder, Header, MetricKind};

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
}

impl Meta {
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

/// The series of one family. Cloning shares them (the registry holds a clone).
pub struct Family<C>(Arc<Inner<C>>);

struct Inner<C> {
    meta: &'static Meta,
    /// What the registry checks names and label names against; none for a
    /// stand-in that is never registered (see [`Family::undescribed`]).
    desc: Option<Desc>,
    cells: Box<[C]>,
    /// Codes in the order `gather()` sorts series (at most 4,096).
    order: Box<[u16]>,
    /// Label indices by label name.
    by_name: Box<[u8]>,
}

impl<C> Clone for Family<C> {
    fn clone(&self) -> Self {
        Family(Arc::clone(&self.0))
    }
}

impl<C: Cell> Family<C> {
    /// Every series of `meta`'s label space, each cell at zero.
    pub fn new(meta: &'static Meta) -> Result<Self, Error> {
        let desc = meta.desc()?;
        Ok(Self::with(meta, Some(desc)))
    }

    /// The cells of a family whose description or registration failed: a
    /// stand-in so that a group is built whole (its registration then
    /// reports the failure and the group is dropped); never registered.
    pub(crate) fn undescribed(meta: &'static Meta) -> Self {
        Self::with(meta, None)
    }

    fn with(meta: &'static Meta, desc: Option<Desc>) -> Self {
        let by_name = meta.labels.by_name();
        let order = meta.labels.gather_order(&by_name);
        let cells = (0..meta.labels.series()).map(|_| C::create(meta)).collect();
        Family(Arc::new(Inner {
            meta,
            desc,
            cells,
            order,
            by_name,
        }))
    }

    /// The series with code `code` (see [`LabelSpace::encode`]).
    #[inline(always)]
    pub fn get(&self, code: usize) -> &C {
        &self.0.cells[code]
    }

    /// Walks every series once, in `gather()` order, into `encoder`.
    pub fn encode(&self, encoder: &mut dyn Encoder) {
        self.encode_as(encoder, self.0.meta.name, self.0.meta.help);
    }

    /// [`encode`](Self::encode) under another name and help: the old name
    /// of a family during a rename with dual emission.
    pub fn encode_as(&self, encoder: &mut dyn Encoder, name: &str, help: &str) {
        let Inner {
            meta,
            cells,
            order,
            by_name,
            ..
        } = &*self.0;
        encoder.family(&Header {
            name,
            help,
            kind: meta.kind,
            // An old name need not end with the unit.
            unit: if name == meta.name { meta.unit } else { "" },
        });
        let space = &meta.labels;
        let mut digits = vec![0; space.names.len()];
        let mut labels: Vec<(&str, &str)> =
            Vec::with_capacity(digits.len() + meta.const_labels.len());
        let mut writer = SeriesWriter::default();
        for &code in order.iter() {
            space.decode(usize::from(code), &mut digits);
            labels.clear();
            labels.extend(by_name.iter().map(|&k| {
                let k = usize::from(k);
                (space.names[k], space.values[k][digits[k]])
            }));
            insert_const_labels(&mut labels, meta.const_labels);
            writer.write(encoder, &labels, &cells[usize::from(code)]);
        }
        encoder.end_family();
    }
}

impl<C: Cell> Collector for Family<C> {
    fn desc(&self) -> Vec<&Desc> {
        self.0.desc.iter().collect()
    }

    /// The same walk as every format, into prometheus' model.
    fn collect(&self) -> Vec<MetricFamily> {
        let mut collect = Collect::default();
        self.encode(&mut collect);
        collect.into_families()
    }
}

impl<C> std::fmt::Debug for Family<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Family")
            .field("name", &self.0.meta.name)
            .field("series", &self.0.cells.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::insert_const_labels;

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
}
