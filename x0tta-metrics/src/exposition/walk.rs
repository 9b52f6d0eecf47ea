//! The walk of a whole spec in `gather()` order, as generic code: the
//! generated `Exposition::encode` hands over its families, group by group
//! in spec order, and the order to write them in (computed by the macro),
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

/// Writes the families of `groups` (each group's families in spec order,
/// the groups in spec order) into `encoder` in `order`: entry `i` below the
/// number of families is the `i`-th of them counted through the groups, and
/// entry `n + k` past them is the spec's extra family `k` (an old name
/// during a rename, the overflow family), which `extra` writes.
pub fn walk(
    encoder: &mut dyn Encoder,
    groups: &[&[&dyn Walk]],
    order: &[u32],
    extra: &mut dyn FnMut(&mut dyn Encoder, usize),
) {
    let families: Vec<&dyn Walk> = groups.iter().flat_map(|g| g.iter().copied()).collect();
    for &entry in order {
        let entry = entry as usize;
        match families.get(entry) {
            Some(family) => family.walk(encoder),
            None => extra(encoder, entry - families.len()),
        }
    }
}
