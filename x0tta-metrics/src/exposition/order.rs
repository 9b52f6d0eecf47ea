//! The one order every format writes a family's series in, `Registry::gather()`'s:
//! by their label values (compared as strings) taken in label-name order.
//!
//! Bounded and combined families [`sort`] their series by that rule at
//! scrape. Dense families never sort: their series are the product of
//! closed sets, and the product visited like an odometer — labels in name
//! order, the last fastest, each set in its own sorted order — is that same
//! order ([`DenseOrder`]), with no table of one entry per series.

use crate::storage::LabelSpace;

/// Label indices ordered by label name, as prometheus orders a series' labels.
pub(crate) fn by_name(names: &[&str]) -> Box<[u8]> {
    // A metric has far fewer than 256 labels (each one multiplies its series).
    let mut order: Vec<u8> = (0..names.len() as u8).collect();
    order.sort_by_key(|&k| names[usize::from(k)]);
    order.into()
}

/// Sorts `series` into gather order: series `s` has `labels(s)` labels and
/// `value(s, j)` is the value of its `j`-th in name order.
pub(crate) fn sort<T>(
    series: &mut [T],
    labels: impl Fn(&T) -> usize,
    value: impl Fn(&T, usize) -> &str,
) {
    series.sort_by(|a, b| {
        let a_values = (0..labels(a)).map(|j| value(a, j));
        a_values.cmp((0..labels(b)).map(|j| value(b, j)))
    });
}

/// Scratch length up to which a walk keeps its buffers on the stack
/// (every scrape walks every family: a heap buffer each would cost more than
/// writing a small family).
const STACK: usize = 20;

/// Calls `f` with `len` copies of `fill`, on the stack when they fit.
#[inline(always)]
pub(crate) fn with_scratch<T: Copy, R>(len: usize, fill: T, f: impl FnOnce(&mut [T]) -> R) -> R {
    if len <= STACK {
        f(&mut [fill; STACK][..len])
    } else {
        f(&mut vec![fill; len])
    }
}

/// A dense family's gather order: its label indices by name, then each
/// label's value indices (in that order) sorted by value. One entry per
/// label and per value, not per series.
#[derive(Debug)]
pub(crate) struct DenseOrder(Box<[u16]>);

impl DenseOrder {
    /// The order of `space`'s series.
    pub(crate) fn new(space: &LabelSpace) -> Self {
        let by_name = by_name(space.names);
        let mut table: Vec<u16> = by_name.iter().map(|&k| u16::from(k)).collect();
        for &k in by_name.iter() {
            let values = space.values[usize::from(k)];
            // The spec caps a family at 4,096 series (`too-many-series`).
            let mut indices: Vec<u16> = (0..values.len() as u16).collect();
            sort(&mut indices, |_| 1, |&i, _| values[usize::from(i)]);
            table.extend(indices);
        }
        DenseOrder(table.into())
    }

    /// Calls `visit(code, digits)` for every series of `space` in gather
    /// order; `digits[j]` is the value index of the `j`-th label in name
    /// order (label [`label(j)`](Self::label) of the spec).
    pub(crate) fn walk(&self, space: &LabelSpace, mut visit: impl FnMut(usize, &[usize])) {
        let labels = space.names.len();
        if labels == 0 {
            return visit(0, &[]);
        }
        with_scratch(SCRATCH * labels, 0, |scratch| {
            // Per label in name order: its value index, odometer position,
            // set size, stride in the code, and where its sorted values
            // start in the table.
            let (digits, rest) = scratch.split_at_mut(labels);
            let (position, rest) = rest.split_at_mut(labels);
            let (size, rest) = rest.split_at_mut(labels);
            let (stride, start) = rest.split_at_mut(labels);
            let mut next = labels;
            for j in 0..labels {
                let k = self.label(j);
                size[j] = space.values[k].len();
                // The product of the sizes of the labels after k: its digit's weight.
                stride[j] = space.values[k + 1..].iter().map(|set| set.len()).product();
                start[j] = next;
                next += size[j];
            }
            for _ in 0..space.series() {
                let mut code = 0;
                for j in 0..labels {
                    digits[j] = usize::from(self.0[start[j] + position[j]]);
                    code += digits[j] * stride[j];
                }
                visit(code, digits);
                // Advance the odometer, the last label (in name order) fastest.
                for j in (0..labels).rev() {
                    position[j] += 1;
                    if position[j] < size[j] {
                        break;
                    }
                    position[j] = 0;
                }
            }
        });
    }

    /// For a family of one label, its value indices in sorted order: the
    /// codes of its series in gather order (the walk without an odometer).
    #[inline]
    pub(crate) fn single(&self, space: &LabelSpace) -> Option<&[u16]> {
        (space.names.len() == 1).then(|| &self.0[1..])
    }

    /// The label index (spec order) of the `j`-th label in name order.
    pub(crate) fn label(&self, j: usize) -> usize {
        usize::from(self.0[j])
    }
}

/// Scratch words per label of a dense walk.
const SCRATCH: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    const SPACE: LabelSpace = LabelSpace {
        names: &["zone", "kind"],
        values: &[&["west", "east"], &["read", "write", "delete"]],
    };

    /// Every series of `space` as its label values in name order, in walk order.
    fn walked(space: &LabelSpace) -> Vec<(usize, Vec<&'static str>)> {
        let order = DenseOrder::new(space);
        let mut seen = Vec::new();
        order.walk(space, |code, digits| {
            let values = digits
                .iter()
                .enumerate()
                .map(|(j, &d)| space.values[order.label(j)][d])
                .collect();
            seen.push((code, values));
        });
        seen
    }

    #[test]
    fn the_odometer_visits_every_series_in_sorted_order_with_its_code() {
        let seen = walked(&SPACE);
        let mut digits = [0; 2];
        for (code, values) in &seen {
            SPACE.decode(*code, &mut digits);
            // Name order is kind, zone.
            assert_eq!(
                values,
                &[SPACE.values[1][digits[1]], SPACE.values[0][digits[0]]]
            );
        }
        let mut sorted = seen.clone();
        sort(&mut sorted, |s| s.1.len(), |s, j| s.1[j]);
        assert_eq!(seen, sorted);
        let values: Vec<String> = seen.iter().map(|s| s.1.join("/")).collect();
        assert_eq!(
            values,
            [
                "delete/east",
                "delete/west",
                "read/east",
                "read/west",
                "write/east",
                "write/west"
            ]
        );
        assert_eq!(walked(&LabelSpace::NONE), [(0, vec![])]);
    }

    #[test]
    fn more_labels_than_the_stack_holds_walk_the_same_way() {
        const NAMES: [&str; 10] = ["j", "i", "h", "g", "f", "e", "d", "c", "b", "a"];
        const SETS: [&[&str]; 10] = [
            &["b", "a"],
            &["x"],
            &["2", "1"],
            &["y"],
            &["z"],
            &["q"],
            &["w"],
            &["v"],
            &["u"],
            &["t", "s"],
        ];
        let space = LabelSpace {
            names: &NAMES,
            values: &SETS,
        };
        let seen = walked(&space);
        assert_eq!(seen.len(), 8);
        let mut sorted = seen.clone();
        sort(&mut sorted, |s| s.1.len(), |s, j| s.1[j]);
        assert_eq!(seen, sorted);
        let codes: std::collections::BTreeSet<usize> = seen.iter().map(|s| s.0).collect();
        assert_eq!(codes.len(), 8, "every code once");
    }
}
