//! Credentials held by a client and how they are applied to each request.

use std::fmt;
use std::time::SystemTime;

use reqwest::header::{HeaderValue, AUTHORIZATION};
use secrecy::{ExposeSecret, SecretString};

use crate::sigv4;

/// The credentials of a built client. Secrets are held in [`SecretString`] and never shown by
/// `Debug`.
pub(crate) enum Auth {
    /// No authentication.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(SecretString),
    /// AWS SigV4 signing.
    AwsSigV4(AwsAuth),
}

/// AWS credentials plus what SigV4 needs to sign for a service.
pub(crate) struct AwsAuth {
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: SecretString,
    pub(crate) session_token: Option<SecretString>,
    pub(crate) region: String,
    pub(crate) signing_name: &'static str,
}

impl Auth {
    /// Adds authentication to a request that is about to be sent. SigV4 signs it as it is now
    /// (URL, host, selected headers and `body`), so this must be the last change to the
    /// request; `body` is `None` for bodies that cannot be read up front (multipart).
    pub(crate) fn apply(
        &self,
        request: &mut reqwest::Request,
        body: Option<&[u8]>,
    ) -> Result<(), String> {
        match self {
            Auth::None => Ok(()),
            Auth::Bearer(token) => {
                let value = bearer_header(token)?;
                request.headers_mut().insert(AUTHORIZATION, value);
                Ok(())
            }
            Auth::AwsSigV4(aws) => sigv4::sign(request, aws, body, SystemTime::now()),
        }
    }
}

/// `Bearer <token>` as a sensitive header value (never printed by `Debug`).
pub(crate) fn bearer_header(token: &SecretString) -> Result<HeaderValue, String> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
        .map_err(|_| "the bearer token contains characters not allowed in a header".to_owned())?;
    value.set_sensitive(true);
    Ok(value)
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Auth::AwsSigV4(aws) => fmt::Debug::fmt(aws, f),
        }
    }
}

impl fmt::Debug for AwsAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsSigV4")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .field("region", &self.region)
            .field("signing_name", &self.signing_name)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts() {
        let bearer = Auth::Bearer(SecretString::from("tok-123"));
        assert!(!format!("{bearer:?}").contains("tok-123"));
        let aws = Auth::AwsSigV4(AwsAuth {
            access_key_id: "AKID".into(),
            secret_access_key: SecretString::from("sekrit"),
            session_token: Some(SecretString::from("sess-tok")),
            region: "us-east-1".into(),
            signing_name: "svc",
        });
        let shown = format!("{aws:?}");
        assert!(shown.contains("AKID"));
        assert!(
            !shown.contains("sekrit") && !shown.contains("sess-tok"),
            "{shown}"
        );
    }

    #[test]
    fn bearer_header_is_sensitive() {
        let v = bearer_header(&SecretString::from("abc")).unwrap();
        assert!(v.is_sensitive());
        assert_eq!(v.to_str().unwrap(), "Bearer abc");
        assert!(!format!("{v:?}").contains("abc"));
        assert!(bearer_header(&SecretString::from("a\nb")).is_err());
    }
}
