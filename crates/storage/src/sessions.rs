//! Session activity (issue 12): a session ends after its lifetime *or* after idle time,
//! whichever comes first; a person lists their live sessions and signs out everywhere else.
//!
//! The idle limit depends on the role and is decided here, once, in SQL ([`live!`]): every
//! read of a session ([`Store::session`]), the list ([`Store::user_sessions`]) and the
//! housekeeping purge ([`Store::purge`]) use the same condition. Activity is recorded in
//! `last_seen_at`, but at most every [`TOUCH_EVERY`]: most requests only read.
//!
//! A session's [`DeviceLabel`] ("Firefox, Windows") is made by the web crate from a fixed
//! list of names; the store keeps only that label, never a User-Agent or an address.

use time::{Duration, OffsetDateTime};

use crate::error::Result;
use crate::{Error, Role, Store, TokenHash, UserId, at, secs};

/// How long a patient's session may go unused: three days. Patients come back to their
/// plan and diary about once a day, so a day or two away must not sign them out, and a
/// phone left signed in for longer than that ends by itself.
pub const PATIENT_IDLE_LIMIT: Duration = Duration::days(3);
/// How long a clinician's session may go unused: twelve hours (about one working day, as
/// OWASP ASVS level 2 asks of staff who open many people's records). A clinician's
/// session left open overnight on a shared computer has ended by the morning.
pub const CLINICIAN_IDLE_LIMIT: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, so that reading a session is not a write
/// on every request. A session's idle time is therefore known to within this much.
pub const TOUCH_EVERY: Duration = Duration::minutes(5);
/// The longest device label, in characters.
pub const MAX_DEVICE_LABEL: usize = 40;

impl Role {
    /// How long a session of this role may go unused before it ends.
    pub fn idle_limit(self) -> Duration {
        match self {
            Role::Patient => PATIENT_IDLE_LIMIT,
            Role::Clinician => CLINICIAN_IDLE_LIMIT,
        }
    }
}

/// The SQL condition for a live session `s` of user `u` at `$1`: not expired, and used
/// within its role's idle limit (`$2` for clinicians, `$3` for patients: bind them with
/// [`bind_live!`]). A macro, so that `concat!` can build whole statements from it.
macro_rules! live {
    () => {
        "s.expires_at > $1 \
         AND s.last_seen_at > $1 - CASE u.role WHEN 'clinician' THEN $2 ELSE $3 END"
    };
}

/// Binds `$1` to `$3` of a statement with [`live!`]: now and the two idle limits.
macro_rules! bind_live {
    ($query:expr, $now:expr) => {
        $query
            .bind($crate::secs($now))
            .bind(Role::Clinician.idle_limit().whole_seconds())
            .bind(Role::Patient.idle_limit().whole_seconds())
    };
}
pub(crate) use bind_live;

/// A live session and its user by token hash (`$4`): the user's columns as in
/// [`crate::accounts::UserRow`], then the session's created, expires, last seen and device.
pub(crate) const SESSION_BY_TOKEN: &str = concat!(
    "SELECT u.id, u.email, u.role, u.password_hash, u.created_at, \
            s.created_at, s.expires_at, s.last_seen_at, s.device \
     FROM sessions s JOIN users u ON u.id = s.user_id \
     WHERE s.token_hash = $4 AND ",
    live!()
);

/// A row of [`SESSION_BY_TOKEN`].
pub(crate) type SessionRow = (
    i64,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    Option<String>,
);

/// The housekeeping purge of sessions: expired or idle past their role's limit.
pub(crate) const PURGE_SESSIONS: &str = concat!(
    "DELETE FROM sessions WHERE token_hash IN (\
         SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE NOT (",
    live!(),
    "))"
);

/// A user's live sessions (`$4`), most recently used first.
const USER_SESSIONS: &str = concat!(
    "SELECT s.token_hash, s.created_at, s.last_seen_at, s.device \
     FROM sessions s JOIN users u ON u.id = s.user_id \
     WHERE s.user_id = $4 AND ",
    live!(),
    " ORDER BY s.last_seen_at DESC, s.created_at DESC"
);

/// A short, non-identifying name of the browser and system a session is used from, such
/// as "Firefox, Windows": 1 to [`MAX_DEVICE_LABEL`] characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceLabel(String);

impl DeviceLabel {
    /// Wraps a label; [`Error::Invalid`] if it is empty, too long or has control
    /// characters.
    pub fn new(label: impl Into<String>) -> Result<Self> {
        let label = label.into();
        let n = label.chars().count();
        if n == 0 || n > MAX_DEVICE_LABEL || label.chars().any(char::is_control) {
            return Err(Error::Invalid(format!(
                "a device label has 1 to {MAX_DEVICE_LABEL} characters and no control characters"
            )));
        }
        Ok(Self(label))
    }

    /// The label as shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A stored label read back (the database's CHECK keeps its length).
    pub(crate) fn from_db(label: Option<String>) -> Result<Option<Self>> {
        label
            .map(|l| Self::new(l).map_err(|e| crate::error::corrupt(e.to_string())))
            .transpose()
    }
}

/// One of a user's live sessions, as the sessions page lists it (never its token hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    /// When it began (the log-in).
    pub created_at: OffsetDateTime,
    /// When it was last used (to within [`TOUCH_EVERY`]).
    pub last_seen_at: OffsetDateTime,
    /// What it was used from, if known.
    pub device: Option<DeviceLabel>,
    /// Whether it is the session of the request asking.
    pub current: bool,
}

impl Store {
    /// Records that the session `token` was used at `now`, if it was last seen at least
    /// [`TOUCH_EVERY`] before (the condition is in the statement, so two requests at once
    /// write it once). Called by [`Store::session`].
    pub(crate) async fn touch_session(&self, token: &TokenHash, now: OffsetDateTime) -> Result<()> {
        on!(self, pool => sqlx::query(
            "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at <= $3",
        )
        .bind(secs(now))
        .bind(token.as_str())
        .bind(secs(now - TOUCH_EVERY))
        .execute(pool)
        .await
        .map(drop))?;
        Ok(())
    }

    /// Gives the session `token` its device label, if it has none yet (the label of the
    /// browser that first used it after the log-in; it never changes after).
    pub async fn set_session_device(&self, token: &TokenHash, device: &DeviceLabel) -> Result<()> {
        on!(self, pool => sqlx::query(
            "UPDATE sessions SET device = $1 WHERE token_hash = $2 AND device IS NULL",
        )
        .bind(device.as_str())
        .bind(token.as_str())
        .execute(pool)
        .await
        .map(drop))?;
        Ok(())
    }

    /// The user's live sessions at `now` (not expired, not idle past the limit of their
    /// role), the one with hash `current` first, then the most recently used.
    pub async fn user_sessions(
        &self,
        user: UserId,
        current: &TokenHash,
        now: OffsetDateTime,
    ) -> Result<Vec<SessionSummary>> {
        let rows: Vec<(String, i64, i64, Option<String>)> = on!(self, pool =>
            bind_live!(sqlx::query_as(USER_SESSIONS), now)
                .bind(user.0)
                .fetch_all(pool)
                .await)?;
        let mut sessions = rows
            .into_iter()
            .map(|(hash, created, seen, device)| {
                Ok(SessionSummary {
                    created_at: at(created)?,
                    last_seen_at: at(seen)?,
                    device: DeviceLabel::from_db(device)?,
                    current: hash == current.as_str(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        // Stable: the others keep their order.
        sessions.sort_by_key(|s| !s.current);
        Ok(sessions)
    }

    /// Ends every session of `user` but `keep` ("sign out everywhere else"); returns how
    /// many ended.
    pub async fn delete_other_sessions(&self, user: UserId, keep: &TokenHash) -> Result<u64> {
        Ok(on!(self, pool => sqlx::query(
            "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
        )
        .bind(user.0)
        .bind(keep.as_str())
        .execute(pool)
        .await?
        .rows_affected()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Email, PasswordHash, Purged};

    fn hash(c: char) -> TokenHash {
        TokenHash::new(c.to_string().repeat(64)).unwrap()
    }

    fn label(s: &str) -> DeviceLabel {
        DeviceLabel::new(s).unwrap()
    }

    /// Idle limits by role, activity written only every few minutes, the list, device
    /// labels set once, "sign out everywhere else" and the purge of idle sessions.
    async fn sessions_end_when_idle(store: &Store) {
        // Before the other tests' rows in this database, so the purge counts are ours.
        let t0 = OffsetDateTime::from_unix_timestamp(1_600_000_000).unwrap();
        let pw = PasswordHash::new("$argon2id$v=19$x").unwrap();
        let mut users = Vec::new();
        for (email, role) in [("pat", Role::Patient), ("doc", Role::Clinician)] {
            let email = Email::parse(&format!("idle-{email}@example.org")).unwrap();
            users.push(store.create_user(&email, &pw, role, t0).await.unwrap());
        }
        let [pat, doc] = &users[..] else {
            unreachable!()
        };
        let days14 = t0 + Duration::days(14);
        for (c, user) in [('a', pat.id), ('b', pat.id), ('c', pat.id), ('d', doc.id)] {
            store
                .create_session(&hash(c), user, t0, days14)
                .await
                .unwrap();
        }
        let seen = |s: &crate::Session| s.last_seen_at;

        // A new session was last seen when it began; within TOUCH_EVERY nothing is written.
        let a = store
            .session(&hash('a'), t0 + Duration::minutes(4))
            .await
            .unwrap();
        assert_eq!((seen(&a), a.device.clone()), (t0, None));
        let listed = store.user_sessions(pat.id, &hash('a'), t0).await.unwrap();
        assert_eq!(listed.len(), 3);
        assert_eq!(
            listed[0].last_seen_at, t0,
            "not written within the interval"
        );
        // After it, the use is recorded.
        let later = t0 + Duration::minutes(6);
        assert_eq!(
            seen(&store.session(&hash('a'), later).await.unwrap()),
            later
        );
        let listed = store
            .user_sessions(pat.id, &hash('b'), later)
            .await
            .unwrap();
        assert_eq!(
            listed
                .iter()
                .map(|s| (s.current, s.last_seen_at))
                .collect::<Vec<_>>(),
            [(true, t0), (false, later), (false, t0)],
            "this one first, then the most recently used"
        );

        // Device labels: set once, never replaced.
        store
            .set_session_device(&hash('a'), &label("Firefox, Windows"))
            .await
            .unwrap();
        store
            .set_session_device(&hash('a'), &label("Chrome, Android"))
            .await
            .unwrap();
        let a = store.session(&hash('a'), later).await.unwrap();
        assert_eq!(a.device, Some(label("Firefox, Windows")));

        // A patient's session lives up to three days unused, a clinician's twelve hours.
        let limit = PATIENT_IDLE_LIMIT;
        let second = Duration::seconds(1);
        assert!(store.session(&hash('b'), t0 + limit - second).await.is_ok());
        // 'b' was just used: its three days start again; 'c' was not.
        let c_idle = t0 + limit;
        assert!(matches!(
            store.session(&hash('c'), c_idle).await,
            Err(Error::NotFound)
        ));
        assert!(store.session(&hash('b'), c_idle).await.is_ok());
        let doc_limit = CLINICIAN_IDLE_LIMIT;
        assert_eq!(doc_limit, Role::Clinician.idle_limit());
        assert!(
            store
                .session(&hash('d'), t0 + doc_limit - second)
                .await
                .is_ok()
        );
        assert!(matches!(
            store
                .session(&hash('d'), t0 + doc_limit - second + doc_limit)
                .await,
            Err(Error::NotFound)
        ));
        // The list leaves out what has gone idle ('c'); 'a', used six minutes in, is there.
        let listed = store
            .user_sessions(pat.id, &hash('b'), c_idle)
            .await
            .unwrap();
        assert_eq!(
            listed
                .iter()
                .map(|s| (s.current, s.device.clone()))
                .collect::<Vec<_>>(),
            [(true, None), (false, Some(label("Firefox, Windows")))]
        );

        // The purge deletes sessions that went idle, as well as expired ones.
        let purged = store
            .purge(later + limit, OffsetDateTime::UNIX_EPOCH)
            .await
            .unwrap();
        assert_eq!(
            purged,
            Purged {
                sessions: 3,
                ..Purged::default()
            },
            "a and c (patient, idle), d (clinician, idle); b stays"
        );
        assert!(store.session(&hash('b'), later + limit).await.is_ok());

        // Sign out everywhere else: the others end, this one stays.
        for c in ['e', 'f'] {
            store
                .create_session(&hash(c), pat.id, later + limit, days14)
                .await
                .unwrap();
        }
        assert_eq!(
            store
                .delete_other_sessions(pat.id, &hash('e'))
                .await
                .unwrap(),
            2
        );
        let now = later + limit;
        assert!(store.session(&hash('e'), now).await.is_ok());
        for c in ['b', 'f'] {
            assert!(matches!(
                store.session(&hash(c), now).await,
                Err(Error::NotFound)
            ));
        }
        assert_eq!(
            store
                .delete_other_sessions(pat.id, &hash('e'))
                .await
                .unwrap(),
            0
        );
        // Another user's sessions are not touched.
        store
            .create_session(&hash('g'), doc.id, now, days14)
            .await
            .unwrap();
        store
            .delete_other_sessions(pat.id, &hash('e'))
            .await
            .unwrap();
        assert!(store.session(&hash('g'), now).await.is_ok());
    }

    #[test]
    fn device_labels_are_short_and_printable() {
        assert!(DeviceLabel::new("Safari, iOS").is_ok());
        assert!(DeviceLabel::new("").is_err());
        assert!(DeviceLabel::new("x".repeat(41)).is_err());
        assert!(DeviceLabel::new("Chrome\nAndroid").is_err());
        assert_eq!(Role::Patient.idle_limit(), Duration::days(3));
    }

    crate::testing::stories_on_both_backends!(
        sessions_on_sqlite,
        sessions_on_postgres,
        "storage_sessions",
        [sessions_end_when_idle]
    );
}
