//! AWS Signature Version 4 signing of outgoing requests, using the `aws-sigv4` crate.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    sign as sigv4_sign, PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use reqwest::header::{HeaderName, HeaderValue};
use secrecy::ExposeSecret;

use crate::auth::AwsAuth;

/// Headers the signer adds; stale copies are removed before signing.
const SIGNER_HEADERS: &[&str] = &[
    "authorization",
    "x-amz-date",
    "x-amz-content-sha256",
    "x-amz-security-token",
];

/// Why a request could not be signed.
#[derive(Debug)]
pub(crate) enum SignError {
    /// The signer refused its parameters or the request.
    Signer(Box<dyn std::error::Error + Send + Sync>),
    /// The signer produced a header value that is not valid in a header (by header name).
    InvalidHeader(String),
}

impl SignError {
    fn signer(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> SignError {
        SignError::Signer(error.into())
    }
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignError::Signer(e) => write!(f, "could not sign the request: {e}"),
            SignError::InvalidHeader(name) => write!(f, "the signer produced an invalid {name} header"),
        }
    }
}

impl std::error::Error for SignError {}

/// Signs `request` in place for the host in its URL, at `time`.
///
/// The signature covers the method, the URL (path and query), the `host` derived from the URL
/// (so an overridden endpoint is signed for that endpoint), `content-type`, every `x-amz-*`
/// header, and the SHA-256 of `body` (sent as `x-amz-content-sha256`). When the body cannot be
/// read up front (`None`), the payload is marked `UNSIGNED-PAYLOAD`. With a session token,
/// `x-amz-security-token` is added and signed.
pub(crate) fn sign(
    request: &mut reqwest::Request,
    aws: &AwsAuth,
    body: Option<&[u8]>,
    time: SystemTime,
) -> Result<(), SignError> {
    for name in SIGNER_HEADERS {
        request.headers_mut().remove(*name);
    }

    let identity: Identity = Credentials::new(
        aws.access_key_id.clone(),
        aws.secret_access_key.expose_secret().to_owned(),
        aws.session_token
            .as_ref()
            .map(|t| t.expose_secret().to_owned()),
        None,
        "api-runtime",
    )
    .into();

    let mut settings = SigningSettings::default();
    settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&aws.region)
        .name(aws.signing_name)
        .time(time)
        .settings(settings)
        .build()
        .map_err(SignError::signer)?
        .into();

    let instructions = {
        let signed_headers = request.headers().iter().filter_map(|(name, value)| {
            let name = name.as_str();
            let signed = name == "content-type" || name.starts_with("x-amz-");
            match value.to_str() {
                Ok(value) if signed => Some((name, value)),
                _ => None,
            }
        });
        let signable_body = match body {
            Some(bytes) => SignableBody::Bytes(bytes),
            None => SignableBody::UnsignedPayload,
        };
        let signable = SignableRequest::new(
            request.method().as_str(),
            request.url().as_str(),
            signed_headers,
            signable_body,
        )
        .map_err(SignError::signer)?;
        let (instructions, _signature) = sigv4_sign(signable, &params)
            .map_err(SignError::signer)?
            .into_parts();
        instructions
    };

    let (headers, _query) = instructions.into_parts();
    for header in headers {
        let name = HeaderName::from_static(header.name());
        let mut value = HeaderValue::from_str(header.value())
            .map_err(|_| SignError::InvalidHeader(header.name().to_owned()))?;
        value.set_sensitive(header.sensitive() || name == "authorization");
        request.headers_mut().insert(name, value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::{Method, Url};
    use secrecy::SecretString;
    use std::time::Duration;

    fn aws(session: Option<&str>) -> AwsAuth {
        AwsAuth {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: SecretString::from("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            session_token: session.map(SecretString::from),
            region: "us-east-1".into(),
            signing_name: "service",
        }
    }

    fn request(url: &str) -> reqwest::Request {
        reqwest::Request::new(Method::GET, Url::parse(url).unwrap())
    }

    #[test]
    fn signs_with_credential_scope_and_date() {
        // 2015-08-30T12:36:00Z, the date of the AWS SigV4 test suite.
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        let mut req = request("https://example.amazonaws.com/?Param2=value2&Param1=value1");
        sign(&mut req, &aws(None), Some(b""), time).unwrap();
        let auth = req.headers()["authorization"].to_str().unwrap();
        assert!(
            auth.starts_with(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
                 SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="
            ),
            "{auth}"
        );
        assert_eq!(req.headers()["x-amz-date"], "20150830T123600Z");
        assert_eq!(
            req.headers()["x-amz-content-sha256"],
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert!(req.headers()["authorization"].is_sensitive());
    }

    #[test]
    fn session_token_is_sent_and_signed() {
        let mut req = request("http://127.0.0.1:9000/a");
        sign(&mut req, &aws(Some("sess")), Some(b"{}"), SystemTime::now()).unwrap();
        assert_eq!(req.headers()["x-amz-security-token"], "sess");
        assert!(req.headers()["x-amz-security-token"].is_sensitive());
        let auth = req.headers()["authorization"].to_str().unwrap();
        assert!(auth.contains("x-amz-security-token"), "{auth}");
    }

    #[test]
    fn resigning_replaces_old_signature() {
        let mut req = request("http://127.0.0.1:9000/a");
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        sign(&mut req, &aws(None), Some(b""), t0).unwrap();
        sign(
            &mut req,
            &aws(None),
            Some(b""),
            t0 + Duration::from_secs(60),
        )
        .unwrap();
        assert_eq!(req.headers().get_all("authorization").iter().count(), 1);
        assert_eq!(req.headers()["x-amz-date"], "20150830T123700Z");
    }
}
