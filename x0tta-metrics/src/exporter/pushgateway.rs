//! A Pushgateway client for batch jobs and for nodes that cannot be
//! scraped: HTTP/1.1, or HTTPS with the `tls` feature; one push at a time
//! (async or blocking) or a periodic push loop ([`super::PeriodicPush`]).
//!
//! Push semantics follow the Pushgateway's API: `PUT` ([`Pushgateway::push`])
//! replaces every metric of the group, `POST` ([`Pushgateway::push_add`])
//! replaces only the families pushed, `DELETE` ([`Pushgateway::delete`])
//! removes the group. A group is the job name plus a grouping key.

use std::{fmt, future::Future, io, time::Duration};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::{
    header::{self, HeaderValue},
    Method, Request, Uri,
};
use hyper_util::rt::TokioIo;
use tokio::{
    io::{AsyncRead, AsyncWrite},
    net::TcpStream,
};

#[cfg(feature = "tls")]
use super::tls::Tls;
use super::{base64, Auth, MetricsSource, TEXT_FORMAT_CONTENT_TYPE};

/// How much of an error response's body is kept for [`PushError::Status`].
const ERROR_BODY_LIMIT: usize = 4096;

/// A Pushgateway at a base URL such as `http://127.0.0.1:9091`.
///
/// ```no_run
/// # async fn run(registry: &x0tta_metrics::prometheus::Registry) -> Result<(), x0tta_metrics::exporter::PushError> {
/// use x0tta_metrics::exporter::Pushgateway;
///
/// let gateway = Pushgateway::new("http://127.0.0.1:9091")?;
/// gateway.push("fl_training", &[("instance", "node-7")], registry).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Pushgateway {
    /// `host:port`, always with a port.
    authority: String,
    /// The base URL's path without a trailing slash (usually empty).
    base_path: String,
    timeout: Duration,
    auth: Option<Auth>,
    /// Set for `https://` URLs.
    #[cfg(feature = "tls")]
    tls: Option<Tls>,
}

/// Why a push or delete failed.
#[derive(Debug)]
pub enum PushError {
    /// The base URL is not an `http(s)://host[:port][/path]` URL.
    InvalidUrl(String),
    /// A CA certificate given to trust could not be used.
    InvalidCertificate(String),
    /// The TLS handshake failed (for example, an untrusted certificate).
    Tls(std::io::Error),
    /// The job name or a grouping label cannot form a group.
    InvalidGroupingKey(String),
    /// The registry could not be encoded.
    Encode(String),
    /// The connection could not be made or broke.
    Io(std::io::Error),
    /// The HTTP exchange failed.
    Http(hyper::Error),
    /// No complete answer within the timeout.
    Timeout(Duration),
    /// The Pushgateway answered with a non-2xx status.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The start of the response body (the Pushgateway's reason).
        body: String,
    },
}

impl fmt::Display for PushError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PushError::InvalidUrl(why) => write!(f, "invalid Pushgateway URL: {why}"),
            PushError::InvalidCertificate(why) => write!(f, "invalid CA certificate: {why}"),
            PushError::Tls(e) => write!(f, "TLS handshake with the Pushgateway failed: {e}"),
            PushError::InvalidGroupingKey(why) => write!(f, "invalid grouping key: {why}"),
            PushError::Encode(e) => write!(f, "encoding metrics failed: {e}"),
            PushError::Io(e) => write!(f, "connection to the Pushgateway failed: {e}"),
            PushError::Http(e) => write!(f, "HTTP exchange with the Pushgateway failed: {e}"),
            PushError::Timeout(after) => {
                write!(f, "the Pushgateway did not answer within {after:?}")
            }
            PushError::Status { status, body } => {
                write!(f, "the Pushgateway answered {status}: {}", body.trim_end())
            }
        }
    }
}

impl std::error::Error for PushError {}

impl Pushgateway {
    /// A client of the Pushgateway at `base_url`
    /// (`http://host[:port][/prefix]`, port 80 when omitted; with the `tls`
    /// feature also `https://`, port 443 when omitted, the certificate
    /// checked against Mozilla's roots and any CA added with
    /// [`Pushgateway::trust_ca_pem`]), with a 10 s timeout.
    pub fn new(base_url: &str) -> Result<Self, PushError> {
        let uri: Uri = base_url
            .parse()
            .map_err(|e| PushError::InvalidUrl(format!("{base_url:?}: {e}")))?;
        let default_port = match uri.scheme_str() {
            Some("http") => 80,
            #[cfg(feature = "tls")]
            Some("https") => 443,
            #[cfg(not(feature = "tls"))]
            Some("https") => {
                return Err(PushError::InvalidUrl(format!(
                    "{base_url:?}: https needs the `tls` feature of x0tta-metrics"
                )))
            }
            Some(other) => {
                return Err(PushError::InvalidUrl(format!(
                    "{base_url:?}: scheme {other:?} is not supported, use http or https"
                )))
            }
            None => {
                return Err(PushError::InvalidUrl(format!(
                    "{base_url:?}: no scheme, expected http://host:port"
                )))
            }
        };
        let authority = uri
            .authority()
            .ok_or_else(|| PushError::InvalidUrl(format!("{base_url:?}: no host")))?;
        if authority.as_str().contains('@') {
            return Err(PushError::InvalidUrl(format!(
                "{base_url:?}: credentials in the URL are not supported, use Pushgateway::auth"
            )));
        }
        if uri.query().is_some() {
            return Err(PushError::InvalidUrl(format!(
                "{base_url:?}: a query is not allowed"
            )));
        }
        Ok(Pushgateway {
            authority: format!(
                "{}:{}",
                authority.host(),
                authority.port_u16().unwrap_or(default_port)
            ),
            base_path: uri.path().trim_end_matches('/').to_owned(),
            timeout: Duration::from_secs(10),
            auth: None,
            #[cfg(feature = "tls")]
            tls: match uri.scheme_str() {
                Some("https") => Some(Tls::new(authority.host())?),
                _ => None,
            },
        })
    }

    /// Also trusts the CA certificate(s) in `pem` (PEM `CERTIFICATE`
    /// blocks), e.g. a fleet's private CA. Only for `https://` gateways.
    #[cfg(feature = "tls")]
    pub fn trust_ca_pem(mut self, pem: &[u8]) -> Result<Self, PushError> {
        match self.tls.as_mut() {
            Some(tls) => tls.add_roots_pem(pem)?,
            None => {
                return Err(PushError::InvalidUrl(
                    "a CA to trust was given for a plain http:// gateway".to_owned(),
                ))
            }
        }
        Ok(self)
    }

    /// Gives up on a request after `timeout` (connect, send and answer).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Presents these credentials (a Pushgateway behind an authenticating proxy).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Replaces all metrics of the group (`PUT`) with `source`'s: a generated
    /// `Metrics` (the body its exporter serves) or a `&Registry` (gathered).
    pub async fn push(
        &self,
        job: &str,
        grouping: &[(&str, &str)],
        source: impl Into<MetricsSource>,
    ) -> Result<(), PushError> {
        self.push_with(Method::PUT, job, grouping, source.into())
            .await
    }

    /// Replaces only the pushed families in the group (`POST`); `source` as
    /// for [`push`](Self::push).
    pub async fn push_add(
        &self,
        job: &str,
        grouping: &[(&str, &str)],
        source: impl Into<MetricsSource>,
    ) -> Result<(), PushError> {
        self.push_with(Method::POST, job, grouping, source.into())
            .await
    }

    async fn push_with(
        &self,
        method: Method,
        job: &str,
        grouping: &[(&str, &str)],
        source: MetricsSource,
    ) -> Result<(), PushError> {
        let path = group_path(job, grouping)?;
        self.push_to(method, &path, source).await
    }

    /// Pushes `source` to the group at `path` (from [`group_path`]): the
    /// same body the exporter serves for a text scrape.
    pub(crate) async fn push_to(
        &self,
        method: Method,
        path: &str,
        source: impl Into<MetricsSource>,
    ) -> Result<(), PushError> {
        let body = source.into().render().map_err(PushError::Encode)?;
        self.send(method, path, Bytes::from(body)).await
    }

    /// Deletes every metric of the group (`DELETE`).
    pub async fn delete(&self, job: &str, grouping: &[(&str, &str)]) -> Result<(), PushError> {
        let path = group_path(job, grouping)?;
        self.send(Method::DELETE, &path, Bytes::new()).await
    }

    /// [`Pushgateway::push`] for code without an async runtime (a batch
    /// job's `main`): runs the push on a private single-threaded runtime.
    /// Called from inside a tokio runtime (its tasks or its blocking pool)
    /// it returns an error instead of blocking that runtime's thread.
    pub fn push_blocking(
        &self,
        job: &str,
        grouping: &[(&str, &str)],
        source: impl Into<MetricsSource>,
    ) -> Result<(), PushError> {
        block_on(self.push(job, grouping, source))
    }

    /// [`Pushgateway::push_add`], blocking (see [`Pushgateway::push_blocking`]).
    pub fn push_add_blocking(
        &self,
        job: &str,
        grouping: &[(&str, &str)],
        source: impl Into<MetricsSource>,
    ) -> Result<(), PushError> {
        block_on(self.push_add(job, grouping, source))
    }

    /// [`Pushgateway::delete`], blocking (see [`Pushgateway::push_blocking`]).
    pub fn delete_blocking(&self, job: &str, grouping: &[(&str, &str)]) -> Result<(), PushError> {
        block_on(self.delete(job, grouping))
    }

    async fn send(&self, method: Method, group: &str, body: Bytes) -> Result<(), PushError> {
        let path = format!("{}{group}", self.base_path);
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, &self.authority);
        if !body.is_empty() {
            request = request.header(header::CONTENT_TYPE, TEXT_FORMAT_CONTENT_TYPE);
        }
        if let Some(auth) = &self.auth {
            let value = HeaderValue::from_bytes(&auth.header_value()).map_err(|_| {
                PushError::InvalidUrl("credentials are not a valid header value".to_owned())
            })?;
            request = request.header(header::AUTHORIZATION, value);
        }
        let request = request
            .body(Full::new(body))
            .map_err(|e| PushError::InvalidUrl(e.to_string()))?;
        tokio::time::timeout(self.timeout, self.exchange(request))
            .await
            .map_err(|_| PushError::Timeout(self.timeout))?
    }

    async fn exchange(&self, request: Request<Full<Bytes>>) -> Result<(), PushError> {
        let tcp = TcpStream::connect(&self.authority)
            .await
            .map_err(PushError::Io)?;
        #[cfg(feature = "tls")]
        if let Some(tls) = &self.tls {
            let stream = tls.connect(tcp).await.map_err(PushError::Tls)?;
            return exchange_over(stream, request).await;
        }
        exchange_over(tcp, request).await
    }
}

/// Runs `push` to completion on a private current-thread runtime.
fn block_on(push: impl Future<Output = Result<(), PushError>>) -> Result<(), PushError> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(PushError::Io(io::Error::other(
            "a blocking push was called inside a tokio runtime; await the async one",
        )));
    }
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(PushError::Io)?
        .block_on(push)
}

/// One request and its answer over `stream` (plain TCP or TLS).
async fn exchange_over<S>(stream: S, request: Request<Full<Bytes>>) -> Result<(), PushError>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(PushError::Http)?;
    let exchange = async move {
        let response = sender
            .send_request(request)
            .await
            .map_err(PushError::Http)?;
        let status = response.status();
        let body = Limited::new(response.into_body(), ERROR_BODY_LIMIT)
            .collect()
            .await;
        if status.is_success() {
            return Ok(());
        }
        let body = body
            .map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned())
            .unwrap_or_default();
        Err(PushError::Status {
            status: status.as_u16(),
            body,
        })
    };
    // The connection future drives the socket; it ends once the
    // exchange is done and the sender dropped.
    let (result, _) = tokio::join!(exchange, connection);
    result
}

/// `/metrics/job/<job>{/<label>/<value>}` with every part encoded as the
/// Pushgateway reads it: percent-encoded, or `<name>@base64/<url-safe base64>`
/// for a value that is empty or contains `/` (which no escaping survives).
pub(crate) fn group_path(job: &str, grouping: &[(&str, &str)]) -> Result<String, PushError> {
    if job.is_empty() {
        return Err(PushError::InvalidGroupingKey(
            "the job name is empty".to_owned(),
        ));
    }
    let mut path = String::from("/metrics");
    push_pair(&mut path, "job", job);
    for (index, (name, value)) in grouping.iter().enumerate() {
        if !is_label_name(name) || name.starts_with("__") {
            return Err(PushError::InvalidGroupingKey(format!(
                "{name:?} is not a valid label name"
            )));
        }
        if *name == "job" || grouping[..index].iter().any(|(earlier, _)| earlier == name) {
            return Err(PushError::InvalidGroupingKey(format!(
                "label {name:?} appears twice"
            )));
        }
        push_pair(&mut path, name, value);
    }
    Ok(path)
}

fn push_pair(path: &mut String, name: &str, value: &str) {
    if value.is_empty() || value.contains('/') {
        // The Pushgateway spells an empty value `=` (base64 of nothing, padded).
        let encoded = if value.is_empty() {
            "=".to_owned()
        } else {
            base64::encode(value.as_bytes(), base64::URL_SAFE)
        };
        path.push_str(&format!("/{name}@base64/{encoded}"));
    } else {
        path.push_str(&format!("/{name}/{}", percent_encode(value)));
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn is_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_paths_follow_the_pushgateway_url_rules() {
        assert_eq!(group_path("batch", &[]).unwrap(), "/metrics/job/batch");
        assert_eq!(
            group_path("fl round", &[("instance", "node 7"), ("zone", "eu-1")]).unwrap(),
            "/metrics/job/fl%20round/instance/node%207/zone/eu-1"
        );
        assert_eq!(group_path("a/b", &[]).unwrap(), "/metrics/job@base64/YS9i");
        assert_eq!(
            group_path("j", &[("path", "/var/tmp")]).unwrap(),
            "/metrics/job/j/path@base64/L3Zhci90bXA="
        );
        assert_eq!(
            group_path("j", &[("empty", "")]).unwrap(),
            "/metrics/job/j/empty@base64/="
        );
        assert_eq!(
            group_path("j", &[("node", "узел")]).unwrap(),
            "/metrics/job/j/node/%D1%83%D0%B7%D0%B5%D0%BB"
        );
    }

    #[test]
    fn bad_groups_are_refused_with_a_reason() {
        let refused = |job: &str, grouping: &[(&str, &str)]| {
            group_path(job, grouping).unwrap_err().to_string()
        };
        assert!(refused("", &[]).contains("job name is empty"));
        assert!(refused("j", &[("1x", "v")]).contains("\"1x\" is not a valid label name"));
        assert!(refused("j", &[("__x", "v")]).contains("not a valid label name"));
        assert!(refused("j", &[("job", "v")]).contains("appears twice"));
        assert!(refused("j", &[("a", "1"), ("a", "2")]).contains("appears twice"));
    }

    #[test]
    fn only_http_and_https_urls_are_accepted() {
        let gateway = Pushgateway::new("http://127.0.0.1:9091/prefix/").unwrap();
        assert_eq!(
            (gateway.authority.as_str(), gateway.base_path.as_str()),
            ("127.0.0.1:9091", "/prefix")
        );
        assert_eq!(
            Pushgateway::new("http://gateway").unwrap().authority,
            "gateway:80"
        );
        for bad in [
            "ftp://gw:9091",
            "gw:9091",
            "http://user:pw@gw",
            "http://gw?x=1",
            "not a url",
        ] {
            assert!(
                matches!(Pushgateway::new(bad), Err(PushError::InvalidUrl(_))),
                "{bad}"
            );
        }
    }
}
