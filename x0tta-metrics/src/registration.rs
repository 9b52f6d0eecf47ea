//! Registering a spec's families all or nothing, and creating the children of
//! closed label sets up front.

use prometheus::core::{Collector, MetricVec, MetricVecBuilder};
use prometheus::{Error, Registry};

/// Registers collectors on a registry; unless [`commit`](Self::commit)ted,
/// dropping it unregisters everything it registered, so a failed
/// construction (a name already taken) leaves the registry as it was.
pub struct Registration {
    registry: Registry,
    registered: Vec<Box<dyn Collector>>,
}

impl Registration {
    /// Starts registering on `registry`.
    pub fn new(registry: &Registry) -> Self {
        Registration {
            registry: registry.clone(),
            registered: Vec::new(),
        }
    }

    /// Registers `collector` and hands it back. A name already taken is an
    /// [`Error::Msg`] naming it (prometheus' own `AlreadyReg` does not).
    pub fn register<C: Collector + Clone + 'static>(&mut self, collector: C) -> Result<C, Error> {
        self.registry
            .register(Box::new(collector.clone()))
            .map_err(|err| match err {
                Error::AlreadyReg => already_registered(&collector),
                other => other,
            })?;
        self.registered.push(Box::new(collector.clone()));
        Ok(collector)
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

/// Creates child `i` of `family` for each `i < N`, with the label values
/// `values(i)`: the series of a metric whose labels are all closed sets,
/// resolved once so that accessors are a plain array index.
pub fn children<B: MetricVecBuilder, const N: usize, const L: usize>(
    family: &MetricVec<B>,
    values: impl Fn(usize) -> [&'static str; L],
) -> [B::M; N] {
    std::array::from_fn(|i| family.with_label_values(&values(i)))
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
}
