-- Sessions end after idle time as well as after their lifetime (issue 12). `last_seen_at`
-- is when the session was last used (written at most every few minutes, not on every
-- request); a session is refused once it has been idle longer than its role's limit.
-- Sessions that exist already count as last seen when they began.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT;
UPDATE sessions SET last_seen_at = created_at;
ALTER TABLE sessions ALTER COLUMN last_seen_at SET NOT NULL;

-- A short label of the browser and system the session was used from ("Firefox, Windows"),
-- so that a person can tell their sessions apart. Only the label is kept, made from a fixed
-- list of names: never the raw User-Agent, never an address. NULL: not known.
ALTER TABLE sessions ADD COLUMN device TEXT CHECK (char_length(device) BETWEEN 1 AND 40);
