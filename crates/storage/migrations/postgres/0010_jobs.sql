-- Background jobs (issue 13): with several `serve` instances on one database, each periodic
-- job (the housekeeping purge; later reminders and exports) runs once per period in all,
-- not once per instance. One row per job: an instance runs the job only after moving
-- `next_run_at` forward itself, in one `UPDATE ... WHERE next_run_at <= now`, so of two
-- instances that find it due at the same moment exactly one gets the row (the second
-- waits for the first's row lock, then sees the new `next_run_at` and updates nothing).
-- `last_run_by` names the instance that ran it last (a process id and a random tag,
-- nothing personal).
CREATE TABLE jobs (
    name        TEXT    NOT NULL PRIMARY KEY,
    next_run_at BIGINT  NOT NULL,
    last_run_at BIGINT,
    last_run_by TEXT,
    runs        BIGINT  NOT NULL DEFAULT 0
);
