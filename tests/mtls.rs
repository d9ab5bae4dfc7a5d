//! `mutualTLS` on the wire: the auth test API's `GET /mtls` (`security: [{mtls: []}]`) against a
//! local TLS server on 127.0.0.1 that requires a client certificate signed by its CA. The client
//! trusts the server's private CA through `.root_certificate_pem(..)` and presents the identity
//! given to `.identity_pem(..)`; without an identity, or with one the CA did not sign, the
//! handshake fails and the call is a transport error.

use std::sync::Arc;

use auth_client::{Client, ErrorKind};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;

/// A CA that signs the server's and the clients' certificates.
struct Ca {
    cert_pem: String,
    cert_der: CertificateDer<'static>,
    issuer: Issuer<'static, KeyPair>,
}

impl Ca {
    fn new(name: &str) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        Ca { cert_pem: cert.pem(), cert_der: cert.der().clone(), issuer: Issuer::new(params, key) }
    }

    /// A leaf certificate for `names`: its PEM, DER and private key.
    fn leaf(&self, names: &[&str], common_name: &str) -> (String, CertificateDer<'static>, KeyPair) {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut params = CertificateParams::new(names).unwrap();
        params.distinguished_name.push(DnType::CommonName, common_name);
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        (cert.pem(), cert.der().clone(), key)
    }

    /// PEM with the certificate chain and private key, as `.identity_pem()` takes it.
    fn identity(&self, common_name: &str) -> Vec<u8> {
        let (pem, _, key) = self.leaf(&[], common_name);
        format!("{pem}{}", key.serialize_pem()).into_bytes()
    }
}

/// A TLS server on 127.0.0.1 that requires a client certificate signed by `ca`, answers each
/// request with `{"ok":true}`, and reports the DER of each client certificate it accepted.
async fn server(ca: &Ca) -> (String, mpsc::UnboundedReceiver<CertificateDer<'static>>) {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = RootCertStore::empty();
    roots.add(ca.cert_der.clone()).unwrap();
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone()).build().unwrap();
    let (_, server_cert, server_key) = ca.leaf(&["localhost"], "localhost");
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(
            vec![server_cert, ca.cert_der.clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der())),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (seen, seen_rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let seen = seen.clone();
            tokio::spawn(async move {
                // A handshake without a certificate the CA signed fails here.
                let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                if let Some(cert) = tls.get_ref().1.peer_certificates().and_then(|c| c.first()) {
                    let _ = seen.send(cert.clone().into_owned());
                }
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                assert!(request.starts_with(b"GET /mtls "), "{}", String::from_utf8_lossy(&request));
                let body = br#"{"ok":true}"#;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = tls.write_all(head.as_bytes()).await;
                let _ = tls.write_all(body).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (format!("https://localhost:{port}"), seen_rx)
}

#[tokio::test]
async fn the_client_certificate_is_presented_and_verified() {
    let ca = Ca::new("test CA");
    let (base, mut seen) = server(&ca).await;
    let identity = ca.identity("client one");
    let client = Client::builder()
        .base_url(&base)
        .retries(0)
        .root_certificate_pem(ca.cert_pem.clone())
        .identity_pem(identity.clone())
        .build()
        .unwrap();
    let ok = client.get_mtls().await.unwrap();
    assert!(ok.ok);
    // The server saw the very certificate the identity PEM holds.
    let presented = seen.recv().await.unwrap();
    let expected = rustls::pki_types::pem::PemObject::from_pem_slice(&identity).map(|c: CertificateDer| c).unwrap();
    assert_eq!(presented, expected);
}

#[tokio::test]
async fn without_an_identity_the_handshake_fails() {
    let ca = Ca::new("test CA");
    let (base, _seen) = server(&ca).await;
    let client = Client::builder()
        .base_url(&base)
        .retries(0)
        .root_certificate_pem(ca.cert_pem.clone())
        .bearer_token("not what this operation takes")
        .build()
        .unwrap();
    let err = client.get_mtls().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Connect), "{err:?}");
}

#[tokio::test]
async fn an_identity_another_ca_signed_is_refused() {
    let ca = Ca::new("test CA");
    let (base, _seen) = server(&ca).await;
    let stranger = Ca::new("another CA").identity("client two");
    let client = Client::builder()
        .base_url(&base)
        .retries(0)
        .root_certificate_pem(ca.cert_pem.clone())
        .identity_pem(stranger)
        .build()
        .unwrap();
    let err = client.get_mtls().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Connect), "{err:?}");
}

#[tokio::test]
async fn the_server_is_not_trusted_without_its_root() {
    let ca = Ca::new("test CA");
    let (base, mut seen) = server(&ca).await;
    let client = Client::builder().base_url(&base).retries(0).identity_pem(ca.identity("client")).build().unwrap();
    let err = client.get_mtls().await.unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Connect), "{err:?}");
    assert!(seen.try_recv().is_err(), "no request reached the server");
}

#[test]
fn root_certificates_are_checked_at_build() {
    let err = Client::builder().bearer_token("t").root_certificate_pem(b"not pem".to_vec()).build().unwrap_err();
    assert!(err.message().contains("root certificate is not valid PEM"), "{err}");
    let ca = Ca::new("test CA");
    let err = Client::builder()
        .bearer_token("t")
        .root_certificate_pem(ca.cert_pem.clone())
        .http_client(reqwest_client())
        .build()
        .unwrap_err();
    assert!(err.message().contains(".root_certificate_pem()") && err.message().contains(".http_client()"), "{err}");
}

fn reqwest_client() -> api_runtime::reqwest::Client {
    api_runtime::reqwest::Client::new()
}
