//! The walk of a whole spec in `gather()` order, as generic code: the
//! generated `Exposition::encode` hands over its families, group by group,
//! and the order to write them in (computed by the macro),
//! instead of one generated call per family, which rustc would type- and
//! borrow-check as one body of 10,000 calls for a large spec.

use super::Encoder;
use crate::bounded::BoundedFamily;
use crate::storage::{Cell, Family};

/// A family that writes its series into an encoder.
pub trait Walk {
    /// Walks every series once, in `gather()` order, into `encoder`.
    fn walk(&self, encoder: &mut dyn Encoder);
}

impl<C: Cell> Walk for Family<C> {
    fn walk(&self, encoder: &mut dyn Encoder) {
        self.encode(encoder);
    }
}

impl<C: Cell> Walk for BoundedFamily<C> {
    fn walk(&self, encoder: &mut dyn Encoder) {
        self.encode(encoder);
    }
}

/// Writes the families of `groups` (each group's families in spec order)
/// into `encoder` in `order`, a list of pairs: `(g, i)` is family `i` of
/// group `g`, and `(groups.len(), k)` the spec's extra family `k` (an old
/// name during a rename, the overflow family), which `extra` writes. Pairs,
/// rather than one number counted through the groups, so that a scrape
/// finds each family without building a flat list first.
pub fn walk(
    encoder: &mut dyn Encoder,
    groups: &[&[&dyn Walk]],
    order: &[u32],
    extra: &mut dyn FnMut(&mut dyn Encoder, usize),
) {
    for pair in order.chunks_exact(2) {
        let (group, index) = (pair[0] as usize, pair[1] as usize);
        match groups.get(group) {
            Some(families) => families[index].walk(encoder),
            None => extra(encoder, index),
        }
    }
}
