//! Where the scrape body comes from: a generated `Metrics` (any format, from
//! the same walk), a registry, or any function that renders the text format.

use std::{fmt, sync::Arc};

use prometheus::Registry;

use crate::{Exposition, Format};

/// Renders the asked format, or the closest one it can, and says which.
type Render = dyn Fn(Format) -> Result<(Format, Vec<u8>), String> + Send + Sync;

/// A producer of `/metrics` bodies. Cheap to clone.
#[derive(Clone)]
pub struct MetricsSource(Arc<Render>);

impl MetricsSource {
    /// Gathers and encodes `registry` on every scrape, in the text format
    /// (prometheus' `TextEncoder` writes no other text format).
    pub fn registry(registry: Registry) -> Self {
        MetricsSource::from_fn(move || crate::encode_text(&registry))
    }

    /// Calls `render` (text format 0.0.4) on every scrape; an `Err` becomes
    /// a 500 response.
    pub fn from_fn<E, F>(render: F) -> Self
    where
        E: fmt::Display,
        F: Fn() -> Result<String, E> + Send + Sync + 'static,
    {
        MetricsSource(Arc::new(move |_| {
            render()
                .map(|body| (Format::Text, body.into_bytes()))
                .map_err(|e| e.to_string())
        }))
    }

    /// Renders one body in the text format.
    pub fn render(&self) -> Result<String, String> {
        let (_, body) = self.render_format(Format::Text)?;
        // The text format is UTF-8: every source writes it from `String`s.
        String::from_utf8(body).map_err(|e| e.to_string())
    }

    /// Renders one body in `format` if the source can, else in the text
    /// format; returns the format written.
    pub fn render_format(&self, format: Format) -> Result<(Format, Vec<u8>), String> {
        (self.0)(format)
    }
}

/// A generated `Metrics` (or an `Arc` of one) writes its own families in
/// every format, from one walk of its cells.
impl<T: Exposition + 'static> From<T> for MetricsSource {
    fn from(metrics: T) -> Self {
        MetricsSource(Arc::new(move |format| {
            Ok((format, metrics.encode_format(format)))
        }))
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
