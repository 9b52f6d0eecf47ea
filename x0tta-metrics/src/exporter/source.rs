//! Where the scrape body comes from: a registry, or any function that renders
//! the text exposition format (for example a faster, generated encoder).

use std::{fmt, sync::Arc};

use prometheus::Registry;

use crate::Exposition;

type Render = dyn Fn() -> Result<String, String> + Send + Sync;

/// A producer of `/metrics` bodies in the text format 0.0.4. Cheap to clone.
#[derive(Clone)]
pub struct MetricsSource(Arc<Render>);

impl MetricsSource {
    /// Gathers and encodes `registry` on every scrape.
    pub fn registry(registry: Registry) -> Self {
        MetricsSource::from_fn(move || crate::encode_text(&registry))
    }

    /// Calls `render` on every scrape; an `Err` becomes a 500 response.
    pub fn from_fn<E, F>(render: F) -> Self
    where
        E: fmt::Display,
        F: Fn() -> Result<String, E> + Send + Sync + 'static,
    {
        MetricsSource(Arc::new(move || render().map_err(|e| e.to_string())))
    }

    /// Renders one body.
    pub fn render(&self) -> Result<String, String> {
        (self.0)()
    }
}

/// A generated `Metrics` (or an `Arc` of one) writes its own text: the
/// fastest source, for registries that hold only the spec's families.
impl<T: Exposition + 'static> From<T> for MetricsSource {
    fn from(metrics: T) -> Self {
        MetricsSource::from_fn(move || Ok::<_, std::convert::Infallible>(metrics.encode_text()))
    }
}

impl From<Registry> for MetricsSource {
    fn from(registry: Registry) -> Self {
        MetricsSource::registry(registry)
    }
}

impl From<&Registry> for MetricsSource {
    fn from(registry: &Registry) -> Self {
        MetricsSource::registry(registry.clone())
    }
}

impl fmt::Debug for MetricsSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MetricsSource(..)")
    }
}
