-- Who is who (issue 15): the name a person goes by, a patient's date of birth and a
-- clinician's profession, shown to the other side of a link. One row per user, written
-- the first time they give any of it; every part may be missing.
CREATE TABLE profiles (
    user_id      BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    display_name TEXT   CHECK (char_length(display_name) BETWEEN 1 AND 80),
    birth_date   DATE,
    profession   TEXT   CHECK (profession IN ('physiotherapist', 'gp', 'nurse', 'other')),
    updated_at   BIGINT NOT NULL
);
