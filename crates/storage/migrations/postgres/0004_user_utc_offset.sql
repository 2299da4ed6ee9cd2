-- The patient's own clock (issue 11): "today" for a patient is the date where they live,
-- not the server's UTC date. A fixed offset from UTC in minutes, chosen on the account
-- page; NULL until chosen, when the server's offset is used.
ALTER TABLE users ADD COLUMN utc_offset_minutes BIGINT
    CHECK (utc_offset_minutes BETWEEN -1080 AND 1080);
