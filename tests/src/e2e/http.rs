//! A minimal HTTP/1.1 client on hyper for talking to the exporter, Prometheus
//! and the Pushgateway over loopback.

use std::{io, net::SocketAddr};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::{client::conn::http1::SendRequest, HeaderMap, Request};
use hyper_util::rt::TokioIo;

/// A complete response.
#[derive(Debug)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Response headers.
    pub headers: HeaderMap,
    /// The whole body, as received (not decompressed).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The body as UTF-8 text (panics if it is not).
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    /// A header's value as text, if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// One keep-alive connection that sends requests one after another.
#[derive(Debug)]
pub struct Connection {
    address: SocketAddr,
    sender: SendRequest<Empty<Bytes>>,
}

impl Connection {
    /// Connects to `address`; the connection is driven by a spawned task.
    pub async fn open(address: SocketAddr) -> io::Result<Self> {
        let stream = tokio::net::TcpStream::connect(address).await?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(io::Error::other)?;
        tokio::spawn(connection);
        Ok(Connection { address, sender })
    }

    /// Sends `method path` with `headers` and reads the whole response.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
    ) -> io::Result<HttpResponse> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", self.address.to_string());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Empty::new()).map_err(io::Error::other)?;
        self.sender.ready().await.map_err(io::Error::other)?;
        let response = self
            .sender
            .send_request(request)
            .await
            .map_err(io::Error::other)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(io::Error::other)?
            .to_bytes()
            .to_vec();
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// One request on a fresh connection.
pub async fn request(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> io::Result<HttpResponse> {
    Connection::open(address)
        .await?
        .send(method, path, headers)
        .await
}

/// `GET path` on a fresh connection.
pub async fn get(address: SocketAddr, path: &str) -> io::Result<HttpResponse> {
    request(address, "GET", path, &[]).await
}

/// Percent-encodes a query parameter value (everything but unreserved characters).
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
