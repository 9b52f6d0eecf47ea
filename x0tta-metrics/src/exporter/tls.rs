//! TLS for the Pushgateway client (feature `tls`): rustls with the ring
//! provider, Mozilla's root certificates (webpki-roots) plus any CA the
//! application gives, server names checked as usual. No OpenSSL.

use std::{io, sync::Arc};

use rustls::{
    pki_types::{pem::PemObject, CertificateDer, ServerName},
    ClientConfig, RootCertStore,
};
use tokio::net::TcpStream;
use tokio_rustls::{client::TlsStream, TlsConnector};

use super::PushError;

/// How to open a TLS session with one gateway.
#[derive(Clone, Debug)]
pub(crate) struct Tls {
    server_name: ServerName<'static>,
    /// CAs given on top of the built-in roots.
    extra_roots: Vec<CertificateDer<'static>>,
    config: Arc<ClientConfig>,
}

impl Tls {
    /// TLS to `host` (a DNS name or an IP address, brackets allowed),
    /// trusting the built-in roots.
    pub(crate) fn new(host: &str) -> Result<Self, PushError> {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let server_name = ServerName::try_from(bare.to_owned()).map_err(|e| {
            PushError::InvalidUrl(format!("{host:?} is not a TLS server name: {e}"))
        })?;
        let config = client_config(&[])?;
        Ok(Tls {
            server_name,
            extra_roots: Vec::new(),
            config,
        })
    }

    /// Also trusts every certificate in `pem` (one or more PEM
    /// `CERTIFICATE` blocks, e.g. a private CA's).
    pub(crate) fn add_roots_pem(&mut self, pem: &[u8]) -> Result<(), PushError> {
        let before = self.extra_roots.len();
        for certificate in CertificateDer::pem_slice_iter(pem) {
            let certificate = certificate
                .map_err(|e| PushError::InvalidCertificate(format!("unreadable PEM: {e}")))?;
            self.extra_roots.push(certificate);
        }
        if self.extra_roots.len() == before {
            return Err(PushError::InvalidCertificate(
                "no CERTIFICATE block in the PEM".to_owned(),
            ));
        }
        self.config = client_config(&self.extra_roots)?;
        Ok(())
    }

    /// Runs the TLS handshake over `tcp`.
    pub(crate) async fn connect(&self, tcp: TcpStream) -> io::Result<TlsStream<TcpStream>> {
        TlsConnector::from(Arc::clone(&self.config))
            .connect(self.server_name.clone(), tcp)
            .await
    }
}

fn client_config(extra_roots: &[CertificateDer<'static>]) -> Result<Arc<ClientConfig>, PushError> {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    for certificate in extra_roots {
        roots
            .add(certificate.clone())
            .map_err(|e| PushError::InvalidCertificate(format!("not a usable CA: {e}")))?;
    }
    // The ring provider explicitly: the process-wide default would be
    // ambiguous in an application that also links aws-lc.
    let config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| PushError::InvalidCertificate(format!("TLS setup: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
    Ok(Arc::new(config))
}
