//! A family exported a second time under its old name, for the migration
//! window of a rename (`renamed_from` with `dual_emit: true`).
//!
//! The copy is made at scrape time from the one family the accessors update,
//! so both names always carry the same values and the hot path does no extra work.

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;
use prometheus::Error;

/// Collects `inner` under `name`.
#[derive(Clone)]
pub struct Renamed<C> {
    inner: C,
    name: String,
    descs: Vec<Desc>,
}

impl<C: Collector> Renamed<C> {
    /// Exports `inner`'s families again as `name` with `help` (one family
    /// per collector, which is what every generated family is).
    pub fn new(inner: C, name: &str, help: &str) -> Result<Self, Error> {
        // A bounded family also reports its overflow series: only its own
        // family (the first description) is renamed.
        let descs = inner
            .desc()
            .into_iter()
            .take(1)
            .map(|d| {
                let consts = d
                    .const_label_pairs
                    .iter()
                    .map(|p| (p.name().to_string(), p.value().to_string()));
                Desc::new(
                    name.to_string(),
                    help.to_string(),
                    d.variable_labels.clone(),
                    consts.collect(),
                )
            })
            .collect::<Result<_, _>>()?;
        Ok(Renamed {
            inner,
            name: name.to_string(),
            descs,
        })
    }
}

impl<C: Collector> Collector for Renamed<C> {
    fn desc(&self) -> Vec<&Desc> {
        self.descs.iter().collect()
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let Some(own) = self.inner.desc().first().map(|d| d.fq_name.clone()) else {
            return Vec::new();
        };
        let mut families = self.inner.collect();
        families.retain(|family| family.name() == own);
        for (family, desc) in families.iter_mut().zip(&self.descs) {
            family.set_name(self.name.clone());
            family.set_help(desc.help.clone());
        }
        families
    }
}
