//! Registering a spec's families all or nothing.

use prometheus::core::Collector;
use prometheus::{Error, Registry};

use crate::bounded::{BoundedFamily, Budget};
use crate::exposition::Scope;
use crate::renamed::{EncodeAs, Renamed};
use crate::storage::{Cell, Create, Family, Meta, Registered, StaticFamily};

/// Registers collectors on a registry; unless [`finish`](Self::finish)ed
/// without a failure, dropping it unregisters everything it registered, so
/// a failed construction (a name already taken) leaves the registry as it
/// was.
///
/// The generated code builds each group as one struct literal of
/// [`family`](Self::family) calls that cannot fail: a failure is kept and
/// reported once by [`finish`](Self::finish). One `?` per family would
/// cost rustc a branch and a drop path per field in every group.
pub struct Registration {
    registry: Registry,
    /// The registry's prefix and common labels, read once: no family may
    /// have a label named like a common one, or `gather()` would write it
    /// twice on each of its series.
    scope: Scope,
    registered: Vec<Box<dyn Collector>>,
    /// The first failure, reported by `finish`.
    failed: Option<Error>,
}

/// A generated group's families' constants, in spec order: what
/// [`Registration::family_at`] reads a family's row from.
pub trait Table {
    /// One row per family of the group, in spec order.
    const META: &'static [Meta];
}

impl Registration {
    /// Starts registering on `registry`.
    pub fn new(registry: &Registry) -> Self {
        Registration {
            registry: registry.clone(),
            scope: Scope::of(registry),
            registered: Vec::new(),
            failed: None,
        }
    }

    /// Registers `collector` and hands it back. A name already taken is an
    /// [`Error::Msg`] naming it (prometheus' own `AlreadyReg` does not), and
    /// so is a label named like one of the registry's common labels.
    pub fn register<C: Collector + Clone + 'static>(&mut self, collector: C) -> Result<C, Error> {
        self.refuse_common_label_clash(&collector)?;
        self.registry
            .register(Box::new(collector.clone()))
            .map_err(|err| match err {
                Error::AlreadyReg => already_registered(&collector),
                other => other,
            })?;
        self.registered.push(Box::new(collector.clone()));
        Ok(collector)
    }

    /// The family of cells `C` that `meta` describes, registered.
    pub fn family<C: Create>(&mut self, meta: &'static Meta) -> Family<C> {
        let made = Family::new(meta);
        self.keep(made, || Family::undescribed(meta))
    }

    /// [`family`](Self::family) of row `row` of group `T`'s table. The
    /// generated registration names its table only as this type parameter:
    /// rustc then evaluates the table where a build generates code, not in
    /// every `cargo check` of the crate that expands the spec (evaluating
    /// the rows of 10,000 families took it more than a second).
    pub fn family_at<T: Table, C: Create>(&mut self, row: usize) -> Family<C> {
        self.family(&T::META[row])
    }

    /// [`bounded`](Self::bounded) of row `row` of group `T`'s table (see
    /// [`family_at`](Self::family_at)).
    pub fn bounded_at<T: Table, C: Cell>(
        &mut self,
        row: usize,
        budget: Budget,
        overflow_family: (&'static str, &'static str),
    ) -> BoundedFamily<C> {
        self.bounded(&T::META[row], budget, overflow_family)
    }

    /// The static `family` (a group with `static: true`), registered; a
    /// registry holds a borrow of its cells.
    pub fn static_family<C: Cell, const N: usize>(
        &mut self,
        family: &'static StaticFamily<C, N>,
    ) -> Registered<C, N> {
        self.keep(family.collector(), || Registered(family))
    }

    /// The bounded family that `meta` and `budget` describe (a label
    /// without closed values in `meta` is free-form; `overflow_family`: the
    /// name and help of the family counting overflowed updates), registered.
    pub fn bounded<C: Cell>(
        &mut self,
        meta: &'static Meta,
        budget: Budget,
        overflow_family: (&'static str, &'static str),
    ) -> BoundedFamily<C> {
        let made = BoundedFamily::new(meta, budget, overflow_family);
        self.keep(made, || {
            BoundedFamily::undescribed(meta, budget, overflow_family)
        })
    }

    /// Registers `family` a second time under its old `name` and `help`
    /// (a rename with dual emission).
    pub fn renamed<C: Collector + EncodeAs + Clone + 'static>(
        &mut self,
        family: &C,
        name: &str,
        help: &str,
    ) {
        let made = Renamed::new(family.clone(), name, help);
        if let Err(err) = made.and_then(|renamed| self.register(renamed)) {
            self.fail(err);
        }
    }

    /// prometheus' registry would accept a family with a label named like
    /// one of its common labels, then print that label twice on each of
    /// its series, which every scraper rejects.
    fn refuse_common_label_clash(&self, collector: &dyn Collector) -> Result<(), Error> {
        for desc in collector.desc() {
            let variable = desc.variable_labels.iter().map(String::as_str);
            let mut labels = variable.chain(desc.const_label_pairs.iter().map(|p| p.name()));
            if let Some(label) = labels.find(|&label| self.is_common(label)) {
                return Err(Error::Msg(format!(
                    "metric {} has a label {label:?}, which is also a common label of the registry: \
                     rename the metric's label in the spec or drop the registry's",
                    desc.fq_name
                )));
            }
        }
        Ok(())
    }

    /// Registers what was `made`; on a failure keeps it for `finish` and
    /// hands back the `stand_in` instead.
    fn keep<C: Collector + Clone + 'static>(
        &mut self,
        made: Result<C, Error>,
        stand_in: impl FnOnce() -> C,
    ) -> C {
        match made.and_then(|collector| self.register(collector)) {
            Ok(collector) => collector,
            Err(err) => {
                self.fail(err);
                stand_in()
            }
        }
    }

    fn fail(&mut self, err: Error) {
        self.failed.get_or_insert(err);
    }

    /// Whether the registry has a common label named `label`.
    fn is_common(&self, label: &str) -> bool {
        self.scope
            .common_pairs()
            .iter()
            .any(|(name, _)| name == label)
    }

    /// The scope the registry gathers with (read when this registration
    /// started), for a spec whose constant labels are `const_labels`. A
    /// common label of the registry named like one of them is an error:
    /// `gather()` would write that label twice on every series, and
    /// neither value can silently win in every format.
    pub fn scope(&self, const_labels: &[(&str, &str)]) -> Result<Scope, Error> {
        match const_labels.iter().find(|&&(name, _)| self.is_common(name)) {
            Some((name, _)) => Err(Error::Msg(format!(
                "the registry's common label {name:?} is also a constant label of the spec (`const_labels`): remove one of them"
            ))),
            None => Ok(self.scope.clone()),
        }
    }

    /// `built` if every registration succeeded (and then they stay), else
    /// the first failure (and every one is undone).
    pub fn finish<T>(mut self, built: T) -> Result<T, Error> {
        match self.failed.take() {
            Some(err) => Err(err),
            None => {
                self.commit();
                Ok(built)
            }
        }
    }

    /// Keeps everything registered so far.
    pub fn commit(mut self) {
        self.registered.clear();
    }
}

/// The error for a collector whose name is already registered, naming it.
fn already_registered(collector: &dyn Collector) -> Error {
    let names: Vec<&str> = collector
        .desc()
        .iter()
        .map(|d| d.fq_name.as_str())
        .collect();
    Error::Msg(format!(
        "metric {} is already registered on this registry",
        names.join(", ")
    ))
}

impl Drop for Registration {
    fn drop(&mut self) {
        for collector in self.registered.drain(..) {
            // It was registered by us a moment ago; failing to find it is harmless.
            let _ = self.registry.unregister(collector);
        }
    }
}

/// A registry whose common labels are `labels`: constant labels given at
/// registration (`instance`, `node`, `region`), which `gather()` and every
/// generated encoder write on every series.
pub fn registry_with_labels(labels: &[(&str, &str)]) -> Result<Registry, Error> {
    // The registry takes any name; an invalid one would break every scrape.
    for &(name, _) in labels {
        let mut chars = name.chars();
        let valid = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with("__");
        if !valid {
            return Err(Error::Msg(format!("invalid label name {name:?}")));
        }
    }
    let labels = labels
        .iter()
        .map(|&(name, value)| (name.to_string(), value.to_string()))
        .collect();
    Registry::new_custom(None, Some(labels))
}

#[cfg(test)]
mod tests {
    use super::*;
    use prometheus::IntCounter;

    #[test]
    fn a_taken_name_is_named_and_nothing_stays_registered() {
        let registry = Registry::new();
        registry
            .register(Box::new(IntCounter::new("taken_total", "Taken.").unwrap()))
            .unwrap();
        let mut registration = Registration::new(&registry);
        registration
            .register(IntCounter::new("free_total", "Free.").unwrap())
            .unwrap();
        let err = registration
            .register(IntCounter::new("taken_total", "Again.").unwrap())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Error: metric taken_total is already registered on this registry"
        );
        drop(registration);
        let names: Vec<String> = registry
            .gather()
            .iter()
            .map(|f| f.name().to_string())
            .collect();
        assert_eq!(
            names,
            ["taken_total"],
            "the group's families were rolled back"
        );
    }

    #[test]
    fn a_failed_family_is_reported_by_finish_and_the_group_rolled_back() {
        use crate::exposition::MetricKind;
        use crate::storage::{IntCounter as Cell, LabelSpace};
        const fn meta(name: &'static str) -> Meta {
            Meta {
                name,
                help: "Help.",
                kind: MetricKind::Counter,
                labels: LabelSpace::NONE,
                buckets: &[],
                unit: "",
                native: None,
                const_labels: &[],
                headers: "",
            }
        }
        static FREE: Meta = meta("free_total");
        static TAKEN: Meta = meta("taken_total");
        let registry = Registry::new();
        registry
            .register(Box::new(IntCounter::new("taken_total", "Taken.").unwrap()))
            .unwrap();
        let mut registration = Registration::new(&registry);
        // Both calls return a family; the failure waits for `finish`.
        let group = (
            registration.family::<Cell>(&FREE),
            registration.family::<Cell>(&TAKEN),
        );
        group.0.get(0).inc();
        let err = registration.finish(group).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Error: metric taken_total is already registered on this registry"
        );
        let names: Vec<String> = registry
            .gather()
            .iter()
            .map(|f| f.name().to_string())
            .collect();
        assert_eq!(names, ["taken_total"], "free_total was rolled back");

        let mut registration = Registration::new(&registry);
        let family = registration.family::<Cell>(&FREE);
        let family = registration.finish(family).expect("a free name registers");
        family.get(0).inc_by(3);
        let text = crate::encode_text(&registry).unwrap();
        assert!(text.contains("free_total 3"), "{text}");
    }

    #[test]
    fn a_label_named_like_a_common_label_is_refused_and_rolled_back() {
        use prometheus::{IntCounterVec, Opts};
        let registry = registry_with_labels(&[("zone", "eu")]).unwrap();
        let mut registration = Registration::new(&registry);
        registration
            .register(IntCounter::new("free_total", "Free.").unwrap())
            .unwrap();
        let clash = IntCounterVec::new(Opts::new("by_zone_total", "Zoned."), &["zone"]).unwrap();
        let err = registration.register(clash).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Error: metric by_zone_total has a label \"zone\", which is also a common label of \
             the registry: rename the metric's label in the spec or drop the registry's"
        );
        drop(registration);
        assert!(registry.gather().is_empty(), "free_total was rolled back");
    }
}
