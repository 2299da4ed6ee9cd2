-- Limits that cannot lock people out (issue 12): a failed log-in is kept with the client
-- address it came from, so that too many failures refuse only that address, not the
-- account's owner elsewhere. Rows from before this have no address (''). The index on
-- `at` serves the purge of old failures.
ALTER TABLE login_failures ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failures_email_address_at ON login_failures (email, address, at);
CREATE INDEX login_failures_at ON login_failures (at);
