//! A small HTTP/1 test client: hyper-util's client plus a cookie jar, no redirects followed.

use std::collections::BTreeMap;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::HeaderMap;
use hyper_util::client::legacy::Client as Hyper;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// One visitor: a browser's cookie jar and language.
pub struct Client {
    base: String,
    secure: bool,
    http: Hyper<HttpConnector, Full<Bytes>>,
    cookies: BTreeMap<String, String>,
    /// The `Accept-Language` header to send, if any.
    pub accept_language: Option<String>,
    /// The `X-Forwarded-For` header to send, if any (as a reverse proxy would).
    pub forwarded_for: Option<String>,
    /// The server's clock, to make the two-factor codes of its "now" ([`crate::log_in`]).
    pub clock: Option<backcare_web::Clock>,
}

/// A response, with the body read as text.
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    /// A header's value, or "" if absent.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The redirect target, or "".
    pub fn location(&self) -> &str {
        self.header("location")
    }

    /// The `Set-Cookie` header that sets the cookie `name`, if any.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.split('=').next() == Some(name))
            .map(str::to_owned)
    }
}

impl Client {
    /// A visitor of `base` (`secure`: the server uses `__Host-` cookie names).
    pub fn new(base: &str, secure: bool) -> Self {
        Self {
            base: base.to_owned(),
            secure,
            http: Hyper::builder(TokioExecutor::new()).build_http(),
            cookies: BTreeMap::new(),
            accept_language: None,
            forwarded_for: None,
            clock: None,
        }
    }

    /// This visitor, connecting from `ip` (any of 127/8 works on Linux loopback), so tests
    /// can be several clients for the per-address limits.
    pub fn connecting_from(mut self, ip: std::net::IpAddr) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_local_address(Some(ip));
        self.http = Hyper::builder(TokioExecutor::new()).build(connector);
        self
    }

    fn session_name(&self) -> &'static str {
        backcare_web::auth::session_cookie_name(self.secure)
    }

    /// The session token in the jar.
    pub fn session(&self) -> Option<String> {
        self.cookies.get(self.session_name()).cloned()
    }

    /// Puts a session token back in the jar (to replay an old one).
    pub fn set_session(&mut self, token: &str) {
        self.cookies
            .insert(self.session_name().to_owned(), token.to_owned());
    }

    /// The CSRF token in the jar (get a page first).
    pub fn csrf(&self) -> String {
        self.cookies
            .get(backcare_web::csrf::cookie_name(self.secure))
            .cloned()
            .expect("no CSRF cookie yet: GET a page first")
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        self.send("GET", path, None, None).await
    }

    /// DELETEs, with this visitor's cookies and nothing else.
    pub async fn delete(&mut self, path: &str) -> Resp {
        self.send("DELETE", path, None, None).await
    }

    /// POSTs a form with this visitor's CSRF token added.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.csrf();
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&all).unwrap();
        self.send("POST", path, Some(body), None).await
    }

    /// POSTs a raw form body, with an optional `x-csrf-token` header and nothing added.
    pub async fn post_raw(&mut self, path: &str, body: &str, header_token: Option<&str>) -> Resp {
        self.send("POST", path, Some(body.to_owned()), header_token)
            .await
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<String>,
        header_token: Option<&str>,
    ) -> Resp {
        let mut request = hyper::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            request = request.header("cookie", jar.join("; "));
        }
        if let Some(lang) = &self.accept_language {
            request = request.header("accept-language", lang);
        }
        if let Some(chain) = &self.forwarded_for {
            request = request.header("x-forwarded-for", chain);
        }
        if let Some(token) = header_token {
            request = request.header("x-csrf-token", token);
        }
        if body.is_some() {
            request = request.header("content-type", "application/x-www-form-urlencoded");
        }
        let request = request
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .unwrap();
        let response = self
            .http
            .request(request)
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        for value in headers.get_all("set-cookie").iter() {
            let value = value.to_str().unwrap();
            let (pair, attributes) = value.split_once(';').unwrap_or((value, ""));
            let (name, val) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), val.to_owned());
            }
        }
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }
}
