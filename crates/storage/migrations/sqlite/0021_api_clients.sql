-- Backend services clients (issue 16; SMART App Launch v2 backend services): a system that
-- proves who it is with a JWT signed by one of its registered public keys (JWKS) and gets a
-- short-lived, read-only access token for a clinician's panel. A client assertion's `jti`
-- is kept until the assertion expires, so it cannot be used twice. Deleting a client
-- deletes its tokens.
CREATE TABLE api_clients (
    id         TEXT    PRIMARY KEY CHECK (length(id) = 32),
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label      TEXT    NOT NULL CHECK (length(label) <= 100),
    jwks       TEXT    NOT NULL CHECK (json_valid(jwks)),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX api_clients_user ON api_clients (user_id);

CREATE TABLE client_assertions (
    client_id  TEXT    NOT NULL REFERENCES api_clients (id) ON DELETE CASCADE,
    jti        TEXT    NOT NULL CHECK (length(jti) BETWEEN 1 AND 255),
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (client_id, jti)
) STRICT;
CREATE INDEX client_assertions_expiry ON client_assertions (expires_at);

ALTER TABLE api_tokens ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0
    CHECK (read_only IN (0, 1));
ALTER TABLE api_tokens ADD COLUMN client_id TEXT
    REFERENCES api_clients (id) ON DELETE CASCADE;
