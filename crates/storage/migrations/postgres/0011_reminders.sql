-- Email reminders (issue 13). A patient who opts in gets a reminder on the weekdays they
-- chose, at their chosen time in their own time zone ("your plan for today is ready"), and
-- one when a check-in questionnaire is due. One row per patient who opted in; deleting the
-- row (the unsubscribe link, or turning both off) stops every reminder.
--
-- exercise_days: a bit per weekday, Monday = 1 ... Sunday = 64 (0: no exercise-day
-- reminders). at_minute: minutes after the person's local midnight.
CREATE TABLE reminder_settings (
    user_id       BIGINT   NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    exercise_days SMALLINT NOT NULL CHECK (exercise_days BETWEEN 0 AND 127),
    at_minute     SMALLINT NOT NULL CHECK (at_minute BETWEEN 0 AND 1439),
    reassessment  BOOLEAN  NOT NULL,
    updated_at    BIGINT   NOT NULL
);

-- Each reminder sent, by the person's local day it was for: the primary key is what makes
-- a reminder go out once, however many instances run the reminder job (the first insert
-- wins; a send that fails deletes its row so a later run tries again). For a check-in
-- reminder `day` is the day the questionnaire became due, so it is sent once per due date.
CREATE TABLE reminders_sent (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    TEXT   NOT NULL CHECK (kind IN ('exercise', 'reassessment')),
    day     DATE   NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind, day)
);
CREATE INDEX reminders_sent_at ON reminders_sent (sent_at);

-- Keys the server signs links with (the reminders' unsubscribe link), shared by every
-- instance on the database: the first instance to need one stores it, the others read it.
-- `secret` is hex. A database backup holds it, like the rest of the data.
CREATE TABLE site_keys (
    name       TEXT   NOT NULL PRIMARY KEY,
    secret     TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
