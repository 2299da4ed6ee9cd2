-- A count that moves whenever a person's care record changes (an assessment, a
-- reassessment or a diary day written, changed or deleted), so that pages built from the
-- record (the plan, the progress charts) can be kept and used again until it moves. The
-- triggers move it whatever code wrote the row, and every instance on the database sees it.
ALTER TABLE users ADD COLUMN care_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION bump_care_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE users SET care_version = care_version + 1 WHERE id = OLD.user_id;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.user_id <> OLD.user_id) THEN
        UPDATE users SET care_version = care_version + 1 WHERE id = NEW.user_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER assessments_care AFTER INSERT OR UPDATE OR DELETE ON assessments
    FOR EACH ROW EXECUTE FUNCTION bump_care_version();
CREATE TRIGGER reassessments_care AFTER INSERT OR UPDATE OR DELETE ON reassessments
    FOR EACH ROW EXECUTE FUNCTION bump_care_version();
CREATE TRIGGER diary_entries_care AFTER INSERT OR UPDATE OR DELETE ON diary_entries
    FOR EACH ROW EXECUTE FUNCTION bump_care_version();
