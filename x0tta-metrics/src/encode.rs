//! Encoding a registry in the Prometheus text format.

use std::sync::Arc;

use prometheus::{Encoder, Registry, TextEncoder};

/// Something that writes its own families in the text exposition format
/// 0.0.4: every generated `Metrics` does, from names and label sets rendered
/// at compile time, without `gather()`. The exporter serves any of them.
pub trait Exposition: Send + Sync {
    /// The families as text: the body of a `/metrics` response.
    fn encode_text(&self) -> String;
}

impl<T: Exposition + ?Sized> Exposition for Arc<T> {
    fn encode_text(&self) -> String {
        (**self).encode_text()
    }
}

/// Gathers `registry` and encodes every family in the text exposition format
/// 0.0.4, the body of a `/metrics` response.
pub fn encode_text(registry: &Registry) -> Result<String, prometheus::Error> {
    let mut buffer = Vec::new();
    TextEncoder::new().encode(&registry.gather(), &mut buffer)?;
    // The text encoder writes UTF-8 only; a failure here is a bug in it.
    String::from_utf8(buffer).map_err(|e| prometheus::Error::Msg(e.to_string()))
}
