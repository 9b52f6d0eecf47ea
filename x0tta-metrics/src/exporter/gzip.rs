//! Content negotiation and compression of scrape bodies.

use std::io::Write;

use flate2::{write::GzEncoder, Compression};

/// Whether an `Accept-Encoding` value admits gzip (RFC 9110 §12.5.3): an
/// explicit `gzip` coding decides by its quality (`q=0` means "not
/// acceptable"); only when gzip is not listed does `*` speak for it.
pub(crate) fn accepts_gzip(accept_encoding: &str) -> bool {
    let mut wildcard = None;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';').map(str::trim);
        let coding = parts.next().unwrap_or_default();
        let acceptable = parts
            .filter_map(|param| param.split_once('='))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
            .is_none_or(|(_, q)| q.trim().parse::<f32>().is_ok_and(|q| q > 0.0));
        if coding.eq_ignore_ascii_case("gzip") {
            return acceptable;
        }
        if coding == "*" {
            wildcard = Some(acceptable);
        }
    }
    wildcard.unwrap_or(false)
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
        // `*` does not cover a coding the client listed explicitly.
        assert!(!accepts_gzip("gzip;q=0, *"));
        assert!(!accepts_gzip("*, gzip;q=0"));
        assert!(accepts_gzip("br;q=0, *"));
        assert!(!accepts_gzip("*;q=0"));
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
