-- Which exercises a person did on a day, how many times, and how the last one felt, as the
-- session page records them. The plan holds an exercise rated "too hard" the week after, so
-- a change here is a change of the care record: it moves care_version like the diary.
CREATE TABLE exercise_days (
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day         DATE    NOT NULL,
    exercise_id TEXT    NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 64),
    times_done  INTEGER NOT NULL CHECK (times_done >= 1),
    effort      TEXT    CHECK (effort IN ('too_easy', 'just_right', 'too_hard')),
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (user_id, day, exercise_id)
);

CREATE TRIGGER exercise_days_care AFTER INSERT OR UPDATE OR DELETE ON exercise_days
    FOR EACH ROW EXECUTE FUNCTION bump_care_version();
