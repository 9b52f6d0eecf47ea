//! Registering a spec's families all or nothing.

use prometheus::core::Collector;
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

    /// Registers `collector` and hands it back.
    pub fn register<C: Collector + Clone + 'static>(&mut self, collector: C) -> Result<C, Error> {
        self.registry.register(Box::new(collector.clone()))?;
        self.registered.push(Box::new(collector.clone()));
        Ok(collector)
    }

    /// Keeps everything registered so far.
    pub fn commit(mut self) {
        self.registered.clear();
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        for collector in self.registered.drain(..) {
            // It was registered by us a moment ago; failing to find it is harmless.
            let _ = self.registry.unregister(collector);
        }
    }
}
