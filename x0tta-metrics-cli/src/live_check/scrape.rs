//! Getting the exposition: an HTTP(S) scrape as Prometheus makes it, or a
//! saved file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use ureq::tls::{RootCerts, TlsConfig};

use super::exposition::Format;

/// What the scrape asks for, best first, as Prometheus does.
const ACCEPT: &str = "application/openmetrics-text;version=1.0.0;q=0.9,\
                      text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

/// The largest body read (a scrape past this is not one a Prometheus
/// server would take either).
const MAX_BODY_BYTES: u64 = 256 << 20;

/// The environment variables that may carry a secret instead of a file.
pub(crate) const TOKEN_ENV: &str = "X0TTA_METRICS_BEARER_TOKEN";
/// See [`TOKEN_ENV`].
pub(crate) const PASSWORD_ENV: &str = "X0TTA_METRICS_BASIC_PASSWORD";

/// How to reach the target.
pub(crate) struct Target {
    /// A URL (`http://…`, `https://…`) or a file path.
    pub(crate) location: String,
    /// A file holding the bearer token.
    pub(crate) bearer_token_file: Option<PathBuf>,
    /// `user:password-file` for HTTP Basic.
    pub(crate) basic_auth: Option<String>,
    /// A PEM file of the CA certificates to trust instead of the built-in roots.
    pub(crate) ca_file: Option<PathBuf>,
    /// How long the whole scrape may take.
    pub(crate) timeout: Duration,
}

/// A scrape's body and the format it is in.
pub(crate) struct Scraped {
    pub(crate) body: String,
    pub(crate) format: Format,
}

/// Scrapes the target, or reads the file.
pub(crate) fn scrape(target: &Target) -> Result<Scraped, String> {
    let location = target.location.as_str();
    if location.starts_with("http://") || location.starts_with("https://") {
        return get(target);
    }
    let body =
        std::fs::read_to_string(location).map_err(|e| format!("cannot read {location}: {e}"))?;
    // A saved file has no Content-Type: OpenMetrics is the one that ends in `# EOF`.
    let format = if body.trim_end_matches('\n').ends_with("# EOF") {
        Format::OpenMetrics
    } else {
        Format::Text
    };
    Ok(Scraped { body, format })
}

fn get(target: &Target) -> Result<Scraped, String> {
    let url = target.location.as_str();
    let mut tls = TlsConfig::builder();
    if let Some(path) = &target.ca_file {
        tls = tls.root_certs(ca_roots(path)?);
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(target.timeout))
        .tls_config(tls.build())
        // Like Prometheus, ignore HTTP(S)_PROXY unless told (it is not).
        .proxy(None)
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.get(url).header("accept", ACCEPT);
    if let Some(value) = authorization(target)? {
        request = request.header("authorization", value);
    }
    let mut response = request
        .call()
        .map_err(|e| format!("cannot scrape {url}: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("cannot scrape {url}: HTTP {status}"));
    }
    let openmetrics = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/openmetrics-text"));
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_string()
        .map_err(|e| format!("cannot read the scrape of {url}: {e}"))?;
    let format = if openmetrics {
        Format::OpenMetrics
    } else {
        Format::Text
    };
    Ok(Scraped { body, format })
}

/// The `Authorization` header: a bearer token from its file or
/// `X0TTA_METRICS_BEARER_TOKEN`, or Basic with the password from its file or
/// `X0TTA_METRICS_BASIC_PASSWORD`. Secrets never come from the command line,
/// where `ps` and shell history would show them.
fn authorization(target: &Target) -> Result<Option<String>, String> {
    if let Some(path) = &target.bearer_token_file {
        return Ok(Some(format!("Bearer {}", secret(path)?)));
    }
    if let Some(spec) = &target.basic_auth {
        let (user, file) = spec
            .split_once(':')
            .ok_or("--basic-auth takes USER:PASSWORD_FILE (or USER: with the password in X0TTA_METRICS_BASIC_PASSWORD)")?;
        let password = if file.is_empty() {
            std::env::var(PASSWORD_ENV).map_err(|_| {
                format!("--basic-auth {user}: names no password file and {PASSWORD_ENV} is unset")
            })?
        } else {
            secret(Path::new(file))?
        };
        let credentials =
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        return Ok(Some(format!("Basic {credentials}")));
    }
    Ok(std::env::var(TOKEN_ENV).ok().map(|t| format!("Bearer {t}")))
}

/// A secret file's content without its final line break.
fn secret(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(text.trim_end_matches(['\n', '\r']).to_owned())
}

/// The CA certificates of a PEM file.
fn ca_roots(path: &Path) -> Result<RootCerts, String> {
    let pem = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => certificates.push(c.to_owned()),
            Ok(_) => {}
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    if certificates.is_empty() {
        return Err(format!("{} holds no PEM certificate", path.display()));
    }
    Ok(RootCerts::new_with_certs(&certificates))
}
