//! The label space of a family whose labels are all closed sets, and the
//! one mixed-radix code that numbers its series.
//!
//! Series `code` has, for label `k`, the value at digit `k` of `code` in the
//! mixed radix of the sets' sizes, the last label varying fastest. Accessors
//! [`encode`](LabelSpace::encode) enum values into that code to index a
//! dense array of cells; [`decode`](LabelSpace::decode) turns it back into
//! label values. Both directions live here and nowhere else. (A scrape
//! needs neither: it walks the codes in `gather()` order, see
//! `exposition::order`.)

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

    /// Whether label `label` is free-form: it has no closed values (a
    /// closed set is never empty; the spec checks it). A bounded family's
    /// overflow series blanks these out.
    pub fn is_free(&self, label: usize) -> bool {
        self.values
            .get(label)
            .is_none_or(|values| values.is_empty())
    }

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
}
