//! A family exported a second time under its old name, for the migration
//! window of a rename (`renamed_from` with `dual_emit: true`).
//!
//! One path for every consumer: the generated `encode` (every format) and
//! this collector (`Registry::gather()`) both walk the one family the
//! accessors update through its `encode_as`, so both names always carry
//! the same values and the hot path does no extra work.

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;
use prometheus::Error;

use crate::bounded::BoundedFamily;
use crate::exposition::collect::Collect;
use crate::exposition::Encoder;
use crate::storage::{Cell, Family};

/// A family that can be walked under another name and help.
pub trait EncodeAs {
    /// Walks the family's own series into `encoder` as family `name` with `help`.
    fn encode_as(&self, encoder: &mut dyn Encoder, name: &str, help: &str);
}

impl<C: Cell> EncodeAs for Family<C> {
    fn encode_as(&self, encoder: &mut dyn Encoder, name: &str, help: &str) {
        Family::encode_as(self, encoder, name, help);
    }
}

impl<C: Cell> EncodeAs for BoundedFamily<C> {
    fn encode_as(&self, encoder: &mut dyn Encoder, name: &str, help: &str) {
        (**self).encode_as(encoder, name, help);
    }
}

/// Collects `inner` under `name`.
#[derive(Clone)]
pub struct Renamed<C> {
    inner: C,
    name: String,
    help: String,
    desc: Desc,
}

impl<C: Collector + EncodeAs> Renamed<C> {
    /// Exports `inner`'s own family again as `name` with `help` (a bounded
    /// family's overflow series stay under their one name).
    pub fn new(inner: C, name: &str, help: &str) -> Result<Self, Error> {
        let own = inner
            .desc()
            .first()
            .map(|d| (d.variable_labels.clone(), d.const_label_pairs.clone()))
            .unwrap_or_default();
        let consts = own
            .1
            .iter()
            .map(|p| (p.name().to_string(), p.value().to_string()))
            .collect();
        let desc = Desc::new(name.to_string(), help.to_string(), own.0, consts)?;
        Ok(Renamed {
            inner,
            name: name.to_string(),
            help: help.to_string(),
            desc,
        })
    }
}

impl<C: Collector + EncodeAs> Collector for Renamed<C> {
    fn desc(&self) -> Vec<&Desc> {
        vec![&self.desc]
    }

    /// The same walk as the formats' copy under the old name.
    fn collect(&self) -> Vec<MetricFamily> {
        let mut collect = Collect::default();
        self.inner.encode_as(&mut collect, &self.name, &self.help);
        collect.into_families()
    }
}
