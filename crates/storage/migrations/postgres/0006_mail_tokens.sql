-- Account emails (issue 12). A mail token is the secret in a link we email: only its
-- SHA-256 is kept, it is used once (the row is deleted when used) and it expires. `purpose`
-- says what the link does; `email` is the address it was sent to, so that a verification
-- link verifies that address and no other (the account's email may change in between).
CREATE TABLE mail_tokens (
    token_hash TEXT    PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('reset', 'verify')),
    email      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX mail_tokens_user ON mail_tokens (user_id, purpose, created_at);
CREATE INDEX mail_tokens_expires ON mail_tokens (expires_at);

-- When the account's email was shown to be its owner's (a verification link was used);
-- NULL until then. And the language the person uses the site in, for the emails we send
-- them (NULL: not known yet, e.g. an account made with `backcare user add`).
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('en', 'es'));
