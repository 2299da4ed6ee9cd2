//! Where to go afterwards: the `next` of `/lang/{lang}?next=` and `/login?next=`, parsed as
//! a path on this site ([`LocalPath`]) so that our redirects never send anyone elsewhere.
//!
//! Browsers are lenient with the URLs they follow, so a loose check is an open redirect:
//! they drop tabs and newlines inside a URL (`/\t/evil.example` becomes `//evil.example`,
//! which is another site), read `\` as `/`, and some servers and proxies decode `%2F` or
//! `%0A` once more on the way. The rule is therefore strict, and checked on the text as sent
//! and again after each round of percent-decoding: a single leading `/` (so no scheme such
//! as `https:` or `javascript:`, and no `//` or `/\` that would name another host), no
//! backslash, no control characters and no spaces (nothing a browser could drop or fold);
//! as sent it must be visible ASCII, and once decoded, visible characters of any script.
//! Our own links are always written that way (paths and queries are percent-encoded
//! ASCII), so nothing we send is lost. Anything else is not an error for the person: the
//! page goes to its fallback (`/`, or their start page).
//!
//! A valid path is also a valid `Location` header, so a redirect to it can never fail.

use serde::Deserialize;

/// The longest `next` kept (our own paths are far shorter).
pub const MAX_LEN: usize = 2048;

/// How many rounds of percent-decoding are checked; text still encoded after that is refused
/// (nobody writes a path encoded five times over).
const DECODE_ROUNDS: usize = 4;

/// A path on this site, safe to redirect to: see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath(String);

/// Why a `next` is not a path on this site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotLocal {
    /// It does not start with `/`: a scheme (`https:`, `javascript:`), a relative path or
    /// nothing at all.
    #[error("it does not start with `/`")]
    NotAPath,
    /// It starts with `//` or `/\`, which browsers read as the name of another site.
    #[error("it starts with `//` or `/\\`, which names another site")]
    OtherSite,
    /// It holds a backslash, which browsers read as `/`.
    #[error("it holds a backslash")]
    Backslash,
    /// It holds a control character, a space or a character outside ASCII.
    #[error("it holds a control character, a space or a character outside ASCII")]
    Character,
    /// It is longer than [`MAX_LEN`], or still percent-encoded after [`DECODE_ROUNDS`] rounds.
    #[error("it is too long or encoded too many times")]
    TooLong,
}

impl LocalPath {
    /// Parses `raw` (as the query or form gave it, already decoded once) as a path on this
    /// site.
    pub fn parse(raw: &str) -> Result<Self, NotLocal> {
        if raw.len() > MAX_LEN {
            return Err(NotLocal::TooLong);
        }
        let mut text = raw.as_bytes().to_vec();
        for round in 0..=DECODE_ROUNDS {
            check(&text, round == 0)?;
            let decoded = percent_decode(&text);
            if decoded == text {
                return Ok(Self(raw.to_owned()));
            }
            text = decoded;
        }
        Err(NotLocal::TooLong)
    }

    /// The path, with its query if it had one.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for LocalPath {
    type Err = NotLocal;

    fn from_str(raw: &str) -> Result<Self, NotLocal> {
        Self::parse(raw)
    }
}

/// One layer of the text: the rules of the module documentation. The text as sent must be
/// visible ASCII (it becomes a `Location` header); a decoded layer may hold other letters
/// (`/search?q=ci%C3%A1tica` is a Spanish search), but no control, invisible or space
/// character of any script, and nothing that is not UTF-8.
fn check(text: &[u8], as_sent: bool) -> Result<(), NotLocal> {
    match text {
        [b'/', b'/' | b'\\', ..] => return Err(NotLocal::OtherSite),
        [b'/', ..] => {}
        _ => return Err(NotLocal::NotAPath),
    }
    if text.contains(&b'\\') {
        return Err(NotLocal::Backslash);
    }
    let readable = if as_sent {
        // `!` to `~`: no space, tab, CR, LF, NUL, DEL, or any byte outside ASCII.
        text.iter().all(u8::is_ascii_graphic)
    } else {
        std::str::from_utf8(text).is_ok_and(|t| t.chars().all(visible))
    };
    if readable {
        Ok(())
    } else {
        Err(NotLocal::Character)
    }
}

/// Whether `c` is a character a person can see: not a control character, not a space of
/// any kind, and not one of the invisible format characters (zero-width spaces and joiners,
/// direction marks and overrides, the byte-order mark).
fn visible(c: char) -> bool {
    !c.is_control()
        && !c.is_whitespace()
        && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// One round of percent-decoding; a `%` not followed by two hex digits stays as it is.
fn percent_decode(text: &[u8]) -> Vec<u8> {
    fn hex(b: u8) -> Option<u8> {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let decoded = match text.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match decoded {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(text[i]);
                i += 1;
            }
        }
    }
    out
}

/// The `next` parameter of a query (`?next=/path`) or a form: a [`LocalPath`], or nothing
/// when it is absent or not a path on this site. Reading it never fails: other parameters
/// are ignored and only the first `next` counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "Vec<(String, String)>")]
pub struct Next(Option<LocalPath>);

impl From<Vec<(String, String)>> for Next {
    fn from(pairs: Vec<(String, String)>) -> Self {
        pairs
            .iter()
            .find(|(name, _)| name == "next")
            .map_or_else(Self::default, |(_, value)| Self::parse(value))
    }
}

impl Next {
    /// `raw` if it is a path on this site, else nothing (a form's hidden `next` field).
    pub fn parse(raw: &str) -> Self {
        Self(LocalPath::parse(raw).ok())
    }

    /// The path, if there is a good one.
    pub fn path(&self) -> Option<&LocalPath> {
        self.0.as_ref()
    }

    /// Where to go: the path, or `fallback`.
    pub fn or<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.0.as_ref().map_or(fallback, LocalPath::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `raw` (as the query parser hands it over, already decoded once) and what it gives.
    fn case(raw: &str, want: Result<&str, NotLocal>) {
        assert_eq!(
            LocalPath::parse(raw).map(|p| p.0),
            want.map(str::to_owned),
            "{raw:?}"
        );
    }

    #[test]
    fn paths_on_this_site_are_kept() {
        for path in [
            "/",
            "/account",
            "/login?next=%2Faccount",
            "/search?q=back+pain&topic=sleep",
            "/search?q=%3Cscript%3E",
            "/articles/slipped-disc-and-sciatica#what-helps",
            "/javascript:alert(1)",
            "/search?q=ci%C3%A1tica",
        ] {
            case(path, Ok(path));
        }
    }

    #[test]
    fn other_sites_are_refused() {
        use NotLocal::*;
        for (raw, why) in [
            ("", NotAPath),
            ("account", NotAPath),
            ("https://evil.example", NotAPath),
            ("javascript:alert(1)", NotAPath),
            ("JaVaScRiPt:alert(1)", NotAPath),
            ("data:text/html,hi", NotAPath),
            (" /account", NotAPath),
            ("%2F%2Fevil.example", NotAPath),
            ("//evil.example", OtherSite),
            ("///evil.example", OtherSite),
            ("/\\evil.example", OtherSite),
            ("/a\\b", Backslash),
            // `%2F%09%2Fevil.example` in the query: the tab a browser drops.
            ("/\t/evil.example", Character),
            ("/\n/evil.example", Character),
            ("/account\r\nSet-Cookie: x=1", Character),
            ("/account\0", Character),
            ("/a b", Character),
            ("/\u{7f}", Character),
            ("/ñandú", Character),
            ("/\u{3000}/evil.example", Character),
            // Encoded once more (`%252F` in the query): caught after decoding.
            ("/%2F/evil.example", OtherSite),
            ("/%2f%2fevil.example", OtherSite),
            ("/%5Cevil.example", OtherSite),
            ("/a%5Cb", Backslash),
            ("/%09/evil.example", Character),
            ("/account%0D%0ASet-Cookie:%20x=1", Character),
            ("/account%0a", Character),
            ("/a%2520b", Character),
            ("/%252F%252Fevil.example", OtherSite),
            ("/%FF", Character),
            ("/%E3%80%80/evil.example", Character),
            ("/%E2%80%8B/evil.example", Character),
            ("/%C2%85", Character),
            ("/%25252525252F", TooLong),
        ] {
            case(raw, Err(why));
        }
        let long = format!("/{}", "a".repeat(MAX_LEN));
        case(&long, Err(NotLocal::TooLong));
        case(&long[..MAX_LEN], Ok(&long[..MAX_LEN]));
    }

    #[test]
    fn a_lone_percent_sign_stays_as_it_is() {
        case("/50%", Ok("/50%"));
        case("/50%zz", Ok("/50%zz"));
    }

    #[test]
    fn the_query_parameter_never_fails() {
        let next = |q: &str| serde_urlencoded::from_str::<Next>(q).unwrap();
        assert_eq!(next("next=%2Faccount").or("/"), "/account");
        assert_eq!(next("next=%2F%09%2Fevil.example").or("/"), "/");
        assert_eq!(next("next=%2F%0A").or("/home"), "/home");
        assert_eq!(next("next=%2F%252F%252Fevil.example").or("/"), "/");
        assert_eq!(next("").or("/"), "/");
        assert_eq!(next("other=1&next=%2Fa&next=%2Fb").or("/"), "/a");
        assert_eq!(next("next=%FF").path(), None);
        assert_eq!(
            Next::parse("/plan").path().map(LocalPath::as_str),
            Some("/plan")
        );
        assert_eq!(Next::parse("//evil.example").or(""), "");
    }
}
