//! Registering a spec's families all or nothing.

use prometheus::core::Collector;
use prometheus::{Error, Registry};

use crate::exposition::Scope;

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

/// The scope `registry` gathers with, for a spec whose constant labels are
/// `const_labels`. A common label of the registry named like one of them is
/// an error: `gather()` would write that label twice on every series, and
/// neither value can silently win in every format.
pub fn scope_for(registry: &Registry, const_labels: &[(&str, &str)]) -> Result<Scope, Error> {
    let scope = Scope::of(registry);
    let common = |name: &str| scope.common_pairs().iter().any(|(n, _)| n == name);
    match const_labels.iter().find(|(name, _)| common(name)) {
        Some((name, _)) => Err(Error::Msg(format!(
            "the registry's common label {name:?} is also a constant label of the spec (`const_labels`): remove one of them"
        ))),
        None => Ok(scope),
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
}
