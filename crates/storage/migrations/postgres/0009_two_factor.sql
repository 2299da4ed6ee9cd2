-- Two-factor sign-in (issue 12): a TOTP secret (RFC 6238) and single-use recovery codes.
--
-- two_factor: one row per account that has started setting it up. `secret` is the shared
-- key in base32, as an authenticator app takes it: it must be kept, not hashed, to check
-- codes. `confirmed_at` is NULL while the person has not yet typed a first code (set-up
-- can be started again, with a new secret, until then). `last_step` is the 30-second
-- step of the last code accepted, so a code cannot be used twice.
CREATE TABLE two_factor (
    user_id      BIGINT  NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    confirmed_at BIGINT,
    last_step    BIGINT  NOT NULL DEFAULT 0
);

-- Recovery codes: only their SHA-256 is kept; using one deletes its row.
CREATE TABLE recovery_codes (
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- A sign-in half done: the password was right, the second step is still to come. The
-- browser holds the secret token in a cookie; we keep its SHA-256, where to go afterwards,
-- and how many wrong codes were typed (after a few, the person starts again).
CREATE TABLE login_challenges (
    token_hash TEXT    PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    next_path  TEXT    NOT NULL,
    failures   BIGINT  NOT NULL DEFAULT 0,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX login_challenges_expires ON login_challenges (expires_at);
