-- Hearing Helper PostgreSQL schema 005: visits (issue 13), as SQLite's 005 (numbered 4 until
-- issue 22).
-- Records stored before are hearing-day assistance whose rating, if any, staff typed in.
-- The columns come in the order of hearing_helper.store.visit_rows.VISIT_COLUMNS (deliveries
-- copy whole rows into a staging table made LIKE assists).
ALTER TABLE assists ADD COLUMN kind hh_text NOT NULL DEFAULT 'hearing_day'
    CHECK (kind IN ('preparation', 'hearing_day'));
ALTER TABLE assists ADD COLUMN prep_outcome hh_text;
ALTER TABLE assists ADD COLUMN next_visit_on hh_text;
ALTER TABLE assists ADD COLUMN recommended_mode hh_text;
ALTER TABLE assists ADD COLUMN chosen_mode hh_text;
ALTER TABLE assists ADD COLUMN failure_cause hh_text;
ALTER TABLE assists ADD COLUMN follow_up_result hh_text;
ALTER TABLE assists ADD COLUMN follow_up_at hh_text;
ALTER TABLE assists ADD COLUMN previous_id hh_text;
ALTER TABLE assists ADD COLUMN rating_source hh_text NOT NULL DEFAULT 'not_asked'
    CHECK (rating_source IN ('litigant', 'staff', 'not_asked'));
UPDATE assists SET rating_source = 'staff' WHERE satisfaction IS NOT NULL;
CREATE INDEX assists_prepared ON assists (kind, status, follow_up_result, hearing_at);
CREATE INDEX assists_phone ON assists (phone);
CREATE INDEX assists_previous ON assists (previous_id);
CREATE INDEX assists_period_phone ON assists (status, started_at, phone);
CREATE INDEX assists_visits ON assists (kind, status, started_at) INCLUDE (
    prep_outcome, chosen_mode, follow_up_result, previous_id, outcome, court, desk, staff_id,
    platform_id, role, desk_id
);
CREATE INDEX assists_ratings ON assists (status, started_at) INCLUDE (
    satisfaction, rating_source, court, desk, staff_id, platform_id, role, outcome, desk_id
);
