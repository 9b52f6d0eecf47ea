//! Encoding a whole registry in the Prometheus text format.

use prometheus::{Encoder, Registry, TextEncoder};

/// Gathers `registry` and encodes every family in the text exposition format
/// 0.0.4, the body of a `/metrics` response.
pub fn encode_text(registry: &Registry) -> Result<String, prometheus::Error> {
    let mut buffer = Vec::new();
    TextEncoder::new().encode(&registry.gather(), &mut buffer)?;
    // The text encoder writes UTF-8 only; a failure here is a bug in it.
    String::from_utf8(buffer).map_err(|e| prometheus::Error::Msg(e.to_string()))
}
