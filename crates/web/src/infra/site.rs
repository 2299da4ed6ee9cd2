//! The site's address as people and programs reach it (`serve --public-url`, e.g.
//! `https://backcare.clinic.example` behind a reverse proxy): the links in emails
//! ([`crate::infra::mail`]) and the FHIR API's own addresses (Bundle `fullUrl`s, search
//! `self` links, the CapabilityStatement's `implementation.url`) start with it. Only the
//! operator knows it; without it the server uses `http://` and the address it is bound to,
//! which is right only when people use the server directly.
//!
//! The FHIR *canonical* URLs (`backcare_fhir::BASE`: Questionnaires, code systems) never
//! follow it: they name things, wherever they are served from.

use std::net::SocketAddr;

/// An `http://` or `https://` address with a host and no `/` at the end (a path prefix is
/// kept). Made by [`PublicUrl::parse`] or [`PublicUrl::bound`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

/// A public URL that cannot be one, in words for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the public URL {0:?} must start with https:// (or http://), name a host, and have no \
     query (?) or fragment (#), e.g. https://backcare.clinic.example"
)]
pub struct BadPublicUrl(String);

impl PublicUrl {
    /// Checks `text` (a `/` at the end is dropped).
    ///
    /// # Errors
    /// When it is not an `http(s)://` address with a host, or has a query, a fragment or
    /// white space.
    pub fn parse(text: &str) -> Result<Self, BadPublicUrl> {
        let bad = || BadPublicUrl(text.to_owned());
        let trimmed = text.trim_end_matches('/');
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"))
            .ok_or_else(bad)?;
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || trimmed.contains(['?', '#']) || trimmed.contains(char::is_whitespace)
        {
            return Err(bad());
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// `http://` and the address the server is bound to: the default.
    pub fn bound(addr: SocketAddr) -> Self {
        Self(format!("http://{addr}"))
    }

    /// The full address of `path` (which starts with `/`) on this site.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// The FHIR API's base: `{public URL}/fhir`.
    pub fn fhir_base(&self) -> String {
        self.join("/fhir")
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_are_checked_and_lose_their_last_slash() {
        for (text, want) in [
            ("https://care.example/", "https://care.example"),
            ("https://care.example", "https://care.example"),
            ("http://10.0.0.5:8080", "http://10.0.0.5:8080"),
            (
                "https://clinic.example/backcare/",
                "https://clinic.example/backcare",
            ),
        ] {
            assert_eq!(PublicUrl::parse(text).unwrap().as_str(), want);
        }
        for bad in [
            "ftp://x",
            "care.example",
            "https://",
            "https:///path",
            "https://care.example/?a=1",
            "https://care.example/#top",
            "https://care example",
            "",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad:?}");
        }
        let url = PublicUrl::parse("https://care.example/").unwrap();
        assert_eq!(url.join("/login"), "https://care.example/login");
        assert_eq!(url.fhir_base(), "https://care.example/fhir");
        let bound = PublicUrl::bound(SocketAddr::from(([127, 0, 0, 1], 8080)));
        assert_eq!(bound.fhir_base(), "http://127.0.0.1:8080/fhir");
    }
}
