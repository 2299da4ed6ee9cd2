-- Consent to store health data (issue 12). Sign-up asks the person to agree to the privacy
-- notice; each agreement is kept with the notice's version and its date.
--
-- A table of its own rather than columns on `users`: when the notice changes (a new
-- version) the person is asked again, and the earlier agreement stays beside the new one,
-- so we can always show which text was agreed to and when. No row means no consent yet
-- (accounts made with `backcare user add`, and accounts from before this migration): the
-- patient is asked before the app stores any health data.
--
-- ON DELETE CASCADE: deleting the account withdraws consent, and its record goes with
-- everything else. Agreeing to the same version again keeps the first date (the primary key).
CREATE TABLE consents (
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notice_version TEXT    NOT NULL CHECK (length(notice_version) BETWEEN 1 AND 32),
    agreed_at      INTEGER NOT NULL,
    PRIMARY KEY (user_id, notice_version)
) STRICT;
