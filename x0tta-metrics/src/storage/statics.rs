//! A family whose cells live inline in a `static` (a spec group with
//! `static: true`): built by a `const fn`, so the user's
//! `static JOBS: JobsMetrics = JobsMetrics::new();` needs no allocation,
//! no `Arc` and no lazy initialisation, and an increment is an index into
//! the static's own array.
//!
//! What a scrape needs besides the cells (the description, the walk order,
//! escaped values) is built once, at registration, into a [`Layout`]: the
//! same one a [`Family`](super::Family) holds, so every format and
//! `gather()` come from the one walk. Counters and gauges have a `const`
//! zero ([`StaticCell`]), so [`StaticFamily::new`] fills the array; a
//! classic histogram's cell is sized by its bounds
//! ([`StaticHistogram`](super::StaticHistogram)), so the generated code
//! hands [`StaticFamily::with_cells`] an array of them.

use std::sync::OnceLock;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;
use prometheus::Error;

use super::family::Layout;
use super::{Cell, Meta};
use crate::exposition::Encoder;
use crate::renamed::EncodeAs;

/// A cell that can be created in a constant expression.
pub trait StaticCell: Cell {
    /// A cell at zero. Each use of the constant is a new cell (the
    /// constant is only ever copied into a family's array).
    const ZERO: Self;
}

/// The `N` series of a family of closed labels, inline: `N` is the
/// product of its label sets, which the generated code knows.
pub struct StaticFamily<C, const N: usize> {
    meta: &'static Meta,
    cells: [C; N],
    /// Built at the first registration (or scrape); never read by an update.
    layout: OnceLock<Layout>,
}

impl<C: StaticCell, const N: usize> StaticFamily<C, N> {
    /// Every series of `meta`'s label space, each at zero. In a `static`
    /// initialiser a wrong `N` is a compile error.
    pub const fn new(meta: &'static Meta) -> Self {
        Self::with_cells(meta, [const { C::ZERO }; N])
    }
}

impl<C: Cell, const N: usize> StaticFamily<C, N> {
    /// The series of `meta`'s label space, `cells[code]` each (all at zero,
    /// built in a constant expression). In a `static` initialiser a wrong
    /// `N` is a compile error.
    pub const fn with_cells(meta: &'static Meta, cells: [C; N]) -> Self {
        assert!(
            N == meta.labels.series(),
            "N is the number of series of the label space"
        );
        StaticFamily {
            meta,
            cells,
            layout: OnceLock::new(),
        }
    }

    /// The series with code `code` (see [`LabelSpace::encode`](super::LabelSpace::encode)).
    #[inline(always)]
    pub fn get(&self, code: usize) -> &C {
        &self.cells[code]
    }

    /// Walks every series once, in `gather()` order, into `encoder`.
    pub fn encode(&self, encoder: &mut dyn Encoder) {
        self.layout().encode(&self.cells, encoder);
    }

    /// [`encode`](Self::encode) under another name and help (dual emission).
    pub fn encode_as(&self, encoder: &mut dyn Encoder, name: &str, help: &str) {
        self.layout().encode_as(&self.cells, encoder, name, help);
    }

    fn layout(&self) -> &Layout {
        // A description that fails is reported by `collector`, which runs
        // before any registry can scrape the family.
        self.layout
            .get_or_init(|| Layout::new(self.meta, self.meta.desc().ok()))
    }

    /// The collector registering this family on a registry: checks its
    /// description once and borrows the cells.
    pub(crate) fn collector(&'static self) -> Result<Registered<C, N>, Error> {
        if self.layout().desc().is_none() {
            self.meta.desc()?;
        }
        Ok(Registered(self))
    }
}

impl<C, const N: usize> std::fmt::Debug for StaticFamily<C, N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticFamily")
            .field("name", &self.meta.name)
            .field("series", &N)
            .finish()
    }
}

/// A static family as a `prometheus::core::Collector`: a registry holds
/// this borrow, never a copy of the cells.
pub struct Registered<C: 'static, const N: usize>(pub(crate) &'static StaticFamily<C, N>);

impl<C, const N: usize> Clone for Registered<C, N> {
    fn clone(&self) -> Self {
        Registered(self.0)
    }
}

impl<C: Cell, const N: usize> Collector for Registered<C, N> {
    fn desc(&self) -> Vec<&Desc> {
        self.0.layout().desc().into_iter().collect()
    }

    /// The same walk as every format, into prometheus' model.
    fn collect(&self) -> Vec<MetricFamily> {
        self.0.layout().collect(&self.0.cells)
    }
}

impl<C: Cell, const N: usize> EncodeAs for Registered<C, N> {
    fn encode_as(&self, encoder: &mut dyn Encoder, name: &str, help: &str) {
        self.0.encode_as(encoder, name, help);
    }
}

#[cfg(test)]
mod tests {
    use super::StaticFamily;
    use crate::exposition::{text::Text, MetricKind, Scope};
    use crate::registration::Registration;
    use crate::storage::{Family, IntCounter, LabelSpace, Meta};

    static META: Meta = Meta {
        name: "static_jobs_total",
        help: "Jobs.",
        kind: MetricKind::Counter,
        labels: LabelSpace {
            names: &["outcome", "priority"],
            values: &[&["ok", "failed"], &["low", "high", "urgent"]],
        },
        buckets: &[],
        unit: "",
        native: None,
        const_labels: &[("app", "a\"b")],
        headers: "",
    };
    static JOBS: StaticFamily<IntCounter, 6> = StaticFamily::new(&META);

    #[test]
    fn a_static_family_writes_what_a_family_writes_and_gather_prints() {
        let family = Family::<IntCounter>::new(&META).unwrap();
        for code in 0..6 {
            JOBS.get(code).inc_by(code as u64 * 3 + 1);
            family.get(code).inc_by(code as u64 * 3 + 1);
        }
        let registry = prometheus::Registry::new();
        let mut registration = Registration::new(&registry);
        registration.static_family(&JOBS);
        registration.finish(()).unwrap();
        let (mut ours, mut theirs) = (String::new(), String::new());
        JOBS.encode(&mut Text::new(&mut ours, &Scope::none()));
        family.encode(&mut Text::new(&mut theirs, &Scope::none()));
        assert_eq!(ours, theirs);
        assert_eq!(ours, crate::encode_text(&registry).unwrap());
        assert!(
            ours.contains(
                "static_jobs_total{app=\"a\\\"b\",outcome=\"failed\",priority=\"urgent\"} 16"
            ),
            "{ours}"
        );
    }
}
