//! The one-click link that stops a patient's email reminders, without logging in.
//!
//! A reminder must be easy to stop from the email itself (a person may not remember their
//! password, and a mail program's "unsubscribe" button cannot log in), yet nobody should be
//! able to stop someone else's reminders by changing a number in the link. So the link
//! carries the account id and an HMAC-SHA256 of it under a key of the site's
//! ([`backcare_storage::Store::site_key`], made at random by the first instance that needs
//! it and shared by all through the database). Nothing is stored per link.
//!
//! The link works with a plain `GET`, so the first click does it. A link scanner that opens
//! it stops the reminders too: the safe side to fail on (fewer emails, nothing lost), and
//! the page says how to turn them on again.

use backcare_storage::{Store, UserId};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use time::OffsetDateTime;

use crate::infra::security::random_hex;

/// The path the link opens.
pub const PATH: &str = "/reminders/stop";

/// The name of the site key the links are signed with.
const KEY: &str = "reminders-stop";

/// What is signed: a fixed label (so a signature made for another purpose with the same key
/// never fits) and the account id.
fn message(user: UserId) -> String {
    format!("backcare reminders stop\0{}", user.0)
}

async fn mac(store: &Store, now: OffsetDateTime) -> Result<Hmac<Sha256>, backcare_storage::Error> {
    let key = store.site_key(KEY, &random_hex(32), now).await?;
    // HMAC takes a key of any length.
    Hmac::<Sha256>::new_from_slice(key.as_bytes())
        .map_err(|e| backcare_storage::Error::Invalid(e.to_string()))
}

/// The path (with its query) of the link that stops `user`'s reminders.
pub async fn link(
    store: &Store,
    user: UserId,
    now: OffsetDateTime,
) -> Result<String, backcare_storage::Error> {
    let mut mac = mac(store, now).await?;
    mac.update(message(user).as_bytes());
    let sig = hex(&mac.finalize().into_bytes());
    Ok(format!("{PATH}?user={}&sig={sig}", user.0))
}

/// Whether `sig` is the signature of a link for `user` (compared in constant time).
pub async fn check(
    store: &Store,
    user: UserId,
    sig: &str,
    now: OffsetDateTime,
) -> Result<bool, backcare_storage::Error> {
    let Some(sig) = unhex(sig) else {
        return Ok(false);
    };
    let mut mac = mac(store, now).await?;
    mac.update(message(user).as_bytes());
    Ok(mac.verify_slice(&sig).is_ok())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use backcare_storage::connect;
    use backcare_storage::testing::block_on;
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_link_works_for_its_account_only_and_survives_a_restart() {
        block_on(async {
            let store = connect("sqlite::memory:").await.unwrap();
            store.migrate().await.unwrap();
            let now = datetime!(2026-12-03 09:00 UTC);
            let path = link(&store, UserId(7), now).await.unwrap();
            let sig = path.rsplit_once("sig=").unwrap().1.to_owned();
            assert_eq!(path, format!("/reminders/stop?user=7&sig={sig}"));
            assert!(check(&store, UserId(7), &sig, now).await.unwrap());
            // Another instance (or a restart) reads the same key, so the same link.
            assert_eq!(link(&store, UserId(7), now).await.unwrap(), path);
            assert!(!check(&store, UserId(8), &sig, now).await.unwrap());
            let mut flipped = sig.clone().into_bytes();
            flipped[0] = if flipped[0] == b'0' { b'1' } else { b'0' };
            let flipped = String::from_utf8(flipped).unwrap();
            for bad in [
                &flipped,
                "",
                "zz",
                &sig[..62],
                &format!("{sig}00"),
                &"é".repeat(32),
            ] {
                assert!(!check(&store, UserId(7), bad, now).await.unwrap(), "{bad}");
            }
        });
    }
}
