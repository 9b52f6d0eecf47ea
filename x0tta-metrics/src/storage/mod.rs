//! The values behind every generated handle, owned by this crate.
//!
//! One file per cell kind ([`IntCounter`], [`Counter`], [`IntGauge`],
//! [`Gauge`], [`Histogram`] with its optional native part; sharded counters in `crate::sharded`) and one for
//! the family shape whose series are known at compile time ([`Family`]: a
//! dense array indexed by the [`LabelSpace`] code; [`StaticFamily`], the same
//! inline in a `static`). Cells only store; the
//! formats in `crate::exposition` write what [`Cell::sample`] reads.

mod counter;
mod dense;
mod exemplar;
mod family;
mod float;
mod gauge;
mod histogram;
mod native;
mod statics;

pub use counter::{Counter, IntCounter};
pub use dense::LabelSpace;
pub use exemplar::{Exemplar, ExemplarError, Exemplars, MAX_EXEMPLAR_RUNES};
pub(crate) use family::insert_const_labels;
pub use family::{Family, Meta};
pub use gauge::{Gauge, IntGauge};
pub use histogram::{
    BucketSpan, Histogram, HistogramSnapshot, HistogramTimer, NativeBuckets, SampleBuffer,
    StaticHistogram,
};
pub use native::{upper_bound, NativeConfig, SCHEMAS};
pub use statics::{Registered, StaticCell, StaticFamily};

use std::sync::atomic::AtomicU64;

use crate::exposition::{Encoder, Sample, WriteLine};

/// One series' storage, read as a format-neutral [`Sample`].
pub trait Cell: Send + Sync + 'static {
    /// The current value; a histogram reads its buckets into `buffer`.
    fn sample<'a>(&'a self, buffer: &'a mut SampleBuffer) -> Sample<'a>;
    /// A counter's or gauge's value, read without a buffer: what a
    /// scrape's loop over a family of one-line series takes, with nothing
    /// to set up or drop per family. `None` (the default) for a cell whose
    /// value needs [`sample`](Self::sample)'s buffer.
    #[inline]
    fn scalar(&self) -> Option<Sample<'static>> {
        None
    }
    /// Whether the cell keeps exemplars: without, a scrape's loop over a
    /// family of it never asks for them.
    const EXEMPLARS: bool = false;
    /// The exemplars kept (one slot per counter, per histogram bucket),
    /// written into `out`; none for a cell without exemplars.
    fn exemplars(&self, out: &mut Vec<Option<Exemplar>>) {
        out.clear();
    }
}

/// A cell created at run time from its family's constants: every cell but a
/// `static: true` group's histogram, whose bucket array is sized at compile
/// time ([`StaticHistogram`], built by `StaticHistogram::new_static`).
pub trait Create: Cell {
    /// A cell at zero for a family described by `meta`.
    fn create(meta: &'static Meta) -> Self;
}

/// Hands series to an encoder, each with its exemplars (if it keeps any)
/// before its sample; the buffers are reused from one series to the next.
#[derive(Default)]
pub(crate) struct SeriesWriter {
    buffer: SampleBuffer,
    exemplars: Vec<Option<Exemplar>>,
}

impl SeriesWriter {
    /// Writes the series `labels` (in name order) whose cell is `cell`.
    #[inline]
    pub(crate) fn write<C: Cell>(
        &mut self,
        encoder: &mut dyn Encoder,
        labels: &[(&str, &str)],
        cell: &C,
    ) {
        cell.exemplars(&mut self.exemplars);
        if !self.exemplars.is_empty() {
            encoder.exemplars(&self.exemplars);
        }
        encoder.sample(labels, cell.sample(&mut self.buffer));
    }

    /// Writes the one-line series `labels` (in name order; their values
    /// `escaped` for the text formats) whose cell is `cell`, with its
    /// exemplar, through `lines`. Inlined into the loop of a family whose
    /// cells keep exemplars (the others need no writer: see the family's
    /// `OneLine`).
    #[inline(always)]
    pub(crate) fn line<C: Cell>(
        &mut self,
        lines: &mut impl WriteLine,
        labels: &[(&str, &str)],
        escaped: &[&str],
        cell: &C,
    ) {
        cell.exemplars(&mut self.exemplars);
        let exemplar = self.exemplars.first().and_then(Option::as_ref);
        lines.line(labels, escaped, cell.sample(&mut self.buffer), exemplar);
    }
}

/// `Create` and `StaticCell` for cells whose `new()` is a `const fn` at
/// zero: the same zero at run time and in a `static`.
macro_rules! zero_cells {
    ($($cell:ident),*) => {$(
        impl Create for $cell {
            fn create(_: &'static Meta) -> Self {
                $cell::new()
            }
        }

        // The point of the constant is a fresh atomic at every use.
        #[allow(clippy::declare_interior_mutable_const)]
        impl StaticCell for $cell {
            const ZERO: Self = $cell::new();
        }
    )*};
}

zero_cells!(IntCounter, Counter, IntGauge, Gauge);

/// A counter's or gauge's [`Cell`]: its value read without a buffer.
macro_rules! scalar_cell {
    ($($cell:ty => $sample:ident),* $(,)?) => {$(
        impl Cell for $cell {
            #[inline]
            fn sample<'a>(&'a self, _: &'a mut SampleBuffer) -> Sample<'a> {
                Sample::$sample(self.get())
            }
            #[inline]
            fn scalar(&self) -> Option<Sample<'static>> {
                Some(Sample::$sample(self.get()))
            }
        }
    )*};
}

scalar_cell!(
    IntCounter => Count,
    Counter => Float,
    IntGauge => Signed,
    Gauge => Float,
    crate::ShardedCounter => Count,
);

impl Create for Histogram {
    fn create(meta: &'static Meta) -> Self {
        match meta.native {
            None => Histogram::new(meta.buckets),
            Some(native) => Histogram::with_native(meta.buckets, native),
        }
    }
}

impl<S: AsRef<[AtomicU64]> + Send + Sync + 'static> Cell for Histogram<S> {
    fn sample<'a>(&'a self, buffer: &'a mut SampleBuffer) -> Sample<'a> {
        Sample::Histogram(self.snapshot(buffer))
    }
}

impl Create for crate::ShardedCounter {
    fn create(_: &'static Meta) -> Self {
        crate::ShardedCounter::default()
    }
}
