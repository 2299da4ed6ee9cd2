//! Two-factor sign-in: time-based codes (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second
//! steps, one step of clock drift either way) from an authenticator app, and single-use
//! recovery codes for when the phone is lost.
//!
//! **Who.** Required for clinicians (they see many people's records): a clinician whose
//! password was right but who has no second factor yet sets it up before any session
//! starts. Offered to patients on their account page.
//!
//! **The half-done sign-in.** A right password for such an account starts no session: it
//! stores a login challenge (the hash of a random token the browser keeps in its own
//! cookie, valid [`CHALLENGE_LIFETIME`]) and sends the browser to `/login/two-factor`.
//! [`MAX_CODE_FAILURES`] wrong codes end the challenge, so a guesser must get the password
//! right again for every few guesses; the per-address limit applies to the code form too.
//!
//! **Once.** A code is accepted only for a time step later than the last one accepted, and
//! a recovery code is deleted as it is used, each in one statement (see
//! `backcare_storage`'s `two_factor` module), so neither can be replayed.
//!
//! **The secret** is kept in the database as the authenticator app gets it (it must be, to
//! check codes). It is shown while set-up is in progress (a QR code drawn as SVG on the
//! server, and as text), and never again once the first code was typed.

use axum::http::HeaderValue;
use axum::http::request::Parts;
use backcare_storage::{Email, Role, TokenHash, User, UserId};
use qrcode::QrCode;
use qrcode::render::svg;
use time::{Duration, OffsetDateTime};
use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::AppState;
use crate::infra::auth::token_hash;
use crate::infra::security::{CookieSpec, cookie, random_hex};

/// Seconds per code.
pub const STEP_SECONDS: u64 = 30;
/// Digits per code.
pub const DIGITS: u8 = 6;
/// How many recovery codes a person gets.
pub const RECOVERY_CODES: usize = 10;
/// How long the second step of a sign-in may take.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(10);
/// Wrong codes after which the person signs in with their password again.
pub const MAX_CODE_FAILURES: u32 = 5;
/// The name in the authenticator app.
const ISSUER: &str = "backcare";
/// Letters and digits of recovery codes: no 0/o, 1/l/i, so they can be read off paper.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Characters per recovery code (about 49 bits), written as two groups of five.
const RECOVERY_LENGTH: usize = 10;

/// A new random shared secret (160 bits, as RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).expect("the operating system's random number generator failed");
    Secret::from(bytes).to_base32()
}

/// The TOTP of a base32 secret; `None` if it is not base32 or shorter than 128 bits.
fn totp(secret: &str, account: &str) -> Option<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_skew(1)
        .with_step_duration(STEP_SECONDS)
        .with_secret(Secret::try_from_base32(secret).ok()?)
        .with_issuer(Some(ISSUER))
        .with_account_name(account)
        .build()
        .ok()
}

fn unix(now: OffsetDateTime) -> u64 {
    u64::try_from(now.unix_timestamp()).unwrap_or(0)
}

/// The code an authenticator app shows at `now` for `secret` (base32); `None` if the
/// secret is not valid base32 of at least 128 bits. For the tests and the demo.
pub fn code_at(secret: &str, now: OffsetDateTime) -> Option<String> {
    Some(totp(secret, "x")?.generate(unix(now)).to_string())
}

/// The time step of `code` if it is right for `secret` at `now`, allowing one step of
/// drift either way. Spaces in the typed code are ignored.
pub fn matching_step(secret: &str, code: &str, now: OffsetDateTime) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != usize::from(DIGITS) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    totp(secret, "x")?.check(&code, unix(now))
}

/// Whether what was typed looks like a time-based code (digits only) rather than a
/// recovery code.
pub fn looks_like_code(typed: &str) -> bool {
    let digits: Vec<char> = typed.chars().filter(|c| !c.is_whitespace()).collect();
    !digits.is_empty() && digits.iter().all(char::is_ascii_digit)
}

/// The `otpauth://` link an authenticator app reads from the QR code.
pub fn otpauth_url(secret: &str, email: &Email) -> Option<String> {
    totp(secret, email.as_str())?.to_url().ok()
}

/// The QR code of `text` as an inline SVG element (no XML declaration), with a quiet zone,
/// black on white whatever the page's colours.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    let start = image.find("<svg")?;
    Some(image[start..].to_owned())
}

/// The secret in groups of four, easier to type into an app by hand.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// New recovery codes, as shown to the person (`abcde-fghjk`).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; RECOVERY_LENGTH];
            getrandom::fill(&mut bytes)
                .expect("the operating system's random number generator failed");
            // 256 is not a multiple of the alphabet's 31 letters: drawing by rejection
            // keeps every letter equally likely.
            let mut letters = Vec::with_capacity(RECOVERY_LENGTH);
            let mut pool = bytes.to_vec();
            while letters.len() < RECOVERY_LENGTH {
                if pool.is_empty() {
                    pool = vec![0u8; RECOVERY_LENGTH];
                    getrandom::fill(&mut pool)
                        .expect("the operating system's random number generator failed");
                }
                let b = pool.pop().unwrap_or(0);
                let n = RECOVERY_ALPHABET.len();
                if usize::from(b) < 256 - 256 % n {
                    letters.push(RECOVERY_ALPHABET[usize::from(b) % n]);
                }
            }
            let text = String::from_utf8_lossy(&letters).into_owned();
            format!("{}-{}", &text[..5], &text[5..])
        })
        .collect()
}

/// The stored form of a recovery code as typed (case, spaces and dashes ignored); `None`
/// if it cannot be one.
pub fn recovery_hash(typed: &str) -> Option<TokenHash> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (code.len() == RECOVERY_LENGTH && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then(|| token_hash(&code))
}

/// The name of the cookie holding a half-done sign-in's token.
pub fn challenge_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-backcare-login"
    } else {
        "backcare_login"
    }
}

/// Whether signing in as `user` takes a second step: it is on for them, or they are a
/// clinician (who sets it up in that step if they have not yet).
pub async fn needed(state: &AppState, user: &User) -> Result<bool, backcare_storage::Error> {
    if user.role == Role::Clinician {
        return Ok(true);
    }
    Ok(state
        .store
        .two_factor(user.id)
        .await?
        .is_some_and(|f| f.confirmed_at.is_some()))
}

/// Stores a half-done sign-in for `user` (going to `next` afterwards) and returns the
/// cookie that gives the browser its token.
pub async fn start_challenge(
    state: &AppState,
    user: UserId,
    next: &str,
    now: OffsetDateTime,
) -> Result<HeaderValue, backcare_storage::Error> {
    let token = random_hex(32);
    state
        .store
        .create_login_challenge(
            &token_hash(&token),
            user,
            next,
            now,
            now + CHALLENGE_LIFETIME,
        )
        .await?;
    Ok(CookieSpec {
        name: challenge_cookie_name(state.secure_cookies),
        value: &token,
        max_age: Some(CHALLENGE_LIFETIME.whole_seconds()),
        http_only: true,
        secure: state.secure_cookies,
    }
    .header())
}

/// The hash of this request's half-done sign-in token, if its cookie is there.
pub fn challenge_token(parts: &Parts, secure: bool) -> Option<TokenHash> {
    cookie(parts, challenge_cookie_name(secure)).map(token_hash)
}

/// The `Set-Cookie` header that deletes the half-done sign-in's cookie.
pub fn end_challenge_cookie(secure: bool) -> HeaderValue {
    CookieSpec {
        name: challenge_cookie_name(secure),
        value: "",
        max_age: Some(0),
        http_only: true,
        secure,
    }
    .header()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B: the SHA-1 key "12345678901234567890" at 59 s gives 94287082
    /// (8 digits); its last six digits are the 6-digit code.
    #[test]
    fn codes_follow_rfc_6238() {
        let secret = Secret::from(*b"12345678901234567890").to_base32();
        let at = |s| OffsetDateTime::from_unix_timestamp(s).unwrap();
        assert_eq!(code_at(&secret, at(59)).unwrap(), "287082");
        assert_eq!(code_at(&secret, at(1_111_111_109)).unwrap(), "081804");
        assert_eq!(code_at(&secret, at(1_234_567_890)).unwrap(), "005924");
        // One step of drift either way, not two; spaces ignored; junk refused.
        let now = at(1_234_567_890);
        let step = 1_234_567_890 / 30;
        assert_eq!(matching_step(&secret, "005 924", now), Some(step));
        let early = code_at(&secret, at(1_234_567_890 - 30)).unwrap();
        assert_eq!(matching_step(&secret, &early, now), Some(step - 1));
        let late = code_at(&secret, at(1_234_567_890 + 30)).unwrap();
        assert_eq!(matching_step(&secret, &late, now), Some(step + 1));
        let too_late = code_at(&secret, at(1_234_567_890 + 60)).unwrap();
        assert_eq!(matching_step(&secret, &too_late, now), None);
        for junk in ["", "00592", "0059245", "abcdef", "００５９２４"] {
            assert_eq!(matching_step(&secret, junk, now), None, "{junk:?}");
        }
    }

    #[test]
    fn secrets_are_random_160_bit_base32_with_a_qr_code() {
        let a = new_secret();
        assert_ne!(a, new_secret());
        assert_eq!(a.len(), 32, "160 bits in base32");
        let email = Email::parse("doc@example.org").unwrap();
        let url = otpauth_url(&a, &email).unwrap();
        assert!(
            url.starts_with("otpauth://totp/backcare:doc%40example.org?"),
            "{url}"
        );
        assert!(url.contains(&format!("secret={a}")), "{url}");
        let svg = qr_svg(&url).unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }

    #[test]
    fn recovery_codes_are_readable_and_typed_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), 11);
            assert_eq!(&code[5..6], "-");
            let loose = format!(" {} ", code.to_uppercase().replace('-', " "));
            assert_eq!(recovery_hash(&loose), recovery_hash(code));
            assert!(recovery_hash(code).is_some());
            assert!(!looks_like_code(code));
        }
        assert_eq!(
            recovery_hash("abcde-fghj0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(recovery_hash("abcde"), None);
        assert!(looks_like_code("123 456"));
    }
}
