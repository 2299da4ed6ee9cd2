-- A count that moves whenever a person's care record changes (an assessment, a
-- reassessment or a diary day written, changed or deleted), so that pages built from the
-- record (the plan, the progress charts) can be kept and used again until it moves. The
-- triggers move it whatever code wrote the row, and every instance on the database sees it.
ALTER TABLE users ADD COLUMN care_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER assessments_care_insert AFTER INSERT ON assessments
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id = NEW.user_id; END;
CREATE TRIGGER assessments_care_update AFTER UPDATE ON assessments
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id IN (OLD.user_id, NEW.user_id); END;
CREATE TRIGGER assessments_care_delete AFTER DELETE ON assessments
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id = OLD.user_id; END;

CREATE TRIGGER reassessments_care_insert AFTER INSERT ON reassessments
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id = NEW.user_id; END;
CREATE TRIGGER reassessments_care_update AFTER UPDATE ON reassessments
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id IN (OLD.user_id, NEW.user_id); END;
CREATE TRIGGER reassessments_care_delete AFTER DELETE ON reassessments
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id = OLD.user_id; END;

CREATE TRIGGER diary_entries_care_insert AFTER INSERT ON diary_entries
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id = NEW.user_id; END;
CREATE TRIGGER diary_entries_care_update AFTER UPDATE ON diary_entries
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id IN (OLD.user_id, NEW.user_id); END;
CREATE TRIGGER diary_entries_care_delete AFTER DELETE ON diary_entries
BEGIN UPDATE users SET care_version = care_version + 1 WHERE id = OLD.user_id; END;
