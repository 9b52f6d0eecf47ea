//! The label space of a family whose labels are all closed sets, and the
//! one mixed-radix code that numbers its series.
//!
//! Series `code` has, for label `k`, the value at digit `k` of `code` in the
//! mixed radix of the sets' sizes, the last label varying fastest. Accessors
//! [`encode`](LabelSpace::encode) enum values into that code to index a
//! dense array of cells; encoders [`decode`](LabelSpace::decode) it back
//! into label values. Both directions live here and nowhere else.

/// The labels of a family and the closed set of values each takes.
#[derive(Debug, Clone, Copy)]
pub struct LabelSpace {
    /// Label names, in spec order (the accessor's argument order).
    pub names: &'static [&'static str],
    /// For each label, its values in spec order (the enum's variant order).
    pub values: &'static [&'static [&'static str]],
}

impl LabelSpace {
    /// A family without labels: one series, code 0.
    pub const NONE: LabelSpace = LabelSpace {
        names: &[],
        values: &[],
    };

    /// How many series the family has: the product of the sets' sizes.
    pub const fn series(&self) -> usize {
        let mut product = 1;
        let mut k = 0;
        while k < self.values.len() {
            product *= self.values[k].len();
            k += 1;
        }
        product
    }

    /// The code of the series whose label `k` has value number `digits[k]`.
    /// A `const fn` over a constant space, so an accessor compiles it down
    /// to a multiply-add per label.
    #[inline(always)]
    pub const fn encode<const L: usize>(&self, digits: [usize; L]) -> usize {
        let mut code = 0;
        let mut k = 0;
        while k < L {
            code = code * self.values[k].len() + digits[k];
            k += 1;
        }
        code
    }

    /// The inverse of [`encode`](Self::encode): the value number of each
    /// label of series `code`, written into `digits` (one per label).
    pub fn decode(&self, mut code: usize, digits: &mut [usize]) {
        for (digit, set) in digits.iter_mut().zip(self.values).rev() {
            *digit = code % set.len();
            code /= set.len();
        }
    }

    /// Label indices ordered by label name, as prometheus orders a series' labels.
    pub(crate) fn by_name(&self) -> Box<[u8]> {
        // A metric has far fewer than 256 labels (each one multiplies its series).
        let mut order: Vec<u8> = (0..self.names.len() as u8).collect();
        order.sort_by_key(|&k| self.names[usize::from(k)]);
        order.into()
    }

    /// Every code, in the order `Registry::gather()` sorts series: by their
    /// label values taken in label-name order.
    pub(crate) fn gather_order(&self, by_name: &[u8]) -> Box<[u16]> {
        let mut digits = vec![0; self.names.len()];
        let mut keyed: Vec<(Vec<&str>, u16)> = (0..self.series())
            .map(|code| {
                self.decode(code, &mut digits);
                let key = by_name
                    .iter()
                    .map(|&k| self.values[usize::from(k)][digits[usize::from(k)]]);
                // The spec caps a family at 4,096 series (`too-many-series`).
                (key.collect(), code as u16)
            })
            .collect();
        keyed.sort();
        keyed.into_iter().map(|(_, code)| code).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::LabelSpace;

    const SPACE: LabelSpace = LabelSpace {
        names: &["zone", "kind"],
        values: &[&["west", "east"], &["read", "write", "delete"]],
    };

    #[test]
    fn encode_and_decode_are_inverse_over_the_whole_space() {
        assert_eq!(SPACE.series(), 6);
        let mut digits = [0; 2];
        for a in 0..2 {
            for b in 0..3 {
                let code = SPACE.encode([a, b]);
                assert!(code < 6);
                SPACE.decode(code, &mut digits);
                assert_eq!(digits, [a, b]);
            }
        }
    }

    #[test]
    fn gather_order_sorts_by_values_in_label_name_order() {
        let by_name = SPACE.by_name();
        assert_eq!(&*by_name, &[1, 0]);
        let order = SPACE.gather_order(&by_name);
        let mut digits = [0; 2];
        let seen: Vec<String> = order
            .iter()
            .map(|&code| {
                SPACE.decode(code as usize, &mut digits);
                format!(
                    "{}/{}",
                    SPACE.values[1][digits[1]], SPACE.values[0][digits[0]]
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                "delete/east",
                "delete/west",
                "read/east",
                "read/west",
                "write/east",
                "write/west"
            ]
        );
        assert_eq!(&*LabelSpace::NONE.gather_order(&[]), &[0]);
    }
}
