//! The credentials a [`ClientBuilder`](crate::ClientBuilder) collects, one slot per security
//! scheme of the service, and the checks that reject a credential the API has no use for.

use secrecy::{SecretSlice, SecretString};

use crate::config::ServiceConfig;
use crate::error::ConfigError;
use crate::scheme::{Scheme, SchemeKind, SchemeUse};

pub(crate) const AWS_ACCESS_KEY_ID: &str = "AWS_ACCESS_KEY_ID";
pub(crate) const AWS_SECRET_ACCESS_KEY: &str = "AWS_SECRET_ACCESS_KEY";
pub(crate) const AWS_SESSION_TOKEN: &str = "AWS_SESSION_TOKEN";
pub(crate) const AWS_REGION: &str = "AWS_REGION";
pub(crate) const AWS_DEFAULT_REGION: &str = "AWS_DEFAULT_REGION";

/// What was configured for one scheme. Each field is filled by a setter or, when still empty,
/// by `from_env`.
#[derive(Default)]
pub(crate) struct Slot {
    /// A token, key or other single credential (also an OAuth2 access token).
    pub(crate) secret: Option<SecretString>,
    /// `http` `basic`: username and password.
    pub(crate) basic: Option<(String, SecretString)>,
    /// OAuth2 client credentials: client id and secret.
    pub(crate) client: Option<(String, SecretString)>,
    /// mutualTLS: PEM with the certificate chain and private key.
    pub(crate) identity: Option<SecretSlice<u8>>,
}

/// AWS credentials given to the builder.
pub(crate) struct AwsCredentials {
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: SecretString,
    pub(crate) session_token: Option<SecretString>,
}

/// Every credential given to a builder, by scheme.
pub(crate) struct Credentials {
    pub(crate) service: &'static ServiceConfig,
    pub(crate) slots: Vec<Slot>,
    pub(crate) aws: Option<AwsCredentials>,
    pub(crate) region: Option<String>,
    /// Credentials the API has no use for, reported by `build()`.
    pub(crate) unusable: Vec<String>,
}

impl Credentials {
    pub(crate) fn new(service: &'static ServiceConfig) -> Self {
        Credentials {
            service,
            slots: service.schemes.iter().map(|_| Slot::default()).collect(),
            aws: None,
            region: None,
            unusable: Vec::new(),
        }
    }

    fn schemes(&self) -> &'static [Scheme] {
        self.service.schemes
    }

    /// The indices of the schemes `fits` accepts; when there are none, notes `what` as unusable.
    fn targets(&mut self, what: &str, fits: impl Fn(&SchemeKind) -> bool) -> Vec<usize> {
        let found: Vec<usize> = (0..self.schemes().len())
            .filter(|&i| fits(&self.schemes()[i].kind))
            .collect();
        if found.is_empty() {
            let accepts = self.accepted();
            self.unusable.push(format!(
                "{what} was given, but {} has no use for it; {accepts}",
                self.service.crate_name
            ));
        }
        found
    }

    /// `it accepts ...` for messages about unusable credentials.
    fn accepted(&self) -> String {
        let all: Vec<String> = self.schemes().iter().map(Scheme::describe).collect();
        if all.is_empty() {
            "it takes no credentials".to_owned()
        } else {
            format!("it accepts {}", all.join("; "))
        }
    }

    /// A token for every scheme sent as `Authorization: Bearer` (bearer, OAuth2, OpenID Connect).
    pub(crate) fn bearer(&mut self, what: &str, token: SecretString) {
        for i in self.targets(what, SchemeKind::is_bearer) {
            self.slots[i].secret = Some(token.clone());
        }
    }

    pub(crate) fn basic(&mut self, username: String, password: SecretString) {
        for i in self.targets("a username and password (.basic_auth())", |k| {
            *k == SchemeKind::Basic
        }) {
            self.slots[i].basic = Some((username.clone(), password.clone()));
        }
    }

    /// The API's one key (an `apiKey` or other `http` scheme).
    pub(crate) fn api_key(&mut self, key: SecretString) {
        let found = self.targets("an API key (.api_key())", |k| {
            matches!(k, SchemeKind::ApiKey { .. } | SchemeKind::Http { .. })
        });
        match found.as_slice() {
            [i] => self.slots[*i].secret = Some(key),
            [] => {}
            several => {
                let names: Vec<String> = several
                    .iter()
                    .map(|&i| format!("{:?}", self.schemes()[i].name))
                    .collect();
                self.unusable.push(format!(
                    "an API key was given with .api_key(), but {} has several: set each with \
                     .credential(NAME, value), NAME one of {}",
                    self.service.crate_name,
                    names.join(", ")
                ));
            }
        }
    }

    /// The credential of the scheme named `name` in the spec.
    pub(crate) fn named(&mut self, name: &str, value: SecretString) {
        let Some(i) = self.schemes().iter().position(|s| s.name == name) else {
            let names: Vec<String> = self
                .schemes()
                .iter()
                .map(|s| format!("{:?}", s.name))
                .collect();
            self.unusable.push(format!(
                ".credential({name:?}, ..) was given, but {} has no scheme of that name; its \
                 schemes are {}",
                self.service.crate_name,
                if names.is_empty() { "none".to_owned() } else { names.join(", ") }
            ));
            return;
        };
        let scheme = &self.schemes()[i];
        let setter = match scheme.kind {
            SchemeKind::Basic => Some(".basic_auth(username, password)"),
            SchemeKind::MutualTls => Some(".identity_pem(pem)"),
            SchemeKind::AwsSigV4 { .. } => Some(".aws_credentials(..)"),
            _ => None,
        };
        match setter {
            Some(setter) => self.unusable.push(format!(
                "the scheme {name:?} takes more than one value: set it with {setter}"
            )),
            None => self.slots[i].secret = Some(value),
        }
    }

    pub(crate) fn client_credentials(&mut self, id: String, secret: SecretString) {
        let what = "OAuth2 client credentials (.oauth2_client_credentials())";
        for i in self.targets(what, |k| matches!(k, SchemeKind::OAuth2 { token_url: Some(_) })) {
            self.slots[i].client = Some((id.clone(), secret.clone()));
        }
    }

    pub(crate) fn identity(&mut self, pem: Vec<u8>) {
        let what = "a client certificate (.identity_pem())";
        for i in self.targets(what, |k| *k == SchemeKind::MutualTls) {
            self.slots[i].identity = Some(SecretSlice::from(pem.clone()));
        }
    }

    /// Whether every scheme of `alternative` has what it needs.
    pub(crate) fn satisfies(&self, alternative: &[SchemeUse]) -> bool {
        alternative.iter().all(|u| self.has(u.scheme))
    }

    /// Whether scheme `i` has its credentials.
    pub(crate) fn has(&self, i: usize) -> bool {
        let (Some(scheme), Some(slot)) = (self.schemes().get(i), self.slots.get(i)) else {
            return false;
        };
        match scheme.kind {
            SchemeKind::Basic => slot.basic.is_some(),
            SchemeKind::OAuth2 { .. } => slot.secret.is_some() || slot.client.is_some(),
            SchemeKind::MutualTls => slot.identity.is_some(),
            SchemeKind::AwsSigV4 { .. } => self.aws.is_some() && self.region.is_some(),
            _ => slot.secret.is_some(),
        }
    }

    /// Fails when no credential at all is configured although the service's default
    /// requirement needs one: a client with credentials for some operations builds, and each
    /// call then sends what it can.
    pub(crate) fn check_default(&self) -> Result<(), ConfigError> {
        let security = self.service.security;
        let any_configured = (0..self.slots.len()).any(|i| self.has(i));
        if any_configured
            || security.is_empty()
            || security.iter().any(|alt| alt.is_empty() || self.satisfies(alt))
        {
            return Ok(());
        }
        let missing: Vec<String> = security.iter().map(|alt| self.missing(alt)).collect();
        Err(ConfigError::new(format!(
            "no credentials for {}: set {}",
            self.service.crate_name,
            missing.join(", or ")
        )))
    }

    /// The variables (or setters) still missing for `alternative`, e.g. `EXAMPLE_TOKEN` or
    /// `AWS_REGION (or AWS_DEFAULT_REGION)`.
    fn missing(&self, alternative: &[SchemeUse]) -> String {
        let mut vars: Vec<String> = Vec::new();
        for u in alternative.iter().filter(|u| !self.has(u.scheme)) {
            let Some(scheme) = self.schemes().get(u.scheme) else { continue };
            match scheme.kind {
                SchemeKind::AwsSigV4 { .. } => {
                    if self.aws.is_none() {
                        vars.push(format!("{AWS_ACCESS_KEY_ID} and {AWS_SECRET_ACCESS_KEY}"));
                    }
                    if self.region.is_none() {
                        vars.push(format!("{AWS_REGION} (or {AWS_DEFAULT_REGION}, or call .region())"));
                    }
                }
                SchemeKind::OAuth2 { token_url: Some(_) } => match scheme.env {
                    [token, id, secret, ..] => vars.push(format!("{token} (or {id} and {secret})")),
                    _ => vars.push(scheme.describe()),
                },
                _ if scheme.env.is_empty() => vars.push(scheme.describe()),
                _ => vars.push(scheme.env.join(" and ")),
            }
        }
        vars.join(" and ")
    }
}

impl Slot {
    /// Fills what is still empty from the variables `env` names (in `kind.env_parts()` order).
    pub(crate) fn fill_from_env(
        &mut self,
        kind: SchemeKind,
        env: &[&str],
        var: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        let get = |i: usize| env.get(i).and_then(|name| var(name)).map(|v| v.trim().to_owned());
        match kind {
            SchemeKind::Basic => {
                if let (None, Some(user), Some(password)) = (&self.basic, get(0), get(1)) {
                    self.basic = Some((user, SecretString::from(password)));
                }
            }
            SchemeKind::MutualTls => {
                if let (None, Some(path)) = (&self.identity, get(0)) {
                    let pem = std::fs::read(&path).map_err(|e| {
                        ConfigError::new(format!(
                            "{}: could not read the client certificate file {path:?}: {e}",
                            env[0]
                        ))
                    })?;
                    self.identity = Some(SecretSlice::from(pem));
                }
            }
            SchemeKind::AwsSigV4 { .. } => {}
            _ => {
                if self.secret.is_none() {
                    self.secret = get(0).map(SecretString::from);
                }
                if let (SchemeKind::OAuth2 { token_url: Some(_) }, None) = (kind, &self.client) {
                    if let (Some(id), Some(secret)) = (get(1), get(2)) {
                        self.client = Some((id, SecretString::from(secret)));
                    }
                }
            }
        }
        Ok(())
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        for (scheme, slot) in self.service.schemes.iter().zip(&self.slots) {
            let mut set: Vec<String> = Vec::new();
            if slot.secret.is_some() {
                set.push("<redacted>".into());
            }
            if let Some((user, _)) = &slot.basic {
                set.push(format!("basic {user}:<redacted>"));
            }
            if let Some((id, _)) = &slot.client {
                set.push(format!("client {id}:<redacted>"));
            }
            if slot.identity.is_some() {
                set.push("client certificate".into());
            }
            if !set.is_empty() {
                map.entry(&scheme.name, &set.join(", "));
            }
        }
        if let Some(aws) = &self.aws {
            let token = if aws.session_token.is_some() { " (session token <redacted>)" } else { "" };
            map.entry(&"aws", &format!("{}:<redacted>{token}", aws.access_key_id));
        }
        if let Some(region) = &self.region {
            map.entry(&"region", region);
        }
        map.finish()
    }
}
