-- Which exercises a person did on a day, how many times, and how the last one felt, as the
-- session page records them. The plan holds an exercise rated "too hard" the week after, so
-- a change here is a change of the care record: it moves care_version like the diary.
CREATE TABLE exercise_days (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day         TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    exercise_id TEXT    NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 64),
    times_done  INTEGER NOT NULL CHECK (times_done >= 1),
    effort      TEXT    CHECK (effort IN ('too_easy', 'just_right', 'too_hard')),
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, day, exercise_id)
) STRICT;

CREATE TRIGGER exercise_days_care_insert AFTER INSERT ON exercise_days
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id = NEW.user_id; END;
CREATE TRIGGER exercise_days_care_update AFTER UPDATE ON exercise_days
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id IN (OLD.user_id, NEW.user_id); END;
CREATE TRIGGER exercise_days_care_delete AFTER DELETE ON exercise_days
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id = OLD.user_id; END;
