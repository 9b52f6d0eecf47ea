//! Content negotiation and compression of scrape bodies.

use std::io::Write;

use flate2::{write::GzEncoder, Compression};

/// Whether an `Accept-Encoding` value admits gzip: a `gzip` or `*` coding
/// whose quality is not zero (RFC 9110 §12.5.3).
pub(crate) fn accepts_gzip(accept_encoding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let coding = parts.next().unwrap_or_default();
        if !(coding.eq_ignore_ascii_case("gzip") || coding == "*") {
            return false;
        }
        parts
            .filter_map(|param| param.split_once('='))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
            .is_none_or(|(_, q)| q.trim().parse::<f32>().is_ok_and(|q| q > 0.0))
    })
}

/// Gzips `body`. The fast level: scrapes repeat every few seconds and the
/// text format compresses well even so.
pub(crate) fn compress(body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 4), Compression::fast());
    encoder.write_all(body)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_gzip_by_coding_and_quality() {
        assert!(accepts_gzip("gzip"));
        assert!(accepts_gzip("deflate, GZIP;q=0.5"));
        assert!(accepts_gzip("*"));
        assert!(accepts_gzip("br, gzip ; q=1.0"));
        assert!(!accepts_gzip("gzip;q=0"));
        assert!(!accepts_gzip("gzip;q=0.000"));
        assert!(!accepts_gzip("gzip;q=nonsense"));
        assert!(!accepts_gzip("deflate, br"));
        assert!(!accepts_gzip("identity"));
        assert!(!accepts_gzip(""));
    }

    #[test]
    fn compressed_body_inflates_back() {
        use std::io::Read;
        let body = "x0tta6bl4_up 1\n".repeat(100);
        let compressed = compress(body.as_bytes()).expect("gzip");
        assert!(compressed.len() < body.len());
        let mut inflated = String::new();
        flate2::read::GzDecoder::new(&compressed[..])
            .read_to_string(&mut inflated)
            .expect("gunzip");
        assert_eq!(inflated, body);
    }
}
